package org.onewindow.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimeDate;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnDiagram;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Bare Camunda models of exactly OneWindow's shape: OneWindow's own BPMN files with everything
 * that runs OneWindow code taken out. Same user tasks, gateways, sub-processes, multi-instance,
 * asynchronous continuations, timer and message event sub-processes; every service task is an
 * empty delegate, every execution and task listener is gone, the timers wait for a fixed date,
 * the review departments are a plain list variable, and the local variables OneWindow declares
 * (input/output mappings) are gone; the task listener OneWindow's engine plugin gives every user
 * task it parses is taken off the deployed bare definitions by the benchmark. What remains is the
 * engine's own cost of the shape.
 */
final class BareModels {
  static final String COMMITMENT = "bare-commitment";
  static final String IMMEDIATE = "bare-immediate";
  static final String ENTERPRISE = "bare-enterprise";

  private BareModels() {}

  static BpmnModelInstance commitment() {
    return bare("commitment-item.bpmn", COMMITMENT);
  }

  static BpmnModelInstance immediate() {
    return bare("immediate-item.bpmn", IMMEDIATE);
  }

  static BpmnModelInstance enterprise() {
    return bare("enterprise-establishment.bpmn", ENTERPRISE);
  }

  private static BpmnModelInstance bare(String file, String key) {
    BpmnModelInstance model;
    try (InputStream in = BareModels.class.getResourceAsStream("/processes/" + file)) {
      if (in == null) {
        throw new IllegalStateException("No process model " + file + " on the class path");
      }
      model = Bpmn.readModelFromStream(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    removeAll(model, BpmnDiagram.class);
    removeAll(model, CamundaExecutionListener.class);
    removeAll(model, CamundaTaskListener.class);
    removeAll(model, CamundaInputOutput.class);
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      task.removeAttributeNs(BpmnModelConstants.CAMUNDA_NS, "delegateExpression");
      task.removeAttributeNs(BpmnModelConstants.CAMUNDA_NS, "expression");
      task.setCamundaClass(NoOpDelegate.class.getName());
    }
    for (TimeDate date : model.getModelElementsByType(TimeDate.class)) {
      date.setTextContent("2099-12-31T18:00:00");
    }
    for (MultiInstanceLoopCharacteristics mi : model.getModelElementsByType(MultiInstanceLoopCharacteristics.class)) {
      mi.setCamundaCollection("${departments}");
    }
    Process process = model.getModelElementsByType(Process.class).iterator().next();
    process.setId(key);
    process.setName(key);
    Bpmn.validateModel(model);
    return model;
  }

  private static void removeAll(BpmnModelInstance model, Class<? extends ModelElementInstance> type) {
    List<ModelElementInstance> found = new ArrayList<>(model.getModelElementsByType(type));
    for (ModelElementInstance element : found) {
      element.getParentElement().removeChildElement(element);
    }
  }
}
