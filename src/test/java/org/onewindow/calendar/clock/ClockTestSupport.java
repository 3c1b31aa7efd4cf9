package org.onewindow.calendar.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.onewindow.catalog.Catalog;
import org.onewindow.intake.Application;
import org.onewindow.intake.IntakeService;
import org.onewindow.process.CommitmentItemProcess;
import org.onewindow.support.ApiClient;
import org.onewindow.support.Applications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Base of the clock's process tests on the whole application (shared Spring context, real HTTP).
 * Time is the engine's clock, moved by {@link #now(String)}; the job executor is stopped for each
 * test and {@link #runDueJobs()} executes what is due, one job at a time, so every step is
 * deterministic. Each test's cases are cancelled afterwards, so their clocks stop and no timer of
 * theirs fires later in the suite.
 */
abstract class ClockTestSupport {
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired IdentityService identity;
  @Autowired JdbcTemplate jdbc;
  @Autowired IntakeService intake;
  @Autowired Catalog catalog;
  @Autowired CaseClock caseClock;

  /** Receipt number -> process instance id of the cases this test started. */
  private final List<String> instances = new ArrayList<>();

  @BeforeEach
  void stopJobExecutor() {
    jobExecutor().shutdown();
  }

  @AfterEach
  void cancelCasesAndRestartJobExecutor() {
    try {
      for (String id : instances) {
        if (runtime.createProcessInstanceQuery().processInstanceId(id).count() > 0) {
          runtime.deleteProcessInstance(id, "end of test");
        }
      }
    } finally {
      ClockUtil.reset();
      jobExecutor().start();
    }
  }

  private JobExecutor jobExecutor() {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
  }

  // ---------------------------------------------------------------- time

  static OffsetDateTime at(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(ZONE).toOffsetDateTime();
  }

  static Date date(String localDateTime) {
    return Date.from(at(localDateTime).toInstant());
  }

  /** Moves the engine's clock to a local time in Asia/Shanghai and runs the jobs due by then. */
  void now(String localDateTime) {
    ClockUtil.setCurrentTime(date(localDateTime));
    runDueJobs();
  }

  /** Executes this test's due jobs (async continuations and timers), earliest first. */
  void runDueJobs() {
    for (int i = 0; i < 100; i++) {
      Job next = null;
      for (String id : instances) {
        for (Job job : management.createJobQuery().processInstanceId(id).executable().active().list()) {
          if (next == null || due(job) < due(next)) {
            next = job;
          }
        }
      }
      if (next == null) {
        return;
      }
      management.executeJob(next.getId());
    }
    throw new AssertionError("jobs still due after 100 executions");
  }

  private static long due(Job job) {
    return job.getDuedate() == null ? Long.MIN_VALUE : job.getDuedate().getTime();
  }

  // ---------------------------------------------------------------- cases and tasks

  ApiClient as(String user) {
    return ApiClient.as(port, user, "demo");
  }

  /** A complete application for the item at the window; returns the receipt number. */
  String receive(String itemCode) {
    String rn = intake.receive(new Application(itemCode, "WINDOW", Application.ORGANIZATION, "县城建设发展有限公司",
        null, Applications.CREDIT_CODE, Applications.MOBILE, catalog.require(itemCode).materials())).receiptNumber();
    instances.add(instance(rn));
    return rn;
  }

  String receiveAndAccept(String itemCode) {
    String rn = receive(itemCode);
    complete("window1", task(rn, CommitmentItemProcess.ACCEPTANCE, "window"),
        Map.of(CommitmentItemProcess.ACCEPTANCE_DECISION, CommitmentItemProcess.ACCEPT));
    return rn;
  }

  String instance(String rn) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(rn).singleResult().getId();
  }

  List<Task> openTasks(String rn) {
    return tasks.createTaskQuery().processInstanceBusinessKey(rn).orderByTaskCreateTime().asc().list();
  }

  Task task(String rn, String key, String group) {
    List<Task> found = tasks.createTaskQuery().processInstanceBusinessKey(rn).taskDefinitionKey(key)
        .taskCandidateGroup(group).list();
    assertThat(found).as("%s tasks of %s in the queue of %s", key, rn, group).hasSize(1);
    return found.get(0);
  }

  long count(String rn, String key) {
    return tasks.createTaskQuery().processInstanceBusinessKey(rn).taskDefinitionKey(key).count();
  }

  /** Claims and completes the task as the user, with the user's groups, like Tasklist does. */
  void complete(String user, Task task, Map<String, Object> variables) {
    identity.setAuthentication(user, identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId)
        .toList());
    try {
      tasks.claim(task.getId(), user);
      tasks.complete(task.getId(), variables);
    } finally {
      identity.clearAuthentication();
    }
    runDueJobs();
  }

  void review(String rn, String department, String opinion) {
    complete(department + "1", task(rn, CommitmentItemProcess.JOINT_REVIEW, department),
        Map.of(CommitmentItemProcess.REVIEW_OPINION, opinion, CommitmentItemProcess.REVIEW_COMMENT, "审查意见"));
  }

  void decide(String rn, String decision) {
    complete("approver1", task(rn, CommitmentItemProcess.DECISION, "approvers"),
        Map.of(org.onewindow.process.CaseVariables.DECISION, decision));
  }

  // ---------------------------------------------------------------- the clock

  ClockState clock(String rn) {
    return caseClock.find(rn).orElseThrow();
  }

  /** Due dates of the case's clock timers, by what they wait for. */
  Map<CaseClockEngine.TimerKind, List<Date>> timers(String rn) {
    Map<CaseClockEngine.TimerKind, List<Date>> result = new java.util.EnumMap<>(CaseClockEngine.TimerKind.class);
    CaseClockEngine clockEngine = new CaseClockEngine(engine);
    clockEngine.clockTimers(instance(rn)).forEach((job, kind) ->
        result.computeIfAbsent(kind, k -> new ArrayList<>()).add(job.getDuedate()));
    return result;
  }

  List<Job> suspendedTimers(String rn) {
    return management.createJobQuery().processInstanceId(instance(rn)).timers().suspended().list();
  }

  Object variable(String rn, String name) {
    return runtime.getVariable(instance(rn), name);
  }

  List<String> ledgerKinds(String rn) {
    return jdbc.queryForList("SELECT kind FROM ow_clock_event WHERE receipt_number = ? ORDER BY occurred_at, id",
        String.class, rn);
  }

  List<Map<String, Object>> supervisionEvents(String rn) {
    return jdbc.queryForList("SELECT * FROM ow_supervision_event WHERE receipt_number = ? ORDER BY occurred_at, id", rn);
  }
}
