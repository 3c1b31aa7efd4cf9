package org.onewindow.material;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Materials applicants upload ({@code onewindow.materials}).
 *
 * @param storage {@code database} (the bytes in ow_material_content, in the case's transaction) or
 *     {@code folder} (files under {@code folder}, removed again when the transaction rolls back)
 * @param folder where files go with storage {@code folder}
 * @param maxFileSize the largest file accepted
 * @param maxRequestSize the largest upload request (the file plus the form's other fields); a larger
 *     declared length is refused before any of it is read
 * @param allowedTypes the types accepted, from {@code pdf}, {@code jpg}, {@code png}; checked by content
 * @param maxFilesPerCase files one case may hold at most
 */
@ConfigurationProperties("onewindow.materials")
public record MaterialProperties(
    @DefaultValue("database") String storage,
    @DefaultValue("./data/materials") Path folder,
    @DefaultValue("10MB") DataSize maxFileSize,
    @DefaultValue("11MB") DataSize maxRequestSize,
    @DefaultValue({"pdf", "jpg", "png"}) List<String> allowedTypes,
    @DefaultValue("30") int maxFilesPerCase) {

  public static final String DATABASE = "database";
  public static final String FOLDER = "folder";
  /** The upload endpoint's path, for the request size limit. */
  public static final Pattern UPLOAD_PATH = Pattern.compile("/api/public/cases/[^/]+/materials/?");

  public MaterialProperties {
    storage = storage.strip().toLowerCase(java.util.Locale.ROOT);
    if (!DATABASE.equals(storage) && !FOLDER.equals(storage)) {
      throw new IllegalArgumentException("onewindow.materials.storage must be 'database' or 'folder', not '" + storage + "'");
    }
    if (maxFileSize.toBytes() < 1 || maxRequestSize.toBytes() < maxFileSize.toBytes()) {
      throw new IllegalArgumentException("onewindow.materials.max-request-size must be at least max-file-size");
    }
    for (String type : allowedTypes) {
      if (MaterialType.ofName(type).isEmpty()) {
        throw new IllegalArgumentException("onewindow.materials.allowed-types: unknown type '" + type
            + "' (known: pdf, jpg, png)");
      }
    }
    if (maxFilesPerCase < 1) {
      throw new IllegalArgumentException("onewindow.materials.max-files-per-case must be at least 1");
    }
    allowedTypes = List.copyOf(allowedTypes);
  }

  public Set<MaterialType> types() {
    Set<MaterialType> types = EnumSet.noneOf(MaterialType.class);
    allowedTypes.forEach(t -> types.add(MaterialType.ofName(t).orElseThrow()));
    return Collections.unmodifiableSet(types);
  }
}
