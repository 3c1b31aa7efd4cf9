package org.onewindow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FirstAdministratorTest {

  @Test
  void missingShortOrSimplePasswordsAreRefused() {
    assertThat(FirstAdministrator.weakness(null, "admin")).contains("missing");
    assertThat(FirstAdministrator.weakness("", "admin")).contains("missing");
    assertThat(FirstAdministrator.weakness("Ab1!", "admin")).contains("12");
    assertThat(FirstAdministrator.weakness("alllowercaseletters", "admin")).contains("three");
    assertThat(FirstAdministrator.weakness("Admin-Password-2026", "admin")).contains("user name");
    assertThat(FirstAdministrator.weakness("Demo-Password-2026", "root")).contains("demo");
  }

  @Test
  void aLongMixedPasswordIsAccepted() {
    assertThat(FirstAdministrator.weakness("Qiu-Shui-Ting-2026", "chief")).isNull();
  }
}
