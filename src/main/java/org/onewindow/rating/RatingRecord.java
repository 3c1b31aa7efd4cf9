package org.onewindow.rating;

import java.time.OffsetDateTime;

/** A row of ow_rating: the rating of one case and, for a bad one, its follow-up. */
public record RatingRecord(String receiptNumber, Rating rating, String comment, OffsetDateTime ratedAt,
    String followUpProcessInstanceId, OffsetDateTime followUpDueAt, String followUpOutcome, Boolean followUpResolved,
    String followedUpBy, OffsetDateTime followedUpAt) {}
