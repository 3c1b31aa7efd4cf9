package org.onewindow.applicant;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onewindow.cases.CaseRecord;
import org.onewindow.cases.CaseRepository;
import org.springframework.stereotype.Component;

/**
 * The applicant's way to a case: receipt number plus query code. A blocked client is refused first
 * (429); any miss (unknown number, no code on the case, wrong or missing code) answers the same 404
 * and counts against the client.
 */
@Component
public class CaseAccess {
  private static final int MAX_RECEIPT_NUMBER = 32;

  private final ApplicantRecords records;
  private final CaseRepository cases;
  private final PublicThrottles throttles;

  public CaseAccess(ApplicantRecords records, CaseRepository cases, PublicThrottles throttles) {
    this.records = records;
    this.cases = cases;
    this.throttles = throttles;
  }

  /** The case, read. */
  public CaseRecord open(String client, String receiptNumber, String code) {
    throttles.checkCodes(client);
    Optional<QueryCodes.Hashed> stored = receiptNumber == null || receiptNumber.length() > MAX_RECEIPT_NUMBER
        ? Optional.empty() : records.code(receiptNumber);
    boolean ok;
    if (stored.isPresent()) {
      ok = QueryCodes.matches(code, stored.get());
    } else {
      QueryCodes.dummyCheck(code);
      ok = false;
    }
    if (!ok) {
      throttles.wrongCode(client);
      throw new PublicCaseNotFoundException();
    }
    return cases.find(receiptNumber).orElseThrow(PublicCaseNotFoundException::new);
  }

  /** The case, locked for the rest of the transaction and read again under the lock. */
  public CaseRecord openForUpdate(String client, String receiptNumber, String code) {
    open(client, receiptNumber, code);
    records.lockCase(receiptNumber);
    return cases.find(receiptNumber).orElseThrow(PublicCaseNotFoundException::new);
  }

  public static OffsetDateTime now() {
    return ClockUtil.getCurrentTime().toInstant().atZone(ZoneId.of("Asia/Shanghai")).toOffsetDateTime();
  }
}
