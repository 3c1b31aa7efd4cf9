package org.onewindow.operations;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * OneWindow's own meters for Prometheus (README "Metrics and alerts"), read from the
 * {@link OperationsSnapshot} that this bean refreshes on a schedule:
 *
 * <ul>
 *   <li>{@code onewindow_cases_received_total{item}}, {@code onewindow_cases_finished_total{item,status}}:
 *       cases started and finished per catalog item (cluster-wide totals from the case file, so a
 *       restart does not reset them);</li>
 *   <li>{@code onewindow_cases_open{item}}; {@code onewindow_cases_clock{phase}}: open commitment
 *       cases per clock phase (RUNNING, WARNING, OVERDUE, PAUSED);</li>
 *   <li>{@code onewindow_incidents_open}, {@code onewindow_jobs_failed} (no retries left),
 *       {@code onewindow_jobs_due_unacquired} and {@code onewindow_jobs_due_unacquired_oldest_seconds}.</li>
 * </ul>
 * Department call latency and failures are timed where the call is made ({@code HttpDepartmentClient}).
 */
@Component
public class OperationsMetrics {
  private static final Logger log = LoggerFactory.getLogger(OperationsMetrics.class);

  private final OperationsSnapshot snapshot;
  private final MeterRegistry registry;
  private final Set<String> registered = ConcurrentHashMap.newKeySet();

  public OperationsMetrics(OperationsSnapshot snapshot, MeterRegistry registry) {
    this.snapshot = snapshot;
    this.registry = registry;
    gauge("onewindow.incidents.open", "Open incidents (jobs whose retries ran out, and others)",
        c -> c.openIncidents());
    gauge("onewindow.jobs.failed", "Jobs with no retries left", c -> c.failedJobs());
    gauge("onewindow.jobs.due.unacquired", "Jobs that are due, have retries and are locked by no node",
        c -> c.dueUnacquiredJobs());
    gauge("onewindow.jobs.due.unacquired.oldest", "Seconds the oldest due and unacquired job has waited",
        c -> c.oldestDueUnacquiredSeconds());
    for (String phase : new String[] {"RUNNING", "WARNING", "OVERDUE", "PAUSED"}) {
      Gauge.builder("onewindow.cases.clock", snapshot, s -> s.counts().clockPhases().getOrDefault(phase, 0L))
          .description("Open commitment cases per case clock phase").tag("phase", phase).register(registry);
    }
  }

  private void gauge(String name, String description, ToDoubleFunction<OperationsSnapshot.Counts> value) {
    Gauge.builder(name, snapshot, s -> value.applyAsDouble(s.counts())).description(description).register(registry);
  }

  @EventListener(ApplicationReadyEvent.class)
  public void firstRefresh() {
    refresh();
  }

  @Scheduled(initialDelayString = "${onewindow.operations.refresh-interval:30s}",
      fixedDelayString = "${onewindow.operations.refresh-interval:30s}")
  public void refresh() {
    OperationsSnapshot.Counts counts;
    try {
      counts = snapshot.refresh();
    } catch (RuntimeException e) {
      // A database hiccup must not stop the schedule; the db health indicator reports it.
      log.warn("Could not refresh the operations metrics: {}", e.toString());
      return;
    }
    counts.receivedByItem().keySet().forEach(item -> {
      if (registered.add("received " + item)) {
        FunctionCounter.builder("onewindow.cases.received", snapshot,
                s -> s.counts().receivedByItem().getOrDefault(item, 0L))
            .description("Cases received (started) per catalog item, cluster-wide").tag("item", item)
            .register(registry);
      }
      if (registered.add("open " + item)) {
        Gauge.builder("onewindow.cases.open", snapshot, s -> s.counts().openByItem().getOrDefault(item, 0L))
            .description("Open cases per catalog item, cluster-wide").tag("item", item).register(registry);
      }
    });
    for (Map.Entry<String, Long> e : counts.finishedByItemAndStatus().entrySet()) {
      String key = e.getKey();
      if (registered.add("finished " + key)) {
        String[] itemStatus = key.split("\\|", 2);
        FunctionCounter.builder("onewindow.cases.finished", snapshot,
                s -> s.counts().finishedByItemAndStatus().getOrDefault(key, 0L))
            .description("Cases finished per catalog item and final status, cluster-wide")
            .tags("item", itemStatus[0], "status", itemStatus[1]).register(registry);
      }
    }
  }
}
