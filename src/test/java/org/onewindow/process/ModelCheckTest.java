package org.onewindow.process;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Association;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.LinkEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.onewindow.catalog.CatalogLoader;
import org.onewindow.catalog.Department;
import org.onewindow.catalog.ItemClassifier;
import org.onewindow.identity.Groups;
import org.springframework.core.io.ClassPathResource;

/**
 * Checks every model that process designers put in processes/, without Spring: each BPMN parses
 * and validates, keeps its history for a set time, gives every user task to a known queue, has no
 * element that no case can reach, and decides every exclusive choice explicitly; each DMN decision
 * keeps its history for a set time; and a bare engine on H2 accepts the whole folder.
 *
 * <p>Every failure names the file and the element id. The nested class feeds deliberately broken
 * models to the same checks, so a check that silently stops working is noticed too.
 */
class ModelCheckTest {

  private static final Path PROCESSES = Path.of("processes");
  private static final Set<String> ROLE_GROUPS = Set.of(Groups.WINDOW, Groups.APPROVERS, Groups.SUPERVISORS);

  /** Role groups plus every department code of the shipped catalog (a department's queue). */
  private static Set<String> knownGroups;

  @BeforeAll
  static void readCatalogDepartments() {
    ItemClassifier classifier = new ItemClassifier(new ClassPathResource("processes/item-classification.dmn"));
    Set<String> groups = new TreeSet<>(ROLE_GROUPS);
    new CatalogLoader(classifier).load(new ClassPathResource("catalog/catalog.yaml")).departments().stream()
        .map(Department::code)
        .forEach(groups::add);
    knownGroups = Set.copyOf(groups);
  }

  static List<Path> bpmnFiles() throws IOException {
    return modelFiles("*.bpmn");
  }

  static List<Path> dmnFiles() throws IOException {
    return modelFiles("*.dmn");
  }

  @Test
  void processesFolderHoldsTheModels() throws IOException {
    // Guards against a check that passes because it found nothing (for example another working directory).
    assertThat(bpmnFiles()).extracting(ModelCheckTest::fileName)
        .contains("commitment-item.bpmn", "immediate-item.bpmn");
    assertThat(dmnFiles()).extracting(ModelCheckTest::fileName).contains("item-classification.dmn");
  }

  // ---------------------------------------------------------------- the shipped BPMN models

  @ParameterizedTest(name = "{0}")
  @MethodSource("bpmnFiles")
  void parsesAndValidates(Path file) {
    assertThatCode(() -> Bpmn.validateModel(Bpmn.readModelFromFile(file.toFile())))
        .as(fileName(file)).doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bpmnFiles")
  void executableProcessHasHistoryTimeToLive(Path file) {
    assertThat(historyTimeToLiveProblems(fileName(file), readBpmn(file))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bpmnFiles")
  void everyUserTaskGoesToAKnownQueue(Path file) {
    assertThat(candidateGroupProblems(fileName(file), readBpmn(file), knownGroups)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bpmnFiles")
  void everyElementIsReachableFromAStartEvent(Path file) {
    assertThat(unreachableElements(fileName(file), readBpmn(file))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bpmnFiles")
  void everyExclusiveChoiceHasAConditionOrIsTheDefault(Path file) {
    assertThat(unconditionalChoices(fileName(file), readBpmn(file))).isEmpty();
  }

  // ---------------------------------------------------------------- the shipped DMN models

  @ParameterizedTest(name = "{0}")
  @MethodSource("dmnFiles")
  void everyDecisionHasHistoryTimeToLive(Path file) {
    DmnModelInstance model = Dmn.readModelFromFile(file.toFile());
    Collection<Decision> decisions = model.getModelElementsByType(Decision.class);

    assertThat(decisions).as("%s holds no decision", fileName(file)).isNotEmpty();
    assertThat(decisions)
        .filteredOn(decision -> isBlank(decision.getCamundaHistoryTimeToLiveString()))
        .extracting(decision -> fileName(file) + ": decision '" + decision.getId() + "' has no camunda:historyTimeToLive")
        .isEmpty();
  }

  // ---------------------------------------------------------------- the engine itself

  /**
   * A bare engine on in-memory H2 that enforces a history time to live deploys the whole folder.
   * Deploying parses the models but evaluates no expression, so no Spring bean is needed.
   */
  @Test
  void bareEngineDeploysEveryModel() throws IOException {
    ProcessEngineConfigurationImpl configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setProcessEngineName("modelcheck");
    configuration.setJdbcUrl("jdbc:h2:mem:modelcheck");
    configuration.setDatabaseSchemaUpdate("create-drop");
    configuration.setHistory("full");
    configuration.setJobExecutorActivate(false);
    configuration.setMetricsEnabled(false);
    configuration.setEnforceHistoryTimeToLive(true);
    ProcessEngine engine = configuration.buildProcessEngine();
    try {
      RepositoryService repository = engine.getRepositoryService();
      DeploymentBuilder deployment = repository.createDeployment().name("model-check");
      List<InputStream> opened = new ArrayList<>();
      try {
        for (Path file : Stream.concat(bpmnFiles().stream(), dmnFiles().stream()).toList()) {
          InputStream in = Files.newInputStream(file);
          opened.add(in);
          deployment.addInputStream(fileName(file), in);
        }
        deployment.deploy();
      } finally {
        for (InputStream in : opened) {
          in.close();
        }
      }

      assertThat(repository.createProcessDefinitionQuery().list())
          .extracting(ProcessDefinition::getKey)
          .containsExactlyInAnyOrderElementsOf(executableProcessKeysInFolder());
      assertThat(repository.createProcessDefinitionQuery().list())
          .allSatisfy(definition -> assertThat(definition.getHistoryTimeToLive()).as(definition.getKey()).isNotNull());
      assertThat(repository.createDecisionDefinitionQuery().list())
          .extracting(DecisionDefinition::getKey)
          .contains("item-classification");
    } finally {
      engine.close();
    }
  }

  // ---------------------------------------------------------------- the checks, on broken models

  @Nested
  class TheChecksCatchBrokenModels {

    @Test
    void processWithoutHistoryTimeToLive() {
      BpmnModelInstance model = model("""
          <process id="p" isExecutable="true">
            <startEvent id="start"><outgoing>f1</outgoing></startEvent>
            <endEvent id="end"><incoming>f1</incoming></endEvent>
            <sequenceFlow id="f1" sourceRef="start" targetRef="end"/>
          </process>
          """);

      assertThat(historyTimeToLiveProblems("broken.bpmn", model))
          .singleElement().asString().contains("broken.bpmn", "'p'", "historyTimeToLive");
    }

    @Test
    void fileWithoutExecutableProcess() {
      BpmnModelInstance model = model("""
          <process id="p" isExecutable="false" camunda:historyTimeToLive="10">
            <startEvent id="start"/>
          </process>
          """);

      assertThat(historyTimeToLiveProblems("broken.bpmn", model))
          .singleElement().asString().contains("broken.bpmn", "no executable process");
    }

    @Test
    void userTasksWithoutQueueOrWithAnUnknownQueue() {
      BpmnModelInstance model = model("""
          <process id="p" isExecutable="true" camunda:historyTimeToLive="10">
            <startEvent id="start"><outgoing>f1</outgoing></startEvent>
            <userTask id="nobody"><incoming>f1</incoming><outgoing>f2</outgoing></userTask>
            <userTask id="typo" camunda:candidateGroups="window, aprovers"><incoming>f2</incoming><outgoing>f3</outgoing></userTask>
            <userTask id="fine" camunda:candidateGroups="window,${department},market"><incoming>f3</incoming><outgoing>f4</outgoing></userTask>
            <endEvent id="end"><incoming>f4</incoming></endEvent>
            <sequenceFlow id="f1" sourceRef="start" targetRef="nobody"/>
            <sequenceFlow id="f2" sourceRef="nobody" targetRef="typo"/>
            <sequenceFlow id="f3" sourceRef="typo" targetRef="fine"/>
            <sequenceFlow id="f4" sourceRef="fine" targetRef="end"/>
          </process>
          """);

      assertThat(candidateGroupProblems("broken.bpmn", model, Set.of("window", "approvers", "market")))
          .satisfiesExactly(
              problem -> assertThat(problem).contains("broken.bpmn", "'nobody'", "no candidate groups"),
              problem -> assertThat(problem).contains("broken.bpmn", "'typo'", "'aprovers'"));
    }

    @Test
    void elementsNoCaseCanReach() {
      BpmnModelInstance model = model("""
          <process id="p" isExecutable="true" camunda:historyTimeToLive="10">
            <startEvent id="start"><outgoing>f1</outgoing></startEvent>
            <userTask id="work"><incoming>f1</incoming><outgoing>f2</outgoing></userTask>
            <boundaryEvent id="late" attachedToRef="work">
              <outgoing>f3</outgoing>
              <timerEventDefinition><timeDuration>P5D</timeDuration></timerEventDefinition>
            </boundaryEvent>
            <userTask id="chase"><incoming>f3</incoming><outgoing>f4</outgoing></userTask>
            <endEvent id="end"><incoming>f2</incoming><incoming>f4</incoming></endEvent>
            <sequenceFlow id="f1" sourceRef="start" targetRef="work"/>
            <sequenceFlow id="f2" sourceRef="work" targetRef="end"/>
            <sequenceFlow id="f3" sourceRef="late" targetRef="chase"/>
            <sequenceFlow id="f4" sourceRef="chase" targetRef="end"/>

            <subProcess id="onCancel" triggeredByEvent="true">
              <startEvent id="cancelled" isInterrupting="true">
                <outgoing>f5</outgoing>
                <messageEventDefinition/>
              </startEvent>
              <endEvent id="cancelEnd"><incoming>f5</incoming></endEvent>
              <sequenceFlow id="f5" sourceRef="cancelled" targetRef="cancelEnd"/>
            </subProcess>

            <subProcess id="inner"><incoming>f6</incoming><outgoing>f7</outgoing>
              <startEvent id="innerStart"/>
              <task id="innerOrphan"/>
            </subProcess>
            <userTask id="orphan"><outgoing>f6</outgoing></userTask>
            <boundaryEvent id="orphanTimer" attachedToRef="orphan">
              <timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition>
            </boundaryEvent>
            <endEvent id="orphanEnd"><incoming>f7</incoming></endEvent>
            <sequenceFlow id="f6" sourceRef="orphan" targetRef="inner"/>
            <sequenceFlow id="f7" sourceRef="inner" targetRef="orphanEnd"/>
          </process>
          """);

      assertThat(unreachableElements("broken.bpmn", model))
          .hasSize(6)
          .allSatisfy(problem -> assertThat(problem).startsWith("broken.bpmn: "))
          .anySatisfy(problem -> assertThat(problem).contains("'orphan'"))
          .anySatisfy(problem -> assertThat(problem).contains("'orphanTimer'"))
          .anySatisfy(problem -> assertThat(problem).contains("'inner'"))
          .anySatisfy(problem -> assertThat(problem).contains("'innerStart'"))
          .anySatisfy(problem -> assertThat(problem).contains("'innerOrphan'"))
          .anySatisfy(problem -> assertThat(problem).contains("'orphanEnd'"));
    }

    @Test
    void linkEventsAndCompensationHandlersAreReachedThroughTheirTrigger() {
      BpmnModelInstance model = model("""
          <process id="p" isExecutable="true" camunda:historyTimeToLive="10">
            <startEvent id="start"><outgoing>f1</outgoing></startEvent>
            <serviceTask id="pay" camunda:expression="${true}"><incoming>f1</incoming><outgoing>f2</outgoing></serviceTask>
            <boundaryEvent id="undoPay" attachedToRef="pay"><compensateEventDefinition/></boundaryEvent>
            <serviceTask id="refund" isForCompensation="true" camunda:expression="${true}"/>
            <intermediateThrowEvent id="goOn"><incoming>f2</incoming><linkEventDefinition name="next"/></intermediateThrowEvent>
            <intermediateCatchEvent id="arrive"><outgoing>f3</outgoing><linkEventDefinition name="next"/></intermediateCatchEvent>
            <endEvent id="end"><incoming>f3</incoming></endEvent>
            <sequenceFlow id="f1" sourceRef="start" targetRef="pay"/>
            <sequenceFlow id="f2" sourceRef="pay" targetRef="goOn"/>
            <sequenceFlow id="f3" sourceRef="arrive" targetRef="end"/>
            <association id="a1" sourceRef="undoPay" targetRef="refund" associationDirection="One"/>
          </process>
          """);

      assertThat(unreachableElements("fine.bpmn", model)).isEmpty();
    }

    @Test
    void exclusiveChoiceWithoutConditionThatIsNotTheDefault() {
      BpmnModelInstance model = model("""
          <process id="p" isExecutable="true" camunda:historyTimeToLive="10">
            <startEvent id="start"><outgoing>f1</outgoing></startEvent>
            <exclusiveGateway id="choice" default="otherwise"><incoming>f1</incoming>
              <outgoing>yes</outgoing><outgoing>forgotten</outgoing><outgoing>otherwise</outgoing>
            </exclusiveGateway>
            <exclusiveGateway id="merge"><incoming>yes</incoming><incoming>forgotten</incoming><incoming>otherwise</incoming><outgoing>f2</outgoing></exclusiveGateway>
            <endEvent id="end"><incoming>f2</incoming></endEvent>
            <sequenceFlow id="f1" sourceRef="start" targetRef="choice"/>
            <sequenceFlow id="yes" sourceRef="choice" targetRef="merge">
              <conditionExpression xsi:type="tFormalExpression">${ok}</conditionExpression>
            </sequenceFlow>
            <sequenceFlow id="forgotten" sourceRef="choice" targetRef="merge"/>
            <sequenceFlow id="otherwise" sourceRef="choice" targetRef="merge"/>
            <sequenceFlow id="f2" sourceRef="merge" targetRef="end"/>
          </process>
          """);

      assertThat(unconditionalChoices("broken.bpmn", model))
          .singleElement().asString().contains("broken.bpmn", "'forgotten'", "'choice'");
    }

    private BpmnModelInstance model(String process) {
      String xml = """
          <?xml version="1.0" encoding="UTF-8"?>
          <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                       xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                       xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                       id="d" targetNamespace="http://onewindow.org/test">
          %s
          </definitions>
          """.formatted(process);
      BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(UTF_8)));
      Bpmn.validateModel(model);
      return model;
    }
  }

  // ---------------------------------------------------------------- the checks

  /** Each executable process sets camunda:historyTimeToLive; a file without one deploys nothing. */
  static List<String> historyTimeToLiveProblems(String file, BpmnModelInstance model) {
    List<Process> executable = model.getModelElementsByType(Process.class).stream()
        .filter(Process::isExecutable)
        .toList();
    if (executable.isEmpty()) {
      return List.of(file + ": no executable process");
    }
    return executable.stream()
        .filter(process -> isBlank(process.getCamundaHistoryTimeToLiveString()))
        .map(process -> file + ": process '" + process.getId() + "' has no camunda:historyTimeToLive")
        .toList();
  }

  /** Each user task names candidate groups, each an expression or a known group. */
  static List<String> candidateGroupProblems(String file, BpmnModelInstance model, Set<String> knownGroups) {
    List<String> problems = new ArrayList<>();
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      String groups = task.getCamundaCandidateGroups();
      if (isBlank(groups)) {
        problems.add(file + ": " + describe(task) + " has no candidate groups");
        continue;
      }
      if (isExpression(groups.trim())) {
        continue;
      }
      for (String group : groups.split(",")) {
        String name = group.trim();
        if (!isExpression(name) && !knownGroups.contains(name)) {
          problems.add(file + ": " + describe(task) + " has candidate group '" + name
              + "', which is neither an expression nor one of " + new TreeSet<>(knownGroups));
        }
      }
    }
    return problems;
  }

  /**
   * Flow nodes that no case can reach. Starting points are the start events of each process and of
   * its event sub-processes; from a reached node the walk follows its outgoing sequence flows, its
   * boundary events, the start events inside it (sub-process), the catch event of a thrown link and
   * the compensation handler associated with a compensation boundary event.
   */
  static List<String> unreachableElements(String file, BpmnModelInstance model) {
    Map<String, List<BoundaryEvent>> boundaryEvents = new HashMap<>();
    for (BoundaryEvent event : model.getModelElementsByType(BoundaryEvent.class)) {
      boundaryEvents.computeIfAbsent(event.getAttachedTo().getId(), id -> new ArrayList<>()).add(event);
    }
    Map<String, List<FlowNode>> associated = new HashMap<>();
    for (Association association : model.getModelElementsByType(Association.class)) {
      if (association.getTarget() instanceof FlowNode target) {
        associated.computeIfAbsent(association.getSource().getId(), id -> new ArrayList<>()).add(target);
      }
    }
    Map<String, List<FlowNode>> linkCatches = new HashMap<>();
    for (IntermediateCatchEvent event : model.getModelElementsByType(IntermediateCatchEvent.class)) {
      for (String link : linkNames(event)) {
        linkCatches.computeIfAbsent(link, name -> new ArrayList<>()).add(event);
      }
    }

    Set<String> reached = new HashSet<>();
    Deque<FlowNode> toVisit = new ArrayDeque<>();
    for (Process process : model.getModelElementsByType(Process.class)) {
      enterScope(process.getFlowElements(), toVisit);
    }
    while (!toVisit.isEmpty()) {
      FlowNode node = toVisit.pop();
      if (!reached.add(node.getId())) {
        continue;
      }
      node.getOutgoing().forEach(flow -> toVisit.push(flow.getTarget()));
      toVisit.addAll(boundaryEvents.getOrDefault(node.getId(), List.of()));
      toVisit.addAll(associated.getOrDefault(node.getId(), List.of()));
      if (node instanceof SubProcess subProcess) {
        enterScope(subProcess.getFlowElements(), toVisit);
      }
      if (node instanceof IntermediateThrowEvent thrown) {
        linkNames(thrown).forEach(link -> toVisit.addAll(linkCatches.getOrDefault(link, List.of())));
      }
    }

    return model.getModelElementsByType(FlowNode.class).stream()
        .filter(node -> !reached.contains(node.getId()))
        .map(node -> file + ": " + describe(node) + " is unreachable from any start event")
        .sorted()
        .toList();
  }

  /** Entering a scope starts its start events and arms its event sub-processes. */
  private static void enterScope(Collection<FlowElement> elements, Deque<FlowNode> toVisit) {
    for (FlowElement element : elements) {
      if (element instanceof StartEvent start) {
        toVisit.push(start);
      } else if (element instanceof SubProcess subProcess && subProcess.triggeredByEvent()) {
        toVisit.push(subProcess);
      }
    }
  }

  private static List<String> linkNames(Event event) {
    return event.getChildElementsByType(LinkEventDefinition.class).stream()
        .map(LinkEventDefinition::getName)
        .toList();
  }

  /** Each flow out of an exclusive gateway with a real choice has a condition or is its default. */
  static List<String> unconditionalChoices(String file, BpmnModelInstance model) {
    List<String> problems = new ArrayList<>();
    for (ExclusiveGateway gateway : model.getModelElementsByType(ExclusiveGateway.class)) {
      if (gateway.getOutgoing().size() < 2) {
        continue;
      }
      String defaultFlow = gateway.getDefault() == null ? null : gateway.getDefault().getId();
      for (SequenceFlow flow : gateway.getOutgoing()) {
        if (!hasCondition(flow) && !flow.getId().equals(defaultFlow)) {
          problems.add(file + ": sequence flow '" + flow.getId() + "' leaves exclusive gateway '" + gateway.getId()
              + "' without a condition and is not its default flow");
        }
      }
    }
    return problems;
  }

  private static boolean hasCondition(SequenceFlow flow) {
    ConditionExpression condition = flow.getConditionExpression();
    return condition != null && (!isBlank(condition.getTextContent()) || !isBlank(condition.getCamundaResource()));
  }

  // ---------------------------------------------------------------- helpers

  private static List<Path> modelFiles(String glob) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> found = Files.newDirectoryStream(PROCESSES, glob)) {
      found.forEach(files::add);
    }
    files.sort(null);
    return files;
  }

  private static Set<String> executableProcessKeysInFolder() throws IOException {
    return bpmnFiles().stream()
        .flatMap(file -> readBpmn(file).getModelElementsByType(Process.class).stream())
        .filter(Process::isExecutable)
        .map(Process::getId)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static BpmnModelInstance readBpmn(Path file) {
    return Bpmn.readModelFromFile(file.toFile());
  }

  private static String fileName(Path file) {
    return file.getFileName().toString();
  }

  private static String describe(BaseElement element) {
    String name = element instanceof FlowElement flowElement ? flowElement.getName() : null;
    return element.getElementType().getTypeName() + " '" + element.getId() + "'" + (isBlank(name) ? "" : " (" + name + ")");
  }

  private static boolean isExpression(String value) {
    return (value.startsWith("${") || value.startsWith("#{")) && value.endsWith("}");
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
