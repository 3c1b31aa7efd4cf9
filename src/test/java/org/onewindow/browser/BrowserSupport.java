package org.onewindow.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium for browser tests, as a JUnit 5 extension:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final BrowserSupport browser = new BrowserSupport();
 * </pre>
 *
 * <p>Registered on a static field it checks for the browser before the class's tests start, so a
 * machine without Chromium skips them without starting the application; on an instance field the
 * check happens before each test. Tests of one class must not run in parallel (one browser at a time).
 *
 * <p>Before each test it starts {@code /usr/bin/chromium} through {@code /usr/bin/chromedriver}
 * (both from the Debian packages {@code chromium} and {@code chromium-driver}); nothing is
 * downloaded and Selenium Manager is never asked. Where they are missing the test is skipped with
 * a message saying what to install, except when the environment variable {@code CI} is
 * {@code true}: CI installs the browser, so there a missing browser fails the test. Other paths
 * can be given with {@code -Donewindow.browser.chromium=...} and
 * {@code -Donewindow.browser.chromedriver=...}.
 *
 * <p>When a test fails it saves {@code target/screenshots/<Class>.<method>-failure.png} (with the
 * page's HTML and browser console next to it); {@link #screenshot(String)} saves key steps.
 */
public final class BrowserSupport
    implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
    TestExecutionExceptionHandler {
  public static final Path CHROMIUM = Path.of(System.getProperty("onewindow.browser.chromium", "/usr/bin/chromium"));
  public static final Path CHROMEDRIVER =
      Path.of(System.getProperty("onewindow.browser.chromedriver", "/usr/bin/chromedriver"));
  /** How long any single wait lasts: generous, a 2-core machine compiles forms and starts Angular slowly. */
  public static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** The browser's time zone, the county's. */
  public static final String TIME_ZONE = "Asia/Shanghai";
  public static final Path SCREENSHOTS = Path.of(System.getProperty("basedir", "."), "target", "screenshots");

  private WebDriver driver;
  private WebDriverWait wait;
  private Path profile;
  private String testName = "browser";

  // ---------------------------------------------------------------- lifecycle

  /** Skips (reports as skipped, with the reason) where there is no browser, unless CI=true. */
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return browserInstalled() || onCi()
        ? ConditionEvaluationResult.enabled("Chromium found, or CI=true (where a missing browser fails)")
        : ConditionEvaluationResult.disabled(missingMessage() + ". Skipped.");
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    requireBrowser();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    testName = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
    requireBrowser();
    // Selenium's DriverFinder does not run Selenium Manager when the driver path is given (below, and
    // here as the standard property). Should it ever run, SE_* properties become its environment:
    // offline, no statistics.
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    System.setProperty("SE_OFFLINE", "true");
    System.setProperty("SE_AVOID_STATS", "true");
    try {
      profile = Files.createTempDirectory("onewindow-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1400,1000", "--lang=zh-CN", "--user-data-dir=" + profile);
    // --lang sets the UI language only; the webapps choose their locale from navigator.languages,
    // which follows this preference: a Chinese clerk's browser.
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        // Clerks work in Asia/Shanghai; without this the webapps show dates in the machine's zone (UTC).
        .withEnvironment(Map.of("TZ", TIME_ZONE))
        .build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, TIMEOUT);
    // Angular re-renders freely: an element found a moment ago may be replaced; poll again.
    wait.ignoring(StaleElementReferenceException.class);
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    if (driver != null) {
      try {
        saveFailure(testName + "-failure");
      } catch (RuntimeException | Error e) {
        failure.addSuppressed(e);
      }
    }
    throw failure;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      if (driver != null) {
        driver.quit();
      }
    } finally {
      driver = null;
      deleteProfile();
    }
  }

  /**
   * Skips the test (or fails it on CI) when the Debian browser packages are not installed.
   * Public so a test can call it early, for instance before preparing data the browser would need.
   */
  public static void requireBrowser() {
    boolean present = browserInstalled();
    if (!present && onCi()) {
      Assertions.fail(missingMessage() + ". CI=true, and CI installs the browser, so this is a failure, not a skip.");
    }
    Assumptions.assumeTrue(present, missingMessage() + ". Skipped.");
  }

  public static boolean browserInstalled() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  private static boolean onCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  private static String missingMessage() {
    return "Browser tests need headless Chromium: " + CHROMIUM + " and " + CHROMEDRIVER
        + " (Debian: apt-get install -y chromium chromium-driver fonts-noto-cjk)";
  }

  // ---------------------------------------------------------------- using the browser

  public WebDriver driver() {
    if (driver == null) {
      throw new IllegalStateException("No browser: register BrowserSupport with @RegisterExtension");
    }
    return driver;
  }

  /** A wait of {@link #TIMEOUT}, polling; use it with {@link ExpectedConditions} or a lambda. */
  public WebDriverWait await() {
    driver();
    return wait;
  }

  /** The first visible element matching the CSS selector, waiting for it. */
  public WebElement visible(String css) {
    return await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  /** The first clickable element matching the CSS selector, waiting for it. */
  public WebElement clickable(String css) {
    return await().until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)));
  }

  /** Clicks an element, falling back to a script click when something (a notification, say) lies over it. */
  public void click(WebElement element) {
    ((JavascriptExecutor) driver()).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    try {
      element.click();
    } catch (ElementClickInterceptedException e) {
      ((JavascriptExecutor) driver()).executeScript("arguments[0].click();", element);
    }
  }

  /**
   * Logs in to a Camunda webapp ({@code tasklist}, {@code cockpit}, {@code admin}) and waits until
   * the app shows the logged-in user. The login form is found by its Angular model names, not by
   * its (translatable) texts.
   */
  public void login(String baseUrl, String app, String user, String password) {
    driver().get(baseUrl + "/camunda/app/" + app + "/");
    // The form is rendered again once the locale has loaded (the button gets its label then):
    // typing before that may land in the wrong field. Wait for the label, then type and check.
    await().withMessage(() -> "the login form of " + app + " with its translated labels")
        .until(d -> !d.findElements(By.cssSelector("form[name='signinForm'] button[type='submit']")).isEmpty()
            && !d.findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")).getText().isBlank());
    await().withMessage(() -> "the login form of " + app + " filled in").until(d -> {
      WebElement username = d.findElement(By.cssSelector("form[name='signinForm'] input[ng-model='username']"));
      username.clear();
      username.sendKeys(user);
      WebElement secret = d.findElement(By.cssSelector("form[name='signinForm'] input[ng-model='password']"));
      secret.clear();
      secret.sendKeys(password);
      return user.equals(username.getDomProperty("value")) && password.equals(secret.getDomProperty("value"));
    });
    click(clickable("form[name='signinForm'] button[type='submit']"));
    try {
      await().withMessage(() -> "logged in to " + app + " as " + user)
          .until(ExpectedConditions.and(
              ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("form[name='signinForm']")),
              ExpectedConditions.presenceOfElementLocated(By.cssSelector("[cam-widget-header] .account"))));
    } catch (RuntimeException e) {
      saveFailure(testName + "-login");
      throw e;
    }
  }

  // ---------------------------------------------------------------- evidence

  /** Saves {@code target/screenshots/NAME.png} and returns its path. */
  public Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(safe(name) + ".png");
      Files.write(file, ((TakesScreenshot) driver()).getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A screenshot plus the page's HTML and the browser console, for working out what went wrong. */
  public void saveFailure(String name) {
    screenshot(name);
    StringBuilder console = new StringBuilder("URL: ").append(driver.getCurrentUrl()).append('\n');
    try {
      for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
        console.append(entry).append('\n');
      }
    } catch (RuntimeException e) {
      console.append("(no browser log: ").append(e.getMessage()).append(")\n");
    }
    try {
      Files.writeString(SCREENSHOTS.resolve(safe(name) + ".html"),
          Optional.ofNullable(driver.getPageSource()).orElse(""), StandardCharsets.UTF_8);
      Files.writeString(SCREENSHOTS.resolve(safe(name) + ".console.txt"), console, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Prefixes step screenshots with the test's name so tests do not overwrite each other's. */
  public Path step(String step) {
    return screenshot(testName + "-" + step);
  }

  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private void deleteProfile() {
    if (profile == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temp directory left behind is not worth failing a test for.
    } finally {
      profile = null;
    }
  }
}
