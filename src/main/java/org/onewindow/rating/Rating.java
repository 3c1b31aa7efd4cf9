package org.onewindow.rating;

import java.util.Arrays;
import java.util.Optional;

/** The five grades of the service rating (好差评), with the words the applicant reads. */
public enum Rating {
  VERY_SATISFIED("非常满意"),
  SATISFIED("满意"),
  AVERAGE("一般"),
  DISSATISFIED("不满意"),
  VERY_DISSATISFIED("非常不满意");

  private final String label;

  Rating(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** A bad rating (差评) must be followed up (整改回访). */
  public boolean bad() {
    return this == DISSATISFIED || this == VERY_DISSATISFIED;
  }

  public boolean satisfied() {
    return this == VERY_SATISFIED || this == SATISFIED;
  }

  public static Optional<Rating> of(String value) {
    return Arrays.stream(values()).filter(r -> r.name().equals(value)).findFirst();
  }
}
