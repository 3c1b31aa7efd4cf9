package org.onewindow.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onewindow.support.ApiClient;

/**
 * The production profile ({@code postgres}) as the jar starts it: the start is refused without an
 * administrator and with a weak password; with a strong one there are no demo users, the REST APIs
 * answer only authenticated requests, the webapps send HSTS, a content security policy and secure,
 * same-site cookies, modifying webapp requests from another origin are refused (CSRF target
 * origin), errors carry no stack trace, and login throttling is on.
 */
@ExtendWith(Postgres.class)
class ProductionProfileIT {
  static final String DATABASE = "onewindow_prod_profile";
  static final String ORIGIN = "https://onewindow.example.gov.cn";
  static final String PASSWORD = "Qiu-Shui-Ting-2026";
  static final HttpClient HTTP = HttpClient.newHttpClient();

  static Node node;

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
    Postgres.drop(DATABASE);
  }

  private static Node.Builder production(String name) {
    return Node.oneWindow(name).database(DATABASE).env("SPRING_PROFILES_ACTIVE", "postgres")
        .env("ONEWINDOW_PUBLIC_ORIGIN", ORIGIN);
  }

  @Test
  void theProductionProfileRefusesWeakStartsAndIsHardened() throws Exception {
    long started = System.nanoTime();
    Postgres.recreate(DATABASE);

    Node missing = production("production-no-admin").start();
    assertThat(missing.waitFor(Duration.ofSeconds(120))).as("exit code without an administrator").isNotZero();
    assertThat(missing.log()).contains("No administrator exists yet: set ONEWINDOW_ADMIN_USER");

    Node weak = production("production-weak-password").env("ONEWINDOW_ADMIN_USER", "chief")
        .env("ONEWINDOW_ADMIN_PASSWORD", "chief123").start();
    assertThat(weak.waitFor(Duration.ofSeconds(120))).as("exit code with a weak password").isNotZero();
    assertThat(weak.log()).contains("ONEWINDOW_ADMIN_PASSWORD is refused");

    node = production("production").env("ONEWINDOW_ADMIN_USER", "chief").env("ONEWINDOW_ADMIN_PASSWORD", PASSWORD)
        .start().awaitReady(Duration.ofSeconds(120));
    assertThat(node.log()).contains("Created the first administrator 'chief'").doesNotContain("demo users exist");

    // No demo user; nothing anonymous.
    assertThat(ApiClient.as(node.port, "window1", "demo").get("/api/cases/OW1").status()).isEqualTo(401);
    assertThat(ApiClient.anonymous(node.port).get("/engine-rest/task").status()).isEqualTo(401);
    assertThat(ApiClient.anonymous(node.port).get("/engine-rest/engine").status()).isEqualTo(401);
    assertThat(ApiClient.anonymous(node.port).get("/actuator/prometheus").status()).isEqualTo(401);
    assertThat(ApiClient.as(node.port, "chief", PASSWORD).get("/engine-rest/task").status()).isEqualTo(200);
    assertThat(ApiClient.anonymous(node.port).get("/actuator/health").status()).isEqualTo(200);

    // Errors without stack traces.
    for (ApiClient.Response r : List.of(
        ApiClient.as(node.port, "chief", PASSWORD).post("/engine-rest/process-definition/key/nope/start", "{}"),
        ApiClient.as(node.port, "chief", PASSWORD).post("/engine-rest/task", "{\"taskVariables\": 5}"),
        ApiClient.as(node.port, "chief", PASSWORD).post("/api/cases", "{broken"),
        ApiClient.anonymous(node.port).get("/nothing-here"))) {
      assertThat(r.status()).isBetween(400, 599);
      assertThat(r.body()).doesNotContain("\tat ", "at org.", "Caused by", "Exception:");
    }

    // The webapps behind the TLS proxy: HSTS, CSP, nosniff, secure same-site cookies.
    HttpResponse<String> page = HTTP.send(webapp("/camunda/app/tasklist/default/").GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
        .contains("frame-ancestors 'none'", "object-src 'none'", "default-src 'self'");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    List<String> cookies = page.headers().allValues("Set-Cookie");
    String xsrf = cookies.stream().filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow();
    assertThat(xsrf).contains("Secure").containsIgnoringCase("SameSite=Strict");
    String session = cookies.stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
    assertThat(session).contains("Secure", "HttpOnly");
    String token = xsrf.substring("XSRF-TOKEN=".length(), xsrf.indexOf(';'));
    String cookieHeader = session.substring(0, session.indexOf(';')) + "; XSRF-TOKEN=" + token;

    // CSRF: a login from another origin is refused; from the configured origin it works.
    HttpResponse<String> foreign = HTTP.send(login(cookieHeader, token, "https://evil.example"),
        HttpResponse.BodyHandlers.ofString());
    assertThat(foreign.statusCode()).as("login from a foreign origin").isEqualTo(403);
    HttpResponse<String> own = HTTP.send(login(cookieHeader, token, ORIGIN), HttpResponse.BodyHandlers.ofString());
    assertThat(own.statusCode()).as("login from the own origin: " + own.body()).isEqualTo(200);
    assertThat(own.headers().allValues("Set-Cookie")).allSatisfy(c -> assertThat(c).contains("Secure"));

    // Login throttling: right after a wrong password even the right one is refused for a while.
    assertThat(ApiClient.as(node.port, "chief", "wrong-password").get("/engine-rest/task").status()).isEqualTo(401);
    assertThat(ApiClient.as(node.port, "chief", PASSWORD).get("/engine-rest/task").status())
        .as("throttled right after a wrong password").isEqualTo(401);
    Thread.sleep(3500);
    assertThat(ApiClient.as(node.port, "chief", PASSWORD).get("/engine-rest/task").status()).isEqualTo(200);
    System.out.printf("production profile: checked in %d s%n", (System.nanoTime() - started) / 1_000_000_000);
  }

  private static HttpRequest.Builder webapp(String path) {
    return HttpRequest.newBuilder(URI.create(node.base() + path)).header("X-Forwarded-Proto", "https")
        .header("X-Forwarded-Host", URI.create(ORIGIN).getHost());
  }

  private static HttpRequest login(String cookies, String token, String origin) {
    String form = "username=chief&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
    return webapp("/camunda/api/admin/auth/user/default/login/tasklist").header("Cookie", cookies)
        .header("X-XSRF-TOKEN", token).header("Origin", origin).header("Referer", origin + "/camunda/app/tasklist/")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
  }
}
