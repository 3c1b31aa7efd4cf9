package org.onewindow.applicant;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * What the applicant sees of a case (GET /api/public/cases/{receiptNumber}?code=): the status in
 * plain Chinese, the promised date, what a supplement request asks for, and what may be done next.
 */
public record PublicStatus(
    String receiptNumber,
    String itemName,
    String status,
    String statusLabel,
    LocalDate promisedDate,
    OffsetDateTime receivedAt,
    OffsetDateTime acceptedAt,
    OffsetDateTime decidedAt,
    OffsetDateTime finishedAt,
    List<SupplementRequest> supplementRequests,
    boolean canSupplement,
    boolean canUploadMaterials,
    boolean canWithdraw,
    boolean canRate,
    RatingGiven rating) {

  /** One request to supplement: who asked, exactly what is missing, and why. */
  public record SupplementRequest(String from, List<String> missingMaterials, String reason,
      OffsetDateTime requestedAt) {}

  public record RatingGiven(String rating, String ratingLabel, String comment, OffsetDateTime ratedAt) {}
}
