package org.onewindow.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.onewindow.support.ApiClient;
import org.onewindow.support.OneWindowIntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The running application serves the project's webapp files in place of the webjar's defaults. */
@OneWindowIntegrationTest
class WebappServedTest {
  @LocalServerPort
  int port;

  @Test
  void configLocalesStylesAndThePluginAreTheProjects() {
    ApiClient web = ApiClient.anonymous(port);
    for (String app : List.of("tasklist", "cockpit")) {
      ApiClient.Response config = web.get("/camunda/app/" + app + "/scripts/config.js");
      assertThat(config.status()).isEqualTo(200);
      assertThat(config.body()).contains("一窗通办").contains("fallbackLocale: 'zh-CN'");
      ApiClient.Response zh = web.get("/camunda/app/" + app + "/locales/zh-CN.json");
      assertThat(zh.status()).isEqualTo(200);
      assertThat(zh.json().at("/labels/PAGE_LOGIN_SIGN_IN_ACTION").asText()).isEqualTo("登录");
      assertThat(web.get("/camunda/app/" + app + "/locales/en.json").status()).as("English still served").isEqualTo(200);
    }
    for (String app : List.of("tasklist", "cockpit", "admin", "welcome")) {
      assertThat(web.get("/camunda/app/" + app + "/styles/user-styles.css").body()).contains(".ce-eol-banner");
    }
    ApiClient.Response plugin = web.get("/camunda/app/cockpit/scripts/onewindow/supervision-plugin.js");
    assertThat(plugin.status()).isEqualTo(200);
    assertThat(plugin.body()).contains("cockpit.route").contains("/api/supervision/overdue".substring(5));
    assertThat(web.get("/camunda/app/tasklist/scripts/onewindow/due-date-order.js").status()).isEqualTo(200);
  }
}
