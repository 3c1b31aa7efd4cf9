package org.onewindow.operations;

import java.time.Duration;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The order of a graceful stop (SIGTERM), see README "Graceful shutdown":
 *
 * <ol>
 *   <li>Spring Boot turns readiness to REFUSING_TRAFFIC as the context starts closing:
 *       {@code /actuator/health} and {@code /actuator/health/readiness} answer 503 while the node
 *       still serves;</li>
 *   <li>this lifecycle (before the web server's graceful stop) stops job acquisition at once, so no
 *       new job is locked here; jobs already locked but not started are unlocked by the engine for
 *       another node; running jobs get {@code onewindow.operations.job-drain-timeout} to finish. It
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
  private volatile boolean running;

  public GracefulJobShutdown(ObjectProvider<JobExecutor> jobExecutor, ObjectProvider<TaskExecutor> taskExecutor,
      OperationsProperties properties) {
    this.jobExecutor = jobExecutor;
    this.taskExecutor = taskExecutor;
    this.properties = properties;
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
      log.info("Shutting down: job acquisition stops; running jobs get up to {} to finish",
          properties.jobDrainTimeout());
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
    }
    long drainDeadline = started + properties.drainDelay().toNanos();
    while (System.nanoTime() < drainDeadline) {
      sleep(100);
    }
    log.info("Shutting down: drained after {} ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
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
