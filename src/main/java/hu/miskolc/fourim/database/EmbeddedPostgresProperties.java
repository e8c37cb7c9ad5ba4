package hu.miskolc.fourim.database;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded PostgreSQL used when no {@code SPRING_DATASOURCE_URL} is given.
 *
 * @param dataDir       where the cluster lives; survives restarts
 * @param port          TCP port on localhost, 0 for any free port
 * @param database      database created for the server
 * @param cleanOnStart  wipe the data directory at start (tests only)
 * @param binariesCache where the PostgreSQL binaries are unpacked once
 */
@ConfigurationProperties("fourim.embedded-postgres")
public record EmbeddedPostgresProperties(
        @DefaultValue("./data/postgres") Path dataDir,
        @DefaultValue("0") int port,
        @DefaultValue("fourim") String database,
        @DefaultValue("false") boolean cleanOnStart,
        Path binariesCache) {
}
