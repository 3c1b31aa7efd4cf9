package org.onewindow.intake.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CitizenIdNumberTest {

  private static final LocalDate TODAY = LocalDate.of(2025, 6, 15);

  /** The example printed in GB 11643-1999. */
  private static final String STANDARD_EXAMPLE = "11010519491231002X";

  /**
   * ISO 7064 MOD 11-2 from its definition, independent of the production tables: weights are
   * 2^(17-i) mod 11 and the check value c makes (sum + c) mod 11 == 1; the value 10 is written X.
   */
  static String withCheck(String body) {
    assertThat(body).hasSize(17).containsOnlyDigits();
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      int weight = 1;
      for (int k = 0; k < 17 - i; k++) {
        weight = weight * 2 % 11;
      }
      sum += (body.charAt(i) - '0') * weight;
    }
    int check = (12 - sum % 11) % 11;
    return body + (check == 10 ? "X" : String.valueOf(check));
  }

  @Test
  void helperReproducesThePublishedExamples() {
    assertThat(withCheck(STANDARD_EXAMPLE.substring(0, 17))).isEqualTo(STANDARD_EXAMPLE);
    assertThat(withCheck("44052418800101001")).isEqualTo("440524188001010014");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "11010519491231002", // the standard's example, check X
      "44030420000229123", // leap day
      "33010219000101001", // earliest accepted birth date
      "51010720250615456", // born today
      "65010219851120761",
  })
  void acceptsComputedNumbers(String body) {
    String id = withCheck(body);
    assertThat(CitizenIdNumber.validate(id, TODAY)).as(id).isEmpty();
  }

  @Test
  void acceptsLowerCaseXAndNormalisesIt() {
    assertThat(CitizenIdNumber.validate("11010519491231002x", TODAY)).isEmpty();
    assertThat(CitizenIdNumber.normalise("11010519491231002x")).isEqualTo(STANDARD_EXAMPLE);
  }

  @Test
  void acceptsFullWidthDigitsAndSpacesAsTypedByInputMethods() {
    String typed = " １１０１０５ １９４９１２３１ ００２ｘ ";
    assertThat(CitizenIdNumber.normalise(typed)).isEqualTo(STANDARD_EXAMPLE);
    assertThat(CitizenIdNumber.validate(typed, TODAY)).isEmpty();
  }

  @Test
  void rejectsWrongCheckCharacter() {
    String valid = withCheck("44030420000229123");
    char last = valid.charAt(17);
    for (char wrong : "0123456789X".toCharArray()) {
      if (wrong != last) {
        assertThat(CitizenIdNumber.validate(valid.substring(0, 17) + wrong, TODAY))
            .contains("公民身份号码校验位错误");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "11010519900230123", // 30 February
      "11010520230229123", // 29 February outside a leap year
      "11010519001301123", // month 13
      "11010519900000123", // month 00
      "11010519900400123", // day 00
      "11010519900431123", // 31 April
  })
  void rejectsDatesThatDoNotExist(String body) {
    assertThat(CitizenIdNumber.validate(withCheck(body), TODAY)).contains("出生日期无效");
  }

  @Test
  void rejectsBirthDateInTheFuture() {
    assertThat(CitizenIdNumber.validate(withCheck("11010520250616123"), TODAY))
        .contains("出生日期不能晚于今天");
  }

  @Test
  void rejectsBirthDateBefore1900() {
    // The standard's second example has a correct check character but a birth date in 1880.
    assertThat(CitizenIdNumber.validate("440524188001010014", TODAY))
        .contains("出生日期不能早于1900年1月1日");
    assertThat(CitizenIdNumber.validate(withCheck("11010518991231123"), TODAY))
        .contains("出生日期不能早于1900年1月1日");
  }

  @Test
  void todayIsTakenInTheCountyTimeZone() {
    // 16:30 UTC on 15 June is already 00:30 on 16 June in Asia/Shanghai.
    Clock clock = Clock.fixed(Instant.parse("2025-06-15T16:30:00Z"), ZoneOffset.UTC);
    String bornOn16June = withCheck("11010520250616123");
    assertThat(CitizenIdNumber.validate(bornOn16June, clock)).isEmpty();
    assertThat(CitizenIdNumber.validate(bornOn16June, TODAY)).isPresent();
  }

  @Test
  void rejectsAddressCodeStartingWithZero() {
    assertThat(CitizenIdNumber.validate(withCheck("01010519491231002"), TODAY))
        .contains("公民身份号码地址码无效");
  }

  @ParameterizedTest
  @ValueSource(strings = {"11010519491231002", "11010519491231002XX", "1101051949123100"})
  void rejectsWrongLength(String id) {
    assertThat(CitizenIdNumber.validate(id, TODAY))
        .contains("公民身份号码应为18位，当前为" + id.length() + "位");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1101051949123100AX", "X1010519491231002X", "11010519491231002-"})
  void rejectsCharactersOtherThanDigitsAndFinalX(String id) {
    assertThat(CitizenIdNumber.validate(id, TODAY)).hasValueSatisfying(message ->
        assertThat(message).isIn("公民身份号码前17位只能是数字", "公民身份号码第18位只能是数字或X"));
  }

  @Test
  void namesWhichPartHasTheWrongCharacter() {
    assertThat(CitizenIdNumber.validate("1101051949123100AX", TODAY))
        .contains("公民身份号码前17位只能是数字");
    assertThat(CitizenIdNumber.validate("11010519491231002A", TODAY))
        .contains("公民身份号码第18位只能是数字或X");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "\t", "\u3000"})
  void asksForTheNumberWhenMissing(String id) {
    assertThat(CitizenIdNumber.validate(id, TODAY)).contains("请填写公民身份号码");
  }

  @Test
  void normaliseKeepsNull() {
    assertThat(CitizenIdNumber.normalise(null)).isNull();
  }

  @Test
  void defaultOverloadUsesTheSystemDate() {
    assertThat(CitizenIdNumber.validate(STANDARD_EXAMPLE)).isEmpty();
  }
}
