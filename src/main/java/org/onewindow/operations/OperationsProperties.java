package org.onewindow.operations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Operations settings ({@code onewindow.operations}), all with defaults fit for a 2-core node.
 *
 * @param refreshInterval how often the case, incident and job gauges are counted (not per scrape)
 * @param acquisitionStallAfter a due job nobody acquired for this long makes the job executor's
 *     health DOWN (the executor is stuck, or every node's executor is off)
 * @param departmentPingTimeout connect and read timeout of a department system's health ping
 * @param departmentPingCacheFor how long a department ping's answer is reused
 * @param drainDelay on SIGTERM, how long the node keeps serving after readiness turned DOWN, so the
 *     load balancer stops sending clerks to it before it stops accepting connections
 * @param jobDrainTimeout on SIGTERM, how long running jobs get to finish after job acquisition stopped
 * @param bodyLimit request body limit for every endpoint ({@code /api/*} keeps its own 64 KB)
 * @param deploymentBodyLimit request body limit for deployments over the engine REST API
 */
@ConfigurationProperties("onewindow.operations")
public record OperationsProperties(
    Duration refreshInterval,
    Duration acquisitionStallAfter,
    Duration departmentPingTimeout,
    Duration departmentPingCacheFor,
    Duration drainDelay,
    Duration jobDrainTimeout,
    Long bodyLimit,
    Long deploymentBodyLimit) {

  public OperationsProperties {
    refreshInterval = refreshInterval == null ? Duration.ofSeconds(30) : refreshInterval;
    acquisitionStallAfter = acquisitionStallAfter == null ? Duration.ofMinutes(5) : acquisitionStallAfter;
    departmentPingTimeout = departmentPingTimeout == null ? Duration.ofSeconds(2) : departmentPingTimeout;
    departmentPingCacheFor = departmentPingCacheFor == null ? Duration.ofSeconds(30) : departmentPingCacheFor;
    drainDelay = drainDelay == null ? Duration.ZERO : drainDelay;
    jobDrainTimeout = jobDrainTimeout == null ? Duration.ofSeconds(20) : jobDrainTimeout;
    bodyLimit = bodyLimit == null ? 1024L * 1024 : bodyLimit;
    deploymentBodyLimit = deploymentBodyLimit == null ? 16L * 1024 * 1024 : deploymentBodyLimit;
  }
}
