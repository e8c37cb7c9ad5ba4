package hu.miskolc.fourim.benchmark;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import hu.miskolc.fourim.district.DistrictTenants;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstantiationBuilder;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Benchmark data generator (issue #9): fills PostgreSQL with a realistic city — households across the districts of
 * Miskolc and of partner cities, their members and welfare indicators (with re-surveys), participants at every journey
 * stage with their assessments, referrals, milestones and follow-ups, completed {@code participant-journey} instances
 * in Camunda's history, and real running engine instances waiting at user tasks.
 *
 * <p>Every call <b>appends</b>: case references come from {@code case_ref_seq} (as the server's own), ids are random
 * UUIDs, addresses carry the case number as lot number ("hrsz."), so calling it with 10k, then 90k, then 900k
 * participants grows the city to a million. It relies only on what the server and a "stock" Camunda variant of it
 * both have: the {@link JdbcTemplate}'s DataSource, the {@link ProcessEngine} (and its Spring transaction manager),
 * our tables and the deployed {@code participant-journey}.
 *
 * <h2>What is written</h2>
 * <ul>
 *   <li><b>Districts</b>: the rows of {@link #CATALOGUE} used by the spec are added to {@code district} when missing
 *   (the 16 disadvantaged districts of Miskolc, four of Košice, three of other Hungarian cities) and made engine
 *   tenants the way the server does it ({@code DistrictTenants.synchronizeTenants()}: tenant per district, the
 *   city-wide groups as members). Households are spread over them by weight (Luník IX or Lyukóbánya are big,
 *   Kis-Avas is small).</li>
 *   <li><b>Tables</b> ({@code participants}): about 1.3 participants per household (working-age adults who agreed to
 *   be contacted) plus children and elderly members, 15% more households without participants (planned, visiting,
 *   unreachable, refused, moved, or surveyed without a working-age adult). Everything by server-side
 *   {@code INSERT … SELECT} over {@code generate_series} in chunks of up to {@value #CHUNK} participants, one
 *   transaction per chunk, the chunks on as many connections side by side as there are workers and CPUs. The KPI
 *   roll-up's triggers are off for the chunks: each chunk adds its households' figures to the roll-up's deltas once
 *   ({@code kpi_add}), and the chunks fold them every {@value #FOLD_EVERY} chunks and once at the end, while the
 *   generator holds the server's fold back.
 *   Registration dates are spread over the last three years and each person's journey follows a timeline (consent
 *   after 1–14 days, assessment 3–30 days later, referral decided 1–26 days later, service for 1½–14 months); the
 *   stage is where that timeline stands today, so recent people are at intake, consent, referral or in
 *   service and older ones closed. 8% refuse consent (name erased, as the server does). At the first assessment
 *   about 45% are ready for work; of those about 90% close with an activation outcome, so the KPI headline
 *   ({@code /api/kpi/summary}) lands near the 80% target; the others are mostly brought closer to services. 10% of
 *   the referrals are returned once (a second assessment, {@code returned-closed}). About a third of the households
 *   surveyed more than 400 days ago were surveyed again (second welfare indicator and member round).</li>
 *   <li><b>History</b> ({@code historicInstances}): completed {@code participant-journey} instances written by bulk SQL
 *   into {@code ACT_HI_PROCINST}, {@code ACT_HI_ACTINST} and {@code ACT_HI_TASKINST}: one per closed or
 *   non-consenting participant of this call (business key = case reference, tenant = district when the engine has a
 *   tenant-id provider, times from the participant's timeline), and when more are asked for than there are closed
 *   participants, journeys of earlier years whose business records were erased. The activity rows follow the path
 *   the engine records (see {@link #templates}: the same activity ids, types, states, names of the deployed
 *   definition, scope and parent ids, sequence counters), for the no-consent path, employment / education / other
 *   package delivery, closure after follow-up or withdrawal; the removal time follows the engine's removal-time
 *   strategy and the definition's history time to live. Not written: variables, identity links, details.</li>
 *   <li><b>Running instances</b> ({@code runningInstances}): real engine instances started through the
 *   {@code RuntimeService} with the variables the model needs, each in one transaction with its participant's rows
 *   (batches of {@value #RUNNING_BATCH}, so nothing is half-created): 70% wait at {@code Task_AcceptReferral}
 *   ({@code wg-<package>} candidate group, due date from the journey settings, spread over the five working groups:
 *   employment 30%, education 20%, living conditions 18%, open door 17%, motivation 15%), 10% at
 *   {@code Task_IntakeConsent}, 10% at {@code Task_NeedsAssessment}, 10% at {@code Task_FollowUp}. They are started
 *   before the activity ({@code startBeforeActivity}) with the state an earlier path would have left, so the
 *   engine creates the tasks, timers, identity links and (with authorization on) the per-task authorizations
 *   itself. Their participants are added on top of {@code participants}.</li>
 * </ul>
 *
 * <h2>Measured on the 2-core build machine (embedded PostgreSQL 17, fsync on, 256 MB shared buffers)</h2>
 * The whole 1M set, {@code Spec(1_000_000, 1_000_000, 100_000, 8)} with all 23 districts into a fresh database
 * (2026-12-02, two connections for the chunks, eight workers for the running instances): <b>1,920 s (32 min)</b>.
 * <ul>
 *   <li>tables: 456 s for 1,000,000 participants — 11.9 million rows (985k households, 3.75M members, 1.12M welfare
 *   indicators, 1.1M participants, 1.06M assessments, 1.25M referrals, 2.88M milestones, 0.78M follow-ups), 279 s
 *   of it the one fold of the KPI deltas at the end (17M delta rows);</li>
 *   <li>history: 1,157 s for 1,000,000 instances — 41 million rows (32.5M {@code ACT_HI_ACTINST}, 7.6M
 *   {@code ACT_HI_TASKINST}), about 860 instances/s; the two backends share the two cores with the WAL writer,
 *   the checkpointer and the kernel's writes (a second connection made the history alone only ≈ 10% faster;
 *   time-ordered ids of {@link #reserve} instead of random UUIDs doubled it earlier);</li>
 *   <li>running: 100,000 real engine instances in 300 s with 8 workers, 333 instances/s.</li>
 * </ul>
 * On one connection, with the roll-up rebuilt at the end, the same set was ≈ 45 minutes by extrapolation (100,000
 * participants with 100,000 historic instances: 143 s, now 112 s). Folding every {@value #FOLD_EVERY} chunks
 * (2026-12-04) takes about as long as the one fold at the end did, without its temporary files: in the full run of
 * that day (another 2-core machine) the 1M step's 900,000 participants took 429 s for their tables, folds included,
 * and 1,108 s for their 900,000 historic instances.
 */
public final class CityData {

    /**
     * @param participants      business-table participants to add (with households, members, welfare indicators,
     *                          assessments, referrals, milestones, follow-ups), at every stage
     * @param historicInstances completed participant-journey instances to add to Camunda's history (bulk SQL)
     * @param runningInstances  real engine instances to add, each with its own participant (on top of
     *                          {@code participants})
     * @param workers           threads starting the running instances
     * @param districts         district codes to spread the city over (catalogue codes, or codes already in the
     *                          {@code district} table); empty = the whole {@link #CATALOGUE}
     */
    public record Spec(int participants, int historicInstances, int runningInstances, int workers,
                       List<String> districts) {

        public Spec {
            if (participants < 0 || historicInstances < 0 || runningInstances < 0) {
                throw new IllegalArgumentException("negative size in " + participants + "/" + historicInstances + "/"
                        + runningInstances);
            }
            workers = Math.max(1, workers);
            districts = districts == null || districts.isEmpty()
                    ? CATALOGUE.stream().map(DistrictSeed::code).toList() : List.copyOf(districts);
            for (String code : districts) {
                if (!CODE.matcher(code).matches()) {
                    throw new IllegalArgumentException("Not a district code: " + code);
                }
            }
        }

        public Spec(int participants, int historicInstances, int runningInstances, int workers) {
            this(participants, historicInstances, runningInstances, workers, null);
        }
    }

    /**
     * @param rowCounts rows in each table after the call (totals, not the increase)
     */
    public record Report(Spec spec, long millisTables, long millisHistory, long millisRunning,
                         Map<String, Long> rowCounts) {
    }

    /** A district of the city (or of a partner city) with its share of the households. */
    public record DistrictSeed(String code, String name, String city, String servicePoint, int weight) {
    }

    /**
     * Miskolc's 16 disadvantaged districts (the two pilots first), four districts of the partner city Košice and
     * three of other Hungarian cities that take the model over. Weights are relative numbers of households.
     */
    public static final List<DistrictSeed> CATALOGUE = List.of(
            new DistrictSeed("babonyiberc", "Bábonyibérc", "Miskolc", "Bábonyibérci Szolgáltatópont", 4),
            new DistrictSeed("tetemvar", "Tetemvár", "Miskolc", "Tetemvári Szolgáltatópont", 5),
            new DistrictSeed("lyukobanya", "Lyukóbánya", "Miskolc", "Lyukóbányai Szolgáltatópont", 9),
            new DistrictSeed("lyuko-volgy", "Lyukó-völgy", "Miskolc", null, 5),
            new DistrictSeed("szamozott-utcak", "Számozott utcák", "Miskolc", "Számozott utcai Szolgáltatópont", 8),
            new DistrictSeed("vasgyari-kolonia", "Vasgyári kolónia", "Miskolc", null, 6),
            new DistrictSeed("pereces", "Pereces", "Miskolc", null, 4),
            new DistrictSeed("komlosteto", "Komlóstető", "Miskolc", null, 3),
            new DistrictSeed("martin-kertvaros", "Martin-kertváros", "Miskolc", null, 5),
            new DistrictSeed("avas-del", "Avas-dél", "Miskolc", "Avasi Szolgáltatópont", 7),
            new DistrictSeed("kis-avas", "Kis-Avas", "Miskolc", null, 2),
            new DistrictSeed("bedegvolgy", "Bedegvölgy", "Miskolc", null, 2),
            new DistrictSeed("szirma", "Szirma", "Miskolc", null, 3),
            new DistrictSeed("hejocsaba", "Hejőcsaba", "Miskolc", null, 3),
            new DistrictSeed("gyori-kapu", "Győri kapu", "Miskolc", null, 4),
            new DistrictSeed("kilian-del", "Kilián-dél", "Miskolc", null, 2),
            new DistrictSeed("kosice-lunik-ix", "Luník IX", "Košice", "Komunitné centrum Luník IX", 16),
            new DistrictSeed("kosice-saca", "Šaca", "Košice", null, 6),
            new DistrictSeed("kosice-peres", "Pereš", "Košice", null, 4),
            new DistrictSeed("kosice-kosicka-nova-ves", "Košická Nová Ves", "Košice", null, 3),
            new DistrictSeed("ozd-hetes", "Ózd – Hétes", "Ózd", "Hétesi Közösségi Ház", 5),
            new DistrictSeed("nyiregyhaza-huszartelep", "Nyíregyháza – Huszártelep", "Nyíregyháza", null, 7),
            new DistrictSeed("pecs-gyorgytelep", "Pécs – György-telep", "Pécs", null, 4));

    static final String KEY = "participant-journey";
    static final int CHUNK = 25_000;
    /** The chunks fold the KPI deltas after every this many chunks (100,000 participants, ≈ 1.7M delta rows). */
    static final int FOLD_EVERY = 4;
    static final int RUNNING_BATCH = 20;
    private static final List<String> KPI_TABLES = List.of("kpi_participant_rollup", "kpi_outcome_rollup",
            "kpi_household_rollup", "kpi_referral_rollup", "kpi_median_rollup", "kpi_participant_delta",
            "kpi_outcome_delta", "kpi_household_delta", "kpi_referral_delta", "kpi_median_delta");
    private static final Pattern CODE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final List<String> CITY_WIDE_GROUPS = List.of("coordinators", "council", "managers",
            "case-administrators", "wg-employment", "wg-education", "wg-living-conditions", "wg-open-door",
            "wg-motivation");

    private static final List<String> HU_NAMES = List.of("Anna", "Erzsébet", "Mária", "Katalin", "Éva", "Ilona",
            "Zsuzsanna", "Margit", "Judit", "Ágnes", "Andrea", "Krisztina", "Erika", "Szilvia", "Mónika", "Renáta",
            "Brigitta", "Vivien", "László", "István", "József", "János", "Zoltán", "Sándor", "Gábor", "Ferenc",
            "Attila", "Péter", "Tibor", "Zsolt", "Tamás", "Csaba", "Róbert", "Norbert", "Krisztián", "Roland",
            "Richárd", "Dániel");
    private static final List<String> SK_NAMES = List.of("Mária", "Jana", "Zuzana", "Helena", "Monika", "Silvia",
            "Renáta", "Erika", "Vlasta", "Jozef", "Ján", "Peter", "Milan", "Marek", "Martin", "Ladislav", "Dušan",
            "Róbert", "Štefan", "Marcel");
    private static final List<String> HU_STREETS = List.of("Bábonyi út", "Tetemvári utca", "Kisgyőri út",
            "Lyukói út", "Szeles utca", "Vasgyári út", "Bedegi út", "Fonoda utca", "Kassai utca", "Szondi utca",
            "Kerpely Antal utca", "Mésztelep utca", "Martin-kertvárosi út", "Pereces út", "Komlóstetői út",
            "Hejő utca", "Tapolcai út", "Csermőkei út", "Akácfa utca", "Nyárfa utca", "Gesztenyés utca",
            "Petőfi utca", "Kossuth utca", "Dózsa György utca", "Rákóczi utca", "Bartók Béla utca", "Hunyadi utca",
            "Zrínyi utca", "Táncsics tér", "Temesvári utca");
    private static final List<String> SK_STREETS = List.of("Hrebendova", "Podjavorinskej", "Krčméryho",
            "Levočská", "Mliečna", "Jarmočná", "Sokolská", "Orgovánová", "Železiarenská", "Lúčna");

    /** Hands out ranges of counters for time-ordered ids, increasing across runs in this JVM (and with the clock). */
    private static final AtomicLong ID_CURSOR = new AtomicLong();

    private CityData() {
    }

    /**
     * The start of {@code span} fresh counters: ids built from them sort in insertion order, so the primary keys and
     * the engine's id indexes grow at their right edge instead of taking random inserts all over (which is what makes
     * bulk loads slow once an index is larger than the buffer cache). The engine's own ids are time-based too.
     */
    static long reserve(long span) {
        while (true) {
            long current = ID_CURSOR.get();
            long start = Math.max(current, System.currentTimeMillis() * 1000);
            if (ID_CURSOR.compareAndSet(current, start + span)) {
                return start;
            }
        }
    }

    /** SQL for a UUID whose first half is the counter {@code base + offset} (time-ordered, like a UUIDv7). */
    static String orderedUuid(long base, String offset) {
        return "(lpad(to_hex(" + base + "::bigint + (" + offset + ")), 16, '0') "
                + "|| lpad(to_hex((random() * 9.2e18)::bigint), 16, '0'))::uuid";
    }

    /** Generates the city described by {@code spec} into the database of {@code context}; appends. */
    public static Report generate(ApplicationContext context, Spec spec) {
        return new Run(context, spec).run();
    }

    // ------------------------------------------------------------------------------------------------------------

    /** One generation run: the beans it needs and its progress. */
    private static final class Run {

        private final Spec spec;
        private final ProcessEngine engine;
        private final ProcessEngineConfigurationImpl config;
        private final DataSource dataSource;
        private final JdbcTemplate jdbc;
        private final ApplicationContext context;
        private ProcessDefinition definition;
        private List<DistrictRow> districts;
        private boolean tenants;
        private final String marker = String.format("%04x", new java.security.SecureRandom().nextInt(0x10000));

        Run(ApplicationContext context, Spec spec) {
            this.context = context;
            this.spec = spec;
            this.engine = context.getBean(ProcessEngine.class);
            this.config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
            JdbcTemplate template = context.getBean(JdbcTemplate.class);
            this.dataSource = template.getDataSource();
            this.jdbc = new JdbcTemplate(dataSource);
        }

        Report run() {
            definition = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(KEY)
                    .withoutTenantId().latestVersion().singleResult();
            if (definition == null) {
                definition = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(KEY)
                        .latestVersion().list().stream().findFirst()
                        .orElseThrow(() -> new IllegalStateException(KEY + " is not deployed"));
            }
            tenants = config.getTenantIdProvider() != null;
            districts = ensureDistricts();
            log("city: %d participants, %d historic and %d running instances, %d workers, %d districts (%s)",
                    spec.participants(), spec.historicInstances(), spec.runningInstances(), spec.workers(),
                    districts.size(), tenants ? "tenant per district" : "no tenant-id provider: instances without tenant");

            long[] millis = new long[2];
            if (spec.participants() > 0 || spec.historicInstances() > 0) {
                tablesAndHistory(millis);
            }
            long started = System.currentTimeMillis();
            if (spec.runningInstances() > 0) {
                running();
            }
            long millisRunning = System.currentTimeMillis() - started;
            foldKpiRollup();
            Report report = new Report(spec, millis[0], millis[1], millisRunning, rowCounts());
            log("done: tables %d ms, history %d ms, running %d ms; %s", report.millisTables(),
                    report.millisHistory(), report.millisRunning(), report.rowCounts());
            return report;
        }

        /**
         * Folds the KPI roll-up's deltas (V42) that the generated rows left, so the summary measured right after a
         * generation reads the roll-up, as it would after the server's next scheduled fold.
         */
        private void foldKpiRollup() {
            jdbc.queryForList("select kpi_fold() from (select to_regprocedure('kpi_fold()') as f) x where f is not null");
        }

        // --- districts and tenants ---------------------------------------------------------------------------------

        record DistrictRow(String code, String city, int weight) {
        }

        private List<DistrictRow> ensureDistricts() {
            List<DistrictRow> rows = new ArrayList<>();
            for (String code : spec.districts()) {
                DistrictSeed seed = CATALOGUE.stream().filter(d -> d.code().equals(code)).findFirst().orElse(null);
                if (seed != null) {
                    jdbc.update("insert into district (code, name, city, service_point, pilot) values (?, ?, ?, ?, false) "
                            + "on conflict do nothing", seed.code(), seed.name(), seed.city(), seed.servicePoint());
                }
                List<String> city = jdbc.queryForList("select city from district where code = ?", String.class, code);
                if (city.isEmpty()) {
                    throw new IllegalArgumentException("Unknown district " + code + " (neither in the catalogue nor "
                            + "in the district table)");
                }
                rows.add(new DistrictRow(code, city.get(0), seed == null ? 5 : seed.weight()));
            }
            synchronizeTenants();
            return rows;
        }

        /**
         * The server's own synchronisation when it is there (tenant per active district, city-wide groups as
         * members, demo staff in the pilots); otherwise the same for the spec's districts.
         */
        private void synchronizeTenants() {
            DistrictTenants districtTenants = context.getBeanProvider(DistrictTenants.class).getIfAvailable();
            if (districtTenants != null) {
                districtTenants.synchronizeTenants();
                return;
            }
            IdentityService identity = engine.getIdentityService();
            for (String code : spec.districts()) {
                if (identity.createTenantQuery().tenantId(code).count() == 0) {
                    Tenant tenant = identity.newTenant(code);
                    tenant.setName(jdbc.queryForObject("select name from district where code = ?", String.class, code));
                    identity.saveTenant(tenant);
                }
                for (String group : CITY_WIDE_GROUPS) {
                    if (identity.createGroupQuery().groupId(group).count() > 0
                            && identity.createTenantQuery().tenantId(code).groupMember(group).count() == 0) {
                        identity.createTenantGroupMembership(code, group);
                    }
                }
            }
        }

        // --- tables and history ------------------------------------------------------------------------------------

        /**
         * Each chunk of participants — its tables, its share of the KPI roll-up's deltas and its share of the historic
         * instances — in transactions of one connection; the chunks spread over as many connections as there are
         * workers, at most one per CPU (each connection is one PostgreSQL backend doing set-based work), folding the
         * KPI deltas every few chunks. Then the archived history the same way, and a last fold of the KPI deltas.
         */
        private void tablesAndHistory(long[] millis) {
            Progress tables = new Progress("tables", spec.participants(), "participants");
            Progress history = new Progress("history", spec.historicInstances(), "instances");
            int connections = Math.max(1, Math.min(spec.workers(), Runtime.getRuntime().availableProcessors()));
            try (Connection fold = dataSource.getConnection(); Statement foldStatement = fold.createStatement();
                    Progress.Ticker ticker = Progress.tick(tables, history)) {
                // the server folds the KPI deltas every 30 s (KpiFold); beside the chunks that fold would run all the
                // time, each time on the deltas of the last 30 s: it waits; the chunks fold every few chunks, and
                // what is left is folded at the end
                exec(foldStatement, "select pg_advisory_lock(hashtext('kpi_fold'))");
                try {
                    chunks(connections, tables, history, millis);
                    if (spec.participants() > 0) {
                        long t0 = System.currentTimeMillis();
                        fold.setAutoCommit(false);
                        foldDeltas(foldStatement);
                        fold.setAutoCommit(true);
                        // the folds have updated each roll-up row many times and deleted millions of delta rows:
                        // leave the tables as autovacuum would have them on a server that has been running a while
                        exec(foldStatement, "vacuum (analyze) " + String.join(", ", KPI_TABLES));
                        millis[0] += System.currentTimeMillis() - t0;
                        log("tables: KPI deltas folded and the KPI tables vacuumed in %d ms",
                                System.currentTimeMillis() - t0);
                    }
                } finally {
                    if (!fold.getAutoCommit()) {
                        fold.rollback();
                        fold.setAutoCommit(true);
                    }
                    exec(foldStatement, "select pg_advisory_unlock(hashtext('kpi_fold'))");
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Generating the city's tables failed", e);
            }
        }

        /** Folds the KPI deltas committed so far into the roll-up, in a transaction of its own. */
        private static void foldDeltas(Statement s) throws SQLException {
            exec(s, "set local work_mem = '256MB'");
            exec(s, "select kpi_fold_deltas()");
            s.getConnection().commit();
        }

        /**
         * The participants' chunks side by side, then the archived history; {@code millis} gets the phases' wall-clock
         * time, the chunks' time split between tables and history by what the connections spent on each.
         */
        private void chunks(int connections, Progress tables, Progress history, long[] millis) {
            // at least FOLD_EVERY chunks per connection, so that small cities fold on the way too
            int chunk = Math.max(1, Math.min(CHUNK, -Math.floorDiv(-spec.participants(), connections * FOLD_EVERY)));
            AtomicInteger nextParticipant = new AtomicInteger();
            AtomicInteger written = new AtomicInteger();
            AtomicLong tablesBusy = new AtomicLong();
            AtomicLong historyBusy = new AtomicLong();
            AtomicInteger chunksDone = new AtomicInteger();
            ReentrantLock folding = new ReentrantLock();
            long t0 = System.currentTimeMillis();
            inParallel(connections, s -> {
                for (int from = nextParticipant.getAndAdd(chunk); from < spec.participants() && !stopped();
                        from = nextParticipant.getAndAdd(chunk)) {
                    int n = Math.min(chunk, spec.participants() - from);
                    long start = System.currentTimeMillis();
                    exec(s, "set local synchronous_commit = off");
                    // the KPI triggers would see the chunk statement by statement; its households' figures
                    // are added to the roll-up's deltas once, at the end of the chunk (V42 kpi_add)
                    exec(s, "set local fourim.kpi_triggers = 'off'");
                    for (String sql : generatorSql(n, false)) {
                        exec(s, sql);
                    }
                    exec(s, "select kpi_add(array(select id from cd_h))");
                    s.getConnection().commit();
                    // a few chunks' deltas at a time: one fold of all 17M rows of the 1M set took 279 s and several
                    // GB of temporary files; one fold at a time (the roll-up's rows would be locked both ways)
                    if (chunksDone.incrementAndGet() % FOLD_EVERY == 0 && folding.tryLock()) {
                        try {
                            foldDeltas(s);
                        } finally {
                            folding.unlock();
                        }
                    }
                    long tablesDone = System.currentTimeMillis();
                    tablesBusy.addAndGet(tablesDone - start);
                    tables.add(n);
                    // this chunk's share of the historic instances, taken from its closed participants
                    int quota = share(from + n) - share(from);
                    if (quota > 0) {
                        exec(s, "set local synchronous_commit = off");
                        exec(s, "create temp table cd_hi as " + historyFromParticipants(quota));
                        int count = writeHistory(s);
                        s.getConnection().commit();
                        written.addAndGet(count);
                        history.add(count);
                    }
                    exec(s, "drop table if exists cd_d, cd_h, cd_m, cd_p, cd_hi, cd_tpl");
                    s.getConnection().commit();
                    historyBusy.addAndGet(System.currentTimeMillis() - tablesDone);
                }
            });
            long t1 = System.currentTimeMillis();
            long busy = Math.max(1, tablesBusy.get() + historyBusy.get());
            millis[0] += (t1 - t0) * tablesBusy.get() / busy;
            millis[1] += (t1 - t0) * historyBusy.get() / busy;
            // journeys of earlier years whose business records were erased: history only
            AtomicInteger archived = new AtomicInteger(written.get());
            int archivedChunk = Math.max(1, Math.min(CHUNK, -Math.floorDiv(written.get()
                    - spec.historicInstances(), connections)));
            inParallel(connections, s -> {
                int n;
                while (!stopped() && (n = take(archived, archivedChunk, spec.historicInstances())) > 0) {
                    exec(s, "set local synchronous_commit = off");
                    exec(s, "create temp table cd_hi as " + archivedHistory(n));
                    writeHistory(s);
                    exec(s, "drop table if exists cd_hi, cd_tpl");
                    s.getConnection().commit();
                    history.add(n);
                }
            });
            millis[1] += System.currentTimeMillis() - t1;
        }

        /** How many of the historic instances fall to the first {@code participants} participants of this call. */
        private int share(int participants) {
            return (int) ((long) spec.historicInstances() * participants / spec.participants());
        }

        /** Takes up to {@code most} of what is left below {@code total} from {@code counter}; 0 when nothing is. */
        private static int take(AtomicInteger counter, int most, int total) {
            while (true) {
                int current = counter.get();
                int n = Math.min(most, total - current);
                if (n <= 0) {
                    return 0;
                }
                if (counter.compareAndSet(current, current + n)) {
                    return n;
                }
            }
        }

        interface Work {
            void run(Statement s) throws SQLException;
        }

        /** Whether another worker of {@link #parallel} has failed (its loops then end after the current piece). */
        private static boolean stopped() {
            return Thread.currentThread().isInterrupted();
        }

        /**
         * Runs {@code work} on {@code connections} connections at once (without auto-commit; what a worker has not
         * committed when it fails is rolled back) and waits for all, see {@link #parallel}.
         */
        private void inParallel(int connections, Work work) {
            parallel(connections, "Generating the city's tables", () -> {
                try (Connection c = dataSource.getConnection()) {
                    boolean autoCommit = c.getAutoCommit();
                    c.setAutoCommit(false);
                    try (Statement s = c.createStatement()) {
                        work.run(s);
                    } catch (SQLException | RuntimeException e) {
                        c.rollback();
                        throw e;
                    } finally {
                        try (Statement s = c.createStatement()) {
                            s.execute("drop table if exists cd_d, cd_h, cd_m, cd_p, cd_hi, cd_tpl");
                            c.commit();
                        } catch (SQLException ignored) {
                            // the connection goes back to the pool; its temp tables die with its session
                        }
                        c.setAutoCommit(autoCommit);
                    }
                }
                return null;
            });
        }

        /**
         * Runs {@code worker} on {@code threads} threads at once and waits for all. The first failure interrupts the
         * others, which stop after the piece they are writing ({@link #stopped}), and is thrown once they have.
         */
        private static void parallel(int threads, String what, Callable<Void> worker) {
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "citydata-worker");
                t.setDaemon(true);
                return t;
            });
            CompletionService<Void> workers = new ExecutorCompletionService<>(pool);
            try {
                for (int i = 0; i < threads; i++) {
                    workers.submit(worker);
                }
                for (int i = 0; i < threads; i++) {
                    workers.take().get();
                }
            } catch (ExecutionException e) {
                pool.shutdownNow();
                awaitStopped(pool);
                throw new IllegalStateException(what + " failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            } finally {
                pool.shutdownNow();
            }
        }

        private static void awaitStopped(ExecutorService pool) {
            try {
                pool.awaitTermination(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static void exec(Statement s, String sql) throws SQLException {
            try {
                s.execute(sql);
            } catch (SQLException e) {
                throw new SQLException(e.getMessage() + "\nin: " + sql, e.getSQLState(), e);
            }
        }

        /**
         * The statements that add {@code n} participants (table mode) or {@code n} single-participant households for
         * running instances (running mode, stage forced, rows of {@code cd_p} read back afterwards).
         */
        private List<String> generatorSql(int n, boolean running) {
            String temp = running ? "create temp table %s on commit drop as " : "create temp table %s as ";
            int twoParticipantHouseholds = running ? 0 : (int) Math.round(n * 0.3 / 1.3);
            int participantHouseholds = n - twoParticipantHouseholds;
            int extraHouseholds = running ? 0 : (int) Math.round(participantHouseholds * 0.15);
            int total = participantHouseholds + extraHouseholds;
            List<String> sql = new ArrayList<>();
            long base = reserve(80L * total + 1000);

            StringBuilder values = new StringBuilder();
            long weightSum = districts.stream().mapToLong(DistrictRow::weight).sum();
            List<String> thresholds = new ArrayList<>();
            long cumulative = 0;
            for (int i = 0; i < districts.size(); i++) {
                DistrictRow d = districts.get(i);
                values.append(i == 0 ? "" : ", ").append('(').append(i + 1).append(", ").append(literal(d.code()))
                        .append(", ").append(d.city().equals("Košice") ? "'sk'" : "'hu'").append(')');
                cumulative += d.weight();
                if (i < districts.size() - 1) {
                    thresholds.add(String.format(Locale.ROOT, "%.6f", (double) cumulative / weightSum));
                }
            }
            String bucket = thresholds.isEmpty() ? "1" : "width_bucket(s.r1, array[" + String.join(", ", thresholds)
                    + "]::float8[]) + 1";
            sql.add(String.format(temp, "cd_d") + "select * from (values " + values + ") v(idx, code, lang)");

            // households: who lives where, since when, surveyed or not, how many participants and other members
            String span = running ? "(2 + s.r0 * 40) * interval '1 day'" : "s.r0 * interval '1095 days'";
            sql.add(String.format(temp, "cd_h") + """
                    select b.*,
                      'H-' || extract(year from b.created_at)::int || '-' || lpad(b.seq::text, greatest(6, length(b.seq::text)), '0') as case_ref,
                      case when b.lang = 'sk' then b.street || ' ' || b.house_no || ', parc. ' || b.seq
                           else b.street || ' ' || b.house_no || '., hrsz. ' || b.seq end as address,
                      case when b.status = 'surveyed' then least(now() - interval '1 hour',
                           b.created_at + b.r3 * interval '14 days') end as surveyed_at,
                      case when b.status in ('unreachable', 'refused', 'moved')
                           then least(now(), b.created_at + (3 + b.r3 * 20) * interval '1 day') end as closed_at,
                      case when b.status = 'surveyed' then greatest(0, least(100,
                           (18 + b.r7 * 34 + b.r8 * 34 + case b.utilities when 'full' then 10 when 'none' then -8 else 0 end)::int))
                           end as score1
                    from (
                      select s.g, %HID% as id, nextval('case_ref_seq') as seq, d.code as district, d.lang,
                        now() - %SPAN% as created_at,
                        case when s.g <= %NPART% then 'surveyed' when s.r2 < 0.55 then 'surveyed'
                             when s.r2 < 0.68 then 'planned' when s.r2 < 0.76 then 'visiting'
                             when s.r2 < 0.88 then 'unreachable' when s.r2 < 0.95 then 'refused' else 'moved' end as status,
                        case when s.g <= %NTWO% then 2 when s.g <= %NPART% then 1 else 0 end as nparts,
                        case when s.g <= %NPART% then (s.r4 * 4.4)::int when s.r2 < 0.55 then 1 + (s.r4 * 2.4)::int
                             else 0 end as nothers,
                        case when s.r5 < 0.25 then 'owned' when s.r5 < 0.60 then 'rented-municipal'
                             when s.r5 < 0.70 then 'rented-private' when s.r5 < 0.92 then 'informal' else 'other' end as tenure,
                        case when s.r6 < 0.55 then 'full' when s.r6 < 0.88 then 'partial' else 'none' end as utilities,
                        1 + (s.r7 * 3)::int as rooms,
                        (60 + (s.r8 * 340)::int) * 1000 as income,
                        s.r9 < 0.45 as has_debts,
                        case when d.lang = 'sk' then (%SKSTREETS%)[1 + (s.r6 * %NSKSTREETS%)::int %% %NSKSTREETS%]
                             else (%HUSTREETS%)[1 + (s.r6 * %NHUSTREETS%)::int %% %NHUSTREETS%] end as street,
                        1 + (s.r7 * 120)::int as house_no,
                        s.r3, s.r7, s.r8, s.r9, random() as r10, random() as r11
                      from (select g, random() r0, random() r1, random() r2, random() r3, random() r4, random() r5,
                                   random() r6, random() r7, random() r8, random() r9
                            from generate_series(1, %TOTAL%) g) s
                      join cd_d d on d.idx = %BUCKET%
                    ) b
                    """.replace("%HID%", orderedUuid(base, "s.g * 16")).replace("%SPAN%", span).replace("%NPART%", Integer.toString(participantHouseholds))
                    .replace("%NTWO%", Integer.toString(twoParticipantHouseholds))
                    .replace("%TOTAL%", Integer.toString(total)).replace("%BUCKET%", bucket)
                    .replace("%SKSTREETS%", array(SK_STREETS)).replace("%NSKSTREETS%", Integer.toString(SK_STREETS.size()))
                    .replace("%HUSTREETS%", array(HU_STREETS)).replace("%NHUSTREETS%", Integer.toString(HU_STREETS.size()))
                    .replace("%%", "%"));
            // re-surveyed households: a second round a year or more later
            sql.add("alter table cd_h add column resurveyed_at timestamptz, add column score2 int");
            sql.add("""
                    update cd_h set resurveyed_at = least(now() - interval '1 hour', surveyed_at + (365 + r10 * 200) * interval '1 day'),
                      score2 = greatest(0, least(100, score1 - 8 + (r11 * 30)::int))
                    where surveyed_at < now() - interval '400 days' and r9 < 0.35
                    """);

            // members: participants first (working-age adults who agreed to be contacted), then children and elders
            sql.add(String.format(temp, "cd_m") + """
                    select x.*,
                      case when x.participant then 1962 + (x.r0 * 44)::int
                           when x.elder then 1938 + (x.r0 * 23)::int
                           else 2009 + (x.r0 * 15)::int end as birth_year,
                      case when x.participant then (case when x.member_no = 1 then 'head' else 'spouse' end)
                           when x.elder and x.nparts = 0 then (case when x.member_no = 1 then 'head' else 'spouse' end)
                           when x.elder then 'parent' when x.r1 < 0.9 then 'child' else 'other-relative' end as relation,
                      case when not x.participant and not x.elder then 'primary-incomplete'
                           when x.r1 < 0.06 then 'none' when x.r1 < 0.28 then 'primary-incomplete'
                           when x.r1 < 0.66 then 'primary' when x.r1 < 0.88 then 'vocational'
                           when x.r1 < 0.98 then 'secondary' else 'higher' end as schooling,
                      case when x.elder then 'retired' when not x.participant then 'student'
                           when x.r2 < 0.45 then 'unemployed' when x.r2 < 0.70 then 'public-works'
                           when x.r2 < 0.85 then 'inactive' when x.r2 < 0.95 then 'home-carer' else 'employed' end as employment_status,
                      case when not x.participant then (case when x.elder and x.r3 < 0.5 then 'reduced' else 'none' end)
                           when x.r3 < 0.62 then 'full' when x.r3 < 0.82 then 'reduced' else 'home-only' end as work_capacity,
                      case when x.participant then x.r4 < 0.18 else x.elder and x.r4 < 0.6 end as health_limits,
                      case when x.elder then 'pension' when not x.participant then null
                           when x.r2 < 0.45 then 'active-age-benefit,family-allowance'
                           when x.r2 < 0.70 then 'public-works,family-allowance'
                           when x.r2 < 0.95 then 'family-allowance,other' else 'wage' end as income_sources,
                      x.r5 < 0.88 as has_address_card,
                      x.r6 < 0.92 as has_taj_card,
                      case when x.lang = 'sk' then (%SKNAMES%)[1 + (x.r7 * %NSK%)::int %% %NSK%]
                           else (%HUNAMES%)[1 + (x.r7 * %NHU%)::int %% %NHU%] end as first_name
                    from (
                      select h.id as household_id, h.g, h.district, h.lang, h.nparts, k as member_no, %MID% as id,
                        k <= h.nparts as participant,
                        (h.nparts = 0 or (k = h.nparts + h.nothers and k > h.nparts and h.r10 < 0.25)) as elder,
                        random() r0, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6, random() r7
                      from cd_h h cross join generate_series(1, h.nparts + h.nothers) k
                      where h.status = 'surveyed'
                    ) x
                    """.replace("%MID%", orderedUuid(base, "h.g * 16 + k")).replace("%SKNAMES%", array(SK_NAMES)).replace("%NSK%", Integer.toString(SK_NAMES.size()))
                    .replace("%HUNAMES%", array(HU_NAMES)).replace("%NHU%", Integer.toString(HU_NAMES.size()))
                    .replace("%%", "%"));

            // participants: each person's journey timeline; the stage is where it stands today (or forced)
            String timeline = running ? """
                      u.t0 + (now() - u.t0) * 0.2 as consent_t,
                      u.t0 + (now() - u.t0) * 0.5 as assess_t,
                      u.t0 + (now() - u.t0) * 0.8 as accept1_t,
                    """ : """
                      u.t0 + (1 + u.r1 * 13) * interval '1 day' as consent_t,
                      u.t0 + (1 + u.r1 * 13) * interval '1 day' + (3 + u.r2 * 27) * interval '1 day' as assess_t,
                      u.t0 + (1 + u.r1 * 13) * interval '1 day' + (3 + u.r2 * 27) * interval '1 day'
                           + (1 + u.r3 * u.r3 * 25) * interval '1 day' as accept1_t,
                    """;
            String pkg1 = running ? """
                      case when u.r5 < 0.30 then 'employment' when u.r5 < 0.50 then 'education'
                           when u.r5 < 0.68 then 'living-conditions' when u.r5 < 0.85 then 'open-door' else 'motivation' end
                    """ : """
                      case when u.ready then 'employment' when not u.coop then 'motivation'
                           when u.r5 < 0.35 then 'education' when u.r5 < 0.60 then 'living-conditions'
                           when u.r5 < 0.85 then 'open-door' else 'motivation' end
                    """;
            String status = running ? """
                      case when v.r0 < 0.10 then 'intake' when v.r0 < 0.20 then 'consented'
                           when v.r0 < 0.30 then 'in-service' else 'referred' end
                    """ : """
                      case when v.no_consent then (case when v.consent_t <= now() then 'no-consent' else 'intake' end)
                           when v.consent_t > now() then 'intake' when v.assess_t > now() then 'consented'
                           when v.accept_t > now() then 'referred' when v.close_t > now() then 'in-service'
                           else 'closed' end
                    """;
            sql.add(String.format(temp, "cd_p") + """
                    select w.*,
                      w.status in ('referred', 'in-service', 'closed') as assessed,
                      w.status in ('in-service', 'closed') as accepted,
                      w.ret0 and w.status in ('in-service', 'closed') as ret,
                      case when w.status = 'closed' then
                        case when w.ready then
                          case when w.r8 < 0.91 then
                            case when w.r9 < 0.70 then (case w.work_capacity when 'full' then 'employed-full'
                                   when 'home-only' then 'employed-home' else 'employed-reduced' end)
                                 when w.r9 < 0.88 then 'in-training' else 'activated' end
                          when w.r9 < 0.6 then 'dropped-out' when w.r9 < 0.9 then 'moved-away' else 'deceased' end
                        else
                          case when w.r8 < 0.62 then 'closer-to-services'
                               when w.r8 < 0.78 then (case when w.pkg1 = 'education' then 'in-training' else 'activated' end)
                               when w.r9 < 0.6 then 'dropped-out' when w.r9 < 0.9 then 'moved-away' else 'deceased' end
                        end end as outcome
                    from (
                      select v.*, %STATUS% as status
                      from (
                        select u2.*,
                          u2.accept1_t + case when u2.ret0 then (6 + u2.r6 * 25) * interval '1 day' else interval '0' end as accept_t,
                          u2.accept1_t + case when u2.ret0 then (6 + u2.r6 * 25) * interval '1 day' else interval '0' end
                            + case when u2.ready then (40 + u2.r7 * 140) else (90 + u2.r7 * 330) end * interval '1 day' as close_t
                        from (
                          select u.*, %TIMELINE%
                            %PKG1% as pkg1
                          from (
                            select m.id as member_id, m.household_id, m.district, m.lang, m.member_no, m.first_name,
                              m.has_address_card, m.has_taj_card, m.schooling, m.work_capacity,
                              h.case_ref || '-' || m.member_no as case_ref,
                              h.surveyed_at + m.member_no * interval '7 minutes' as t0,
                              %PID% as id, h.g * 16 + m.member_no as ctr,
                              row_number() over () as g,
                              random() < 0.08 and not %RUNNING% as no_consent,
                              %READY% as ready,
                              %COOP% as coop,
                              random() < 0.10 and not %RUNNING% as ret0,
                              random() r0, random() r1, random() r2, random() r3, random() r4, random() r5,
                              random() r6, random() r7, random() r8, random() r9
                            from cd_m m join cd_h h on h.id = m.household_id
                            where m.participant
                          ) u
                        ) u2
                      ) v
                    ) w
                    """.replace("%PID%", orderedUuid(base, "h.g * 16 + m.member_no")).replace("%STATUS%", status).replace("%TIMELINE%", timeline).replace("%PKG1%", pkg1)
                    .replace("%RUNNING%", Boolean.toString(running))
                    .replace("%READY%", running ? "false" : "random() < case m.work_capacity when 'full' then 0.56 else 0.26 end")
                    .replace("%COOP%", running ? "true" : "random() >= 0.06"));
            if (running) {
                // the forced stage: a referral waits for its working group; employment means ready for work
                sql.add("update cd_p set ready = (pkg1 = 'employment'), coop = (pkg1 <> 'motivation' or r4 < 0.5)");
            }
            sql.add("""
                    alter table cd_p add column pkg2 text, add column track text, add column track2 text,
                      add column f_school boolean, add column f_qual boolean, add column f_housing boolean,
                      add column f_transport boolean, add column f_health boolean, add column f_debt boolean,
                      add column f_legal boolean, add column f_family boolean
                    """);
            sql.add("""
                    update cd_p set
                      pkg2 = case when %RUNNING% then null
                                  when ready and r4 < 0.25 then 'education'
                                  when not ready and coop and r4 < 0.20 then
                                    (case when pkg1 = 'open-door' then 'living-conditions' else 'open-door' end) end,
                      track = case when pkg1 = 'employment' then (case work_capacity when 'full' then 'full'
                                   when 'home-only' then 'home' else 'reduced' end) end
                    """.replace("%RUNNING%", Boolean.toString(running)));
            sql.add("""
                    update cd_p set
                      f_school = 'education' in (pkg1, coalesce(pkg2, '')) and schooling in ('none', 'primary-incomplete'),
                      f_qual = 'education' in (pkg1, coalesce(pkg2, '')) and schooling not in ('none', 'primary-incomplete'),
                      f_housing = 'living-conditions' in (pkg1, coalesce(pkg2, '')) and r4 < 0.6,
                      f_transport = 'living-conditions' in (pkg1, coalesce(pkg2, '')) and r4 >= 0.6,
                      f_health = 'open-door' in (pkg1, coalesce(pkg2, '')) and r6 < 0.4,
                      f_debt = 'open-door' in (pkg1, coalesce(pkg2, '')) and r6 >= 0.4 and r6 < 0.75,
                      f_legal = 'open-door' in (pkg1, coalesce(pkg2, '')) and r6 >= 0.75 and r6 < 0.9,
                      f_family = 'open-door' in (pkg1, coalesce(pkg2, '')) and r6 >= 0.9
                    """);
            if (!running) {
                sql.add("analyze cd_h");
                sql.add("analyze cd_m");
                sql.add("analyze cd_p");
            }

            // the tables themselves
            sql.add("""
                    insert into household (id, case_ref, district_code, address, address_key, status, visit_attempts,
                      survey_round, tenure, utilities, rooms, household_income, has_debts, created_at, surveyed_at, closed_at)
                    select id, case_ref, district, address, trim(regexp_replace(lower(address), '[\\s.,;/]+', ' ', 'g')),
                      status,
                      case status when 'planned' then 0 when 'unreachable' then 3 when 'surveyed' then 1 + (r3 < 0.2)::int else 1 end,
                      case when resurveyed_at is not null then 2 when status = 'surveyed' then 1 else 0 end,
                      case when status = 'surveyed' then tenure end, case when status = 'surveyed' then utilities end,
                      case when status = 'surveyed' then rooms end, case when status = 'surveyed' then income end,
                      case when status = 'surveyed' then has_debts end,
                      created_at, coalesce(resurveyed_at, surveyed_at), closed_at
                    from cd_h
                    """);
            String memberColumns = "household_id, district_code, member_no, first_name, birth_year, relation, schooling, "
                    + "employment_status, work_capacity, health_limits, income_sources, has_address_card, has_taj_card, "
                    + "agrees_to_contact, survey_round, erased_at";
            sql.add("insert into household_member (id, " + memberColumns + ") "
                    + "select m.id, m.household_id, m.district, m.member_no, "
                    + "case when p.status = 'no-consent' then null else m.first_name end, m.birth_year, m.relation, "
                    + "m.schooling, m.employment_status, m.work_capacity, m.health_limits, m.income_sources, "
                    + "m.has_address_card, m.has_taj_card, m.participant, 1, "
                    + "case when p.status = 'no-consent' then p.consent_t end "
                    + "from cd_m m left join cd_p p on p.member_id = m.id");
            sql.add("insert into household_member (id, " + memberColumns + ") "
                    + "select " + orderedUuid(base, "m.g * 16 + 8 + m.member_no") + ", m.household_id, m.district, m.member_no, "
                    + "case when p.status = 'no-consent' then null else m.first_name end, m.birth_year, m.relation, "
                    + "m.schooling, m.employment_status, m.work_capacity, m.health_limits, m.income_sources, "
                    + "m.has_address_card or m.participant, m.has_taj_card or m.participant, m.participant, 2, "
                    + "case when p.status = 'no-consent' then p.consent_t end "
                    + "from cd_m m join cd_h h on h.id = m.household_id left join cd_p p on p.member_id = m.id "
                    + "where h.resurveyed_at is not null");
            sql.add("""
                    insert into welfare_indicator (household_id, district_code, survey_round, score, computed_at)
                    select id, district, 1, score1, surveyed_at from cd_h where surveyed_at is not null
                    union all
                    select id, district, 2, score2, resurveyed_at from cd_h where resurveyed_at is not null
                    """);
            sql.add("""
                    insert into participant (id, case_ref, member_id, household_id, district_code, status, consent_at,
                      ready_at_start, cooperating, work_capacity, missing_documents, assessment_count, referral_returns,
                      outcome, created_at, assessed_at, first_accepted_at, closed_at)
                    select id, case_ref, member_id, household_id, district, status,
                      case when status not in ('intake', 'no-consent') then consent_t end,
                      case when assessed then ready end, case when assessed then coop end,
                      case when assessed then work_capacity end,
                      assessed and not (has_address_card and has_taj_card),
                      case when not assessed then 0 when ret then 2 else 1 end, ret::int,
                      outcome, t0, case when assessed then assess_t end, case when accepted then accept_t end,
                      case when status = 'closed' then close_t when status = 'no-consent' then consent_t end
                    from cd_p
                    """);
            sql.add("""
                    insert into assessment (participant_id, assessed_by, cooperating, ready_for_work, work_capacity,
                      lacks_schooling, lacks_qualification, housing_barrier, transport_barrier, health_barrier,
                      debt_barrier, legal_barrier, family_barrier, assessed_at)
                    select p.id, 'adviser', p.coop, p.ready, p.work_capacity, p.f_school, p.f_qual, p.f_housing,
                      p.f_transport, p.f_health, p.f_debt, p.f_legal, p.f_family,
                      case when n = 1 then p.assess_t else p.accept1_t + interval '3 days' end
                    from cd_p p cross join generate_series(1, case when p.ret then 2 else 1 end) n
                    where p.assessed
                    """);
            String decider = "case %s when 'employment' then 'employment' when 'education' then 'education' "
                    + "when 'living-conditions' then 'living' when 'open-door' then 'opendoor' else 'motivation' end";
            sql.add("""
                    insert into referral (id, participant_id, district_code, package, employment_track, status,
                      return_reason, decided_by, created_at, decided_at)
                    select %RID0%, id, district, pkg1, track, 'returned-closed',
                      'A munkacsoport jelenleg nem tudja fogadni', %DECIDER1%, assess_t, accept1_t
                    from cd_p where ret
                    union all
                    select %RID1%, id, district, pkg1, track, case when accepted then 'accepted' else 'pending' end,
                      null, case when accepted then %DECIDER1% end,
                      case when ret then accept1_t + interval '3 days' else assess_t end,
                      case when accepted then accept_t end
                    from cd_p where assessed
                    union all
                    select %RID2%, id, district, pkg2, null, case when accepted then 'accepted' else 'pending' end,
                      null, case when accepted then %DECIDER2% end,
                      case when ret then accept1_t + interval '3 days' else assess_t end,
                      case when accepted then accept_t end
                    from cd_p where assessed and pkg2 is not null
                    """.replace("%DECIDER1%", String.format(decider, "pkg1"))
                    .replace("%DECIDER2%", String.format(decider, "pkg2"))
                    .replace("%RID0%", orderedUuid(base, "ctr * 4")).replace("%RID1%", orderedUuid(base, "ctr * 4 + 1"))
                    .replace("%RID2%", orderedUuid(base, "ctr * 4 + 2")));
            // milestones as the task listeners record them: the plan, then the delivery steps of the first package
            sql.add("""
                    insert into journey_milestone (participant_id, package, milestone, result, recorded_by, recorded_at)
                    select id, 'all', 'ActionPlan', 'true', 'coach', accept_t + interval '3 days'
                    from cd_p where accepted and accept_t + interval '3 days' < now()
                    union all
                    select p.id, p.pkg1, s.milestone,
                      case when s.milestone = 'JobMatching' then (1 + (p.r4 * 4)::int)::text
                           when s.milestone = 'RetentionCheck' then
                             (case when p.outcome like 'employed-%' then 'yes' else 'no' end)
                           else s.result end,
                      %DECIDER1%, p.accept_t + (p.close_t - p.accept_t) * s.at
                    from cd_p p join (values
                        ('employment', 'JobMatching', null, 0.15), ('employment', 'JobPlacement', 'yes', 0.30),
                        ('employment', 'RetentionCheck', null, 0.75),
                        ('education', 'TrainingEnrolment', 'yes', 0.15), ('education', 'TrainingCompletion', 'yes', 0.75),
                        ('other', 'ServiceGiven', 'given', 0.30), ('other', 'ServiceEffect', 'improved', 0.75))
                      s(kind, milestone, result, at)
                      on s.kind = case when p.pkg1 in ('employment', 'education') then p.pkg1 else 'other' end
                    where p.accepted and p.accept_t + (p.close_t - p.accept_t) * s.at < now()
                    """.replace("%DECIDER1%", String.format(decider, "p.pkg1")));
            // follow-ups: one a month after delivery, and now and then a reminder or an escalation
            sql.add("""
                    insert into follow_up (participant_id, task_id, kind, contact_made, recorded_by, recorded_at)
                    select p.id, null, case when k = 0 then (case when p.r9 < 0.7 then 'reminder' else 'escalation' end)
                      else 'done' end,
                      case when k = 0 then null else p.r8 < 0.85 or k > 1 end,
                      case when k = 0 then null else 'coach' end,
                      p.accept_t + (p.close_t - p.accept_t) * 0.75 + k * interval '30 days' + interval '2 days'
                    from cd_p p cross join generate_series(case when p.r9 < 0.12 then 0 else 1 end, 3) k
                    where p.accepted
                      and p.accept_t + (p.close_t - p.accept_t) * 0.75 + k * interval '30 days' + interval '2 days'
                          < least(now(), p.close_t)
                    """);
            return sql;
        }

        // --- history -----------------------------------------------------------------------------------------------

        /** Closed and non-consenting participants of this chunk, their path and the times of its steps. */
        private String historyFromParticipants(int limit) {
            return """
                    select h.head || '000000000000' as pid, h.head, h.bk, h.tenant, h.tpl, h.a
                    from (select %HEAD% as head, p.case_ref as bk, p.district as tenant,
                      case when p.status = 'no-consent' then 0
                           else (case p.pkg1 when 'employment' then 1 when 'education' then 3 else 5 end)
                                + (p.outcome in ('dropped-out', 'moved-away', 'deceased'))::int end as tpl,
                      array[p.t0, p.consent_t, p.assess_t, p.accept_t,
                            p.accept_t + (p.close_t - p.accept_t) * 0.05, p.accept_t + (p.close_t - p.accept_t) * 0.30,
                            p.accept_t + (p.close_t - p.accept_t) * 0.55, p.accept_t + (p.close_t - p.accept_t) * 0.75,
                            p.accept_t + (p.close_t - p.accept_t) * 0.90,
                            case when p.status = 'no-consent' then p.consent_t else p.close_t end]::timestamp[] as a
                    from cd_p p where p.status in ('closed', 'no-consent')
                    order by p.g limit %LIMIT%) h
                    """.replace("%LIMIT%", Integer.toString(limit)).replace("%HEAD%", instanceHead(reserve(limit + 1L), "row_number() over (order by p.g)"));
        }

        /** Journeys of earlier years (their business records erased): random paths and times, case-like keys. */
        private String archivedHistory(int n) {
            StringBuilder values = new StringBuilder();
            long weightSum = districts.stream().mapToLong(DistrictRow::weight).sum();
            List<String> thresholds = new ArrayList<>();
            long cumulative = 0;
            for (int i = 0; i < districts.size(); i++) {
                values.append(i == 0 ? "" : ", ").append(literal(districts.get(i).code()));
                cumulative += districts.get(i).weight();
                if (i < districts.size() - 1) {
                    thresholds.add(String.format(Locale.ROOT, "%.6f", (double) cumulative / weightSum));
                }
            }
            String bucket = thresholds.isEmpty() ? "1"
                    : "width_bucket(x.r1, array[" + String.join(", ", thresholds) + "]::float8[]) + 1";
            return """
                    select x.head || '000000000000' as pid, x.head,
                      'H-' || extract(year from x.t0)::int || '-' || regexp_replace(lpad(nextval('case_ref_seq')::text, 7, '0'), '^0', '') || '-1' as bk,
                      (array[%CODES%])[%BUCKET%] as tenant,
                      case when x.r2 < 0.08 then 0 when x.r2 < 0.45 then 1 when x.r2 < 0.50 then 2 when x.r2 < 0.62 then 3
                           when x.r2 < 0.65 then 4 when x.r2 < 0.93 then 5 else 6 end as tpl,
                      case when x.r2 < 0.08 then array[x.t0, x.c, x.c, x.c, x.c, x.c, x.c, x.c, x.c, x.c]::timestamp[]
                           else array[x.t0, x.c, x.s, x.acc, x.acc + (x.e - x.acc) * 0.05, x.acc + (x.e - x.acc) * 0.30,
                                      x.acc + (x.e - x.acc) * 0.55, x.acc + (x.e - x.acc) * 0.75,
                                      x.acc + (x.e - x.acc) * 0.90, x.e]::timestamp[] end as a
                    from (
                      select y.*, least(now() - interval '1 day', y.acc + (40 + y.r3 * 330) * interval '1 day') as e
                      from (
                        select z.*, z.t0 + (1 + z.r3 * 13) * interval '1 day' as c,
                          z.t0 + (5 + z.r3 * 40) * interval '1 day' as s,
                          z.t0 + (8 + z.r3 * 60) * interval '1 day' as acc
                        from (select now() - (90 + random() * 1000) * interval '1 day' as t0, random() r1, random() r2,
                                     random() r3, %HEAD% as head from generate_series(1, %N%) n) z
                      ) y
                    ) x
                    """.replace("%CODES%", values).replace("%BUCKET%", bucket).replace("%N%", Integer.toString(n))
                    .replace("%HEAD%", instanceHead(reserve(n + 1L), "n"));
        }

        /**
         * The first 24 characters of a historic instance's ids ({@code xxxxxxxx-xxxx-xxxx-mmmm-}): a time-ordered
         * counter and this run's marker; the instance, its activities, tasks and executions add 12 hex digits.
         */
        private String instanceHead(long base, String offset) {
            return "regexp_replace(lpad(to_hex(" + base + "::bigint + " + offset + "), 16, '0'), "
                    + "'^(.{8})(.{4})(.{4})$', '\\1-\\2-\\3') || '-" + marker + "-'";
        }

        /** Writes the history of the instances staged in {@code cd_hi}; returns how many. */
        private int writeHistory(Statement s) throws SQLException {
            exec(s, "create temp table if not exists cd_tpl as " + templateSql());
            Integer ttl = definition.getHistoryTimeToLive();
            String strategy = config.getHistoryRemovalTimeStrategy();
            String removal = ttl == null || strategy == null || "none".equals(strategy) ? "null::timestamp"
                    : ("start".equals(strategy) ? "i.a[1]" : "i.a[10] + interval '1 second'") + " + interval '"
                    + ttl + " days'";
            String tenant = tenants ? "i.tenant" : "null";
            String key = literal(KEY);
            String defId = literal(definition.getId());
            int count;
            try (ResultSet rs = s.executeQuery("select count(*) from cd_hi")) {
                rs.next();
                count = rs.getInt(1);
            }
            if (count == 0 || config.getHistoryLevel().getId() == HistoryLevel.HISTORY_LEVEL_NONE.getId()) {
                return count;
            }
            exec(s, """
                    insert into act_hi_procinst (id_, proc_inst_id_, business_key_, proc_def_key_, proc_def_id_,
                      start_time_, end_time_, removal_time_, duration_, start_act_id_, end_act_id_,
                      root_proc_inst_id_, tenant_id_, state_)
                    select i.pid, i.pid, i.bk, %KEY%, %DEF%, i.a[1], i.a[10] + interval '1 second', %REMOVAL%,
                      (extract(epoch from (i.a[10] + interval '1 second' - i.a[1])) * 1000)::bigint,
                      'StartEvent_JourneyStarted',
                      case when i.tpl = 0 then 'EndEvent_NoConsent' when i.tpl %% 2 = 0 then 'EventSubProcess_Withdrawn'
                           else 'EndEvent_Closed' end,
                      i.pid, %TENANT%, 'COMPLETED'
                    from cd_hi i
                    """.replace("%KEY%", key).replace("%DEF%", defId).replace("%REMOVAL%", removal)
                    .replace("%TENANT%", tenant).replace("%%", "%"));
            String rows = """
                    from cd_hi i join cd_tpl t on t.tpl = i.tpl
                    cross join lateral (select i.a[t.s] + t.ord * interval '5 ms' as st,
                                               i.a[t.e] + t.end_ord * interval '5 ms' + interval '2 ms' as en) x
                    """;
            exec(s, """
                    insert into act_hi_actinst (id_, parent_act_inst_id_, proc_def_key_, proc_def_id_, root_proc_inst_id_,
                      proc_inst_id_, execution_id_, act_id_, task_id_, act_name_, act_type_, start_time_, end_time_,
                      duration_, act_inst_state_, sequence_counter_, tenant_id_, removal_time_)
                    select t.prefix || i.head || t.act_suffix,
                      case when t.parent_ord < 0 then i.pid else t.parent_prefix || i.head || t.parent_suffix end,
                      %KEY%, %DEF%, i.pid, i.pid,
                      case when t.scope = 0 then i.pid else i.head || t.exec_suffix end,
                      t.act_id, case when t.task then i.head || t.task_suffix end,
                      t.name, t.act_type, x.st, x.en, (extract(epoch from (x.en - x.st)) * 1000)::bigint,
                      t.state, 2 * t.ord + 1, %TENANT%, %REMOVAL%
                    """.replace("%KEY%", key).replace("%DEF%", defId).replace("%REMOVAL%", removal)
                    .replace("%TENANT%", tenant) + rows);
            exec(s, """
                    insert into act_hi_taskinst (id_, task_def_key_, proc_def_key_, proc_def_id_, root_proc_inst_id_,
                      proc_inst_id_, execution_id_, act_inst_id_, name_, start_time_, end_time_, duration_,
                      delete_reason_, priority_, due_date_, tenant_id_, removal_time_, task_state_)
                    select i.head || t.task_suffix, t.act_id, %KEY%, %DEF%, i.pid, i.pid,
                      case when t.scope = 0 then i.pid else i.head || t.exec_suffix end,
                      t.prefix || i.head || t.act_suffix, t.name, x.st + interval '1 ms', x.en,
                      (extract(epoch from (x.en - x.st - interval '1 ms')) * 1000)::bigint,
                      case when t.state = 2 then 'deleted' else 'completed' end, 50,
                      case when t.due_days is not null then x.st + t.due_days * interval '1 day' end,
                      %TENANT%, %REMOVAL%, case when t.state = 2 then 'Deleted' else 'Completed' end
                    """.replace("%KEY%", key).replace("%DEF%", defId).replace("%REMOVAL%", removal)
                    .replace("%TENANT%", tenant) + rows + " where t.task");
            return count;
        }

        /** The path templates as SQL rows, names taken from the deployed model (which must have every step). */
        private String templateSql() {
            BpmnModelInstance model = engine.getRepositoryService().getBpmnModelInstance(definition.getId());
            StringBuilder values = new StringBuilder();
            for (Step step : templates()) {
                String name = null;
                if (!step.actId().endsWith("#multiInstanceBody")) {
                    FlowElement element = model.getModelElementById(step.actId());
                    if (element == null) {
                        throw new IllegalStateException(step.actId() + " is not in " + definition.getId()
                                + ": the history templates of CityData need updating");
                    }
                    name = element.getName();
                }
                values.append(values.isEmpty() ? "" : ",\n").append('(').append(step.tpl()).append(", ")
                        .append(step.ord()).append(", ").append(step.endOrd()).append(", ").append(literal(step.actId()))
                        .append(", ").append(literal(step.actType())).append(", ").append(name == null ? "null" : literal(name))
                        .append(", ").append(step.scope()).append(", ").append(step.task()).append(", ")
                        .append(step.state()).append(", ").append(step.start()).append(", ").append(step.end())
                        .append(", ").append(step.dueDays() == null ? "null::int" : step.dueDays().toString())
                        .append(", ").append(literal(prefix(step.actId()))).append(", ").append(step.parentOrd())
                        .append(", ").append(literal(step.parentActId() == null ? "" : prefix(step.parentActId())))
                        .append(", ").append(literal(suffix(step.ord() * 4 + 1)))
                        .append(", ").append(literal(suffix(step.ord() * 4 + 2)))
                        .append(", ").append(literal(suffix(4096 + step.scope())))
                        .append(", ").append(literal(suffix(Math.max(0, step.parentOrd()) * 4 + 1)))
                        .append(')');
            }
            return "select * from (values " + values + ") v(tpl, ord, end_ord, act_id, act_type, name, scope, task, "
                    + "state, s, e, due_days, prefix, parent_ord, parent_prefix, act_suffix, task_suffix, exec_suffix, "
                    + "parent_suffix)";
        }

        // --- running instances -------------------------------------------------------------------------------------

        private void running() {
            PlatformTransactionManager transactions = config instanceof SpringProcessEngineConfiguration spring
                    && spring.getTransactionManager() != null ? spring.getTransactionManager()
                    : context.getBeanProvider(PlatformTransactionManager.class)
                            .getIfUnique(() -> new DataSourceTransactionManager(dataSource));
            TransactionTemplate tx = new TransactionTemplate(transactions);
            RuntimeService runtime = engine.getRuntimeService();
            Map<String, String> names = new LinkedHashMap<>();
            jdbc.query("select code, name from district", rs -> {
                names.put(rs.getString(1), rs.getString(2));
            });
            Progress progress = new Progress("running", spec.runningInstances(), "instances");
            AtomicInteger next = new AtomicInteger();
            try (Progress.Ticker ticker = Progress.tick(progress)) {
                parallel(spec.workers(), "Starting running instances", () -> {
                    JdbcTemplate local = new JdbcTemplate(dataSource);
                    for (int from = next.getAndAdd(RUNNING_BATCH); from < spec.runningInstances() && !stopped();
                            from = next.getAndAdd(RUNNING_BATCH)) {
                        int n = Math.min(RUNNING_BATCH, spec.runningInstances() - from);
                        tx.executeWithoutResult(status -> {
                            local.execute("set local synchronous_commit = off");
                            generatorSql(n, true).forEach(local::execute);
                            local.query("select * from cd_p order by g", rs -> {
                                start(runtime, rs, names);
                            });
                        });
                        progress.add(n);
                    }
                    return null;
                });
            }
        }

        /** Starts one journey where the participant's stage has it wait, with the variables the model needs there. */
        private void start(RuntimeService runtime, ResultSet rs, Map<String, String> names) throws SQLException {
            String status = rs.getString("status");
            String pkg = rs.getString("pkg1");
            String district = rs.getString("district");
            VariableMap variables = Variables.createVariables()
                    .putValue("participantId", rs.getObject("id").toString())
                    .putValue("participantMemberId", rs.getObject("member_id").toString())
                    .putValue("caseRef", rs.getString("case_ref"))
                    .putValue("householdId", rs.getObject("household_id").toString())
                    .putValue("districtCode", district)
                    .putValue("districtName", names.get(district))
                    .putValue("firstName", rs.getString("first_name"));
            if (!status.equals("intake")) {
                variables.putValue("consentDecision", "given");
            }
            if (status.equals("referred") || status.equals("in-service")) {
                variables.putValue("cooperating", rs.getBoolean("coop"))
                        .putValue("readyForWork", rs.getBoolean("ready"))
                        .putValue("workCapacity", rs.getString("work_capacity"))
                        .putValue("lacksSchooling", rs.getBoolean("f_school"))
                        .putValue("lacksQualification", rs.getBoolean("f_qual"))
                        .putValue("housingBarrier", rs.getBoolean("f_housing"))
                        .putValue("transportBarrier", rs.getBoolean("f_transport"))
                        .putValue("healthBarrier", rs.getBoolean("f_health"))
                        .putValue("debtBarrier", rs.getBoolean("f_debt"))
                        .putValue("legalBarrier", rs.getBoolean("f_legal"))
                        .putValue("familyBarrier", rs.getBoolean("f_family"))
                        .putValue("hasAddressCard", rs.getBoolean("has_address_card"))
                        .putValue("hasTajCard", rs.getBoolean("has_taj_card"))
                        .putValue("missingDocuments", !(rs.getBoolean("has_address_card") && rs.getBoolean("has_taj_card")));
                if (rs.getString("track") != null) {
                    variables.putValue("employmentTrack", rs.getString("track"));
                }
            }
            ProcessInstantiationBuilder builder = runtime.createProcessInstanceByKey(KEY)
                    .businessKey(rs.getString("case_ref")).setVariables(variables);
            switch (status) {
                case "intake" -> builder.execute();
                case "consented" -> builder.startBeforeActivity("Task_NeedsAssessment").execute();
                case "referred" -> builder.setVariable("pendingPackages", new ArrayList<>(List.of(pkg)))
                        .startBeforeActivity("SubProcess_Referral#multiInstanceBody").execute();
                case "in-service" -> builder.setVariable("pendingPackages", new ArrayList<>())
                        .setVariable("anyReturned", false).setVariable("referralReturns", 0)
                        .setVariable("acceptedPackages", new ArrayList<>(List.of(pkg)))
                        .startBeforeActivity("Task_FollowUp").execute();
                default -> throw new IllegalStateException("No running stage " + status);
            }
        }

        // --- counts ------------------------------------------------------------------------------------------------

        private Map<String, Long> rowCounts() {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String table : List.of("district", "household", "household_member", "welfare_indicator", "participant",
                    "assessment", "referral", "journey_milestone", "follow_up", "act_hi_procinst", "act_hi_actinst",
                    "act_hi_taskinst", "act_ru_execution", "act_ru_task", "act_ru_job", "act_ru_variable",
                    "act_ru_identitylink", "act_ru_authorization", "act_id_tenant")) {
                counts.put(table, jdbc.queryForObject("select count(*) from " + table, Long.class));
            }
            return counts;
        }
    }

    // --- history path templates ----------------------------------------------------------------------------------

    /**
     * One activity row of a path: {@code start}/{@code end} index the instance's times (1 start, 2 consent,
     * 3 assessment, 4 acceptance, 5–9 delivery and follow-up, 10 closure); {@code scope} 0 is the process instance,
     * 1/2 the referral multi-instance body and sub-process, 3/4 the delivery ones, 5 the withdrawal event
     * sub-process; {@code state} as the engine writes {@code ACT_INST_STATE_} (4 ended, 1 scope complete, 0 default,
     * 2 cancelled).
     */
    record Step(int tpl, int ord, int endOrd, String actId, String actType, int scope, boolean task, int state,
                int start, int end, Integer dueDays, int parentOrd, String parentActId) {
    }

    /**
     * The paths the engine records for a {@code participant-journey}: 0 no consent; 1/2 employment delivery, closed /
     * withdrawn; 3/4 education; 5/6 another package (living conditions, open door, motivation).
     */
    static List<Step> templates() {
        List<Step> all = new ArrayList<>();
        for (int tpl = 0; tpl <= 6; tpl++) {
            all.addAll(template(tpl));
        }
        return all;
    }

    private static List<Step> template(int tpl) {
        TemplateBuilder b = new TemplateBuilder(tpl);
        b.step("StartEvent_JourneyStarted", "startEvent", 1, 1, 4);
        b.task("Task_IntakeConsent", 1, 2, null);
        b.step("Task_RecordConsent", "serviceTask", 2, 2, 4);
        b.step("Gateway_ConsentGiven", "exclusiveGateway", 2, 2, 4);
        if (tpl == 0) {
            b.step("Task_EraseNonConsenting", "serviceTask", 2, 2, 4);
            b.step("EndEvent_NoConsent", "noneEndEvent", 2, 2, 1);
            return b.steps;
        }
        b.step("Gateway_AssessmentJoin", "exclusiveGateway", 2, 2, 4);
        b.task("Task_NeedsAssessment", 2, 3, null);
        b.step("Task_SaveAssessment", "serviceTask", 3, 3, 4);
        b.step("Gateway_DocumentsSplit", "inclusiveGateway", 3, 3, 0);
        b.step("BusinessRule_PackageDecision", "businessRuleTask", 3, 3, 4);
        b.step("Task_CreateReferrals", "serviceTask", 3, 3, 4);
        b.open("SubProcess_Referral#multiInstanceBody", "multiInstanceBody", 1, 3, 4, 4);
        b.open("SubProcess_Referral", "subProcess", 2, 3, 4, 1);
        b.step("StartEvent_Referral", "startEvent", 3, 3, 4);
        b.task("Task_AcceptReferral", 3, 4, 7);
        b.step("Task_RecordReferralDecision", "serviceTask", 4, 4, 4);
        b.step("EndEvent_ReferralDecided", "noneEndEvent", 4, 4, 1);
        b.close();
        b.close();
        b.step("Task_EvaluateReferrals", "serviceTask", 4, 4, 4);
        b.step("Gateway_ReferralsOutcome", "exclusiveGateway", 4, 4, 4);
        b.task("Task_ActionPlan", 4, 5, null);
        b.open("SubProcess_Delivery#multiInstanceBody", "multiInstanceBody", 3, 5, 8, 4);
        b.open("SubProcess_Delivery", "subProcess", 4, 5, 8, 1);
        b.step("StartEvent_Delivery", "startEvent", 5, 5, 4);
        b.step("Gateway_PackageKind", "exclusiveGateway", 5, 5, 4);
        if (tpl <= 2) {
            b.step("Gateway_MatchingJoin", "exclusiveGateway", 5, 5, 4);
            b.task("Task_JobMatching", 5, 6, null);
            b.task("Task_JobPlacement", 6, 6, null);
            b.step("Gateway_Placed", "exclusiveGateway", 6, 6, 4);
            b.step("Timer_RetentionWait", "intermediateTimer", 6, 7, 4);
            b.task("Task_RetentionCheck", 7, 8, null);
            b.step("EndEvent_EmploymentDelivered", "noneEndEvent", 8, 8, 1);
        } else if (tpl <= 4) {
            b.task("Task_TrainingEnrolment", 5, 6, null);
            b.step("Gateway_Enrolled", "exclusiveGateway", 6, 6, 4);
            b.task("Task_TrainingCompletion", 6, 8, null);
            b.step("EndEvent_TrainingDelivered", "noneEndEvent", 8, 8, 1);
        } else {
            b.task("Task_ServiceGiven", 5, 7, null);
            b.task("Task_ServiceEffect", 7, 8, null);
            b.step("EndEvent_ServiceDelivered", "noneEndEvent", 8, 8, 1);
        }
        b.close();
        b.close();
        b.step("Gateway_FollowUpJoin", "exclusiveGateway", 8, 8, 4);
        if (tpl % 2 == 1) {
            b.step("Timer_NextFollowUp", "intermediateTimer", 8, 9, 4);
            b.task("Task_FollowUp", 9, 10, 5);
            b.step("Gateway_FollowUpDecision", "exclusiveGateway", 10, 10, 4);
            b.task("Task_CloseCase", 10, 10, null);
            b.step("Task_RecordOutcome", "serviceTask", 10, 10, 4);
            b.step("EndEvent_Closed", "noneEndEvent", 10, 10, 1);
        } else {
            b.step("Timer_NextFollowUp", "intermediateTimer", 8, 10, 2);
            b.open("EventSubProcess_Withdrawn", "subProcess", 5, 10, 10, 1);
            b.step("StartEvent_Withdrawn", "messageStartEvent", 10, 10, 4);
            b.step("Task_RecordWithdrawal", "serviceTask", 10, 10, 4);
            b.step("EndEvent_Withdrawn", "noneEndEvent", 10, 10, 1);
            b.close();
        }
        return b.steps;
    }

    /** Builds a path: scopes opened and closed around their steps, each step knowing its parent. */
    private static final class TemplateBuilder {
        final int tpl;
        final List<Step> steps = new ArrayList<>();
        final java.util.Deque<Integer> open = new java.util.ArrayDeque<>(); // indexes into steps

        TemplateBuilder(int tpl) {
            this.tpl = tpl;
        }

        void step(String actId, String type, int start, int end, int state) {
            add(actId, type, false, start, end, state, null, currentScope());
        }

        void task(String actId, int start, int end, Integer dueDays) {
            add(actId, "userTask", true, start, end, 4, dueDays, currentScope());
        }

        /** A scope row (multi-instance body, sub-process): it hangs under the enclosing scope, its steps under it. */
        void open(String actId, String type, int scope, int start, int end, int state) {
            add(actId, type, false, start, end, state, null, scope);
            open.push(steps.size() - 1);
        }

        /** Closes the innermost scope: it ends after its last step. */
        void close() {
            int index = open.pop();
            Step row = steps.get(index);
            steps.set(index, new Step(tpl, row.ord(), steps.size(), row.actId(), row.actType(), row.scope(), false,
                    row.state(), row.start(), row.end(), null, row.parentOrd(), row.parentActId()));
        }

        private int currentScope() {
            return open.isEmpty() ? 0 : steps.get(open.peek()).scope();
        }

        private void add(String actId, String type, boolean task, int start, int end, int state, Integer dueDays,
                         int scope) {
            Step parent = open.isEmpty() ? null : steps.get(open.peek());
            int ord = steps.size();
            steps.add(new Step(tpl, ord, ord, actId, type, scope, task, state, start, end, dueDays,
                    parent == null ? -1 : parent.ord(), parent == null ? null : parent.actId()));
        }
    }

    /** Activity instance ids as the engine builds them: {@code <activity id>:<uuid>}, the bare UUID when too long. */
    static String prefix(String actId) {
        return actId.length() + 1 + 36 <= 64 ? actId + ":" : "";
    }

    /** The last 12 hex digits of an id within a historic instance. */
    private static String suffix(int n) {
        return String.format("%012x", n);
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static String array(List<String> values) {
        return "array[" + values.stream().map(CityData::literal).collect(Collectors.joining(", ")) + "]";
    }

    private static void log(String format, Object... args) {
        System.out.printf("[citydata] " + format + "%n", args);
    }

    // --- progress ------------------------------------------------------------------------------------------------

    /** Done/total of a phase and its rate, printed every 10 seconds while it runs. */
    private static final class Progress {
        final String phase;
        final long total;
        final String unit;
        final AtomicLong done = new AtomicLong();
        final long started = System.currentTimeMillis();

        Progress(String phase, long total, String unit) {
            this.phase = phase;
            this.total = total;
            this.unit = unit;
        }

        void add(long n) {
            done.addAndGet(n);
        }

        String line() {
            double seconds = Math.max(0.001, (System.currentTimeMillis() - started) / 1000.0);
            return String.format(Locale.ROOT, "%s: %,d of %,d %s (%.0f/s)", phase, done.get(), total, unit,
                    done.get() / seconds);
        }

        interface Ticker extends AutoCloseable {
            @Override
            void close();
        }

        static Ticker tick(Progress... phases) {
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "citydata-progress");
                t.setDaemon(true);
                return t;
            });
            Supplier<String> lines = () -> java.util.Arrays.stream(phases).filter(p -> p.total > 0)
                    .map(Progress::line).collect(Collectors.joining("; "));
            timer.scheduleAtFixedRate(() -> log("%s", lines.get()), 10, 10, TimeUnit.SECONDS);
            return () -> {
                timer.shutdownNow();
                log("%s", lines.get());
            };
        }
    }
}
