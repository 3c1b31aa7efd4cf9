package org.onewindow.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.onewindow.process.CaseVariables;
import org.onewindow.process.RatingFollowUpProcess;
import org.onewindow.support.ProcessTestEngine;

/** processes/rating-follow-up.bpmn (差评整改回访) on a plain engine. */
@Deployment(resources = "processes/rating-follow-up.bpmn")
class RatingFollowUpProcessTest {
  @RegisterExtension
  static ProcessEngineExtension extension = ProcessTestEngine.extension();

  private ProcessEngine engine;
  private final List<String> recorded = new ArrayList<>();

  @BeforeEach
  void setUp() {
    engine = extension.getProcessEngine();
    BpmnAwareTests.init(engine);
    Mocks.register("ratingFollowUps", (ExecutionListener) execution -> recorded.add(execution.getProcessBusinessKey()
        + "=" + execution.getVariable(RatingFollowUpProcess.FOLLOW_UP_OUTCOME)));
  }

  @AfterEach
  void tearDown() {
    Mocks.reset();
  }

  @Test
  void aBadRatingWaitsInTheSupervisorsQueueUntilItsDueDateAndIsRecordedWhenDone() {
    Date due = new Date(System.currentTimeMillis() + 21L * 24 * 3600 * 1000);
    ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByKey(RatingFollowUpProcess.KEY,
        "OWTEST-RATING-" + System.nanoTime(), Map.of(
            CaseVariables.RECEIPT_NUMBER, "OW20260302000001",
            RatingFollowUpProcess.RATING, "DISSATISFIED",
            RatingFollowUpProcess.RATING_LABEL, "不满意",
            RatingFollowUpProcess.FOLLOW_UP_DUE, due));
    assertThat(pi).isWaitingAt(RatingFollowUpProcess.FOLLOW_UP);
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId())
        .taskCandidateGroup("supervisors").singleResult();
    assertThat(task).isNotNull();
    assertThat(task.getDueDate()).isEqualTo(due);
    assertThat(task.getName()).isEqualTo("整改回访");

    complete(task, withVariables(RatingFollowUpProcess.FOLLOW_UP_OUTCOME, "已回访", RatingFollowUpProcess.RESOLVED, "true"));
    assertThat(pi).isEnded().hasPassed(RatingFollowUpProcess.END);
    assertThat(recorded).containsExactly(pi.getBusinessKey() + "=已回访");
  }
}
