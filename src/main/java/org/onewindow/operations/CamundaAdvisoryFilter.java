package org.onewindow.operations;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Iterator;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.onewindow.web.ReplayedRequest;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Mitigations for risks in Camunda 7.24.0 Community Edition whose fixes ship only in Enterprise
 * patch releases (README "Security notices"):
 *
 * <ul>
 *   <li>Expressions in task queries (the 7.24.7 EE patch adds an allow-list for them): a task
 *       query ({@code POST .../task}, {@code .../task/count}, {@code .../filter/{id}/list|count|singleResult})
 *       whose {@code orQueries} carry any {@code ...Expression} field is refused with 400, on the
 *       engine REST API and on the webapps' engine API alike;</li>
 *   <li>The Admin webapp's first-run setup (creates an administrator while none exists): OneWindow creates
 *       its first administrator from configuration, so the setup endpoint
 *       ({@code /camunda/api/admin/setup/...}) answers 403 to anything but GET.</li>
 * </ul>
 */
public class CamundaAdvisoryFilter extends OncePerRequestFilter {
  private static final Pattern TASK_QUERY = Pattern.compile(
      ".*/(task|task/count|filter/[^/]+/(list|count|singleResult))$");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/camunda/api/admin/setup/") && !"GET".equals(request.getMethod())) {
      refuse(response, HttpServletResponse.SC_FORBIDDEN, "首次设置已关闭：管理员由配置创建（ONEWINDOW_ADMIN_USER）");
      return;
    }
    if ("POST".equals(request.getMethod()) && TASK_QUERY.matcher(path).matches()) {
      byte[] body = request.getInputStream().readAllBytes();
      if (expressionInOrQueries(body)) {
        refuse(response, HttpServletResponse.SC_BAD_REQUEST, "查询条件 orQueries 中不允许使用表达式");
        return;
      }
      chain.doFilter(new ReplayedRequest(request, body), response);
      return;
    }
    chain.doFilter(request, response);
  }

  /** True when the JSON body has an {@code orQueries} entry with a field whose name ends in "Expression". */
  static boolean expressionInOrQueries(byte[] body) {
    JsonNode root;
    try {
      root = body.length == 0 ? null : JSON.readTree(body);
    } catch (IOException e) {
      return false; // not JSON: the REST API answers it itself
    }
    if (root == null || !root.has("orQueries")) {
      return false;
    }
    for (JsonNode query : root.path("orQueries")) {
      for (Iterator<String> names = query.fieldNames(); names.hasNext(); ) {
        if (names.next().endsWith("Expression")) {
          return true;
        }
      }
    }
    return false;
  }

  private static void refuse(HttpServletResponse response, int status, String detail) throws IOException {
    response.setStatus(status);
    response.setContentType("application/problem+json;charset=UTF-8");
    response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"请求被拒绝\",\"status\":" + status
        + ",\"detail\":\"" + detail + "\"}");
  }
}
