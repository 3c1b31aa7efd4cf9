package org.onewindow.calendar.clock;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.SuspensionState;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.stereotype.Component;

/**
 * What the clock does to the engine: finds the case's clock timers, parks and moves them, moves the
 * due dates of its tasks, and names the steps that are late. Everything goes through the public
 * services, in the caller's transaction.
 *
 * <p>A clock timer is any BPMN timer whose date is {@code ${caseClock.warningAt(execution)}} or
 * {@code ${caseClock.deadlineAt(execution)}}; the models are read (once per process definition) to
 * find them, so a new process gets a working clock just by using these expressions.
 */
@Component
class CaseClockEngine {

  enum TimerKind {
    WARNING,
    DEADLINE
  }

  /** A user task (or a waiting job) of the case at one moment, and the queue it is in. */
  record Step(String taskId, String activityId, String name, String group) {}

  static final String WARNING_EXPRESSION = "caseClock.warningAt(";
  static final String DEADLINE_EXPRESSION = "caseClock.deadlineAt(";

  private final ProcessEngine engine;
  private final TaskService tasks;
  private final ManagementService management;
  private final RepositoryService repository;
  private final Map<String, Map<String, Optional<TimerKind>>> timersByDefinition = new ConcurrentHashMap<>();
  private final Map<String, String> activityByJobDefinition = new ConcurrentHashMap<>();

  CaseClockEngine(ProcessEngine engine) {
    this.engine = engine;
    this.tasks = engine.getTaskService();
    this.management = engine.getManagementService();
    this.repository = engine.getRepositoryService();
  }

  /**
   * Runs {@code body} in the engine's command context with authorization checks off: the clock
   * moves timers and tasks of the whole case on behalf of a caller whom the API has already checked
   * (or of the engine itself). Joins a running command and its transaction.
   */
  <T> T withoutAuthorization(Supplier<T> body) {
    CommandContext current = Context.getCommandContext();
    if (current != null) {
      return current.runWithoutAuthorization(body::get);
    }
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    return configuration.getCommandExecutorTxRequired()
        .execute(context -> context.runWithoutAuthorization(body::get));
  }

  /** The case's timer jobs that belong to the clock, with what they wait for. */
  Map<Job, TimerKind> clockTimers(String processInstanceId) {
    Map<Job, TimerKind> result = new LinkedHashMap<>();
    for (Job job : management.createJobQuery().processInstanceId(processInstanceId).timers().list()) {
      if (job.getJobDefinitionId() == null) {
        continue;
      }
      String activityId = activityByJobDefinition.computeIfAbsent(job.getJobDefinitionId(), id -> {
        JobDefinition definition = management.createJobDefinitionQuery().jobDefinitionId(id).singleResult();
        return definition == null || definition.getActivityId() == null ? "" : definition.getActivityId();
      });
      timerKind(job.getProcessDefinitionId(), activityId).ifPresent(kind -> result.put(job, kind));
    }
    return result;
  }

  /**
   * Suspends the clock's timers: no warning or overdue while the clock is paused. The jobs are the
   * command's cached entities (the clock always runs inside a command, see {@link
   * #withoutAuthorization}); changing them there, rather than through the suspension service's bulk
   * update, keeps one consistent version of each job when it is also moved in the same step.
   */
  void suspendTimers(String processInstanceId) {
    for (Job job : clockTimers(processInstanceId).keySet()) {
      setSuspended(job, true);
    }
  }

  private static void setSuspended(Job job, boolean suspended) {
    if (job.isSuspended() == suspended) {
      return;
    }
    if (!(job instanceof JobEntity entity) || Context.getCommandContext() == null) {
      throw new IllegalStateException("the clock changes jobs inside a command only");
    }
    entity.setSuspensionState((suspended ? SuspensionState.SUSPENDED : SuspensionState.ACTIVE).getStateCode());
  }

  /**
   * Brings the case in line with its clock: every clock timer waits for the clock's warning or
   * deadline (and runs again if {@code activate}), every open task is due at the deadline. A
   * paused clock keeps its timers as they are: the resume sets them.
   */
  void move(ClockState clock, boolean activate) {
    if (!clock.paused()) {
      for (Map.Entry<Job, TimerKind> timer : clockTimers(clock.processInstanceId()).entrySet()) {
        Job job = timer.getKey();
        Date due = date(timer.getValue() == TimerKind.WARNING ? clock.warningAt() : clock.deadlineAt());
        if (!due.equals(job.getDuedate())) {
          management.setJobDuedate(job.getId(), due);
        }
        if (activate) {
          setSuspended(job, false);
        }
      }
    }
    Date due = date(clock.deadlineAt());
    for (Task task : tasks.createTaskQuery().processInstanceId(clock.processInstanceId()).list()) {
      if (task instanceof TaskEntity entity && entity.isDeleted()) {
        continue; // the task whose completion caused this move
      }
      if (!due.equals(task.getDueDate())) {
        task.setDueDate(due);
        tasks.saveTask(task);
      }
    }
  }

  /**
   * The steps the case waits on: its open user tasks except {@code ignoredTaskKeys} (the clock's
   * own work), or if there are none, the activities of its waiting jobs (a department system call
   * being retried, for example) in the lead department's name.
   */
  List<Step> openSteps(String processInstanceId, Set<String> ignoredTaskKeys, String leadDepartment) {
    List<Step> steps = new ArrayList<>();
    for (Task task : tasks.createTaskQuery().processInstanceId(processInstanceId).orderByTaskCreateTime().asc().list()) {
      if (ignoredTaskKeys.contains(task.getTaskDefinitionKey())
          || task instanceof TaskEntity entity && entity.isDeleted()) {
        continue;
      }
      String group = tasks.getIdentityLinksForTask(task.getId()).stream()
          .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
          .map(IdentityLink::getGroupId).findFirst().orElse(null);
      steps.add(new Step(task.getId(), task.getTaskDefinitionKey(), task.getName(), group));
    }
    if (!steps.isEmpty()) {
      return steps;
    }
    for (Job job : management.createJobQuery().processInstanceId(processInstanceId).messages().list()) {
      String activityId = job.getJobDefinitionId() == null ? null
          : activityByJobDefinition.computeIfAbsent(job.getJobDefinitionId(), id -> {
            JobDefinition definition = management.createJobDefinitionQuery().jobDefinitionId(id).singleResult();
            return definition == null || definition.getActivityId() == null ? "" : definition.getActivityId();
          });
      if (activityId != null && !activityId.isEmpty()) {
        steps.add(new Step(null, activityId, activityName(job.getProcessDefinitionId(), activityId), leadDepartment));
      }
    }
    return steps;
  }

  void comment(String taskId, String processInstanceId, String text) {
    tasks.createComment(taskId, processInstanceId, text);
  }

  static Date date(OffsetDateTime at) {
    return Date.from(at.toInstant());
  }

  // ---------------------------------------------------------------- reading the models

  private Optional<TimerKind> timerKind(String processDefinitionId, String activityId) {
    if (processDefinitionId == null || activityId.isEmpty()) {
      return Optional.empty();
    }
    return timersByDefinition.computeIfAbsent(processDefinitionId, this::readTimers)
        .getOrDefault(activityId, Optional.empty());
  }

  private Map<String, Optional<TimerKind>> readTimers(String processDefinitionId) {
    Map<String, Optional<TimerKind>> kinds = new ConcurrentHashMap<>();
    BpmnModelInstance model = repository.getBpmnModelInstance(processDefinitionId);
    for (CatchEvent event : model.getModelElementsByType(CatchEvent.class)) {
      Optional<TimerKind> kind = Optional.empty();
      for (var definition : event.getEventDefinitions()) {
        if (definition instanceof TimerEventDefinition timer && timer.getTimeDate() != null) {
          String text = timer.getTimeDate().getTextContent();
          if (text != null && text.contains(WARNING_EXPRESSION)) {
            kind = Optional.of(TimerKind.WARNING);
          } else if (text != null && text.contains(DEADLINE_EXPRESSION)) {
            kind = Optional.of(TimerKind.DEADLINE);
          }
        }
      }
      kinds.put(event.getId(), kind);
    }
    return kinds;
  }

  private String activityName(String processDefinitionId, String activityId) {
    ModelElementInstance element = repository.getBpmnModelInstance(processDefinitionId).getModelElementById(activityId);
    String name = element instanceof FlowElement flowElement ? flowElement.getName() : null;
    return name == null || name.isBlank() ? activityId : name;
  }
}
