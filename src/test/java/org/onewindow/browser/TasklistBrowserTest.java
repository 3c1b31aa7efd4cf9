package org.onewindow.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.onewindow.process.CommitmentItemProcess;
import org.onewindow.support.ApiClient;
import org.onewindow.support.Applications;
import org.onewindow.support.OneWindowIntegrationTest;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A window clerk accepts a case in Tasklist, in a real (headless) browser: the queue 待受理, the
 * task card with the receipt number, the Chinese acceptance form, claim, 受理, complete. Whether it
 * really completed is checked through the API, not the page.
 *
 * <p>Elements are found by Angular attributes, CSS classes and form-js ids derived from the
 * form's component ids, not by Tasklist's English texts, which are to be localised. The only
 * texts used are the project's own: filter names and form labels from {@code forms/}.
 */
@OneWindowIntegrationTest
class TasklistBrowserTest {
  private static final String WINDOW_QUEUE = "待受理";
  /** Component ids in forms/acceptance.form; form-js renders them as {@code fjs-form-<random>-<id>}. */
  private static final String RECEIPT_NUMBER_FIELD = "Field_receiptNumber";
  private static final String DECISION_FIELD = "Field_acceptanceDecision";

  @RegisterExtension
  static final BrowserSupport browser = new BrowserSupport();

  @LocalServerPort
  int port;

  private ApiClient window1() {
    return ApiClient.as(port, "window1", "demo");
  }

  @Test
  void windowClerkAcceptsACaseInTasklist() {
    ApiClient.Response received = window1().post("/api/cases", Applications.organisation("JS-GH",
        List.of("建设工程规划许可申请表", "土地权属证明", "建设工程设计方案")));
    assertThat(received.status()).as(received.body()).isEqualTo(201);
    String rn = received.json().get("receiptNumber").asText();

    browser.login("http://localhost:" + port, "tasklist", "window1", "demo");
    browser.step("01-logged-in");

    selectFilter(WINDOW_QUEUE);
    WebElement card = taskCard(rn);
    browser.step("02-window-queue");
    assertThat(card.findElement(By.cssSelector("h4.task")).getText()).isEqualTo("受理审查");

    browser.click(card.findElement(By.cssSelector("h4.task a")));
    WebElement form = browser.visible("[cam-tasklist-task] .fjs-form");
    WebElement receiptNumber = formField(RECEIPT_NUMBER_FIELD);
    browser.await().withMessage("the form shows receipt number " + rn)
        .until(d -> rn.equals(receiptNumber.getDomProperty("value")));
    assertThat(receiptNumber.isEnabled()).as("receipt number is read-only").isFalse();
    List<String> labels = form.findElements(By.cssSelector(".fjs-form-field-label")).stream()
        .map(e -> e.getText().replace("*", "").trim()).toList();
    assertThat(labels).contains("办件编号", "申请事项", "申请人", "已收材料", "受理结论", "受理", "一次性告知补正", "不予受理");
    browser.step("03-task-opened");

    claimIfNeeded();
    browser.step("04-claimed");

    chooseAndComplete("受理");
    browser.step("06-completed");

    await().atMost(BrowserSupport.TIMEOUT).untilAsserted(() -> {
      ApiClient.Response file = window1().get("/api/cases/" + rn);
      assertThat(file.status()).isEqualTo(200);
      assertThat(file.json().get("status").asText()).isEqualTo("UNDER_REVIEW");
    });
    JsonNode acceptance = window1().get("/engine-rest/history/task?processInstanceBusinessKey=" + rn
        + "&taskDefinitionKey=" + CommitmentItemProcess.ACCEPTANCE).json();
    assertThat(acceptance).hasSize(1);
    assertThat(acceptance.get(0).get("assignee").asText()).as("completed by the clerk in the browser")
        .isEqualTo("window1");
    assertThat(acceptance.get(0).get("deleteReason").asText()).isEqualTo("completed");
    // The historic variable query has no business-key parameter: select by process instance.
    JsonNode decision = window1().get("/engine-rest/history/variable-instance?processInstanceId="
        + received.json().get("processInstanceId").asText()
        + "&variableName=" + CommitmentItemProcess.ACCEPTANCE_DECISION).json();
    assertThat(decision).hasSize(1);
    assertThat(decision.get(0).get("value").asText()).isEqualTo(CommitmentItemProcess.ACCEPT);
  }

  /** Clicks a filter in the left column by its name and waits until it is the active one. */
  private void selectFilter(String name) {
    By filters = By.cssSelector("[cam-tasklist-filters] .task-filter");
    WebElement filter = browser.await().withMessage("filter " + name + " in the filter list")
        .until(d -> d.findElements(filters).stream()
            .filter(f -> f.findElement(By.cssSelector(".name a")).getText().trim().startsWith(name))
            .findFirst().orElse(null));
    browser.click(filter.findElement(By.cssSelector(".name a")));
    browser.await().withMessage("filter " + name + " active")
        .until(d -> filter.getDomAttribute("class").contains("active"));
  }

  /** The card in the task list whose variables show the receipt number. */
  private WebElement taskCard(String rn) {
    By card = By.xpath("//ol[contains(@class,'tasks-list')]/li[contains(@class,'task')]"
        + "[.//*[contains(@class,'variable-value') and normalize-space()='" + rn + "']]");
    return browser.await().withMessage("a task card showing " + rn)
        .until(ExpectedConditions.visibilityOfElementLocated(card));
  }

  /** A field of the Camunda Form by its component id (form-js ids are fjs-form-<random>-<component id>). */
  private WebElement formField(String componentId) {
    return browser.visible("[cam-tasklist-task] .fjs-form [id$='-" + componentId + "']");
  }

  /** Tasklist only completes tasks assigned to the user: claim unless already claimed. */
  private void claimIfNeeded() {
    By claim = By.cssSelector("[cam-tasklist-task-meta] button.claim");
    List<WebElement> buttons = browser.driver().findElements(claim);
    if (!buttons.isEmpty() && buttons.get(0).isDisplayed()) {
      browser.click(buttons.get(0));
      browser.await().withMessage("the task is claimed")
          .until(ExpectedConditions.invisibilityOfElementLocated(claim));
    }
    browser.await().withMessage("the task shows an assignee").until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("[cam-tasklist-task-meta] [cam-widget-inline-field][value='assignee.id']")));
  }

  /**
   * Chooses an option of the acceptance decision by its label and completes the task. The form may
   * be rendered again after the claim, so the choice is made (again) until it sticks and Tasklist
   * enables Complete.
   */
  private void chooseAndComplete(String option) {
    By radio = By.xpath("//*[@cam-tasklist-task]//div[contains(@class,'fjs-form')]//label"
        + "[input[@type='radio' and contains(@id,'-" + DECISION_FIELD + "-')] and normalize-space()='" + option + "']"
        + "/input");
    By complete = By.cssSelector("[cam-tasklist-task] .form-actions button[ng-click='complete()']");
    browser.await().withMessage(option + " chosen and Complete enabled").until(d -> {
      WebElement input = d.findElement(radio);
      if (!input.isSelected()) {
        browser.click(input);
        return false;
      }
      return d.findElement(complete).isEnabled();
    });
    browser.step("05-accept-chosen");
    browser.click(browser.driver().findElement(complete));
    browser.await().withMessage("the task has left the view after Complete")
        .until(ExpectedConditions.invisibilityOfElementLocated(radio));
  }
}
