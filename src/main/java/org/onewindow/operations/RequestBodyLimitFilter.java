package org.onewindow.operations;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request body limit on every endpoint: the webapps, the engine REST API, actuator, the
 * simulator. Deployments ({@code .../deployment/create}) may be larger. A declared length above the
 * limit gets 413 before anything is read; a body without a declared length (chunked) is cut off
 * with an error when it passes the limit. The project's {@code /api/*} is left to its own limits
 * (identity.RequestSizeLimitFilter: 64 KB, material uploads up to onewindow.materials.max-request-size).
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {
  private final long limit;
  private final long deploymentLimit;

  public RequestBodyLimitFilter(long limit, long deploymentLimit) {
    this.limit = limit;
    this.deploymentLimit = deploymentLimit;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length()).startsWith("/api/");
  }

  long limitFor(HttpServletRequest request) {
    return request.getRequestURI().endsWith("/deployment/create") ? deploymentLimit : limit;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long max = limitFor(request);
    long declared = request.getContentLengthLong();
    if (declared > max) {
      response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      response.setHeader("Connection", "close");
      response.setContentType("application/problem+json;charset=UTF-8");
      response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"请求过大\",\"status\":413,"
          + "\"detail\":\"请求体不能超过 " + (max / 1024) + " KB\",\"errors\":[{\"field\":\"body\",\"message\":\"请求体过大\"}]}");
      return;
    }
    chain.doFilter(declared >= 0 ? request : new Limited(request, max), response);
  }

  /** A body of undeclared length, cut off at the limit. */
  private static final class Limited extends HttpServletRequestWrapper {
    private final long max;
    private ServletInputStream stream;

    Limited(HttpServletRequest request, long max) {
      super(request);
      this.max = max;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream = new ServletInputStream() {
          private long read;

          @Override
          public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
              count(1);
            }
            return b;
          }

          @Override
          public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
              count(n);
            }
            return n;
          }

          private void count(long n) throws IOException {
            read += n;
            if (read > max) {
              throw new IOException("Request body larger than " + max + " bytes");
            }
          }

          @Override
          public boolean isFinished() {
            return in.isFinished();
          }

          @Override
          public boolean isReady() {
            return in.isReady();
          }

          @Override
          public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
          }
        };
      }
      return stream;
    }
  }
}
