package org.onewindow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HolidayScheduleFormatTest {

  private static final String VALID =
      """
      year: 2027
      source: test
      holidays:
        - { name: 元旦, date: 2027-01-01 }
        - { name: 春节, from: 2027-02-06, to: 2027-02-13 }
      makeUpWorkingDays:
        - { date: 2027-02-20, holiday: 春节 }
      """;

  @Test
  void readsTheShippedFiles() {
    HolidaySchedule y2025 = OfficialSchedules.read(2025);
    assertThat(y2025.year()).isEqualTo(2025);
    assertThat(y2025.holidays())
        .extracting(HolidaySchedule.Holiday::name)
        .containsExactly("元旦", "春节", "清明节", "劳动节", "端午节", "国庆节、中秋节");
    assertThat(y2025.holidays().get(1))
        .isEqualTo(
            new HolidaySchedule.Holiday("春节", LocalDate.of(2025, 1, 28), LocalDate.of(2025, 2, 4)));
    assertThat(y2025.makeUpWorkingDays()).hasSize(5);

    HolidaySchedule y2026 = OfficialSchedules.read(2026);
    assertThat(y2026.holidays()).hasSize(7);
    assertThat(y2026.makeUpWorkingDays())
        .extracting(HolidaySchedule.MakeUpDay::date)
        .containsExactly(
            LocalDate.of(2026, 1, 4),
            LocalDate.of(2026, 2, 14),
            LocalDate.of(2026, 2, 28),
            LocalDate.of(2026, 5, 9),
            LocalDate.of(2026, 9, 20),
            LocalDate.of(2026, 10, 10));
  }

  @Test
  void writesWhatItReads() {
    HolidaySchedule schedule = OfficialSchedules.read(2025);
    String yaml = HolidayScheduleFormat.toYaml(schedule, "header\nsecond line");

    assertThat(yaml).startsWith("# header\n# second line\nyear: 2025\n");
    assertThat(HolidayScheduleFormat.parseYaml(yaml, "round trip", 2025)).isEqualTo(schedule);
  }

  @Test
  void quotesTextThatWouldBreakYaml() {
    HolidaySchedule schedule =
        new HolidaySchedule(
            2027,
            "a \"quoted\", {flow} # not a comment: \\ end",
            java.util.List.of(HolidaySchedule.Holiday.of("no", LocalDate.of(2027, 1, 1))),
            java.util.List.of());

    String yaml = HolidayScheduleFormat.toYaml(schedule, null);

    assertThat(HolidayScheduleFormat.parseYaml(yaml, "quoted", null)).isEqualTo(schedule);
    assertThat(yaml).contains("makeUpWorkingDays: []");
  }

  @Test
  void readsTheSameStructureAsJson() {
    String json =
        """
        {"year": 2027, "source": "test",
         "holidays": [{"name": "元旦", "date": "2027-01-01"},
                      {"name": "春节", "from": "2027-02-06", "to": "2027-02-13"}],
         "makeUpWorkingDays": [{"date": "2027-02-20", "holiday": "春节"}]}
        """;

    assertThat(HolidayScheduleFormat.parseJson(json, "json", 2027))
        .isEqualTo(HolidayScheduleFormat.parseYaml(VALID, "yaml", 2027));
  }

  @Test
  void scalarsAreTextNotYamlBooleans() {
    String yaml = VALID.replace("source: test", "source: no");
    assertThat(HolidayScheduleFormat.parseYaml(yaml, "x.yaml", null).source()).isEqualTo("no");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "make-up day on a weekday | { date: 2027-02-20, holiday: 春节 } | { date: 2027-02-22 }"
            + " | make-up working day 2027-02-22 is a MONDAY",
        "make-up day inside a holiday | { date: 2027-02-20, holiday: 春节 } | { date: 2027-02-13 }"
            + " | make-up working day 2027-02-13 falls inside holiday 春节",
        "make-up day in another year | { date: 2027-02-20, holiday: 春节 } | { date: 2026-12-26 }"
            + " | make-up working day date 2026-12-26 is not in year 2027",
        "holiday in another year | date: 2027-01-01 | date: 2028-01-01"
            + " | holiday 元旦 date 2028-01-01 is not in year 2027",
        "unparseable date | from: 2027-02-06 | from: 2027-02-30"
            + " | holidays[1].from '2027-02-30' is not a date",
        "overlapping holidays | from: 2027-02-06 | from: 2027-01-01"
            + " | holiday 春节 starting 2027-01-01 overlaps holiday 元旦",
        "range ends before it starts | to: 2027-02-13 | to: 2027-02-01"
            + " | holiday 春节 ends 2027-02-01 before it starts 2027-02-06",
        "misspelt key | makeUpWorkingDays: | makeupWorkingDays:"
            + " | unknown key 'makeupWorkingDays'",
        "make-up day for an unknown holiday | holiday: 春节 } | holiday: 国庆节 }"
            + " | make-up working day 2027-02-20 refers to holiday 国庆节",
        "year not a number | year: 2027 | year: twenty | year 'twenty' is not a number",
      })
  void rejectsWithAMessageNamingTheFileAndTheDate(
      String what, String original, String broken, String message) {
    String yaml = VALID.replace(original, broken);
    assertThat(yaml).isNotEqualTo(VALID);

    assertThatThrownBy(() -> HolidayScheduleFormat.parseYaml(yaml, "2027.yaml", null))
        .isInstanceOf(InvalidHolidayScheduleException.class)
        .hasMessageStartingWith("2027.yaml: ")
        .hasMessageContaining(message);
  }

  @Test
  void rejectsAFileForAnotherYear() {
    assertThatThrownBy(() -> HolidayScheduleFormat.parseYaml(VALID, "2028.yaml", 2028))
        .isInstanceOf(InvalidHolidayScheduleException.class)
        .hasMessage("2028.yaml: declares year 2027 but is meant for year 2028");
  }

  @Test
  void rejectsStructuralMistakes() {
    assertThatThrownBy(() -> HolidayScheduleFormat.parseYaml("", "empty.yaml", null))
        .hasMessage("empty.yaml: the document must be a mapping of keys to values");
    assertThatThrownBy(
            () -> HolidayScheduleFormat.parseYaml("year: 2027\nholidays: []\n", "a.yaml", null))
        .hasMessageContaining("holidays is empty");
    String withoutMakeUpDays = VALID.substring(0, VALID.indexOf("makeUpWorkingDays:"));
    assertThatThrownBy(() -> HolidayScheduleFormat.parseYaml(withoutMakeUpDays, "a.yaml", null))
        .hasMessageContaining("missing 'makeUpWorkingDays'");
    assertThatThrownBy(
            () -> HolidayScheduleFormat.parseYaml(VALID + "year: 2028\n", "dup.yaml", null))
        .isInstanceOf(InvalidHolidayScheduleException.class)
        .hasMessageStartingWith("dup.yaml: ")
        .hasMessageContaining("year");
    assertThatThrownBy(() -> HolidayScheduleFormat.parseYaml("year: [2027", "broken.yaml", null))
        .isInstanceOf(InvalidHolidayScheduleException.class)
        .hasMessageStartingWith("broken.yaml: not valid YAML");
    assertThatThrownBy(
            () ->
                HolidayScheduleFormat.parseYaml(
                    "year: 2027\nholidays:\n  - { name: 元旦, date: 2027-01-01, from: 2027-01-01 }\n"
                        + "makeUpWorkingDays: []\n",
                    "both.yaml",
                    null))
        .hasMessageContaining("has both date and from/to");
    assertThatThrownBy(
            () -> HolidayScheduleFormat.parseJson("{\"year\": 2027, \"year\": 2028}", "j", null))
        .hasMessageStartingWith("j: not valid JSON");
  }
}
