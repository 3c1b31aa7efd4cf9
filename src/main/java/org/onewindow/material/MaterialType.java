package org.onewindow.material;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The file types applicants may upload, recognised by their first bytes (magic numbers), not their names. */
public enum MaterialType {
  PDF("application/pdf", List.of("pdf"), "%PDF-".getBytes(StandardCharsets.US_ASCII)),
  JPG("image/jpeg", List.of("jpg", "jpeg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
  PNG("image/png", List.of("png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});

  /** Bytes needed to recognise any type. */
  public static final int HEAD = 8;

  private final String contentType;
  private final List<String> extensions;
  private final byte[] magic;

  MaterialType(String contentType, List<String> extensions, byte[] magic) {
    this.contentType = contentType;
    this.extensions = extensions;
    this.magic = magic;
  }

  public String contentType() {
    return contentType;
  }

  public List<String> extensions() {
    return extensions;
  }

  /** The type whose magic number the content starts with. */
  public static Optional<MaterialType> detect(byte[] head) {
    return Arrays.stream(values())
        .filter(t -> head.length >= t.magic.length && Arrays.equals(head, 0, t.magic.length, t.magic, 0, t.magic.length))
        .findFirst();
  }

  /** The type a file name's extension claims ({@code .PDF}, {@code .jpeg}, ...). */
  public static Optional<MaterialType> ofFileName(String fileName) {
    int dot = fileName == null ? -1 : fileName.lastIndexOf('.');
    return dot < 0 ? Optional.empty() : ofName(fileName.substring(dot + 1));
  }

  /** By a name as in the configuration: pdf, jpg, jpeg, png (any case). */
  public static Optional<MaterialType> ofName(String name) {
    String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(t -> t.extensions.contains(n)).findFirst();
  }
}
