package org.onewindow.calendar.clock;

import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
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
 * while the clock runs or is paused. Tasks of cases without a clock (before acceptance, immediate
 * items) and after it stopped (pickup) get no due date from here. Process designers need to do
 * nothing; a due date set in a model is overridden, because deadlines come from the working-day
 * clock, never from plain calendar days.
 *
 * <p>The clock is looked up when a task is created, not when the engine is built: it needs the
 * engine's services.
 */
@Component
public class CaseClockPlugin extends AbstractProcessEnginePlugin {
  private final ObjectProvider<CaseClock> clock;

  public CaseClockPlugin(ObjectProvider<CaseClock> clock) {
    this.clock = clock;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    TaskListener dueDate = task -> clock.getObject().assignDueDate(task);
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
          behavior.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, dueDate);
        }
      }
    });
  }
}
