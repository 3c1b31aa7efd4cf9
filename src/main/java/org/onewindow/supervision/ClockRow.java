package org.onewindow.supervision;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** The columns of ow_case_clock (and its case) that supervision reads. Written by the case clock. */
record ClockRow(
    String receiptNumber,
    String processInstanceId,
    String itemCode,
    String leadDepartment,
    int promisedDays,
    int extendedDays,
    LocalDate deadlineDate,
    OffsetDateTime deadlineAt,
    OffsetDateTime warningAt,
    boolean calendarComplete,
    String phase,
    String phaseBeforePause,
    OffsetDateTime pausedSince,
    String applicantName,
    String caseStatus) {}
