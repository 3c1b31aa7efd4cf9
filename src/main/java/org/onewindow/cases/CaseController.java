package org.onewindow.cases;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.onewindow.calendar.clock.CaseClockRepository;
import org.onewindow.catalog.Catalog;
import org.onewindow.catalog.CatalogItem;
import org.onewindow.identity.CurrentUser;
import org.onewindow.department.DepartmentResultsView;
import org.onewindow.department.DepartmentResultsView.DepartmentResultJson;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/cases/{receiptNumber}}: the case file as staff see it. */
@RestController
@RequestMapping("/api/cases")
public class CaseController {
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private final CaseRepository cases;
  private final Catalog catalog;
  private final TaskService taskService;
  private final RuntimeService runtimeService;
  private final CurrentUser currentUser;
  private final DepartmentResultsView departmentResults;
  private final CaseClockRepository clocks;

  public CaseController(CaseRepository cases, Catalog catalog, TaskService taskService,
      RuntimeService runtimeService, CurrentUser currentUser, DepartmentResultsView departmentResults,
      CaseClockRepository clocks) {
    this.cases = cases;
    this.catalog = catalog;
    this.taskService = taskService;
    this.runtimeService = runtimeService;
    this.currentUser = currentUser;
    this.departmentResults = departmentResults;
    this.clocks = clocks;
  }

  public record ItemJson(String code, String name, String type, String leadDepartment, int promisedDays) {}

  public record ApplicantJson(String kind, String name, String id, String mobile) {}

  public record TaskJson(String id, String key, String name, List<String> candidateGroups, String assignee,
      OffsetDateTime created, OffsetDateTime due) {}

  public record CaseJson(String receiptNumber, ItemJson item, String channel, ApplicantJson applicant,
      List<String> materials, String status, String statusLabel, String outcome, String certificateNumber,
      String processInstanceId, List<TaskJson> currentTasks, OffsetDateTime receivedAt, OffsetDateTime acceptedAt,
      OffsetDateTime decidedAt, OffsetDateTime finishedAt, ClockJson clock,
      List<DepartmentResultJson> departmentResults) {}

  /** The case clock from acceptance on (null before): the promised date is the acceptance notice's. */
  public record ClockJson(String promisedDate, OffsetDateTime deadlineAt, String phase, boolean calendarComplete) {}

  @GetMapping("/{receiptNumber}")
  public CaseJson get(@PathVariable String receiptNumber) {
    CaseRecord c = cases.find(receiptNumber).orElseThrow(() -> new CaseNotFoundException(receiptNumber));
    CatalogItem item = catalog.require(c.itemCode());
    List<TaskJson> tasks = currentTasks(c.processInstanceId());
    return new CaseJson(c.receiptNumber(),
        new ItemJson(item.code(), item.name(), item.type().name(), item.leadDepartment(), item.promisedDays()),
        c.channel(), new ApplicantJson(c.applicantKind(), c.applicantName(), c.applicantId(), c.mobile()),
        c.materials(), c.status().name(), c.status().label(), c.outcome(), c.certificateNumber(),
        c.processInstanceId(), tasks, c.receivedAt(), c.acceptedAt(), c.decidedAt(), c.finishedAt(),
        clocks.find(receiptNumber).map(k -> new ClockJson(k.deadlineDate().toString(),
            k.deadlineAt().atZoneSameInstant(ZONE).toOffsetDateTime(), k.phase().name(), k.calendarComplete()))
            .orElse(null),
        departmentResults.forCase(c.receiptNumber()));
  }

  /**
   * Who may read the process instance (window, approvers, supervisors) sees every current step of
   * the case, wherever it lies; anyone else sees only the steps the engine lets them read.
   */
  private List<TaskJson> currentTasks(String processInstanceId) {
    if (processInstanceId == null) {
      return List.of();
    }
    boolean readsInstance = runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0;
    return readsInstance ? currentUser.asEngine(() -> tasks(processInstanceId)) : tasks(processInstanceId);
  }

  private List<TaskJson> tasks(String processInstanceId) {
    return taskService.createTaskQuery().processInstanceId(processInstanceId)
        .orderByTaskCreateTime().asc().list().stream().map(this::task).toList();
  }

  private TaskJson task(Task t) {
    List<String> groups = taskService.getIdentityLinksForTask(t.getId()).stream()
        .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
        .map(IdentityLink::getGroupId).toList();
    return new TaskJson(t.getId(), t.getTaskDefinitionKey(), t.getName(), groups, t.getAssignee(),
        at(t.getCreateTime()), at(t.getDueDate()));
  }

  private static OffsetDateTime at(Date date) {
    return date == null ? null : date.toInstant().atZone(ZONE).toOffsetDateTime();
  }
}
