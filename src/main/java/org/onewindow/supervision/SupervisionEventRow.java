package org.onewindow.supervision;

import java.time.OffsetDateTime;

/** A row of ow_supervision_event: a warning or overdue as it fired, with any supervision order. */
record SupervisionEventRow(
    String receiptNumber,
    String kind,
    OffsetDateTime occurredAt,
    String activityId,
    String activityName,
    String department,
    String orderTaskId,
    String orderInstruction,
    OffsetDateTime orderClosedAt) {}
