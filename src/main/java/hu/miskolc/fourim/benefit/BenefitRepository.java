package hu.miskolc.fourim.benefit;

import java.time.LocalDate;
import java.time.Year;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Benefit applications and the facts of the applicant they are decided on. */
@Repository
public class BenefitRepository {

    /** Whom an application is for: a participant (case reference with member number) or a household's head. */
    public record Applicant(UUID householdId, UUID participantId, UUID memberId, String districtCode, int age,
                            boolean employed, boolean hasChildren, int incomePerHead, boolean missingDocuments) {
    }

    public record Application(UUID id, String reference, String caseRef, String districtCode, UUID participantId,
                              UUID memberId, String supportType, String competence, String status,
                              String preparedBy, String approvedBy, String decision, Integer amountHuf,
                              LocalDate periodFrom, LocalDate periodTo, String decisionReason) {
    }

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy. MM. dd.");

    private final JdbcTemplate jdbc;

    BenefitRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Applicant> applicant(String caseRef, String districtCode) {
        List<Map<String, Object>> participant = jdbc.queryForList("select id, member_id, household_id from participant "
                + "where case_ref = ? and district_code = ?", caseRef, districtCode);
        if (!participant.isEmpty()) {
            Map<String, Object> row = participant.get(0);
            return Optional.of(applicant((UUID) row.get("household_id"), (UUID) row.get("id"),
                    (UUID) row.get("member_id"), districtCode));
        }
        List<Map<String, Object>> head = jdbc.queryForList("select h.id as household_id, m.id as member_id "
                + "from household h join household_member m on m.household_id = h.id and m.survey_round = h.survey_round "
                + "where h.case_ref = ? and h.district_code = ? order by m.member_no limit 1", caseRef, districtCode);
        if (head.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(applicant((UUID) head.get(0).get("household_id"), null, (UUID) head.get(0).get("member_id"),
                districtCode));
    }

    private Applicant applicant(UUID householdId, UUID participantId, UUID memberId, String districtCode) {
        Map<String, Object> member = jdbc.queryForMap("select birth_year, employment_status, has_address_card, "
                + "has_taj_card, survey_round from household_member where id = ?", memberId);
        int round = ((Number) member.get("survey_round")).intValue();
        int thisYear = Year.now().getValue();
        Integer children = jdbc.queryForObject("select count(*) from household_member where household_id = ? "
                + "and survey_round = ? and birth_year > ?", Integer.class, householdId, round, thisYear - 18);
        Integer size = jdbc.queryForObject("select count(*) from household_member where household_id = ? "
                + "and survey_round = ?", Integer.class, householdId, round);
        Integer income = jdbc.queryForObject("select household_income from household where id = ?", Integer.class,
                householdId);
        String employment = (String) member.get("employment_status");
        return new Applicant(householdId, participantId, memberId, districtCode,
                thisYear - ((Number) member.get("birth_year")).intValue(),
                "employed".equals(employment) || "public-works".equals(employment), children != null && children > 0,
                income == null ? 0 : income / Math.max(1, size == null ? 1 : size),
                !Boolean.TRUE.equals(member.get("has_address_card")) || !Boolean.TRUE.equals(member.get("has_taj_card")));
    }

    /** Whether the applicant still lacks an address card or TAJ card (the survey's answer, updated by assistance). */
    public boolean missingDocuments(UUID memberId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select not (has_address_card and has_taj_card) "
                + "from household_member where id = ?", Boolean.class, memberId));
    }

    public Application create(String caseRef, Applicant applicant, BenefitSupport support, String origin,
                              UUID councilItemId, String processInstanceId, String requestedBy) {
        UUID id = UUID.randomUUID();
        long seq = jdbc.queryForObject("select nextval('benefit_application_seq')", Long.class);
        String reference = String.format("TAM-%d-%05d", Year.now().getValue(), seq);
        jdbc.update("insert into benefit_application (id, reference, district_code, case_ref, household_id, "
                        + "participant_id, member_id, support_type, competence, origin, council_item_id, "
                        + "process_instance_id, requested_by, status) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'filed')",
                id, reference, applicant.districtCode(), caseRef, applicant.householdId(), applicant.participantId(),
                applicant.memberId(), support.code(), support.competence().code(), origin, councilItemId,
                processInstanceId, requestedBy);
        return application(id);
    }

    public Application application(UUID id) {
        return jdbc.queryForObject("select * from benefit_application where id = ?", (rs, i) -> new Application(
                rs.getObject("id", UUID.class), rs.getString("reference"), rs.getString("case_ref"),
                rs.getString("district_code"), rs.getObject("participant_id", UUID.class),
                rs.getObject("member_id", UUID.class), rs.getString("support_type"), rs.getString("competence"),
                rs.getString("status"), rs.getString("prepared_by"), rs.getString("approved_by"),
                rs.getString("decision"), (Integer) rs.getObject("amount_huf"),
                rs.getObject("period_from", LocalDate.class), rs.getObject("period_to", LocalDate.class),
                rs.getString("decision_reason")), id);
    }

    public void setStatus(UUID id, String status) {
        jdbc.update("update benefit_application set status = ? where id = ?", status, id);
    }

    public void saveFacts(UUID id, int incomePerHead, boolean caresForRelative, boolean chronicIllness,
                          boolean crisisSituation) {
        jdbc.update("update benefit_application set income_per_head = ?, cares_for_relative = ?, chronic_illness = ?, "
                + "crisis_situation = ? where id = ?", incomePerHead, caresForRelative, chronicIllness, crisisSituation, id);
    }

    public void recordEligibility(UUID id, boolean eligible, String reason) {
        jdbc.update("update benefit_application set eligible = ?, eligibility_reason = ?, status = ? where id = ?",
                eligible, reason, eligible ? "deciding" : "ineligible", id);
    }

    public void recordProposal(UUID id, String proposedDecision, String preparedBy) {
        jdbc.update("update benefit_application set proposed_decision = ?, prepared_by = ?, prepared_at = now(), "
                + "approved_by = null, approved_at = null where id = ?", proposedDecision, preparedBy, id);
    }

    public void recordApproval(UUID id, boolean approved, String approver) {
        if (approved) {
            jdbc.update("update benefit_application set approved_by = ?, approved_at = now() where id = ?", approver, id);
        } else {
            jdbc.update("update benefit_application set returns = returns + 1 where id = ?", id);
        }
    }

    public void recordStateSubmission(UUID id, String office, LocalDate submittedOn) {
        jdbc.update("update benefit_application set state_office = ?, submitted_on = ?, status = 'state-office' "
                + "where id = ?", office, submittedOn, id);
    }

    public void decide(UUID id, boolean granted, Integer amountHuf, LocalDate from, LocalDate to, String reason) {
        jdbc.update("update benefit_application set status = 'decided', decision = ?, amount_huf = ?, period_from = ?, "
                        + "period_to = ?, decision_reason = ?, decided_at = now() where id = ?",
                granted ? "granted" : "refused", granted ? amountHuf : null, granted ? from : null,
                granted ? to : null, reason, id);
    }

    /** The supports granted to a participant, as the journey shows them ("label: amount Ft, from – to"). */
    public List<String> grantedSupports(UUID participantId) {
        return jdbc.query("select support_type, amount_huf, period_from, period_to from benefit_application "
                        + "where participant_id = ? and decision = 'granted' order by decided_at",
                (rs, i) -> {
                    String label = BenefitSupport.fromCode(rs.getString(1)).map(BenefitSupport::label)
                            .orElse(rs.getString(1));
                    Integer amount = (Integer) rs.getObject(2);
                    LocalDate from = rs.getObject(3, LocalDate.class);
                    LocalDate to = rs.getObject(4, LocalDate.class);
                    return label + (amount == null ? "" : ": " + String.format(java.util.Locale.ROOT, "%,d", amount).replace(',', ' ') + " Ft")
                            + (from == null ? "" : ", " + DATE.format(from) + " – " + (to == null ? "" : DATE.format(to)));
                }, participantId);
    }
}
