package org.onewindow.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.regex.Pattern;
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
      chain.doFilter(new BufferedBody(request, body), response);
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

  /** A request whose (chunked) body was read here, within the limit, and is replayed from memory. */
  private static final class BufferedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    BufferedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("the body was read already");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
      return new BufferedReader(new InputStreamReader(getInputStream(), Charset.forName(encoding)));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
