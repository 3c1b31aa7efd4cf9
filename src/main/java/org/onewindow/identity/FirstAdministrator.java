package org.onewindow.identity;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Outside the demo profile nobody exists at first: the first administrator comes from
 * {@code ONEWINDOW_ADMIN_USER} / {@code ONEWINDOW_ADMIN_PASSWORD} given at the first start. A
 * start without any administrator and without that configuration, or with a weak password, stops.
 * Once an administrator exists the settings are ignored (change passwords in Admin).
 */
@Component
@Profile("!demo")
public class FirstAdministrator {
  private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);

  private final IdentityService identity;
  private final String userId;
  private final String password;

  public FirstAdministrator(IdentityService identity,
      @Value("${onewindow.admin.user:}") String userId, @Value("${onewindow.admin.password:}") String password) {
    this.identity = identity;
    this.userId = userId;
    this.password = password;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(Ordered.HIGHEST_PRECEDENCE)
  public void ensure() {
    if (identity.createUserQuery().memberOfGroup(Groups.ADMINISTRATORS).count() > 0) {
      return;
    }
    if (userId.isBlank()) {
      throw new IllegalStateException("No administrator exists yet: set ONEWINDOW_ADMIN_USER and "
          + "ONEWINDOW_ADMIN_PASSWORD for the first start (see README, 'Production').");
    }
    String weakness = weakness(password, userId);
    if (weakness != null) {
      throw new IllegalStateException("ONEWINDOW_ADMIN_PASSWORD is refused: " + weakness);
    }
    if (identity.createGroupQuery().groupId(Groups.ADMINISTRATORS).count() == 0) {
      Group group = identity.newGroup(Groups.ADMINISTRATORS);
      group.setName("系统管理员");
      group.setType(Groups.TYPE_SYSTEM);
      identity.saveGroup(group);
    }
    if (identity.createUserQuery().userId(userId).count() == 0) {
      User user = identity.newUser(userId);
      user.setFirstName("系统");
      user.setLastName("管理员");
      user.setPassword(password);
      identity.saveUser(user);
    }
    identity.createMembership(userId, Groups.ADMINISTRATORS);
    log.info("Created the first administrator '{}'", userId);
  }

  /** Null when the password is acceptable, otherwise why not. */
  static String weakness(String password, String userId) {
    if (password == null || password.isBlank()) {
      return "it is missing";
    }
    if (password.length() < 12) {
      return "use at least 12 characters";
    }
    int classes = (password.chars().anyMatch(Character::isLowerCase) ? 1 : 0)
        + (password.chars().anyMatch(Character::isUpperCase) ? 1 : 0)
        + (password.chars().anyMatch(Character::isDigit) ? 1 : 0)
        + (password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0);
    if (classes < 3) {
      return "mix at least three of lower-case, upper-case, digits and symbols";
    }
    if (password.toLowerCase().contains(userId.toLowerCase()) || password.toLowerCase().contains("demo")) {
      return "it must not contain the user name or 'demo'";
    }
    return null;
  }
}
