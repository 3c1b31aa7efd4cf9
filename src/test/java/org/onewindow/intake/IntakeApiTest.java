package org.onewindow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.onewindow.support.ApiClient;
import org.onewindow.support.Applications;
import org.onewindow.support.OneWindowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The applicant who mistypes: every bad field is named, nothing is created, nothing leaks. */
@OneWindowIntegrationTest
class IntakeApiTest {
  @LocalServerPort
  int port;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  RuntimeService runtime;

  private ApiClient window() {
    return ApiClient.as(port, "window1", "demo");
  }

  private long cases() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM ow_case", Long.class);
  }

  private long instances() {
    return runtime.createProcessInstanceQuery().count();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> with(Map<String, Object> application, String applicantField, Object value) {
    Map<String, Object> copy = new HashMap<>(application);
    Map<String, Object> applicant = new HashMap<>((Map<String, Object>) copy.get("applicant"));
    applicant.put(applicantField, value);
    copy.put("applicant", applicant);
    return copy;
  }

  /** Posts a bad request and returns the fields the problem names, checking nothing was written. */
  private List<String> rejectedFields(Object body) {
    long casesBefore = cases();
    long instancesBefore = instances();
    ApiClient.Response r = body instanceof String raw ? window().post("/api/cases", raw) : window().post("/api/cases", body);
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.body()).doesNotContain("Exception", "at org.", "SQL", "select ", "insert ");
    assertThat(cases()).as("no case file written").isEqualTo(casesBefore);
    assertThat(instances()).as("no process started").isEqualTo(instancesBefore);
    List<String> fields = new ArrayList<>();
    for (JsonNode e : r.json().get("errors")) {
      fields.add(e.get("field").asText());
      assertThat(e.get("message").asText()).isNotBlank();
    }
    return fields;
  }

  private static Map<String, Object> valid() {
    return Applications.person("SP-JY", List.of("食品经营许可申请书"));
  }

  @Test
  void aValidApplicationIsReceivedAndTheMissingMaterialsAreListed() {
    ApiClient.Response r = window().post("/api/cases", valid());
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.json().get("status").asText()).isEqualTo("RECEIVED");
    assertThat(r.json().get("missingMaterials")).extracting(JsonNode::asText)
        .containsExactly("营业执照", "经营场所平面图", "食品安全管理制度");
  }

  @Test
  void lowerCaseAndFullWidthIdentifiersAreNormalised() {
    Map<String, Object> body = with(valid(), "idNumber", "11010519491231002x");
    String rn = window().post("/api/cases", body).json().get("receiptNumber").asText();
    assertThat(window().get("/api/cases/" + rn).json().at("/applicant/id").asText()).isEqualTo("11010519491231002X");
  }

  @Test
  void unknownItemIsRejected() {
    Map<String, Object> body = new HashMap<>(valid());
    body.put("itemCode", "XX-YY");
    assertThat(rejectedFields(body)).containsExactly("itemCode");
  }

  @Test
  void citizenIdWithAWrongCheckDigitOrBirthDateIsRejected() {
    assertThat(rejectedFields(with(valid(), "idNumber", "110105194912310021"))).containsExactly("applicant.idNumber");
    assertThat(rejectedFields(with(valid(), "idNumber", "110105194902300021"))).containsExactly("applicant.idNumber");
  }

  @Test
  void creditCodeWithAWrongCheckCharacterOrAForbiddenCharacterIsRejected() {
    Map<String, Object> org = Applications.organisation("JS-SG", List.of("施工许可申请表"));
    assertThat(rejectedFields(with(org, "creditCode", "91350100M000100Y44"))).containsExactly("applicant.creditCode");
    assertThat(rejectedFields(with(org, "creditCode", "91350100M0001I0Y43"))).containsExactly("applicant.creditCode");
  }

  @Test
  void malformedMobileMissingNameAndOversizedFieldsAreAllNamedAtOnce() {
    Map<String, Object> body = with(with(valid(), "mobile", "2380013800"), "name", " ");
    body.put("materials", List.of("申请书", "x".repeat(500)));
    assertThat(rejectedFields(body)).containsExactlyInAnyOrder("applicant.mobile", "applicant.name", "materials[1]");
    assertThat(rejectedFields(with(valid(), "name", "名".repeat(101)))).containsExactly("applicant.name");
  }

  @Test
  void bodiesThatAreNotJsonOrHaveWrongTypesAreRejected() {
    assertThat(rejectedFields("{\"itemCode\": ")).containsExactly("body");
    assertThat(rejectedFields("not json at all")).containsExactly("body");
    Map<String, Object> body = new HashMap<>(valid());
    body.put("materials", Map.of("a", 1));
    assertThat(rejectedFields(body)).containsExactly("materials");
  }

  @Test
  void aMissingApplicantAndChannelAreNamed() {
    assertThat(rejectedFields(Map.of("itemCode", "SP-JY")))
        .contains("channel", "applicant.kind", "applicant.name", "applicant.mobile");
  }

  @Test
  void anOversizedBodyIsRefusedBeforeItIsRead() {
    long before = cases();
    ApiClient.Response r = window().post("/api/cases", "{\"itemCode\":\"" + "x".repeat(100_000) + "\"}");
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(cases()).isEqualTo(before);
  }

  @Test
  void anUnknownCaseIsA404Problem() {
    ApiClient.Response r = window().get("/api/cases/OW20990101999999");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.contentType()).startsWith("application/problem+json");
  }
}
