package org.onewindow.identity;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.onewindow.process.CaseVariables;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The clerks' queues in Tasklist, created at start-up when missing (found by name, so a restart
 * or a filter edited in Tasklist is left alone). Each shows the receipt number, item and applicant.
 */
@Component
public class TasklistFilters {
  private final FilterService filters;
  private final TaskService tasks;

  public TasklistFilters(FilterService filters, TaskService tasks) {
    this.filters = filters;
    this.tasks = tasks;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void create() {
    ensure("待受理", -10, "窗口待办：收件受理、补正接收、发件", tasks.createTaskQuery().taskCandidateGroup(Groups.WINDOW));
    ensure("本部门待办", 0, "本部门的联合审查、联合踏勘和审批任务",
        tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}"));
    ensure("我的待办", 10, "已由我认领的任务", tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
  }

  private void ensure(String name, int priority, String description, TaskQuery query) {
    if (filters.createFilterQuery().filterName(name).count() > 0) {
      return;
    }
    query.orderByDueDate().asc().orderByTaskCreateTime().asc();
    Filter filter = filters.newTaskFilter(name);
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
}
