package hu.miskolc.fourim.notification;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Links into Tasklist from {@code fourim.public-base-url} ({@code FOURIM_PUBLIC_BASE_URL}). The URL is read when a
 * mail is rendered, so queued mails get the current address; a base URL on port 0 (the server on a random port,
 * as in tests) is completed with the port the server actually listens on.
 */
@Component
public class TasklistLinks {

    static final String TASKLIST_PATH = "/camunda/app/tasklist/default/";

    private final Environment environment;

    TasklistLinks(Environment environment) {
        this.environment = environment;
    }

    public String baseUrl() {
        String base = environment.getProperty("fourim.public-base-url", "http://localhost:8080").trim();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        URI uri = URI.create(base);
        String localPort = environment.getProperty("local.server.port");
        if (uri.getPort() == 0 && localPort != null) {
            base = base.replaceFirst(":0(?=/|$)", ":" + localPort);
        }
        return base;
    }

    public String tasklist() {
        return baseUrl() + TASKLIST_PATH;
    }

    /** The page where a user turns the digest off. */
    public String preferences() {
        return baseUrl() + "/notifications/preferences";
    }

    public String task(String taskId) {
        return tasklist() + "#/?task=" + URLEncoder.encode(taskId, StandardCharsets.UTF_8);
    }
}
