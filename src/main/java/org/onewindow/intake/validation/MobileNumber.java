package org.onewindow.intake.validation;

import java.util.Optional;

/** A mainland China mobile number for pickup notices: 11 digits, 1 then 3-9. */
public final class MobileNumber {

  public static final int LENGTH = 11;

  private MobileNumber() {}

  /**
   * Canonical 11-digit form for the SMS gateway: full-width characters folded, spaces and hyphens
   * removed ("138-1234-5678"), and the country code dropped when the rest is 11 digits
   * ("+86 138 1234 5678", "0086…", "86…"). Returns {@code null} for {@code null}.
   */
  public static String normalise(String value) {
    String number = Identifiers.clean(value);
    if (number == null) {
      return null;
    }
    number = number.replace("-", "");
    for (String prefix : new String[] {"+86", "0086", "86"}) {
      if (number.startsWith(prefix) && number.length() == prefix.length() + LENGTH) {
        return number.substring(prefix.length());
      }
    }
    return number;
  }

  /** Returns a message for the person entering the number, or empty when it is valid. */
  public static Optional<String> validate(String value) {
    String number = normalise(value);
    if (number == null || number.isEmpty()) {
      return Optional.of("请填写手机号码");
    }
    if (number.length() != LENGTH || number.charAt(0) != '1' || !allAsciiDigits(number)) {
      return Optional.of("手机号码应为以1开头的11位数字");
    }
    if (number.charAt(1) < '3') {
      return Optional.of("手机号码第2位应为3至9");
    }
    return Optional.empty();
  }

  private static boolean allAsciiDigits(String s) {
    return s.chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
