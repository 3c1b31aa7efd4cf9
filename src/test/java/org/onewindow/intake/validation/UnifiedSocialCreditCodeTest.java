package org.onewindow.intake.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class UnifiedSocialCreditCodeTest {

  /** The example printed in GB 32100-2015. */
  private static final String STANDARD_EXAMPLE = "91350100M000100Y43";

  /** Code characters in value order, copied from the standard, not from production code. */
  private static final String CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";

  /**
   * The check character from the standard's definition, independent of the production tables:
   * weights are 3^i mod 31 and the check value is 31 - (sum mod 31), where 31 becomes 0.
   */
  static String withCheck(String body) {
    assertThat(body).hasSize(17);
    int sum = 0;
    int weight = 1;
    for (int i = 0; i < 17; i++) {
      int value = CHARS.indexOf(body.charAt(i));
      assertThat(value).as("character %s", body.charAt(i)).isNotNegative();
      sum += value * weight;
      weight = weight * 3 % 31;
    }
    int check = 31 - sum % 31;
    return body + CHARS.charAt(check == 31 ? 0 : check);
  }

  @Test
  void helperReproducesThePublishedExample() {
    assertThat(withCheck(STANDARD_EXAMPLE.substring(0, 17))).isEqualTo(STANDARD_EXAMPLE);
  }

  @Test
  void acceptsThePublishedExample() {
    assertThat(UnifiedSocialCreditCode.validate(STANDARD_EXAMPLE)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "91330782MA2HK3QJ7", // enterprise, new-style organisation code
      "92330782MA2J0PLN5", // individual business
      "93330782MA29WT6U1", // farmers' cooperative
      "12330782002345678", // public institution
      "51330782MJ9876543", // social organisation
      "Y1330782MC1234567",
  })
  void acceptsComputedCodes(String body) {
    String code = withCheck(body);
    assertThat(UnifiedSocialCreditCode.validate(code)).as(code).isEmpty();
  }

  @Test
  void acceptsCheckValueThirtyOneWrittenAsZero() {
    String code = bodyWithCheckValueZero();
    assertThat(code).endsWith("0");
    assertThat(UnifiedSocialCreditCode.validate(code)).isEmpty();
    assertThat(UnifiedSocialCreditCode.validate(code.substring(0, 17) + "Y"))
        .contains("统一社会信用代码校验位错误");
  }

  /** Varies one character of a body until the check value comes out as 31 mod 31 = 0. */
  private static String bodyWithCheckValueZero() {
    for (char c : CHARS.toCharArray()) {
      String code = withCheck("9133078" + c + "MA2HK3QJ7");
      if (code.endsWith("0")) {
        return code;
      }
    }
    throw new AssertionError("no body found");
  }

  @Test
  void acceptsLowerCaseAndNormalisesIt() {
    assertThat(UnifiedSocialCreditCode.validate("91350100m000100y43")).isEmpty();
    assertThat(UnifiedSocialCreditCode.normalise(" 91350100m000100y43 "))
        .isEqualTo(STANDARD_EXAMPLE);
  }

  @Test
  void acceptsFullWidthCharacters() {
    String typed = "９１３５０１００Ｍ０００１００Ｙ４３";
    assertThat(UnifiedSocialCreditCode.normalise(typed)).isEqualTo(STANDARD_EXAMPLE);
    assertThat(UnifiedSocialCreditCode.validate(typed)).isEmpty();
  }

  @Test
  void rejectsWrongCheckCharacter() {
    for (char wrong : CHARS.toCharArray()) {
      if (wrong != '3') {
        assertThat(UnifiedSocialCreditCode.validate("91350100M000100Y4" + wrong))
            .contains("统一社会信用代码校验位错误");
      }
    }
  }

  @Test
  void rejectsSwappedCharacters() {
    assertThat(UnifiedSocialCreditCode.validate("91351000M000100Y43"))
        .contains("统一社会信用代码校验位错误");
  }

  @ParameterizedTest
  @ValueSource(strings = {"I", "O", "Z", "S", "V"})
  void namesTheLetterThatIsNotInTheAlphabet(String letter) {
    String code = "91350100M" + letter + "00100Y43";
    assertThat(UnifiedSocialCreditCode.validate(code))
        .contains("统一社会信用代码含有不允许的字符：" + letter);
  }

  @Test
  void namesEveryDistinctIllegalCharacterOnce() {
    assertThat(UnifiedSocialCreditCode.validate("91350100MIOI0100Y4"))
        .contains("统一社会信用代码含有不允许的字符：I、O");
    assertThat(UnifiedSocialCreditCode.validate("91350100M-00100Y43"))
        .contains("统一社会信用代码含有不允许的字符：-");
  }

  @ParameterizedTest
  @ValueSource(strings = {"91350100M000100Y4", "91350100M000100Y433", "350100M000100Y4"})
  void rejectsWrongLength(String code) {
    assertThat(UnifiedSocialCreditCode.validate(code))
        .contains("统一社会信用代码应为18位，当前为" + code.length() + "位");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  ", "\u3000"})
  void asksForTheCodeWhenMissing(String code) {
    assertThat(UnifiedSocialCreditCode.validate(code)).contains("请填写统一社会信用代码");
  }

  @Test
  void normaliseKeepsNull() {
    assertThat(UnifiedSocialCreditCode.normalise(null)).isNull();
  }
}
