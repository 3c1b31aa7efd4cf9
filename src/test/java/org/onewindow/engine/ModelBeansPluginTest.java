package org.onewindow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.junit.jupiter.api.Test;
import org.onewindow.cases.CaseStatusListener;
import org.onewindow.catalog.Catalog;
import org.onewindow.intake.Application;
import org.onewindow.intake.IntakeService;
import org.onewindow.process.CaseVariables;
import org.onewindow.process.CommitmentItemProcess;
import org.onewindow.process.EnterpriseEstablishmentProcess;
import org.onewindow.process.ImmediateItemProcess;
import org.onewindow.process.RatingFollowUpProcess;
import org.onewindow.support.Applications;
import org.onewindow.support.OneWindowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Expressions in the models find the beans they call before the variables (no variable is loaded
 * to learn that none is called {@code caseStatus}); variables and other names resolve as before.
 * The beans marked {@code @ModelApi} are exactly those the models call, and since a variable named
 * after one would be hidden, no variable the code or the models use has such a name.
 */
@OneWindowIntegrationTest
class ModelBeansPluginTest {
  @Autowired ProcessEngineConfiguration configuration;
  @Autowired ApplicationContext context;
  @Autowired IntakeService intake;
  @Autowired Catalog catalog;
  @Autowired CaseStatusListener caseStatus;

  @Test
  void aOneWindowBeanComesBeforeAVariableOfTheSameNameAndVariablesStillResolve() {
    String pid = intake.receive(new Application("JS-SG", "WINDOW", Application.ORGANIZATION, "县城建设发展有限公司", null,
        Applications.CREDIT_CODE, Applications.MOBILE, catalog.require("JS-SG").materials())).processInstanceId();
    ProcessEngineConfigurationImpl engine = (ProcessEngineConfigurationImpl) configuration;
    engine.getRuntimeService().setVariable(pid, "caseStatus", "a variable that must not win");
    Object[] values = engine.getCommandExecutorTxRequired().execute(command -> {
      ExecutionEntity instance = command.getExecutionManager().findExecutionById(pid);
      return new Object[] {
          engine.getExpressionManager().createExpression("${caseStatus}").getValue(instance),
          engine.getExpressionManager().createExpression("${" + CaseVariables.ITEM_CODE + "}").getValue(instance),
          engine.getExpressionManager().createExpression("${execution.processInstanceId}").getValue(instance)};
    });
    assertThat(values[0]).isSameAs(caseStatus);
    assertThat(values[1]).isEqualTo("JS-SG");
    assertThat(values[2]).isEqualTo(pid);
    engine.getRuntimeService().deleteProcessInstance(pid, "end of test");
  }

  @Test
  void noVariableIsNamedAfterAOneWindowBean() throws Exception {
    Set<String> beans = ModelBeansPlugin.names(context);
    Set<String> variables = new TreeSet<>();
    Set<String> calledByModels = new TreeSet<>();
    for (Class<?> constants : new Class<?>[] {CaseVariables.class, CommitmentItemProcess.class,
        EnterpriseEstablishmentProcess.class, ImmediateItemProcess.class, RatingFollowUpProcess.class}) {
      for (Field field : constants.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
          field.setAccessible(true);
          variables.add((String) field.get(null));
        }
      }
    }
    // Names the models read that are not beans: ${department}, ${siteInspection}, ...
    Pattern name = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)[}.\\s=!<>]");
    try (Stream<Path> models = Files.list(Path.of("processes"))) {
      for (Path model : models.filter(p -> p.toString().endsWith(".bpmn")).toList()) {
        Matcher m = name.matcher(read(model));
        while (m.find()) {
          if (context.containsBean(m.group(1))) {
            calledByModels.add(m.group(1));
          } else {
            variables.add(m.group(1));
          }
        }
      }
    }
    assertThat(beans).as("the beans marked @ModelApi are those the models call")
        .containsExactlyInAnyOrderElementsOf(calledByModels).contains("caseClock", "caseStatus", "routing");
    assertThat(variables).contains(CaseVariables.RECEIPT_NUMBER, "department", "leadDepartment");
    assertThat(variables).doesNotContainAnyElementsOf(beans);
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
