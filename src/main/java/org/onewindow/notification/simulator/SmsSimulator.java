package org.onewindow.notification.simulator;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.onewindow.intake.validation.MobileNumber;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * A simulated SMS gateway for the demo profile: records every message it accepts (idempotent on
 * the sender's key, like a real gateway), and can be told to be down or to fail the next calls.
 * Keeps the last {@value #MAX_MESSAGES} messages.
 */
@Component
@Profile("demo")
public class SmsSimulator {
  static final int MAX_MESSAGES = 10_000;

  public record Message(String messageId, String idempotencyKey, String mobile, String text, String reference,
      OffsetDateTime receivedAt) {}

  /** What became of a call: accepted (or accepted before, for a repeated key), or refused with an HTTP status. */
  public sealed interface Outcome permits Accepted, Refused {}

  public record Accepted(Message message, boolean replayed) implements Outcome {}

  public record Refused(int status, String message) implements Outcome {}

  private final Map<String, Message> byKey = new LinkedHashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicInteger failNextCalls = new AtomicInteger();
  private final AtomicInteger calls = new AtomicInteger();
  private volatile boolean down;

  public synchronized Outcome receive(String idempotencyKey, String mobile, String text, String reference) {
    calls.incrementAndGet();
    if (down) {
      return new Refused(503, "短信网关维护中");
    }
    if (failNextCalls.get() > 0 && failNextCalls.getAndDecrement() > 0) {
      return new Refused(500, "短信网关内部错误（模拟）");
    }
    Message earlier = byKey.get(idempotencyKey);
    if (earlier != null) {
      return new Accepted(earlier, true);
    }
    if (mobile == null || MobileNumber.validate(mobile).isPresent()) {
      return new Refused(400, "手机号码无效");
    }
    if (text == null || text.isBlank()) {
      return new Refused(400, "短信内容为空");
    }
    Message message = new Message("SMS" + String.format("%08d", sequence.incrementAndGet()), idempotencyKey, mobile,
        text, reference, OffsetDateTime.now(ZoneId.of("Asia/Shanghai")));
    byKey.put(idempotencyKey, message);
    if (byKey.size() > MAX_MESSAGES) {
      byKey.remove(byKey.keySet().iterator().next());
    }
    return new Accepted(message, false);
  }

  /** The accepted messages, oldest first; blank filters match everything. */
  public synchronized List<Message> messages(String mobile, String reference) {
    List<Message> result = new ArrayList<>();
    for (Message m : byKey.values()) {
      if ((mobile == null || mobile.isBlank() || mobile.equals(m.mobile()))
          && (reference == null || reference.isBlank() || reference.equals(m.reference()))) {
        result.add(m);
      }
    }
    return result;
  }

  public void down(boolean down) {
    this.down = down;
  }

  public boolean isDown() {
    return down;
  }

  public void failNextCalls(int n) {
    failNextCalls.set(Math.max(0, n));
  }

  public int failNextCalls() {
    return failNextCalls.get();
  }

  /** Every call received, accepted or not. */
  public int calls() {
    return calls.get();
  }

  /** Back to normal; with {@code forget} also drops the recorded messages. */
  public synchronized void reset(boolean forget) {
    down = false;
    failNextCalls.set(0);
    if (forget) {
      byKey.clear();
    }
  }
}
