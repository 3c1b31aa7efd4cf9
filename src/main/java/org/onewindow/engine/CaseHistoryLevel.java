package org.onewindow.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.onewindow.process.CaseVariables;
import org.onewindow.process.CommitmentItemProcess;
import org.springframework.stereotype.Component;

/**
 * OneWindow's history level ({@code camunda.bpm.history-level: full-without-details}): everything
 * the engine's {@code full} level keeps (process, activity, task, incident, job, identity-link and
 * decision history, the user operation log that records who did what, and ACT_HI_VARINST's final
 * value of every variable) except three kinds of copies:
 * <ul>
 *   <li>ACT_HI_DETAIL's copy of every intermediate variable value;</li>
 *   <li>the history of variables whose values OneWindow's own tables already keep
 *       ({@link #KEPT_IN_CASE_FILE}: the case file ow_case, the clock ow_case_clock, the review
 *       opinions ow_review_opinion);</li>
 *   <li>a row for a variable that is only declared, with no value (the review's local
 *       variables): if it is given a value later, the engine writes its history row then.</li>
 * </ul>
 * Each of these costs rows on every case and nothing reads them (README "Performance").
 */
@Component
public class CaseHistoryLevel extends AbstractProcessEnginePlugin implements HistoryLevel {
  public static final String NAME = "full-without-details";
  /** Stored in ACT_GE_PROPERTY 'historyLevel'; the engine's own levels are 0 to 3. */
  public static final int ID = 31;

  /** Variables that mirror a column of a OneWindow table, for Tasklist, forms and gateways. */
  static final Set<String> KEPT_IN_CASE_FILE = Set.of(
      CaseVariables.RECEIPT_NUMBER, CaseVariables.ITEM_CODE, CaseVariables.ITEM_NAME,
      CaseVariables.APPLICANT_NAME, CaseVariables.APPLICANT_ID, CaseVariables.MATERIALS,
      CaseVariables.CLOCK_PHASE, CaseVariables.PROMISED_DATE,
      CommitmentItemProcess.REVIEW_OPINION, CommitmentItemProcess.REVIEW_COMMENT);

  @Override
  public int getId() {
    return ID;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
    if (eventType == HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL) {
      return false;
    }
    if (entity instanceof VariableInstanceEntity variable && isVariableEvent(eventType)) {
      if (KEPT_IN_CASE_FILE.contains(variable.getName())) {
        return false;
      }
      // A declaration without a value; a later value arrives as an update, and the engine
      // inserts the history row it does not find.
      return eventType != HistoryEventTypes.VARIABLE_INSTANCE_CREATE
          || !ValueType.NULL.getName().equals(variable.getSerializerName());
    }
    return true;
  }

  private static boolean isVariableEvent(HistoryEventType eventType) {
    return eventType == HistoryEventTypes.VARIABLE_INSTANCE_CREATE
        || eventType == HistoryEventTypes.VARIABLE_INSTANCE_UPDATE
        || eventType == HistoryEventTypes.VARIABLE_INSTANCE_MIGRATE
        || eventType == HistoryEventTypes.VARIABLE_INSTANCE_DELETE;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryLevel> levels = configuration.getCustomHistoryLevels() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryLevels());
    levels.add(this);
    configuration.setCustomHistoryLevels(levels);
  }
}
