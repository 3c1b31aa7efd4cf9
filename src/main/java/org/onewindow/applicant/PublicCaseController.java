package org.onewindow.applicant;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import org.onewindow.intake.CaseValidationException;
import org.onewindow.intake.FieldError;
import org.onewindow.intake.IntakeController;
import org.onewindow.material.Material;
import org.onewindow.rating.RatingRecord;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.util.WebUtils;

/**
 * The online hall's public API under {@code /api/public/cases} (no staff login; the receipt number
 * with the query code is the applicant's key). See {@link PublicCaseService} for the rules.
 */
@RestController
@RequestMapping("/api/public/cases")
public class PublicCaseController {
  private final PublicCaseService service;
  private final PublicThrottles throttles;

  public PublicCaseController(PublicCaseService service, PublicThrottles throttles) {
    this.service = service;
    this.throttles = throttles;
  }

  public record AppliedJson(String receiptNumber, String queryCode, String itemName, String status,
      String statusLabel, List<String> missingMaterials, String statusUrl) {}

  public record SupplementJson(String code, List<String> materials) {}

  public record WithdrawalJson(String code, String reason) {}

  public record RatingJson(String code, String rating, String comment) {}

  public record RatedJson(String receiptNumber, String rating, String ratingLabel, String comment,
      OffsetDateTime ratedAt, boolean followUp) {}

  public record UploadedJson(long id, String name, String fileName, String contentType, long size, String sha256,
      OffsetDateTime uploadedAt) {}

  /** 网上申请. */
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<AppliedJson> apply(@RequestBody(required = false) IntakeController.ApplicationJson body,
      HttpServletRequest request) {
    PublicCaseService.Applied a = service.apply(client(request), body);
    String url = "/api/public/cases/" + a.receiptNumber();
    return ResponseEntity.created(URI.create(url)).body(new AppliedJson(a.receiptNumber(), a.queryCode(),
        a.itemName(), a.status().name(), a.status().label(), a.missingMaterials(), url));
  }

  /** 办件查询. */
  @GetMapping(path = "/{receiptNumber}", produces = MediaType.APPLICATION_JSON_VALUE)
  public PublicStatus status(@PathVariable String receiptNumber, @RequestParam(required = false) String code,
      HttpServletRequest request) {
    return service.status(client(request), receiptNumber, code);
  }

  /** 补正. */
  @PostMapping(path = "/{receiptNumber}/supplement", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public PublicStatus supplement(@PathVariable String receiptNumber,
      @RequestBody(required = false) SupplementJson body, HttpServletRequest request) {
    requireBody(body);
    return service.supplement(client(request), receiptNumber, body.code(), body.materials());
  }

  /** 撤件. */
  @PostMapping(path = "/{receiptNumber}/withdrawal", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public PublicStatus withdraw(@PathVariable String receiptNumber, @RequestBody(required = false) WithdrawalJson body,
      HttpServletRequest request) {
    requireBody(body);
    return service.withdraw(client(request), receiptNumber, body.code(), body.reason());
  }

  /** 好差评. */
  @PostMapping(path = "/{receiptNumber}/rating", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<RatedJson> rate(@PathVariable String receiptNumber, @RequestBody(required = false) RatingJson body,
      HttpServletRequest request) {
    requireBody(body);
    RatingRecord r = service.rate(client(request), receiptNumber, body.code(), body.rating(), body.comment());
    return ResponseEntity.status(201).body(new RatedJson(r.receiptNumber(), r.rating().name(), r.rating().label(),
        r.comment(), r.ratedAt(), r.followUpProcessInstanceId() != null));
  }

  /**
   * 上传材料: {@code multipart/form-data} with {@code code}, {@code name} (the material's name, e.g.
   * 建设工程设计方案) and {@code file}. The form is read only after the client is known not to be
   * blocked; a declared length above the limit never gets here (413 from the size filter).
   */
  @PostMapping(path = "/{receiptNumber}/materials", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<UploadedJson> upload(@PathVariable String receiptNumber, HttpServletRequest request) {
    String client = client(request);
    throttles.checkCodes(client);
    MultipartHttpServletRequest multipart = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
    if (multipart == null) {
      throw new CaseValidationException(List.of(new FieldError("body",
          "请以 multipart/form-data 上传，字段为 code（查询码）、name（材料名称）和 file（文件）")));
    }
    List<MultipartFile> files = multipart.getFiles("file");
    if (files.size() > 1) {
      throw new CaseValidationException(List.of(new FieldError("file", "每次只能上传一个文件")));
    }
    Material m = service.upload(client, receiptNumber, multipart.getParameter("code"), multipart.getParameter("name"),
        files.isEmpty() ? null : files.get(0));
    return ResponseEntity.status(201).body(new UploadedJson(m.id(), m.materialName(), m.fileName(), m.contentType(),
        m.size(), m.sha256(), m.uploadedAt()));
  }

  private static void requireBody(Object body) {
    if (body == null) {
      throw new CaseValidationException(List.of(new FieldError("body", "请求体不能为空")));
    }
  }

  /** The client as the throttles count it: the remote address (behind a proxy, see server.forward-headers-strategy). */
  static String client(HttpServletRequest request) {
    String address = request.getRemoteAddr();
    return address == null ? "unknown" : address;
  }
}
