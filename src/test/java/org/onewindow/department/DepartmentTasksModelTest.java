package org.onewindow.department;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.Test;
import org.onewindow.process.CommitmentItemProcess;
import org.onewindow.process.EnterpriseEstablishmentProcess;

/**
 * Every service task that calls a department is marked with the extension property
 * {@value DepartmentRetryPlugin#DEPARTMENT_PROPERTY} (so it gets the configured retry cycle), and
 * is asynchronous before and exclusive (so a failure is a retried job, never a caller's error).
 */
class DepartmentTasksModelTest {

  /** "process.bpmn#taskId" → department, for every marked service task in processes/. */
  private static Map<String, String> departmentTasks() throws IOException {
    Map<String, String> tasks = new TreeMap<>();
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
          String department = task.getExtensionElements() == null ? null
              : task.getExtensionElements().getElementsQuery().filterByType(
                      org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).list().stream()
                  .flatMap(p -> p.getCamundaProperties().stream())
                  .filter(p -> DepartmentRetryPlugin.DEPARTMENT_PROPERTY.equals(p.getCamundaName()))
                  .map(CamundaProperty::getCamundaValue).findFirst().orElse(null);
          if (department != null) {
            assertThat(task.isCamundaAsyncBefore()).as("%s#%s is asyncBefore", file.getFileName(), task.getId()).isTrue();
            assertThat(task.isCamundaExclusive()).as("%s#%s is exclusive", file.getFileName(), task.getId()).isTrue();
            tasks.put(file.getFileName() + "#" + task.getId(), department);
          }
        }
      }
    }
    return tasks;
  }

  @Test
  void everyDepartmentCallIsMarkedAsynchronousAndExclusive() throws IOException {
    Map<String, String> tasks = departmentTasks();

    List<String> expected = new ArrayList<>();
    for (String step : EnterpriseEstablishmentProcess.DEPARTMENT_STEPS) {
      expected.add("enterprise-establishment.bpmn#" + step);
    }
    expected.add("commitment-item.bpmn#" + CommitmentItemProcess.ISSUE_CERTIFICATE);
    assertThat(tasks).containsKeys(expected.toArray(String[]::new));
    assertThat(tasks).containsEntry("enterprise-establishment.bpmn#registerBusiness", "market")
        .containsEntry("enterprise-establishment.bpmn#engraveSeal", "police")
        .containsEntry("enterprise-establishment.bpmn#registerTax", "tax")
        .containsEntry("enterprise-establishment.bpmn#registerSocialInsurance", "social")
        .containsEntry("enterprise-establishment.bpmn#notifyBankAccount", "bank")
        .containsEntry("commitment-item.bpmn#issueCertificate", "lead");
  }
}
