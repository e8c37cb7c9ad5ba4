package hu.miskolc.fourim.survey;

import java.time.Year;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Households, their members per survey round and the welfare-indicator history. */
@Repository
public class HouseholdRepository {

    public record Household(UUID id, String caseRef, String districtCode, String address, String status,
                            int visitAttempts, int surveyRound) {
    }

    public record Member(UUID id, int memberNo, String firstName, int birthYear, String relation, String schooling,
                         String employmentStatus, String workCapacity, boolean healthLimits, String incomeSources,
                         boolean hasAddressCard, boolean hasTajCard, boolean agreesToContact) {

        public int age() {
            return Year.now().getValue() - birthYear;
        }

        public boolean workingAge() {
            return age() >= 18 && age() <= 64;
        }

        public boolean missingDocuments() {
            return !hasAddressCard || !hasTajCard;
        }
    }

    public record HouseholdFacts(String tenure, String utilities, int rooms, int householdIncome, boolean hasDebts) {
    }

    private final JdbcTemplate jdbc;

    HouseholdRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Normalised address used to recognise the same household again (case, spaces, punctuation). */
    public static String addressKey(String address) {
        return address.toLowerCase(Locale.ROOT).replaceAll("[\\s.,;/]+", " ").trim();
    }

    public Optional<Household> findByAddress(String districtCode, String address) {
        return jdbc.query("select id, case_ref, district_code, address, status, visit_attempts, survey_round "
                        + "from household where district_code = ? and address_key = ?",
                (rs, i) -> map(rs), districtCode, addressKey(address)).stream().findFirst();
    }

    public Household get(UUID id) {
        return jdbc.queryForObject("select id, case_ref, district_code, address, status, visit_attempts, survey_round "
                + "from household where id = ?", (rs, i) -> map(rs), id);
    }

    /** Registers the household for a (new or repeated) survey; a known address keeps its case reference. */
    public Household registerForSurvey(String districtCode, String address) {
        Optional<Household> existing = findByAddress(districtCode, address);
        if (existing.isPresent()) {
            jdbc.update("update household set status = 'planned', visit_attempts = 0, closed_at = null where id = ?",
                    existing.get().id());
            return get(existing.get().id());
        }
        UUID id = UUID.randomUUID();
        long seq = jdbc.queryForObject("select nextval('case_ref_seq')", Long.class);
        String caseRef = String.format("H-%d-%06d", Year.now().getValue(), seq);
        jdbc.update("insert into household (id, case_ref, district_code, address, address_key, status) "
                + "values (?, ?, ?, ?, ?, 'planned')", id, caseRef, districtCode, address.trim(), addressKey(address));
        return get(id);
    }

    public int recordVisit(UUID id, String outcome) {
        if ("nobody-home".equals(outcome)) {
            jdbc.update("update household set visit_attempts = visit_attempts + 1, status = 'visiting' where id = ?", id);
        } else if ("surveyed".equals(outcome)) {
            jdbc.update("update household set status = 'surveying' where id = ?", id);
        }
        return get(id).visitAttempts();
    }

    public void close(UUID id, String status) {
        jdbc.update("update household set status = ?, closed_at = now() where id = ?", status, id);
    }

    /** Saves a survey round: household facts and the members as surveyed. Returns the new round number. */
    public int saveSurvey(UUID id, HouseholdFacts facts, List<Member> members) {
        Household household = get(id);
        int round = household.surveyRound() + 1;
        jdbc.update("update household set status = 'surveyed', survey_round = ?, tenure = ?, utilities = ?, rooms = ?, "
                        + "household_income = ?, has_debts = ?, surveyed_at = now() where id = ?",
                round, facts.tenure(), facts.utilities(), facts.rooms(), facts.householdIncome(), facts.hasDebts(), id);
        for (Member m : members) {
            jdbc.update("insert into household_member (id, household_id, district_code, member_no, first_name, "
                            + "birth_year, relation, schooling, employment_status, work_capacity, health_limits, "
                            + "income_sources, has_address_card, has_taj_card, agrees_to_contact, survey_round) "
                            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    m.id(), id, household.districtCode(), m.memberNo(), m.firstName(), m.birthYear(), m.relation(),
                    m.schooling(), m.employmentStatus(), m.workCapacity(), m.healthLimits(), m.incomeSources(),
                    m.hasAddressCard(), m.hasTajCard(), m.agreesToContact(), round);
        }
        return round;
    }

    public List<Member> members(UUID householdId, int round) {
        return jdbc.query(MEMBER_COLUMNS + " where household_id = ? and survey_round = ? "
                        + "order by member_no",
                HouseholdRepository::mapMember,
                householdId, round);
    }

    public Optional<Member> member(UUID memberId) {
        return jdbc.query(MEMBER_COLUMNS + " where id = ?",
                HouseholdRepository::mapMember,
                memberId).stream().findFirst();
    }

    public void recordDocuments(UUID memberId, boolean addressCardArranged, boolean tajCardArranged) {
        jdbc.update("update household_member set has_address_card = has_address_card or ?, "
                + "has_taj_card = has_taj_card or ? where id = ?", addressCardArranged, tajCardArranged, memberId);
    }

    public void recordWelfareIndicator(UUID householdId, String districtCode, int round, int score) {
        jdbc.update("insert into welfare_indicator (household_id, district_code, survey_round, score) values (?, ?, ?, ?) "
                + "on conflict (household_id, survey_round) do update set score = excluded.score, computed_at = now()",
                householdId, districtCode, round, score);
    }

    public List<Integer> welfareHistory(UUID householdId) {
        return jdbc.queryForList("select score from welfare_indicator where household_id = ? order by survey_round",
                Integer.class, householdId);
    }

    private static final String MEMBER_COLUMNS = "select id, member_no, first_name, birth_year, relation, schooling, "
            + "employment_status, work_capacity, health_limits, income_sources, has_address_card, has_taj_card, "
            + "agrees_to_contact from household_member";

    private static Member mapMember(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Member(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getBoolean(9), rs.getString(10),
                rs.getBoolean(11), rs.getBoolean(12), rs.getBoolean(13));
    }

    private static Household map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Household(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getInt(6), rs.getInt(7));
    }
}
