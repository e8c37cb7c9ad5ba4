package hu.miskolc.fourim.benefit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Year;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import hu.miskolc.fourim.IntegrationTest;
import hu.miskolc.fourim.journey.TestJourneys;
import hu.miskolc.fourim.process.ProcessTestSupport;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code benefit-application} for participants without a running journey: every path of the model. */
@IntegrationTest
class BenefitApplicationProcessTest extends ProcessTestSupport {

    static final String BOTH_ROLES = "ketszem";
    private static final int THIS_YEAR = Year.now().getValue();

    @Autowired
    TestJourneys people;

    @BeforeEach
    void init() {
        initAssertions();
    }

    @Test
    void aMunicipalSupportIsPreparedReturnedOnceAndApprovedByAnotherPerson() {
        // 100 000 Ft for a parent and a child: 50 000 Ft a head, under the housing-maintenance limit
        String caseRef = people.participantCase("babonyiberc", 1980, "unemployed", 100000, true, true, THIS_YEAR - 6);
        ProcessInstance application = apply("clerk", caseRef, "housing-maintenance");
        assertThat(application).isWaitingAt("Task_FileApplication").task().hasCandidateGroup("case-administrators");
        assertThat(application.getTenantId()).isEqualTo("babonyiberc");
        assertThat(application.getBusinessKey()).startsWith("TAM-");
        assertThat(variable(application, "incomePerHead")).isEqualTo(50000);
        assertThat(variable(application, "hasChildren")).isEqualTo(true);
        completeAt(application, "Task_FileApplication", facts(50000));

        assertThat(application).hasPassed("BusinessRule_Eligibility").isWaitingAt("Task_PrepareMunicipalDecision");
        as("clerk", () -> completeAt(application, "Task_PrepareMunicipalDecision", grant(12000)));
        Task approval = taskAt(application, "Task_ApproveMunicipalDecision");
        assertThat(approval).hasCandidateGroup("coordinators");
        assertThat(engine.getTaskService().getVariable(approval.getId(), "fourEyesExcludedUser")).isEqualTo("clerk");
        as("coordinator", () -> completeAt(application, "Task_ApproveMunicipalDecision",
                Map.of("approval", "return", "approvalNote", "Az időszak legyen egy év")));

        assertThat(application).isWaitingAt("Task_PrepareMunicipalDecision");
        assertThat(variable(application, "returnNote")).isEqualTo("Az időszak legyen egy év");
        as("clerk", () -> completeAt(application, "Task_PrepareMunicipalDecision", grant(12000)));
        as("coordinator", () -> completeAt(application, "Task_ApproveMunicipalDecision",
                Map.of("approval", "approve")));

        assertThat(application).isEnded().hasPassed("Task_RecordDecision", "EndEvent_Decided")
                .hasNotPassed("Task_AssistStateSubmission");
        Map<String, Object> row = row(application);
        assertThat(row).containsEntry("decision", "granted").containsEntry("amount_huf", 12000)
                .containsEntry("prepared_by", "clerk").containsEntry("approved_by", "coordinator")
                .containsEntry("returns", 1).containsEntry("eligible", true).containsEntry("competence", "municipal");
        assertThat(row.get("period_from")).hasToString(THIS_YEAR + "-01-01");
    }

    @Test
    void whoPreparedTheDecisionCannotApproveIt() {
        ensureUserInBothRoles();
        String caseRef = people.participantCase("tetemvar", 1960, "unemployed", 60000, true, true);
        ProcessInstance application = apply("clerk", caseRef, "medication");
        Map<String, Object> facts = facts(60000);
        facts.put("chronicIllness", true);
        completeAt(application, "Task_FileApplication", facts);
        as(BOTH_ROLES, () -> completeAt(application, "Task_PrepareMunicipalDecision", grant(5000)));
        Task approval = taskAt(application, "Task_ApproveMunicipalDecision");

        assertThatThrownBy(() -> engine.getTaskService().claim(approval.getId(), BOTH_ROLES))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("négy szem");
        assertThatThrownBy(() -> as(BOTH_ROLES, () -> engine.getTaskService().complete(approval.getId(),
                Map.of("approval", "approve")))).hasMessageContaining("négy szem");
        assertThat(application).isWaitingAt("Task_ApproveMunicipalDecision");
        assertThat(row(application).get("approved_by")).isNull();

        as("coordinator", () -> engine.getTaskService().complete(approval.getId(), Map.of("approval", "approve")));
        assertThat(application).isEnded();
        assertThat(row(application)).containsEntry("prepared_by", BOTH_ROLES).containsEntry("approved_by", "coordinator");
    }

    @Test
    void anIneligibleApplicationEndsWithTheReason() {
        String caseRef = people.participantCase("babonyiberc", 1985, "employed", 400000, true, true);
        ProcessInstance application = apply("clerk", caseRef, "active-age-benefit");
        completeAt(application, "Task_FileApplication", facts(400000));

        assertThat(application).isEnded().hasPassed("EndEvent_Ineligible").hasNotPassed("Gateway_Competence");
        assertThat(row(application)).containsEntry("status", "ineligible").containsEntry("eligible", false)
                .containsEntry("eligibility_reason", "A megadott adatok alapján a támogatás feltételei nem teljesülnek.");
    }

    @Test
    void aMissingTajCardBlocksTheApplicationUntilTheDocumentsAreRecorded() {
        String caseRef = people.participantCase("tetemvar", 1975, "unemployed", 20000, true, false);
        ProcessInstance application = apply("clerk", caseRef, "crisis-support");
        assertThat(application).isWaitingAt("Task_ApplicationDocumentAssistance").task()
                .hasCandidateGroup("service-access");
        assertThat(row(application)).containsEntry("status", "documents");
        Task assistance = taskAt(application, "Task_ApplicationDocumentAssistance");
        assertThat(engine.getTaskService().getVariable(assistance.getId(), "missingDocuments")).isEqualTo("TAJ-kártya");

        completeAt(application, "Task_ApplicationDocumentAssistance", Map.of("addressCardArranged", false,
                "tajCardArranged", false, "assistanceNote", "Időpont a kormányablakban jövő héten"));
        assertThat(application).isWaitingAt("Task_ApplicationDocumentAssistance"); // still missing: not yet filed
        completeAt(application, "Task_ApplicationDocumentAssistance", Map.of("addressCardArranged", false,
                "tajCardArranged", true));

        assertThat(application).isWaitingAt("Task_FileApplication");
        assertThat(row(application)).containsEntry("status", "filed");
        Map<String, Object> facts = facts(20000);
        facts.put("crisisSituation", true);
        completeAt(application, "Task_FileApplication", facts);
        assertThat(application).isWaitingAt("Task_PrepareMunicipalDecision");
    }

    @Test
    void aStateSupportIsSubmittedToTheStateOfficeAndItsDecisionRecorded() {
        String caseRef = people.participantCase("babonyiberc", 1990, "unemployed", 40000, true, true, THIS_YEAR - 3);
        ProcessInstance application = apply("clerk", caseRef, "active-age-benefit");
        completeAt(application, "Task_FileApplication", facts(20000));

        assertThat(application).isWaitingAt("Task_AssistStateSubmission").task().hasCandidateGroup("case-administrators");
        completeAt(application, "Task_AssistStateSubmission", Map.of("stateOffice", "Miskolci Járási Hivatal",
                "submittedOn", THIS_YEAR + "-02-03"));
        assertThat(row(application)).containsEntry("status", "state-office")
                .containsEntry("state_office", "Miskolci Járási Hivatal");
        completeAt(application, "Task_RecordStateDecision", Map.of("stateDecision", "refused",
                "decisionReason", "A hivatal szerint a jövedelem a határ felett van"));

        assertThat(application).isEnded().hasPassed("Task_RecordStateDecision", "EndEvent_Decided")
                .hasNotPassed("Task_PrepareMunicipalDecision");
        assertThat(row(application)).containsEntry("decision", "refused").containsEntry("amount_huf", null)
                .containsEntry("competence", "state");
    }

    @Test
    void anUnknownCaseReferenceGoesBackToTheClerkAndAHouseholdCanApplyToo() {
        String participantCase = people.participantCase("babonyiberc", 1970, "unemployed", 90000, true, true,
                THIS_YEAR - 1);
        String householdCase = participantCase.substring(0, participantCase.lastIndexOf('-'));
        ProcessInstance application = apply("clerk", "H-2000-999999", "birth");

        assertThat(application).hasPassed("BoundaryEvent_UnknownCase").isWaitingAt("Task_CorrectCaseRef").task()
                .isAssignedTo("clerk");
        assertThat((String) variable(application, "unknownCaseReason")).contains("H-2000-999999");
        completeAt(application, "Task_CorrectCaseRef", Map.of("caseRef", householdCase));

        assertThat(application).isWaitingAt("Task_FileApplication");
        assertThat(row(application)).containsEntry("case_ref", householdCase).containsEntry("participant_id", null);
        completeAt(application, "Task_FileApplication", facts(45000));
        assertThat(application).isWaitingAt("Task_PrepareMunicipalDecision");
    }

    private ProcessInstance apply(String user, String caseRef, String supportType) {
        engine.getIdentityService().setAuthentication(user, List.of("case-administrators"));
        try { // as the case administrator in Tasklist: needs the start grant
            String district = jdbc.queryForList("select district_code from household where case_ref = ? "
                            + "union select district_code from participant where case_ref = ?", String.class,
                    caseRef, caseRef).stream().findFirst().orElse("babonyiberc");
            return engine.getRuntimeService().startProcessInstanceByKey(BenefitApplicationProcess.KEY, Map.of(
                    "districtCode", district, "caseRef", caseRef, "supportType", supportType));
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    /** Runs as this user, with their groups and districts, as Tasklist would. */
    private void as(String user, Runnable action) {
        var identity = engine.getIdentityService();
        identity.setAuthentication(user,
                identity.createGroupQuery().groupMember(user).list().stream().map(g -> g.getId()).toList(),
                identity.createTenantQuery().userMember(user).includingGroupsOfUser(true).list().stream()
                        .map(t -> t.getId()).toList());
        try {
            action.run();
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    static Map<String, Object> facts(int incomePerHead) {
        Map<String, Object> facts = new HashMap<>();
        facts.put("incomePerHead", incomePerHead);
        facts.put("caresForRelative", false);
        facts.put("chronicIllness", false);
        facts.put("crisisSituation", false);
        return facts;
    }

    static Map<String, Object> grant(int amount) {
        return Map.of("proposedDecision", "grant", "amountHuf", amount, "periodFrom", THIS_YEAR + "-01-01",
                "periodTo", THIS_YEAR + "-12-31", "decisionReason", "Jövedelemhatár alatt, rendezett lakhatás");
    }

    private Object variable(ProcessInstance instance, String name) {
        return engine.getRuntimeService().getVariable(instance.getId(), name);
    }

    private Map<String, Object> row(ProcessInstance application) {
        return jdbc.queryForMap("select * from benefit_application where process_instance_id = ?", application.getId());
    }

    private void ensureUserInBothRoles() {
        var identity = engine.getIdentityService();
        if (identity.createUserQuery().userId(BOTH_ROLES).count() == 0) {
            User user = identity.newUser(BOTH_ROLES);
            user.setFirstName("Kettős");
            user.setLastName("Szerep");
            user.setEmail(BOTH_ROLES + "@test.4im.local");
            user.setPassword("test-password");
            identity.saveUser(user);
            identity.createMembership(BOTH_ROLES, "case-administrators");
            identity.createMembership(BOTH_ROLES, "coordinators");
        }
    }
}
