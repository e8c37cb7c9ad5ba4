package hu.miskolc.fourim.journey;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Participants and their assessments, referrals, milestones, follow-ups and outcome. */
@Repository
public class ParticipantRepository {

    public record Assessment(boolean cooperating, boolean readyForWork, String workCapacity, boolean lacksSchooling,
                             boolean lacksQualification, boolean housingBarrier, boolean transportBarrier,
                             boolean healthBarrier, boolean debtBarrier, boolean legalBarrier, boolean familyBarrier) {
    }

    public record ReferralRound(List<String> returnedPackages, List<String> returnReasons,
                                List<String> acceptedPackages) {
    }

    /** What a decision about the case may need to know, without the personal file (no name, no address). */
    public record CaseFacts(UUID id, String caseRef, String districtCode, String status, Boolean readyAtStart,
                            String workCapacity, boolean missingDocuments, int referralReturns,
                            List<String> acceptedPackages, List<String> barriers, int followUpsDone,
                            java.time.LocalDate since) {
    }

    private static final List<String> BARRIER_COLUMNS = List.of("lacks_schooling", "lacks_qualification",
            "housing_barrier", "transport_barrier", "health_barrier", "debt_barrier", "legal_barrier",
            "family_barrier");

    private final JdbcTemplate jdbc;

    ParticipantRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean existsForMember(UUID householdId, String firstName, int birthYear) {
        Integer count = jdbc.queryForObject("select count(*) from participant p join household_member m "
                        + "on m.id = p.member_id where p.household_id = ? and m.birth_year = ? "
                        + "and coalesce(m.first_name, '') = coalesce(?, '')",
                Integer.class, householdId, birthYear, firstName);
        return count != null && count > 0;
    }

    public UUID create(UUID memberId, UUID householdId, String districtCode, String caseRef) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into participant (id, case_ref, member_id, household_id, district_code, status) "
                + "values (?, ?, ?, ?, ?, 'intake')", id, caseRef, memberId, householdId, districtCode);
        return id;
    }

    public void recordConsent(UUID id, boolean given) {
        jdbc.update("update participant set status = ?, consent_at = case when ? then now() end where id = ?",
                given ? "consented" : "no-consent", given, id);
    }

    /** No consent: the person stays counted in the household, nothing identifying is kept. */
    public void eraseIdentity(UUID id) {
        jdbc.update("update household_member set first_name = null, erased_at = now() "
                + "where id = (select member_id from participant where id = ?)", id);
        jdbc.update("update participant set closed_at = now() where id = ?", id);
    }

    public void saveAssessment(UUID id, String assessedBy, Assessment a, boolean missingDocuments) {
        jdbc.update("insert into assessment (participant_id, assessed_by, cooperating, ready_for_work, work_capacity, "
                        + "lacks_schooling, lacks_qualification, housing_barrier, transport_barrier, health_barrier, "
                        + "debt_barrier, legal_barrier, family_barrier) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, assessedBy, a.cooperating(), a.readyForWork(), a.workCapacity(), a.lacksSchooling(),
                a.lacksQualification(), a.housingBarrier(), a.transportBarrier(), a.healthBarrier(), a.debtBarrier(),
                a.legalBarrier(), a.familyBarrier());
        // readiness at the start is the baseline of the KPI: only the first assessment sets it
        jdbc.update("update participant set status = 'assessed', assessment_count = assessment_count + 1, "
                        + "ready_at_start = coalesce(ready_at_start, ?), cooperating = ?, work_capacity = ?, "
                        + "missing_documents = ?, assessed_at = coalesce(assessed_at, now()) where id = ?",
                a.readyForWork(), a.cooperating(), a.workCapacity(), missingDocuments, id);
    }

    public List<String> acceptedPackages(UUID id) {
        return jdbc.queryForList("select package from referral where participant_id = ? and status = 'accepted' "
                + "group by package order by min(created_at)", String.class, id);
    }

    public void createReferral(UUID id, String districtCode, String pkg, String employmentTrack) {
        jdbc.update("insert into referral (id, participant_id, district_code, package, employment_track, status) "
                + "values (?, ?, ?, ?, ?, 'pending')", UUID.randomUUID(), id, districtCode, pkg, employmentTrack);
        jdbc.update("update participant set status = 'referred' where id = ?", id);
    }

    /** A referral the council decided on: outside the assessment's referral rounds, so a return does not count. */
    public void createCouncilReferral(UUID id, String districtCode, String pkg) {
        jdbc.update("insert into referral (id, participant_id, district_code, package, status) "
                + "values (?, ?, ?, ?, 'council-pending')", UUID.randomUUID(), id, districtCode, pkg);
    }

    public void decideCouncilReferral(UUID id, String pkg, boolean accepted, String reason, String decidedBy) {
        jdbc.update("update referral set status = ?, return_reason = ?, decided_by = ?, decided_at = now() "
                        + "where participant_id = ? and package = ? and status = 'council-pending'",
                accepted ? "accepted" : "returned-closed", accepted ? null : reason, decidedBy, id, pkg);
        if (accepted) {
            jdbc.update("update participant set first_accepted_at = coalesce(first_accepted_at, now()) where id = ?", id);
        }
    }

    public void decideReferral(UUID id, String pkg, boolean accepted, String reason, String decidedBy) {
        jdbc.update("update referral set status = ?, return_reason = ?, decided_by = ?, decided_at = now() "
                        + "where participant_id = ? and package = ? and status = 'pending'",
                accepted ? "accepted" : "returned", accepted ? null : reason, decidedBy, id, pkg);
        if (accepted) {
            jdbc.update("update participant set first_accepted_at = coalesce(first_accepted_at, now()) where id = ?", id);
        }
    }

    /** Closes the current referral round: returned referrals are settled, the accepted ones stand. */
    public ReferralRound closeReferralRound(UUID id) {
        List<Map<String, Object>> returned = jdbc.queryForList("select package, return_reason from referral "
                + "where participant_id = ? and status = 'returned'", id);
        jdbc.update("update referral set status = 'returned-closed' where participant_id = ? and status = 'returned'", id);
        if (!returned.isEmpty()) {
            jdbc.update("update participant set referral_returns = referral_returns + 1 where id = ?", id);
        }
        return new ReferralRound(returned.stream().map(r -> (String) r.get("package")).toList(),
                returned.stream().map(r -> (String) r.get("return_reason")).toList(), acceptedPackages(id));
    }

    public int referralReturns(UUID id) {
        return jdbc.queryForObject("select referral_returns from participant where id = ?", Integer.class, id);
    }

    public void setStatus(UUID id, String status) {
        jdbc.update("update participant set status = ? where id = ?", status, id);
    }

    public void recordMilestone(UUID id, String pkg, String milestone, String result, String recordedBy) {
        jdbc.update("insert into journey_milestone (participant_id, package, milestone, result, recorded_by) "
                + "values (?, ?, ?, ?, ?)", id, pkg == null ? "all" : pkg, milestone, result, recordedBy);
    }

    public void recordFollowUp(UUID id, String taskId, String kind, Boolean contactMade, String recordedBy) {
        jdbc.update("insert into follow_up (participant_id, task_id, kind, contact_made, recorded_by) "
                + "values (?, ?, ?, ?, ?)", id, taskId, kind, contactMade, recordedBy);
    }

    public void close(UUID id, Outcome outcome) {
        jdbc.update("update participant set status = 'closed', outcome = ?, closed_at = now() where id = ?",
                outcome.code(), id);
    }

    public java.util.Optional<UUID> findByCaseRef(String caseRef) {
        return jdbc.queryForList("select id from participant where case_ref = ?", UUID.class, caseRef).stream()
                .findFirst();
    }

    public CaseFacts caseFacts(UUID id) {
        Map<String, Object> p = row(id);
        List<Map<String, Object>> assessments = jdbc.queryForList("select * from assessment where participant_id = ? "
                + "order by assessed_at desc, id desc limit 1", id);
        List<String> barriers = new java.util.ArrayList<>();
        if (!assessments.isEmpty()) {
            BARRIER_COLUMNS.stream().filter(c -> Boolean.TRUE.equals(assessments.get(0).get(c))).forEach(barriers::add);
        }
        Integer followUps = jdbc.queryForObject("select count(*) from follow_up where participant_id = ? and kind = 'done'",
                Integer.class, id);
        return new CaseFacts(id, (String) p.get("case_ref"), (String) p.get("district_code"), (String) p.get("status"),
                (Boolean) p.get("ready_at_start"), (String) p.get("work_capacity"),
                Boolean.TRUE.equals(p.get("missing_documents")), ((Number) p.get("referral_returns")).intValue(),
                acceptedPackages(id), barriers, followUps == null ? 0 : followUps,
                ((java.sql.Timestamp) p.get("created_at")).toLocalDateTime().toLocalDate());
    }

    /** The first name, for mails and forms (null once erased). */
    public String firstName(UUID id) {
        return jdbc.queryForList("select m.first_name from participant p join household_member m on m.id = p.member_id "
                + "where p.id = ?", String.class, id).stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    public Map<String, Object> row(UUID id) {
        return jdbc.queryForMap("select * from participant where id = ?", id);
    }
}
