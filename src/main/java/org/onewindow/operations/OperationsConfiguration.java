package org.onewindow.operations;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** Production operations: actuator access, body limits everywhere, graceful shutdown of jobs. */
@Configuration
@EnableScheduling
public class OperationsConfiguration {
  /** Bean name of the starter's job thread pool. */
  static final String CAMUNDA_TASK_EXECUTOR = "camundaTaskExecutor";

  @Bean
  FilterRegistrationBean<ActuatorAccessFilter> actuatorAccessFilter(IdentityService identity,
      @Value("${onewindow.operations.actuator-groups:camunda-admin,operators}") List<String> groups) {
    FilterRegistrationBean<ActuatorAccessFilter> registration =
        new FilterRegistrationBean<>(new ActuatorAccessFilter(identity, ActuatorAccessFilter.groups(groups)));
    registration.addUrlPatterns("/actuator/*", "/actuator");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  @Bean
  FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(OperationsProperties properties) {
    FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
        new RequestBodyLimitFilter(properties.bodyLimit(), properties.deploymentBodyLimit()));
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
    return registration;
  }

  @Bean
  FilterRegistrationBean<CamundaAdvisoryFilter> camundaAdvisoryFilter() {
    FilterRegistrationBean<CamundaAdvisoryFilter> registration = new FilterRegistrationBean<>(new CamundaAdvisoryFilter());
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 6);
    return registration;
  }

  @Bean
  GracefulJobShutdown gracefulJobShutdown(ObjectProvider<JobExecutor> jobExecutor,
      @Qualifier(CAMUNDA_TASK_EXECUTOR) ObjectProvider<TaskExecutor> taskExecutor, OperationsProperties properties,
      ProcessEngine engine, JdbcTemplate jdbc) {
    return new GracefulJobShutdown(jobExecutor, taskExecutor, properties, engine, jdbc);
  }

  /**
   * The job thread pool must not be killed when the context starts closing (Spring's default
   * interrupts running tasks at once): running jobs finish, queued ones unlock their jobs.
   */
  @Bean
  static BeanPostProcessor jobPoolWaitsForRunningJobs() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (CAMUNDA_TASK_EXECUTOR.equals(beanName) && bean instanceof ThreadPoolTaskExecutor pool) {
          pool.setWaitForTasksToCompleteOnShutdown(true);
          pool.setAwaitTerminationSeconds(30);
        }
        return bean;
      }
    };
  }
}
