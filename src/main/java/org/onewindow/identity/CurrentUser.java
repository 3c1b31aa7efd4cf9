package org.onewindow.identity;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * The user {@link ApiAuthenticationFilter} authenticated for this request, and the few places
 * where the project reads engine data on the engine's own behalf.
 */
@Component
public class CurrentUser {
  private final IdentityService identity;

  public CurrentUser(IdentityService identity) {
    this.identity = identity;
  }

  public String id() {
    Authentication auth = identity.getCurrentAuthentication();
    return auth == null ? null : auth.getUserId();
  }

  public List<String> groups() {
    Authentication auth = identity.getCurrentAuthentication();
    return auth == null || auth.getGroupIds() == null ? List.of() : auth.getGroupIds();
  }

  public boolean inAnyGroup(Collection<String> groupIds) {
    return groups().stream().anyMatch(groupIds::contains);
  }

  /** Refuses with 403 unless the user belongs to one of the groups. */
  public void requireAnyGroup(Collection<String> groupIds, String what) {
    if (!inAnyGroup(groupIds)) {
      throw new AccessDeniedException("没有权限查看" + what);
    }
  }

  /**
   * Runs engine queries without the caller's authorization checks, for data the project decides
   * to show itself (a case file's current steps). The caller's authentication is restored after.
   */
  public <T> T asEngine(Supplier<T> work) {
    Authentication auth = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return work.get();
    } finally {
      if (auth != null) {
        identity.setAuthentication(auth);
      }
    }
  }
}
