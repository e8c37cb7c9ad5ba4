package hu.miskolc.fourim.migration;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/** The migrations started (table {@code migration_run}): which cases were meant to move, which stayed and why. */
@Component
class MigrationRuns {

    private static final String RUN_COLUMNS = """
            r.batch_id, r.process_key, r.source_definition_id, r.source_version, r.target_definition_id,
            r.target_version, r.mappings::text, r.started_by, r.automatic, r.started_at,
            (select count(*) from migration_run_instance i where i.batch_id = r.batch_id and i.planned),
            (select count(*) from migration_run_instance i where i.batch_id = r.batch_id and not i.planned)""";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    MigrationRuns(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** One migration: a batch of the engine and the cases it was started for. */
    record Run(String batchId, String processKey, String sourceDefinitionId, int sourceVersion,
               String targetDefinitionId, int targetVersion, List<MigrationRequest.Mapping> mappings,
               String startedBy, boolean automatic, Instant startedAt, int planned, int leftBehind) {
    }

    /** A case of a run: {@code planned} ones are in the batch, the others stayed on the source version. */
    record RunInstance(String processInstanceId, String businessKey, boolean planned, List<String> activities,
                       String reason) {
    }

    void record(Run run, List<RunInstance> instances) {
        jdbc.update("""
                insert into migration_run (batch_id, process_key, source_definition_id, source_version,
                    target_definition_id, target_version, mappings, started_by, automatic)
                values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)""",
                run.batchId(), run.processKey(), run.sourceDefinitionId(), run.sourceVersion(),
                run.targetDefinitionId(), run.targetVersion(), toJson(run.mappings()), run.startedBy(),
                run.automatic());
        jdbc.batchUpdate("""
                insert into migration_run_instance (batch_id, process_instance_id, business_key, planned, activities,
                    reason) values (?, ?, ?, ?, ?, ?)""",
                instances.stream().map(i -> new Object[] {run.batchId(), i.processInstanceId(), i.businessKey(),
                        i.planned(), String.join(",", i.activities()), i.reason()}).toList());
    }

    Optional<Run> find(String batchId) {
        return jdbc.query("select " + RUN_COLUMNS + " from migration_run r where r.batch_id = ?", runs(), batchId)
                .stream().findFirst();
    }

    List<Run> latest(int limit) {
        return jdbc.query("select " + RUN_COLUMNS + " from migration_run r order by r.started_at desc limit ?",
                runs(), Math.max(1, Math.min(limit, 500)));
    }

    List<Run> latestForProcess(String processKey, int limit) {
        return jdbc.query("select " + RUN_COLUMNS + " from migration_run r where r.process_key = ? "
                + "order by r.started_at desc limit ?", runs(), processKey, Math.max(1, Math.min(limit, 500)));
    }

    List<RunInstance> instances(String batchId) {
        return jdbc.query("""
                select process_instance_id, business_key, planned, activities, reason from migration_run_instance
                where batch_id = ? order by planned desc, business_key, process_instance_id""",
                (rs, n) -> new RunInstance(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                        rs.getString(4).isEmpty() ? List.of() : List.of(rs.getString(4).split(",")),
                        rs.getString(5)),
                batchId);
    }

    private RowMapper<Run> runs() {
        return (rs, n) -> new Run(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                rs.getInt(6), fromJson(rs.getString(7)), rs.getString(8), rs.getBoolean(9),
                rs.getTimestamp(10).toInstant(), rs.getInt(11), rs.getInt(12));
    }

    private String toJson(List<MigrationRequest.Mapping> mappings) {
        try {
            return json.writeValueAsString(mappings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<MigrationRequest.Mapping> fromJson(String text) {
        try {
            return json.readValue(text, new TypeReference<List<MigrationRequest.Mapping>>() { });
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }
}
