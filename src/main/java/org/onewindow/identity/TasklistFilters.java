package org.onewindow.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.onewindow.catalog.Catalog;
import org.onewindow.catalog.Department;
import org.onewindow.process.CaseVariables;
import org.onewindow.process.CommitmentItemProcess;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The clerks' queues in Tasklist, created at start-up when missing (found by name, so a restart
 * or a filter edited in Tasklist keeps its query) and shared with their groups (READ on the
 * filter, granted again if missing). Each lists tasks by due date with the receipt number, item
 * and applicant. What a filter shows is further limited by the engine's task authorizations: a
 * department reviewer's 已超期 shows only their department's late tasks, a supervisor's all.
 */
@Component
public class TasklistFilters {
  public static final String WINDOW_QUEUE = "待受理";
  public static final String DEPARTMENT_QUEUE = "本部门待办";
  public static final String MINE = "我的待办";
  public static final String DUE_SOON = "即将超期";
  public static final String OVERDUE = "已超期";
  public static final String PAUSED = "补正/暂停中";

  /** Clock phases written by the case clock into {@link CaseVariables#CLOCK_PHASE}. */
  static final String PHASE_WARNING = "WARNING";
  static final String PHASE_OVERDUE = "OVERDUE";
  static final String PHASE_PAUSED = "PAUSED";

  private final FilterService filters;
  private final TaskService tasks;
  private final AuthorizationSetup authorizations;
  private final Catalog catalog;

  public TasklistFilters(FilterService filters, TaskService tasks, AuthorizationSetup authorizations, Catalog catalog) {
    this.filters = filters;
    this.tasks = tasks;
    this.authorizations = authorizations;
    this.catalog = catalog;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(Ordered.HIGHEST_PRECEDENCE + 20)
  public void create() {
    List<String> departments = catalog.departments().stream().map(Department::code).toList();
    List<String> staff = new ArrayList<>(List.of(Groups.WINDOW, Groups.APPROVERS, Groups.SUPERVISORS));
    staff.addAll(departments);
    List<String> reviewers = new ArrayList<>(departments);
    reviewers.add(Groups.APPROVERS);
    reviewers.add(Groups.SUPERVISORS);

    ensure(WINDOW_QUEUE, -10, "窗口待办：收件受理、补正接收、发件",
        tasks.createTaskQuery().taskCandidateGroup(Groups.WINDOW),
        List.of(Groups.WINDOW, Groups.SUPERVISORS));
    ensure(DEPARTMENT_QUEUE, 0, "本部门的联合审查、联合踏勘和审批任务",
        tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}"), reviewers);
    ensure(MINE, 10, "已由我认领的任务", tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"), staff);
    ensure(DUE_SOON, 20, "临近承诺时限（预警）或一个工作日内到期的任务",
        tasks.createTaskQuery().or()
            .processVariableValueEquals(CaseVariables.CLOCK_PHASE, PHASE_WARNING)
            .dueBeforeExpression("${workingDays.endOfNextWorkingDay()}")
            .endOr(),
        staff);
    ensure(OVERDUE, 30, "已超过承诺时限的办件中的任务",
        tasks.createTaskQuery().processVariableValueEquals(CaseVariables.CLOCK_PHASE, PHASE_OVERDUE), staff);
    ensure(PAUSED, 40, "等待申请人补正材料或依法暂停计时（听证、检测、专家评审等）的办件",
        tasks.createTaskQuery().or()
            .processVariableValueEquals(CaseVariables.CLOCK_PHASE, PHASE_PAUSED)
            .taskDefinitionKey(CommitmentItemProcess.AWAIT_SUPPLEMENT)
            .endOr(),
        staff);
  }

  private void ensure(String name, int priority, String description, TaskQuery query, List<String> sharedWith) {
    Filter filter = filters.createFilterQuery().filterName(name).singleResult();
    if (filter == null) {
      query.orderByDueDate().asc().orderByTaskCreateTime().asc();
      filter = filters.newTaskFilter(name);
      filter.setQuery(query);
      filter.setProperties(Map.of(
          "priority", priority,
          "description", description,
          "refresh", true,
          "variables", List.of(
              Map.of("name", CaseVariables.RECEIPT_NUMBER, "label", "办件编号"),
              Map.of("name", CaseVariables.ITEM_NAME, "label", "事项"),
              Map.of("name", CaseVariables.APPLICANT_NAME, "label", "申请人"))));
      filters.saveFilter(filter);
    }
    for (String group : sharedWith) {
      authorizations.ensure(group, new Grant(Resources.FILTER, filter.getId(), List.of(Permissions.READ)));
    }
  }
}
