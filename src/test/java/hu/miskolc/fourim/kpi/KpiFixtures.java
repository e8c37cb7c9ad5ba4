package hu.miskolc.fourim.kpi;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/** Hand-made KPI data in districts created only for one test (the test database is shared by all test classes). */
final class KpiFixtures {

    private final JdbcTemplate jdbc;

    KpiFixtures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    String district(String prefix) {
        String code = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.update("insert into district (code, name, city) values (?, ?, 'Teszt')", code, "KPI " + code);
        return code;
    }

    /**
     * A surveyed household with one participant registered at {@code created}; consent, readiness, status and outcome
     * as given (ready null = not assessed).
     */
    UUID participant(String district, String created, boolean consent, Boolean ready, String status, String outcome) {
        Timestamp at = ts(created);
        UUID household = UUID.randomUUID();
        String ref = "K" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        jdbc.update("insert into household (id, case_ref, district_code, address, address_key, status, survey_round, "
                        + "created_at, surveyed_at) values (?, ?, ?, ?, ?, 'surveyed', 1, ?, ?)",
                household, ref, district, "KPI utca " + ref, "kpi utca " + ref, at, at);
        UUID member = UUID.randomUUID();
        jdbc.update("insert into household_member (id, household_id, district_code, member_no, first_name, birth_year, "
                        + "relation, schooling, employment_status, work_capacity, health_limits, has_address_card, "
                        + "has_taj_card, agrees_to_contact, survey_round) values (?, ?, ?, 1, 'Titkos', 1980, 'head', "
                        + "'primary', 'unemployed', 'full', false, true, true, true, 1)", member, household, district);
        UUID id = UUID.randomUUID();
        jdbc.update("insert into participant (id, case_ref, member_id, household_id, district_code, status, consent_at, "
                        + "ready_at_start, outcome, created_at, assessed_at, closed_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, ref + "-1", member, household, district, status, consent ? at : null, ready, outcome, at,
                ready == null ? null : at, outcome == null ? null : at);
        return id;
    }

    /** A referral created at the participant's registration; decided {@code days} later unless pending. */
    void referral(UUID participant, String pkg, String track, String status, Integer days) {
        var p = jdbc.queryForMap("select district_code, created_at from participant where id = ?", participant);
        Timestamp created = (Timestamp) p.get("created_at");
        Timestamp decided = days == null ? null : new Timestamp(created.getTime() + days * 86_400_000L);
        jdbc.update("insert into referral (id, participant_id, district_code, package, employment_track, status, "
                        + "created_at, decided_at) values (?, ?, ?, ?, ?, ?, ?, ?)", UUID.randomUUID(), participant,
                p.get("district_code"), pkg, track, status, created, decided);
        if ("accepted".equals(status)) {
            jdbc.update("update participant set first_accepted_at = coalesce(least(first_accepted_at, ?), ?) "
                    + "where id = ?", decided, decided, participant);
        }
    }

    UUID householdOf(UUID participant) {
        return jdbc.queryForObject("select household_id from participant where id = ?", UUID.class, participant);
    }

    String caseRefOf(UUID participant) {
        return jdbc.queryForObject("select case_ref from participant where id = ?", String.class, participant);
    }

    /** A household (without participants) registered and first surveyed at {@code created}. */
    UUID household(String district, String created) {
        UUID household = UUID.randomUUID();
        String ref = "W" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        jdbc.update("insert into household (id, case_ref, district_code, address, address_key, status, survey_round, "
                        + "created_at, surveyed_at) values (?, ?, ?, ?, ?, 'surveyed', 1, ?, ?)",
                household, ref, district, "Jólét utca " + ref, "jolet utca " + ref, ts(created), ts(created));
        return household;
    }

    void welfare(UUID household, String district, int round, int score, String at) {
        jdbc.update("insert into welfare_indicator (household_id, district_code, survey_round, score, computed_at) "
                + "values (?, ?, ?, ?, ?)", household, district, round, score, ts(at));
    }

    static Timestamp ts(String isoDateTime) {
        return Timestamp.from(OffsetDateTime.parse(isoDateTime).toInstant());
    }
}
