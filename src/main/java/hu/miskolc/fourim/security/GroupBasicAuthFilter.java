package hu.miskolc.fourim.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic against the engine's identity service for our own endpoints, limited to members of the given groups:
 * anonymous or wrong password → 401, authenticated but not a member → 403. The authenticated user is exposed as a
 * request attribute for the endpoint (e.g. for the access trail).
 *
 * <p>With {@link #acceptingWebappSession(String)} a read-only request (GET, HEAD) without an Authorization header may
 * also come from a user logged into the Camunda webapps (the same HTTP session): one login for Cockpit and our pages.
 * The user's groups are read from the identity service at every request, as for HTTP Basic. Requests that change
 * something always need HTTP Basic, so a session cookie alone never authorizes a write (no CSRF surface).
 */
public class GroupBasicAuthFilter extends OncePerRequestFilter {

    public static final String USER_ATTRIBUTE = "fourim.userId";
    public static final String GROUPS_ATTRIBUTE = "fourim.groupIds";

    private final IdentityService identityService;
    private final Set<String> allowedGroups;
    private final Predicate<HttpServletRequest> open;
    /** The process engine whose webapp login is accepted, or null for HTTP Basic only. */
    private final String webappEngine;

    public GroupBasicAuthFilter(IdentityService identityService, Set<String> allowedGroups,
                                Predicate<HttpServletRequest> open) {
        this(identityService, allowedGroups, open, null);
    }

    private GroupBasicAuthFilter(IdentityService identityService, Set<String> allowedGroups,
                                 Predicate<HttpServletRequest> open, String webappEngine) {
        this.identityService = identityService;
        this.allowedGroups = allowedGroups;
        this.open = open;
        this.webappEngine = webappEngine;
    }

    /** The same filter, also accepting for reads the webapp login of this process engine (see the class comment). */
    public GroupBasicAuthFilter acceptingWebappSession(String processEngineName) {
        return new GroupBasicAuthFilter(identityService, allowedGroups, open, processEngineName);
    }

    /** HTTP Basic for any user the identity service knows, whatever their groups. */
    public static GroupBasicAuthFilter anyUser(IdentityService identityService, Predicate<HttpServletRequest> open) {
        return new GroupBasicAuthFilter(identityService, null, open);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (open.test(request)) {
            chain.doFilter(request, response);
            return;
        }
        String header = request.getHeader("Authorization");
        String user = header == null ? webappUser(request) : null;
        if (user == null) {
            String[] credentials = credentials(header);
            if (credentials == null || !identityService.checkPassword(credentials[0], credentials[1])) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"4IM\"");
                write(response, HttpServletResponse.SC_UNAUTHORIZED, "Authentication required.");
                return;
            }
            user = credentials[0];
        }
        List<String> groups = identityService.createGroupQuery().groupMember(user).list().stream()
                .map(Group::getId).toList();
        if (allowedGroups != null && groups.stream().noneMatch(allowedGroups::contains)) {
            write(response, HttpServletResponse.SC_FORBIDDEN, "User " + user + " is not allowed to use this endpoint.");
            return;
        }
        request.setAttribute(USER_ATTRIBUTE, user);
        request.setAttribute(GROUPS_ATTRIBUTE, groups);
        chain.doFilter(request, response);
    }

    /** The user logged into the Camunda webapps in this request's session, for a read-only request; else null. */
    private String webappUser(HttpServletRequest request) {
        if (webappEngine == null || !("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))) {
            return null;
        }
        HttpSession session = request.getSession(false);
        if (session == null) {
            return null;
        }
        Authentication authentication =
                AuthenticationUtil.getAuthsFromSession(session).getAuthenticationForProcessEngine(webappEngine);
        return authentication == null ? null : authentication.getIdentityId();
    }

    private static String[] credentials(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void write(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"status\":" + status + ",\"message\":\"" + message.replace("\"", "'") + "\"}");
    }
}
