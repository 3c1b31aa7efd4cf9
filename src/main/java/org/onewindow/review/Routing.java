package org.onewindow.review;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.onewindow.catalog.Catalog;
import org.onewindow.engine.ModelApi;
import org.onewindow.process.CaseVariables;
import org.springframework.stereotype.Component;

/**
 * Internal routing (内部流转) from the catalog. The joint review's multi-instance collection is
 * {@code ${routing.reviewDepartments(execution)}}: computed, not stored, so no list variable is
 * serialised into the case.
 */
@Component("routing")
@ModelApi
public class Routing {
  private final Catalog catalog;

  public Routing(Catalog catalog) {
    this.catalog = catalog;
  }

  public List<String> reviewDepartments(DelegateExecution execution) {
    return catalog.require((String) execution.getVariable(CaseVariables.ITEM_CODE)).reviewDepartments();
  }
}
