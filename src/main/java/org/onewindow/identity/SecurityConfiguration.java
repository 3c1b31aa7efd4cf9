package org.onewindow.identity;

import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.onewindow.material.MaterialProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Nothing answers anonymously but the webapps' login pages, the health endpoint and the online
 * hall's API for applicants ({@code /api/public/**}, see {@link ApiAuthenticationFilter}).
 */
@Configuration
public class SecurityConfiguration {

  @Bean
  FilterRegistrationBean<ApiAuthenticationFilter> apiAuthenticationFilter(ProcessEngine engine) {
    FilterRegistrationBean<ApiAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ApiAuthenticationFilter(engine));
    registration.addUrlPatterns("/api/*", "/engine-rest/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  /** Loading a year's holiday schedule moves deadlines: administrators only. */
  @Bean
  FilterRegistrationBean<AdministratorsOnlyFilter> administratorsOnlyFilter(ProcessEngine engine) {
    FilterRegistrationBean<AdministratorsOnlyFilter> registration =
        new FilterRegistrationBean<>(new AdministratorsOnlyFilter(engine.getIdentityService()));
    registration.addUrlPatterns("/api/calendar/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
    return registration;
  }

  /** 64 KB for the API; the online hall's material uploads up to onewindow.materials.max-request-size. */
  @Bean
  FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(MaterialProperties materials) {
    FilterRegistrationBean<RequestSizeLimitFilter> registration =
        new FilterRegistrationBean<>(new RequestSizeLimitFilter(RequestSizeLimitFilter.DEFAULT_LIMIT,
            Map.of(MaterialProperties.UPLOAD_PATH, materials.maxRequestSize().toBytes())));
    registration.addUrlPatterns("/api/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }
}
