package hu.miskolc.fourim.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A browser's session with the Camunda webapps, over plain HTTP: the CSRF token from a first GET, then the webapps'
 * login form endpoint; the session cookie is then sent along with {@link #get(String, Class)}.
 */
public final class WebappSession {

    private final TestRestTemplate rest;
    private String sessionCookie;
    private String csrfCookie;
    private String csrfToken;

    private WebappSession(TestRestTemplate rest) {
        this.rest = rest;
    }

    /** A session that has seen a webapp page but nobody logged in. */
    public static WebappSession anonymous(TestRestTemplate rest) {
        WebappSession session = new WebappSession(rest);
        ResponseEntity<String> page = session.get("/camunda/app/welcome/default/", String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        session.get("/camunda/api/admin/auth/user/default", String.class);
        assertThat(session.csrfToken).as("CSRF token of the webapps").isNotBlank();
        return session;
    }

    /** Logged in as the user to the app (cockpit, tasklist, …), as the webapps' login page does. */
    public static WebappSession login(TestRestTemplate rest, String user, String password, String app) {
        WebappSession session = anonymous(rest);
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", user);
        form.add("password", password);
        ResponseEntity<String> login = session.exchange(HttpMethod.POST,
                "/camunda/api/admin/auth/user/default/login/" + app, form, String.class);
        assertThat(login.getStatusCode()).as("login of %s to %s", user, app).isEqualTo(HttpStatus.OK);
        session.get("/camunda/api/admin/auth/user/default", String.class);
        return session;
    }

    public void logout() {
        ResponseEntity<String> logout = exchange(HttpMethod.POST, "/camunda/api/admin/auth/user/default/logout",
                new LinkedMultiValueMap<>(), String.class);
        assertThat(logout.getStatusCode().is2xxSuccessful()).as("logout: %s", logout).isTrue();
    }

    public <T> ResponseEntity<T> get(String path, Class<T> type) {
        return exchange(HttpMethod.GET, path, null, type);
    }

    public <T> ResponseEntity<T> exchange(HttpMethod method, String path, Object body, Class<T> type) {
        HttpHeaders headers = new HttpHeaders();
        StringBuilder cookies = new StringBuilder();
        if (sessionCookie != null) {
            cookies.append(sessionCookie);
        }
        if (csrfCookie != null) {
            cookies.append(cookies.isEmpty() ? "" : "; ").append(csrfCookie);
        }
        if (!cookies.isEmpty()) {
            headers.set(HttpHeaders.COOKIE, cookies.toString());
        }
        if (csrfToken != null) {
            headers.set("X-XSRF-TOKEN", csrfToken);
        }
        if (body instanceof MultiValueMap<?, ?>) {
            headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        } else if (body instanceof String) {
            headers.setContentType(MediaType.APPLICATION_JSON);
        }
        ResponseEntity<T> response = rest.exchange(path, method, new HttpEntity<>(body, headers), type);
        take(response.getHeaders());
        return response;
    }

    private void take(HttpHeaders headers) {
        List<String> setCookies = headers.getOrDefault(HttpHeaders.SET_COOKIE, List.of());
        for (String setCookie : setCookies) {
            String pair = setCookie.split(";", 2)[0];
            if (pair.startsWith("JSESSIONID=")) {
                sessionCookie = pair;
            } else if (pair.startsWith("XSRF-TOKEN=")) {
                csrfCookie = pair;
            }
        }
        String token = headers.getFirst("X-XSRF-TOKEN");
        if (token != null) {
            csrfToken = token;
        }
    }
}
