package org.onewindow.review;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.onewindow.catalog.Catalog;
import org.onewindow.catalog.CatalogItem;
import org.onewindow.process.CaseVariables;
import org.onewindow.process.CommitmentItemProcess;
import org.springframework.stereotype.Component;

/** Sets the lead department and whether a joint site inspection is needed, from the catalog. */
@Component("routeCaseDelegate")
public class RouteCaseDelegate implements JavaDelegate {
  private final Catalog catalog;

  public RouteCaseDelegate(Catalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CatalogItem item = catalog.require((String) execution.getVariable(CaseVariables.ITEM_CODE));
    execution.setVariable(CommitmentItemProcess.LEAD_DEPARTMENT, item.leadDepartment());
    execution.setVariable(CommitmentItemProcess.NEEDS_SITE_INSPECTION, item.siteInspection());
  }
}
