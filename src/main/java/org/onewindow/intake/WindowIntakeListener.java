package org.onewindow.intake;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.onewindow.engine.ModelApi;
import org.springframework.stereotype.Component;

/** Start listener of every case process: registers the case file (see {@link IntakeService}). */
@Component("windowIntakeListener")
@ModelApi
public class WindowIntakeListener implements ExecutionListener {
  private final IntakeService intake;

  public WindowIntakeListener(IntakeService intake) {
    this.intake = intake;
  }

  @Override
  public void notify(DelegateExecution execution) {
    intake.registerAtStart(execution);
  }
}
