package org.onewindow.calendar;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * The end of a time limit counted in working days.
 *
 * @param from the day of acceptance (not counted)
 * @param workingDays the limit in working days
 * @param date the last working day of the limit
 * @param at the office closing time on {@code date}, in the county's zone
 * @param calendarComplete false if any year the counting went through had no holiday schedule, so
 *     that weekends-only counting was used there and the date must be recomputed once it is loaded
 */
public record Deadline(
    LocalDate from, int workingDays, LocalDate date, OffsetDateTime at, boolean calendarComplete) {}
