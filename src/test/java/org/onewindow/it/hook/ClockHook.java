package org.onewindow.it.hook;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Test-only hook, never in the jar: the operations ITs put this class (alone, with a
 * {@code META-INF/spring.factories} naming it) on a node's class path ({@code loader.path}). {@code POST /it-hook/clock?offsetMillis=N}
 * moves that JVM's engine clock N ms ahead of real time ({@code ClockUtil.offset}), so timers and
 * retry due dates fall due on every node of a cluster without waiting.
 */
public class ClockHook implements ApplicationContextInitializer<ConfigurableApplicationContext> {
  public static final String PATH = "/it-hook/clock";

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    Filter filter = (req, res, chain) -> {
      HttpServletRequest request = (HttpServletRequest) req;
      HttpServletResponse response = (HttpServletResponse) res;
      if (!"POST".equals(request.getMethod())) {
        response.setStatus(405);
        return;
      }
      long offset = Long.parseLong(request.getParameter("offsetMillis"));
      ClockUtil.offset(offset);
      response.setContentType("text/plain");
      response.getWriter().write(String.valueOf(ClockUtil.getCurrentTime().getTime()));
    };
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
    registration.addUrlPatterns(PATH);
    context.getBeanFactory().registerSingleton("itClockHook", registration);
    System.out.println("IT clock hook installed at " + PATH);
  }
}
