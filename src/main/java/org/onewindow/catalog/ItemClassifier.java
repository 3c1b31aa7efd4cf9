package org.onewindow.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.springframework.core.io.Resource;

/**
 * Evaluates processes/item-classification.dmn, the report's rule for immediate and commitment
 * items. It runs in a standalone DMN engine so the catalog can be checked before the process
 * engine deploys anything, with exactly the table that the process designers edit.
 */
public class ItemClassifier {
  public static final String DECISION_KEY = "item-classification";

  private final DmnEngine dmnEngine;
  private final DmnDecision decision;

  public ItemClassifier(Resource table) {
    this.dmnEngine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = table.getInputStream()) {
      this.decision = dmnEngine.parseDecision(DECISION_KEY, in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the item classification table " + table, e);
    }
  }

  public ItemType classify(
      boolean siteInspection, boolean technicalReview, boolean technicalTesting, boolean otherDepartmentOpinion) {
    Map<String, Object> inputs = Map.of(
        "siteInspection", siteInspection,
        "technicalReview", technicalReview,
        "technicalTesting", technicalTesting,
        "otherDepartmentOpinion", otherDepartmentOpinion);
    Object type = dmnEngine.evaluateDecisionTable(decision, inputs).getSingleEntry();
    for (ItemType t : ItemType.values()) {
      if (t.name().equals(type)) {
        return t;
      }
    }
    throw new IllegalStateException("The classification table " + DECISION_KEY + " gives '" + type + "' for "
        + inputs + "; every combination must give IMMEDIATE or COMMITMENT");
  }

  public ItemType classify(CatalogItem item) {
    return classify(item.siteInspection(), item.technicalReview(), item.technicalTesting(), item.needsOtherDepartments());
  }
}
