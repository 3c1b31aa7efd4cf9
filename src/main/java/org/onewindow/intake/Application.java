package org.onewindow.intake;

import java.util.List;

/**
 * An application as the window or the online hall receives it, before validation.
 * Exactly one of {@code idNumber} (person) and {@code creditCode} (organisation) is expected.
 */
public record Application(
    String itemCode,
    String channel,
    String applicantKind,
    String applicantName,
    String idNumber,
    String creditCode,
    String mobile,
    List<String> materials) {

  public static final String PERSON = "PERSON";
  public static final String ORGANIZATION = "ORGANIZATION";

  public String applicantId() {
    return ORGANIZATION.equals(applicantKind) ? creditCode : idNumber;
  }
}
