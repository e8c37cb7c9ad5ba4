package hu.miskolc.fourim.forms;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import hu.miskolc.fourim.security.CachedBody;
import org.springframework.context.MessageSource;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Enforces on the server what a task's (or start event's) Camunda Form declares, for every task completion and
 * process start through the REST API and Tasklist: a missing required field, a wrong type, an unknown option, an
 * out-of-range number, an oversized text or a field the form does not have is refused with 400 naming the field,
 * before the engine is touched, so nothing is written. The rules come from the deployed form itself.
 */
public class FormValidationFilter extends OncePerRequestFilter {

    private static final Pattern TASK_SUBMIT = Pattern.compile(".*/task/([^/]+)/(complete|submit-form)$");
    private static final Pattern START_BY_ID =
            Pattern.compile(".*/process-definition/(?!key/)([^/]+)/(start|submit-form)$");
    private static final Pattern START_BY_KEY =
            Pattern.compile(".*/process-definition/key/([^/]+)(?:/tenant-id/([^/]+))?/(start|submit-form)$");

    private static final int MAX_BODY = 10 * 1024 * 1024;

    private final ObjectMapper json = new ObjectMapper();
    private final FormSubmissionValidator validator = new FormSubmissionValidator();
    private final TaskService taskService;
    private final FormService formService;
    private final RepositoryService repositoryService;
    private final MessageSource messages;

    public FormValidationFilter(TaskService taskService, FormService formService, RepositoryService repositoryService,
                                MessageSource messages) {
        this.taskService = taskService;
        this.formService = formService;
        this.repositoryService = repositoryService;
        this.messages = messages;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        Optional<FormTarget> target = target(path);
        if (target.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<JsonNode> form = target.get().form();
        if (form.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        CachedBody body = CachedBody.of(request, MAX_BODY);
        if (body.bytes().length > MAX_BODY) {
            response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        Locale locale = locale(request);
        Map<String, Object> submitted;
        try {
            submitted = variables(body.bytes());
        } catch (IllegalArgumentException | IOException e) {
            reject(response, null, message("form.body", new Object[0], locale));
            return;
        }
        List<FormSubmissionValidator.Violation> violations =
                validator.validate(FormSchema.parse(form.get()), submitted, target.get().existingVariables());
        if (!violations.isEmpty()) {
            StringBuilder text = new StringBuilder();
            for (FormSubmissionValidator.Violation v : violations.subList(0, Math.min(5, violations.size()))) {
                text.append(text.length() == 0 ? "" : " ").append(message("form." + v.code(), v.args(), locale));
            }
            reject(response, violations.get(0).field(), text.toString());
            return;
        }
        chain.doFilter(body.wrap(request), response);
    }

    private interface FormTarget {
        Optional<JsonNode> form();

        Map<String, Object> existingVariables();
    }

    private Optional<FormTarget> target(String path) {
        Matcher task = TASK_SUBMIT.matcher(path);
        if (task.matches()) {
            String taskId = task.group(1);
            return Optional.of(new FormTarget() {
                public Optional<JsonNode> form() {
                    Task t = taskService.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult();
                    if (t == null || t.getCamundaFormRef() == null) {
                        return Optional.empty();
                    }
                    return read(() -> formService.getDeployedTaskForm(taskId));
                }

                public Map<String, Object> existingVariables() {
                    return taskService.getVariables(taskId);
                }
            });
        }
        Matcher byId = START_BY_ID.matcher(path);
        Matcher byKey = START_BY_KEY.matcher(path);
        ProcessDefinition definition = null;
        if (byId.matches()) {
            definition = repositoryService.createProcessDefinitionQuery().processDefinitionId(byId.group(1))
                    .singleResult();
        } else if (byKey.matches()) {
            var query = repositoryService.createProcessDefinitionQuery().processDefinitionKey(byKey.group(1))
                    .latestVersion();
            definition = (byKey.group(2) != null ? query.tenantIdIn(byKey.group(2)) : query.withoutTenantId())
                    .singleResult();
        }
        if (definition == null) {
            return Optional.empty();
        }
        String definitionId = definition.getId();
        return Optional.of(new FormTarget() {
            public Optional<JsonNode> form() {
                return hasCamundaStartForm(definitionId)
                        ? read(() -> formService.getDeployedStartForm(definitionId)) : Optional.empty();
            }

            public Map<String, Object> existingVariables() {
                return Map.of();
            }
        });
    }

    private boolean hasCamundaStartForm(String definitionId) {
        try {
            var data = formService.getStartFormData(definitionId);
            return data != null && data.getCamundaFormRef() != null;
        } catch (ProcessEngineException e) {
            return false;
        }
    }

    private interface StreamSupplier {
        InputStream get();
    }

    private Optional<JsonNode> read(StreamSupplier supplier) {
        try (InputStream in = supplier.get()) {
            return Optional.ofNullable(json.readTree(in));
        } catch (ProcessEngineException | IOException e) {
            return Optional.empty();
        }
    }

    /** The {@code variables} of a Camunda REST body as plain values; JSON-typed values are parsed. */
    private Map<String, Object> variables(byte[] body) throws IOException {
        Map<String, Object> result = new LinkedHashMap<>();
        if (body.length == 0) {
            return result;
        }
        JsonNode root = json.readTree(body);
        JsonNode variables = root == null ? null : root.path("variables");
        if (variables == null || variables.isMissingNode() || variables.isNull()) {
            return result;
        }
        if (!(variables instanceof ObjectNode)) {
            throw new IllegalArgumentException("variables must be an object");
        }
        var names = variables.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            JsonNode variable = variables.get(name);
            String type = variable.path("type").asText("");
            JsonNode value = variable.path("value");
            if ("object".equalsIgnoreCase(type) || "file".equalsIgnoreCase(type) || "bytes".equalsIgnoreCase(type)) {
                throw new IllegalArgumentException("serialized values are not accepted from forms");
            }
            if ("null".equalsIgnoreCase(type)) {
                // Tasklist sends an empty checklist as type Null with "[]"; a Null with a value the engine cannot store
                if (!value.isMissingNode() && !value.isNull() && !"[]".equals(value.asText()) && !value.asText().isEmpty()) {
                    throw new IllegalArgumentException("a value of type Null");
                }
                result.put(name, null);
            } else if ("json".equalsIgnoreCase(type) && value.isTextual()) {
                result.put(name, json.convertValue(json.readTree(value.asText()), Object.class));
            } else {
                result.put(name, value.isMissingNode() ? null : json.convertValue(value, Object.class));
            }
        }
        return result;
    }

    private String message(String code, Object[] args, Locale locale) {
        return messages.getMessage(code, args, code, locale);
    }

    private static Locale locale(HttpServletRequest request) {
        String header = request.getHeader("Accept-Language");
        return header != null && header.toLowerCase(Locale.ROOT).startsWith("en") ? Locale.ENGLISH
                : Locale.forLanguageTag("hu");
    }

    private void reject(HttpServletResponse response, String field, String message) throws IOException {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        ObjectNode body = json.createObjectNode();
        body.put("type", "FormValidationException");
        body.put("message", message);
        if (field != null) {
            body.put("field", field);
        }
        response.getWriter().write(json.writeValueAsString(body));
    }
}
