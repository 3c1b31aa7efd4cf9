package org.onewindow.calendar;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads and writes the holiday schedule format, one document per year:
 *
 * <pre>
 * year: 2025
 * source: 国务院办公厅关于2025年部分节假日安排的通知      # optional, free text
 * holidays:                                              # at least one
 *   - { name: 元旦, date: 2025-01-01 }                   # a single day
 *   - { name: 春节, from: 2025-01-28, to: 2025-02-04 }   # an inclusive range
 * makeUpWorkingDays:                                     # may be [] but must be present
 *   - { date: 2025-01-26, holiday: 春节 }                # holiday: optional, must be listed above
 * </pre>
 *
 * The same structure is accepted as JSON. Dates are ISO {@code YYYY-MM-DD}. Unknown keys are
 * rejected so that a misspelt key cannot silently drop data.
 *
 * <p>YAML is read at node level and every scalar is taken as text, so YAML 1.1 surprises (dates
 * turned into timestamps, {@code no} into false) cannot happen and no objects are constructed from
 * tags.
 */
public final class HolidayScheduleFormat {

  private static final int MAX_DEPTH = 8;
  private static final Set<String> ROOT_KEYS =
      Set.of("year", "source", "holidays", "makeUpWorkingDays");
  private static final Set<String> HOLIDAY_KEYS = Set.of("name", "date", "from", "to");
  private static final Set<String> MAKE_UP_KEYS = Set.of("date", "holiday");
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private HolidayScheduleFormat() {}

  /**
   * Parses a YAML schedule.
   *
   * @param source named in error messages (a file name or request description)
   * @param expectedYear the year the content must declare, or null if any year is acceptable
   * @throws InvalidHolidayScheduleException naming {@code source} and the offending date or key
   */
  public static HolidaySchedule parseYaml(String text, String source, Integer expectedYear) {
    Object tree;
    try {
      Node root = yaml().compose(new StringReader(text));
      tree = root == null ? null : fromYaml(root, 0);
    } catch (YAMLException e) {
      throw new InvalidHolidayScheduleException(
          source, "not valid YAML: " + oneLine(e.getMessage()));
    } catch (IllegalArgumentException e) {
      throw new InvalidHolidayScheduleException(source, e.getMessage());
    }
    return fromTree(tree, source, expectedYear);
  }

  /** Parses a JSON schedule with the same structure as the YAML one. */
  public static HolidaySchedule parseJson(String text, String source, Integer expectedYear) {
    Object tree;
    try {
      JsonNode root = JSON.readTree(text);
      tree = root == null ? null : fromJson(root, 0);
    } catch (JsonProcessingException e) {
      throw new InvalidHolidayScheduleException(
          source, "not valid JSON: " + oneLine(e.getOriginalMessage()));
    } catch (IllegalArgumentException e) {
      throw new InvalidHolidayScheduleException(source, e.getMessage());
    }
    return fromTree(tree, source, expectedYear);
  }

  /** Renders a schedule as YAML that {@link #parseYaml} reads back to an equal schedule. */
  public static String toYaml(HolidaySchedule schedule, String headerComment) {
    StringBuilder out = new StringBuilder();
    if (headerComment != null) {
      headerComment.lines().forEach(line -> out.append("# ").append(line).append('\n'));
    }
    out.append("year: ").append(schedule.year()).append('\n');
    if (schedule.source() != null) {
      out.append("source: ").append(quote(schedule.source())).append('\n');
    }
    out.append("holidays:\n");
    for (HolidaySchedule.Holiday holiday : schedule.holidays()) {
      out.append("  - { name: ").append(quote(holiday.name()));
      if (holiday.from().equals(holiday.to())) {
        out.append(", date: ").append(holiday.from());
      } else {
        out.append(", from: ").append(holiday.from()).append(", to: ").append(holiday.to());
      }
      out.append(" }\n");
    }
    if (schedule.makeUpWorkingDays().isEmpty()) {
      out.append("makeUpWorkingDays: []\n");
    } else {
      out.append("makeUpWorkingDays:\n");
      for (HolidaySchedule.MakeUpDay day : schedule.makeUpWorkingDays()) {
        out.append("  - { date: ").append(day.date());
        if (day.holiday() != null) {
          out.append(", holiday: ").append(quote(day.holiday()));
        }
        out.append(" }\n");
      }
    }
    return out.toString();
  }

  // ---------------------------------------------------------------- tree -> schedule

  private static HolidaySchedule fromTree(Object tree, String source, Integer expectedYear) {
    try {
      Map<String, Object> root = map(tree, "the document", ROOT_KEYS);
      int year = year(required(root, "year", "the document"));
      if (expectedYear != null && year != expectedYear) {
        throw new IllegalArgumentException(
            "declares year " + year + " but is meant for year " + expectedYear);
      }
      List<HolidaySchedule.Holiday> holidays = new ArrayList<>();
      List<Object> holidayItems = list(required(root, "holidays", "the document"), "holidays");
      if (holidayItems.isEmpty()) {
        throw new IllegalArgumentException("holidays is empty; a year always has holidays");
      }
      for (int i = 0; i < holidayItems.size(); i++) {
        holidays.add(holiday(holidayItems.get(i), "holidays[" + i + "]"));
      }
      List<HolidaySchedule.MakeUpDay> makeUpDays = new ArrayList<>();
      List<Object> makeUpItems =
          list(required(root, "makeUpWorkingDays", "the document"), "makeUpWorkingDays");
      for (int i = 0; i < makeUpItems.size(); i++) {
        makeUpDays.add(makeUpDay(makeUpItems.get(i), "makeUpWorkingDays[" + i + "]"));
      }
      return new HolidaySchedule(year, text(root.get("source"), "source"), holidays, makeUpDays);
    } catch (IllegalArgumentException e) {
      throw new InvalidHolidayScheduleException(source, e.getMessage());
    }
  }

  private static HolidaySchedule.Holiday holiday(Object item, String where) {
    Map<String, Object> map = map(item, where, HOLIDAY_KEYS);
    String name = text(required(map, "name", where), where + ".name");
    Object date = map.get("date");
    Object from = map.get("from");
    Object to = map.get("to");
    if (date != null) {
      if (from != null || to != null) {
        throw new IllegalArgumentException(
            where + " (" + name + ") has both date and from/to; use one form");
      }
      return HolidaySchedule.Holiday.of(name, date(date, where + ".date"));
    }
    if (from == null || to == null) {
      throw new IllegalArgumentException(
          where + " (" + name + ") needs either date or both from and to");
    }
    return new HolidaySchedule.Holiday(name, date(from, where + ".from"), date(to, where + ".to"));
  }

  private static HolidaySchedule.MakeUpDay makeUpDay(Object item, String where) {
    Map<String, Object> map = map(item, where, MAKE_UP_KEYS);
    return new HolidaySchedule.MakeUpDay(
        date(required(map, "date", where), where + ".date"),
        text(map.get("holiday"), where + ".holiday"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value, String where, Set<String> allowedKeys) {
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException(where + " must be a mapping of keys to values");
    }
    Map<String, Object> map = (Map<String, Object>) value;
    for (String key : map.keySet()) {
      if (!allowedKeys.contains(key)) {
        throw new IllegalArgumentException(
            where + " has unknown key '" + key + "' (allowed: " + allowedKeys + ")");
      }
    }
    return map;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value, String where) {
    if (!(value instanceof List)) {
      throw new IllegalArgumentException(where + " must be a list");
    }
    return (List<Object>) value;
  }

  private static Object required(Map<String, Object> map, String key, String where) {
    Object value = map.get(key);
    if (value == null) {
      throw new IllegalArgumentException(where + " is missing '" + key + "'");
    }
    return value;
  }

  private static String text(Object value, String where) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw new IllegalArgumentException(where + " must be text");
    }
    return s;
  }

  private static int year(Object value) {
    String text = text(value, "year");
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("year '" + text + "' is not a number");
    }
  }

  private static LocalDate date(Object value, String where) {
    String text = text(value, where);
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          where + " '" + text + "' is not a date (expected YYYY-MM-DD)");
    }
  }

  // ---------------------------------------------------------------- YAML / JSON -> plain tree

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(10);
    options.setCodePointLimit(256 * 1024);
    return new Yaml(options);
  }

  private static Object fromYaml(Node node, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("the document is nested too deeply");
    }
    if (node instanceof ScalarNode scalar) {
      return Tag.NULL.equals(scalar.getTag()) ? null : scalar.getValue();
    }
    if (node instanceof SequenceNode sequence) {
      List<Object> list = new ArrayList<>();
      for (Node item : sequence.getValue()) {
        list.add(fromYaml(item, depth + 1));
      }
      return list;
    }
    MappingNode mapping = (MappingNode) node;
    Map<String, Object> map = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
        throw new IllegalArgumentException("keys must be plain text");
      }
      // Composing does not check duplicates, so do it here: a repeated key would hide data.
      if (map.containsKey(key.getValue())) {
        throw new IllegalArgumentException("key '" + key.getValue() + "' appears twice");
      }
      map.put(key.getValue(), fromYaml(tuple.getValueNode(), depth + 1));
    }
    return map;
  }

  private static Object fromJson(JsonNode node, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("the document is nested too deeply");
    }
    if (node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      for (JsonNode item : node) {
        list.add(fromJson(item, depth + 1));
      }
      return list;
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        map.put(field.getKey(), fromJson(field.getValue(), depth + 1));
      }
      return map;
    }
    return node.asText();
  }

  /** Parser messages span lines and quote the input; keep them short for logs and APIs. */
  private static String oneLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    String flat = message.replaceAll("\\s+", " ").strip();
    return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
