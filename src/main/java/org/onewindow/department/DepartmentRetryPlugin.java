package org.onewindow.department;

import java.util.ArrayList;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.DefaultFailedJobParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.ParseUtil;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gives every task that calls a department the retry cycle from configuration
 * ({@code onewindow.departments.retry-cycle}, or the department's own {@code retry-cycle}).
 * A task calls a department when it carries the extension property {@value #DEPARTMENT_PROPERTY}
 * (Modeler: Extensions → Properties) whose value is the department code ({@code tax}) or
 * {@code lead} for the item's lead department. A retry cycle written into the model itself wins.
 *
 * <p>When the cycle is spent the job's retries are 0 and Cockpit shows an incident with the
 * department's error; "retry" in Cockpit runs the job again and the case resumes.
 */
@Component
public class DepartmentRetryPlugin extends AbstractProcessEnginePlugin {
  public static final String DEPARTMENT_PROPERTY = "department";
  private static final Logger log = LoggerFactory.getLogger(DepartmentRetryPlugin.class);

  private final DepartmentProperties properties;

  public DepartmentRetryPlugin(DepartmentProperties properties) {
    this.properties = properties;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        apply(element, activity);
      }

      @Override
      public void parseSendTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        apply(element, activity);
      }
    });
  }

  void apply(Element element, ActivityImpl activity) {
    String department = departmentOf(element);
    if (department == null) {
      return;
    }
    if (!activity.isAsyncBefore()) {
      log.warn("Task {} calls department {} but is not asyncBefore: a failure rolls back the caller's transaction "
          + "instead of retrying", activity.getId(), department);
      return;
    }
    if (hasModelRetryCycle(element)) {
      return;
    }
    activity.getProperties().set(DefaultFailedJobParseListener.FAILED_JOB_CONFIGURATION,
        ParseUtil.parseRetryIntervals(properties.retryCycle(department)));
  }

  /** The value of {@code <camunda:property name="department" value="..."/>}, or null. */
  public static String departmentOf(Element element) {
    Element extensions = element.element("extensionElements");
    Element props = extensions == null ? null : extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "properties");
    if (props == null) {
      return null;
    }
    for (Element p : props.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "property")) {
      if (DEPARTMENT_PROPERTY.equals(p.attribute("name")) && p.attribute("value") != null
          && !p.attribute("value").isBlank()) {
        return p.attribute("value").strip();
      }
    }
    return null;
  }

  private static boolean hasModelRetryCycle(Element element) {
    Element extensions = element.element("extensionElements");
    Element cycle = extensions == null ? null
        : extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "failedJobRetryTimeCycle");
    return cycle != null && cycle.getText() != null && !cycle.getText().isBlank();
  }
}
