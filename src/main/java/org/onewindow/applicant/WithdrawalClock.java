package org.onewindow.applicant;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.onewindow.calendar.clock.CaseClockRepository;
import org.onewindow.calendar.clock.CaseClockRules;
import org.onewindow.calendar.clock.ClockEventKind;
import org.onewindow.calendar.clock.ClockState;
import org.springframework.stereotype.Component;

/**
 * Stops the case clock of a withdrawn case, in the withdrawal's transaction, the way the clock stops
 * a cancelled case: a pause still running is resumed first (its days given back), the clock is
 * STOPPED without a verdict on time, the ledger gets a STOP entry with reason type WITHDRAWAL and the
 * applicant's reason, and open supervision orders are closed. The process instance is deleted with
 * custom listeners skipped, so this is the only place the clock hears of the withdrawal. A case
 * without a clock (not accepted yet, or an immediate item) has nothing to stop.
 */
@Component
public class WithdrawalClock {
  public static final String WITHDRAWAL = "WITHDRAWAL";
  public static final String ACTOR = "applicant";

  private final CaseClockRepository clocks;
  private final CaseClockRules rules;

  public WithdrawalClock(CaseClockRepository clocks, CaseClockRules rules) {
    this.clocks = clocks;
    this.rules = rules;
  }

  /** Returns true when a running (or paused) clock was stopped. */
  public boolean stop(String receiptNumber, String reason, OffsetDateTime at) {
    Optional<ClockState> locked = clocks.lock(receiptNumber);
    if (locked.isEmpty() || locked.get().stopped()) {
      return false;
    }
    ClockState clock = locked.get();
    ClockState stopped = rules.stop(clock, at, false);
    clocks.update(stopped);
    if (clock.paused()) {
      clocks.addEvent(receiptNumber, ClockEventKind.RESUME, clock.pauseReasonType().name(),
          "撤件时计时仍暂停，自动恢复", ACTOR, at, clock.deadlineDate(), stopped.deadlineDate());
    }
    clocks.addEvent(receiptNumber, ClockEventKind.STOP, WITHDRAWAL, "撤件：" + reason, ACTOR, at,
        stopped.deadlineDate(), stopped.deadlineDate());
    clocks.closeOrders(receiptNumber, at);
    return true;
  }
}
