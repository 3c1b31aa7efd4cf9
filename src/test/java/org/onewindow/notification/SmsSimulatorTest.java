package org.onewindow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.onewindow.notification.simulator.SmsSimulator;

class SmsSimulatorTest {

  @Test
  void aRepeatedKeyGetsTheFirstMessageBackAndIsRecordedOnce() {
    SmsSimulator sms = new SmsSimulator();
    SmsSimulator.Accepted first = (SmsSimulator.Accepted) sms.receive("k1", "13800138000", "你好", "OW1");
    SmsSimulator.Accepted again = (SmsSimulator.Accepted) sms.receive("k1", "13800138000", "你好", "OW1");
    assertThat(first.replayed()).isFalse();
    assertThat(again.replayed()).isTrue();
    assertThat(again.message().messageId()).isEqualTo(first.message().messageId());
    assertThat(sms.messages("13800138000", "OW1")).hasSize(1);
  }

  @Test
  void itCanBeDownFailOrRefuseABadNumber() {
    SmsSimulator sms = new SmsSimulator();
    sms.down(true);
    assertThat(sms.receive("k", "13800138000", "x", null)).isEqualTo(new SmsSimulator.Refused(503, "短信网关维护中"));
    sms.reset(false);
    sms.failNextCalls(1);
    assertThat(((SmsSimulator.Refused) sms.receive("k", "13800138000", "x", null)).status()).isEqualTo(500);
    assertThat(sms.receive("k", "13800138000", "x", null)).isInstanceOf(SmsSimulator.Accepted.class);
    assertThat(((SmsSimulator.Refused) sms.receive("k2", "12345", "x", null)).status()).isEqualTo(400);
    assertThat(sms.calls()).isEqualTo(4);
  }
}
