package org.onewindow.calendar.clock;

import java.util.ArrayList;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Plugs the case clock into the engine: every user task of every process gets a built-in {@code
 * create} listener that makes the task due at its case's deadline ({@code ow_case_clock.deadline_at})
 * while the clock runs or is paused. Tasks of cases without a clock (immediate items) and after it
 * stopped (pickup) get no due date from here. Process designers need to do
 * nothing; a due date set in a model is overridden, because deadlines come from the working-day
 * clock, never from plain calendar days.
 *
 * <p>A task that comes before the clock can carry its own limit in working days, as the extension
 * property {@value #DUE_IN_WORKING_DAYS} (Camunda Modeler: Extensions, Properties): the acceptance
 * review is due 5 working days after it was created (Art. 32: the applicant is told within 5 days
 * what to supplement, or the application counts as accepted). Such a task never looks up the
 * clock: its limit is the model's, and the clock starts only when it is done.
 *
 * <p>The clock is looked up when a task is created, not when the engine is built: it needs the
 * engine's services.
 */
@Component
public class CaseClockPlugin extends AbstractProcessEnginePlugin {
  /** Extension property of a user task: due this many working days after the task is created. */
  public static final String DUE_IN_WORKING_DAYS = "dueInWorkingDays";

  private final ObjectProvider<CaseClock> clock;

  public CaseClockPlugin(ObjectProvider<CaseClock> clock) {
    this.clock = clock;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    TaskListener clockDueDate = task -> clock.getObject().assignDueDate(task);
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
          Integer days = dueInWorkingDays(activity, userTaskElement);
          behavior.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, days == null
              ? clockDueDate : task -> clock.getObject().assignDueDate(task, days));
        }
      }
    });
  }

  /** The task's own limit from its extension properties, or null; a bad value fails the deployment. */
  static Integer dueInWorkingDays(ActivityImpl activity, Element element) {
    // Read from the XML: the engine fills the activity's extension properties only after the
    // parse listeners have run.
    String value = null;
    Element extensions = element.element("extensionElements");
    Element properties = extensions == null ? null : extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "properties");
    if (properties != null) {
      for (Element property : properties.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "property")) {
        if (DUE_IN_WORKING_DAYS.equals(property.attribute("name"))) {
          value = property.attribute("value", "");
        }
      }
    }
    if (value == null) {
      return null;
    }
    try {
      int days = Integer.parseInt(value.strip());
      if (days >= 0 && days <= 365) {
        return days;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BpmnParseException("用户任务“" + activity.getId() + "”的扩展属性 " + DUE_IN_WORKING_DAYS
        + " 应为 0 到 365 之间的工作日数，实际为“" + value + "”", element);
  }
}
