package org.onewindow.material;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import org.onewindow.cases.CaseNotFoundException;
import org.onewindow.cases.CaseRecord;
import org.onewindow.cases.CaseRepository;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The applicant's files for the staff of the case (authenticated, {@link CaseStaff}):
 * {@code GET /api/cases/{receiptNumber}/materials} lists them, {@code .../materials/{id}} serves one
 * as an attachment with the type recognised at upload. Anyone else gets the 404 of an unknown case.
 */
@RestController
@RequestMapping("/api/cases/{receiptNumber}/materials")
public class MaterialController {
  private final CaseRepository cases;
  private final CaseStaff staff;
  private final MaterialService materials;

  public MaterialController(CaseRepository cases, CaseStaff staff, MaterialService materials) {
    this.cases = cases;
    this.staff = staff;
    this.materials = materials;
  }

  public record MaterialJson(long id, String name, String fileName, String contentType, long size, String sha256,
      String caseStatus, OffsetDateTime uploadedAt, String href) {
    static MaterialJson of(Material m) {
      return new MaterialJson(m.id(), m.materialName(), m.fileName(), m.contentType(), m.size(), m.sha256(),
          m.caseStatus(), m.uploadedAt(), "/api/cases/" + m.receiptNumber() + "/materials/" + m.id());
    }
  }

  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  public List<MaterialJson> list(@PathVariable String receiptNumber) {
    caseOfStaff(receiptNumber);
    return materials.list(receiptNumber).stream().map(MaterialJson::of).toList();
  }

  @GetMapping("/{id}")
  public ResponseEntity<Resource> file(@PathVariable String receiptNumber, @PathVariable String id) throws IOException {
    caseOfStaff(receiptNumber);
    long materialId;
    try {
      materialId = Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new CaseNotFoundException(receiptNumber);
    }
    Material m = materials.find(receiptNumber, materialId).orElseThrow(() -> new CaseNotFoundException(receiptNumber));
    InputStream content = materials.open(m);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(m.contentType()))
        .contentLength(m.size())
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(m.fileName(), StandardCharsets.UTF_8).build().toString())
        .header("X-Content-Type-Options", "nosniff")
        .cacheControl(CacheControl.noStore().cachePrivate())
        .body(new InputStreamResource(content));
  }

  private CaseRecord caseOfStaff(String receiptNumber) {
    CaseRecord c = cases.find(receiptNumber).orElseThrow(() -> new CaseNotFoundException(receiptNumber));
    if (!staff.isStaffOf(c)) {
      throw new CaseNotFoundException(receiptNumber);
    }
    return c;
  }
}
