package org.onewindow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.onewindow.intake.Application;
import org.onewindow.intake.IntakeService;
import org.onewindow.support.Applications;
import org.onewindow.support.OneWindowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The engine's per-command group prefilter is gone for short group lists, and on PostgreSQL the
 * task query's authorization join is rewritten; authorization answers stay the same: a clerk
 * sees the window's queue, a user whose groups hold no grant sees nothing, a department sees
 * nothing of a case not routed to it, and an unknown group next to a real one changes nothing.
 */
@OneWindowIntegrationTest
class AuthorizedGroupsPluginTest {
  @Autowired ProcessEngineConfiguration configuration;
  @Autowired IdentityService identity;
  @Autowired TaskService tasks;
  @Autowired IntakeService intake;

  @AfterEach
  void signOut() {
    identity.clearAuthentication();
  }

  @Test
  void theEngineUsesTheAuthorizationManagerWithoutPrefilter() {
    AuthorizationManager manager = ((ProcessEngineConfigurationImpl) configuration).getCommandExecutorTxRequired()
        .execute(context -> context.getAuthorizationManager());
    assertThat(manager).isInstanceOf(AuthorizedGroupsPlugin.FewGroupsAuthorizationManager.class);
  }

  @Test
  void groupsPassThroughDeduplicatedAndWithoutNulls() {
    var manager = new AuthorizedGroupsPlugin.FewGroupsAuthorizationManager();
    assertThat(manager.filterAuthenticatedGroupIds(Arrays.asList("window", null, "window", "housing")))
        .containsExactly("window", "housing");
    assertThat(manager.filterAuthenticatedGroupIds(List.of())).isEmpty();
  }

  @Test
  void queueVisibilityIsUnchanged() {
    identity.setAuthentication("window1", List.of("window"));
    String pid = intake.receive(new Application("SP-JY", "WINDOW", "ORGANIZATION", "某某餐饮有限公司", null,
        Applications.CREDIT_CODE, Applications.MOBILE, List.of("食品经营许可申请书", "营业执照", "经营场所平面图", "食品安全管理制度"))).processInstanceId();

    long rewrittenBefore = TaskQueryAuthorizationPlugin.Rewrite.REWRITTEN.get();
    identity.setAuthentication("window1", List.of("window"));
    assertThat(tasks.createTaskQuery().processInstanceId(pid).taskCandidateGroup("window").count()).isEqualTo(1);
    identity.setAuthentication("window1", List.of("window", "no-such-group"));
    assertThat(tasks.createTaskQuery().processInstanceId(pid).count()).isEqualTo(1);
    identity.setAuthentication("stranger", List.of("no-such-group"));
    assertThat(tasks.createTaskQuery().processInstanceId(pid).count()).isZero();
    identity.setAuthentication("reviewer", List.of("housing"));
    assertThat(tasks.createTaskQuery().processInstanceId(pid).count()).isZero();
    // On PostgreSQL these queries ran through the lateral-join rewrite (TaskQueryAuthorizationPlugin).
    boolean postgres = "postgres".equals(((ProcessEngineConfigurationImpl) configuration).getDatabaseType());
    long rewritten = TaskQueryAuthorizationPlugin.Rewrite.REWRITTEN.get() - rewrittenBefore;
    if (postgres) {
      assertThat(rewritten).isGreaterThanOrEqualTo(4);
    } else {
      assertThat(rewritten).isZero();
    }
  }
}
