package org.onewindow.department.simulator;

import java.util.Map;
import java.util.TimeZone;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Profile;

/**
 * The department simulator on its own: no process engine, no database, only the departments'
 * APIs, on {@code SIMULATOR_PORT} (default 9090), configured by {@code simulator.yaml}.
 *
 * <pre>
 * java -cp target/onewindow-*.jar -Dloader.main=org.onewindow.department.simulator.DepartmentSimulatorApplication \
 *      org.springframework.boot.loader.launch.PropertiesLauncher --server.port=9090
 * mvn spring-boot:run -Dspring-boot.run.main-class=org.onewindow.department.simulator.DepartmentSimulatorApplication
 * </pre>
 *
 * Point OneWindow at it with {@code onewindow.departments.systems.<code>.base-url=http://host:9090/simulator/<code>}.
 * The profile guard keeps this configuration out of the OneWindow application's component scan.
 */
@SpringBootApplication
@EnableConfigurationProperties(SimulatorProperties.class)
@Profile(DepartmentSimulatorApplication.STANDALONE)
public class DepartmentSimulatorApplication {
  public static final String PROFILE = "simulator";
  public static final String STANDALONE = "simulator-standalone";

  public static void main(String[] args) {
    start(args);
  }

  public static ConfigurableApplicationContext start(String... args) {
    TimeZone.setDefault(TimeZone.getTimeZone("Asia/Shanghai"));
    SpringApplication app = new SpringApplication(DepartmentSimulatorApplication.class);
    app.setAdditionalProfiles(PROFILE, STANDALONE);
    app.setDefaultProperties(Map.of("spring.config.name", "simulator"));
    return app.run(args);
  }
}
