package org.onewindow.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/** Refuses API bodies above the limit from their declared length, before reading them. */
public class RequestSizeLimitFilter extends OncePerRequestFilter {
  public static final long DEFAULT_LIMIT = 64 * 1024;

  private final long limit;

  public RequestSizeLimitFilter(long limit) {
    this.limit = limit;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    // Chunked bodies without a length are bounded by the server's own limits (server.tomcat.*).
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
