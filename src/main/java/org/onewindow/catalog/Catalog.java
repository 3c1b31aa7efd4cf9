package org.onewindow.catalog;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The validated, immutable catalog: only items listed here can be applied for. */
public final class Catalog {
  private final Map<String, Department> departments;
  private final Map<String, CatalogItem> items;

  Catalog(Map<String, Department> departments, Map<String, CatalogItem> items) {
    this.departments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(departments));
    this.items = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(items));
  }

  public Optional<CatalogItem> item(String code) {
    return code == null ? Optional.empty() : Optional.ofNullable(items.get(code));
  }

  /** The item, or an exception for a code that was validated earlier and must exist. */
  public CatalogItem require(String code) {
    return item(code).orElseThrow(() -> new IllegalArgumentException("不在事项清单中的事项：" + code));
  }

  public Collection<CatalogItem> items() {
    return items.values();
  }

  public Optional<Department> department(String code) {
    return code == null ? Optional.empty() : Optional.ofNullable(departments.get(code));
  }

  public Collection<Department> departments() {
    return departments.values();
  }

  public String departmentName(String code) {
    return department(code).map(Department::name).orElse(code);
  }
}
