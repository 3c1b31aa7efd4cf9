package org.onewindow.support;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;

/**
 * One plain process engine (no Spring) for the model tests, on H2 or on PostgreSQL like the rest
 * of the suite. Beans named in the models are registered with {@code Mocks.register}. The job
 * executor is off: tests run jobs themselves, one step at a time.
 */
public final class ProcessTestEngine {
  private static ProcessEngine engine;

  private ProcessTestEngine() {}

  public static synchronized ProcessEngine get() {
    if (engine == null) {
      StandaloneInMemProcessEngineConfiguration config = new StandaloneInMemProcessEngineConfiguration();
      config.setProcessEngineName("onewindow-process-test");
      config.setJdbcUrl(TestDatabase.processTestUrl());
      if (TestDatabase.postgres()) {
        config.setJdbcDriver("org.postgresql.Driver");
        config.setJdbcUsername(System.getProperty("onewindow.test.process-db-user", "postgres"));
        config.setJdbcPassword("");
      } else {
        config.setJdbcDriver("org.h2.Driver");
        config.setJdbcUsername("sa");
        config.setJdbcPassword("");
      }
      config.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
      config.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
      config.setJobExecutorActivate(false);
      // As in production (application.yaml): every job has a due date, acquired in due order.
      config.setEnsureJobDueDateNotNull(true);
      config.setJobExecutorAcquireByDueDate(true);
      config.setExpressionManager(new MockExpressionManager());
      config.setEnforceHistoryTimeToLive(true);
      engine = config.buildProcessEngine();
    }
    return engine;
  }

  public static ProcessEngineExtension extension() {
    return ProcessEngineExtension.builder().useProcessEngine(get()).build();
  }

  /** Runs the instance's due jobs until none is left (async continuations, joins), at most 50. */
  public static void executeJobs(ProcessEngine engine, String processInstanceId) {
    for (int i = 0; i < 50; i++) {
      List<Job> jobs = engine.getManagementService().createJobQuery().processInstanceId(processInstanceId)
          .executable().list();
      if (jobs.isEmpty()) {
        return;
      }
      engine.getManagementService().executeJob(jobs.get(0).getId());
    }
    throw new AssertionError("Jobs still pending after 50 executions for " + processInstanceId);
  }
}
