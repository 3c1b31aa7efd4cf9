package org.onewindow.applicant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onewindow.support.ApiClient;
import org.onewindow.support.Applications;
import org.onewindow.support.OneWindowIntegrationTest;
import org.onewindow.support.OpenCases;
import org.onewindow.support.StaffTasks;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The public API against bad input and abuse: every refusal is problem+json with the right status,
 * names the field where there is one, changes nothing, and never shows internals.
 */
@OneWindowIntegrationTest
class PublicApiAbuseTest {
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
  private static final byte[] EXE = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0};

  @LocalServerPort
  int port;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  RuntimeService runtime;

  @Autowired
  PublicThrottles throttles;

  private ApiClient applicant;
  private StaffTasks staff;

  record Online(String rn, String code) {}

  private OpenCases openCases;

  @BeforeEach
  void setUp() {
    openCases = OpenCases.mark(jdbc, runtime);
    throttles.reset();
    applicant = ApiClient.anonymous(port);
    staff = new StaffTasks(port);
  }

  @AfterEach
  void forgetTheFlood() {
    openCases.endAll();
    throttles.reset();
  }

  private Online apply(String itemCode, List<String> materials) {
    ApiClient.Response r = applicant.post("/api/public/cases", Applications.person(itemCode, materials));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return new Online(r.json().get("receiptNumber").asText(), r.json().get("queryCode").asText());
  }

  /** An immediate item decided and finished at the window. */
  private Online finishedImmediately() {
    Online c = apply("GT-DJ", List.of("个体工商户登记申请书", "经营者身份证明", "经营场所使用证明"));
    staff.work("window1", "window", c.rn(), "windowHandling", Map.of("decision", "APPROVE"));
    return c;
  }

  private static ApiClient.Response problem(ApiClient.Response r, int status) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.body()).doesNotContain("Exception", "at org.", "SQL", "select ", "insert ");
    return r;
  }

  private static List<String> fields(ApiClient.Response r) {
    List<String> fields = new ArrayList<>();
    r.json().path("errors").forEach(e -> fields.add(e.get("field").asText()));
    return fields;
  }

  /** The problem without its "instance" (the request's own path, which the client knows anyway). */
  private static JsonNode withoutInstance(ApiClient.Response r) {
    com.fasterxml.jackson.databind.node.ObjectNode node = (com.fasterxml.jackson.databind.node.ObjectNode) r.json();
    node.remove("instance");
    return node;
  }

  private String status(Online c) {
    return jdbc.queryForObject("SELECT status FROM ow_case WHERE receipt_number = ?", String.class, c.rn());
  }

  // ---------------------------------------------------------------- query codes

  @Test
  void aWrongOrMissingCodeAnswersExactlyLikeAnUnknownReceiptNumber() {
    Online c = apply("SP-JY", List.of("食品经营许可申请书"));
    String wrong = c.code().charAt(0) == 'A' ? "B" + c.code().substring(1) : "A" + c.code().substring(1);

    ApiClient.Response unknown = problem(applicant.get("/api/public/cases/OW20990101999999?code=" + c.code()), 404);
    ApiClient.Response wrongCode = problem(applicant.get("/api/public/cases/" + c.rn() + "?code=" + wrong), 404);
    ApiClient.Response missing = problem(applicant.get("/api/public/cases/" + c.rn()), 404);
    assertThat(withoutInstance(wrongCode)).isEqualTo(withoutInstance(unknown)).isEqualTo(withoutInstance(missing));

    // A window case has no code: the receipt number alone reveals nothing.
    ApiClient.Response window = staff.as("window1").post("/api/cases", Applications.person("SP-JY", List.of("营业执照")));
    String windowRn = window.json().get("receiptNumber").asText();
    assertThat(withoutInstance(problem(applicant.get("/api/public/cases/" + windowRn + "?code=" + c.code()), 404)))
        .isEqualTo(withoutInstance(unknown));

    // The right code, typed casually, works.
    String casual = c.code().substring(0, 4).toLowerCase() + "-" + c.code().substring(4).toLowerCase();
    assertThat(applicant.get("/api/public/cases/" + c.rn() + "?code=" + casual).status()).isEqualTo(200);
  }

  @Test
  void onlyThePublicPathIsOpenNotAPathThatWalksOutOfIt() {
    Online c = apply("SP-JY", List.of("食品经营许可申请书"));
    for (String path : List.of("/api/public/../cases/" + c.rn(), "/api/public/%2e%2e/cases/" + c.rn(),
        "/api/public/..;/cases/" + c.rn())) {
      ApiClient.Response r = applicant.get(path);
      assertThat(r.status()).as(path).isIn(400, 401, 404);
      assertThat(r.body()).as(path).doesNotContain("applicant", c.rn() + "\",\"item");
    }
    assertThat(applicant.get("/api/cases/" + c.rn()).status()).isEqualTo(401);
  }

  @Test
  void aFloodOfWrongCodesFromOneClientIsThrottled() {
    Online c = apply("SP-JY", List.of("食品经营许可申请书"));
    List<Integer> answers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      answers.add(applicant.get("/api/public/cases/" + c.rn() + "?code=WRONG" + (char) ('A' + i) + "ZZ").status());
    }
    assertThat(answers.subList(0, 5)).containsOnly(404);
    assertThat(answers.subList(5, 20)).containsOnly(429);

    // Blocked means blocked: the right code, a supplement and an upload wait too, and nothing is read.
    ApiClient.Response blocked = problem(applicant.get("/api/public/cases/" + c.rn() + "?code=" + c.code()), 429);
    assertThat(Long.parseLong(blocked.header("Retry-After"))).isBetween(1L, 600L);
    problem(applicant.post("/api/public/cases/" + c.rn() + "/supplement",
        Map.of("code", c.code(), "materials", List.of("营业执照"))), 429);
    problem(applicant.postMultipart("/api/public/cases/" + c.rn() + "/materials", Map.of("code", c.code(), "name", "营业执照"),
        new ApiClient.FilePart("file", "a.png", "image/png", PNG)), 429);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ow_material WHERE receipt_number = ?", Integer.class, c.rn()))
        .isZero();

    // Staff are not affected.
    assertThat(staff.as("window1").get("/api/cases/" + c.rn()).status()).isEqualTo(200);
  }

  // ---------------------------------------------------------------- bad input

  @Test
  void malformedJsonIsA400NamingTheBody() {
    Online c = apply("SP-JY", List.of("食品经营许可申请书"));
    long cases = jdbc.queryForObject("SELECT COUNT(*) FROM ow_case", Long.class);
    long instances = runtime.createProcessInstanceQuery().count();
    for (String path : List.of("/api/public/cases", "/api/public/cases/" + c.rn() + "/supplement",
        "/api/public/cases/" + c.rn() + "/withdrawal", "/api/public/cases/" + c.rn() + "/rating")) {
      assertThat(fields(problem(applicant.post(path, "{\"code\" \"" + c.code() + "\"}"), 400)))
          .as(path).containsExactly("body");
      assertThat(fields(problem(applicant.post(path, "not json"), 400))).as(path).containsExactly("body");
      assertThat(fields(problem(applicant.post(path, "null"), 400))).as(path).containsExactly("body");
    }
    assertThat(fields(problem(applicant.post("/api/public/cases/" + c.rn() + "/supplement",
        "{\"code\": \"" + c.code() + "\", \"materials\": \"营业执照\"}"), 400))).containsExactly("materials");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ow_case", Long.class)).isEqualTo(cases);
    assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(instances);
    assertThat(status(c)).isEqualTo("RECEIVED");
  }

  @Test
  void anOnlineApplicationIsValidatedLikeTheWindowsAndNothingIsWritten() {
    long cases = jdbc.queryForObject("SELECT COUNT(*) FROM ow_case", Long.class);
    long codes = jdbc.queryForObject("SELECT COUNT(*) FROM ow_case_access", Long.class);
    ApiClient.Response r = problem(applicant.post("/api/public/cases", Map.of("itemCode", "NOPE",
        "applicant", Map.of("kind", "PERSON", "name", "王小明", "idNumber", "110105194912310021", "mobile", "123"),
        "materials", List.of(""))), 400);
    assertThat(fields(r)).containsExactlyInAnyOrder("itemCode", "applicant.idNumber", "applicant.mobile", "materials[0]");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ow_case", Long.class)).isEqualTo(cases);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ow_case_access", Long.class)).isEqualTo(codes);

    // A body over 64 KB is refused from its declared length.
    char[] big = new char[70 * 1024];
    Arrays.fill(big, 'x');
    problem(applicant.post("/api/public/cases", "{\"itemCode\": \"" + new String(big) + "\"}"), 413);
    // Sent chunked, without a length, it is read up to the limit and refused there.
    problem(applicant.postChunked("/api/public/cases",
        ("{\"itemCode\": \"" + new String(big) + "\"}").getBytes(StandardCharsets.UTF_8)), 413);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ow_case", Long.class)).isEqualTo(cases);
    // A chunked body within the limit is taken as usual.
    ApiClient.Response chunked = applicant.postChunked("/api/public/cases", new com.fasterxml.jackson.databind.ObjectMapper()
        .valueToTree(Applications.person("SP-JY", List.of("营业执照"))).toString().getBytes(StandardCharsets.UTF_8));
    assertThat(chunked.status()).as(chunked.body()).isEqualTo(201);
  }

  @Test
  void badFieldsOfSupplementWithdrawalAndRatingAreNamed() {
    Online c = apply("SP-JY", List.of("食品经营许可申请书"));
    assertThat(fields(problem(applicant.post("/api/public/cases/" + c.rn() + "/supplement",
        Map.of("code", c.code(), "materials", List.of("营业执照", " ", "a\nb"))), 400)))
        .containsExactly("materials[1]", "materials[2]");
    assertThat(fields(problem(applicant.post("/api/public/cases/" + c.rn() + "/supplement",
        Map.of("code", c.code())), 400))).containsExactly("materials");
    assertThat(fields(problem(applicant.post("/api/public/cases/" + c.rn() + "/withdrawal",
        Map.of("code", c.code(), "reason", " ")), 400))).containsExactly("reason");
    assertThat(fields(problem(applicant.post("/api/public/cases/" + c.rn() + "/rating",
        Map.of("code", c.code(), "rating", "GREAT", "comment", "好".repeat(501))), 400)))
        .containsExactly("rating", "comment");
    assertThat(status(c)).isEqualTo("RECEIVED");
  }

  // ---------------------------------------------------------------- state

  @Test
  void aSupplementForACaseThatIsNotWaitingIsAConflict() {
    Online c = apply("SP-JY", List.of("食品经营许可申请书"));
    ApiClient.Response r = problem(applicant.post("/api/public/cases/" + c.rn() + "/supplement",
        Map.of("code", c.code(), "materials", List.of("营业执照"))), 409);
    assertThat(r.json().get("detail").asText()).contains("不需要补正");
    assertThat(status(c)).isEqualTo("RECEIVED");
    staff.task("window1", "window", c.rn(), "acceptance");
  }

  @Test
  void aSecondRatingIsAConflictAndSoIsARatingBeforeTheEnd() {
    Online open = apply("SP-JY", List.of("食品经营许可申请书"));
    problem(applicant.post("/api/public/cases/" + open.rn() + "/rating",
        Map.of("code", open.code(), "rating", "SATISFIED")), 409);

    Online c = finishedImmediately();
    ApiClient.Response first = applicant.post("/api/public/cases/" + c.rn() + "/rating",
        Map.of("code", c.code(), "rating", "SATISFIED", "comment", "当场办结"));
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(first.json().get("followUp").asBoolean()).isFalse();
    ApiClient.Response second = problem(applicant.post("/api/public/cases/" + c.rn() + "/rating",
        Map.of("code", c.code(), "rating", "VERY_DISSATISFIED")), 409);
    assertThat(second.json().get("detail").asText()).contains("只能评价一次");
    assertThat(jdbc.queryForObject("SELECT rating FROM ow_rating WHERE receipt_number = ?", String.class, c.rn()))
        .isEqualTo("SATISFIED");
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(c.rn()).count()).isZero();
  }

  @Test
  void withdrawalAfterTheDecisionIsAConflict() {
    Online c = finishedImmediately();
    ApiClient.Response r = problem(applicant.post("/api/public/cases/" + c.rn() + "/withdrawal",
        Map.of("code", c.code(), "reason", "不想办了")), 409);
    assertThat(r.json().get("detail").asText()).contains("不能撤回");
    assertThat(status(c)).isEqualTo("APPROVED");
  }

  // ---------------------------------------------------------------- uploads

  @Test
  void aHugeUploadIsRefusedBeforeItIsRead() {
    Online c = apply("SP-JY", List.of("食品经营许可申请书"));
    // Declares 200 MB, sends 64 KB: the answer comes at once, the rest is never read.
    String answer = applicant.postDeclaringLength("/api/public/cases/" + c.rn() + "/materials",
        "multipart/form-data; boundary=x", 200L * 1024 * 1024, new byte[64 * 1024]);
    assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json");

    // A file just over the limit inside a request under it: cut off while streaming.
    byte[] large = new byte[10 * 1024 * 1024 + 1];
    System.arraycopy(PNG, 0, large, 0, PNG.length);
    ApiClient.Response r = problem(applicant.postMultipart("/api/public/cases/" + c.rn() + "/materials",
        Map.of("code", c.code(), "name", "营业执照"), new ApiClient.FilePart("file", "big.png", "image/png", large)), 413);
    assertThat(fields(r)).containsExactly("file");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ow_material WHERE receipt_number = ?", Integer.class, c.rn()))
        .isZero();
  }

  @Test
  void aFileTypeOutsideTheListIsRefusedByContentNotByName() {
    Online c = apply("SP-JY", List.of("食品经营许可申请书"));
    String path = "/api/public/cases/" + c.rn() + "/materials";
    Map<String, String> form = Map.of("code", c.code(), "name", "营业执照");

    assertThat(fields(problem(applicant.postMultipart(path, form,
        new ApiClient.FilePart("file", "setup.exe", "application/octet-stream", EXE)), 400))).containsExactly("file");
    // A program renamed to .pdf and sent as PDF is still a program.
    ApiClient.Response renamed = problem(applicant.postMultipart(path, form,
        new ApiClient.FilePart("file", "营业执照.pdf", "application/pdf", EXE)), 400);
    assertThat(fields(renamed)).containsExactly("file");
    // An empty file, a missing file, a missing name.
    assertThat(fields(problem(applicant.postMultipart(path, form,
        new ApiClient.FilePart("file", "a.pdf", "application/pdf", new byte[0])), 400))).containsExactly("file");
    assertThat(fields(problem(applicant.postMultipart(path, form), 400))).containsExactly("file");
    assertThat(fields(problem(applicant.postMultipart(path, Map.of("code", c.code()),
        new ApiClient.FilePart("file", "a.png", "image/png", PNG)), 400))).containsExactly("name");
    // Not multipart at all.
    assertThat(fields(problem(applicant.post(path, Map.of("code", c.code())), 400))).containsExactly("body");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ow_material WHERE receipt_number = ?", Integer.class, c.rn()))
        .isZero();

    // A real PNG named .png is taken; the type comes from the content.
    ApiClient.Response ok = applicant.postMultipart(path, form, new ApiClient.FilePart("file", "执照.PNG",
        "application/octet-stream", PNG));
    assertThat(ok.status()).as(ok.body()).isEqualTo(201);
    assertThat(ok.json().get("contentType").asText()).isEqualTo("image/png");
    assertThat(ok.json().get("size").asLong()).isEqualTo(PNG.length);
  }

  @Test
  void uploadsNeedTheCodeAndStopAtTheDecision() {
    Online open = apply("SP-JY", List.of("食品经营许可申请书"));
    problem(applicant.postMultipart("/api/public/cases/" + open.rn() + "/materials",
        Map.of("code", "ABCDEFGH", "name", "营业执照"), new ApiClient.FilePart("file", "a.png", "image/png", PNG)), 404);

    Online done = finishedImmediately();
    problem(applicant.postMultipart("/api/public/cases/" + done.rn() + "/materials",
        Map.of("code", done.code(), "name", "营业执照"), new ApiClient.FilePart("file", "a.png", "image/png", PNG)), 409);
    JsonNode status = applicant.get("/api/public/cases/" + done.rn() + "?code=" + done.code()).json();
    assertThat(status.get("canUploadMaterials").asBoolean()).isFalse();
    assertThat(new String(PNG, StandardCharsets.ISO_8859_1)).startsWith("\u0089PNG");
  }
}
