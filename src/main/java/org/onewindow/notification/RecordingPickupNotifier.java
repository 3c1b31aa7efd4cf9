package org.onewindow.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** In-process stand-in for the SMS gateway until its HTTP adapter exists: logs the text. */
@Component
public class RecordingPickupNotifier implements PickupNotifier {
  private static final Logger log = LoggerFactory.getLogger(RecordingPickupNotifier.class);

  @Override
  public void send(PickupNotice notice) {
    log.info("Pickup notice for case {} to {}: {}", notice.receiptNumber(), mask(notice.mobile()), notice.text());
  }

  private static String mask(String mobile) {
    return mobile == null || mobile.length() < 11 ? "?" : mobile.substring(0, 3) + "****" + mobile.substring(7);
  }
}
