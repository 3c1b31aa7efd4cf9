package org.onewindow.engine;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * Stops the engine from reading every group id in ACT_RU_AUTHORIZATION on each command.
 *
 * <p>Camunda 7 narrows the current user's groups to those that appear in some authorization
 * before each authorization check, with {@code SELECT DISTINCT GROUP_ID_ FROM ACT_RU_AUTHORIZATION}
 * once per command. That table holds a grant per open task and per routed case, so with
 * 100,000 open cases the statement reads some 300,000 rows for every task a clerk completes (the
 * load benchmark found it the largest single cost). OneWindow users belong to one to three
 * groups, and a group without grants in {@code GROUP_ID_ IN (...)} matches nothing, so passing
 * the groups through unchanged gives the same answers without the scan. Users with many groups
 * (more than {@value #PREFILTER_ABOVE}, e.g. from a directory) keep the engine's narrowing.
 */
@Component
public class AuthorizedGroupsPlugin extends AbstractProcessEnginePlugin {
  static final int PREFILTER_ABOVE = 20;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<SessionFactory> factories = configuration.getCustomSessionFactories() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomSessionFactories());
    factories.add(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return AuthorizationManager.class;
      }

      @Override
      public Session openSession() {
        return new FewGroupsAuthorizationManager();
      }
    });
    configuration.setCustomSessionFactories(factories);
  }

  /** The engine's authorization manager, without the group prefilter for short group lists. */
  static class FewGroupsAuthorizationManager extends AuthorizationManager {
    @Override
    public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
      if (authenticatedGroupIds == null || authenticatedGroupIds.size() > PREFILTER_ABOVE) {
        return super.filterAuthenticatedGroupIds(authenticatedGroupIds);
      }
      List<String> groups = new ArrayList<>(authenticatedGroupIds.size());
      for (String group : authenticatedGroupIds) {
        if (group != null && !groups.contains(group)) {
          groups.add(group);
        }
      }
      return groups;
    }
  }
}
