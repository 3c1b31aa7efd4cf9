package org.onewindow.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox through the {@link SmsGateway}, outside any case transaction: a notice that
 * cannot be sent waits and is retried with a doubling backoff, and is marked FAILED when the gateway
 * refuses it or the attempts are spent. Nothing here can block or roll back a case.
 */
@Component
public class NoticeSender {
  private static final Logger log = LoggerFactory.getLogger(NoticeSender.class);
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private final NoticeOutbox outbox;
  private final SmsGateway gateway;
  private final SmsProperties properties;
  private final Clock clock;

  /** @param clock real time: retries are scheduled in it, whatever the engine's clock says */
  public NoticeSender(NoticeOutbox outbox, SmsGateway gateway, SmsProperties properties, Clock clock) {
    this.outbox = outbox;
    this.gateway = gateway;
    this.properties = properties;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${onewindow.sms.poll-interval:2s}",
      initialDelayString = "${onewindow.sms.poll-interval:2s}")
  public void poll() {
    try {
      sendDue();
    } catch (RuntimeException e) {
      log.error("Sending the due notices failed; they stay in the outbox", e);
    }
  }

  /**
   * Sends the notices that are due, at most one batch. After a failure that is not about the message
   * itself (the gateway is down or failing), the rest of the batch waits for the next round.
   *
   * @return the number of notices sent
   */
  public int sendDue() {
    int sent = 0;
    Duration lease = properties.connectTimeout().plus(properties.readTimeout()).plusSeconds(30);
    for (NoticeOutbox.Notice notice : outbox.due(now(), properties.batchSize())) {
      if (!outbox.claim(notice.id(), notice.attempts(), now().plus(lease))) {
        continue;
      }
      int attempt = notice.attempts() + 1;
      if (notice.mobile() == null || notice.mobile().isBlank()) {
        outbox.failed(notice.id(), "申请人没有留手机号码");
        continue;
      }
      try {
        String messageId = gateway.send(new SmsGateway.SmsMessage(
            "onewindow-notice-" + notice.id(), notice.mobile(), notice.text(), notice.receiptNumber()));
        outbox.sent(notice.id(), messageId, now());
        sent++;
      } catch (RuntimeException e) {
        boolean permanent = e instanceof SmsSendException s && s.permanent();
        String error = e instanceof SmsSendException ? e.getMessage() : "发送出错：" + e.getClass().getSimpleName();
        if (permanent || attempt >= properties.maxAttempts()) {
          outbox.failed(notice.id(), error);
          log.warn("Notice {} ({} of case {}) failed after {} attempt(s): {}", notice.id(), notice.kind(),
              notice.receiptNumber(), attempt, error);
        } else {
          outbox.retryAt(notice.id(), error, now().plus(properties.backoff(attempt)));
          log.info("Notice {} of case {} not sent (attempt {}), retried later: {}", notice.id(),
              notice.receiptNumber(), attempt, error);
        }
        if (!permanent) {
          break;
        }
      }
    }
    return sent;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock.withZone(ZONE));
  }
}
