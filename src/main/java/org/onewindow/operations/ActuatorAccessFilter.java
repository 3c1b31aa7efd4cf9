package org.onewindow.operations;

import org.onewindow.identity.BasicCredentials;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards {@code /actuator/*}. The health endpoints ({@code /actuator/health},
 * {@code /health/liveness}, {@code /health/readiness}) answer anyone with the status alone, for the
 * load balancer and the container's health check; an operator who sends HTTP Basic credentials also
 * sees the details. Everything else ({@code /actuator/prometheus}, {@code /actuator/info}) needs HTTP
 * Basic of a member of one of the configured groups (default {@code camunda-admin} and
 * {@code operators}): 401 without credentials, 403 for other users. Passwords are checked by the
 * engine, with its login throttling.
 */
public class ActuatorAccessFilter extends OncePerRequestFilter {
  private final IdentityService identity;
  private final Set<String> operatorGroups;

  public ActuatorAccessFilter(IdentityService identity, Set<String> operatorGroups) {
    this.identity = identity;
    this.operatorGroups = Set.copyOf(operatorGroups);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    boolean health = path.equals("/actuator/health") || path.startsWith("/actuator/health/");
    String user = basicUser(request);
    Set<String> groups = user == null ? Set.of()
        : identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).collect(Collectors.toSet());
    boolean operator = groups.stream().anyMatch(operatorGroups::contains);
    if (health) {
      chain.doFilter(operator ? new Operator(request, user, groups) : request, response);
      return;
    }
    if (user == null) {
      problem(response, HttpServletResponse.SC_UNAUTHORIZED, "需要登录", "请使用运维账号（HTTP Basic）访问监控端点");
      response.setHeader("WWW-Authenticate", "Basic realm=\"OneWindow operations\", charset=\"UTF-8\"");
      return;
    }
    if (!operator) {
      problem(response, HttpServletResponse.SC_FORBIDDEN, "无权访问", "监控端点仅限运维组成员：" + operatorGroups);
      return;
    }
    chain.doFilter(new Operator(request, user, groups), response);
  }

  private static void problem(HttpServletResponse response, int status, String title, String detail) throws IOException {
    response.setStatus(status);
    response.setContentType("application/problem+json;charset=UTF-8");
    response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
        + ",\"detail\":\"" + detail.replace("\"", "'") + "\"}");
  }

  private String basicUser(HttpServletRequest request) {
    return BasicCredentials.verifiedUser(request, identity);
  }

  /** The operator as the servlet principal, the engine groups as roles (for show-details: when-authorized). */
  private static final class Operator extends HttpServletRequestWrapper {
    private final String user;
    private final Set<String> groups;

    Operator(HttpServletRequest request, String user, Set<String> groups) {
      super(request);
      this.user = user;
      this.groups = groups;
    }

    @Override
    public Principal getUserPrincipal() {
      return () -> user;
    }

    @Override
    public String getRemoteUser() {
      return user;
    }

    @Override
    public boolean isUserInRole(String role) {
      return groups.contains(role);
    }
  }

  static Set<String> groups(List<String> configured) {
    return configured.stream().map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
  }
}
