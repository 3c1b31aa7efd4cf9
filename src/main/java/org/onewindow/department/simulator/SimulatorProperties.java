package org.onewindow.department.simulator;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The simulator's credentials ({@code onewindow.simulator}): the bearer token each simulated
 * department accepts (a department without a token does not exist) and the token of the admin
 * endpoints that set its behaviour.
 */
@ConfigurationProperties("onewindow.simulator")
public record SimulatorProperties(Map<String, String> tokens, String adminToken) {

  public SimulatorProperties {
    tokens = tokens == null ? Map.of() : Map.copyOf(tokens);
  }
}
