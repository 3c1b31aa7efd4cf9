package org.onewindow.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses API bodies above the limit from their declared length, before reading them. Some paths
 * (file uploads) may have a larger limit of their own.
 */
public class RequestSizeLimitFilter extends OncePerRequestFilter {
  public static final long DEFAULT_LIMIT = 64 * 1024;

  private final long defaultLimit;
  private final Map<Pattern, Long> pathLimits;

  public RequestSizeLimitFilter(long limit) {
    this(limit, Map.of());
  }

  /** @param pathLimits limits for paths (inside the application) that match a whole pattern */
  public RequestSizeLimitFilter(long limit, Map<Pattern, Long> pathLimits) {
    this.defaultLimit = limit;
    this.pathLimits = Map.copyOf(pathLimits);
  }

  private long limit(HttpServletRequest request) {
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    return pathLimits.entrySet().stream().filter(e -> e.getKey().matcher(path).matches())
        .mapToLong(Map.Entry::getValue).findFirst().orElse(defaultLimit);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    // Chunked bodies without a length are bounded by the server's own limits (server.tomcat.*).
    long limit = limit(request);
    if (request.getContentLengthLong() > limit) {
      response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      response.setContentType("application/problem+json;charset=UTF-8");
      response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"请求过大\",\"status\":413,"
          + "\"detail\":\"请求体不能超过 " + (limit / 1024) + " KB\",\"errors\":[{\"field\":\"body\",\"message\":\"请求体过大\"}]}");
      return;
    }
    chain.doFilter(request, response);
  }
}
