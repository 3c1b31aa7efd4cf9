package org.onewindow.material;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MaterialTypeTest {

  @Test
  void typesAreRecognisedByTheirFirstBytes() {
    assertThat(MaterialType.detect("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII))).contains(MaterialType.PDF);
    assertThat(MaterialType.detect(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}))
        .contains(MaterialType.JPG);
    assertThat(MaterialType.detect(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}))
        .contains(MaterialType.PNG);
    assertThat(MaterialType.detect(new byte[] {'M', 'Z', 0, 0})).isEmpty();
    assertThat(MaterialType.detect("%PD".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    assertThat(MaterialType.detect(new byte[0])).isEmpty();
  }

  @Test
  void namesAndExtensions() {
    assertThat(MaterialType.ofFileName("方案.PDF")).contains(MaterialType.PDF);
    assertThat(MaterialType.ofFileName("photo.jpeg")).contains(MaterialType.JPG);
    assertThat(MaterialType.ofFileName("a.tar.png")).contains(MaterialType.PNG);
    assertThat(MaterialType.ofFileName("setup.exe")).isEmpty();
    assertThat(MaterialType.ofFileName("noextension")).isEmpty();
    assertThat(MaterialType.ofName(" jpg ")).contains(MaterialType.JPG);
  }

  @Test
  void fileNamesKeepOnlyTheirLastSegmentAndNoControlCharacters() {
    assertThat(MaterialService.cleanFileName("C:\\Users\\王\\方案.pdf")).isEqualTo("方案.pdf");
    assertThat(MaterialService.cleanFileName("../../etc/passwd")).isEqualTo("passwd");
    assertThat(MaterialService.cleanFileName("a\r\nb.pdf")).isEqualTo("ab.pdf");
    assertThat(MaterialService.cleanFileName(null)).isEmpty();
  }
}
