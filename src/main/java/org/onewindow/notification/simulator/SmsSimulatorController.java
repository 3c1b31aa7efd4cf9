package org.onewindow.notification.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.onewindow.notification.HttpSmsGateway;
import org.onewindow.notification.SmsProperties;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulated SMS gateway's API under {@code /simulator/sms} (demo profile; outside {@code /api},
 * so no staff login: the gateway checks its own bearer tokens).
 *
 * <ul>
 *   <li>{@code POST /simulator/sms/messages} with {@code Authorization: Bearer <token>} and
 *       {@code Idempotency-Key}, body {@code {"mobile", "text", "reference"}}: 201 {@code {"messageId"}},
 *       200 with the same id for a repeated key, 400 for a bad number, 503 when down, 500 when told to
 *       fail, 401 for a bad token.</li>
 *   <li>{@code GET /simulator/sms/messages?mobile=&reference=} (admin token): the messages received.</li>
 *   <li>{@code PUT /simulator/sms/behaviour} (admin token) {@code {"down": true, "failNextCalls": 2}}.</li>
 *   <li>{@code POST /simulator/sms/reset?forget=true} (admin token): normal again (and forget messages).</li>
 * </ul>
 */
@RestController
@RequestMapping("/simulator/sms")
@Profile("demo")
public class SmsSimulatorController {
  private final SmsSimulator simulator;
  private final SmsProperties properties;

  public SmsSimulatorController(SmsSimulator simulator, SmsProperties properties) {
    this.simulator = simulator;
    this.properties = properties;
  }

  @PostMapping(path = "/messages", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Object> send(@RequestHeader(name = "Authorization", required = false) String authorization,
      @RequestHeader(name = HttpSmsGateway.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
      @RequestBody(required = false) Map<String, Object> body) {
    if (!bearer(authorization, properties.simulator().token())) {
      return problem(HttpStatus.UNAUTHORIZED, "访问令牌无效");
    }
    if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
      return problem(HttpStatus.BAD_REQUEST, "缺少或过长的 " + HttpSmsGateway.IDEMPOTENCY_KEY);
    }
    Map<String, Object> b = body == null ? Map.of() : body;
    SmsSimulator.Outcome outcome = simulator.receive(idempotencyKey, string(b.get("mobile")), string(b.get("text")),
        string(b.get("reference")));
    if (outcome instanceof SmsSimulator.Accepted a) {
      return ResponseEntity.status(a.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
          .body(Map.of("messageId", a.message().messageId(), "replayed", a.replayed()));
    }
    SmsSimulator.Refused r = (SmsSimulator.Refused) outcome;
    return problem(HttpStatus.valueOf(r.status()), r.message());
  }

  @GetMapping(path = "/messages", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Object> messages(@RequestHeader(name = "Authorization", required = false) String authorization,
      @RequestParam(required = false) String mobile, @RequestParam(required = false) String reference) {
    if (!bearer(authorization, properties.simulator().adminToken())) {
      return problem(HttpStatus.UNAUTHORIZED, "访问令牌无效");
    }
    List<SmsSimulator.Message> messages = simulator.messages(mobile, reference);
    return ResponseEntity.ok(messages);
  }

  public record Behaviour(Boolean down, Integer failNextCalls) {}

  @PutMapping(path = "/behaviour", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Object> behave(@RequestHeader(name = "Authorization", required = false) String authorization,
      @RequestBody(required = false) Behaviour behaviour) {
    if (!bearer(authorization, properties.simulator().adminToken())) {
      return problem(HttpStatus.UNAUTHORIZED, "访问令牌无效");
    }
    if (behaviour != null && behaviour.down() != null) {
      simulator.down(behaviour.down());
    }
    if (behaviour != null && behaviour.failNextCalls() != null) {
      simulator.failNextCalls(behaviour.failNextCalls());
    }
    return ResponseEntity.ok(state());
  }

  @PostMapping(path = "/reset", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Object> reset(@RequestHeader(name = "Authorization", required = false) String authorization,
      @RequestParam(defaultValue = "false") boolean forget) {
    if (!bearer(authorization, properties.simulator().adminToken())) {
      return problem(HttpStatus.UNAUTHORIZED, "访问令牌无效");
    }
    simulator.reset(forget);
    return ResponseEntity.ok(state());
  }

  private Map<String, Object> state() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("down", simulator.isDown());
    state.put("failNextCalls", simulator.failNextCalls());
    state.put("calls", simulator.calls());
    return state;
  }

  private static boolean bearer(String authorization, String expected) {
    if (expected == null || expected.isBlank() || authorization == null
        || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return MessageDigest.isEqual(authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8),
        expected.getBytes(StandardCharsets.UTF_8));
  }

  private static String string(Object value) {
    return value == null ? null : String.valueOf(value);
  }

  private static ResponseEntity<Object> problem(HttpStatus status, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setTitle("短信网关（模拟）");
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
  }
}
