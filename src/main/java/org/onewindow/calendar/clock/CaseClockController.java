package org.onewindow.calendar.clock;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.onewindow.intake.CaseValidationException;
import org.onewindow.intake.FieldError;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The case clock over HTTP: {@code GET /api/cases/{rn}/clock} (state, ledger, warnings and
 * overdues), the Art. 45 pause and resume, and the Art. 42 extension request. Bad input answers 400
 * naming each field, a clock that cannot do this now 409, a caller who may not 403, all as
 * problem+json.
 */
@RestController
@RequestMapping("/api/cases/{receiptNumber}")
public class CaseClockController {

  public record PauseJson(String reasonType, String reason) {}

  public record ExtensionJson(Integer workingDays, String reason) {}

  public record LedgerJson(String kind, String reasonType, String reason, String actor, OffsetDateTime occurredAt,
      LocalDate deadlineBefore, LocalDate deadlineAfter) {}

  public record SupervisionJson(String kind, OffsetDateTime occurredAt, OffsetDateTime deadlineAt, String activityId,
      String activityName, String department, String orderTaskId, String orderInstruction,
      OffsetDateTime orderClosedAt) {}

  public record ClockJson(String receiptNumber, String phase, String promisedDate, OffsetDateTime deadlineAt,
      OffsetDateTime warningAt, boolean calendarComplete, LocalDate startedOn, int promisedDays, int statutoryDays,
      int extendedDays, int pausedWorkingDays, int extensionAllowance, OffsetDateTime pausedSince,
      String pauseReasonType, OffsetDateTime stoppedAt, Boolean finishedOnTime, Integer workingDaysUsed,
      List<LedgerJson> ledger, List<SupervisionJson> supervision) {}

  public record ExtensionRequestJson(String receiptNumber, int workingDays, String reason, String requestedBy,
      String status, String promisedDate, int allowance) {}

  private final CaseClock clock;
  private final IdentityService identity;

  public CaseClockController(CaseClock clock, IdentityService identity) {
    this.clock = clock;
    this.identity = identity;
  }

  @GetMapping("/clock")
  public ClockJson get(@PathVariable String receiptNumber) {
    CaseClock.ClockView view = clock.view(receiptNumber)
        .orElseThrow(() -> new ClockNotStartedException("办件 " + receiptNumber + " 尚未受理，未开始计时"));
    return json(view);
  }

  /** Art. 45: stop the clock for a hearing, testing, inspection, quarantine or expert review. */
  @PostMapping(path = "/clock/pauses", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<ClockJson> pause(@PathVariable String receiptNumber, @RequestBody(required = false) PauseJson body) {
    List<FieldError> errors = new ArrayList<>();
    PauseReason reason = null;
    String allowed = PauseReason.specialProcedures().stream().map(Enum::name).collect(Collectors.joining(", "));
    if (body == null || body.reasonType() == null || body.reasonType().isBlank()) {
      errors.add(new FieldError("reasonType", "必填，可选：" + allowed));
    } else {
      reason = Arrays.stream(PauseReason.values()).filter(PauseReason::specialProcedure)
          .filter(r -> r.name().equals(body.reasonType().strip())).findFirst().orElse(null);
      if (reason == null) {
        errors.add(new FieldError("reasonType", "“" + abbreviate(body.reasonType()) + "”不是法定暂停事由，可选：" + allowed
            + "（补正由审查环节发起，不在此暂停）"));
      }
    }
    String text = body == null || body.reason() == null ? null : body.reason().strip();
    if (text == null || text.isEmpty()) {
      errors.add(new FieldError("reason", "必填：暂停的具体事项（如听证安排、检测机构）"));
    } else if (text.length() > CaseClock.MAX_REASON_LENGTH) {
      errors.add(new FieldError("reason", "不能超过 " + CaseClock.MAX_REASON_LENGTH + " 个字"));
    }
    if (!errors.isEmpty()) {
      throw new CaseValidationException(errors);
    }
    clock.pause(receiptNumber, reason, text, user());
    return ResponseEntity.status(HttpStatus.CREATED).body(json(clock.view(receiptNumber).orElseThrow()));
  }

  /** The Art. 45 procedure is over: the clock runs again, the deadline moves by the days it took. */
  @PostMapping("/clock/resume")
  public ClockJson resume(@PathVariable String receiptNumber) {
    clock.resume(receiptNumber, user());
    return json(clock.view(receiptNumber).orElseThrow());
  }

  /** Art. 42: the lead department asks for more working days; an approver decides. */
  @PostMapping(path = "/extension-requests", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<ExtensionRequestJson> requestExtension(@PathVariable String receiptNumber,
      @RequestBody(required = false) ExtensionJson body) {
    ExtensionJson b = body == null ? new ExtensionJson(null, null) : body;
    CaseClock.ExtensionRequest request = clock.requestExtension(receiptNumber, b.workingDays(), b.reason(), user());
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(new ExtensionRequestJson(request.receiptNumber(),
        request.workingDays(), request.reason(), request.requestedBy(), "PENDING_APPROVAL",
        request.deadlineDate().toString(), request.allowance()));
  }

  static ClockJson json(CaseClock.ClockView view) {
    ClockState c = view.clock();
    return new ClockJson(c.receiptNumber(), c.phase().name(), c.deadlineDate().toString(), c.deadlineAt(),
        c.warningAt(), c.calendarComplete(), c.startedOn(), c.promisedDays(), c.statutoryDays(), c.extendedDays(),
        c.pausedWorkingDays(), c.extensionAllowance(), c.pausedSince(),
        c.pauseReasonType() == null ? null : c.pauseReasonType().name(), c.stoppedAt(), c.finishedOnTime(),
        c.workingDaysUsed(),
        view.ledger().stream().map(e -> new LedgerJson(e.kind().name(), e.reasonType(), e.reason(), e.actor(),
            e.occurredAt(), e.deadlineBefore(), e.deadlineAfter())).toList(),
        view.supervision().stream().map(s -> new SupervisionJson(s.kind(), s.occurredAt(), s.deadlineAt(),
            s.activityId(), s.activityName(), s.department(), s.orderTaskId(), s.orderInstruction(),
            s.orderClosedAt())).toList());
  }

  private String user() {
    Authentication auth = identity.getCurrentAuthentication();
    return auth == null ? null : auth.getUserId();
  }

  private static String abbreviate(String value) {
    return value.length() > 40 ? value.substring(0, 40) + "…" : value;
  }
}
