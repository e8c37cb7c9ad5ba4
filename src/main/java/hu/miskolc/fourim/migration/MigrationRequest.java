package hu.miskolc.fourim.migration;

import java.util.List;

/**
 * What a manager asks for: move the running cases of {@code processKey} from one version to another. Activities with
 * the same id in both versions are mapped automatically; {@code mappings} adds (or overrides) the ones a new
 * version renamed or moved.
 */
public record MigrationRequest(String processKey, Integer sourceVersion, Integer targetVersion,
                               List<Mapping> mappings) {

    /** Cases waiting at activity {@code from} of the source version continue at {@code to} of the target. */
    public record Mapping(String from, String to) {
    }

    public List<Mapping> mappingsOrEmpty() {
        return mappings == null ? List.of() : mappings;
    }
}
