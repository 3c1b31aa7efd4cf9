package org.onewindow.intake;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.onewindow.catalog.Catalog;
import org.onewindow.catalog.CatalogItem;
import org.onewindow.intake.validation.CitizenIdNumber;
import org.onewindow.intake.validation.MobileNumber;
import org.onewindow.intake.validation.UnifiedSocialCreditCode;
import org.springframework.stereotype.Component;

/**
 * Checks an application the same way for the window, the online hall and the Tasklist start
 * form, and reports every bad field at once, so the applicant corrects everything in one go.
 */
@Component
public class IntakeValidator {
  public static final int MAX_NAME_LENGTH = 100;
  public static final int MAX_MATERIALS = 50;
  public static final int MAX_MATERIAL_NAME_LENGTH = 100;
  private static final Set<String> CHANNELS = Set.of("WINDOW", "ONLINE");

  private final Catalog catalog;

  public IntakeValidator(Catalog catalog) {
    this.catalog = catalog;
  }

  public List<FieldError> validate(Application a, LocalDate today) {
    List<FieldError> errors = new ArrayList<>();
    if (blank(a.itemCode())) {
      errors.add(new FieldError("itemCode", "请选择申请事项"));
    } else if (catalog.item(a.itemCode()).isEmpty()) {
      errors.add(new FieldError("itemCode", "事项“" + clip(a.itemCode()) + "”不在事项清单中"));
    }
    if (blank(a.channel()) || !CHANNELS.contains(a.channel())) {
      errors.add(new FieldError("channel", "受理渠道应为 WINDOW（窗口）或 ONLINE（网上大厅）"));
    }
    if (blank(a.applicantName())) {
      errors.add(new FieldError("applicant.name", "请填写申请人名称"));
    } else if (a.applicantName().strip().length() > MAX_NAME_LENGTH) {
      errors.add(new FieldError("applicant.name", "申请人名称不能超过" + MAX_NAME_LENGTH + "个字符"));
    }
    if (Application.PERSON.equals(a.applicantKind())) {
      check(errors, "applicant.idNumber", a.idNumber(), "请填写公民身份号码", v -> CitizenIdNumber.validate(v, today));
    } else if (Application.ORGANIZATION.equals(a.applicantKind())) {
      check(errors, "applicant.creditCode", a.creditCode(), "请填写统一社会信用代码", UnifiedSocialCreditCode::validate);
    } else {
      errors.add(new FieldError("applicant.kind", "申请人类型应为 PERSON（自然人）或 ORGANIZATION（法人或其他组织）"));
    }
    check(errors, "applicant.mobile", a.mobile(), "请填写用于取件通知的手机号码", MobileNumber::validate);
    List<String> materials = a.materials() == null ? List.of() : a.materials();
    if (materials.size() > MAX_MATERIALS) {
      errors.add(new FieldError("materials", "材料不能超过" + MAX_MATERIALS + "项"));
    } else {
      for (int i = 0; i < materials.size(); i++) {
        String m = materials.get(i);
        if (blank(m)) {
          errors.add(new FieldError("materials[" + i + "]", "材料名称不能为空"));
        } else if (m.strip().length() > MAX_MATERIAL_NAME_LENGTH || m.contains("\n")) {
          errors.add(new FieldError("materials[" + i + "]", "材料名称应为不超过" + MAX_MATERIAL_NAME_LENGTH + "个字符的一行文字"));
        }
      }
    }
    return errors;
  }

  /** The catalog's required materials that the application does not list (the window decides on 补正). */
  public List<String> missingMaterials(CatalogItem item, List<String> materials) {
    Set<String> given = Set.copyOf(materials.stream().map(String::strip).toList());
    return item.materials().stream().filter(m -> !given.contains(m)).toList();
  }

  private interface Check {
    Optional<String> apply(String value);
  }

  private static void check(List<FieldError> errors, String field, String value, String missing, Check check) {
    if (blank(value)) {
      errors.add(new FieldError(field, missing));
    } else {
      check.apply(value.strip()).ifPresent(message -> errors.add(new FieldError(field, message)));
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /** Echo at most a little of what the applicant typed, never a whole oversized field. */
  private static String clip(String s) {
    return s.length() > 20 ? s.substring(0, 20) + "…" : s;
  }
}
