package org.onewindow.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.camunda.bpm.engine.IdentityService;

/** HTTP Basic credentials checked against the engine's identity service. */
public final class BasicCredentials {
  private BasicCredentials() {}

  /**
   * The user id when the request carries valid HTTP Basic credentials, otherwise null.
   * {@code checkPassword} applies the engine's login throttling to repeated wrong passwords.
   */
  public static String verifiedUser(HttpServletRequest request, IdentityService identity) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return null;
    }
    String user = decoded.substring(0, colon);
    return identity.checkPassword(user, decoded.substring(colon + 1)) ? user : null;
  }
}
