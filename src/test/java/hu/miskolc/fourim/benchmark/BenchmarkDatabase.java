package hu.miskolc.fourim.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import hu.miskolc.fourim.database.EmbeddedPostgres;

/**
 * The one PostgreSQL server every configuration of a run is measured on: the server's own embedded PostgreSQL 17
 * with its durable settings (fsync, synchronous_commit and full_page_writes on), one database per configuration.
 */
final class BenchmarkDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private BenchmarkDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static BenchmarkDatabase start(Path dataDir) throws IOException {
        return new BenchmarkDatabase(EmbeddedPostgres.start(dataDir, 0, "postgres", true,
                Path.of(System.getProperty("java.io.tmpdir"), "fourim-postgres")));
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgres.port() + "/" + database;
    }

    String username() {
        return postgres.username();
    }

    String password() {
        return postgres.password();
    }

    int port() {
        return postgres.port();
    }

    Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", username());
        properties.setProperty("password", password());
        return DriverManager.getConnection(jdbcUrl(database), properties);
    }

    void createDatabase(String name) {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            ResultSet exists = statement.executeQuery("select 1 from pg_database where datname = '" + name + "'");
            if (!exists.next()) {
                statement.execute("create database " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
    }

    /** Drops a database and ends the sessions still connected to it. */
    void dropDatabase(String name) {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop database " + name, e);
        }
    }

    /** The settings that decide durability and memory, as the server reports them. */
    Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            for (String name : new String[] {"server_version", "fsync", "synchronous_commit", "full_page_writes",
                    "wal_level", "shared_buffers", "max_connections", "checkpoint_timeout", "max_wal_size"}) {
                ResultSet value = statement.executeQuery("show " + name);
                value.next();
                settings.put(name, value.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read PostgreSQL settings", e);
        }
        return settings;
    }

    @Override
    public void close() {
        postgres.close();
    }
}
