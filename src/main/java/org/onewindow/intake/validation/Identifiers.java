package org.onewindow.intake.validation;

import java.text.Normalizer;

/** Input clean-up shared by the identifier validators. */
final class Identifiers {

  private Identifiers() {}

  /**
   * Folds full-width characters (typed by Chinese input methods: "１２３ｘ", the ideographic space)
   * to ASCII, removes all whitespace and upper-cases. No valid identifier contains whitespace, so
   * grouping spaces typed or pasted by people are dropped instead of being reported as errors.
   */
  static String clean(String value) {
    if (value == null) {
      return null;
    }
    String folded = Normalizer.normalize(value, Normalizer.Form.NFKC);
    StringBuilder out = new StringBuilder(folded.length());
    folded.codePoints()
        .filter(cp -> !Character.isWhitespace(cp) && !Character.isSpaceChar(cp))
        .map(Character::toUpperCase)
        .forEach(out::appendCodePoint);
    return out.toString();
  }
}
