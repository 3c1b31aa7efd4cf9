package org.onewindow.intake;

import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * An application that cannot be received. Thrown from the start form's listener it rolls the
 * start back; it extends the engine's form validation exception (an impl class, the only one the
 * engine REST API maps to 400 for a submitted form) so Tasklist shows the reason as a form error.
 */
public class CaseValidationException extends FormFieldValidationException {
  private final transient List<FieldError> errors;

  public CaseValidationException(List<FieldError> errors) {
    super(errors.isEmpty() ? null : errors.get(0).field(),
        errors.stream().map(e -> e.field() + "：" + e.message()).collect(Collectors.joining("；")));
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
