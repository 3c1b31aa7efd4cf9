package org.onewindow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onewindow.support.ApiClient;
import org.onewindow.support.Applications;
import org.onewindow.support.OneWindowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Tasklist start form (window-intake) goes through the same validation as the API and gets
 * a receipt number as business key: submitted here through the engine REST API, as Tasklist does.
 */
@OneWindowIntegrationTest
class WindowStartFormTest {
  @LocalServerPort
  int port;

  @Autowired
  JdbcTemplate jdbc;

  private ApiClient.Response submit(String processKey, Map<String, Object> form) {
    Map<String, Object> variables = new LinkedHashMap<>();
    form.forEach((k, v) -> variables.put(k, Map.of("value", v)));
    return ApiClient.as(port, "window1", "demo")
        .post("/engine-rest/process-definition/key/" + processKey + "/submit-form", Map.of("variables", variables));
  }

  private static Map<String, Object> form(String itemCode, String applicantId) {
    return Map.of("itemCode", itemCode, "applicantKind", "PERSON", "applicantName", "赵一",
        "applicantId", applicantId, "mobile", "13900139000", "materials", "个体工商户登记申请书\n经营者身份证明");
  }

  @Test
  void aStartFormReceivesTheCaseUnderAReceiptNumber() {
    ApiClient.Response r = submit("immediate-item", form("GT-DJ", Applications.ID_NUMBER));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode instance = r.json();
    String rn = instance.get("businessKey").asText();
    assertThat(rn).matches("OW\\d{14}");
    Map<String, Object> row = jdbc.queryForMap("SELECT * FROM ow_case WHERE receipt_number = ?", rn);
    assertThat(row.get("channel")).isEqualTo("WINDOW");
    assertThat(row.get("received_by")).isEqualTo("window1");
    assertThat(row.get("materials")).isEqualTo("个体工商户登记申请书\n经营者身份证明");
    assertThat(row.get("process_instance_id")).isEqualTo(instance.get("id").asText());
  }

  @Test
  void aBadStartFormIsRefusedWithTheReasonAndLeavesNothing() {
    long before = jdbc.queryForObject("SELECT COUNT(*) FROM ow_case", Long.class);
    ApiClient.Response r = submit("immediate-item", form("GT-DJ", "110105194912310021"));
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().get("message").asText()).contains("公民身份号码校验位错误");

    ApiClient.Response wrongProcess = submit("commitment-item", form("GT-DJ", Applications.ID_NUMBER));
    assertThat(wrongProcess.status()).as(wrongProcess.body()).isEqualTo(400);
    assertThat(wrongProcess.json().get("message").asText()).contains("immediate-item");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ow_case", Long.class)).isEqualTo(before);
  }
}
