package org.onewindow.applicant;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.onewindow.catalog.Catalog;
import org.onewindow.identity.Groups;
import org.onewindow.process.CommitmentItemProcess;
import org.springframework.stereotype.Component;

/**
 * The requests for supplement (补正) a case is waiting on, read from its open waiting tasks: the
 * window's {@code awaitSupplement} (missing materials and reason from the acceptance) and a
 * reviewing department's {@code awaitReviewSupplement} (the reviewer's missing materials and comment,
 * local to that department's review sub-process, which the task's variables reach first).
 * A case may wait on several at once (two departments asking in the same review round).
 */
@Component
public class SupplementRequests {
  public static final Set<String> WAITING_TASKS = Set.of(CommitmentItemProcess.AWAIT_SUPPLEMENT,
      CommitmentItemProcess.AWAIT_REVIEW_SUPPLEMENT);
  /** Where the window's reason is: the acceptance's comment. */
  static final List<String> WINDOW_REASON = List.of(CommitmentItemProcess.ACCEPTANCE_COMMENT);
  /** Where a reviewer's reason is: the review's comment, local to the department's sub-process. */
  static final List<String> REVIEW_REASON = List.of(CommitmentItemProcess.REVIEW_COMMENT);
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final String WINDOW = "政务服务中心窗口";

  private final TaskService tasks;
  private final Catalog catalog;

  public SupplementRequests(TaskService tasks, Catalog catalog) {
    this.tasks = tasks;
    this.catalog = catalog;
  }

  /**
   * @param from who asked: the window or the department's name
   * @param department the department's code, null for the window
   */
  public record Request(String taskId, String taskKey, String from, String department,
      List<String> missingMaterials, String reason, OffsetDateTime requestedAt) {}

  public static boolean isWaitingTask(String taskDefinitionKey) {
    return taskDefinitionKey != null && WAITING_TASKS.contains(taskDefinitionKey);
  }

  /** The open waiting tasks of the process instance, oldest first. */
  public List<Task> openTasks(String processInstanceId) {
    if (processInstanceId == null) {
      return List.of();
    }
    return tasks.createTaskQuery().processInstanceId(processInstanceId)
        .taskDefinitionKeyIn(WAITING_TASKS.toArray(String[]::new)).orderByTaskCreateTime().asc().list();
  }

  public List<Request> open(String processInstanceId) {
    return openTasks(processInstanceId).stream().map(this::request).toList();
  }

  private Request request(Task task) {
    Map<String, Object> variables = tasks.getVariables(task.getId());
    List<String> groups = tasks.getIdentityLinksForTask(task.getId()).stream()
        .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
        .map(IdentityLink::getGroupId).toList();
    return request(task.getId(), task.getTaskDefinitionKey(), groups, variables::get, task.getCreateTime());
  }

  /** The request a waiting task stands for, from the task listener's view of it. */
  public Request request(DelegateTask task) {
    List<String> groups = task.getCandidates().stream()
        .map(IdentityLink::getGroupId).filter(Objects::nonNull).toList();
    return request(task.getId(), task.getTaskDefinitionKey(), groups, task::getVariable, task.getCreateTime());
  }

  private Request request(String taskId, String key, Collection<String> groups, Function<String, Object> variable,
      Date created) {
    boolean window = CommitmentItemProcess.AWAIT_SUPPLEMENT.equals(key);
    String department = window ? null
        : groups.stream().filter(g -> !Groups.WINDOW.equals(g)).findFirst().orElse(null);
    String from = department == null ? WINDOW : catalog.departmentName(department);
    String reason = (window ? WINDOW_REASON : REVIEW_REASON).stream().map(variable).filter(Objects::nonNull).map(String::valueOf)
        .map(String::strip).filter(s -> !s.isEmpty()).findFirst().orElse(null);
    return new Request(taskId, key, from, department, lines(variable.apply(CommitmentItemProcess.MISSING_MATERIALS)),
        reason, created == null ? null : created.toInstant().atZone(ZONE).toOffsetDateTime());
  }

  static List<String> lines(Object text) {
    return text == null ? List.of()
        : Arrays.stream(String.valueOf(text).split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
