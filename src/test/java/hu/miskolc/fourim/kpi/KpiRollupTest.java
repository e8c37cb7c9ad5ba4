package hu.miskolc.fourim.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import hu.miskolc.fourim.IntegrationTest;
import hu.miskolc.fourim.benchmark.CityData;
import hu.miskolc.fourim.journey.Outcome;
import hu.miskolc.fourim.journey.ParticipantRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The summary from the roll-up (V42: triggers writing deltas, the fold) equals the summary aggregated directly over
 * the participant, referral and household tables, for every filter, through every kind of change, before and after
 * a fold, and while writers and folds run at the same time.
 */
@IntegrationTest
class KpiRollupTest {

    private static final String[][] PACKAGES = {{null, null}, {"employment", null}, {"employment", "full"},
            {"employment", "home"}, {"employment", "reduced"}, {"education", null}, {"living-conditions", null},
            {"open-door", null}, {"motivation", null}};

    @Autowired
    ApplicationContext context;
    @Autowired
    KpiController controller;
    @Autowired
    KpiRollup rollup;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ParticipantRepository participants;
    @Autowired
    PlatformTransactionManager transactionManager;

    KpiFixtures fixtures;
    KpiDirectFigures direct;
    /** How far (days) a roll-up median may be from the direct one: 0 for data in whole hours. */
    double medianTolerance;

    @BeforeEach
    void setUp() {
        fixtures = new KpiFixtures(jdbc);
        direct = new KpiDirectFigures(jdbc);
    }

    @Test
    void theRollUpEqualsTheDirectFiguresThroughEveryKindOfChange() {
        String x = fixtures.district("kpi-roll-x");
        String y = fixtures.district("kpi-roll-y");
        // around midnight and the DST changes in Budapest: the registration day is the local one
        UUID a = fixtures.participant(x, "2023-03-26T01:30:00+01:00", true, true, "referred", null);
        UUID b = fixtures.participant(x, "2023-03-26T23:50:00+02:00", true, false, "referred", null);
        UUID c = fixtures.participant(x, "2023-04-30T23:59:00+02:00", true, true, "in-service", null);
        UUID d = fixtures.participant(x, "2023-05-01T00:10:00+02:00", false, null, "intake", null);
        UUID e = fixtures.participant(y, "2023-10-29T02:30:00+01:00", true, true, "assessed", null);
        UUID f = fixtures.participant(y, "2023-10-28T22:30:00Z", true, false, "closed", "closer-to-services");
        fixtures.referral(a, "employment", "full", "pending", null);
        fixtures.referral(b, "open-door", null, "pending", null);
        fixtures.referral(b, "living-conditions", null, "accepted", 3);
        fixtures.referral(c, "employment", "home", "accepted", 12);
        fixtures.referral(c, "education", null, "returned-closed", 2);
        fixtures.referral(f, "motivation", null, "accepted", 7);
        UUID planned = fixtures.household(x, "2023-04-02T09:00:00+02:00");
        jdbc.update("update household set status = 'planned', surveyed_at = null where id = ?", planned);
        assertEqual(x, y);

        // a decision a whole number of hours after registration: the hourly histogram is exact
        jdbc.update("update referral set status = 'accepted', decided_at = ? where participant_id = ?",
                at(a, 5 * 24 + 7), a);
        jdbc.update("update participant set first_accepted_at = ?, status = 'in-service' where id = ?", at(a, 127), a);
        // a return, then the round closed (several rows of one participant in one statement)
        jdbc.update("update referral set status = 'returned', decided_at = ? where participant_id = ?",
                at(b, 30), b);
        jdbc.update("update referral set status = 'returned-closed' where participant_id = ? and status = 'returned'",
                b);
        // a second referral of another package and track adds the person to that scope with all their figures
        fixtures.referral(e, "employment", "reduced", "accepted", 4);
        fixtures.referral(e, "education", null, "pending", null);
        participants.close(c, Outcome.EMPLOYED_HOME);
        participants.recordConsent(d, false);
        participants.eraseIdentity(d);
        jdbc.update("update household set status = 'visiting', visit_attempts = 1 where id = ?", planned);
        assertEqual(x, y);

        fold();
        assertEqual(x, y);

        // a referral moved to another package, a person moved to another household, surveys, a deletion
        jdbc.update("update referral set package = 'motivation', employment_track = null "
                + "where participant_id = ? and package = 'education'", e);
        jdbc.update("update participant set household_id = ? where id = ?", fixtures.householdOf(c), b);
        jdbc.update("update household set status = 'surveyed', surveyed_at = ? where id = ?",
                KpiFixtures.ts("2023-04-05T10:00:00+02:00"), planned);
        jdbc.update("update participant set created_at = created_at + interval '1 hour' where id = ?", d);
        jdbc.update("update participant set ready_at_start = null, status = 'consented' where id = ?", f);
        jdbc.update("delete from referral where participant_id = ?", f);
        assertEqual(x, y);
        // a person with referrals moved to another district; in one statement a person whose figures move and one
        // whose read columns stay; a referral's reason only
        jdbc.update("update participant set district_code = ? where id = ?", x, e);
        jdbc.update("update participant set referral_returns = referral_returns + 1, "
                + "status = case when id = ? then 'closed' else status end, "
                + "outcome = case when id = ? then 'activated' else outcome end where id in (?, ?)", b, b, b, c);
        jdbc.update("update referral set return_reason = 'moved', decided_by = 'coach' where participant_id = ?", c);
        assertEqual(x, y);
        jdbc.update("delete from referral where participant_id = ?", a);
        jdbc.update("delete from participant where id = ?", a);
        jdbc.update("delete from household where id = ?", planned);
        assertEqual(x, y);

        fold();
        assertEqual(x, y);
        fold(); // nothing left to fold: the same figures
        assertEqual(x, y);
    }

    @Test
    void aFoldRunningWithWritersLosesNoDelta() throws Exception {
        String z = fixtures.district("kpi-roll-z");
        List<UUID> people = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            people.add(fixtures.participant(z, "2023-06-0" + (1 + i % 3) + "T10:00:00+02:00", true, i % 2 == 0,
                    "referred", null));
        }
        String[] packages = {"employment", "education", "living-conditions", "open-door", "motivation"};
        String[] tracks = {"full", "home", "reduced"};
        String[] statuses = {"pending", "accepted", "returned", "returned-closed"};
        TransactionTemplate tx = new TransactionTemplate(transactionManager);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger folds = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                Random random = new Random(w);
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        UUID person = people.get(random.nextInt(people.size()));
                        String pkg = packages[random.nextInt(packages.length)];
                        switch (random.nextInt(5)) {
                            case 0 -> fixtures.referral(person, pkg, pkg.equals("employment")
                                    ? tracks[random.nextInt(tracks.length)] : null,
                                    statuses[random.nextInt(statuses.length)], random.nextInt(20));
                            case 1 -> jdbc.update("update referral set status = ?, decided_at = now() "
                                    + "where participant_id = ? and package = ?",
                                    statuses[random.nextInt(statuses.length)], person, pkg);
                            case 2 -> jdbc.update("update participant set status = 'closed', outcome = ? where id = ?",
                                    Outcome.values()[random.nextInt(Outcome.values().length)].code(), person);
                            // as the journey does: the referrals, then the participant, in one transaction
                            case 3 -> tx.executeWithoutResult(s -> {
                                jdbc.update("delete from referral where id in (select id from referral "
                                        + "where participant_id = ? limit 1)", person);
                                jdbc.update("update participant set ready_at_start = not coalesce(ready_at_start, false) "
                                        + "where id = ?", person);
                            });
                            default -> jdbc.update("update household set status = ?, surveyed_at = now() where id = ?",
                                    random.nextBoolean() ? "surveyed" : "visiting", fixtures.householdOf(person));
                        }
                    }
                    return null;
                }));
            }
            Future<?> folder = pool.submit(() -> {
                while (writing.get()) {
                    if (jdbc.queryForObject("select kpi_fold()", Boolean.class)) {
                        folds.incrementAndGet();
                    }
                }
                return null;
            });
            for (Future<?> writer : writers) {
                writer.get(2, TimeUnit.MINUTES);
            }
            writing.set(false);
            folder.get(1, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
        assertThat(folds.get()).isPositive();
        assertEqual(z);
        fold();
        assertThat(jdbc.queryForObject("select count(*) from kpi_participant_delta where district_code = ?",
                Long.class, z)).isZero();
        assertEqual(z);
    }

    @Test
    void aChangeComputesOnlyTheFiguresItCanMove() {
        String v = fixtures.district("kpi-roll-v");
        UUID p = fixtures.participant(v, "2023-06-01T10:00:00+02:00", true, true, "referred", null);
        fixtures.referral(p, "employment", "full", "pending", null);
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            // the calls of this transaction's PL/pgSQL functions are counted in pg_stat_xact_user_functions
            jdbc.execute("set local track_functions = 'pl'");
            // columns no figure reads
            jdbc.update("update participant set closed_at = now(), referral_returns = 1 where id = ?", p);
            jdbc.update("update referral set return_reason = 'none', decided_by = 'coach' where participant_id = ?", p);
            assertThat(calls()).containsEntry("kpi_participant_changed", 1L).containsEntry("kpi_referral_changed", 1L)
                    .containsEntry("kpi_people_deltas", 0L).containsEntry("kpi_referral_deltas", 0L);

            // a decision moves the referral figures and the histogram, not the people's
            jdbc.update("update referral set status = 'accepted', decided_at = now() where participant_id = ?", p);
            assertThat(calls()).containsEntry("kpi_people_deltas", 0L).containsEntry("kpi_referral_deltas", 1L);

            // a step of the person's journey moves the people's figures, not the referrals'
            jdbc.update("update participant set status = 'in-service' where id = ?", p);
            assertThat(calls()).containsEntry("kpi_people_deltas", 1L).containsEntry("kpi_referral_deltas", 1L);

            // a new referral moves both
            fixtures.referral(p, "education", null, "pending", null);
            assertThat(calls()).containsEntry("kpi_people_deltas", 2L).containsEntry("kpi_referral_deltas", 2L);
            status.setRollbackOnly();
        });
    }

    @Test
    void theTriggersReadTheChangedPeopleWithPlansTheyKeep() {
        // planned once per connection, not on every run (V44)
        for (String function : List.of("kpi_current", "kpi_participant_changed", "kpi_referral_changed",
                "kpi_household_changed")) {
            assertThat(jdbc.queryForObject("select array_to_string(proconfig, ',') from pg_proc where proname = ?",
                    String.class, function)).as(function).isEqualTo("plan_cache_mode=force_generic_plan");
        }
    }

    private Map<String, Long> calls() {
        Map<String, Long> calls = new java.util.HashMap<>();
        for (String function : List.of("kpi_participant_changed", "kpi_referral_changed", "kpi_people_deltas",
                "kpi_referral_deltas")) {
            calls.put(function, jdbc.queryForObject("select coalesce(sum(calls), 0) from pg_stat_xact_user_functions "
                    + "where funcname = ?", Long.class, function));
        }
        return calls;
    }

    @Test
    void aRebuildGivesTheRollUpTheTriggersKeptUpToDate() {
        String w = fixtures.district("kpi-roll-w");
        UUID p = fixtures.participant(w, "2023-07-01T10:00:00+02:00", true, true, "in-service", null);
        fixtures.referral(p, "employment", "full", "accepted", 9);
        fixtures.referral(p, "open-door", null, "returned-closed", 1);
        assertTheRebuildChangesNothing();
    }

    @Test
    void theCityGeneratorsBulkLoadAddsItsRowsToTheRollUp() {
        // tables with the triggers off and kpi_add per chunk, running cases through the triggers
        // (districts no other test generates: CityDataTest counts the tasks of its own)
        CityData.generate(context, new CityData.Spec(400, 0, 6, 2, List.of("pereces", "komlosteto")));
        // generated times are not whole hours: the medians may differ by the hour the histogram rounds down
        medianTolerance = 0.1;
        assertEqual("pereces", "komlosteto");
        fold();
        assertEqual("pereces", "komlosteto");
        assertTheRebuildChangesNothing();
    }

    /** Every roll-up row (after a fold) is what kpi_rebuild() computes from the tables of the whole database. */
    private void assertTheRebuildChangesNothing() {
        fold();
        // each table ordered by its key
        String[] queries = {"select * from kpi_participant_rollup order by 1, 2, 3, 4",
                "select * from kpi_outcome_rollup order by 1, 2, 3, 4, 5",
                "select * from kpi_household_rollup order by 1, 2, 3, 4",
                "select * from kpi_referral_rollup order by 1, 2, 3, 4, 5, 6",
                // the histogram's (hour, count) pairs are kept in no particular order
                "select scope, district_code, period, day, package, track, (select string_agg(b || ':' || c, ',' "
                        + "order by b) from unnest(buckets, counts) u (b, c)) as histogram "
                        + "from kpi_median_rollup order by 1, 2, 3, 4, 5, 6"};
        List<List<Map<String, Object>>> before = new ArrayList<>();
        for (String query : queries) {
            before.add(jdbc.queryForList(query));
        }
        jdbc.execute("select kpi_rebuild()");
        for (int i = 0; i < queries.length; i++) {
            assertThat(jdbc.queryForList(queries[i])).as(queries[i]).isEqualTo(before.get(i));
        }
    }

    @Test
    void theActivatingOutcomesAreTheSameInTheDatabase() {
        for (Outcome outcome : Outcome.values()) {
            assertThat(jdbc.queryForObject("select kpi_activation(?)", Boolean.class, outcome.code()))
                    .as(outcome.code()).isEqualTo(outcome.activation());
        }
    }

    /** Every filter combination over the districts (and over all districts): roll-up summary = direct summary. */
    private void assertEqual(String... districts) {
        List<String> scopes = new ArrayList<>(List.of(districts));
        scopes.add(null);
        LocalDate[][] periods = {{null, null}, {LocalDate.parse("2023-03-26"), LocalDate.parse("2023-03-26")},
                {LocalDate.parse("2023-03-27"), null}, {null, LocalDate.parse("2023-04-30")},
                {LocalDate.parse("2023-04-30"), LocalDate.parse("2023-10-29")},
                {LocalDate.parse("2024-03-15"), LocalDate.parse("2025-02-10")},
                {LocalDate.parse("2025-01-01"), LocalDate.parse("2025-12-31")}};
        for (String district : scopes) {
            for (LocalDate[] period : periods) {
                for (String[] pkg : PACKAGES) {
                    KpiFilter filter = new KpiFilter(district, period[0], period[1], pkg[0], pkg[1]);
                    Map<String, Object> expected = controller.summary(filter, direct);
                    Map<String, Object> actual = controller.summary(filter, rollup);
                    if (medianTolerance > 0) {
                        assertMediansClose(filter.toString(), expected, actual);
                    }
                    assertThat(actual).as(filter.toString()).isEqualTo(expected);
                }
            }
        }
    }

    /** Folds now (waiting while the scheduled fold holds the lock). */
    /**
     * Checks the medians within {@link #medianTolerance} days and then copies the expected ones over the actual ones,
     * so that the caller's equality covers everything else.
     */
    @SuppressWarnings("unchecked")
    private void assertMediansClose(String path, Map<String, Object> expected, Map<String, Object> actual) {
        for (Map.Entry<String, Object> entry : expected.entrySet()) {
            Object mine = actual.get(entry.getKey());
            if (entry.getValue() instanceof Map<?, ?> nested && mine instanceof Map<?, ?> myNested) {
                assertMediansClose(path + "." + entry.getKey(), (Map<String, Object>) nested,
                        (Map<String, Object>) myNested);
            } else if (entry.getKey().equals("medianDaysToAccepted") && entry.getValue() != null && mine != null) {
                assertThat((Double) mine).as(path).isCloseTo((Double) entry.getValue(),
                        org.assertj.core.data.Offset.offset(medianTolerance + 1e-9));
                actual.put(entry.getKey(), entry.getValue());
            }
        }
    }

    private void fold() {
        for (int attempt = 0; !jdbc.queryForObject("select kpi_fold()", Boolean.class); attempt++) {
            assertThat(attempt).as("the fold lock stays taken").isLessThan(500);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private Timestamp at(UUID participant, int hoursAfterRegistration) {
        Timestamp created = jdbc.queryForObject("select created_at from participant where id = ?", Timestamp.class,
                participant);
        return new Timestamp(created.getTime() + hoursAfterRegistration * 3_600_000L);
    }
}
