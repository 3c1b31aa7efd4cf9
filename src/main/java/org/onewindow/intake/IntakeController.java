package org.onewindow.intake;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/cases}: the window's (and later the online hall's) way in. */
@RestController
@RequestMapping("/api/cases")
public class IntakeController {
  private final IntakeService intake;

  public IntakeController(IntakeService intake) {
    this.intake = intake;
  }

  public record ApplicantJson(String kind, String name, String idNumber, String creditCode, String mobile) {}

  public record ApplicationJson(String itemCode, String channel, ApplicantJson applicant, List<String> materials) {
    Application toApplication() {
      ApplicantJson p = applicant == null ? new ApplicantJson(null, null, null, null, null) : applicant;
      return new Application(itemCode, channel, p.kind(), p.name(), p.idNumber(), p.creditCode(), p.mobile(),
          materials);
    }
  }

  public record ReceivedJson(
      String receiptNumber, String status, String statusLabel, String processInstanceId,
      @JsonProperty("missingMaterials") List<String> missingMaterials) {}

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<ReceivedJson> receive(@RequestBody ApplicationJson body) {
    if (body == null) {
      throw new CaseValidationException(List.of(new FieldError("body", "请求体不能为空")));
    }
    ReceivedCase received = intake.receive(body.toApplication());
    return ResponseEntity.created(URI.create("/api/cases/" + received.receiptNumber()))
        .body(new ReceivedJson(received.receiptNumber(), received.status().name(), received.status().label(),
            received.processInstanceId(), received.missingMaterials()));
  }
}
