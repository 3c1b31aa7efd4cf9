package org.onewindow.engine;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.spring.ProcessEngineFactoryBean;
import org.springframework.boot.autoconfigure.AbstractDependsOnBeanFactoryPostProcessor;
import org.springframework.stereotype.Component;

/** The engine starts only after Flyway has created or upgraded its schema and the project's tables. */
@Component
public class EngineAfterFlyway extends AbstractDependsOnBeanFactoryPostProcessor {
  public EngineAfterFlyway() {
    super(ProcessEngine.class, ProcessEngineFactoryBean.class, "flywayInitializer");
  }
}
