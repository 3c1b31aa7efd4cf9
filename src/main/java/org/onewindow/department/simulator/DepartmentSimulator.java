package org.onewindow.department.simulator;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.onewindow.department.DepartmentCapability;
import org.onewindow.intake.validation.UnifiedSocialCreditCode;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The simulated departments' memory: what each registered, by idempotency key, how often each key
 * was called, and how each department is told to behave (latency, failure share, down, refusal).
 * Kept in memory: a restart of the simulator is a new set of departments.
 *
 * <p>Order of a call: count it; down or an injected failure answers 5xx before anything is
 * registered; a known key answers the first result again; a configured refusal or a business rule
 * (an enterprise name already registered by another case) refuses; otherwise the registration is
 * made; the latency is spent last, so a caller that times out has still been registered, as a
 * slow real system would have done.
 */
@Component
@Profile({"demo", "simulator"})
public class DepartmentSimulator {
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
  /** Region code of the fictitious county in generated credit codes. */
  private static final String REGION = "331127";

  /** How a department behaves; every field has a harmless default. */
  public record Behaviour(long latencyMs, double failureRate, boolean down, int failNextCalls, String refuseCode,
      String refuseMessage) {
    public static final Behaviour NORMAL = new Behaviour(0, 0, false, 0, null, null);

    public Behaviour {
      latencyMs = Math.max(0, Math.min(latencyMs, 120_000));
      failureRate = Math.max(0, Math.min(failureRate, 1));
      failNextCalls = Math.max(0, failNextCalls);
    }
  }

  public record Stored(String department, String capability, String idempotencyKey, String referenceNumber,
      OffsetDateTime registeredAt) {}

  public sealed interface Outcome {}

  public record Registered(Stored registration, boolean replayed) implements Outcome {}

  public record Refused(String code, String message) implements Outcome {}

  public record Failed(int status, String message) implements Outcome {}

  private final ConcurrentMap<String, Behaviour> behaviours = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Stored> registrations = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, String> enterpriseNames = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, AtomicLong> sequences = new ConcurrentHashMap<>();

  public Behaviour behaviour(String department) {
    return behaviours.getOrDefault(department, Behaviour.NORMAL);
  }

  public void setBehaviour(String department, Behaviour behaviour) {
    behaviours.put(department, behaviour == null ? Behaviour.NORMAL : behaviour);
  }

  /** Back to normal behaviour everywhere; with {@code forget} also forgets every registration. */
  public void reset(boolean forget) {
    behaviours.clear();
    if (forget) {
      registrations.clear();
      calls.clear();
      enterpriseNames.clear();
    }
  }

  public int calls(String department, String idempotencyKey) {
    AtomicInteger n = calls.get(department + " " + idempotencyKey);
    return n == null ? 0 : n.get();
  }

  public Stored registration(String department, String idempotencyKey) {
    return registrations.get(department + " " + idempotencyKey);
  }

  /** How many registrations the department holds (each key once). */
  public long registrations(String department) {
    return registrations.values().stream().filter(r -> r.department().equals(department)).count();
  }

  public long calls(String department) {
    String prefix = department + " ";
    return calls.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(e -> e.getValue().get()).sum();
  }

  public Outcome handle(String department, DepartmentCapability capability, String idempotencyKey,
      Map<String, Object> body) {
    String key = department + " " + idempotencyKey;
    calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    Behaviour b = behaviour(department);
    if (b.down()) {
      return new Failed(503, "系统暂停服务（模拟停机）");
    }
    if (b.failNextCalls() > 0) {
      behaviours.computeIfPresent(department, (d, cur) -> new Behaviour(cur.latencyMs(), cur.failureRate(), cur.down(),
          Math.max(0, cur.failNextCalls() - 1), cur.refuseCode(), cur.refuseMessage()));
      return new Failed(500, "内部错误（模拟故障）");
    }
    if (b.failureRate() > 0 && ThreadLocalRandom.current().nextDouble() < b.failureRate()) {
      return new Failed(500, "内部错误（模拟随机故障）");
    }
    Stored existing = registrations.get(key);
    if (existing != null) {
      sleep(b.latencyMs());
      return new Registered(existing, true);
    }
    if (b.refuseMessage() != null && !b.refuseMessage().isBlank()) {
      return new Refused(b.refuseCode() == null || b.refuseCode().isBlank() ? "REFUSED" : b.refuseCode(),
          b.refuseMessage());
    }
    String missing = missingField(capability, body);
    if (missing != null) {
      return new Refused("INCOMPLETE", "缺少" + missing);
    }
    if (capability == DepartmentCapability.BUSINESS_REGISTRATION) {
      String name = text(body, "enterpriseName").strip();
      String holder = enterpriseNames.putIfAbsent(name, idempotencyKey);
      if (holder != null && !holder.equals(idempotencyKey)) {
        return new Refused("NAME_TAKEN", "企业名称“" + name + "”已被登记，请更换名称");
      }
    }
    boolean[] created = {false};
    Stored stored = registrations.computeIfAbsent(key, k -> {
      created[0] = true;
      return new Stored(department, capability.path(), idempotencyKey, reference(department, capability, text(body, "itemCode")),
          OffsetDateTime.now(ZONE));
    });
    sleep(b.latencyMs());
    return new Registered(stored, !created[0]);
  }

  private static String missingField(DepartmentCapability capability, Map<String, Object> body) {
    if (text(body, "receiptNumber").isBlank()) {
      return "办件编号（receiptNumber）";
    }
    return switch (capability) {
      case BUSINESS_REGISTRATION -> text(body, "enterpriseName").isBlank() ? "企业名称（enterpriseName）" : null;
      case SEAL_ENGRAVING, TAX_REGISTRATION, SOCIAL_INSURANCE_REGISTRATION, BANK_ACCOUNT_NOTIFICATION ->
          text(body, "creditCode").isBlank() ? "统一社会信用代码（creditCode）" : null;
      case LICENCE_ISSUE -> null;
    };
  }

  private String reference(String department, DepartmentCapability capability, String itemCode) {
    long n = sequences.computeIfAbsent(department + " " + capability, k -> new AtomicLong()).incrementAndGet();
    String day = DAY.format(LocalDate.now(ZONE));
    return switch (capability) {
      case BUSINESS_REGISTRATION -> creditCode(n);
      case SEAL_ENGRAVING -> "YZBA" + day + String.format("%06d", n);
      case TAX_REGISTRATION -> "SWDJ" + day + String.format("%06d", n);
      case SOCIAL_INSURANCE_REGISTRATION -> "SBDJ" + day + String.format("%06d", n);
      case BANK_ACCOUNT_NOTIFICATION -> "KHGZ" + day + String.format("%06d", n);
      case LICENCE_ISSUE -> (itemCode.isBlank() ? department.toUpperCase() : itemCode) + "-" + day
          + String.format("%06d", n);
    };
  }

  /** A valid unified social credit code: 9 (registered by market regulation), 1 (enterprise), region, number. */
  static String creditCode(long n) {
    String body = "91" + REGION + String.format("%09d", n % 1_000_000_000L);
    for (char c : UnifiedSocialCreditCode.ALPHABET.toCharArray()) {
      if (UnifiedSocialCreditCode.validate(body + c).isEmpty()) {
        return body + c;
      }
    }
    throw new IllegalStateException("no check character for " + body);
  }

  private static String text(Map<String, Object> body, String field) {
    Object v = body == null ? null : body.get(field);
    return v == null ? "" : String.valueOf(v);
  }

  private static void sleep(long ms) {
    if (ms <= 0) {
      return;
    }
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
