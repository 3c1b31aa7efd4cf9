package org.onewindow.notification;

import jakarta.annotation.PostConstruct;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The texts of the notices to applicants, as plain UTF-8 text files that anyone can edit: the
 * built-in ones in {@code notices/<name>.txt} on the classpath, each overridden by a file of the
 * same name in {@code onewindow.notices.template-folder} when there is one (read at every notice,
 * so a change applies to the next notice without a restart).
 *
 * <p>Format: lines starting with {@code #} are comments; the other lines are the text, joined
 * without line breaks. {@code {name}} is replaced by a value, {@code {name|text}} too, with
 * {@code text} when the value is empty. Only the {@link #PLACEHOLDERS} are known: an override that
 * cannot be read or names another placeholder is ignored (with an error in the log) and the
 * built-in text is used, so a broken template never stops a case.
 */
@Component
public class NoticeTemplates {
  public static final String PICKUP_APPROVED = "pickup-approved";
  public static final String PICKUP_DENIED = "pickup-denied";
  public static final String SUPPLEMENT = "supplement";
  public static final List<String> NAMES = List.of(PICKUP_APPROVED, PICKUP_DENIED, SUPPLEMENT);

  public static final Set<String> PLACEHOLDERS = Set.of(
      "receiptNumber", "itemName", "applicantName", "certificateNumber", "missingMaterials", "reason", "from");

  private static final Logger log = LoggerFactory.getLogger(NoticeTemplates.class);
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}|]*)(?:\\|([^{}]*))?}");
  private static final int MAX_TEMPLATE_BYTES = 8 * 1024;

  private final Path folder;

  public NoticeTemplates(@Value("${onewindow.notices.template-folder:}") String folder) {
    this.folder = folder == null || folder.isBlank() ? null : Path.of(folder.strip());
  }

  /** The built-in templates must be valid: a broken one stops the start. Overrides are only reported. */
  @PostConstruct
  public void check() {
    for (String name : NAMES) {
      List<String> problems = problems(builtIn(name));
      if (!problems.isEmpty()) {
        throw new IllegalStateException("notices/" + name + ".txt: " + String.join("; ", problems));
      }
      override(name);
    }
  }

  /** The text of notice {@code name} with the values filled in. */
  public String render(String name, Map<String, String> values) {
    String template = override(name);
    if (template == null) {
      template = builtIn(name);
    }
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1).strip());
      if (value == null || value.isBlank()) {
        value = m.group(2) == null ? "" : m.group(2);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value.strip()));
    }
    m.appendTail(out);
    return out.toString().strip();
  }

  /** The override's text, or null when there is none or it is unusable (logged). */
  private String override(String name) {
    if (folder == null) {
      return null;
    }
    Path file = folder.resolve(name + ".txt");
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      if (Files.size(file) > MAX_TEMPLATE_BYTES) {
        log.error("Notice template {} is larger than {} bytes; the built-in text is used", file, MAX_TEMPLATE_BYTES);
        return null;
      }
      String text = text(Files.readString(file, StandardCharsets.UTF_8));
      List<String> problems = problems(text);
      if (!problems.isEmpty()) {
        log.error("Notice template {} is not used: {}", file, String.join("; ", problems));
        return null;
      }
      return text;
    } catch (IOException | RuntimeException e) {
      log.error("Notice template {} cannot be read ({}); the built-in text is used", file, e.toString());
      return null;
    }
  }

  private static String builtIn(String name) {
    ClassPathResource resource = new ClassPathResource("notices/" + name + ".txt");
    try (InputStream in = resource.getInputStream()) {
      return text(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("built-in notice template notices/" + name + ".txt is missing", e);
    }
  }

  /** Drops comment lines and joins the rest. */
  static String text(String file) {
    StringBuilder sb = new StringBuilder();
    for (String line : file.split("\\R")) {
      if (!line.stripLeading().startsWith("#")) {
        sb.append(line.strip());
      }
    }
    return sb.toString();
  }

  static List<String> problems(String text) {
    List<String> problems = new ArrayList<>();
    if (text.isBlank()) {
      problems.add("the text is empty");
    }
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      String name = m.group(1).strip();
      if (!PLACEHOLDERS.contains(name)) {
        problems.add("unknown placeholder {" + name + "}, known are " + PLACEHOLDERS.stream().sorted().toList());
      }
    }
    return problems;
  }
}
