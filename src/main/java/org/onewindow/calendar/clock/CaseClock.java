package org.onewindow.calendar.clock;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.onewindow.calendar.CalendarChangedEvent;
import org.onewindow.calendar.WorkingDayCalendar;
import org.onewindow.cases.CaseNotFoundException;
import org.onewindow.cases.CaseRepository;
import org.onewindow.catalog.Catalog;
import org.onewindow.catalog.CatalogItem;
import org.onewindow.engine.ModelApi;
import org.onewindow.identity.Groups;
import org.onewindow.intake.CaseValidationException;
import org.onewindow.intake.FieldError;
import org.onewindow.process.CaseVariables;
import org.onewindow.process.CommitmentItemProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The legal case clock (承诺时限) of a case: started at acceptance, paused for supplement and the
 * procedures of Art. 45, extended under Art. 42, stopped when the result is ready; it warns before
 * the deadline and goes overdue at it. Its state is {@code ow_case_clock} (mirrored in the process
 * variables {@code clockPhase} and {@code promisedDate}), every change is in the ledger {@code
 * ow_clock_event}, every warning and overdue in {@code ow_supervision_event}.
 *
 * <p>The models call it by name ({@code ${caseClock.start(execution)}}, timers at {@code
 * ${caseClock.warningAt(execution)}} and {@code ${caseClock.deadlineAt(execution)}}); staff reach
 * it through {@link CaseClockController}. Every change locks the clock's row and moves the case's
 * timers and task due dates in the same transaction as the step that caused it.
 */
@Component("caseClock")
@ModelApi
public class CaseClock {
  private static final Logger log = LoggerFactory.getLogger(CaseClock.class);

  /** The actor of changes nobody asked for: timers, calendar recomputation. */
  public static final String SYSTEM = "system";
  /** Tasks that are the clock's own work, never "the late step". */
  static final Set<String> CLOCK_TASKS =
      Set.of(CommitmentItemProcess.SUPERVISION_ORDER, CommitmentItemProcess.APPROVE_EXTENSION);
  /** Due date of a clock timer created while its clock is paused: the resume sets the real one. */
  static final OffsetDateTime PARKED = OffsetDateTime.parse("9999-12-31T00:00:00+08:00");
  static final int MAX_REASON_LENGTH = 1000;

  /** The clock of a case with its ledger and its warnings and overdues. */
  public record ClockView(ClockState clock, List<CaseClockRepository.ClockEvent> ledger,
      List<CaseClockRepository.SupervisionEvent> supervision) {}

  /** An extension request waiting for the approver. */
  public record ExtensionRequest(String receiptNumber, int workingDays, String reason, String requestedBy,
      LocalDate deadlineDate, int allowance) {}

  private final CaseClockRepository clocks;
  private final CaseClockRules rules;
  private final CaseClockEngine engine;
  private final CaseRepository cases;
  private final Catalog catalog;
  private final IdentityService identity;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final TransactionTemplate transactions;

  public CaseClock(CaseClockRepository clocks, CaseClockRules rules, CaseClockEngine engine, CaseRepository cases,
      Catalog catalog, IdentityService identity, RuntimeService runtime, TaskService tasks,
      PlatformTransactionManager transactionManager) {
    this.clocks = clocks;
    this.rules = rules;
    this.engine = engine;
    this.cases = cases;
    this.catalog = catalog;
    this.identity = identity;
    this.runtime = runtime;
    this.tasks = tasks;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  public CaseClockRules rules() {
    return rules;
  }

  // ================================================================ called by the models

  /** Acceptance: the clock starts with the item's promised limit (承诺时限); idempotent. */
  public void start(DelegateExecution execution) {
    String rn = execution.getProcessBusinessKey();
    if (clocks.find(rn).isPresent()) {
      log.warn("Case {} already has a clock; acceptance does not start it again", rn);
      return;
    }
    CatalogItem item = catalog.require((String) execution.getVariable(CaseVariables.ITEM_CODE));
    OffsetDateTime now = now();
    ClockState clock = rules.start(rn, execution.getProcessInstanceId(), item.code(), item.leadDepartment(),
        item.promisedDays(), item.statutoryDays(), now);
    clocks.insert(clock);
    clocks.addEvent(rn, ClockEventKind.START, null, "承诺时限 " + item.promisedDays() + " 个工作日（法定时限 "
        + item.statutoryDays() + " 个工作日），受理当日不计", actor(), now, null, clock.deadlineDate());
    variables(execution, clock);
  }

  /** Timer date of the warning (预警); far in the future while the clock is paused. */
  public Date warningAt(DelegateExecution execution) {
    ClockState clock = require(execution.getProcessBusinessKey());
    return CaseClockEngine.date(clock.paused() ? PARKED : clock.warningAt());
  }

  /** Timer date of the overdue (超期); far in the future while the clock is paused. */
  public Date deadlineAt(DelegateExecution execution) {
    ClockState clock = require(execution.getProcessBusinessKey());
    return CaseClockEngine.date(clock.paused() ? PARKED : clock.deadlineAt());
  }

  /**
   * A reviewing department asks for a supplement (start of {@code awaitReviewSupplement}): the
   * applicant's time does not count. Several departments may ask at once; the clock resumes when the
   * last supplement is in.
   */
  public void pause(DelegateExecution execution, String reasonType) {
    PauseReason reason = PauseReason.valueOf(reasonType);
    Optional<ClockState> clock = clocks.lock(execution.getProcessBusinessKey());
    if (clock.isEmpty() || clock.get().stopped()) {
      log.warn("Case {} has no running clock; {} does not pause it", execution.getProcessBusinessKey(), reason);
      return;
    }
    hold(clock.get(), reason, supplementText(execution, "要求补正"), actor(), execution);
  }

  /** The supplement is in (end of {@code awaitReviewSupplement}): resumes unless another pause holds. */
  public void resume(DelegateExecution execution) {
    if (execution.isCanceled()) {
      return; // the case is being cancelled; cancelIfRunning settles the clock
    }
    Optional<ClockState> locked = clocks.lock(execution.getProcessBusinessKey());
    if (locked.isEmpty() || locked.get().stopped()) {
      return;
    }
    ClockState clock = locked.get();
    String text = supplementText(execution, "已收到补正材料");
    boolean lastSupplement = clocks.openHolds(clock.receiptNumber(), PauseReason.SUPPLEMENT) <= 1;
    if (!clock.paused()) {
      log.warn("Case {}: supplement received but the clock is {}", clock.receiptNumber(), clock.phase());
      return;
    }
    if (!lastSupplement || clock.pauseReasonType() != PauseReason.SUPPLEMENT) {
      clocks.addEvent(clock.receiptNumber(), ClockEventKind.RESUME, PauseReason.SUPPLEMENT.name(),
          text + "；计时仍暂停（" + stillPausedBecause(clock, lastSupplement) + "）", actor(), now(),
          clock.deadlineDate(), clock.deadlineDate());
      return;
    }
    release(clock, PauseReason.SUPPLEMENT, text, actor(), execution);
  }

  /** The result is ready (terminate end of the handling): the clock stops, open orders close. */
  public void stop(DelegateExecution execution) {
    Optional<ClockState> locked = clocks.lock(execution.getProcessBusinessKey());
    if (locked.isEmpty() || locked.get().stopped()) {
      return;
    }
    ClockState stopped = finish(locked.get(), true);
    variables(execution, stopped);
  }

  /** End of the handling by any other way (the case was cancelled): the clock stops without a verdict. */
  public void cancelIfRunning(DelegateExecution execution) {
    Optional<ClockState> locked = clocks.lock(execution.getProcessBusinessKey());
    if (locked.isEmpty() || locked.get().stopped()) {
      return;
    }
    finish(locked.get(), false);
  }

  /** Warning timer: records the warning (预警) with the steps the case waits on. */
  public void recordWarning(DelegateExecution execution) {
    record(execution, CaseClockRepository.WARNING);
  }

  /** Overdue timer: records the overdue (超期) and prepares the supervision order (督办). */
  public void recordOverdue(DelegateExecution execution) {
    record(execution, CaseClockRepository.OVERDUE);
  }

  /** Create listener of the supervision order: links the task to its overdue record. */
  public void orderIssued(DelegateTask task) {
    Object eventId = task.getVariable(CaseVariables.SUPERVISION_EVENT_ID);
    if (eventId instanceof Number id) {
      clocks.setOrderTask(id.longValue(), task.getId());
    }
  }

  /** After the supervision order: keeps the supervisor's instruction and shows it on the late tasks. */
  public void recordInstruction(DelegateExecution execution) {
    Object eventId = execution.getVariable(CaseVariables.SUPERVISION_EVENT_ID);
    String instruction = text(execution.getVariable(CaseVariables.SUPERVISION_INSTRUCTION));
    if (!(eventId instanceof Number id) || instruction == null) {
      return;
    }
    clocks.setOrderInstruction(id.longValue(), instruction);
    String who = actor();
    for (CaseClockEngine.Step step : engine.openSteps(execution.getProcessInstanceId(), CLOCK_TASKS, null)) {
      if (step.taskId() != null) {
        engine.comment(step.taskId(), execution.getProcessInstanceId(),
            "督办意见" + (who == null ? "" : "（" + who + "）") + "：" + instruction);
      }
    }
  }

  /**
   * Complete listener of the extension approval: the answer must be given, and an approval must
   * still fit the statutory limit and come before the deadline (checked again here: the clock may
   * have moved since the request).
   */
  public void checkExtension(DelegateTask task) {
    Boolean approved = bool(task.getVariable(CaseVariables.EXTENSION_APPROVED));
    if (approved == null) {
      throw new CaseValidationException(List.of(new FieldError(CaseVariables.EXTENSION_APPROVED, "请选择批准或不批准")));
    }
    task.setVariable(CaseVariables.EXTENSION_APPROVED, approved);
    if (!approved) {
      return;
    }
    ClockState clock = require(task.getExecution().getProcessBusinessKey());
    int days = days(task.getVariable(CaseVariables.EXTENSION_DAYS));
    String problem = extensionProblem(clock, days);
    if (problem != null) {
      throw new CaseValidationException(List.of(new FieldError(CaseVariables.EXTENSION_APPROVED,
          problem + "，只能不予批准")));
    }
  }

  /**
   * Approved extension (延期): the deadline moves by the approved working days. Sets {@code
   * clockRewarn} when a warned case runs again, so the model warns it again at the new time.
   */
  public void extend(DelegateExecution execution) {
    ClockState clock = clocks.lock(execution.getProcessBusinessKey())
        .orElseThrow(() -> new IllegalStateException("no clock for " + execution.getProcessBusinessKey()));
    int days = days(execution.getVariable(CaseVariables.EXTENSION_DAYS));
    OffsetDateTime now = now();
    ClockState extended = rules.extend(clock, days, now);
    clocks.update(extended);
    String requestedBy = text(execution.getVariable(CaseVariables.EXTENSION_REQUESTED_BY));
    String comment = text(execution.getVariable(CaseVariables.EXTENSION_COMMENT));
    clocks.addEvent(clock.receiptNumber(), ClockEventKind.EXTENSION, "EXTENSION",
        "延期 " + days + " 个工作日：" + text(execution.getVariable(CaseVariables.EXTENSION_REASON))
            + (requestedBy == null ? "" : "（申请人：" + requestedBy + "）")
            + (comment == null ? "" : "；审批意见：" + comment),
        actor(), now, clock.deadlineDate(), extended.deadlineDate());
    engine.move(extended, false);
    variables(execution, extended);
    boolean rewarn = clock.phase() == ClockPhase.WARNING && extended.phase() == ClockPhase.RUNNING
        || clock.paused() && clock.phaseBeforePause() == ClockPhase.WARNING
            && extended.phaseBeforePause() == ClockPhase.RUNNING;
    execution.setVariableLocal(CaseVariables.CLOCK_REWARN, rewarn);
  }

  /** Built-in create listener of every user task (see {@link CaseClockPlugin}): due at the deadline. */
  public void assignDueDate(DelegateTask task) {
    String rn = task.getExecution() == null ? null : task.getExecution().getProcessBusinessKey();
    if (rn == null) {
      return;
    }
    clocks.find(rn).filter(clock -> !clock.stopped())
        .ifPresent(clock -> task.setDueDate(CaseClockEngine.date(clock.deadlineAt())));
  }

  /**
   * Built-in create listener of a user task with its own limit (see {@link CaseClockPlugin}): due
   * at the office close of the {@code workingDays}-th working day after today (Art. 82: today is
   * not counted; 0 is today). No clock lookup: such a task comes before the clock.
   */
  public void assignDueDate(DelegateTask task, int workingDays) {
    WorkingDayCalendar calendar = rules.calendar();
    LocalDate today = now().atZoneSameInstant(calendar.zone()).toLocalDate();
    task.setDueDate(CaseClockEngine.date(calendar.deadline(today, workingDays).at()));
  }

  // ================================================================ called by staff (the API)

  @Transactional(readOnly = true)
  public Optional<ClockState> find(String receiptNumber) {
    return clocks.find(receiptNumber);
  }

  /** The clock with its ledger; empty if the case exists but has not been accepted. */
  @Transactional(readOnly = true)
  public Optional<ClockView> view(String receiptNumber) {
    requireCase(receiptNumber);
    return clocks.find(receiptNumber).map(clock -> new ClockView(clock, clocks.events(receiptNumber),
        clocks.supervisionEvents(receiptNumber)));
  }

  /** Art. 45: a hearing, testing, inspection, quarantine or expert review stops the clock. */
  @Transactional
  public ClockState pause(String receiptNumber, PauseReason reason, String text, String actor) {
    return engine.withoutAuthorization(() -> {
      ClockState clock = lockForStaff(receiptNumber, actor);
      if (clock.paused()) {
        throw new ClockConflictException("办件 " + receiptNumber + " 的计时已因“" + clock.pauseReasonType().label()
            + "”暂停（自 " + clock.pausedSince().atZoneSameInstant(zone()).toLocalDate() + " 起）");
      }
      return hold(clock, reason, reason.label() + "：" + text, actor, null);
    });
  }

  /** The Art. 45 procedure is over: the clock resumes and the deadline moves by the days it took. */
  @Transactional
  public ClockState resume(String receiptNumber, String actor) {
    return engine.withoutAuthorization(() -> {
      ClockState clock = lockForStaff(receiptNumber, actor);
      if (!clock.paused()) {
        throw new ClockConflictException("办件 " + receiptNumber + " 的计时未暂停");
      }
      if (clock.pauseReasonType() == PauseReason.SUPPLEMENT) {
        throw new ClockConflictException("办件 " + receiptNumber
            + " 正在等待申请人补正材料，收到补正材料后计时自动恢复");
      }
      String text = clock.pauseReasonType().label() + "结束";
      if (clocks.openHolds(receiptNumber, PauseReason.SUPPLEMENT) > 0) {
        OffsetDateTime now = now();
        ClockState stillPaused = clock.withPause(ClockPhase.PAUSED, clock.pausedSince(), PauseReason.SUPPLEMENT,
            clock.phaseBeforePause()).withUpdatedAt(now);
        clocks.update(stillPaused);
        clocks.addEvent(receiptNumber, ClockEventKind.RESUME, clock.pauseReasonType().name(),
            text + "；计时仍暂停（等待申请人补正材料）", actor, now, clock.deadlineDate(), clock.deadlineDate());
        return stillPaused;
      }
      return release(clock, clock.pauseReasonType(), text, actor, null);
    });
  }

  /**
   * Art. 42: the lead department asks for more time; the approver decides in the extension
   * approval task. Bounded by the statutory limit.
   */
  @Transactional
  public ExtensionRequest requestExtension(String receiptNumber, Integer workingDays, String reason, String actor) {
    return engine.withoutAuthorization(() -> {
      ClockState clock = startedClock(receiptNumber);
      if (!inGroup(clock.leadDepartment())) {
        throw new ClockForbiddenException("只有牵头部门（" + catalog.departmentName(clock.leadDepartment())
            + "）的工作人员可以申请延期");
      }
      List<FieldError> errors = new ArrayList<>();
      if (workingDays == null) {
        errors.add(new FieldError("workingDays", "必填：延期的工作日数"));
      } else if (workingDays < 1) {
        errors.add(new FieldError("workingDays", "至少延期 1 个工作日"));
      } else if (workingDays > clock.extensionAllowance()) {
        errors.add(new FieldError("workingDays", allowanceText(clock, workingDays)));
      }
      String text = reason == null ? null : reason.strip();
      if (text == null || text.isEmpty()) {
        errors.add(new FieldError("reason", "必填：延期理由"));
      } else if (text.length() > MAX_REASON_LENGTH) {
        errors.add(new FieldError("reason", "不能超过 " + MAX_REASON_LENGTH + " 个字"));
      }
      if (!errors.isEmpty()) {
        throw new CaseValidationException(errors);
      }
      if (clock.stopped()) {
        throw new ClockConflictException("办件 " + receiptNumber + " 已办结，不能申请延期");
      }
      if (overdue(clock)) {
        throw new ClockConflictException("办件 " + receiptNumber + " 已超过承诺期限（" + clock.deadlineDate()
            + "），不能再申请延期");
      }
      if (tasks.createTaskQuery().processInstanceId(clock.processInstanceId())
          .taskDefinitionKey(CommitmentItemProcess.APPROVE_EXTENSION).count() > 0) {
        throw new ClockConflictException("办件 " + receiptNumber + " 已有一项延期申请等待审批");
      }
      VariableMap variables = Variables.createVariables()
          .putValue(CaseVariables.EXTENSION_DAYS, workingDays)
          .putValue(CaseVariables.EXTENSION_REASON, text)
          .putValue(CaseVariables.EXTENSION_REQUESTED_BY, actor)
          .putValue(CaseVariables.EXTENSION_APPROVED, null)
          .putValue(CaseVariables.EXTENSION_COMMENT, null);
      try {
        runtime.createMessageCorrelation(CommitmentItemProcess.MESSAGE_EXTENSION_REQUESTED)
            .processInstanceId(clock.processInstanceId())
            .setVariablesToTriggeredScope(variables)
            .correlateWithResult();
      } catch (MismatchingMessageCorrelationException e) {
        throw new ClockConflictException("办件 " + receiptNumber + " 当前所处环节不能申请延期");
      }
      return new ExtensionRequest(receiptNumber, workingDays, text, actor, clock.deadlineDate(),
          clock.extensionAllowance());
    });
  }

  // ================================================================ calendar changes

  /** A year's holiday schedule was added or changed: recompute the open deadlines that run through it. */
  @EventListener
  public void calendarChanged(CalendarChangedEvent event) {
    int moved = recompute(event.years());
    log.info("Calendar change of {}: {} open case deadline(s) moved", event.years(), moved);
  }

  /** At start-up: schedules may have been added while the application was down. */
  @EventListener(ApplicationReadyEvent.class)
  public void recomputeAtStartUp() {
    int moved = recompute(null);
    if (moved > 0) {
      log.info("{} open case deadline(s) moved to the holiday schedules loaded at start-up", moved);
    }
  }

  /**
   * Recomputes the open clocks that count through one of {@code years} (all open clocks if null),
   * each in its own transaction; moves timers and task due dates of those whose deadline changed.
   *
   * @return the number of clocks whose deadline moved
   */
  public int recompute(Set<Integer> years) {
    if (years != null && years.isEmpty()) {
      return 0;
    }
    List<String> candidates = years == null ? clocks.openClocks()
        : clocks.openClocksOverlapping(LocalDate.of(years.stream().min(Integer::compare).orElseThrow(), 1, 1),
            LocalDate.of(years.stream().max(Integer::compare).orElseThrow(), 12, 31));
    int moved = 0;
    for (String rn : candidates) {
      for (int attempt = 1; ; attempt++) {
        try {
          Boolean changed = transactions.execute(status -> engine.withoutAuthorization(() -> recomputeOne(rn, years)));
          if (Boolean.TRUE.equals(changed)) {
            moved++;
          }
          break;
        } catch (OptimisticLockingException e) {
          if (attempt == 3) {
            log.error("Deadline of case {} not recomputed: it kept changing concurrently", rn, e);
            break;
          }
        } catch (RuntimeException e) {
          log.error("Deadline of case {} not recomputed", rn, e);
          break;
        }
      }
    }
    return moved;
  }

  private boolean recomputeOne(String rn, Set<Integer> years) {
    Optional<ClockState> locked = clocks.lock(rn);
    if (locked.isEmpty() || locked.get().stopped() || years != null && !rules.touches(locked.get(), years)) {
      return false;
    }
    ClockState clock = locked.get();
    OffsetDateTime now = now();
    ClockState recomputed = rules.recompute(clock, now);
    boolean moved = !recomputed.deadlineAt().isEqual(clock.deadlineAt()) || !recomputed.warningAt().isEqual(clock.warningAt());
    if (!moved && recomputed.calendarComplete() == clock.calendarComplete()) {
      return false;
    }
    clocks.update(recomputed);
    if (moved) {
      clocks.addEvent(rn, ClockEventKind.RECOMPUTE, "CALENDAR",
          "节假日安排变更，按新日历重新计算" + (recomputed.calendarComplete() ? "" : "（仍有年份缺少节假日安排）"),
          SYSTEM, now, clock.deadlineDate(), recomputed.deadlineDate());
      engine.move(recomputed, false);
      runtime.setVariables(clock.processInstanceId(), Map.of(
          CaseVariables.PROMISED_DATE, recomputed.deadlineDate().toString()));
    }
    return moved;
  }

  // ================================================================ internals

  /** Opens a pause of {@code reason}: a real pause if the clock counts, else a hold that joins it. */
  private ClockState hold(ClockState clock, PauseReason reason, String text, String actor, DelegateExecution execution) {
    OffsetDateTime now = now();
    if (clock.paused()) {
      clocks.addEvent(clock.receiptNumber(), ClockEventKind.PAUSE, reason.name(),
          text + "（计时已因“" + clock.pauseReasonType().label() + "”暂停）", actor, now,
          clock.deadlineDate(), clock.deadlineDate());
      return clock;
    }
    ClockState paused = rules.pause(clock, reason, now);
    clocks.update(paused);
    clocks.addEvent(clock.receiptNumber(), ClockEventKind.PAUSE, reason.name(), text, actor, now,
        clock.deadlineDate(), clock.deadlineDate());
    engine.suspendTimers(clock.processInstanceId());
    variables(execution, paused);
    return paused;
  }

  /** Ends the pause: the deadline moves by the working days it lasted, timers and tasks follow. */
  private ClockState release(ClockState clock, PauseReason reason, String text, String actor,
      DelegateExecution execution) {
    OffsetDateTime now = now();
    ClockState resumed = rules.resume(clock, now);
    int days = resumed.pausedWorkingDays() - clock.pausedWorkingDays();
    clocks.update(resumed);
    clocks.addEvent(clock.receiptNumber(), ClockEventKind.RESUME, reason.name(),
        text + "；暂停 " + days + " 个工作日，期限顺延", actor, now, clock.deadlineDate(), resumed.deadlineDate());
    engine.move(resumed, true);
    variables(execution, resumed);
    return resumed;
  }

  private ClockState finish(ClockState clock, boolean completed) {
    OffsetDateTime now = now();
    ClockState stopped = rules.stop(clock, now, completed);
    clocks.update(stopped);
    if (clock.paused()) {
      clocks.addEvent(clock.receiptNumber(), ClockEventKind.RESUME, clock.pauseReasonType().name(),
          "办理结束时计时仍暂停，自动恢复", SYSTEM, now, clock.deadlineDate(), stopped.deadlineDate());
    }
    String verdict = !completed ? "办理中止（流程被取消）"
        : Boolean.TRUE.equals(stopped.finishedOnTime()) ? "按期办结"
        : "超期办结";
    clocks.addEvent(clock.receiptNumber(), ClockEventKind.STOP, null,
        verdict + "，用时 " + stopped.workingDaysUsed() + " 个工作日", completed ? actor() : SYSTEM, now,
        stopped.deadlineDate(), stopped.deadlineDate());
    clocks.closeOrders(clock.receiptNumber(), now);
    return stopped;
  }

  private void record(DelegateExecution execution, String kind) {
    Optional<ClockState> locked = clocks.lock(execution.getProcessBusinessKey());
    if (locked.isEmpty() || locked.get().stopped()) {
      return;
    }
    ClockState clock = locked.get();
    OffsetDateTime now = now();
    List<CaseClockEngine.Step> steps = engine.openSteps(execution.getProcessInstanceId(), CLOCK_TASKS,
        clock.leadDepartment());
    Set<String> ids = steps.stream().map(CaseClockEngine.Step::activityId).collect(Collectors.toCollection(LinkedHashSet::new));
    Set<String> names = steps.stream().map(CaseClockEngine.Step::name).collect(Collectors.toCollection(LinkedHashSet::new));
    Set<String> groups = steps.stream().map(CaseClockEngine.Step::group).filter(g -> g != null)
        .collect(Collectors.toCollection(LinkedHashSet::new));
    long eventId = clocks.addSupervisionEvent(clock.receiptNumber(), kind, now, clock.deadlineAt(),
        joinWithin(ids, ",", 64), joinWithin(names, "、", 200), joinWithin(groups, ",", 32));
    ClockPhase phase = CaseClockRepository.WARNING.equals(kind) ? ClockPhase.WARNING : ClockPhase.OVERDUE;
    ClockState next = clock;
    if (clock.paused()) {
      // Fired in the moment the clock was paused: remembered for the resume.
      if (rank(phase) > rank(clock.phaseBeforePause())) {
        next = clock.withPause(ClockPhase.PAUSED, clock.pausedSince(), clock.pauseReasonType(), phase);
      }
    } else if (rank(phase) > rank(clock.phase())) {
      next = clock.withPhase(phase);
    }
    if (next != clock) {
      next = next.withUpdatedAt(now);
      clocks.update(next);
      variables(execution, next);
    }
    if (phase == ClockPhase.OVERDUE) {
      execution.setVariableLocal(CaseVariables.SUPERVISION_EVENT_ID, eventId);
      execution.setVariableLocal(CaseVariables.LATE_STEP, names.isEmpty() ? "（无待办环节）" : String.join("、", names));
      execution.setVariableLocal(CaseVariables.LATE_DEPARTMENT,
          groups.stream().map(this::groupName).collect(Collectors.joining("、")));
    }
  }

  private static int rank(ClockPhase phase) {
    return phase == ClockPhase.OVERDUE ? 2 : phase == ClockPhase.WARNING ? 1 : 0;
  }

  private String groupName(String group) {
    if (catalog.department(group).isPresent()) {
      return catalog.departmentName(group);
    }
    org.camunda.bpm.engine.identity.Group g = identity.createGroupQuery().groupId(group).singleResult();
    return g == null || g.getName() == null ? group : g.getName();
  }

  /** Keeps the process variables that forms and Tasklist filters read in step with the clock. */
  private void variables(DelegateExecution execution, ClockState clock) {
    Map<String, Object> values = Map.of(
        CaseVariables.CLOCK_PHASE, clock.phase().name(),
        CaseVariables.PROMISED_DATE, clock.deadlineDate().toString());
    if (execution != null) {
      execution.getProcessInstance().setVariables(values);
    } else {
      runtime.setVariables(clock.processInstanceId(), values);
    }
  }

  private ClockState lockForStaff(String receiptNumber, String actor) {
    ClockState clock = startedClock(receiptNumber);
    if (!inGroup(clock.leadDepartment()) && !inGroup(Groups.APPROVERS) && !inGroup(Groups.ADMINISTRATORS)) {
      throw new ClockForbiddenException("只有牵头部门（" + catalog.departmentName(clock.leadDepartment())
          + "）或审批负责人可以暂停、恢复计时");
    }
    ClockState locked = clocks.lock(receiptNumber).orElseThrow();
    if (locked.stopped()) {
      throw new ClockConflictException("办件 " + receiptNumber + " 已办结，计时已停止");
    }
    return locked;
  }

  private ClockState startedClock(String receiptNumber) {
    requireCase(receiptNumber);
    return clocks.find(receiptNumber)
        .orElseThrow(() -> new ClockConflictException("办件 " + receiptNumber + " 尚未受理，未开始计时"));
  }

  private void requireCase(String receiptNumber) {
    if (receiptNumber == null || !cases.exists(receiptNumber)) {
      throw new CaseNotFoundException(receiptNumber);
    }
  }

  private ClockState require(String receiptNumber) {
    return clocks.find(receiptNumber)
        .orElseThrow(() -> new IllegalStateException("case " + receiptNumber + " has no clock: it was not accepted"));
  }

  private static boolean overdue(ClockState clock) {
    return clock.phase() == ClockPhase.OVERDUE || clock.paused() && clock.phaseBeforePause() == ClockPhase.OVERDUE;
  }

  /** Why this extension cannot be granted now, or null. */
  private String extensionProblem(ClockState clock, int days) {
    if (clock.stopped()) {
      return "办件已办结";
    }
    if (overdue(clock)) {
      return "办件已超过承诺期限（" + clock.deadlineDate() + "）";
    }
    if (days < 1 || days > clock.extensionAllowance()) {
      return allowanceText(clock, days);
    }
    return null;
  }

  private static String allowanceText(ClockState clock, int days) {
    return "延期 " + days + " 个工作日将超过法定时限 " + clock.statutoryDays() + " 个工作日（承诺 "
        + clock.promisedDays() + "，已延期 " + clock.extendedDays() + "），最多还可延期 "
        + clock.extensionAllowance() + " 个工作日";
  }

  private String stillPausedBecause(ClockState clock, boolean lastSupplement) {
    return lastSupplement ? clock.pauseReasonType().label() + "尚未结束" : "其他部门的补正材料尚未收到";
  }

  private String supplementText(DelegateExecution execution, String what) {
    String department = text(execution.getVariable(CommitmentItemProcess.DEPARTMENT));
    String materials = text(execution.getVariable(CommitmentItemProcess.MISSING_MATERIALS));
    return (department == null ? "" : catalog.departmentName(department)) + what
        + (materials == null || !"要求补正".equals(what) ? "" : "：" + materials);
  }

  private boolean inGroup(String group) {
    Authentication auth = identity.getCurrentAuthentication();
    return auth != null && auth.getGroupIds() != null && auth.getGroupIds().contains(group);
  }

  private String actor() {
    Authentication auth = identity.getCurrentAuthentication();
    return auth == null || auth.getUserId() == null ? SYSTEM : auth.getUserId();
  }

  private ZoneId zone() {
    return rules.zone();
  }

  private OffsetDateTime now() {
    return ClockUtil.getCurrentTime().toInstant().atZone(zone()).toOffsetDateTime();
  }

  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    String s = value.toString().strip();
    return s.isEmpty() ? null : s;
  }

  private static Boolean bool(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String s) {
      if ("true".equalsIgnoreCase(s.strip())) {
        return true;
      }
      if ("false".equalsIgnoreCase(s.strip())) {
        return false;
      }
    }
    return null;
  }

  private static int days(Object value) {
    if (value instanceof Number n) {
      return n.intValue();
    }
    if (value instanceof String s) {
      return Integer.parseInt(s.strip());
    }
    throw new IllegalStateException("extensionDays is missing");
  }

  /** Distinct values joined, whole values only, within a column's length. */
  static String joinWithin(Set<String> values, String separator, int max) {
    StringBuilder out = new StringBuilder();
    for (String value : values) {
      if (value == null || value.isEmpty()) {
        continue;
      }
      int extra = (out.isEmpty() ? 0 : separator.length()) + value.length();
      if (out.length() + extra > max) {
        break;
      }
      if (!out.isEmpty()) {
        out.append(separator);
      }
      out.append(value);
    }
    return out.isEmpty() ? null : out.toString();
  }
}
