package org.onewindow.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The project's zh-CN locales against the English ones shipped in the Camunda webjar on the
 * classpath: every key present (a missing key would show as a raw key), the same placeholders,
 * and the project's own config.js selecting Chinese by default. Catches a Camunda upgrade that
 * adds labels.
 */
class WebappLocalesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String APP = "META-INF/resources/webjars/camunda/app/";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}\\s]+)\\s*}}");

  /** The webjar's resource (from the jar) and the project's (from target/classes) of one path. */
  private static JsonNode webjar(String path) throws IOException {
    for (URL url : Collections.list(WebappLocalesTest.class.getClassLoader().getResources(APP + path))) {
      if (url.toString().startsWith("jar:")) {
        try (InputStream in = url.openStream()) {
          return JSON.readTree(in);
        }
      }
    }
    throw new AssertionError("no " + path + " in the Camunda webjar");
  }

  private static JsonNode ours(String path) throws IOException {
    try (InputStream in = WebappLocalesTest.class.getClassLoader().getResourceAsStream(APP + path)) {
      assertThat(in).as(path).isNotNull();
      return JSON.readTree(in);
    }
  }

  private static String text(String path) throws IOException {
    try (InputStream in = WebappLocalesTest.class.getClassLoader().getResourceAsStream(APP + path)) {
      assertThat(in).as(path).isNotNull();
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private static Set<String> placeholders(String value) {
    Set<String> names = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(value);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit"})
  void everyEnglishLabelHasAChineseEntryWithTheSamePlaceholders(String app) throws IOException {
    JsonNode en = webjar(app + "/locales/en.json").get("labels");
    JsonNode zh = ours(app + "/locales/zh-CN.json").get("labels");
    List<String> missing = new ArrayList<>();
    en.fieldNames().forEachRemaining(k -> {
      if (!zh.has(k)) {
        missing.add(k);
      }
    });
    assertThat(missing).as("labels of %s without a zh-CN entry", app).isEmpty();
    en.fieldNames().forEachRemaining(k -> assertThat(placeholders(zh.get(k).asText()))
        .as("placeholders of %s", k).isEqualTo(placeholders(en.get(k).asText())));
    JsonNode enDates = webjar(app + "/locales/en.json").get("dateLocales");
    JsonNode zhDates = ours(app + "/locales/zh-CN.json").get("dateLocales");
    enDates.fieldNames().forEachRemaining(k -> assertThat(zhDates.has(k)).as("dateLocales.%s", k).isTrue());
  }

  @Test
  void tasklistIsEntirelyChinese() throws IOException {
    JsonNode en = webjar("tasklist/locales/en.json").get("labels");
    JsonNode zh = ours("tasklist/locales/zh-CN.json").get("labels");
    List<String> untranslated = new ArrayList<>();
    en.fieldNames().forEachRemaining(k -> {
      String e = en.get(k).asText();
      if (!e.isBlank() && e.chars().anyMatch(Character::isLetter) && e.equals(zh.get(k).asText())) {
        untranslated.add(k);
      }
    });
    assertThat(untranslated).isEmpty();
    assertThat(zh.get("BANNER_CE_EOL_TEXT").asText()).isEmpty();
  }

  @Test
  void cockpitsEverydayViewsAreChinese() throws IOException {
    JsonNode zh = ours("cockpit/locales/zh-CN.json").get("labels");
    for (String key : List.of("COCKPIT_PROCESSES", "COCKPIT_DECISIONS", "COCKPIT_HUMAN_TASKS", "COCKPIT_MORE",
        "DASHBOARD_RUNNING_PROCESS_INSTANCE", "DASHBOARD_OPEN_INCIDENTS", "DASHBOARD_OPEN_HUMAN_TASKS",
        "PROCESS_INSTANCE_BUSINESS_KEY", "PLUGIN_VARIABLE_INSTANCES_LABEL", "PLUGIN_USER_TASKS_LABEL",
        "PLUGIN_INCIDENTS_LABEL", "PAGE_LOGIN_SIGN_IN_ACTION", "PAGE_LOGIN_USERNAME", "CAM_WIDGET_HEADER_SIGN_OUT")) {
      assertThat(zh.get(key).asText()).as(key).matches(".*\\p{IsHan}.*");
    }
    assertThat(zh.get("BANNER_CE_EOL_TEXT").asText()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit"})
  void chineseIsTheDefaultAndEnglishStaysAvailable(String app) throws IOException {
    String config = text(app + "/scripts/config.js");
    assertThat(config).containsPattern("availableLocales:\\s*\\['zh-CN',\\s*'en'\\]")
        .containsPattern("fallbackLocale:\\s*'zh-CN'");
    assertThat(webjar(app + "/locales/en.json").get("labels").size()).isPositive();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void theMigrationBannerIsHidden(String app) throws IOException {
    assertThat(text(app + "/styles/user-styles.css")).containsPattern("\\.ce-eol-banner\\s*\\{\\s*display:\\s*none");
  }
}
