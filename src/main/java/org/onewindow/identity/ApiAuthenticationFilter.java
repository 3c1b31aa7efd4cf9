package org.onewindow.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates every request to the project's API and the engine REST API, with HTTP Basic or
 * the session of a user logged in to the Camunda webapps. The user and their groups are set on
 * the engine for the request, so the engine's authorization checks apply to API calls exactly as
 * they do in Tasklist. Anonymous requests get 401 problem+json.
 *
 * <p>The online hall's API under {@value #PUBLIC_PREFIX} is the applicants' and needs no staff login
 * (the receipt number with its query code is their key); it runs without an engine authentication.
 */
public class ApiAuthenticationFilter extends OncePerRequestFilter {
  public static final String PUBLIC_PREFIX = "/api/public/";

  private final ProcessEngine engine;

  public ApiAuthenticationFilter(ProcessEngine engine) {
    this.engine = engine;
  }

  /**
   * Public only when both the path the container routes (decoded, dot segments removed) and the raw
   * request URI are under {@value #PUBLIC_PREFIX}, so "/api/public/../cases/..." is not.
   */
  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String routed = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    String raw = request.getRequestURI().substring(request.getContextPath().length());
    return routed.startsWith(PUBLIC_PREFIX) && raw.startsWith(PUBLIC_PREFIX) && !raw.contains("..");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String userId = fromSession(request);
    if (userId == null) {
      userId = fromBasic(request);
    }
    if (userId == null) {
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      response.setHeader("WWW-Authenticate", "Basic realm=\"OneWindow\", charset=\"UTF-8\"");
      response.setContentType("application/problem+json;charset=UTF-8");
      response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"需要登录\",\"status\":401,"
          + "\"detail\":\"请使用工作人员账号登录（HTTP Basic 或统一工作台会话）\"}");
      return;
    }
    IdentityService identity = engine.getIdentityService();
    List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    identity.setAuthentication(userId, groups);
    try {
      chain.doFilter(request, response);
    } finally {
      identity.clearAuthentication();
    }
  }

  private String fromSession(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    Authentications auths = AuthenticationUtil.getAuthsFromSession(session);
    if (auths == null) {
      return null;
    }
    return auths.getAuthentications().stream()
        .filter(a -> engine.getName().equals(a.getProcessEngineName()))
        .map(UserAuthentication::getIdentityId)
        .findFirst().orElse(null);
  }

  private String fromBasic(HttpServletRequest request) {
    return BasicCredentials.verifiedUser(request, engine.getIdentityService());
  }
}
