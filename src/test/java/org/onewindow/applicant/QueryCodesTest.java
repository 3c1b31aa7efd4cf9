package org.onewindow.applicant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryCodesTest {

  @Test
  void codesAreRandomFromAnAlphabetWithoutLookAlikes() {
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String code = QueryCodes.generate();
      assertThat(code).hasSize(QueryCodes.LENGTH).matches("[2-9A-HJ-NP-Z]+");
      codes.add(code);
    }
    assertThat(codes).hasSize(1000);
    assertThat(QueryCodes.ALPHABET).hasSize(32).doesNotContain("0", "O", "1", "I");
  }

  @Test
  void onlyTheRightCodeMatchesItsSaltedHash() {
    String code = QueryCodes.generate();
    QueryCodes.Hashed stored = QueryCodes.hash(code);
    assertThat(stored.hash()).hasSize(64).doesNotContain(code);
    assertThat(QueryCodes.matches(code, stored)).isTrue();
    assertThat(QueryCodes.matches(code.toLowerCase(), stored)).isTrue();
    assertThat(QueryCodes.matches(code.substring(0, 4) + " - " + code.substring(4), stored)).isTrue();
    assertThat(QueryCodes.matches(code.substring(1) + "2", stored)).isFalse();
    assertThat(QueryCodes.matches(null, stored)).isFalse();
    assertThat(QueryCodes.matches("", stored)).isFalse();
    assertThat(QueryCodes.matches("x".repeat(10_000), stored)).isFalse();
    // The same code hashes differently for another case (per-case salt).
    assertThat(QueryCodes.hash(code).hash()).isNotEqualTo(stored.hash());
    assertThat(QueryCodes.matches(code, new QueryCodes.Hashed("not base64!", "zz"))).isFalse();
  }
}
