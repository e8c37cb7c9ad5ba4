package hu.miskolc.fourim.survey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import hu.miskolc.fourim.district.DistrictRepository;
import hu.miskolc.fourim.security.GroupBasicAuthFilter;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bulk start of household surveys from a CSV of addresses ({@code district,address[,note]} with a header row): every
 * row is validated first, rejected rows are reported with their reason, accepted rows start one survey each. An
 * address already registered in the district is skipped, so uploading the same file again starts nothing twice.
 *
 * <p>Cost per address (BENCHMARKS.md, scenario 4): a chunk's households are registered in one statement (the KPI
 * roll-up's trigger runs once per chunk, not per household), its surveys start in one engine command (the engine
 * writes them at its end, in JDBC batches), and the uploader's right to start surveys is checked once per upload, by
 * the engine's own checks, instead of once per address.
 */
@RestController
@RequestMapping("/api/surveys")
class SurveyImportController {

    static final int MAX_ROWS = 20_000;
    /**
     * Surveys started per database transaction: one commit (one fsync) per chunk instead of per address makes a
     * city-wide import of 10,000 addresses take seconds, not minutes (BENCHMARKS.md, scenario 4). Chunks run
     * {@code fourim.survey-import.parallel-chunks} at a time: a survey start is a conversation of some fifty statements
     * between the server and PostgreSQL, and while one chunk waits for the database another one works.
     */
    static final int CHUNK = 200;
    private static final Logger log = LoggerFactory.getLogger(SurveyImportController.class);
    /** Why a row starts nothing: its address is registered (before the upload, or meanwhile by another one). */
    private static final String REGISTERED = "a háztartás már nyilvántartásban van";

    record RowReport(int line, String address, String reason) {
    }

    private record Accepted(int line, HouseholdRepository.Address address, String note) {
    }

    record ImportReport(int accepted, int rejected, int skipped, List<String> started, List<RowReport> rejectedRows,
                        List<RowReport> skippedRows) {
    }

    private final DistrictRepository districts;
    private final HouseholdRepository households;
    private final RuntimeService runtimeService;
    private final IdentityService identityService;
    private final CommandExecutor engine;
    private final TransactionTemplate transaction;
    private final ExecutorService starters;
    private final CsvMapper csv = new CsvMapper();

    SurveyImportController(DistrictRepository districts, HouseholdRepository households, RuntimeService runtimeService,
                           IdentityService identityService, ProcessEngineConfigurationImpl engineConfiguration,
                           PlatformTransactionManager transactionManager,
                           @Value("${fourim.survey-import.parallel-chunks:2}") int parallelChunks) {
        this.districts = districts;
        this.households = households;
        this.runtimeService = runtimeService;
        this.identityService = identityService;
        this.engine = engineConfiguration.getCommandExecutorTxRequired();
        this.transaction = new TransactionTemplate(transactionManager);
        if (parallelChunks < 1) {
            throw new IllegalArgumentException("fourim.survey-import.parallel-chunks is at least 1");
        }
        AtomicInteger threads = new AtomicInteger();
        this.starters = Executors.newFixedThreadPool(parallelChunks, runnable -> {
            Thread thread = new Thread(runnable, "survey-import-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @PostMapping(path = "/import", consumes = {"text/csv", "text/plain", "application/octet-stream"})
    ResponseEntity<?> importCsv(@RequestBody byte[] body, HttpServletRequest request) {
        List<Map<String, String>> rows;
        try (MappingIterator<Map<String, String>> it = csv.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader().withColumnSeparator(separator(body)))
                .with(CsvParser.Feature.TRIM_SPACES)
                .readValues(new String(body, StandardCharsets.UTF_8).replace("\uFEFF", ""))) {
            rows = it.readAll();
        } catch (IOException | RuntimeException e) {
            return ResponseEntity.badRequest().body(Map.of("message",
                    "A CSV nem olvasható: az első sor fejléc (district,address[,note]), utána soronként egy cím."));
        }
        if (rows.isEmpty() || !rows.get(0).containsKey("district") || !rows.get(0).containsKey("address")) {
            return ResponseEntity.badRequest().body(Map.of("message",
                    "A CSV első sora a fejléc: district,address[,note]."));
        }
        if (rows.size() > MAX_ROWS) {
            return ResponseEntity.badRequest().body(Map.of("message",
                    "Egy fájlban legfeljebb " + MAX_ROWS + " cím lehet."));
        }
        String user = (String) request.getAttribute(GroupBasicAuthFilter.USER_ATTRIBUTE);
        @SuppressWarnings("unchecked")
        List<String> groups = (List<String>) request.getAttribute(GroupBasicAuthFilter.GROUPS_ATTRIBUTE);
        try {
            authorizeStart(user, groups);
        } catch (AuthorizationException e) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("message",
                    "Nincs jogosultsága háztartási felmérést indítani."));
        }
        List<RowReport> rejected = new ArrayList<>();
        List<RowReport> skipped = new ArrayList<>();
        List<Accepted> valid = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> activeDistricts = districts.active().stream().map(DistrictRepository.District::code)
                .collect(java.util.stream.Collectors.toSet());
        int line = 1;
        for (Map<String, String> row : rows) {
            line++;
            String district = row.getOrDefault("district", "").trim();
            String address = row.getOrDefault("address", "").trim();
            String note = row.getOrDefault("note", "");
            String reason = !activeDistricts.contains(district) ? "ismeretlen városrész: " + district
                    : address.isEmpty() ? "hiányzó cím"
                    : address.length() > 200 ? "a cím hosszabb 200 karakternél"
                    : note != null && note.length() > 500 ? "a megjegyzés hosszabb 500 karakternél" : null;
            HouseholdRepository.Address parsed = new HouseholdRepository.Address(district, address);
            if (reason != null) {
                rejected.add(new RowReport(line, address, reason));
            } else if (!seen.add(parsed.key())) {
                skipped.add(new RowReport(line, address, "ismétlődő sor a fájlban"));
            } else {
                valid.add(new Accepted(line, parsed, note == null ? "" : note));
            }
        }
        Set<String> registered = households.registered(valid.stream().map(Accepted::address).toList());
        List<Accepted> accepted = new ArrayList<>();
        for (Accepted row : valid) {
            if (registered.contains(row.address().key())) {
                skipped.add(new RowReport(row.line(), row.address().address(), REGISTERED));
            } else {
                accepted.add(row);
            }
        }
        skipped.sort(java.util.Comparator.comparingInt(RowReport::line));
        // chunks run side by side (each its own transaction); their results are joined in the order of the file
        List<Future<Chunk>> chunks = new ArrayList<>();
        for (int from = 0; from < accepted.size(); from += CHUNK) {
            List<Accepted> rowsOfChunk = accepted.subList(from, Math.min(accepted.size(), from + CHUNK));
            chunks.add(starters.submit(() -> startChunk(rowsOfChunk, user, groups)));
        }
        List<String> started = new ArrayList<>();
        for (Future<Chunk> chunk : chunks) {
            Chunk result = join(chunk);
            started.addAll(result.started());
            skipped.addAll(result.skipped());
        }
        return ResponseEntity.ok(new ImportReport(started.size(), rejected.size(), skipped.size(), started, rejected,
                skipped));
    }

    private record Chunk(List<String> started, List<RowReport> skipped) {
    }

    /** Starts the surveys of a chunk in one transaction, as the uploading user. */
    private Chunk startChunk(List<Accepted> chunk, String user, List<String> groups) {
        identityService.setAuthentication(user, groups);
        try {
            return transaction.execute(status -> start(chunk));
        } catch (RuntimeException chunkFailed) {
            // one address failed (e.g. registered meanwhile by another upload): the chunk was rolled back, so its
            // addresses are started one by one and only the failing one is reported
            List<String> started = new ArrayList<>();
            List<RowReport> skipped = new ArrayList<>();
            for (Accepted row : chunk) {
                try {
                    Chunk one = transaction.execute(status -> start(List.of(row)));
                    started.addAll(one.started());
                    skipped.addAll(one.skipped());
                } catch (RuntimeException rowFailed) {
                    log.warn("The survey of line {} of an import could not start: {}", row.line(),
                            rowFailed.getClass().getName());
                    skipped.add(new RowReport(row.line(), row.address().address(),
                            "a felmérés nem indult el, próbálja újra"));
                }
            }
            return new Chunk(started, skipped);
        } finally {
            identityService.clearAuthentication();
        }
    }

    private static Chunk join(Future<Chunk> chunk) {
        try {
            return chunk.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The import was interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    @PreDestroy
    void stop() {
        starters.shutdown();
    }

    /**
     * The engine's own checks of starting a survey (authorization: create a process instance of the survey;
     * tenants), run once for the upload: the uploader, the definition and the checks are the same for every address.
     */
    private void authorizeStart(String user, List<String> groups) {
        identityService.setAuthentication(user, groups);
        try {
            engine.execute(commandContext -> {
                ProcessDefinitionEntity definition = commandContext.getProcessEngineConfiguration().getDeploymentCache()
                        .findDeployedLatestProcessDefinitionByKey(HouseholdSurveyProcess.KEY);
                for (CommandChecker checker : commandContext.getProcessEngineConfiguration().getCommandCheckers()) {
                    checker.checkCreateProcessInstance(definition);
                }
                return null;
            });
        } finally {
            identityService.clearAuthentication();
        }
    }

    /**
     * Registers the chunk's households and starts a survey for each. An address registered since the file was checked
     * (by another upload) is skipped: the insert leaves it out. The surveys start in one engine command: the engine
     * writes them at its end, in JDBC batches (BENCHMARKS.md: one command per survey imports a quarter fewer a second).
     */
    private Chunk start(List<Accepted> chunk) {
        Map<String, HouseholdRepository.Household> registered = households.registerNew(
                chunk.stream().map(Accepted::address).toList());
        List<String> caseRefs = new ArrayList<>();
        List<RowReport> skipped = new ArrayList<>();
        List<Accepted> toStart = new ArrayList<>();
        for (Accepted row : chunk) {
            if (registered.containsKey(row.address().key())) {
                toStart.add(row);
            } else {
                skipped.add(new RowReport(row.line(), row.address().address(), REGISTERED));
            }
        }
        engine.execute(commandContext -> {
            // checked once for the upload (authorizeStart); the engine still checks tenants, as for any start
            commandContext.disableAuthorizationCheck();
            try {
                for (Accepted row : toStart) {
                    HouseholdRepository.Household household = registered.get(row.address().key());
                    // the service call joins this command: its inserts are written with the others at its end
                    Map<String, Object> variables = new HashMap<>(Map.of(
                            HouseholdSurveyProcess.DISTRICT_CODE, household.districtCode(),
                            HouseholdSurveyProcess.ADDRESS, household.address()));
                    if (!row.note().isBlank()) {
                        // shown on the visit form when there is one; no empty variable for every other address
                        variables.put(HouseholdSurveyProcess.PLANNED_VISIT_NOTE, row.note());
                    }
                    runtimeService.startProcessInstanceByKey(HouseholdSurveyProcess.KEY, household.caseRef(),
                            variables);
                    caseRefs.add(household.caseRef());
                }
                return null;
            } finally {
                commandContext.enableAuthorizationCheck();
            }
        });
        return new Chunk(caseRefs, skipped);
    }

    private static char separator(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 500), StandardCharsets.UTF_8);
        int firstLine = head.indexOf('\n') < 0 ? head.length() : head.indexOf('\n');
        return head.substring(0, firstLine).contains(";") ? ';' : ',';
    }
}
