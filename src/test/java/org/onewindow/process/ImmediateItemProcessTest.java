package org.onewindow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.onewindow.support.ProcessFakes;
import org.onewindow.support.ProcessTestEngine;

/** Both paths of processes/immediate-item.bpmn (即办件): decided at the window, on the spot. */
@Deployment(resources = "processes/immediate-item.bpmn")
class ImmediateItemProcessTest {
  @RegisterExtension
  static ProcessEngineExtension extension = ProcessTestEngine.extension();

  private ProcessEngine engine;
  private ProcessFakes fakes;

  @BeforeEach
  void setUp() {
    engine = extension.getProcessEngine();
    BpmnAwareTests.init(engine);
    fakes = ProcessFakes.register();
  }

  @AfterEach
  void tearDown() {
    Mocks.reset();
  }

  private ProcessInstance receive() {
    ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByKey(ImmediateItemProcess.KEY,
        "OWTEST" + System.nanoTime(), Map.of(CaseVariables.ITEM_CODE, "GT-DJ"));
    assertThat(pi).isWaitingAt(ImmediateItemProcess.WINDOW_HANDLING);
    assertThat(task()).hasCandidateGroup("window");
    return pi;
  }

  @Test
  void windowApprovesAndTheCaseEndsOnTheSpot() {
    ProcessInstance pi = receive();
    complete(task(), withVariables(CaseVariables.DECISION, CaseVariables.DECISION_APPROVE));

    assertThat(pi).isEnded().hasPassed(ImmediateItemProcess.END_APPROVED);
    assertThat(fakes.statuses.get(pi.getBusinessKey())).containsExactly("APPROVED", "APPROVED");
  }

  @Test
  void windowDeniesWithAReasonAndTheCaseEnds() {
    ProcessInstance pi = receive();
    complete(task(), withVariables(CaseVariables.DECISION, CaseVariables.DECISION_DENY,
        CaseVariables.DECISION_REASON, "经营范围属于许可经营项目"));

    assertThat(pi).isEnded().hasPassed(ImmediateItemProcess.END_DENIED).hasNotPassed(ImmediateItemProcess.END_APPROVED);
    assertThat(fakes.lastStatus(pi.getBusinessKey())).isEqualTo("DENIED");
  }
}
