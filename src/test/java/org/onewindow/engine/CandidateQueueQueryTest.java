package org.onewindow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.onewindow.support.OneWindowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A queue answers the same with the PostgreSQL queue rewrite ({@link CandidateQueueRewrite}) as
 * without it (H2): a task offered to two of the user's groups is listed and counted once, the
 * page is in due-date order, claimed tasks stay out unless asked for, and the grants still decide.
 */
@OneWindowIntegrationTest
class CandidateQueueQueryTest {
  @Autowired ProcessEngineConfiguration configuration;
  @Autowired IdentityService identity;
  @Autowired TaskService tasks;
  @Autowired AuthorizationService authorizations;

  private final List<String> created = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    identity.clearAuthentication();
    created.forEach(id -> tasks.deleteTask(id, true));
  }

  @Test
  void aTaskOfferedToTwoOfTheUsersGroupsIsListedOnceInDueDateOrder() {
    String both = task("双组任务", new Date(2_000_000_000_000L), true, "qa-east", "qa-west");
    String east = task("东组任务", new Date(1_900_000_000_000L), true, "qa-east");
    String claimed = task("已认领任务", new Date(1_800_000_000_000L), true, "qa-west");
    tasks.setAssignee(claimed, "qa-someone");
    tasks.addCandidateUser(both, "qa-clerk");
    String hidden = task("无权查看的任务", new Date(1_700_000_000_000L), false, "qa-east");
    long before = TaskQueryAuthorizationPlugin.Rewrite.QUEUES_REWRITTEN.get();

    identity.setAuthentication("qa-clerk", List.of("qa-east", "qa-west"));
    assertThat(tasks.createTaskQuery().taskCandidateGroupIn(List.of("qa-east", "qa-west")).orderByDueDate().asc()
        .listPage(0, 15)).extracting(Task::getId).containsExactly(east, both);
    assertThat(tasks.createTaskQuery().taskCandidateGroupIn(List.of("qa-east", "qa-west")).count()).isEqualTo(2);
    assertThat(tasks.createTaskQuery().taskCandidateGroup("qa-west").orderByDueDate().asc().list())
        .extracting(Task::getId).containsExactly(both);
    assertThat(tasks.createTaskQuery().taskCandidateGroupIn(List.of("qa-east", "qa-west")).includeAssignedTasks()
        .orderByDueDate().asc().list()).extracting(Task::getId).containsExactly(claimed, east, both);
    assertThat(tasks.createTaskQuery().taskCandidateUser("qa-clerk").orderByDueDate().asc().list())
        .as("offered to the clerk by name (the clerk's groups are not in the identity store)")
        .extracting(Task::getId).containsExactly(both);
    assertThat(tasks.createTaskQuery().taskCandidateGroupIn(List.of("qa-east", "qa-west")).listPage(1, 15))
        .extracting(Task::getId).hasSize(1).doesNotContain(hidden, claimed);

    long rewritten = TaskQueryAuthorizationPlugin.Rewrite.QUEUES_REWRITTEN.get() - before;
    if ("postgres".equals(((ProcessEngineConfigurationImpl) configuration).getDatabaseType())) {
      assertThat(rewritten).as("the queue statements ran rewritten on PostgreSQL").isGreaterThanOrEqualTo(6);
    } else {
      assertThat(rewritten).isZero();
    }
  }

  /** A stand-alone task offered to the groups; readable by their members if {@code granted}. */
  private String task(String name, Date due, boolean granted, String... groups) {
    Task task = tasks.newTask();
    task.setName(name);
    task.setDueDate(due);
    tasks.saveTask(task);
    created.add(task.getId());
    for (String group : groups) {
      tasks.addCandidateGroup(task.getId(), group);
    }
    // The engine grants a candidate group its task; taking the grants away hides the task.
    List<Authorization> given = authorizations.createAuthorizationQuery().resourceType(Resources.TASK)
        .resourceId(task.getId()).list();
    assertThat(given).as("the engine's grants to the candidate groups").isNotEmpty()
        .allSatisfy(a -> assertThat(a.isPermissionGranted(Permissions.READ)).isTrue());
    if (!granted) {
      given.forEach(a -> authorizations.deleteAuthorization(a.getId()));
    }
    return task.getId();
  }
}
