package org.onewindow.identity;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.onewindow.process.CaseVariables;
import org.springframework.stereotype.Component;

/**
 * The Tasklist filters show the receipt number, item and applicant of each task. Those are process
 * variables, which the engine lets only readers of the process instance see; a department
 * reviewer may read their task but not the whole case. Every user task therefore gets a copy of
 * the three as task-local variables when it is created, readable with the task itself.
 */
@Component
public class TaskListColumns extends AbstractProcessEnginePlugin {
  public static final List<String> COLUMNS =
      List.of(CaseVariables.RECEIPT_NUMBER, CaseVariables.ITEM_NAME, CaseVariables.APPLICANT_NAME);

  static final TaskListener COPY_COLUMNS = TaskListColumns::copy;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
          behavior.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_CREATE, COPY_COLUMNS);
        }
      }
    });
  }

  static void copy(DelegateTask task) {
    for (String name : COLUMNS) {
      Object value = task.getVariable(name);
      if (value != null) {
        task.setVariableLocal(name, value);
      }
    }
  }
}
