package org.onewindow.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.onewindow.support.ApiClient;
import org.onewindow.support.OneWindowIntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Anyone staff may read the calendar; only administrators load a year's schedule. */
@OneWindowIntegrationTest
class CalendarAdministrationTest {
  @LocalServerPort
  int port;

  @Test
  void aClerkCannotLoadAScheduleButReadsTheCalendar() {
    ApiClient clerk = ApiClient.as(port, "window1", "demo");
    ApiClient.Response refused = clerk.put("/api/calendar/2097", "application/yaml", """
        year: 2097
        holidays:
          - { name: 元旦, date: 2097-01-01 }
        makeUpWorkingDays: []
        """);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(clerk.get("/api/calendar/2097").json().get("loaded").asBoolean()).isFalse();
    assertThat(clerk.get("/api/calendar/deadline?from=2026-09-30&workingDays=1").json().get("deadline").asText())
        .isEqualTo("2026-10-08"); // National Day holiday 1–7 October 2026
  }
}
