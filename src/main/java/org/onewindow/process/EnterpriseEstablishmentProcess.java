package org.onewindow.process;

/**
 * Key, element ids and variables of processes/enterprise-establishment.bpmn (企业开办): the
 * business licence first, then seal, tax, social insurance and bank in parallel.
 */
public final class EnterpriseEstablishmentProcess {
  public static final String KEY = "enterprise-establishment";
  public static final String ITEM_CODE = "QY-KB";

  // Elements
  public static final String START = "received";
  public static final String ACCEPTANCE = "acceptance";
  public static final String AWAIT_SUPPLEMENT = "awaitSupplement";
  /** Acceptance starts the case clock (承诺时限起算), as in the commitment item. */
  public static final String START_CLOCK = CommitmentItemProcess.START_CLOCK;
  /**
   * The handling (办理) sub-process: everything the clock measures, from the licence to the notice;
   * it holds the clock's warning and overdue event sub-processes with the commitment item's ids
   * ({@link CommitmentItemProcess#SUPERVISION_ORDER} and the rest).
   */
  public static final String HANDLING = CommitmentItemProcess.HANDLING;
  /** Terminate end of the handling: the applicant is notified, the clock stops, open orders close. */
  public static final String RESULT_READY = CommitmentItemProcess.RESULT_READY;
  public static final String REGISTER_BUSINESS = "registerBusiness";
  public static final String PARALLEL_REGISTRATIONS = "parallelRegistrations";
  public static final String ENGRAVE_SEAL = "engraveSeal";
  public static final String REGISTER_TAX = "registerTax";
  public static final String REGISTER_SOCIAL_INSURANCE = "registerSocialInsurance";
  public static final String NOTIFY_BANK_ACCOUNT = "notifyBankAccount";
  public static final String JOIN_REGISTRATIONS = "joinRegistrations";
  public static final String BUSINESS_REFUSED = "businessRefused";
  public static final String REGISTRATION_REFUSED = "registrationRefused";
  public static final String DEPARTMENT_REFUSAL = "departmentRefusal";
  public static final String NOTIFY_APPLICANT = "notifyApplicant";
  public static final String END_FINISHED = "finished";
  public static final String END_REFUSED = "refused";
  public static final String END_WITHDRAWN = "withdrawn";
  /** Error end inside the handling when the applicant withdraws; caught by {@link #HANDLING_WITHDRAWN}. */
  public static final String WITHDRAWAL = "withdrawal";
  public static final String HANDLING_WITHDRAWN = "handlingWithdrawn";
  public static final String APPLICANT_WITHDREW = "APPLICANT_WITHDREW";

  /** The department calls, in the order of the model. */
  public static final String[] DEPARTMENT_STEPS =
      {REGISTER_BUSINESS, ENGRAVE_SEAL, REGISTER_TAX, REGISTER_SOCIAL_INSURANCE, NOTIFY_BANK_ACCOUNT};

  // Variables (acceptance uses CommitmentItemProcess.ACCEPTANCE_DECISION and its values)
  /** The enterprise's name as it will be registered (拟设立企业名称); the acceptance form sets it. */
  public static final String ENTERPRISE_NAME = "enterpriseName";
  /** Unified social credit code the market regulator assigned: also the business licence number. */
  public static final String CREDIT_CODE = "enterpriseCreditCode";
  public static final String SEAL_RECORD_NUMBER = "sealRecordNumber";
  public static final String TAX_REGISTRATION_NUMBER = "taxRegistrationNumber";
  public static final String SOCIAL_INSURANCE_NUMBER = "socialInsuranceNumber";
  public static final String BANK_NOTICE_NUMBER = "bankNoticeNumber";
  /** The department that refused, its code (e.g. {@code tax}), and its reason. */
  public static final String REFUSING_DEPARTMENT = "refusingDepartment";
  public static final String REFUSAL_CODE = "departmentRefusalCode";
  public static final String DEPARTMENT_REFUSAL_REASON = "departmentRefusalReason";
  /** The window's answer to a refusal: resubmit (corrected) or the applicant withdraws. */
  public static final String REFUSAL_HANDLING = "refusalHandling";
  public static final String RESUBMIT = "RESUBMIT";
  public static final String WITHDRAW = "WITHDRAW";

  private EnterpriseEstablishmentProcess() {}
}
