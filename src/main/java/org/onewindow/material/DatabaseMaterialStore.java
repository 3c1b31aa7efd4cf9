package org.onewindow.material;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** The bytes in ow_material_content, written in the case's transaction. */
public class DatabaseMaterialStore implements MaterialStore {
  private final JdbcTemplate jdbc;

  public DatabaseMaterialStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public String name() {
    return "DATABASE";
  }

  @Override
  public String store(long id, String receiptNumber, InputStream content, long size) {
    jdbc.update("INSERT INTO ow_material_content (material_id, content) VALUES (?, ?)", ps -> {
      ps.setLong(1, id);
      ps.setBinaryStream(2, content, size);
    });
    return null;
  }

  @Override
  public InputStream open(long id, String storageKey) throws FileNotFoundException {
    List<byte[]> content = jdbc.query("SELECT content FROM ow_material_content WHERE material_id = ?",
        (rs, i) -> rs.getBytes(1), id);
    if (content.isEmpty()) {
      throw new FileNotFoundException("material " + id);
    }
    return new ByteArrayInputStream(content.get(0));
  }
}
