package org.onewindow.material;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.onewindow.cases.CaseRecord;
import org.onewindow.catalog.Catalog;
import org.onewindow.identity.Groups;
import org.springframework.stereotype.Component;

/**
 * Who works on a case: the window, the approvers, the supervisors, the administrators, and the
 * departments that handle the item (its lead and co-handling departments). Applicants' files are
 * served to these staff only.
 */
@Component
public class CaseStaff {
  private static final Set<String> ALWAYS = Set.of(Groups.WINDOW, Groups.APPROVERS, Groups.SUPERVISORS,
      Groups.ADMINISTRATORS);

  private final IdentityService identity;
  private final Catalog catalog;

  public CaseStaff(IdentityService identity, Catalog catalog) {
    this.identity = identity;
    this.catalog = catalog;
  }

  /** True when the user of this request is staff of the case. */
  public boolean isStaffOf(CaseRecord c) {
    Authentication auth = identity.getCurrentAuthentication();
    if (auth == null || auth.getUserId() == null) {
      return false;
    }
    List<String> groups = auth.getGroupIds() == null ? List.of() : auth.getGroupIds();
    Set<String> allowed = new HashSet<>(ALWAYS);
    catalog.item(c.itemCode()).ifPresent(item -> allowed.addAll(item.reviewDepartments()));
    return groups.stream().anyMatch(allowed::contains);
  }
}
