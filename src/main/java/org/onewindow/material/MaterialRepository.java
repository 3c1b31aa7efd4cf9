package org.onewindow.material;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** ow_material: what was uploaded, by whom for which case, and where the bytes are. */
@Repository
public class MaterialRepository {
  private final JdbcTemplate jdbc;

  public MaterialRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts the metadata and returns the new id. */
  public long insert(String receiptNumber, String materialName, String fileName, String contentType, long size,
      String sha256, String storage, String caseStatus, OffsetDateTime at) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.update(con -> {
      PreparedStatement ps = con.prepareStatement("""
          INSERT INTO ow_material (receipt_number, material_name, file_name, content_type, size_bytes, sha256,
            storage, case_status, uploaded_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS);
      ps.setString(1, receiptNumber);
      ps.setString(2, materialName);
      ps.setString(3, fileName);
      ps.setString(4, contentType);
      ps.setLong(5, size);
      ps.setString(6, sha256);
      ps.setString(7, storage);
      ps.setString(8, caseStatus);
      ps.setObject(9, at);
      return ps;
    }, keys);
    Object id = keys.getKeys() == null ? null : keys.getKeys().get("id");
    if (!(id instanceof Number n)) {
      throw new IllegalStateException("no id generated for ow_material");
    }
    return n.longValue();
  }

  public void storageKey(long id, String key) {
    jdbc.update("UPDATE ow_material SET storage_key = ? WHERE id = ?", key, id);
  }

  public int count(String receiptNumber) {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM ow_material WHERE receipt_number = ?", Integer.class,
        receiptNumber);
    return n == null ? 0 : n;
  }

  public List<Material> forCase(String receiptNumber) {
    return jdbc.query("SELECT * FROM ow_material WHERE receipt_number = ? ORDER BY uploaded_at, id",
        MaterialRepository::map, receiptNumber);
  }

  public Optional<Material> find(String receiptNumber, long id) {
    return jdbc.query("SELECT * FROM ow_material WHERE receipt_number = ? AND id = ?", MaterialRepository::map,
        receiptNumber, id).stream().findFirst();
  }

  private static Material map(ResultSet rs, int row) throws SQLException {
    return new Material(rs.getLong("id"), rs.getString("receipt_number"), rs.getString("material_name"),
        rs.getString("file_name"), rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
        rs.getString("storage"), rs.getString("storage_key"), rs.getString("case_status"),
        rs.getObject("uploaded_at", OffsetDateTime.class));
  }
}
