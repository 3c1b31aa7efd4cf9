package org.onewindow.intake;

/** One bad field of a request: its JSON path (e.g. {@code applicant.idNumber}) and a message for people. */
public record FieldError(String field, String message) {}
