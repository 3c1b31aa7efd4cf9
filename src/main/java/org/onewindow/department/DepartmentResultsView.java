package org.onewindow.department;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.stereotype.Component;

/** The departments' answers of a case as the case file ({@code GET /api/cases/{receiptNumber}}) shows them. */
@Component
public class DepartmentResultsView {

  public record DepartmentResultJson(String step, String department, String departmentName, String capability,
      String capabilityLabel, String referenceNumber, OffsetDateTime recordedAt) {}

  private final DepartmentResults results;
  private final DepartmentProperties properties;

  public DepartmentResultsView(DepartmentResults results, DepartmentProperties properties) {
    this.results = results;
    this.properties = properties;
  }

  public List<DepartmentResultJson> forCase(String receiptNumber) {
    return results.forCase(receiptNumber).stream().map(r -> {
      DepartmentCapability c = capability(r.capability());
      return new DepartmentResultJson(r.step(), r.department(), properties.name(r.department()), r.capability(),
          c == null ? r.capability() : c.label(), r.referenceNumber(), r.recordedAt());
    }).toList();
  }

  private static DepartmentCapability capability(String name) {
    try {
      return DepartmentCapability.valueOf(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
