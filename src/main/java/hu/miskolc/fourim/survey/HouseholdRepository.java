package hu.miskolc.fourim.survey;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Year;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import hu.miskolc.fourim.database.TransactionMemo;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
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

    /** The households registerNew has registered in the current transaction, by {@link Address#key()}. */
    private static final Object REGISTERED_NOW = new Object();

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

    /** An address as the import reads it: the district and the address as written. */
    public record Address(String districtCode, String address) {

        /** The key under which the address is registered (see {@link #addressKey(String)}). */
        public String key() {
            return key(districtCode, addressKey(address));
        }

        private static String key(String districtCode, String addressKey) {
            return districtCode + "|" + addressKey;
        }
    }

    /** One column of rows, as an SQL array of the given type for {@code unnest}. */
    private static <T> Array column(Connection connection, String type, Collection<T> rows, Function<T, ?> value)
            throws SQLException {
        return connection.createArrayOf(type, rows.stream().map(value).toArray());
    }

    /** The keys ({@link Address#key()}) of those of the addresses that are already registered, in one query. */
    public Set<String> registered(Collection<Address> addresses) {
        if (addresses.isEmpty()) {
            return Set.of();
        }
        Set<String> found = new HashSet<>();
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("select h.district_code, h.address_key "
                    + "from household h join unnest(?::varchar[], ?::varchar[]) a (district_code, address_key) "
                    + "on h.district_code = a.district_code and h.address_key = a.address_key");
            statement.setArray(1, column(connection, "varchar", addresses, Address::districtCode));
            statement.setArray(2, column(connection, "varchar", addresses, a -> addressKey(a.address())));
            return statement;
        }, (RowCallbackHandler) rs -> found.add(Address.key(rs.getString(1), rs.getString(2))));
        return found;
    }

    /**
     * Registers new households in one statement, so the KPI roll-up's trigger runs once for all of them. An address
     * registered meanwhile (by another upload) is left as it is and left out of the result, which maps
     * {@link Address#key()} to the new household.
     */
    public Map<String, Household> registerNew(List<Address> addresses) {
        if (addresses.isEmpty()) {
            return Map.of();
        }
        List<Long> numbers = jdbc.queryForList("select nextval('case_ref_seq') from generate_series(1, ?)", Long.class,
                addresses.size());
        int year = Year.now().getValue();
        Map<String, Household> registered = new HashMap<>();
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("insert into household "
                    + "(id, case_ref, district_code, address, address_key, status) "
                    + "select id, case_ref, district_code, address, address_key, 'planned' "
                    + "from unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[]) "
                    + "a (id, case_ref, district_code, address, address_key) "
                    + "on conflict (district_code, address_key) do nothing "
                    + "returning id, case_ref, district_code, address, status, visit_attempts, survey_round");
            statement.setArray(1, column(connection, "uuid", addresses, a -> UUID.randomUUID()));
            statement.setArray(2, column(connection, "varchar", numbers, n -> caseRef(year, n)));
            statement.setArray(3, column(connection, "varchar", addresses, Address::districtCode));
            statement.setArray(4, column(connection, "varchar", addresses, a -> a.address().trim()));
            statement.setArray(5, column(connection, "varchar", addresses, a -> addressKey(a.address())));
            return statement;
        }, (RowCallbackHandler) rs -> {
            Household household = map(rs);
            registered.put(new Address(household.districtCode(), household.address()).key(), household);
        });
        // the surveys of these households start in this transaction (the import): registerForSurvey need not read
        // them back
        TransactionMemo.<String, Household>of(REGISTERED_NOW).putAll(registered);
        return registered;
    }

    /**
     * Registers the household for a (new or repeated) survey; a known address keeps its case reference. A household
     * already planned (registered by an import, or planned again) is taken as it is.
     */
    public Household registerForSurvey(String districtCode, String address) {
        Household justRegistered = TransactionMemo.<String, Household>of(REGISTERED_NOW)
                .remove(new Address(districtCode, address).key());
        if (justRegistered != null) {
            return justRegistered; // by registerNew, in this transaction: planned, no visit yet
        }
        Optional<Household> existing = findByAddress(districtCode, address);
        if (existing.isPresent()) {
            Household household = existing.get();
            if ("planned".equals(household.status()) && household.visitAttempts() == 0) {
                return household;
            }
            jdbc.update("update household set status = 'planned', visit_attempts = 0, closed_at = null where id = ?",
                    household.id());
            return get(household.id());
        }
        UUID id = UUID.randomUUID();
        long seq = jdbc.queryForObject("select nextval('case_ref_seq')", Long.class);
        String caseRef = caseRef(Year.now().getValue(), seq);
        jdbc.update("insert into household (id, case_ref, district_code, address, address_key, status) "
                + "values (?, ?, ?, ?, ?, 'planned')", id, caseRef, districtCode, address.trim(), addressKey(address));
        return get(id);
    }

    private static String caseRef(int year, long number) {
        return String.format("H-%d-%06d", year, number);
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
