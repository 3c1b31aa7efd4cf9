package org.onewindow.department;

/**
 * What OneWindow asks a department's system to do. Each capability is one resource of the
 * department's API: {@code POST {base-url}/{path}} with an {@code Idempotency-Key} header.
 */
public enum DepartmentCapability {
  /** 设立登记: the market regulator registers the enterprise and issues the business licence. */
  BUSINESS_REGISTRATION("business-registrations", "设立登记（营业执照）"),
  /** 印章刻制备案: public security records the engraving of the enterprise's seals. */
  SEAL_ENGRAVING("seal-records", "印章刻制备案"),
  /** 税务登记 (涉税信息确认). */
  TAX_REGISTRATION("tax-registrations", "税务登记"),
  /** 社会保险登记. */
  SOCIAL_INSURANCE_REGISTRATION("social-insurance-registrations", "社会保险登记"),
  /** 银行开户信息告知: the bank is told of the new enterprise so it can open the basic account. */
  BANK_ACCOUNT_NOTIFICATION("account-notifications", "银行开户信息告知"),
  /** 制证: the lead department's system produces the licence or certificate of an approved case. */
  LICENCE_ISSUE("licences", "制证");

  private final String path;
  private final String label;

  DepartmentCapability(String path, String label) {
    this.path = path;
    this.label = label;
  }

  public String path() {
    return path;
  }

  public String label() {
    return label;
  }

  public static DepartmentCapability ofPath(String path) {
    for (DepartmentCapability c : values()) {
      if (c.path.equals(path)) {
        return c;
      }
    }
    return null;
  }
}
