package org.onewindow.intake.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MobileNumberTest {

  @ParameterizedTest
  @ValueSource(strings = {"13012345678", "13812345678", "15912345678", "17712345678",
      "19912345678"})
  void acceptsElevenDigitsStartingWith1AndThen3To9(String number) {
    assertThat(MobileNumber.validate(number)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "138 1234 5678      | 13812345678",
      "138-1234-5678      | 13812345678",
      "+86 138 1234 5678  | 13812345678",
      "+8613812345678     | 13812345678",
      "008613812345678    | 13812345678",
      "8613812345678      | 13812345678",
      "１３８１２３４５６７８ | 13812345678",
  })
  void normalisesToElevenDigits(String typed, String expected) {
    assertThat(MobileNumber.normalise(typed)).isEqualTo(expected);
    assertThat(MobileNumber.validate(typed)).isEmpty();
  }

  @Test
  void keepsDigitsThatMerelyStartWith86() {
    // 11 digits starting with 86 are not a country code: report them, do not cut them.
    assertThat(MobileNumber.normalise("86123456789")).isEqualTo("86123456789");
    assertThat(MobileNumber.validate("86123456789")).contains("手机号码应为以1开头的11位数字");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1381234567", "138123456789", "23812345678", "1381234567a",
      "138.1234.5678", "+85212345678"})
  void rejectsAnythingButElevenDigitsStartingWith1(String number) {
    assertThat(MobileNumber.validate(number)).contains("手机号码应为以1开头的11位数字");
  }

  @ParameterizedTest
  @ValueSource(strings = {"10012345678", "11012345678", "12812345678"})
  void rejectsSecondDigitBelow3(String number) {
    assertThat(MobileNumber.validate(number)).contains("手机号码第2位应为3至9");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "\u3000"})
  void asksForTheNumberWhenMissing(String number) {
    assertThat(MobileNumber.validate(number)).contains("请填写手机号码");
  }

  @Test
  void normaliseKeepsNull() {
    assertThat(MobileNumber.normalise(null)).isNull();
  }
}
