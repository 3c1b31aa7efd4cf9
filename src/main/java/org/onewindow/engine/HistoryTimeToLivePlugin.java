package org.onewindow.engine;

import java.util.ArrayList;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Component;

/**
 * Takes every process's history time to live from configuration: new deployments get it when
 * parsed, and at start-up the deployed definitions are brought in line through the public API,
 * so a changed setting applies without redeploying the models.
 */
@Component
public class HistoryTimeToLivePlugin extends AbstractProcessEnginePlugin {
  private final HistoryProperties properties;

  public HistoryTimeToLivePlugin(HistoryProperties properties) {
    this.properties = properties;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setHistoryTimeToLive("P" + properties.defaultTimeToLive() + "D");
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseProcess(Element processElement, ProcessDefinitionEntity definition) {
        definition.setHistoryTimeToLive(properties.daysFor(definition.getKey()));
      }
    });
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    for (ProcessDefinition definition : engine.getRepositoryService().createProcessDefinitionQuery().list()) {
      int days = properties.daysFor(definition.getKey());
      if (definition.getHistoryTimeToLive() == null || definition.getHistoryTimeToLive() != days) {
        engine.getRepositoryService().updateProcessDefinitionHistoryTimeToLive(definition.getId(), days);
      }
    }
  }
}
