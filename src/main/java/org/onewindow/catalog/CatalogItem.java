package org.onewindow.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of the catalog (事项清单). Time limits are in working days. {@code processKey} is the
 * BPMN process that handles the item: by default the one of its type, or a dedicated one (for
 * example enterprise establishment).
 */
public record CatalogItem(
    String code,
    String name,
    String leadDepartment,
    List<String> coDepartments,
    boolean siteInspection,
    boolean technicalReview,
    boolean technicalTesting,
    int statutoryDays,
    int promisedDays,
    ItemType type,
    List<String> materials,
    String processKey) {

  public CatalogItem {
    coDepartments = List.copyOf(coDepartments);
    materials = List.copyOf(materials);
  }

  /** True when another department's opinion is needed: one of the report's criteria. */
  public boolean needsOtherDepartments() {
    return !coDepartments.isEmpty();
  }

  /** The lead department first, then the co-handling departments: one joint review task each. */
  public List<String> reviewDepartments() {
    List<String> all = new ArrayList<>();
    all.add(leadDepartment);
    all.addAll(coDepartments);
    return List.copyOf(all);
  }
}
