package org.onewindow.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CorrelateAllMessageCmd;
import org.camunda.bpm.engine.impl.cmd.CorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, lets the commands that move cases (start, complete a task, run a job, correlate
 * a message) reuse the plans of the engine's prepared statements instead of planning each call.
 *
 * <p>PostgreSQL plans a prepared statement for its parameters ("custom plan") until it judges
 * one generic plan good enough. For the engine's lookups by id (an execution's variables, the
 * executions of a case, the jobs of an execution, a job's or a grant's delete) it kept choosing
 * custom plans on small, quickly changing tables: 34-37 plans a case in the load benchmark, and
 * PostgreSQL's CPU 11-14 % higher for the same engine work (README "Performance"). These commands
 * only look rows up by id or foreign key, where one plan fits every value, so their transaction
 * runs with {@code SET LOCAL plan_cache_mode = force_generic_plan}. Everything else keeps
 * PostgreSQL's choice: queues, searches, Cockpit's and the supervision board's queries, job
 * acquisition, whose best plan depends on the values (a page size, a group with 30,000 tasks or
 * 30). {@code SET LOCAL} ends with the transaction, so a pooled connection goes back unchanged.
 * {@code onewindow.engine.generic-plans: false} switches it off.
 */
@Component
@ConditionalOnProperty(name = "onewindow.engine.generic-plans", havingValue = "true", matchIfMissing = true)
public class GenericPlansPlugin extends AbstractProcessEnginePlugin {
  /** The commands that move cases; their SQL finds rows by id or by the id of a parent row. */
  static final Set<Class<?>> MOVES_CASES = Set.of(StartProcessInstanceCmd.class, SubmitStartFormCmd.class,
      CompleteTaskCmd.class, SubmitTaskFormCmd.class, ExecuteJobsCmd.class, CorrelateMessageCmd.class,
      CorrelateAllMessageCmd.class, MessageEventReceivedCmd.class, SignalEventReceivedCmd.class);

  static final String SET_GENERIC = "SET LOCAL plan_cache_mode = force_generic_plan";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = configuration.getCustomPostCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostCommandInterceptorsTxRequired());
    interceptors.add(new GenericPlans());
    configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);
  }

  /** Runs inside the command's transaction, after the engine has opened its command context. */
  static class GenericPlans extends CommandInterceptor {
    /** Commands of the same transaction nest; only the outermost one sets the mode. */
    private static final ThreadLocal<Boolean> SET = ThreadLocal.withInitial(() -> false);
    private volatile Boolean supported;

    @Override
    public <T> T execute(Command<T> command) {
      if (SET.get() || !MOVES_CASES.contains(command.getClass()) || !onPostgres()) {
        return next.execute(command);
      }
      Connection connection = Context.getCommandContext().getDbSqlSession().getSqlSession().getConnection();
      if (!supportsPlanCacheMode(connection)) {
        return next.execute(command);
      }
      useGenericPlans(connection);
      SET.set(true);
      try {
        return next.execute(command);
      } finally {
        SET.set(false);
      }
    }

    private static boolean onPostgres() {
      ProcessEngineConfigurationImpl configuration = Context.getProcessEngineConfiguration();
      return configuration != null && "postgres".equals(configuration.getDatabaseType());
    }

    /** plan_cache_mode came with PostgreSQL 12; older servers keep planning as before. */
    private boolean supportsPlanCacheMode(Connection connection) {
      if (supported == null) {
        try {
          supported = connection.getMetaData().getDatabaseMajorVersion() >= 12;
        } catch (SQLException e) {
          throw new ProcessEngineException("Could not read the database's version", e);
        }
      }
      return supported;
    }

    private static void useGenericPlans(Connection connection) {
      try (Statement statement = connection.createStatement()) {
        statement.execute(SET_GENERIC);
      } catch (SQLException e) {
        throw new ProcessEngineException("Could not set the plan cache mode of the command's transaction", e);
      }
    }
  }
}
