package org.onewindow.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.ibatis.cursor.Cursor;
import org.apache.ibatis.executor.parameter.ParameterHandler;
import org.apache.ibatis.executor.statement.StatementHandler;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.reflection.DefaultReflectorFactory;
import org.apache.ibatis.reflection.MetaObject;
import org.apache.ibatis.reflection.ReflectorFactory;
import org.apache.ibatis.reflection.SystemMetaObject;
import org.apache.ibatis.session.ResultHandler;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes the clerks' queues (Camunda 7's task query with authorization on) scale on PostgreSQL.
 *
 * <p>The engine checks a task query against the authorizations with a join: {@code LEFT JOIN
 * (the user's and groups' grants) AUTH ON AUTH.RESOURCE_ID_ IN (task id, definition key, '*')}.
 * The OR in that condition leaves PostgreSQL no choice but to compare every queued task with
 * every grant of the group, and each candidate group holds a grant per queued task: with 100,000
 * open cases the window's queue count compared 33,000 tasks with 33,000 grants (56 seconds), and
 * the first page took 140 ms. Operaton and CIB seven rewrote this query upstream; Camunda 7.24
 * has no switch for it.
 *
 * <p>This plugin rewrites exactly that join, and nothing else, into a lateral join that asks the
 * same question per task with at most three index lookups: a grant on '*' (evaluated once per
 * query), on the task id, on the definition key. Measured at 100,000 open cases (README
 * "Performance"): the window's queue count went from 56 s to 0.46 s. The grants consulted, the permissions and the users and
 * groups are the engine's own, in the engine's own SQL text; only the way the rows are matched
 * changes, so a task is visible exactly when it was before. A statement that does not contain
 * the expected text is left as it is. The department queue tests run on PostgreSQL in CI.
 *
 * <p>The same interceptor then lets a queue page stop early ({@link CandidateQueueRewrite}).
 */
@Component
public class TaskQueryAuthorizationPlugin extends AbstractProcessEnginePlugin {
  private static final Logger log = LoggerFactory.getLogger(TaskQueryAuthorizationPlugin.class);

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (DbSqlSessionFactory.POSTGRES.equals(configuration.getDatabaseType())) {
      configuration.getSqlSessionFactory().getConfiguration().addInterceptor(new Rewrite());
      log.info("Task queries check authorizations per task (lateral join) on PostgreSQL");
    }
  }

  /** The MyBatis interceptor: rewrites the task list and count statements before they are prepared. */
  static class Rewrite implements Interceptor {
    /** One cache of class metadata (SystemMetaObject.forObject would build it anew for every call). */
    private static final ReflectorFactory REFLECTORS = new DefaultReflectorFactory();
    /** Statements rewritten since start-up (tests read it). */
    static final AtomicLong REWRITTEN = new AtomicLong();
    /** Queue statements given the candidate condition as EXISTS ({@link CandidateQueueRewrite}). */
    static final AtomicLong QUEUES_REWRITTEN = new AtomicLong();
    private static volatile boolean warned;
    /**
     * The engine's join (Authorization.xml, authCheckJoinWithoutOnClause with Task.xml's ON
     * clause): group 1 is the grants' WHERE condition, which selects the user's and groups'
     * grants with the permissions asked for.
     */
    static final Pattern JOIN = Pattern.compile(
        "left\\s+join\\s*\\(\\s*SELECT\\s+A\\.\\*\\s+FROM\\s+ACT_RU_AUTHORIZATION\\s+A\\s+WHERE\\s+"
            + "(A\\.TYPE_\\s*<\\s*2\\s.*?)\\)\\s*AUTH\\s+ON\\s*\\(\\s*AUTH\\.RESOURCE_ID_\\s+IN\\s*\\(\\s*RES\\.ID_\\s*,"
            + "\\s*D\\.KEY_\\s*,\\s*'\\*'\\s*\\)\\s*\\)",
        Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** Not called: {@link #plugin} wraps the statement handler itself (no {@code Plugin.wrap} proxy). */
    @Override
    public Object intercept(Invocation invocation) throws Throwable {
      beforePrepare((StatementHandler) invocation.getTarget());
      return invocation.proceed();
    }

    /** Every statement passes here: the test is a plain string search, no reflection. */
    static void beforePrepare(StatementHandler handler) {
      BoundSql bound = handler.getBoundSql();
      String sql = bound.getSql();
      MetaObject meta = null;
      if (sql.contains("ACT_RU_AUTHORIZATION") && sql.contains("D.KEY_")) {
        meta = meta(bound);
        if (rewrite(bound, meta)) {
          REWRITTEN.incrementAndGet();
        } else if (sql.contains("ACT_RU_TASK RES") && !warned) {
          warned = true; // an engine upgrade changed the statement: queues work, only slower
          log.warn("Task query authorization join not recognised; the engine's own SQL runs unchanged");
        }
      }
      if (sql.contains("ACT_RU_IDENTITYLINK I ")) {
        String queue = CandidateQueueRewrite.rewrite(bound.getSql());
        if (queue != null) {
          (meta == null ? meta(bound) : meta).setValue("sql", queue);
          QUEUES_REWRITTEN.incrementAndGet();
        }
      }
    }

    /** Rewrites the SQL and repeats the join's parameters for each of its three lookups. */
    static boolean rewrite(BoundSql bound, MetaObject meta) {
      String sql = bound.getSql();
      Matcher m = JOIN.matcher(sql);
      if (!m.find()) {
        return false;
      }
      String grants = m.group(1);
      int before = count(sql.substring(0, m.start()));
      int inJoin = count(grants);
      if (count(sql.substring(m.start(), m.end())) != inJoin) {
        return false;
      }
      // Scalar sub-queries with LIMIT 1, so PostgreSQL probes the index per task instead of
      // hashing all of the group's grants; the one on '*' does not depend on the task and runs once.
      String lookup = "(SELECT A.RESOURCE_ID_ FROM ACT_RU_AUTHORIZATION A WHERE " + grants + " AND A.RESOURCE_ID_ = ";
      String replacement = "LEFT JOIN LATERAL (SELECT COALESCE(" + lookup + "'*' LIMIT 1), "
          + lookup + "RES.ID_ LIMIT 1), " + lookup + "D.KEY_ LIMIT 1)) AS RESOURCE_ID_) AUTH ON TRUE";
      List<ParameterMapping> mappings = new ArrayList<>(bound.getParameterMappings());
      List<ParameterMapping> joinMappings = new ArrayList<>(mappings.subList(before, before + inJoin));
      mappings.addAll(before + inJoin, joinMappings);
      mappings.addAll(before + inJoin, joinMappings);
      meta.setValue("sql", sql.substring(0, m.start()) + replacement + sql.substring(m.end()));
      meta.setValue("parameterMappings", mappings);
      return true;
    }

    private static MetaObject meta(BoundSql bound) {
      return MetaObject.forObject(bound, SystemMetaObject.DEFAULT_OBJECT_FACTORY,
          SystemMetaObject.DEFAULT_OBJECT_WRAPPER_FACTORY, REFLECTORS);
    }

    private static int count(String sql) {
      int n = 0;
      for (int i = 0; i < sql.length(); i++) {
        if (sql.charAt(i) == '?') {
          n++;
        }
      }
      return n;
    }

    /**
     * A plain wrapper instead of MyBatis' {@code Plugin.wrap}: that builds a dynamic proxy and reads
     * this class's annotations by reflection for every statement (1.6 % of the benchmark JVM's CPU).
     */
    @Override
    public Object plugin(Object target) {
      return target instanceof StatementHandler handler ? new Rewriting(handler) : target;
    }

    @Override
    public void setProperties(Properties properties) {}
  }

  /** The statement handler MyBatis uses, with the rewrite before {@code prepare}. */
  record Rewriting(StatementHandler handler) implements StatementHandler {
    @Override
    public Statement prepare(Connection connection, Integer transactionTimeout) throws SQLException {
      Rewrite.beforePrepare(handler);
      return handler.prepare(connection, transactionTimeout);
    }

    @Override
    public void parameterize(Statement statement) throws SQLException {
      handler.parameterize(statement);
    }

    @Override
    public void batch(Statement statement) throws SQLException {
      handler.batch(statement);
    }

    @Override
    public int update(Statement statement) throws SQLException {
      return handler.update(statement);
    }

    @Override
    public <E> List<E> query(Statement statement, ResultHandler resultHandler) throws SQLException {
      return handler.query(statement, resultHandler);
    }

    @Override
    public <E> Cursor<E> queryCursor(Statement statement) throws SQLException {
      return handler.queryCursor(statement);
    }

    @Override
    public BoundSql getBoundSql() {
      return handler.getBoundSql();
    }

    @Override
    public ParameterHandler getParameterHandler() {
      return handler.getParameterHandler();
    }
  }
}
