package org.onewindow.operations;

import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.UnlockJobCmd;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The order of a graceful stop (SIGTERM), see README "Graceful shutdown":
 *
 * <ol>
 *   <li>Spring Boot turns readiness to REFUSING_TRAFFIC as the context starts closing:
 *       {@code /actuator/health} and {@code /actuator/health/readiness} answer 503 while the node
 *       still serves;</li>
 *   <li>this lifecycle (before the web server's graceful stop) stops job acquisition at once, so no
 *       new job is locked here; running jobs get {@code onewindow.operations.job-drain-timeout} to
 *       finish; then every job still locked by this node but not running (acquired, queued or
 *       rejected by the full pool) is unlocked, so another node takes it at once instead of after
 *       the lock time. It
 *       also keeps serving for {@code onewindow.operations.drain-delay} so the load balancer sees the
 *       readiness change;</li>
 *   <li>the web server finishes the requests in flight ({@code server.shutdown: graceful}) and
 *       stops; then the engine and the connection pool close.</li>
 * </ol>
 * A job still running after the timeout keeps its lock until the lock time passes and is then
 * run again by any node (it is idempotent: department calls carry their idempotency key).
 */
public class GracefulJobShutdown implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(GracefulJobShutdown.class);

  private final ObjectProvider<JobExecutor> jobExecutor;
  private final ObjectProvider<TaskExecutor> taskExecutor;
  private final OperationsProperties properties;
  private final ProcessEngine engine;
  private final JdbcTemplate jdbc;
  private volatile boolean running;

  public GracefulJobShutdown(ObjectProvider<JobExecutor> jobExecutor, ObjectProvider<TaskExecutor> taskExecutor,
      OperationsProperties properties, ProcessEngine engine, JdbcTemplate jdbc) {
    this.jobExecutor = jobExecutor;
    this.taskExecutor = taskExecutor;
    this.properties = properties;
    this.engine = engine;
    this.jdbc = jdbc;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Before the web server's graceful shutdown, which stops before the engine is closed. */
  @Override
  public int getPhase() {
    return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 512;
  }

  @Override
  public void stop() {
    running = false;
    long started = System.nanoTime();
    JobExecutor executor = jobExecutor.getIfAvailable();
    if (executor != null && executor.isActive()) {
      log.info("Shutting down: job acquisition stops (lock owner {}); running jobs get up to {} to finish",
          executor.getLockOwner(), properties.jobDrainTimeout());
      executor.shutdown();
    }
    ThreadPoolTaskExecutor pool = taskExecutor.getIfAvailable() instanceof ThreadPoolTaskExecutor p ? p : null;
    long jobDeadline = started + properties.jobDrainTimeout().toNanos();
    while (pool != null && busy(pool) && System.nanoTime() < jobDeadline) {
      sleep(100);
    }
    if (pool != null && busy(pool)) {
      log.warn("Shutting down with {} job(s) still running: their locks expire after the lock time and "
          + "another node runs them again", pool.getActiveCount());
    } else if (executor != null) {
      log.info("Shutting down: no job running any more on this node");
      unlockLeftovers(executor.getLockOwner());
    }
    long drainDeadline = started + properties.drainDelay().toNanos();
    while (System.nanoTime() < drainDeadline) {
      sleep(100);
    }
    log.info("Shutting down: drained after {} ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
  }

  /** Jobs this node locked but will not run (nothing runs any more): free for the other nodes now. */
  private void unlockLeftovers(String lockOwner) {
    try {
      // The public job query cannot select by lock owner; reading the id is all this does with the table.
      List<String> ids = jdbc.queryForList("SELECT ID_ FROM ACT_RU_JOB WHERE LOCK_OWNER_ = ?", String.class, lockOwner);
      for (String id : ids) {
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
            .execute(new UnlockJobCmd(id));
      }
      if (!ids.isEmpty()) {
        log.info("Shutting down: unlocked {} job(s) acquired here but not started", ids.size());
      }
    } catch (RuntimeException e) {
      log.warn("Shutting down: could not unlock this node's waiting jobs; they run after the lock time: {}", e.toString());
    }
  }

  private static boolean busy(ThreadPoolTaskExecutor pool) {
    return pool.getActiveCount() > 0 || pool.getQueueSize() > 0;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
