package org.onewindow.catalog;

import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Once the models are deployed: every catalog item's process must exist, or the start stops. */
@Component
public class CatalogProcessCheck {
  private final Catalog catalog;
  private final RepositoryService repository;

  public CatalogProcessCheck(Catalog catalog, RepositoryService repository) {
    this.catalog = catalog;
    this.repository = repository;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void check() {
    List<String> problems = catalog.items().stream()
        .filter(item -> repository.createProcessDefinitionQuery().processDefinitionKey(item.processKey()).count() == 0)
        .map(item -> "item " + item.code() + " field process: no deployed process '" + item.processKey() + "'")
        .toList();
    if (!problems.isEmpty()) {
      throw new CatalogException("(deployed processes)", problems);
    }
  }
}
