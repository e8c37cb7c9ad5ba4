package hu.miskolc.fourim.council;

import java.util.LinkedHashMap;
import java.util.Map;

import hu.miskolc.fourim.security.GroupBasicAuthFilter;
import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/cases/{caseRef}/escalations} {@code {"question": "…"}}: an adviser, coach or coordinator puts an
 * open case of their district before the council. Answers 201 with the council item's reference; the case waits for
 * the decision ({@code CouncilDecisionMade}).
 */
@RestController
@RequestMapping("/api/cases")
class CaseEscalationController {

    record EscalationRequest(String question) {
    }

    private final CouncilEscalations escalations;
    private final IdentityService identityService;

    CaseEscalationController(CouncilEscalations escalations, IdentityService identityService) {
        this.escalations = escalations;
        this.identityService = identityService;
    }

    @PostMapping("/{caseRef}/escalations")
    ResponseEntity<Map<String, Object>> escalate(@PathVariable String caseRef,
                                                 @RequestBody(required = false) EscalationRequest body,
                                                 HttpServletRequest request) {
        String question = body == null || body.question() == null ? "" : body.question().trim();
        if (question.isEmpty() || question.length() > CouncilEscalations.MAX_QUESTION) {
            return error(HttpStatus.BAD_REQUEST, "A Tanácsnak feltett kérdés kötelező, legfeljebb "
                    + CouncilEscalations.MAX_QUESTION + " karakter.");
        }
        CouncilEscalations.OpenCase openCase = escalations.openCase(caseRef).orElse(null);
        if (openCase == null) {
            return error(HttpStatus.NOT_FOUND, "Nincs folyamatban lévő ügy ezzel az ügyszámmal: " + caseRef);
        }
        String user = (String) request.getAttribute(GroupBasicAuthFilter.USER_ATTRIBUTE);
        if (!worksIn(user, openCase.districtCode())) {
            return error(HttpStatus.FORBIDDEN, "Ez az ügy nem az Ön városrészéhez tartozik.");
        }
        ProcessInstance review = escalations.escalate(openCase, question, user);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("reference", review.getBusinessKey());
        result.put("caseRef", caseRef);
        result.put("processInstanceId", review.getId());
        return ResponseEntity.status(HttpStatus.CREATED).body(result);
    }

    /** Need-to-know by district: the same tenant membership the engine enforces on the case's tasks. */
    private boolean worksIn(String user, String districtCode) {
        return identityService.createTenantQuery().userMember(user).includingGroupsOfUser(true).list().stream()
                .anyMatch(t -> t.getId().equals(districtCode));
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("status", status.value(), "message", message));
    }
}
