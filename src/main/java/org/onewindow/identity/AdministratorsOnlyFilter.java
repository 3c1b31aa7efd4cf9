package org.onewindow.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Changes that only administrators make (loading a year's holiday schedule): any request other
 * than GET or HEAD on the filtered paths needs membership of camunda-admin. Runs after
 * {@link ApiAuthenticationFilter}, which has set the engine's authentication.
 */
public class AdministratorsOnlyFilter extends OncePerRequestFilter {
  private final IdentityService identity;

  public AdministratorsOnlyFilter(IdentityService identity) {
    this.identity = identity;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String method = request.getMethod();
    Authentication auth = identity.getCurrentAuthentication();
    boolean admin = auth != null && auth.getGroupIds() != null && auth.getGroupIds().contains(Groups.ADMINISTRATORS);
    if ("GET".equals(method) || "HEAD".equals(method) || admin) {
      chain.doFilter(request, response);
      return;
    }
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    response.setContentType("application/problem+json;charset=UTF-8");
    response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"没有权限\",\"status\":403,"
        + "\"detail\":\"只有系统管理员可以修改节假日安排\"}");
  }
}
