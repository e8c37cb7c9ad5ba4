package hu.miskolc.fourim.database;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;

/**
 * A PostgreSQL server run from the binaries zonky ships on Maven Central, for the quick start and the tests.
 *
 * <p>Why not zonky's own {@code EmbeddedPostgres}: it starts the server with {@code -F} (fsync off), cannot keep a
 * password-protected cluster, and fails as root because {@code initdb} refuses to run as root. This launcher
 * keeps the data durable (fsync, synchronous commit, full-page writes on), protects the cluster with a generated
 * password, and, when the JVM runs as root (containers, CI), runs the PostgreSQL processes in a user namespace in
 * which they are not root, so nothing has to be installed or reconfigured on the machine.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final String SUPERUSER = "postgres";
    /** uid/gid the PostgreSQL processes see themselves as when the JVM runs as root; 65534 is "nobody". */
    private static final String NAMESPACE_UID = "65534";

    private final Path binDir;
    private final Path dataDir;
    private final int port;
    private final String password;
    private final String database;
    private final boolean root;
    private volatile boolean stopped;

    private EmbeddedPostgres(Path binDir, Path dataDir, int port, String password, String database, boolean root) {
        this.binDir = binDir;
        this.dataDir = dataDir;
        this.port = port;
        this.password = password;
        this.database = database;
        this.root = root;
    }

    /** Starts (and on first use initialises) the cluster in {@code dataDir}, creating {@code database} if missing. */
    public static EmbeddedPostgres start(Path dataDir, int port, String database, boolean cleanDataDir, Path binariesCache)
            throws IOException {
        Path data = dataDir.toAbsolutePath().normalize();
        boolean root = runningAsRoot();
        Path bin = extractBinaries(binariesCache.toAbsolutePath().normalize());
        if (cleanDataDir) {
            deleteRecursively(data);
            Files.deleteIfExists(passwordFile(data));
        }
        String password = readOrCreatePassword(data);
        int actualPort = port > 0 ? port : freePort();
        EmbeddedPostgres pg = new EmbeddedPostgres(bin, data, actualPort, password, database, root);
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            pg.initdb();
        }
        pg.stopLeftoverServer();
        pg.startServer();
        pg.createDatabaseIfMissing();
        return pg;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    public String username() {
        return SUPERUSER;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            run(List.of(pgBin("pg_ctl"), "-D", dataDir.toString(), "stop", "-m", "fast", "-w", "-t", "60"), 90);
            log.info("Embedded PostgreSQL stopped (data kept in {})", dataDir);
        } catch (IOException e) {
            log.error("Could not stop embedded PostgreSQL cleanly", e);
        }
    }

    private void initdb() throws IOException {
        Files.createDirectories(dataDir);
        Path pwFile = Files.createTempFile("pgpw", ".txt");
        try {
            Files.writeString(pwFile, password);
            run(List.of(pgBin("initdb"), "-D", dataDir.toString(), "-U", SUPERUSER, "-E", "UTF8", "--locale=C",
                    "--auth=scram-sha-256", "--pwfile=" + pwFile), 300);
        } finally {
            Files.deleteIfExists(pwFile);
        }
        log.info("Embedded PostgreSQL cluster initialised in {}", dataDir);
    }

    /** A server left running by a killed JVM would hold the data directory: stop it before starting ours. */
    private void stopLeftoverServer() throws IOException {
        if (!Files.exists(dataDir.resolve("postmaster.pid"))) {
            return;
        }
        ProcessResult status = tryRun(List.of(pgBin("pg_ctl"), "-D", dataDir.toString(), "status"), 30);
        if (status.exitCode() == 0) {
            log.warn("An embedded PostgreSQL from an earlier run is still running on {}; stopping it", dataDir);
            run(List.of(pgBin("pg_ctl"), "-D", dataDir.toString(), "stop", "-m", "fast", "-w", "-t", "60"), 90);
        }
    }

    private void startServer() throws IOException {
        Path logFile = dataDir.resolve("log").resolve("postgresql.log");
        Files.createDirectories(logFile.getParent());
        String options = String.join(" ",
                "-p", Integer.toString(port),
                "-c", "listen_addresses=localhost",
                "-c", "unix_socket_directories=''",
                "-c", "fsync=on",
                "-c", "synchronous_commit=on",
                "-c", "full_page_writes=on",
                "-c", "max_connections=200",
                "-c", "shared_buffers=256MB");
        run(List.of(pgBin("pg_ctl"), "-D", dataDir.toString(), "-l", logFile.toString(), "-o", options,
                "-w", "-t", "120", "start"), 180);
        log.info("Embedded PostgreSQL listening on localhost:{} (data in {})", port, dataDir);
    }

    private void createDatabaseIfMissing() throws IOException {
        Properties props = new Properties();
        props.setProperty("user", SUPERUSER);
        props.setProperty("password", password);
        String url = "jdbc:postgresql://localhost:" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(url, props);
             var check = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            check.setString(1, database);
            if (!check.executeQuery().next()) {
                if (!database.matches("[a-z_][a-z0-9_]*")) {
                    throw new IOException("Invalid embedded database name: " + database);
                }
                try (var create = c.createStatement()) {
                    create.execute("create database " + database + " encoding 'UTF8'");
                }
            }
        } catch (SQLException e) {
            throw new IOException("Could not create the embedded database " + database, e);
        }
    }

    private String pgBin(String name) {
        return binDir.resolve("bin").resolve(name).toString();
    }

    private void run(List<String> command, int timeoutSeconds) throws IOException {
        ProcessResult result = tryRun(command, timeoutSeconds);
        if (result.exitCode() != 0) {
            throw new IOException("Embedded PostgreSQL command " + Path.of(command.get(0)).getFileName()
                    + " failed with exit code " + result.exitCode() + ":\n" + result.output());
        }
    }

    private ProcessResult tryRun(List<String> command, int timeoutSeconds) throws IOException {
        List<String> full = new ArrayList<>();
        if (root) {
            // PostgreSQL refuses to run as root. In a user namespace the processes see themselves as an
            // unprivileged user while the files stay owned by the real user, so no chown or su is needed.
            full.addAll(List.of("unshare", "--user", "--map-user=" + NAMESPACE_UID, "--map-group=" + NAMESPACE_UID,
                    "--"));
        }
        full.addAll(command);
        Path out = Files.createTempFile("pgcmd", ".log");
        try {
            Process process = new ProcessBuilder(full)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("Embedded PostgreSQL command timed out after " + timeoutSeconds + " s: "
                        + String.join(" ", command));
            }
            return new ProcessResult(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while running " + command.get(0), e);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private record ProcessResult(int exitCode, String output) {
    }

    private static boolean runningAsRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private static Path passwordFile(Path data) {
        return data.resolveSibling(data.getFileName() + ".password");
    }

    private static String readOrCreatePassword(Path data) throws IOException {
        Path file = passwordFile(data);
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        if (Files.exists(data.resolve("PG_VERSION"))) {
            throw new IOException("The embedded PostgreSQL data directory " + data + " exists but its password file "
                    + file + " is missing; restore the file or remove the data directory");
        }
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String password = HexFormat.of().formatHex(bytes);
        Files.createDirectories(file.getParent());
        Files.writeString(file, password, StandardCharsets.UTF_8);
        restrictToOwner(file);
        return password;
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): the file inherits the folder's ACL
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Path extractBinaries(Path cacheDir) throws IOException {
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(operatingSystem(), architecture())) {
            archive = in.readAllBytes();
        }
        Path target = cacheDir.resolve("pg-" + sha256(archive).substring(0, 16));
        if (Files.exists(target.resolve("bin").resolve("pg_ctl"))
                || Files.exists(target.resolve("bin").resolve("pg_ctl.exe"))) {
            return target;
        }
        Files.createDirectories(cacheDir);
        Path staging = Files.createTempDirectory(cacheDir, "extract-");
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = staging.resolve(entry.getName()).normalize();
                if (!path.startsWith(staging)) {
                    throw new IOException("Unsafe path in PostgreSQL archive: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    if ((entry.getMode() & 0100) != 0) {
                        makeExecutable(path);
                    }
                }
            }
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException e) {
            deleteRecursively(staging); // another JVM extracted the same binaries first
        }
        return target;
    }

    private static void makeExecutable(Path path) throws IOException {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
            perms.addAll(Set.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE));
            Files.setPosixFilePermissions(path, perms);
        } catch (UnsupportedOperationException e) {
            // Windows: executability is not a file attribute
        }
    }

    private static String operatingSystem() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return "Windows";
        }
        if (os.contains("mac")) {
            return "Darwin";
        }
        return "Linux";
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> arch;
        };
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
