package org.onewindow.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

/**
 * Keeps processes/*.bpmn, forms/*.form and the variable constants in step, without an engine:
 * a form the BPMN refers to must exist, and a form field must bind to a variable the code knows,
 * so renaming a variable constant (or a form key) breaks the build instead of a clerk's task.
 */
class FormModelTest {

  private static final Path PROCESSES = Path.of("processes");
  private static final Path FORMS = Path.of("forms");
  private static final List<Class<?>> VARIABLE_CLASSES = List.of(CaseVariables.class, CommitmentItemProcess.class,
      EnterpriseEstablishmentProcess.class, RatingFollowUpProcess.class);

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyFormRefInTheProcessesHasAForm() {
    Map<String, Path> formsById = new LinkedHashMap<>();
    for (Path form : files(FORMS, ".form")) {
      formsById.put(read(form).path("id").asText(), form);
    }
    Map<String, List<String>> refs = formRefs();
    assertThat(refs).as("camunda:formRef attributes in %s", PROCESSES).isNotEmpty();

    SoftAssertions softly = new SoftAssertions();
    refs.forEach((formRef, usedBy) -> softly.assertThat(formsById)
        .as("%s refers to camunda:formRef=\"%s\", but no file in %s has \"id\": \"%s\"",
            usedBy, formRef, FORMS, formRef)
        .containsKey(formRef));
    softly.assertAll();
  }

  @Test
  void everyFormIdEqualsItsFileName() {
    List<Path> forms = files(FORMS, ".form");
    assertThat(forms).as("*.form files in %s", FORMS).isNotEmpty();

    SoftAssertions softly = new SoftAssertions();
    for (Path form : forms) {
      String fileName = form.getFileName().toString();
      String expectedId = fileName.substring(0, fileName.length() - ".form".length());
      softly.assertThat(read(form).path("id").asText(null))
          .as("top-level \"id\" of %s", form)
          .isEqualTo(expectedId);
    }
    softly.assertAll();
  }

  @Test
  void everyFormFieldKeyIsAVariableConstant() {
    Set<String> variables = variableConstants();
    List<Path> forms = files(FORMS, ".form");
    assertThat(forms).as("*.form files in %s", FORMS).isNotEmpty();

    SoftAssertions softly = new SoftAssertions();
    for (Path form : forms) {
      for (String key : fieldKeys(read(form).path("components"))) {
        softly.assertThat(variables)
            .as("%s: field key \"%s\" is not the value of a public static final String in %s",
                form, key, VARIABLE_CLASSES.stream().map(Class::getSimpleName).toList())
            .contains(key);
      }
    }
    softly.assertAll();
  }

  /** formRef -> the "process#element" ids of the user tasks and start events that use it. */
  private static Map<String, List<String>> formRefs() {
    Map<String, List<String>> refs = new LinkedHashMap<>();
    for (Path bpmn : files(PROCESSES, ".bpmn")) {
      BpmnModelInstance model = Bpmn.readModelFromFile(bpmn.toFile());
      String file = bpmn.getFileName().toString();
      for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
        addRef(refs, start.getCamundaFormRef(), file + "#" + start.getId());
      }
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        addRef(refs, task.getCamundaFormRef(), file + "#" + task.getId());
      }
    }
    return refs;
  }

  private static void addRef(Map<String, List<String>> refs, String formRef, String usedBy) {
    if (formRef != null && !formRef.isBlank()) {
      refs.computeIfAbsent(formRef, ref -> new ArrayList<>()).add(usedBy);
    }
  }

  /** Keys of every component, including those nested in groups or dynamic lists. */
  private static List<String> fieldKeys(JsonNode components) {
    List<String> keys = new ArrayList<>();
    for (JsonNode component : components) {
      if (component.hasNonNull("key")) {
        keys.add(component.get("key").asText());
      }
      keys.addAll(fieldKeys(component.path("components")));
    }
    return keys;
  }

  private static Set<String> variableConstants() {
    Set<String> values = new TreeSet<>();
    for (Class<?> type : VARIABLE_CLASSES) {
      for (Field field : type.getDeclaredFields()) {
        int m = field.getModifiers();
        if (Modifier.isPublic(m) && Modifier.isStatic(m) && Modifier.isFinal(m) && field.getType() == String.class) {
          try {
            values.add((String) field.get(null));
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(type.getName() + "." + field.getName(), e);
          }
        }
      }
    }
    return values;
  }

  private static List<Path> files(Path dir, String suffix) {
    assertThat(dir).as("folder %s (tests run from the project root)", dir.toAbsolutePath()).isDirectory();
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(Path form) {
    try {
      return JSON.readTree(form.toFile());
    } catch (IOException e) {
      throw new AssertionError(form + " is not valid JSON: " + e.getMessage(), e);
    }
  }
}
