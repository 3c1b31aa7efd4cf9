package org.onewindow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@WebMvcTest(CalendarController.class)
@Import(CalendarConfiguration.class)
@RecordApplicationEvents
class CalendarControllerTest {

  private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

  // Created eagerly: the folder must exist before the context reads the property.
  private static final Path FOLDER = createFolder();

  /** 2027 as a test fixture (not the real notice): 元旦 on Fri Jan 1. */
  private static final String Y2027 =
      """
      year: 2027
      holidays:
        - { name: 元旦, date: 2027-01-01 }
      makeUpWorkingDays: []
      """;

  @Autowired private MockMvc mvc;
  @Autowired private HolidayScheduleLoader loader;
  @Autowired private ApplicationEvents events;

  private static Path createFolder() {
    try {
      return Files.createTempDirectory("calendar-web-test");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("onewindow.calendar.folder", FOLDER::toString);
    registry.add("onewindow.calendar.poll-interval", () -> "1h");
  }

  /** Each test starts from the shipped 2025 and 2026 only. */
  @AfterEach
  void emptyTheFolder() throws IOException {
    try (Stream<Path> files = Files.list(FOLDER)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    loader.reload();
  }

  @AfterAll
  static void removeTheFolder() throws IOException {
    try (Stream<Path> paths = Files.walk(FOLDER)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  // ------------------------------------------------------------------ happy paths

  @Test
  void deadline() throws Exception {
    mvc.perform(get("/api/calendar/deadline").param("from", "2026-09-30").param("workingDays", "4"))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.from").value("2026-09-30"))
        .andExpect(jsonPath("$.workingDays").value(4))
        .andExpect(jsonPath("$.deadline").value("2026-10-12"))
        .andExpect(jsonPath("$.deadlineAt").value("2026-10-12T18:00:00+08:00"))
        .andExpect(jsonPath("$.calendarComplete").value(true));
  }

  @Test
  void deadlineIntoAYearWithoutData() throws Exception {
    mvc.perform(get("/api/calendar/deadline").param("from", "2026-12-31").param("workingDays", "1"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.deadline").value("2027-01-01"))
        .andExpect(jsonPath("$.calendarComplete").value(false));
  }

  @Test
  void workingDays() throws Exception {
    mvc.perform(
            get("/api/calendar/working-days").param("from", "2025-09-26").param("to", "2025-10-13"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.from").value("2025-09-26"))
        .andExpect(jsonPath("$.to").value("2025-10-13"))
        .andExpect(jsonPath("$.workingDays").value(7))
        .andExpect(jsonPath("$.calendarComplete").value(true));
  }

  @Test
  void aLoadedYear() throws Exception {
    mvc.perform(get("/api/calendar/2025"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.year").value(2025))
        .andExpect(jsonPath("$.loaded").value(true))
        .andExpect(jsonPath("$.workingDays").value(248))
        .andExpect(jsonPath("$.holidays.length()").value(6))
        .andExpect(jsonPath("$.holidays[1].name").value("春节"))
        .andExpect(jsonPath("$.holidays[1].from").value("2025-01-28"))
        .andExpect(jsonPath("$.holidays[1].to").value("2025-02-04"))
        .andExpect(jsonPath("$.holidays[1].days").value(8))
        .andExpect(jsonPath("$.makeUpWorkingDays.length()").value(5))
        .andExpect(jsonPath("$.makeUpWorkingDays[0].date").value("2025-01-26"))
        .andExpect(jsonPath("$.makeUpWorkingDays[0].dayOfWeek").value("SUNDAY"))
        .andExpect(jsonPath("$.makeUpWorkingDays[0].holiday").value("春节"));
  }

  @Test
  void aYearWithoutData() throws Exception {
    // 2030 starts on a Tuesday: 52 weeks + 1 weekday.
    mvc.perform(get("/api/calendar/2030"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.loaded").value(false))
        .andExpect(jsonPath("$.workingDays").value(261))
        .andExpect(jsonPath("$.holidays").isEmpty())
        .andExpect(jsonPath("$.makeUpWorkingDays").isEmpty());
  }

  // ------------------------------------------------------------------ bad parameters

  @ParameterizedTest(name = "{0} -> 400 naming {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/api/calendar/deadline?workingDays=5 | from | is required",
        "/api/calendar/deadline?from=&workingDays=5 | from | is required",
        "/api/calendar/deadline?from=2025-13-01&workingDays=5 | from | is not a date",
        "/api/calendar/deadline?from=tomorrow&workingDays=5 | from | is not a date",
        "/api/calendar/deadline?from=1899-12-31&workingDays=5 | from | 1900 to 2200",
        "/api/calendar/deadline?from=2025-10-01 | workingDays | is required",
        "/api/calendar/deadline?from=2025-10-01&workingDays=-1 | workingDays | between 0 and",
        "/api/calendar/deadline?from=2025-10-01&workingDays=3651 | workingDays | and 3650",
        "/api/calendar/deadline?from=2025-10-01&workingDays=ten | workingDays | not a whole number",
        "/api/calendar/deadline?from=2200-12-01&workingDays=3650 | workingDays | after 2200",
        "/api/calendar/working-days?to=2025-10-01 | from | is required",
        "/api/calendar/working-days?from=2025-10-01 | to | is required",
        "/api/calendar/working-days?from=2025-10-01&to=01/10/2025 | to | is not a date",
        "/api/calendar/working-days?from=2025-10-02&to=2025-10-01 | to | must not be before from",
        "/api/calendar/1899 | year | between 1900 and 2200",
        "/api/calendar/2201 | year | between 1900 and 2200",
        "/api/calendar/next | year | not a whole number",
      })
  void badParameter(String uri, String field, String message) throws Exception {
    expectProblem(mvc.perform(get(uri)), field, message);
  }

  @Test
  void everyBadParameterIsReportedAtOnce() throws Exception {
    mvc.perform(get("/api/calendar/deadline"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors.length()").value(2))
        .andExpect(jsonPath("$.errors[0].field").value("from"))
        .andExpect(jsonPath("$.errors[1].field").value("workingDays"))
        .andExpect(jsonPath("$.detail").value(containsString("from: is required")));
  }

  private static void expectProblem(ResultActions result, String field, String message)
      throws Exception {
    result
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(400))
        .andExpect(jsonPath("$.title").isNotEmpty())
        .andExpect(jsonPath("$.detail").value(containsString(message)))
        .andExpect(jsonPath("$.errors[0].field").value(field))
        .andExpect(jsonPath("$.errors[0].message").value(containsString(message)))
        .andExpect(jsonPath("$.trace").doesNotExist())
        .andExpect(content().string(not(containsString("Exception"))));
  }

  // ------------------------------------------------------------------ admin PUT

  @Test
  void putYamlStoresAndLoadsTheYear() throws Exception {
    mvc.perform(put("/api/calendar/2027").contentType(YAML).content(Y2027))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.year").value(2027))
        .andExpect(jsonPath("$.loaded").value(true))
        .andExpect(jsonPath("$.holidays[0].name").value("元旦"));

    assertThat(FOLDER.resolve("2027.yaml")).exists();
    assertThat(events.stream(CalendarChangedEvent.class))
        .singleElement()
        .satisfies(event -> assertThat(event.years()).containsExactly(2027));
    mvc.perform(get("/api/calendar/deadline").param("from", "2026-12-31").param("workingDays", "1"))
        .andExpect(jsonPath("$.deadline").value("2027-01-04"))
        .andExpect(jsonPath("$.calendarComplete").value(true));
  }

  @Test
  void putAcceptsTextPlainAndJson() throws Exception {
    mvc.perform(put("/api/calendar/2027").contentType(MediaType.TEXT_PLAIN).content(Y2027))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.holidays[0].name").value("元旦"));

    String json =
        """
        {"year": 2028, "source": "json",
         "holidays": [{"name": "春节", "from": "2028-01-25", "to": "2028-01-31"}],
         "makeUpWorkingDays": [{"date": "2028-01-22", "holiday": "春节"}]}
        """;
    mvc.perform(put("/api/calendar/2028").contentType(MediaType.APPLICATION_JSON).content(json))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.loaded").value(true))
        .andExpect(jsonPath("$.source").value("json"))
        .andExpect(jsonPath("$.makeUpWorkingDays[0].dayOfWeek").value("SATURDAY"));
  }

  @Test
  void putRejectsAnInvalidScheduleNamingTheDate() throws Exception {
    // 2027-01-04 is a Monday.
    String invalid =
        Y2027.replace("makeUpWorkingDays: []", "makeUpWorkingDays: [{date: 2027-01-04}]");

    expectProblem(
        mvc.perform(put("/api/calendar/2027").contentType(YAML).content(invalid)),
        "body",
        "make-up working day 2027-01-04 is a MONDAY");

    assertThat(FOLDER.resolve("2027.yaml")).doesNotExist();
    assertThat(events.stream(CalendarChangedEvent.class)).isEmpty();
  }

  @Test
  void putRejectsAScheduleForAnotherYear() throws Exception {
    expectProblem(
        mvc.perform(put("/api/calendar/2028").contentType(YAML).content(Y2027)),
        "body",
        "declares year 2027 but is meant for year 2028");
  }

  @Test
  void putRejectsABadYearAndAnEmptyBody() throws Exception {
    expectProblem(
        mvc.perform(put("/api/calendar/20x7").contentType(YAML).content(Y2027)),
        "year",
        "not a whole number");
    expectProblem(
        mvc.perform(put("/api/calendar/2027").contentType(YAML).content("")),
        "body",
        "is required");
  }

  @Test
  void putRejectsOtherContentTypes() throws Exception {
    mvc.perform(put("/api/calendar/2027").contentType(MediaType.APPLICATION_XML).content("<x/>"))
        .andExpect(status().isUnsupportedMediaType());
  }
}
