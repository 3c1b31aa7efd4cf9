package org.onewindow.material;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.onewindow.cases.CaseRecord;
import org.onewindow.cases.CaseStatus;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

/**
 * Takes an applicant's file for a case: size-limited (the stream is cut at the limit, whatever the
 * request declared), type-checked by content against the allowed list and the file name's extension,
 * hashed (SHA-256), and stored with its metadata in one transaction.
 */
@Service
public class MaterialService {
  /** A case takes files until its decision. */
  public static final Set<CaseStatus> OPEN = Set.of(CaseStatus.RECEIVED, CaseStatus.AWAITING_SUPPLEMENT,
      CaseStatus.ACCEPTED, CaseStatus.UNDER_REVIEW, CaseStatus.RETURNED);
  static final int MAX_FILE_NAME = 200;

  private final MaterialProperties properties;
  private final MaterialRepository materials;
  private final MaterialStore store;

  public MaterialService(MaterialProperties properties, MaterialRepository materials, MaterialStore store) {
    this.properties = properties;
    this.materials = materials;
    this.store = store;
  }

  /** The file name as kept: the last path segment, without control characters. */
  public static String cleanFileName(String original) {
    if (original == null) {
      return "";
    }
    String name = original.substring(Math.max(original.lastIndexOf('/'), original.lastIndexOf('\\')) + 1);
    return name.codePoints().filter(c -> !Character.isISOControl(c))
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
  }

  @Transactional
  public Material accept(CaseRecord c, String materialName, MultipartFile file, OffsetDateTime now) {
    if (!OPEN.contains(c.status())) {
      throw new MaterialRejectedException(HttpStatus.CONFLICT, "file", "办件已作出决定或已结束，不再接收材料");
    }
    if (materials.count(c.receiptNumber()) >= properties.maxFilesPerCase()) {
      throw new MaterialRejectedException(HttpStatus.CONFLICT, "file",
          "每个办件最多上传" + properties.maxFilesPerCase() + "个文件");
    }
    String fileName = cleanFileName(file.getOriginalFilename());
    long limit = properties.maxFileSize().toBytes();
    if (file.getSize() > limit) {
      throw tooLarge();
    }
    MaterialType type = type(file, fileName);
    String sha256;
    long size;
    try (InputStream in = file.getInputStream()) {
      DigestInputStream digest = new DigestInputStream(new LimitedInputStream(in, limit), sha256());
      size = digest.transferTo(OutputStream.nullOutputStream());
      sha256 = HexFormat.of().formatHex(digest.getMessageDigest().digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (size == 0) {
      throw new MaterialRejectedException(HttpStatus.BAD_REQUEST, "file", "文件是空的");
    }
    long id = materials.insert(c.receiptNumber(), materialName, fileName, type.contentType(), size, sha256,
        store.name(), c.status().name(), now);
    try (InputStream in = new LimitedInputStream(file.getInputStream(), limit)) {
      String key = store.store(id, c.receiptNumber(), in, size);
      if (key != null) {
        materials.storageKey(id, key);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return materials.find(c.receiptNumber(), id).orElseThrow();
  }

  public List<Material> list(String receiptNumber) {
    return materials.forCase(receiptNumber);
  }

  public java.util.Optional<Material> find(String receiptNumber, long id) {
    return materials.find(receiptNumber, id);
  }

  public InputStream open(Material material) throws IOException {
    return store.open(material.id(), material.storageKey());
  }

  private MaterialType type(MultipartFile file, String fileName) {
    Set<MaterialType> allowed = properties.types();
    String list = allowed.stream().map(t -> t.name()).sorted().collect(Collectors.joining("、"));
    if (fileName.isEmpty()) {
      throw new MaterialRejectedException(HttpStatus.BAD_REQUEST, "file", "请选择要上传的文件");
    }
    if (fileName.length() > MAX_FILE_NAME) {
      throw new MaterialRejectedException(HttpStatus.BAD_REQUEST, "file", "文件名不能超过" + MAX_FILE_NAME + "个字符");
    }
    MaterialType claimed = MaterialType.ofFileName(fileName).filter(allowed::contains).orElseThrow(() ->
        new MaterialRejectedException(HttpStatus.BAD_REQUEST, "file", "只接受以下类型的文件：" + list));
    byte[] head;
    try (InputStream in = file.getInputStream()) {
      head = in.readNBytes(MaterialType.HEAD);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (head.length == 0) {
      throw new MaterialRejectedException(HttpStatus.BAD_REQUEST, "file", "文件是空的");
    }
    MaterialType actual = MaterialType.detect(head).orElse(null);
    if (actual != claimed) {
      throw new MaterialRejectedException(HttpStatus.BAD_REQUEST, "file",
          "文件内容不是" + claimed.name() + "格式，只接受以下类型的文件：" + list);
    }
    return actual;
  }

  static MaterialRejectedException tooLarge() {
    return new MaterialRejectedException(HttpStatus.PAYLOAD_TOO_LARGE, "file", "文件过大");
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads at most {@code limit} bytes; one more is refused as too large. */
  static final class LimitedInputStream extends FilterInputStream {
    private long remaining;

    LimitedInputStream(InputStream in, long limit) {
      super(in);
      this.remaining = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0 && --remaining < 0) {
        throw tooLarge();
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        remaining -= n;
        if (remaining < 0) {
          throw tooLarge();
        }
      }
      return n;
    }
  }
}
