package org.onewindow.identity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Groups and their authorizations, applied at every start-up in every profile (see
 * {@link AuthorizationSetup}).
 *
 * @param roleGroups role groups (id to display name) created when the identity service is
 *     writable; each catalog department is a group too, id = department code
 * @param grants per group id, lines of {@code RESOURCE resourceId: PERMISSION, ...}
 * @param departmentGrants the same lines, granted to every department's group
 * @param supervisionGroups groups that may read the supervision views and statistics
 */
@ConfigurationProperties("onewindow.identity")
public record IdentityProperties(
    Map<String, String> roleGroups,
    Map<String, List<String>> grants,
    List<String> departmentGrants,
    List<String> supervisionGroups) {

  public IdentityProperties {
    roleGroups = roleGroups == null ? Map.of() : new LinkedHashMap<>(roleGroups);
    grants = grants == null ? Map.of() : new LinkedHashMap<>(grants);
    departmentGrants = departmentGrants == null ? List.of() : List.copyOf(departmentGrants);
    supervisionGroups = supervisionGroups == null ? List.of() : List.copyOf(supervisionGroups);
  }
}
