package org.onewindow.support;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.onewindow.catalog.Catalog;
import org.onewindow.catalog.CatalogLoader;
import org.onewindow.catalog.ItemClassifier;
import org.onewindow.process.CaseVariables;
import org.onewindow.process.CommitmentItemProcess;
import org.onewindow.review.RouteCaseDelegate;
import org.onewindow.review.Routing;
import org.springframework.core.io.ClassPathResource;

/**
 * The beans the models name, for the plain-engine model tests: routing is the real code on the
 * shipped catalog; the case file and the department ports are recording fakes.
 */
public final class ProcessFakes {
  public static final Catalog CATALOG = new CatalogLoader(
      new ItemClassifier(new ClassPathResource("processes/item-classification.dmn")))
      .load(new ClassPathResource("catalog/catalog.yaml"));

  /** Status history per receipt number, as the case file would have recorded it. */
  public final Map<String, List<String>> statuses = new LinkedHashMap<>();
  /** Opinions recorded by the joint review's complete listener: "department=opinion". */
  public final List<String> opinions = new ArrayList<>();
  public final AtomicInteger certificates = new AtomicInteger();
  public final AtomicInteger notices = new AtomicInteger();
  /** Calls the model made to the case clock, e.g. "start", "pause:SUPPLEMENT", "resume", "stop". */
  public final List<String> clock = new ArrayList<>();

  public static ProcessFakes register() {
    ProcessFakes fakes = new ProcessFakes();
    Mocks.register("caseStatus", fakes.new CaseStatus());
    Mocks.register("windowIntakeListener", (ExecutionListener) execution -> { });
    Mocks.register("routeCaseDelegate", new RouteCaseDelegate(CATALOG));
    Mocks.register("routing", new Routing(CATALOG));
    Mocks.register("reviewOpinions", fakes.new ReviewOpinions());
    Mocks.register("issueCertificateDelegate", (JavaDelegate) execution -> {
      fakes.certificates.incrementAndGet();
      execution.setVariable(CaseVariables.CERTIFICATE_NUMBER, "ZS-" + execution.getProcessBusinessKey());
    });
    Mocks.register("pickupNoticeDelegate", (JavaDelegate) execution -> fakes.notices.incrementAndGet());
    Mocks.register("caseClock", fakes.new CaseClock());
    return fakes;
  }

  public String lastStatus(String receiptNumber) {
    List<String> history = statuses.getOrDefault(receiptNumber, List.of());
    return history.isEmpty() ? null : history.get(history.size() - 1);
  }

  public class CaseStatus {
    public void set(DelegateExecution execution, String status) {
      statuses.computeIfAbsent(execution.getProcessBusinessKey(), k -> new ArrayList<>()).add(status);
    }

    public void finish(DelegateExecution execution, String status) {
      set(execution, status);
    }

    public void decided(DelegateExecution execution) {
      set(execution, CaseVariables.DECISION_APPROVE.equals(execution.getVariable(CaseVariables.DECISION))
          ? "APPROVED" : "DENIED");
    }
  }

  /**
   * Records what the model asks of the clock; its timers wait a year, so they never fire in these
   * tests (the clock's own tests run the real one).
   */
  public class CaseClock {
    public void start(DelegateExecution execution) {
      clock.add("start");
    }

    public Date warningAt(DelegateExecution execution) {
      return new Date(ClockUtil.getCurrentTime().getTime() + 365L * 24 * 3600 * 1000);
    }

    public Date deadlineAt(DelegateExecution execution) {
      return warningAt(execution);
    }

    public void pause(DelegateExecution execution, String reasonType) {
      clock.add("pause:" + reasonType);
    }

    public void resume(DelegateExecution execution) {
      clock.add("resume");
    }

    public void stop(DelegateExecution execution) {
      clock.add("stop");
    }

    public void cancelIfRunning(DelegateExecution execution) {
      clock.add("cancelIfRunning");
    }

    public void recordWarning(DelegateExecution execution) {
      clock.add("warning");
    }

    public void recordOverdue(DelegateExecution execution) {
      clock.add("overdue");
    }

    public void orderIssued(DelegateTask task) {
      clock.add("orderIssued");
    }

    public void recordInstruction(DelegateExecution execution) {
      clock.add("instruction");
    }

    public void checkExtension(DelegateTask task) {
      task.setVariable(CaseVariables.EXTENSION_APPROVED,
          Boolean.valueOf(String.valueOf(task.getVariable(CaseVariables.EXTENSION_APPROVED))));
    }

    public void extend(DelegateExecution execution) {
      clock.add("extend:" + execution.getVariable(CaseVariables.EXTENSION_DAYS));
      execution.setVariableLocal(CaseVariables.CLOCK_REWARN, false);
    }
  }

  public class ReviewOpinions {
    public void record(DelegateTask task) {
      opinions.add(task.getVariable(CommitmentItemProcess.DEPARTMENT) + "="
          + task.getVariable(CommitmentItemProcess.REVIEW_OPINION));
    }

    public void summarize(DelegateTask task) {
      task.setVariable(CommitmentItemProcess.REVIEW_SUMMARY, String.join("\n", opinions));
    }
  }
}
