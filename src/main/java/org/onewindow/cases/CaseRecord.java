package org.onewindow.cases;

import java.time.OffsetDateTime;
import java.util.List;

/** A row of ow_case: the case file the window keeps beside the process instance. */
public record CaseRecord(
    String receiptNumber,
    String itemCode,
    String itemType,
    String processKey,
    String channel,
    String applicantKind,
    String applicantName,
    String applicantId,
    String mobile,
    List<String> materials,
    CaseStatus status,
    String outcome,
    String processInstanceId,
    String certificateNumber,
    String receivedBy,
    OffsetDateTime receivedAt,
    OffsetDateTime acceptedAt,
    OffsetDateTime decidedAt,
    OffsetDateTime finishedAt) {

  public CaseRecord withProcessInstanceId(String id) {
    return new CaseRecord(receiptNumber, itemCode, itemType, processKey, channel, applicantKind, applicantName,
        applicantId, mobile, materials, status, outcome, id, certificateNumber, receivedBy, receivedAt, acceptedAt,
        decidedAt, finishedAt);
  }
}
