package org.onewindow.applicant;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.onewindow.cases.CaseRecord;
import org.onewindow.cases.CaseRepository;
import org.onewindow.cases.CaseStatus;
import org.onewindow.catalog.Catalog;
import org.onewindow.catalog.CatalogItem;
import org.onewindow.intake.Application;
import org.onewindow.intake.CaseValidationException;
import org.onewindow.intake.FieldError;
import org.onewindow.intake.IntakeController;
import org.onewindow.intake.IntakeService;
import org.onewindow.intake.IntakeValidator;
import org.onewindow.intake.ReceivedCase;
import org.onewindow.material.Material;
import org.onewindow.material.MaterialService;
import org.onewindow.notification.NoticeOutbox;
import org.onewindow.process.CommitmentItemProcess;
import org.onewindow.rating.Rating;
import org.onewindow.rating.RatingRecord;
import org.onewindow.rating.RatingService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

/**
 * The online hall (网上大厅): everything an applicant does without a Camunda login. Each change
 * checks the input (400), then the receipt number and query code (404, throttled per client: 429),
 * then where the case stands (409), and happens in one transaction with the engine's work, under a
 * lock on the case row, so nothing is half-written and two requests on one case never interleave.
 */
@Service
public class PublicCaseService {
  public static final String ONLINE = "ONLINE";
  /** A case may be withdrawn (撤件) until the decision. */
  public static final Set<CaseStatus> WITHDRAWABLE = Set.of(CaseStatus.RECEIVED, CaseStatus.AWAITING_SUPPLEMENT,
      CaseStatus.ACCEPTED, CaseStatus.UNDER_REVIEW, CaseStatus.RETURNED);
  static final int MAX_REASON = 500;
  static final int MAX_COMMENT = 500;

  private final IntakeService intake;
  private final CaseRepository cases;
  private final CaseAccess access;
  private final ApplicantRecords records;
  private final PublicThrottles throttles;
  private final SupplementRequests supplementRequests;
  private final PromisedDates promisedDates;
  private final WithdrawalClock clock;
  private final RatingService ratings;
  private final MaterialService materials;
  private final Catalog catalog;
  private final TaskService taskService;
  private final RuntimeService runtimeService;
  private final NoticeOutbox outbox;

  public PublicCaseService(IntakeService intake, CaseRepository cases, CaseAccess access, ApplicantRecords records,
      PublicThrottles throttles, SupplementRequests supplementRequests, PromisedDates promisedDates,
      WithdrawalClock clock, RatingService ratings, MaterialService materials, Catalog catalog,
      TaskService taskService, RuntimeService runtimeService, NoticeOutbox outbox) {
    this.intake = intake;
    this.cases = cases;
    this.access = access;
    this.records = records;
    this.throttles = throttles;
    this.supplementRequests = supplementRequests;
    this.promisedDates = promisedDates;
    this.clock = clock;
    this.ratings = ratings;
    this.materials = materials;
    this.catalog = catalog;
    this.taskService = taskService;
    this.runtimeService = runtimeService;
    this.outbox = outbox;
  }

  /** A received online application: the query code is here in clear, and nowhere else ever again. */
  public record Applied(String receiptNumber, String queryCode, String itemName, CaseStatus status,
      List<String> missingMaterials) {}

  /** 网上申请: the window's intake and validation, with the channel ONLINE; lands in the window's queue. */
  @Transactional
  public Applied apply(String client, IntakeController.ApplicationJson body) {
    throttles.checkApplications(client);
    if (body == null) {
      throw new CaseValidationException(List.of(new FieldError("body", "请求体不能为空")));
    }
    IntakeController.ApplicantJson p = body.applicant() == null
        ? new IntakeController.ApplicantJson(null, null, null, null, null) : body.applicant();
    ReceivedCase received = intake.receive(new Application(body.itemCode(), ONLINE, p.kind(), p.name(),
        p.idNumber(), p.creditCode(), p.mobile(), body.materials()));
    String code = QueryCodes.generate();
    OffsetDateTime now = CaseAccess.now();
    records.saveCode(received.receiptNumber(), QueryCodes.hash(code), now);
    records.record(received.receiptNumber(), ApplicantRecords.APPLY, null, now);
    throttles.applied(client);
    String itemName = catalog.item(body.itemCode().strip()).map(CatalogItem::name).orElse(null);
    return new Applied(received.receiptNumber(), code, itemName, received.status(), received.missingMaterials());
  }

  public PublicStatus status(String client, String receiptNumber, String code) {
    return view(access.open(client, receiptNumber, code));
  }

  /**
   * 补正: completes every open waiting task of the case (the window's, or the departments' during
   * review) with the supplied material names; the case moves on as the model says.
   */
  @Transactional
  public PublicStatus supplement(String client, String receiptNumber, String code, List<String> supplied) {
    throttles.checkCodes(client);
    List<FieldError> errors = materialNames(supplied);
    if (!errors.isEmpty()) {
      throw new CaseValidationException(errors);
    }
    CaseRecord c = access.openForUpdate(client, receiptNumber, code);
    List<Task> waiting = supplementRequests.openTasks(c.processInstanceId());
    if (waiting.isEmpty()) {
      throw new CaseStateException("办件当前不需要补正材料（状态：" + c.status().label() + "）");
    }
    String names = String.join("\n", supplied.stream().map(String::strip).toList());
    try {
      for (Task task : waiting) {
        taskService.complete(task.getId(), Map.of(CommitmentItemProcess.SUPPLIED_MATERIALS, names));
      }
    } catch (OptimisticLockingException e) {
      throw new CaseStateException("办件正在办理中，请稍后再试");
    } catch (CaseValidationException e) {
      throw e;
    } catch (ProcessEngineException e) {
      throw new CaseStateException("办件已不在等待补正，请刷新后再试");
    }
    records.record(receiptNumber, ApplicantRecords.SUPPLEMENT, names, CaseAccess.now());
    return view(cases.find(receiptNumber).orElseThrow());
  }

  /**
   * 撤件: until the decision. The process instance is deleted (its tasks leave every queue, its history
   * stays), the case file is finished as WITHDRAWN, the case clock stopped and notices not yet sent
   * cancelled, all in one transaction.
   */
  @Transactional
  public PublicStatus withdraw(String client, String receiptNumber, String code, String reason) {
    throttles.checkCodes(client);
    String why = reason == null ? "" : reason.strip();
    if (why.isEmpty()) {
      throw new CaseValidationException(List.of(new FieldError("reason", "请填写撤回申请的理由")));
    }
    if (why.length() > MAX_REASON) {
      throw new CaseValidationException(List.of(new FieldError("reason", "撤回理由不能超过" + MAX_REASON + "个字符")));
    }
    CaseRecord c = access.openForUpdate(client, receiptNumber, code);
    if (!WITHDRAWABLE.contains(c.status())) {
      throw new CaseStateException("办件已作出决定或已结束，不能撤回（状态：" + c.status().label() + "）");
    }
    OffsetDateTime now = CaseAccess.now();
    try {
      if (c.processInstanceId() != null
          && runtimeService.createProcessInstanceQuery().processInstanceId(c.processInstanceId()).count() > 0) {
        runtimeService.deleteProcessInstance(c.processInstanceId(), "撤件：" + why, true, true);
      }
    } catch (OptimisticLockingException e) {
      throw new CaseStateException("办件正在办理中，请稍后再试");
    }
    cases.finish(receiptNumber, CaseStatus.WITHDRAWN, now);
    clock.stop(receiptNumber, why, now);
    outbox.cancelAllPending(receiptNumber, "申请人已撤件");
    records.record(receiptNumber, ApplicantRecords.WITHDRAWAL, why, now);
    return view(cases.find(receiptNumber).orElseThrow());
  }

  /** 好差评: once per case, after pickup or withdrawal. */
  @Transactional
  public RatingRecord rate(String client, String receiptNumber, String code, String rating, String comment) {
    throttles.checkCodes(client);
    List<FieldError> errors = new ArrayList<>();
    Rating r = rating == null ? null : Rating.of(rating.strip()).orElse(null);
    if (r == null) {
      errors.add(new FieldError("rating",
          "评价应为 VERY_SATISFIED（非常满意）、SATISFIED（满意）、AVERAGE（一般）、DISSATISFIED（不满意）或 VERY_DISSATISFIED（非常不满意）"));
    }
    String text = comment == null || comment.isBlank() ? null : comment.strip();
    if (text != null && text.length() > MAX_COMMENT) {
      errors.add(new FieldError("comment", "评价内容不能超过" + MAX_COMMENT + "个字符"));
    }
    if (!errors.isEmpty()) {
      throw new CaseValidationException(errors);
    }
    CaseRecord c = access.openForUpdate(client, receiptNumber, code);
    return ratings.rate(c, r, text, CaseAccess.now());
  }

  /** One file for a case, until the decision. */
  @Transactional
  public Material upload(String client, String receiptNumber, String code, String name, MultipartFile file) {
    List<FieldError> errors = new ArrayList<>();
    String materialName = name == null ? "" : name.strip();
    if (materialName.isEmpty()) {
      errors.add(new FieldError("name", "请填写材料名称"));
    } else if (materialName.length() > IntakeValidator.MAX_MATERIAL_NAME_LENGTH || materialName.contains("\n")) {
      errors.add(new FieldError("name", "材料名称应为不超过" + IntakeValidator.MAX_MATERIAL_NAME_LENGTH + "个字符的一行文字"));
    }
    if (file == null || file.isEmpty()) {
      errors.add(new FieldError("file", "请选择要上传的文件"));
    }
    if (!errors.isEmpty()) {
      throw new CaseValidationException(errors);
    }
    CaseRecord c = access.openForUpdate(client, receiptNumber, code);
    OffsetDateTime now = CaseAccess.now();
    Material m = materials.accept(c, materialName, file, now);
    records.record(receiptNumber, ApplicantRecords.UPLOAD, m.materialName() + "：" + m.fileName(), now);
    return m;
  }

  static List<FieldError> materialNames(List<String> supplied) {
    List<FieldError> errors = new ArrayList<>();
    if (supplied == null || supplied.isEmpty()) {
      errors.add(new FieldError("materials", "请列出本次补正的材料"));
    } else if (supplied.size() > IntakeValidator.MAX_MATERIALS) {
      errors.add(new FieldError("materials", "材料不能超过" + IntakeValidator.MAX_MATERIALS + "项"));
    } else {
      for (int i = 0; i < supplied.size(); i++) {
        String m = supplied.get(i);
        if (m == null || m.isBlank()) {
          errors.add(new FieldError("materials[" + i + "]", "材料名称不能为空"));
        } else if (m.strip().length() > IntakeValidator.MAX_MATERIAL_NAME_LENGTH || m.contains("\n")) {
          errors.add(new FieldError("materials[" + i + "]",
              "材料名称应为不超过" + IntakeValidator.MAX_MATERIAL_NAME_LENGTH + "个字符的一行文字"));
        }
      }
    }
    return errors;
  }

  private PublicStatus view(CaseRecord c) {
    List<PublicStatus.SupplementRequest> requests = supplementRequests.open(c.processInstanceId()).stream()
        .map(r -> new PublicStatus.SupplementRequest(r.from(), r.missingMaterials(), r.reason(), r.requestedAt()))
        .toList();
    CaseStatus shown = requests.isEmpty() ? c.status() : CaseStatus.AWAITING_SUPPLEMENT;
    RatingRecord rating = ratings.find(c.receiptNumber()).orElse(null);
    return new PublicStatus(c.receiptNumber(),
        catalog.item(c.itemCode()).map(CatalogItem::name).orElse(c.itemCode()),
        shown.name(), shown.label(), promisedDates.of(c), c.receivedAt(), c.acceptedAt(), c.decidedAt(),
        c.finishedAt(), requests, !requests.isEmpty(), MaterialService.OPEN.contains(c.status()),
        WITHDRAWABLE.contains(c.status()), rating == null && RatingService.isOver(c),
        rating == null ? null : new PublicStatus.RatingGiven(rating.rating().name(), rating.rating().label(),
            rating.comment(), rating.ratedAt()));
  }
}
