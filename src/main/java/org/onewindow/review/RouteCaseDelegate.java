package org.onewindow.review;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.onewindow.catalog.Catalog;
import org.onewindow.catalog.CatalogItem;
import org.onewindow.engine.ModelApi;
import org.onewindow.process.CaseVariables;
import org.onewindow.process.CommitmentItemProcess;
import org.springframework.stereotype.Component;

/**
 * Internal routing (内部流转): sets the lead department and whether a joint site inspection is
 * needed, from the catalog, and lets each department the case is routed to read this one case
 * (its process instance and variables: receipt number, item and applicant in its Tasklist queue,
 * the materials in its forms), and no other.
 */
@Component("routeCaseDelegate")
@ModelApi
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
    grantRead(execution, item);
  }

  /**
   * One READ grant per routed department on this process instance. It is written without the
   * clerk's own authorization check (an engine-internal call): routing is the system's act, not
   * the clerk's, and the clerk may not grant anything.
   */
  private static void grantRead(DelegateExecution execution, CatalogItem item) {
    AuthorizationService authorizations = execution.getProcessEngineServices().getAuthorizationService();
    String processInstanceId = execution.getProcessInstanceId();
    Context.getCommandContext().runWithoutAuthorization(() -> {
      for (String department : item.reviewDepartments()) {
        Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        grant.setGroupId(department);
        grant.setResource(Resources.PROCESS_INSTANCE);
        grant.setResourceId(processInstanceId);
        grant.addPermission(Permissions.READ);
        authorizations.saveAuthorization(grant);
      }
      return null;
    });
  }
}
