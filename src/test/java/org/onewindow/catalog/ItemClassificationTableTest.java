package org.onewindow.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.ClassPathResource;

/**
 * processes/item-classification.dmn against the report's rule (三(三)): an item is 即办件
 * (IMMEDIATE) only when it needs no site inspection or technical review, no technical testing and
 * no other department's opinion; everything else is 承诺件 (COMMITMENT).
 *
 * <p>The expectations are written out by hand from that sentence, one row per combination of the
 * four inputs, so a designer's change to the table that breaks the rule fails here.
 */
class ItemClassificationTableTest {

  private static final ItemClassifier TABLE =
      new ItemClassifier(new ClassPathResource("processes/item-classification.dmn"));

  @ParameterizedTest(name = "site={0} review={1} testing={2} others={3} -> {4}")
  @CsvSource(delimiter = '|', value = {
      // site  | technical | technical | other      | expected
      // insp. | review    | testing   | department |
      "false   | false     | false     | false      | IMMEDIATE",
      "false   | false     | false     | true       | COMMITMENT",
      "false   | false     | true      | false      | COMMITMENT",
      "false   | false     | true      | true       | COMMITMENT",
      "false   | true      | false     | false      | COMMITMENT",
      "false   | true      | false     | true       | COMMITMENT",
      "false   | true      | true      | false      | COMMITMENT",
      "false   | true      | true      | true       | COMMITMENT",
      "true    | false     | false     | false      | COMMITMENT",
      "true    | false     | false     | true       | COMMITMENT",
      "true    | false     | true      | false      | COMMITMENT",
      "true    | false     | true      | true       | COMMITMENT",
      "true    | true      | false     | false      | COMMITMENT",
      "true    | true      | false     | true       | COMMITMENT",
      "true    | true      | true      | false      | COMMITMENT",
      "true    | true      | true      | true       | COMMITMENT",
  })
  void classifiesEveryCombinationAsTheReportSays(boolean siteInspection, boolean technicalReview,
      boolean technicalTesting, boolean otherDepartmentOpinion, ItemType expected) {
    assertThat(TABLE.classify(siteInspection, technicalReview, technicalTesting, otherDepartmentOpinion))
        .isEqualTo(expected);
  }
}
