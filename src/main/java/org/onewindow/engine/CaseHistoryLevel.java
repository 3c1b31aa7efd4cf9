package org.onewindow.engine;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.springframework.stereotype.Component;

/**
 * OneWindow's history level ({@code camunda.bpm.history-level: full-without-details}): everything
 * the engine's {@code full} level keeps (process, activity, task, variable, incident, job,
 * identity-link and decision history, and the user operation log that records who did what)
 * except ACT_HI_DETAIL's copy of every intermediate variable value. Nothing in OneWindow reads
 * those rows; the case file, the clock's ledger and the operation log keep the audit trail, and
 * ACT_HI_VARINST keeps each variable's final value. It saves about a sixth of the rows a case
 * writes (README "Performance").
 */
@Component
public class CaseHistoryLevel extends AbstractProcessEnginePlugin implements HistoryLevel {
  public static final String NAME = "full-without-details";
  /** Stored in ACT_GE_PROPERTY 'historyLevel'; the engine's own levels are 0 to 3. */
  public static final int ID = 31;

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
    return eventType != HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryLevel> levels = configuration.getCustomHistoryLevels() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryLevels());
    levels.add(this);
    configuration.setCustomHistoryLevels(levels);
  }
}
