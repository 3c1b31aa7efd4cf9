package org.onewindow.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the YAML catalog and checks it completely before anything runs: every problem is
 * reported at once, each naming the item and the field, so an operator fixes the file in one go.
 */
public class CatalogLoader {
  private static final int MAX_WORKING_DAYS = 365;
  private static final List<String> ITEM_FIELDS = List.of("code", "name", "type", "process", "leadDepartment",
      "coDepartments", "siteInspection", "technicalReview", "technicalTesting", "statutoryDays", "promisedDays",
      "materials");

  private final ItemClassifier classifier;

  public CatalogLoader(ItemClassifier classifier) {
    this.classifier = classifier;
  }

  public Catalog load(Resource resource) {
    try (InputStream in = resource.getInputStream()) {
      return load(in, resource.getDescription());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the catalog " + resource, e);
    }
  }

  public Catalog load(InputStream in, String source) {
    Object root;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false); // a repeated key must not silently win
      root = new Yaml(new SafeConstructor(options)).load(in);
    } catch (RuntimeException e) {
      throw new CatalogException(source, List.of("not valid YAML: " + e.getMessage()));
    }
    List<String> problems = new ArrayList<>();
    if (!(root instanceof Map<?, ?> top)) {
      throw new CatalogException(source, List.of("the file must hold 'departments' and 'items'"));
    }
    Map<String, Department> departments = readDepartments(top.get("departments"), problems);
    Map<String, CatalogItem> items = new LinkedHashMap<>();
    Object rawItems = top.get("items");
    if (!(rawItems instanceof List<?> list) || list.isEmpty()) {
      problems.add("'items' must be a non-empty list");
    } else {
      int index = 0;
      for (Object raw : list) {
        index++;
        CatalogItem item = readItem(raw, index, departments, problems);
        if (item != null && items.putIfAbsent(item.code(), item) != null) {
          problems.add("item " + item.code() + ": code appears more than once");
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new CatalogException(source, problems);
    }
    return new Catalog(departments, items);
  }

  private Map<String, Department> readDepartments(Object raw, List<String> problems) {
    Map<String, Department> departments = new LinkedHashMap<>();
    if (!(raw instanceof Map<?, ?> map) || map.isEmpty()) {
      problems.add("'departments' must map department codes to names");
      return departments;
    }
    map.forEach((code, name) -> {
      if (!(name instanceof String text) || text.isBlank()) {
        problems.add("department " + code + ": name is missing");
      } else if (!String.valueOf(code).matches("[a-z][a-z0-9-]{1,31}")) {
        problems.add("department " + code + ": code must be lower-case letters, digits or '-'");
      } else {
        departments.put(String.valueOf(code), new Department(String.valueOf(code), text));
      }
    });
    return departments;
  }

  private CatalogItem readItem(Object raw, int index, Map<String, Department> departments, List<String> problems) {
    if (!(raw instanceof Map<?, ?> map)) {
      problems.add("item #" + index + ": must be a mapping");
      return null;
    }
    Fields f = new Fields(map, index, problems);
    String code = f.text("code");
    f.name = code != null ? code : "#" + index;
    for (Object key : map.keySet()) {
      if (!ITEM_FIELDS.contains(String.valueOf(key))) {
        f.problem(String.valueOf(key), "unknown field (known: " + String.join(", ", ITEM_FIELDS) + ")");
      }
    }
    String name = f.text("name");
    String lead = f.text("leadDepartment");
    List<String> co = f.list("coDepartments");
    List<String> materials = f.list("materials");
    boolean site = f.flag("siteInspection");
    boolean technicalReview = f.flag("technicalReview");
    boolean technicalTesting = f.flag("technicalTesting");
    Integer statutory = f.days("statutoryDays");
    Integer promised = f.days("promisedDays");
    String typeText = f.text("type");
    Object processValue = map.get("process");

    int before = problems.size();
    if (code != null && !code.matches("[A-Z]{2}-[A-Z]{2,4}")) {
      f.problem("code", "must look like 'JS-GH' (two upper-case letters, '-', two to four more)");
    }
    if (lead != null && !departments.containsKey(lead)) {
      f.problem("leadDepartment", "unknown department '" + lead + "'");
    }
    if (co.size() != co.stream().distinct().count()) {
      f.problem("coDepartments", "a department is listed more than once");
    }
    for (String dept : co) {
      if (!departments.containsKey(dept)) {
        f.problem("coDepartments", "unknown department '" + dept + "'");
      } else if (dept.equals(lead)) {
        f.problem("coDepartments", "'" + dept + "' is already the lead department");
      }
    }
    if (materials.isEmpty()) {
      f.problem("materials", "at least one required material must be listed");
    }
    ItemType type = null;
    if (typeText != null) {
      try {
        type = ItemType.valueOf(typeText);
      } catch (IllegalArgumentException e) {
        f.problem("type", "must be IMMEDIATE or COMMITMENT, not '" + typeText + "'");
      }
    }
    if (statutory != null && promised != null) {
      if (promised > statutory) {
        f.problem("promisedDays", "promised limit " + promised + " exceeds the statutory limit " + statutory);
      }
      if (type == ItemType.COMMITMENT && promised < 1) {
        f.problem("promisedDays", "a commitment item needs a promised limit of at least 1 working day");
      }
      if (type == ItemType.IMMEDIATE && promised != 0) {
        f.problem("promisedDays", "an immediate item is finished on the spot: promised limit must be 0");
      }
    }
    if (problems.size() > before || code == null || name == null || lead == null
        || statutory == null || promised == null || type == null) {
      return null;
    }
    String processKey = processValue == null ? defaultProcess(type) : String.valueOf(processValue).trim();
    if (!processKey.matches("[a-z][a-z0-9-]{1,63}")) {
      f.problem("process", "must be a BPMN process key such as 'commitment-item'");
      return null;
    }
    CatalogItem item = new CatalogItem(code, name, lead, co, site, technicalReview, technicalTesting,
        statutory, promised, type, materials, processKey);
    ItemType byRule = classifier.classify(item);
    if (byRule != type) {
      f.problem("type", "is " + type + " but the classification rule (item-classification.dmn) gives "
          + byRule + " for these criteria");
      return null;
    }
    return item;
  }

  /** The generic process of each item type. */
  public static String defaultProcess(ItemType type) {
    return type == ItemType.IMMEDIATE ? "immediate-item" : "commitment-item";
  }

  /** Typed access to one item's fields that records a problem naming the item and field. */
  private static final class Fields {
    private final Map<?, ?> map;
    private final List<String> problems;
    private String name;

    Fields(Map<?, ?> map, int index, List<String> problems) {
      this.map = map;
      this.problems = problems;
      this.name = "#" + index;
    }

    void problem(String field, String message) {
      problems.add("item " + name + " field " + field + ": " + message);
    }

    String text(String field) {
      Object value = map.get(field);
      if (value == null || String.valueOf(value).isBlank()) {
        problem(field, "is missing");
        return null;
      }
      return String.valueOf(value).trim();
    }

    boolean flag(String field) {
      Object value = map.get(field);
      if (value == null) {
        return false;
      }
      if (value instanceof Boolean b) {
        return b;
      }
      problem(field, "must be true or false");
      return false;
    }

    Integer days(String field) {
      Object value = map.get(field);
      if (value instanceof Integer n && n >= 0 && n <= MAX_WORKING_DAYS) {
        return n;
      }
      problem(field, value == null ? "is missing" : "must be a whole number of working days from 0 to " + MAX_WORKING_DAYS);
      return null;
    }

    List<String> list(String field) {
      Object value = map.get(field);
      if (value == null) {
        return List.of();
      }
      if (value instanceof List<?> list && list.stream().allMatch(e -> e instanceof String s && !s.isBlank())) {
        return list.stream().map(e -> ((String) e).trim()).toList();
      }
      problem(field, "must be a list of names");
      return List.of();
    }
  }
}
