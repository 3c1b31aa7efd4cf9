package org.onewindow.identity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.auth.PermissionProvider;

/**
 * One line of {@code onewindow.identity.grants}: {@code RESOURCE resourceId: PERMISSION, ...},
 * for example {@code PROCESS_DEFINITION *: READ, CREATE_INSTANCE} or {@code APPLICATION tasklist: ACCESS}.
 * Resource names are those of {@link Resources}; permission names those of the engine for that resource.
 */
public record Grant(Resource resource, String resourceId, List<Permission> permissions) {

  public static Grant parse(String line, PermissionProvider provider) {
    int colon = line.indexOf(':');
    if (colon < 0) {
      throw invalid(line, "expected 'RESOURCE resourceId: PERMISSION, ...'");
    }
    String[] head = line.substring(0, colon).trim().split("\\s+");
    if (head.length != 2) {
      throw invalid(line, "expected a resource name and a resource id (or *) before ':'");
    }
    Resource resource;
    try {
      resource = Resources.valueOf(head[0].toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid(line, "unknown resource " + head[0]);
    }
    Set<Permission> permissions = new LinkedHashSet<>();
    for (String name : line.substring(colon + 1).split(",")) {
      String p = name.trim().toUpperCase(Locale.ROOT);
      if (p.isEmpty()) {
        continue;
      }
      try {
        permissions.add(provider.getPermissionForName(p, resource.resourceType()));
      } catch (RuntimeException e) {
        throw invalid(line, "unknown permission " + p + " for " + resource.resourceName());
      }
    }
    if (permissions.isEmpty()) {
      throw invalid(line, "no permission named");
    }
    return new Grant(resource, head[1], List.copyOf(new ArrayList<>(permissions)));
  }

  public boolean isAny() {
    return Authorization.ANY.equals(resourceId);
  }

  private static IllegalStateException invalid(String line, String why) {
    return new IllegalStateException("onewindow.identity.grants: '" + line + "': " + why);
  }
}
