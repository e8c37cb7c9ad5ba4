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

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic against the engine's identity service for our own endpoints, limited to members of the given groups:
 * anonymous or wrong password → 401, authenticated but not a member → 403. The authenticated user is exposed as a
 * request attribute for the endpoint (e.g. for the access trail).
 */
public class GroupBasicAuthFilter extends OncePerRequestFilter {

    public static final String USER_ATTRIBUTE = "fourim.userId";
    public static final String GROUPS_ATTRIBUTE = "fourim.groupIds";

    private final IdentityService identityService;
    private final Set<String> allowedGroups;
    private final Predicate<HttpServletRequest> open;

    public GroupBasicAuthFilter(IdentityService identityService, Set<String> allowedGroups,
                                Predicate<HttpServletRequest> open) {
        this.identityService = identityService;
        this.allowedGroups = allowedGroups;
        this.open = open;
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
        String[] credentials = credentials(request.getHeader("Authorization"));
        if (credentials == null || !identityService.checkPassword(credentials[0], credentials[1])) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"4IM\"");
            write(response, HttpServletResponse.SC_UNAUTHORIZED, "Authentication required.");
            return;
        }
        List<String> groups = identityService.createGroupQuery().groupMember(credentials[0]).list().stream()
                .map(Group::getId).toList();
        if (allowedGroups != null && groups.stream().noneMatch(allowedGroups::contains)) {
            write(response, HttpServletResponse.SC_FORBIDDEN,
                    "User " + credentials[0] + " is not allowed to use this endpoint.");
            return;
        }
        request.setAttribute(USER_ATTRIBUTE, credentials[0]);
        request.setAttribute(GROUPS_ATTRIBUTE, groups);
        chain.doFilter(request, response);
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
