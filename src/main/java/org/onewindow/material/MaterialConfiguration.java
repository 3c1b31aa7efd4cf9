package org.onewindow.material;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The material store chosen by {@code onewindow.materials.storage}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MaterialProperties.class)
public class MaterialConfiguration {

  @Bean
  MaterialStore materialStore(MaterialProperties properties, JdbcTemplate jdbc) {
    return MaterialProperties.FOLDER.equals(properties.storage())
        ? new FolderMaterialStore(properties.folder())
        : new DatabaseMaterialStore(jdbc);
  }
}
