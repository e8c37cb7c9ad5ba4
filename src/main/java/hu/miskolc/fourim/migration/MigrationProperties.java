package hu.miskolc.fourim.migration;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the migration of running cases ({@code fourim.migration.*}).
 *
 * @param autoMigrateOnDeploy process keys whose running cases are migrated automatically when a new version is
 *                            deployed (equal activities only; cases that cannot move stay and are reported). Off
 *                            (empty) by default: migrating is a manager's decision.
 */
@ConfigurationProperties("fourim.migration")
public record MigrationProperties(@DefaultValue List<String> autoMigrateOnDeploy) {

    public boolean autoMigrates(String processKey) {
        return autoMigrateOnDeploy.contains(processKey);
    }
}
