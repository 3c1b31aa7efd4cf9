package org.onewindow.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.onewindow.support.ApiClient;
import org.onewindow.support.Applications;
import org.onewindow.support.OneWindowIntegrationTest;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A department reviewer (housing1) logs in to Tasklist in a Chinese browser: the webapp speaks
 * Chinese, shows no migration banner, offers the Chinese filters shared with the department and
 * lists only the department's tasks.
 */
@OneWindowIntegrationTest
class DepartmentTasklistBrowserTest {
  @RegisterExtension
  static final BrowserSupport browser = new BrowserSupport();

  @LocalServerPort
  int port;

  private ApiClient as(String user) {
    return ApiClient.as(port, user, "demo");
  }

  @Test
  void housingReviewerSeesChineseFiltersAndOnlyHousingTasks() {
    ApiClient.Response received = as("window1").post("/api/cases", Applications.organisation("JS-GH",
        List.of("建设工程规划许可申请表", "土地权属证明", "建设工程设计方案")));
    assertThat(received.status()).as(received.body()).isEqualTo(201);
    String rn = received.json().get("receiptNumber").asText();
    JsonNode acceptance = as("window1").get("/engine-rest/task?processInstanceBusinessKey=" + rn).json();
    assertThat(as("window1").post("/engine-rest/task/" + acceptance.get(0).get("id").asText() + "/complete",
        Map.of("variables", Map.of("acceptanceDecision", Map.of("value", "ACCEPT")))).status()).isEqualTo(204);
    JsonNode steps = await().atMost(Duration.ofSeconds(20)).until(
        () -> as("supervisor1").get("/engine-rest/task?processInstanceBusinessKey=" + rn).json(), t -> t.size() == 4);
    Set<String> housingTaskIds = ids(as("supervisor1").get("/engine-rest/task?candidateGroup=housing&maxResults=1000").json());
    Set<String> otherStepsOfTheCase = ids(steps);
    otherStepsOfTheCase.removeAll(housingTaskIds);
    assertThat(otherStepsOfTheCase).hasSize(3);

    browser.login("http://localhost:" + port, "tasklist", "housing1", "demo");
    browser.step("01-logged-in");

    // Chinese, from the project's zh-CN locale; the vendor's banner is not shown.
    browser.await().withMessage("Tasklist speaks Chinese").until(d -> d.getPageSource().contains("请在列表中选择一项任务"));
    assertThat(browser.driver().getPageSource()).contains("任务处理").contains("发起流程").doesNotContain("Start process");
    Object bannerShown = ((JavascriptExecutor) browser.driver()).executeScript(
        "var b = document.querySelector('.ce-eol-banner'); return !!b && b.offsetParent !== null;");
    assertThat(bannerShown).as("the Camunda 8 migration banner is hidden").isEqualTo(false);

    List<String> filterNames = browser.await().withMessage("the filters are listed").until(d -> {
      List<String> names = d.findElements(By.cssSelector("[cam-tasklist-filters] .task-filter .name a")).stream()
          .map(e -> e.getText().trim()).toList();
      return names.size() >= 5 ? names : null;
    });
    assertThat(filterNames).anySatisfy(n -> assertThat(n).startsWith("本部门待办"))
        .anySatisfy(n -> assertThat(n).startsWith("我的待办"))
        .anySatisfy(n -> assertThat(n).startsWith("即将超期"))
        .anySatisfy(n -> assertThat(n).startsWith("已超期"))
        .anySatisfy(n -> assertThat(n).startsWith("补正/暂停中"))
        .noneSatisfy(n -> assertThat(n).startsWith("待受理"));

    selectFilter("本部门待办");
    WebElement card = browser.await().withMessage("the housing review of " + rn + " is listed")
        .until(d -> d.findElements(By.xpath("//ol[contains(@class,'tasks-list')]/li[contains(@class,'task')]"
            + "[.//*[contains(@class,'variable-value') and normalize-space()='" + rn + "']]")).stream()
            .findFirst().orElse(null));
    assertThat(card.findElement(By.cssSelector("h4.task")).getText()).isEqualTo("联合审查");
    assertThat(card.getText()).contains("办件编号").contains("事项").contains("建设工程规划许可证");
    browser.step("02-department-queue");
    assertThat(browser.driver().getCurrentUrl()).as("listed by due date, earliest first")
        .contains("dueDate").contains("asc");

    List<String> listed = browser.driver().findElements(By.cssSelector("ol.tasks-list li.task h4.task a")).stream()
        .map(a -> a.getDomAttribute("href")).map(DepartmentTasklistBrowserTest::taskId).toList();
    assertThat(listed).isNotEmpty();
    assertThat(housingTaskIds).as("every listed task is in housing's queue").containsAll(listed);
    assertThat(listed).as("no other department's step of the case").doesNotContainAnyElementsOf(otherStepsOfTheCase);
  }

  private void selectFilter(String name) {
    By filters = By.cssSelector("[cam-tasklist-filters] .task-filter");
    WebElement filter = browser.await().withMessage("filter " + name)
        .until(d -> d.findElements(filters).stream()
            .filter(f -> f.findElement(By.cssSelector(".name a")).getText().trim().startsWith(name))
            .findFirst().orElse(null));
    browser.click(filter.findElement(By.cssSelector(".name a")));
    browser.await().withMessage("filter " + name + " active").until(d -> filter.getDomAttribute("class").contains("active"));
  }

  private static String taskId(String href) {
    int at = href == null ? -1 : href.indexOf("task=");
    if (at < 0) {
      return href;
    }
    String id = href.substring(at + 5);
    int amp = id.indexOf('&');
    return amp < 0 ? id : id.substring(0, amp);
  }

  private static Set<String> ids(JsonNode tasks) {
    Set<String> ids = new HashSet<>();
    tasks.forEach(t -> ids.add(t.get("id").asText()));
    return ids;
  }
}
