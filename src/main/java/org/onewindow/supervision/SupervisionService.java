package org.onewindow.supervision;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.onewindow.calendar.WorkingDayCalendar;
import org.onewindow.catalog.Catalog;
import org.onewindow.catalog.CatalogItem;
import org.onewindow.identity.CurrentUser;
import org.onewindow.identity.IdentityProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The supervisors' boards: open cases in warning (预警) and overdue (超期), with the late step,
 * its department, the working days over or left, and any supervision order (督办).
 *
 * <p>Reads only the clock's tables and the engine. A case is overdue when the clock says so or
 * when its deadline has passed (the clock's timer job may not have run yet: the board shows the
 * truth at "now", the engine's clock); in warning when the clock says so or its warning time has
 * passed. A paused clock (补正, Art. 45) keeps the state it had when it stopped. The late step
 * is the one the clock recorded when the warning or overdue fired; before it has recorded one,
 * the case's open steps stand in.
 */
@Service
public class SupervisionService {
  public static final String WARNINGS = "WARNING";
  public static final String OVERDUE = "OVERDUE";

  private final SupervisionRepository repository;
  private final WorkingDayCalendar calendar;
  private final Catalog catalog;
  private final IdentityProperties identity;
  private final TaskService taskService;
  private final CurrentUser currentUser;
  private final String cockpitBase;

  public SupervisionService(SupervisionRepository repository, WorkingDayCalendar calendar, Catalog catalog,
      IdentityProperties identity, ProcessEngine engine, CurrentUser currentUser,
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    this.repository = repository;
    this.calendar = calendar;
    this.catalog = catalog;
    this.identity = identity;
    this.taskService = engine.getTaskService();
    this.currentUser = currentUser;
    this.cockpitBase = webappPath + "/app/cockpit/" + engine.getName() + "/#/process-instance/";
  }

  /** A late step; its department where known (an open step), null where the clock recorded steps and departments apart. */
  public record StepJson(String activityId, String activityName, String department, String departmentName,
      OffsetDateTime since, boolean current) {}

  public record DepartmentJson(String code, String name) {}

  public record OrderJson(String taskId, String instruction, OffsetDateTime issuedAt, OffsetDateTime closedAt) {}

  public record CaseJson(String receiptNumber, String processInstanceId, String cockpitUrl, String itemCode,
      String itemName, String leadDepartment, String leadDepartmentName, String applicantName, String caseStatus,
      String clockPhase, boolean paused, LocalDate deadlineDate, OffsetDateTime deadlineAt, OffsetDateTime warningAt,
      boolean calendarComplete, Integer workingDaysOverdue, Integer workingDaysLeft, List<StepJson> lateSteps,
      List<DepartmentJson> lateDepartments, List<OrderJson> supervisionOrders) {}

  public record CountJson(String code, String name, int count) {}

  /** {@code count} and the two tallies cover every case of the board; {@code cases} the requested page. */
  public record BoardJson(String kind, OffsetDateTime asOf, int count, int offset, int limit, List<CaseJson> cases,
      List<CountJson> byDepartment, List<CountJson> byItem) {}

  public static final int DEFAULT_LIMIT = 200;
  public static final int MAX_LIMIT = 2000;

  /**
   * One board: every case in the state counted ({@code count}, {@code byDepartment}, {@code
   * byItem}), the cases from {@code offset} to {@code offset + limit} listed in full, most
   * overdue first (overdue) or nearest deadline first (warning). With
   * thousands of late cases only the listed ones cost a case's full detail.
   */
  public BoardJson board(String kind, int offset, int limit) {
    OffsetDateTime now = now();
    List<ClockRow> page = page(kind, now, offset, limit);

    // Counts over every case, in one pass over the open clocks: the departments the clock
    // recorded when it fired, else those of the open steps, else the lead department.
    Map<String, Integer> byItem = new LinkedHashMap<>();
    Map<String, Integer> byDepartment = new LinkedHashMap<>();
    int count = 0;
    boolean unfired = false;
    for (SupervisionRepository.LateCount c : repository.lateCounts(kind, now)) {
      count += c.cases();
      byItem.merge(c.itemCode(), c.cases(), Integer::sum);
      if (c.recordedDepartments() == null) {
        unfired = true;
      } else {
        List<String> departments = split(c.recordedDepartments(), ",");
        (departments.isEmpty() ? List.of(c.leadDepartment()) : departments)
            .forEach(d -> byDepartment.merge(d, c.cases(), Integer::sum));
      }
    }
    if (unfired) {
      Map<String, String> unrecorded = repository.unrecorded(kind, now);
      Map<String, List<String>> openGroups = repository.openTaskGroups(unrecorded.keySet());
      unrecorded.forEach((processInstanceId, lead) -> {
        Set<String> departments = new LinkedHashSet<>(openGroups.getOrDefault(processInstanceId, List.of()));
        if (departments.isEmpty()) {
          departments.add(lead);
        }
        departments.forEach(d -> byDepartment.merge(d, 1, Integer::sum));
      });
    }

    // Full detail for the listed cases only.
    Map<String, List<SupervisionEventRow>> events =
        repository.events(page.stream().map(ClockRow::receiptNumber).toList());
    Map<String, List<StepJson>> current = currentSteps(page.stream()
        .filter(k -> events.getOrDefault(k.receiptNumber(), List.of()).stream()
            .noneMatch(e -> kind.equals(e.kind()) && e.activityId() != null))
        .map(ClockRow::processInstanceId).toList());
    List<CaseJson> cases = new ArrayList<>();
    for (ClockRow k : page) {
      List<SupervisionEventRow> caseEvents = events.getOrDefault(k.receiptNumber(), List.of());
      cases.add(toJson(k, kind, now, caseEvents, current.getOrDefault(k.processInstanceId(), List.of())));
    }
    return new BoardJson(kind, now, count, offset, limit, cases,
        counts(byDepartment, this::departmentName),
        counts(byItem, code -> catalog.item(code).map(CatalogItem::name).orElse(code)));
  }

  /**
   * One page of a board, read from each branch of the board in deadline order as far as the page
   * reaches. Warnings: nearest deadline first. Overdue: most working days over first, then
   * earliest deadline; a running clock's days over only grow as its deadline lies further back,
   * so the running branches keep deadline order, and the paused clocks (counted up to the moment
   * they paused, and few) are all read and sorted in.
   */
  private List<ClockRow> page(String kind, OffsetDateTime now, int offset, int limit) {
    int reach = (int) Math.min(Integer.MAX_VALUE, (long) offset + limit);
    List<String> branches = SupervisionRepository.branches(kind);
    Comparator<ClockRow> byDeadline = Comparator.comparing(ClockRow::deadlineAt).thenComparing(ClockRow::receiptNumber);
    List<ClockRow> clocks = new ArrayList<>();
    for (int i = 0; i < branches.size() - 1; i++) {
      clocks.addAll(repository.clocksIn(branches.get(i), now, reach));
    }
    clocks.sort(byDeadline);
    clocks = new ArrayList<>(clocks.subList(0, Math.min(clocks.size(), reach)));
    String paused = branches.get(branches.size() - 1);
    clocks.addAll(repository.clocksIn(paused, now, OVERDUE.equals(kind) ? Integer.MAX_VALUE : reach));
    clocks.removeIf(k -> !kind.equals(state(k, now)));
    if (OVERDUE.equals(kind)) {
      Map<String, Integer> over = new java.util.HashMap<>();
      clocks.forEach(k -> over.put(k.receiptNumber(), workingDaysOverdue(k, now)));
      clocks.sort(Comparator.comparing((ClockRow k) -> over.get(k.receiptNumber())).reversed().thenComparing(byDeadline));
    } else {
      clocks.sort(byDeadline);
    }
    return List.copyOf(clocks.subList(Math.min(offset, clocks.size()), Math.min(clocks.size(), reach)));
  }

  private int workingDaysOverdue(ClockRow k, OffsetDateTime now) {
    boolean paused = SupervisionRepository.PAUSED.equals(k.phase());
    LocalDate until = (paused && k.pausedSince() != null ? k.pausedSince() : now)
        .atZoneSameInstant(calendar.zone()).toLocalDate();
    return until.isAfter(k.deadlineDate()) ? calendar.workingDaysBetween(k.deadlineDate(), until) : 0;
  }

  /** OVERDUE, WARNING or null (neither) for one open clock, at {@code now}. */
  static String state(ClockRow k, OffsetDateTime now) {
    boolean paused = SupervisionRepository.PAUSED.equals(k.phase());
    String phase = paused ? k.phaseBeforePause() : k.phase();
    OffsetDateTime at = paused && k.pausedSince() != null ? k.pausedSince() : now;
    if (SupervisionRepository.OVERDUE.equals(phase) || at.isAfter(k.deadlineAt())) {
      return OVERDUE;
    }
    if (SupervisionRepository.WARNING.equals(phase) || !at.isBefore(k.warningAt())) {
      return WARNINGS;
    }
    return null;
  }

  private CaseJson toJson(ClockRow k, String kind, OffsetDateTime now, List<SupervisionEventRow> events,
      List<StepJson> currentSteps) {
    boolean paused = SupervisionRepository.PAUSED.equals(k.phase());
    LocalDate until = (paused && k.pausedSince() != null ? k.pausedSince() : now)
        .atZoneSameInstant(calendar.zone()).toLocalDate();
    Integer over = null;
    Integer left = null;
    if (OVERDUE.equals(kind)) {
      over = workingDaysOverdue(k, now);
    } else {
      left = until.isAfter(k.deadlineDate()) ? 0 : calendar.workingDaysBetween(until, k.deadlineDate());
    }
    List<StepJson> late = new ArrayList<>();
    Set<String> departments = new LinkedHashSet<>();
    List<OrderJson> orders = new ArrayList<>();
    for (SupervisionEventRow e : events) {
      if (kind.equals(e.kind()) && e.activityId() != null) {
        // The clock writes one row per firing: the open steps' ids joined by ",", their names by
        // "、" and their departments (candidate groups) by ",".
        List<String> ids = split(e.activityId(), ",");
        List<String> names = split(e.activityName(), "、");
        List<String> groups = split(e.department(), ",");
        for (int i = 0; i < ids.size(); i++) {
          String name = ids.size() == names.size() ? names.get(i) : ids.get(i);
          String group = ids.size() == 1 && groups.size() == 1 ? groups.get(0) : null;
          late.add(new StepJson(ids.get(i), name, group, departmentName(group), e.occurredAt(), false));
        }
        departments.addAll(groups);
      }
      if (e.orderTaskId() != null || e.orderInstruction() != null) {
        orders.add(new OrderJson(e.orderTaskId(), e.orderInstruction(), e.occurredAt(), e.orderClosedAt()));
      }
    }
    if (late.isEmpty()) {
      late.addAll(currentSteps);
      currentSteps.stream().map(StepJson::department).filter(d -> d != null).forEach(departments::add);
    }
    List<DepartmentJson> lateDepartments = departments.stream()
        .map(d -> new DepartmentJson(d, departmentName(d))).toList();
    return new CaseJson(k.receiptNumber(), k.processInstanceId(), cockpitBase + k.processInstanceId() + "/runtime",
        k.itemCode(), catalog.item(k.itemCode()).map(CatalogItem::name).orElse(k.itemCode()),
        k.leadDepartment(), departmentName(k.leadDepartment()), k.applicantName(), k.caseStatus(), k.phase(), paused,
        k.deadlineDate(), k.deadlineAt(), k.warningAt(), k.calendarComplete(), over, left, late, lateDepartments,
        orders);
  }

  /** The open steps of these process instances, read on the engine's behalf (the board shows all). */
  private Map<String, List<StepJson>> currentSteps(List<String> processInstanceIds) {
    if (processInstanceIds.isEmpty()) {
      return Map.of();
    }
    return currentUser.asEngine(() -> {
      Map<String, List<StepJson>> steps = new LinkedHashMap<>();
      for (int from = 0; from < processInstanceIds.size(); from += 500) {
        List<String> chunk = processInstanceIds.subList(from, Math.min(processInstanceIds.size(), from + 500));
        for (Task t : taskService.createTaskQuery().processInstanceIdIn(chunk.toArray(new String[0]))
            .orderByTaskCreateTime().asc().list()) {
          String group = taskService.getIdentityLinksForTask(t.getId()).stream()
              .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
              .map(IdentityLink::getGroupId).findFirst().orElse(null);
          steps.computeIfAbsent(t.getProcessInstanceId(), k -> new ArrayList<>()).add(new StepJson(
              t.getTaskDefinitionKey(), t.getName(), group, departmentName(group), at(t.getCreateTime()), true));
        }
      }
      return steps;
    });
  }

  private static List<String> split(String joined, String separator) {
    if (joined == null || joined.isBlank()) {
      return List.of();
    }
    return java.util.Arrays.stream(joined.split(java.util.regex.Pattern.quote(separator)))
        .map(String::trim).filter(x -> !x.isEmpty()).toList();
  }

  private static List<CountJson> counts(Map<String, Integer> counts, Function<String, String> name) {
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .map(e -> new CountJson(e.getKey(), name.apply(e.getKey()), e.getValue())).toList();
  }

  String departmentName(String code) {
    if (code == null) {
      return null;
    }
    String role = identity.roleGroups().get(code);
    return role != null ? role : catalog.departmentName(code);
  }

  private OffsetDateTime now() {
    return at(ClockUtil.getCurrentTime());
  }

  private OffsetDateTime at(Date date) {
    return date == null ? null : date.toInstant().atZone(calendar.zone()).toOffsetDateTime();
  }
}
