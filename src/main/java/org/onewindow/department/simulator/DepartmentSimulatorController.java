package org.onewindow.department.simulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.onewindow.department.DepartmentCapability;
import org.onewindow.department.HttpDepartmentClient;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The departments' APIs, simulated over real HTTP under {@code /simulator} (outside {@code /api},
 * so the staff login does not apply; each department checks its own bearer token instead).
 *
 * <ul>
 *   <li>{@code POST /simulator/{department}/{capability}} with {@code Authorization: Bearer <token>} and
 *       {@code Idempotency-Key}: 201 with the registration, 200 with the first one again for a known key,
 *       422 {@code {"code","message"}} for a business refusal, 500/503 when told to fail, 401 for a bad token.</li>
 *   <li>{@code PUT /simulator/admin/departments/{department}} with the admin token and a behaviour
 *       ({@code latencyMs, failureRate, down, failNextCalls, refuseCode, refuseMessage}).</li>
 *   <li>{@code GET /simulator/admin/departments/{department}}: behaviour, calls and registrations.</li>
 *   <li>{@code GET /simulator/admin/calls?department=&idempotencyKey=}: calls and the registration for one key.</li>
 *   <li>{@code POST /simulator/admin/reset?forget=true}: normal behaviour everywhere (and forget registrations).</li>
 * </ul>
 */
@RestController
@RequestMapping("/simulator")
@Profile({"demo", "simulator"})
public class DepartmentSimulatorController {
  private final DepartmentSimulator simulator;
  private final SimulatorProperties properties;

  public DepartmentSimulatorController(DepartmentSimulator simulator, SimulatorProperties properties) {
    this.simulator = simulator;
    this.properties = properties;
  }

  @PostMapping(path = "/{department}/{capability}", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Object> call(@PathVariable String department, @PathVariable String capability,
      @RequestHeader(name = "Authorization", required = false) String authorization,
      @RequestHeader(name = HttpDepartmentClient.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
      @RequestBody(required = false) Map<String, Object> body) {
    String token = properties.tokens().get(department);
    if (token == null) {
      return problem(HttpStatus.NOT_FOUND, "没有这个部门：" + department);
    }
    if (!bearer(authorization, token)) {
      return problem(HttpStatus.UNAUTHORIZED, "访问令牌无效");
    }
    DepartmentCapability c = DepartmentCapability.ofPath(capability);
    if (c == null) {
      return problem(HttpStatus.NOT_FOUND, "没有这项业务：" + capability);
    }
    if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
      return problem(HttpStatus.BAD_REQUEST, "缺少或过长的 " + HttpDepartmentClient.IDEMPOTENCY_KEY);
    }
    DepartmentSimulator.Outcome outcome = simulator.handle(department, c, idempotencyKey, body);
    if (outcome instanceof DepartmentSimulator.Registered r) {
      return ResponseEntity.status(r.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
          .body(registrationJson(r.registration(), r.replayed()));
    }
    if (outcome instanceof DepartmentSimulator.Refused r) {
      ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, r.message());
      p.setTitle("不予办理");
      p.setProperty("code", r.code());
      p.setProperty("message", r.message());
      return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
    DepartmentSimulator.Failed f = (DepartmentSimulator.Failed) outcome;
    return problem(HttpStatus.valueOf(f.status()), f.message());
  }

  @PutMapping(path = "/admin/departments/{department}", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Object> setBehaviour(@PathVariable String department,
      @RequestHeader(name = "Authorization", required = false) String authorization,
      @RequestBody DepartmentSimulator.Behaviour behaviour) {
    if (!admin(authorization)) {
      return problem(HttpStatus.UNAUTHORIZED, "管理令牌无效");
    }
    simulator.setBehaviour(department, behaviour);
    return ResponseEntity.ok(departmentJson(department));
  }

  @GetMapping(path = "/admin/departments/{department}", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Object> department(@PathVariable String department,
      @RequestHeader(name = "Authorization", required = false) String authorization) {
    if (!admin(authorization)) {
      return problem(HttpStatus.UNAUTHORIZED, "管理令牌无效");
    }
    return ResponseEntity.ok(departmentJson(department));
  }

  @GetMapping(path = "/admin/calls", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Object> calls(@RequestParam String department, @RequestParam String idempotencyKey,
      @RequestHeader(name = "Authorization", required = false) String authorization) {
    if (!admin(authorization)) {
      return problem(HttpStatus.UNAUTHORIZED, "管理令牌无效");
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("department", department);
    json.put("idempotencyKey", idempotencyKey);
    json.put("calls", simulator.calls(department, idempotencyKey));
    DepartmentSimulator.Stored stored = simulator.registration(department, idempotencyKey);
    json.put("registered", stored != null);
    json.put("referenceNumber", stored == null ? null : stored.referenceNumber());
    return ResponseEntity.ok(json);
  }

  @PostMapping(path = "/admin/reset", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Object> reset(@RequestParam(defaultValue = "false") boolean forget,
      @RequestHeader(name = "Authorization", required = false) String authorization) {
    if (!admin(authorization)) {
      return problem(HttpStatus.UNAUTHORIZED, "管理令牌无效");
    }
    simulator.reset(forget);
    return ResponseEntity.ok(Map.of("reset", true, "forgotten", forget));
  }

  private Map<String, Object> departmentJson(String department) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("department", department);
    json.put("behaviour", simulator.behaviour(department));
    json.put("calls", simulator.calls(department));
    json.put("registrations", simulator.registrations(department));
    return json;
  }

  private static Map<String, Object> registrationJson(DepartmentSimulator.Stored s, boolean replayed) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("department", s.department());
    json.put("capability", s.capability());
    json.put("referenceNumber", s.referenceNumber());
    json.put("idempotencyKey", s.idempotencyKey());
    json.put("registeredAt", s.registeredAt());
    json.put("replayed", replayed);
    return json;
  }

  private boolean admin(String authorization) {
    return properties.adminToken() != null && !properties.adminToken().isBlank()
        && bearer(authorization, properties.adminToken());
  }

  /** Constant-time comparison of the bearer token. */
  private static boolean bearer(String authorization, String expected) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return MessageDigest.isEqual(authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8),
        expected.getBytes(StandardCharsets.UTF_8));
  }

  private static ResponseEntity<Object> problem(HttpStatus status, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setType(URI.create("urn:onewindow:simulator:" + status.value()));
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
  }
}
