package org.onewindow.notification;

/** Outgoing port: tells the applicant that the result is ready for pickup (通知取件). */
public interface PickupNotifier {

  record PickupNotice(String receiptNumber, String mobile, String text) {}

  void send(PickupNotice notice);
}
