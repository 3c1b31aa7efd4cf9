package org.onewindow.intake;

import java.util.List;
import org.onewindow.cases.CaseStatus;

/** What the window or the online hall gets back for a received application. */
public record ReceivedCase(String receiptNumber, CaseStatus status, String processInstanceId, List<String> missingMaterials) {}
