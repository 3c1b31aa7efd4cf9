package org.onewindow.catalog;

import java.util.List;

/** The catalog cannot be used; the message names every bad item and field. */
public class CatalogException extends RuntimeException {
  private final List<String> problems;

  public CatalogException(String source, List<String> problems) {
    super("Catalog " + source + " is invalid:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
