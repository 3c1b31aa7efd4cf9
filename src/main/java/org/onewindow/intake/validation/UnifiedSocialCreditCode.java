package org.onewindow.intake.validation;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * 统一社会信用代码 (unified social credit code) per GB 32100-2015: 18 characters from a 31-character
 * alphabet, the last one a check character.
 *
 * <p>Only the alphabet and the check character are enforced. The tables of registration
 * authority codes (position 1) and organisation types (position 2) have been extended by notices
 * since 2015 (law firms, trade unions, religious venues, rural collectives...), so checking them
 * against the 2015 table would turn away valid organisations.
 */
public final class UnifiedSocialCreditCode {

  public static final int LENGTH = 18;

  /** Digits and upper-case letters without I, O, S, V, Z; a character's value is its index. */
  public static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

  // Weight of position i is 3^i mod 31, as GB 32100 tabulates it.
  private static final int[] WEIGHTS =
      {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

  private UnifiedSocialCreditCode() {}

  /**
   * Canonical form: full-width characters folded, whitespace removed, upper-cased. Returns
   * {@code null} for {@code null}.
   */
  public static String normalise(String value) {
    return Identifiers.clean(value);
  }

  /**
   * Returns a message for the person entering the code, or empty when it is valid. The value is
   * normalised first, so lower-case input is accepted.
   */
  public static Optional<String> validate(String value) {
    String code = normalise(value);
    if (code == null || code.isEmpty()) {
      return Optional.of("请填写统一社会信用代码");
    }
    if (code.length() != LENGTH) {
      return Optional.of("统一社会信用代码应为18位，当前为" + code.length() + "位");
    }
    Set<String> illegal = code.codePoints()
        .filter(cp -> ALPHABET.indexOf(cp) < 0)
        .mapToObj(Character::toString)
        .collect(Collectors.toCollection(LinkedHashSet::new));
    if (!illegal.isEmpty()) {
      return Optional.of("统一社会信用代码含有不允许的字符：" + String.join("、", illegal));
    }
    if (checkCharacter(code) != code.charAt(LENGTH - 1)) {
      return Optional.of("统一社会信用代码校验位错误");
    }
    return Optional.empty();
  }

  private static char checkCharacter(String code) {
    int sum = 0;
    for (int i = 0; i < LENGTH - 1; i++) {
      sum += ALPHABET.indexOf(code.charAt(i)) * WEIGHTS[i];
    }
    // 31 - (sum mod 31), where a result of 31 stands for 0.
    return ALPHABET.charAt((31 - sum % 31) % 31);
  }
}
