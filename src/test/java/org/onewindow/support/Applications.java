package org.onewindow.support;

import java.util.List;
import java.util.Map;

/** Valid applications for tests; identifiers carry correct check characters. */
public final class Applications {
  /** A valid unified social credit code (the standard's published example). */
  public static final String CREDIT_CODE = "91350100M000100Y43";
  /** A valid citizen ID number (published example, check character X). */
  public static final String ID_NUMBER = "11010519491231002X";
  public static final String MOBILE = "13800138000";

  private Applications() {}

  public static Map<String, Object> organisation(String itemCode, List<String> materials) {
    return Map.of(
        "itemCode", itemCode,
        "channel", "WINDOW",
        "applicant", Map.of("kind", "ORGANIZATION", "name", "县城建设发展有限公司", "creditCode", CREDIT_CODE,
            "mobile", MOBILE),
        "materials", materials);
  }

  public static Map<String, Object> person(String itemCode, List<String> materials) {
    return Map.of(
        "itemCode", itemCode,
        "channel", "WINDOW",
        "applicant", Map.of("kind", "PERSON", "name", "王小明", "idNumber", ID_NUMBER, "mobile", MOBILE),
        "materials", materials);
  }
}
