package org.onewindow.identity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.onewindow.catalog.Catalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo users, all with password {@code demo}. Only the demo profile (the embedded default) has
 * this bean; a production start never creates a user with a known password. The groups they join
 * and those groups' authorizations are production configuration, created before by
 * {@link AuthorizationSetup}. Idempotent: a restart finds the users and changes nothing.
 */
@Component
@Profile("demo")
public class DemoUsers {
  public static final String PASSWORD = "demo";
  private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

  private final IdentityService identity;
  private final Catalog catalog;

  public DemoUsers(IdentityService identity, Catalog catalog) {
    this.identity = identity;
    this.catalog = catalog;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(Ordered.HIGHEST_PRECEDENCE + 10)
  public void create() {
    Map<String, String[]> users = new LinkedHashMap<>();
    users.put("window1", new String[] {"窗口", "受理员", Groups.WINDOW});
    for (String dept : List.of("market", "drc", "resources", "housing", "enforcement", "police")) {
      users.put(dept + "1", new String[] {catalog.departmentName(dept), "审查员", dept});
    }
    users.put("approver1", new String[] {"审批", "负责人", Groups.APPROVERS});
    users.put("supervisor1", new String[] {"监察", "员", Groups.SUPERVISORS});
    users.put("designer1", new String[] {"流程", "设计员", Groups.DESIGNERS});
    users.put("admin", new String[] {"系统", "管理员", Groups.ADMINISTRATORS});
    users.forEach((id, u) -> user(id, u[0], u[1], u[2]));
    log.warn("Demo profile: demo users exist with password '{}'. Never run the demo profile in production.", PASSWORD);
  }

  private void user(String id, String firstName, String lastName, String groupId) {
    if (identity.createUserQuery().userId(id).count() == 0) {
      User u = identity.newUser(id);
      u.setFirstName(firstName);
      u.setLastName(lastName);
      u.setEmail(id + "@onewindow.example");
      u.setPassword(PASSWORD);
      identity.saveUser(u);
    }
    if (identity.createUserQuery().userId(id).memberOfGroup(groupId).count() == 0) {
      identity.createMembership(id, groupId);
    }
  }
}
