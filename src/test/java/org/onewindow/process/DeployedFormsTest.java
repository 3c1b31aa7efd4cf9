package org.onewindow.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;
import org.onewindow.support.OneWindowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** Every formRef of every deployed model resolves to a form the engine deployed with it. */
@OneWindowIntegrationTest
class DeployedFormsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired
  RepositoryService repository;

  @Autowired
  FormService forms;

  @Test
  void everyFormRefResolvesToADeployedForm() throws IOException {
    Set<String> deployedFormIds = new HashSet<>();
    for (Deployment deployment : repository.createDeploymentQuery().list()) {
      for (String resource : repository.getDeploymentResourceNames(deployment.getId())) {
        if (resource.endsWith(".form")) {
          try (InputStream in = repository.getResourceAsStream(deployment.getId(), resource)) {
            deployedFormIds.add(JSON.readTree(in).get("id").asText());
          }
        }
      }
    }
    Set<String> referenced = new HashSet<>();
    for (ProcessDefinition definition : repository.createProcessDefinitionQuery().latestVersion().list()) {
      BpmnModelInstance model = repository.getBpmnModelInstance(definition.getId());
      model.getModelElementsByType(UserTask.class).stream().map(UserTask::getCamundaFormRef)
          .filter(ref -> ref != null).forEach(referenced::add);
      model.getModelElementsByType(StartEvent.class).stream().map(StartEvent::getCamundaFormRef)
          .filter(ref -> ref != null).forEach(referenced::add);
    }
    assertThat(referenced).contains("window-intake", "acceptance", "joint-review", "decision", "pickup");
    assertThat(deployedFormIds).containsAll(referenced);
  }

  @Test
  void theWindowStartFormIsServedForBothCaseProcesses() throws IOException {
    for (String key : new String[] {CommitmentItemProcess.KEY, ImmediateItemProcess.KEY}) {
      ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(key)
          .latestVersion().singleResult();
      try (InputStream in = forms.getDeployedStartForm(definition.getId())) {
        assertThat(JSON.readTree(in).get("id").asText()).as(key).isEqualTo("window-intake");
      }
    }
  }
}
