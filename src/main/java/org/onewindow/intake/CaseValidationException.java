package org.onewindow.intake;

import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngineException;

/**
 * An application that cannot be received. A ProcessEngineException so that, thrown from the
 * Tasklist start form's listener, the engine rolls back and Tasklist shows the message.
 */
public class CaseValidationException extends ProcessEngineException {
  private final transient List<FieldError> errors;

  public CaseValidationException(List<FieldError> errors) {
    super(errors.stream().map(e -> e.field() + "：" + e.message()).collect(Collectors.joining("；")));
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
