package org.onewindow.benchmark;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * Bare Camunda models of the same shape as OneWindow's processes: the same user tasks, gateways,
 * multi-instance, asynchronous continuations and service tasks, with empty delegates, no
 * listeners and no OneWindow code. The department list is a plain list variable.
 */
final class BareModels {
  static final String COMMITMENT = "bare-commitment";
  static final String IMMEDIATE = "bare-immediate";
  static final String ENTERPRISE = "bare-enterprise";

  private BareModels() {}

  static BpmnModelInstance commitment() {
    String noop = NoOpDelegate.class.getName();
    return Bpmn.createExecutableProcess(COMMITMENT).camundaHistoryTimeToLive(3650)
        .startEvent("received")
        .userTask("acceptance").camundaCandidateGroups("window")
        .exclusiveGateway("acceptanceOutcome")
          .condition("accept", "${acceptanceDecision == 'ACCEPT'}")
          .serviceTask("route").camundaClass(noop)
          .parallelGateway("forkJointWork")
            .userTask("jointReview").camundaCandidateGroups("${department}")
              .multiInstance().parallel().camundaCollection("${departments}").camundaElementVariable("department")
              .camundaAsyncAfter().multiInstanceDone()
            .parallelGateway("joinJointWork").camundaAsyncBefore()
            .userTask("decision").camundaCandidateGroups("approvers")
            .exclusiveGateway("decisionOutcome")
              .condition("approve", "${decision == 'APPROVE'}")
              .serviceTask("issueCertificate").camundaClass(noop).camundaAsyncBefore()
              .exclusiveGateway("mergeOutcome")
              .serviceTask("notifyPickup").camundaClass(noop).camundaAsyncBefore()
              .userTask("pickup").camundaCandidateGroups("window")
              .endEvent("finished")
            .moveToNode("decisionOutcome")
              .condition("deny", "${decision == 'DENY'}")
              .connectTo("mergeOutcome")
          .moveToNode("forkJointWork")
            .exclusiveGateway("inspectionNeeded")
              .condition("yes", "${siteInspection}")
              .userTask("siteInspection").camundaCandidateGroups("${leadDepartment}")
              .exclusiveGateway("inspectionDone")
              .connectTo("joinJointWork")
            .moveToNode("inspectionNeeded")
              .condition("no", "${!siteInspection}")
              .connectTo("inspectionDone")
        .moveToNode("acceptanceOutcome")
          .condition("refuse", "${acceptanceDecision == 'REFUSE'}")
          .endEvent("refused")
        .done();
  }

  static BpmnModelInstance immediate() {
    return Bpmn.createExecutableProcess(IMMEDIATE).camundaHistoryTimeToLive(3650)
        .startEvent("received")
        .userTask("windowHandling").camundaCandidateGroups("window")
        .exclusiveGateway("decisionOutcome")
          .condition("approve", "${decision == 'APPROVE'}")
          .endEvent("approved")
        .moveToNode("decisionOutcome")
          .condition("deny", "${decision == 'DENY'}")
          .endEvent("denied")
        .done();
  }

  /** Enterprise establishment: acceptance, the licence, then four registrations in parallel. */
  static BpmnModelInstance enterprise() {
    String noop = NoOpDelegate.class.getName();
    return Bpmn.createExecutableProcess(ENTERPRISE).camundaHistoryTimeToLive(3650)
        .startEvent("received")
        .userTask("acceptance").camundaCandidateGroups("window")
        .exclusiveGateway("acceptanceOutcome")
          .condition("accept", "${acceptanceDecision == 'ACCEPT'}")
          .serviceTask("registerBusiness").camundaClass(noop).camundaAsyncBefore()
          .subProcess("parallelRegistrations").embeddedSubProcess()
            .startEvent("registrationsStart")
            .parallelGateway("forkRegistrations")
              .serviceTask("engraveSeal").camundaClass(noop).camundaAsyncBefore()
              .parallelGateway("joinRegistrations").camundaAsyncBefore()
              .endEvent("registrationsDone")
            .moveToNode("forkRegistrations")
              .serviceTask("registerTax").camundaClass(noop).camundaAsyncBefore()
              .connectTo("joinRegistrations")
            .moveToNode("forkRegistrations")
              .serviceTask("registerSocialInsurance").camundaClass(noop).camundaAsyncBefore()
              .connectTo("joinRegistrations")
            .moveToNode("forkRegistrations")
              .serviceTask("notifyBankAccount").camundaClass(noop).camundaAsyncBefore()
              .connectTo("joinRegistrations")
            .subProcessDone()
          .serviceTask("notifyApplicant").camundaClass(noop).camundaAsyncBefore()
          .endEvent("finished")
        .moveToNode("acceptanceOutcome")
          .condition("refuse", "${acceptanceDecision == 'REFUSE'}")
          .endEvent("refused")
        .done();
  }
}
