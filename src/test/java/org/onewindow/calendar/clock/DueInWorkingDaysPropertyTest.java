package org.onewindow.calendar.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.onewindow.support.OneWindowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** A process designer's mistake in a task's own limit is refused at deployment, with the task named. */
@OneWindowIntegrationTest
class DueInWorkingDaysPropertyTest {
  @Autowired RepositoryService repository;

  @Test
  void aLimitThatIsNotANumberOfWorkingDaysFailsTheDeployment() {
    for (String value : new String[] {"五", "-1", "366", ""}) {
      assertThatThrownBy(() -> repository.createDeployment().name("bad limit")
          .addString("bad-limit.bpmn", model(value)).deploy())
          .as("dueInWorkingDays=\"%s\"", value)
          .isInstanceOf(ParseException.class)
          .hasMessageContaining("checkMaterials").hasMessageContaining("dueInWorkingDays");
    }
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("bad-limit").count()).isZero();
  }

  private static String model(String value) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            targetNamespace="http://onewindow.test">
          <process id="bad-limit" isExecutable="true" camunda:historyTimeToLive="1">
            <startEvent id="start"/>
            <sequenceFlow id="f1" sourceRef="start" targetRef="checkMaterials"/>
            <userTask id="checkMaterials" name="材料审查" camunda:candidateGroups="window">
              <extensionElements>
                <camunda:properties><camunda:property name="dueInWorkingDays" value="%s"/></camunda:properties>
              </extensionElements>
            </userTask>
            <sequenceFlow id="f2" sourceRef="checkMaterials" targetRef="end"/>
            <endEvent id="end"/>
          </process>
        </definitions>
        """.formatted(value);
  }
}
