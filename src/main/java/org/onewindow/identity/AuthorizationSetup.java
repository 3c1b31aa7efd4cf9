package org.onewindow.identity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.PermissionProvider;
import org.onewindow.catalog.Catalog;
import org.onewindow.catalog.Department;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the role and department groups and grants their authorizations from
 * {@code onewindow.identity}, in every profile. Idempotent: for each (group, resource, resource id)
 * the configured permissions are the truth; an authorization that already has exactly them is left
 * alone, so a restart changes nothing. Authorizations the configuration does not name (the
 * engine's own per-task grants, grants made in Admin for other resources) are never touched.
 * With a read-only identity provider (LDAP) the groups come from the directory and only the
 * authorizations are written.
 */
@Component
public class AuthorizationSetup {
  private static final Logger log = LoggerFactory.getLogger(AuthorizationSetup.class);

  private final IdentityService identity;
  private final AuthorizationService authorizations;
  private final PermissionProvider permissions;
  private final IdentityProperties properties;
  private final Catalog catalog;

  public AuthorizationSetup(ProcessEngine engine, IdentityProperties properties, Catalog catalog) {
    this.identity = engine.getIdentityService();
    this.authorizations = engine.getAuthorizationService();
    this.permissions = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getPermissionProvider();
    this.properties = properties;
    this.catalog = catalog;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(Ordered.HIGHEST_PRECEDENCE)
  public int apply() {
    if (!identity.isReadOnly()) {
      properties.roleGroups().forEach((id, name) -> ensureGroup(id, name,
          Groups.ADMINISTRATORS.equals(id) ? Groups.TYPE_SYSTEM : Groups.TYPE_ROLE));
      for (Department d : catalog.departments()) {
        ensureGroup(d.code(), d.name(), Groups.TYPE_DEPARTMENT);
      }
    }
    int changed = 0;
    for (Map.Entry<String, List<Grant>> e : grantsByGroup().entrySet()) {
      for (Grant grant : e.getValue()) {
        changed += ensure(e.getKey(), grant) ? 1 : 0;
      }
    }
    log.info("Authorizations from onewindow.identity: {} created or changed", changed);
    return changed;
  }

  /** Every configured grant, parsed, per group; department grants expanded to each department. */
  public Map<String, List<Grant>> grantsByGroup() {
    Map<String, List<Grant>> byGroup = new LinkedHashMap<>();
    properties.grants().forEach((group, lines) -> lines.forEach(line ->
        byGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(Grant.parse(line, permissions))));
    for (Department d : catalog.departments()) {
      for (String line : properties.departmentGrants()) {
        byGroup.computeIfAbsent(d.code(), g -> new ArrayList<>()).add(Grant.parse(line, permissions));
      }
    }
    return byGroup;
  }

  /** Grants exactly the configured permissions; returns true if anything was written. */
  boolean ensure(String groupId, Grant grant) {
    Authorization existing = authorizations.createAuthorizationQuery()
        .authorizationType(Authorization.AUTH_TYPE_GRANT)
        .groupIdIn(groupId)
        .resourceType(grant.resource())
        .resourceId(grant.resourceId())
        .singleResult();
    Authorization auth = existing;
    if (auth == null) {
      auth = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      auth.setGroupId(groupId);
      auth.setResource(grant.resource());
      auth.setResourceId(grant.resourceId());
    } else if (hasExactly(auth, grant.permissions())) {
      return false;
    }
    auth.setPermissions(grant.permissions().toArray(new Permission[0]));
    authorizations.saveAuthorization(auth);
    return true;
  }

  private boolean hasExactly(Authorization auth, List<Permission> wanted) {
    int wantedMask = 0;
    for (Permission p : wanted) {
      wantedMask |= p.getValue();
    }
    int grantedMask = 0;
    for (Permission p : permissions.getPermissionsForResource(auth.getResourceType())) {
      if (auth.isPermissionGranted(p)) {
        grantedMask |= p.getValue();
      }
    }
    return grantedMask == wantedMask;
  }

  private void ensureGroup(String id, String name, String type) {
    if (identity.createGroupQuery().groupId(id).count() == 0) {
      Group g = identity.newGroup(id);
      g.setName(name);
      g.setType(type);
      identity.saveGroup(g);
    }
  }
}
