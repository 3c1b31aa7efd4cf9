package org.onewindow.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;
import org.onewindow.web.ReplayedRequest;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses API bodies above the limit from their declared length, before reading them. A chunked
 * body (no declared length) is read up to the limit and refused as soon as it passes it, never read
 * in full. Some paths (file uploads) may have a larger limit of their own; their chunked bodies are
 * left to the multipart parser's limits (spring.servlet.multipart.*) instead of being held in memory.
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
    long limit = limit(request);
    if (request.getContentLengthLong() > limit) {
      tooLarge(response, limit);
      return;
    }
    if (request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") != null
        && limit == defaultLimit) {
      byte[] body = request.getInputStream().readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE));
      if (body.length > limit) {
        tooLarge(response, limit);
        return;
      }
      chain.doFilter(new ReplayedRequest(request, body), response);
      return;
    }
    chain.doFilter(request, response);
  }

  private static void tooLarge(HttpServletResponse response, long limit) throws IOException {
    response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
    response.setContentType("application/problem+json;charset=UTF-8");
    response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"请求过大\",\"status\":413,"
        + "\"detail\":\"请求体不能超过 " + (limit / 1024) + " KB\",\"errors\":[{\"field\":\"body\",\"message\":\"请求体过大\"}]}");
  }
}
