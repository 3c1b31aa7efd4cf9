package org.onewindow.benchmark;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** The bare model's service tasks: the engine's cost of a service task, nothing else. */
public class NoOpDelegate implements JavaDelegate {
  @Override
  public void execute(DelegateExecution execution) {
    // intentionally empty
  }
}
