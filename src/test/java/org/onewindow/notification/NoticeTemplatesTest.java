package org.onewindow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoticeTemplatesTest {
  @TempDir
  Path folder;

  private static final Map<String, String> VALUES = Map.of("receiptNumber", "OW20260302000007", "itemName",
      "食品经营许可", "missingMaterials", "营业执照、经营场所平面图", "from", "政务服务中心窗口");

  @Test
  void theBuiltInTextsAreValidAndFilledIn() {
    NoticeTemplates templates = new NoticeTemplates("");
    templates.check();
    String text = templates.render(NoticeTemplates.SUPPLEMENT, VALUES);
    assertThat(text).startsWith("【政务服务中心】申请人您好").contains("OW20260302000007", "食品经营许可",
        "营业执照、经营场所平面图", "说明：无。").doesNotContain("{", "}", "#", "\n");
    assertThat(templates.render(NoticeTemplates.PICKUP_APPROVED, Map.of("applicantName", "王小明",
        "receiptNumber", "OW1", "itemName", "x"))).startsWith("【政务服务中心】王小明您好").contains("已办结（准予）");
    assertThat(templates.render(NoticeTemplates.PICKUP_DENIED, Map.of())).contains("不予许可");
  }

  @Test
  void aFileInTheFolderReplacesTheBuiltInTextAtOnce() throws IOException {
    NoticeTemplates templates = new NoticeTemplates(folder.toString());
    Files.writeString(folder.resolve("supplement.txt"), "# 县政务服务中心的补正短信\n"
        + "【某县政务服务中心】办件{receiptNumber}请补正：{missingMaterials}。\n咨询电话 12345。", StandardCharsets.UTF_8);
    assertThat(templates.render(NoticeTemplates.SUPPLEMENT, VALUES))
        .isEqualTo("【某县政务服务中心】办件OW20260302000007请补正：营业执照、经营场所平面图。咨询电话 12345。");

    Files.writeString(folder.resolve("supplement.txt"), "办件{receiptNumber}。", StandardCharsets.UTF_8);
    assertThat(templates.render(NoticeTemplates.SUPPLEMENT, VALUES)).isEqualTo("办件OW20260302000007。");
  }

  @Test
  void aBrokenOverrideIsIgnoredAndTheBuiltInTextIsSent() throws IOException {
    NoticeTemplates templates = new NoticeTemplates(folder.toString());
    Files.writeString(folder.resolve("supplement.txt"), "办件{receiptNumbr}请补正", StandardCharsets.UTF_8);
    templates.check();
    assertThat(templates.render(NoticeTemplates.SUPPLEMENT, VALUES)).startsWith("【政务服务中心】")
        .contains("OW20260302000007");
    assertThat(NoticeTemplates.problems("办件{receiptNumbr}")).singleElement().asString().contains("receiptNumbr");
    assertThat(NoticeTemplates.problems(NoticeTemplates.text("# 只有说明\n"))).isNotEmpty();
  }

  @Test
  void backoffDoublesUpToTheMaximum() {
    SmsProperties p = new SmsProperties(null, null, java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(5),
        java.time.Duration.ofSeconds(2), 20, 8, java.time.Duration.ofSeconds(30), java.time.Duration.ofMinutes(3),
        new SmsProperties.Simulator(null, null));
    assertThat(p.backoff(1)).hasSeconds(30);
    assertThat(p.backoff(2)).hasSeconds(60);
    assertThat(p.backoff(3)).hasSeconds(120);
    assertThat(p.backoff(4)).hasSeconds(180);
    assertThat(p.backoff(20)).hasSeconds(180);
  }
}
