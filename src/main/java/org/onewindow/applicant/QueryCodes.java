package org.onewindow.applicant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The query code (查询码) that, with the receipt number, lets an online applicant follow the case:
 * {@value #LENGTH} characters from an alphabet without look-alikes (no 0/O, 1/I), 40 random bits.
 * Only a salted SHA-256 is stored (a per-case random salt), and codes are compared in constant time.
 * Applicants may type it in lower case, with spaces or a hyphen.
 */
public final class QueryCodes {
  public static final int LENGTH = 8;
  static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  private static final int SALT_BYTES = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  private QueryCodes() {}

  /** A stored code: the salt (Base64) and SHA-256(salt ‖ code) (hex). */
  public record Hashed(String salt, String hash) {}

  public static String generate() {
    char[] code = new char[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      code[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
    }
    return new String(code);
  }

  public static Hashed hash(String code) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    String encodedSalt = Base64.getEncoder().encodeToString(salt);
    return new Hashed(encodedSalt, HexFormat.of().formatHex(digest(salt, code)));
  }

  /** True when {@code typed} is the code behind {@code stored}; the comparison takes the same time either way. */
  public static boolean matches(String typed, Hashed stored) {
    String code = normalise(typed);
    byte[] salt;
    byte[] expected;
    try {
      salt = Base64.getDecoder().decode(stored.salt());
      expected = HexFormat.of().parseHex(stored.hash());
    } catch (IllegalArgumentException e) {
      return false;
    }
    byte[] actual = digest(salt, code == null ? "" : code);
    return MessageDigest.isEqual(actual, expected) && code != null;
  }

  /** Upper case without spaces and hyphens; null when it cannot be a code (wrong length or characters). */
  static String normalise(String typed) {
    if (typed == null || typed.length() > 4 * LENGTH) {
      return null;
    }
    String code = typed.replace(" ", "").replace("-", "").replace("\u3000", "").toUpperCase(Locale.ROOT);
    if (code.length() != LENGTH) {
      return null;
    }
    for (int i = 0; i < code.length(); i++) {
      if (ALPHABET.indexOf(code.charAt(i)) < 0) {
        return null;
      }
    }
    return code;
  }

  /** Work of the same size as a real check, for a receipt number without a code (no timing difference). */
  static void dummyCheck(String typed) {
    digest(new byte[SALT_BYTES], typed == null ? "" : typed);
  }

  private static byte[] digest(byte[] salt, String code) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(salt);
      return sha.digest(code.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
