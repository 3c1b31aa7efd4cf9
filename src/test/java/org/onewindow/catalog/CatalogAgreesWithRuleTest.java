package org.onewindow.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.ClassPathResource;

/**
 * The shipped catalog, the classification table and the process models must tell the same story:
 * every item's declared type is what the table gives for its criteria, and every item names a
 * process that exists in processes/.
 */
class CatalogAgreesWithRuleTest {

  private static final Path PROCESSES = Path.of("processes");

  private static ItemClassifier table;
  private static Set<String> executableProcessKeys;

  @BeforeAll
  static void readTableAndModels() throws IOException {
    table = new ItemClassifier(new ClassPathResource("processes/item-classification.dmn"));
    executableProcessKeys = new TreeSet<>();
    try (DirectoryStream<Path> models = Files.newDirectoryStream(PROCESSES, "*.bpmn")) {
      for (Path model : models) {
        Bpmn.readModelFromFile(model.toFile()).getModelElementsByType(Process.class).stream()
            .filter(Process::isExecutable)
            .forEach(process -> executableProcessKeys.add(process.getId()));
      }
    }
  }

  /** Each item of the shipped catalog, shown in the report by its code and name. */
  static Stream<Named<CatalogItem>> shippedItems() {
    ItemClassifier classifier = new ItemClassifier(new ClassPathResource("processes/item-classification.dmn"));
    return new CatalogLoader(classifier).load(new ClassPathResource("catalog/catalog.yaml")).items().stream()
        .map(item -> Named.of(item.code() + " " + item.name(), item));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shippedItems")
  void declaredTypeIsWhatTheTableGives(CatalogItem item) {
    ItemType byTable = table.classify(item.siteInspection(), item.technicalReview(), item.technicalTesting(),
        !item.coDepartments().isEmpty());

    assertThat(item.type())
        .as("%s (%s) is declared %s; the table gives %s", item.code(), item.name(), item.type(), byTable)
        .isEqualTo(byTable);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shippedItems")
  void processKeyNamesAnExecutableProcessInProcessesFolder(CatalogItem item) {
    assertThat(executableProcessKeys)
        .as("%s names process '%s'; processes/*.bpmn define %s", item.code(), item.processKey(), executableProcessKeys)
        .contains(item.processKey());
  }

  @Test
  void defaultProcessOfEachTypeExists() {
    for (ItemType type : ItemType.values()) {
      assertThat(executableProcessKeys).as("default process of %s", type)
          .contains(CatalogLoader.defaultProcess(type));
    }
  }
}
