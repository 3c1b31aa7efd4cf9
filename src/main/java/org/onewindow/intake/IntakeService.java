package org.onewindow.intake;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.onewindow.catalog.Catalog;
import org.onewindow.catalog.CatalogItem;
import org.onewindow.catalog.ItemType;
import org.onewindow.intake.validation.CitizenIdNumber;
import org.onewindow.intake.validation.MobileNumber;
import org.onewindow.intake.validation.UnifiedSocialCreditCode;
import org.onewindow.cases.CaseRecord;
import org.onewindow.cases.CaseRepository;
import org.onewindow.cases.CaseStatus;
import org.onewindow.process.CaseVariables;
import org.onewindow.process.CommitmentItemProcess;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Receives applications. Both ways in end in the same place: the REST API starts the process
 * with a receipt number as business key; the Tasklist start form starts it without one, and the
 * start event's listener validates the form and assigns the number. Either way the listener
 * writes the case row in the engine's transaction, so a failed start leaves nothing behind.
 */
@Service
public class IntakeService {
  /** The case file of the case being received on this thread, until its start listener writes it. */
  private static final ThreadLocal<CaseRecord> PENDING = new ThreadLocal<>();

  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private final Catalog catalog;
  private final IntakeValidator validator;
  private final ReceiptNumbers receipts;
  private final CaseRepository cases;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;

  public IntakeService(Catalog catalog, IntakeValidator validator, ReceiptNumbers receipts, CaseRepository cases,
      RuntimeService runtimeService, IdentityService identityService) {
    this.catalog = catalog;
    this.validator = validator;
    this.receipts = receipts;
    this.cases = cases;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
  }

  @Transactional
  public ReceivedCase receive(Application application) {
    List<FieldError> errors = validator.validate(application, today());
    if (!errors.isEmpty()) {
      throw new CaseValidationException(errors);
    }
    Application a = normalise(application);
    CatalogItem item = catalog.require(a.itemCode());
    String receiptNumber = receipts.next(today());
    // The start listener writes the case file, with its process instance, before any other step
    // of the case runs (one INSERT instead of an INSERT and an UPDATE); if no listener took it (a
    // model whose start is asynchronous), it is written here once the instance exists.
    CaseRecord file = record(receiptNumber, a, item, null);
    Map<String, Object> variables = caseVariables(a, item, receiptNumber);
    PENDING.set(file);
    ProcessInstance instance;
    try {
      instance = runtimeService.startProcessInstanceByKey(processKey(item), receiptNumber, variables);
      if (PENDING.get() != null) {
        cases.insert(file.withProcessInstanceId(instance.getId()));
      }
    } finally {
      PENDING.remove();
    }
    return new ReceivedCase(receiptNumber, CaseStatus.RECEIVED, instance.getId(),
        validator.missingMaterials(item, a.materials()));
  }

  /** Called by the start event's listener of every case process. */
  public void registerAtStart(DelegateExecution execution) {
    String receiptNumber = execution.getProcessBusinessKey();
    CaseRecord pending = PENDING.get();
    if (receiptNumber == null) {
      acceptStartForm(execution);
    } else if (pending != null && pending.receiptNumber().equals(receiptNumber)) {
      cases.insert(pending.withProcessInstanceId(execution.getProcessInstanceId()));
      PENDING.remove();
    } else {
      cases.attachProcess(receiptNumber, execution.getProcessInstanceId());
    }
  }

  private CaseRecord record(String receiptNumber, Application a, CatalogItem item, String processInstanceId) {
    return new CaseRecord(receiptNumber, item.code(), item.type().name(), processKey(item), a.channel(),
        a.applicantKind(), a.applicantName(), a.applicantId(), a.mobile(), a.materials(), CaseStatus.RECEIVED,
        null, processInstanceId, null, currentUser(), now(), null, null, null);
  }

  private void acceptStartForm(DelegateExecution execution) {
    String kind = text(execution, CaseVariables.APPLICANT_KIND);
    String id = text(execution, CaseVariables.APPLICANT_ID);
    Application application = new Application(
        text(execution, CaseVariables.ITEM_CODE),
        "WINDOW",
        kind,
        text(execution, CaseVariables.APPLICANT_NAME),
        Application.ORGANIZATION.equals(kind) ? null : id,
        Application.ORGANIZATION.equals(kind) ? id : null,
        text(execution, CaseVariables.MOBILE),
        lines(text(execution, CaseVariables.MATERIALS)));
    List<FieldError> errors = new ArrayList<>(validator.validate(application, today()));
    catalog.item(application.itemCode())
        .filter(item -> !processKey(item).equals(processKeyOf(execution)))
        .ifPresent(item -> errors.add(new FieldError("itemCode",
            "事项“" + item.name() + "”不由本流程办理，请从流程“" + item.processKey() + "”发起")));
    if (!errors.isEmpty()) {
      throw new CaseValidationException(errors);
    }
    Application a = normalise(application);
    CatalogItem item = catalog.require(a.itemCode());
    String receiptNumber = receipts.next(today());
    execution.setProcessBusinessKey(receiptNumber);
    execution.setVariables(caseVariables(a, item, receiptNumber));
    cases.insert(record(receiptNumber, a, item, execution.getProcessInstanceId()));
  }

  public static String processKey(CatalogItem item) {
    return item.processKey();
  }

  private Map<String, Object> caseVariables(Application a, CatalogItem item, String receiptNumber) {
    Map<String, Object> v = new HashMap<>();
    v.put(CaseVariables.RECEIPT_NUMBER, receiptNumber);
    v.put(CaseVariables.ITEM_CODE, item.code());
    v.put(CaseVariables.ITEM_NAME, item.name());
    // Channel, applicant kind and mobile stay in the case file only: nothing in a model or form
    // needs them, and every variable costs rows in the runtime and history tables.
    v.put(CaseVariables.APPLICANT_NAME, a.applicantName());
    v.put(CaseVariables.APPLICANT_ID, a.applicantId());
    v.put(CaseVariables.MATERIALS, String.join("\n", a.materials()));
    if (item.type() == ItemType.COMMITMENT) {
      // Prefilled for the window's completeness check; the clerk confirms or edits it.
      v.put(CommitmentItemProcess.MISSING_MATERIALS, String.join("\n", validator.missingMaterials(item, a.materials())));
    }
    return v;
  }

  private static Application normalise(Application a) {
    List<String> materials = a.materials() == null ? List.of() : a.materials().stream().map(String::strip).toList();
    return new Application(a.itemCode().strip(), a.channel(), a.applicantKind(), a.applicantName().strip(),
        CitizenIdNumber.normalise(a.idNumber()), UnifiedSocialCreditCode.normalise(a.creditCode()),
        MobileNumber.normalise(a.mobile()), materials);
  }

  private static String text(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value == null ? null : String.valueOf(value);
  }

  private static List<String> lines(String text) {
    return text == null ? List.of() : Arrays.stream(text.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static String processKeyOf(DelegateExecution execution) {
    String definitionId = execution.getProcessDefinitionId();
    return definitionId.substring(0, definitionId.indexOf(':'));
  }

  private String currentUser() {
    Authentication auth = identityService.getCurrentAuthentication();
    return auth == null ? null : auth.getUserId();
  }

  static LocalDate today() {
    return ClockUtil.getCurrentTime().toInstant().atZone(ZONE).toLocalDate();
  }

  static OffsetDateTime now() {
    return ClockUtil.getCurrentTime().toInstant().atZone(ZONE).toOffsetDateTime();
  }
}
