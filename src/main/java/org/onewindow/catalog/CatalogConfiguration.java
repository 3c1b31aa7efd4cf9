package org.onewindow.catalog;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

/** Loads and validates the catalog at start-up: a bad catalog stops the start. */
@Configuration
public class CatalogConfiguration {

  @Bean
  ItemClassifier itemClassifier(
      @Value("${onewindow.catalog.classification:classpath:processes/item-classification.dmn}") Resource table) {
    return new ItemClassifier(table);
  }

  @Bean
  Catalog catalog(ItemClassifier classifier,
      @Value("${onewindow.catalog.location:classpath:catalog/catalog.yaml}") Resource location) {
    return new CatalogLoader(classifier).load(location);
  }
}
