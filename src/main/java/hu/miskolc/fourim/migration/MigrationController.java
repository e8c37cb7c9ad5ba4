package hu.miskolc.fourim.migration;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import hu.miskolc.fourim.security.GroupBasicAuthFilter;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/migrations}: the migration tool's API for managers and administrators (HTTP Basic, see
 * MigrationWebConfiguration). Engine calls run as the caller, so Cockpit's operation log shows who migrated.
 * JSON only, so a cross-site form cannot start a migration with a manager's credentials.
 */
@RestController
@RequestMapping("/api/migrations")
class MigrationController {

    private final MigrationService migrations;
    private final IdentityService identityService;
    private final MessageSource messages;

    MigrationController(MigrationService migrations, IdentityService identityService, MessageSource messages) {
        this.migrations = migrations;
        this.identityService = identityService;
        this.messages = messages;
    }

    /** The deployed processes with their versions and running cases, and the auto-migration policy. */
    @GetMapping("/processes")
    List<MigrationService.ProcessOverview> processes(HttpServletRequest request) {
        return asCaller(request, migrations::processes);
    }

    /** Plan, validation and dry run; nothing changes. */
    @PostMapping(path = "/plan", consumes = MediaType.APPLICATION_JSON_VALUE)
    MigrationService.PlanReport plan(@RequestBody MigrationRequest body, HttpServletRequest request) {
        return asCaller(request, () -> migrations.plan(body, locale(request)));
    }

    /** Starts the batch for the cases the dry run finds movable; 202 with the batch id. */
    @PostMapping(path = "/execute", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<MigrationService.StartedRun> execute(@RequestBody MigrationRequest body,
                                                        HttpServletRequest request) {
        String user = (String) request.getAttribute(GroupBasicAuthFilter.USER_ATTRIBUTE);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(asCaller(request, () -> migrations.execute(body, user, false, locale(request))));
    }

    /** Progress of a migration and, case by case, what moved. */
    @GetMapping("/batches/{batchId}")
    MigrationService.RunReport batch(@PathVariable String batchId, HttpServletRequest request) {
        return asCaller(request, () -> migrations.report(batchId));
    }

    @GetMapping("/runs")
    List<MigrationRuns.Run> runs(@RequestParam(defaultValue = "50") int limit) {
        return migrations.runs(limit);
    }

    @ExceptionHandler(MigrationRequestException.class)
    ResponseEntity<Map<String, Object>> invalid(MigrationRequestException e, HttpServletRequest request) {
        HttpStatus status = "migration.batchNotFound".equals(e.code()) ? HttpStatus.NOT_FOUND
                : HttpStatus.BAD_REQUEST;
        return error(status, messages.getMessage(e.code(), e.args(), e.code(), locale(request)));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpServletRequest request) {
        return error(HttpStatus.BAD_REQUEST, messages.getMessage("migration.request.body", null, locale(request)));
    }

    @ExceptionHandler(AuthorizationException.class)
    ResponseEntity<Map<String, Object>> forbidden(AuthorizationException e, HttpServletRequest request) {
        return error(HttpStatus.FORBIDDEN, messages.getMessage("migration.forbidden", new Object[] {e.getMessage()},
                locale(request)));
    }

    /** What the engine refuses here comes from the request (a plan or a case it cannot take). */
    @ExceptionHandler(ProcessEngineException.class)
    ResponseEntity<Map<String, Object>> refused(ProcessEngineException e, HttpServletRequest request) {
        return error(HttpStatus.BAD_REQUEST, messages.getMessage("migration.failed", new Object[] {e.getMessage()},
                locale(request)));
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("status", status.value(), "message", message));
    }

    @SuppressWarnings("unchecked")
    private <T> T asCaller(HttpServletRequest request, Supplier<T> call) {
        String user = (String) request.getAttribute(GroupBasicAuthFilter.USER_ATTRIBUTE);
        List<String> groups = (List<String>) request.getAttribute(GroupBasicAuthFilter.GROUPS_ATTRIBUTE);
        List<String> tenants = identityService.createTenantQuery().userMember(user).includingGroupsOfUser(true)
                .list().stream().map(Tenant::getId).toList();
        identityService.setAuthentication(user, groups, tenants);
        try {
            return call.get();
        } finally {
            identityService.clearAuthentication();
        }
    }

    /** Hungarian, unless the caller asks for English. */
    static Locale locale(HttpServletRequest request) {
        String header = request.getHeader("Accept-Language");
        return header != null && header.toLowerCase(Locale.ROOT).startsWith("en") ? Locale.ENGLISH
                : Locale.forLanguageTag("hu");
    }
}
