package org.onewindow.intake.validation;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * 公民身份号码 (citizen ID number) per GB 11643-1999: 6-digit address code, 8-digit birth date
 * (YYYYMMDD), 3-digit sequence code and an ISO 7064 MOD 11-2 check character (0-9 or X).
 */
public final class CitizenIdNumber {

  public static final int LENGTH = 18;

  /** The earliest birth date accepted; older dates are typing errors, not applicants. */
  public static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);

  private static final ZoneId COUNTY_ZONE = ZoneId.of("Asia/Shanghai");

  // Weight of position i is 2^(17-i) mod 11, as GB 11643 tabulates it.
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  // Indexed by (weighted sum mod 11).
  private static final char[] CHECK_CHARS = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

  private CitizenIdNumber() {}

  /**
   * Canonical form: full-width characters folded, whitespace removed, a lower-case check
   * character {@code x} upper-cased. Returns {@code null} for {@code null}.
   */
  public static String normalise(String value) {
    return Identifiers.clean(value);
  }

  /** Validates against today's date in the county (Asia/Shanghai). */
  public static Optional<String> validate(String value) {
    return validate(value, LocalDate.now(COUNTY_ZONE));
  }

  /** Validates against today's date read from {@code clock} in the county's time zone. */
  public static Optional<String> validate(String value, Clock clock) {
    return validate(value, LocalDate.now(clock.withZone(COUNTY_ZONE)));
  }

  /**
   * Returns a message for the person entering the number, or empty when it is valid. The value is
   * normalised first, so {@code x} and full-width digits are accepted.
   */
  public static Optional<String> validate(String value, LocalDate today) {
    String id = normalise(value);
    if (id == null || id.isEmpty()) {
      return Optional.of("请填写公民身份号码");
    }
    if (id.length() != LENGTH) {
      return Optional.of("公民身份号码应为18位，当前为" + id.length() + "位");
    }
    for (int i = 0; i < LENGTH - 1; i++) {
      if (!isAsciiDigit(id.charAt(i))) {
        return Optional.of("公民身份号码前17位只能是数字");
      }
    }
    char last = id.charAt(LENGTH - 1);
    if (!isAsciiDigit(last) && last != 'X') {
      return Optional.of("公民身份号码第18位只能是数字或X");
    }
    if (id.charAt(0) == '0') {
      return Optional.of("公民身份号码地址码无效");
    }
    Optional<String> birthDateError = checkBirthDate(id.substring(6, 14), today);
    if (birthDateError.isPresent()) {
      return birthDateError;
    }
    if (checkCharacter(id) != last) {
      return Optional.of("公民身份号码校验位错误");
    }
    return Optional.empty();
  }

  private static Optional<String> checkBirthDate(String yyyymmdd, LocalDate today) {
    LocalDate birthDate;
    try {
      birthDate = LocalDate.of(
          Integer.parseInt(yyyymmdd.substring(0, 4)),
          Integer.parseInt(yyyymmdd.substring(4, 6)),
          Integer.parseInt(yyyymmdd.substring(6, 8)));
    } catch (DateTimeException e) {
      return Optional.of("出生日期无效");
    }
    if (birthDate.isAfter(today)) {
      return Optional.of("出生日期不能晚于今天");
    }
    if (birthDate.isBefore(EARLIEST_BIRTH_DATE)) {
      return Optional.of("出生日期不能早于1900年1月1日");
    }
    return Optional.empty();
  }

  private static char checkCharacter(String id) {
    int sum = 0;
    for (int i = 0; i < LENGTH - 1; i++) {
      sum += (id.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK_CHARS[sum % 11];
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
