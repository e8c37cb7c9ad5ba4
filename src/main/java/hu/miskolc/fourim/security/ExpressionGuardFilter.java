package hu.miskolc.fourim.security;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rejects engine requests that carry a JUEL expression ({@code ${…}} or {@code #{…}}) in a query parameter or a
 * request body. Camunda 7.24 CE evaluates expressions in some ad-hoc queries (e.g. task-query {@code orQueries})
 * despite {@code enableExpressionsInAdhocQueries=false}, which allows code execution on the server; no legitimate
 * client of ours sends expressions. Multipart bodies (deployments of BPMN/DMN, which do contain expressions) pass:
 * deploying is restricted to managers and administrators by the engine's authorization.
 */
class ExpressionGuardFilter extends OncePerRequestFilter {

    static final int MAX_INSPECTED_BODY = 10 * 1024 * 1024;
    static final String MESSAGE =
            "Expressions (${...} or #{...}) are not accepted in requests to this server.";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null && containsExpression(decode(query))) {
            reject(response);
            return;
        }
        String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            // let the container parse the form so the parameters stay available downstream
            boolean expression = request.getParameterMap().values().stream()
                    .flatMap(java.util.Arrays::stream).anyMatch(ExpressionGuardFilter::containsExpression);
            if (expression) {
                reject(response);
            } else {
                chain.doFilter(request, response);
            }
            return;
        }
        if (contentType.startsWith("multipart/") || !hasBody(request)) {
            chain.doFilter(request, response);
            return;
        }
        CachedBody cached = CachedBody.of(request, MAX_INSPECTED_BODY);
        byte[] body = cached.bytes();
        if (body.length > MAX_INSPECTED_BODY) {
            response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            writeJson(response, "The request body is larger than " + MAX_INSPECTED_BODY / (1024 * 1024) + " MB.");
            return;
        }
        Charset charset = request.getCharacterEncoding() != null
                ? Charset.forName(request.getCharacterEncoding()) : StandardCharsets.UTF_8;
        String text = new String(body, charset);
        if (containsExpression(text)) {
            reject(response);
            return;
        }
        chain.doFilter(cached.wrap(request), response);
    }

    static boolean containsExpression(String text) {
        // JSON may escape the characters: \u0024{ is "${", \u0023{ is "#{"
        String normalized = text.replace("\\u0024", "$").replace("\\u0023", "#")
                .replace("\\u007b", "{").replace("\\u007B", "{");
        return normalized.contains("${") || normalized.contains("#{");
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    /** URL-decodes, or returns the text as it is when its escapes are malformed (then the raw text is inspected). */
    static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // malformed escapes: inspect the raw text
        }
    }

    private static void reject(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        writeJson(response, MESSAGE);
    }

    private static void writeJson(HttpServletResponse response, String message) throws IOException {
        writeError(response, "InvalidRequestException", message);
    }

    /** An error body in the engine REST API's shape ({@code type}, {@code message}); the status is set by the caller. */
    static void writeError(HttpServletResponse response, String type, String message) throws IOException {
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}");
    }
}
