package hu.miskolc.fourim.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.FileSystemResource;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs where this is built, so the Docker files are checked by reading them: ports, variables and
 * artifact names must agree with the application and the contract.
 */
class DockerFilesTest {

    private static final Set<String> CONTRACT_VARIABLES = Set.of("SPRING_DATASOURCE_URL",
            "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD", "SPRING_MAIL_HOST", "SPRING_MAIL_PORT",
            "SPRING_MAIL_USERNAME", "SPRING_MAIL_PASSWORD", "SERVER_PORT", "SPRING_PROFILES_ACTIVE",
            "FOURIM_ADMIN_PASSWORD", "FOURIM_PUBLIC_BASE_URL");

    private final List<String> dockerfile = Files.readAllLines(Path.of("docker/Dockerfile"));
    @SuppressWarnings("unchecked")
    private final Map<String, Object> compose =
            new Yaml().load(Files.readString(Path.of("docker/compose.yaml")));
    private final Properties application = applicationProperties();

    DockerFilesTest() throws IOException {
    }

    @Test
    void dockerfileBuildsTheJarThePomProducesOnJava17() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher finalName = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(pom);
        assertThat(finalName.find()).isTrue();
        String jar = "target/" + finalName.group(1) + ".jar";

        assertThat(dockerfile).anyMatch(line -> line.matches("FROM eclipse-temurin:17-jdk AS build"));
        assertThat(dockerfile).anyMatch(line -> line.matches("FROM eclipse-temurin:17-jre"));
        assertThat(dockerfile).anyMatch(line -> line.startsWith("COPY --from=build") && line.contains(jar));
        // everything the build needs is copied: the top-level source folders
        for (String folder : List.of("src", "processes", "forms", ".mvn")) {
            assertThat(dockerfile).anyMatch(line -> line.startsWith("COPY " + folder + " "));
            assertThat(Path.of(folder)).isDirectory();
        }
        assertThat(dockerfile).anyMatch(line -> line.startsWith("USER ") && !line.contains("root"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void exposedPortsAgreeWithTheApplication() {
        String defaultPort = application.getProperty("server.port");
        assertThat(dockerfile).contains("EXPOSE " + defaultPort);
        Map<String, Object> server = service("server");
        assertThat((List<Object>) server.get("ports")).containsExactly(defaultPort + ":" + defaultPort);
        assertThat(environment(server)).containsEntry("SERVER_PORT", defaultPort);
    }

    @Test
    void serverIsConfiguredOnlyThroughContractVariables() {
        Map<String, Object> env = environment(service("server"));
        assertThat(env.keySet()).isSubsetOf(CONTRACT_VARIABLES);
        assertThat(env.keySet()).contains("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME",
                "SPRING_DATASOURCE_PASSWORD", "SPRING_MAIL_HOST", "SPRING_MAIL_PORT", "FOURIM_ADMIN_PASSWORD");
    }

    @Test
    void databaseAndMailSettingsPointAtTheComposeServices() {
        Map<String, Object> env = environment(service("server"));
        Map<String, Object> postgres = environment(service("postgres"));
        assertThat(service("postgres").get("image").toString()).startsWith("postgres:");
        assertThat(env.get("SPRING_DATASOURCE_URL"))
                .isEqualTo("jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"));
        assertThat(env.get("SPRING_DATASOURCE_USERNAME")).isEqualTo(postgres.get("POSTGRES_USER"));
        assertThat(env.get("SPRING_DATASOURCE_PASSWORD")).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
        assertThat(env.get("SPRING_MAIL_HOST")).isEqualTo("mail");
        assertThat(service("mail").get("image").toString()).startsWith("axllent/mailpit:");
        assertThat(env.get("SPRING_MAIL_PORT")).isEqualTo("1025"); // mailpit's SMTP port
        assertThat(env.get("SPRING_PROFILES_ACTIVE").toString()).contains("prod");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> service(String name) {
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        assertThat(services).containsKey(name);
        return (Map<String, Object>) services.get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Map<String, Object> service) {
        return (Map<String, Object>) service.get("environment");
    }

    private static Properties applicationProperties() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new FileSystemResource("src/main/resources/application.yml"));
        return yaml.getObject();
    }
}
