package org.onewindow.rating;

/** A rating that cannot be given now (409): the case is not finished, or it was rated already. */
public class RatingNotAllowedException extends RuntimeException {
  public RatingNotAllowedException(String message) {
    super(message);
  }
}
