package hu.miskolc.fourim.deployment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.CamundaFormDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.Output;
import org.springframework.context.MessageSource;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Checks every new deployment before the engine deploys it — from Camunda Modeler, the REST API or the start-up
 * auto-deployment alike — and refuses it with a {@link ModelValidationException} naming the file and the element:
 * BPMN/DMN that does not parse, an executable process or decision without {@code historyTimeToLive}, a form
 * reference that cannot be resolved (binding {@code deployment}: a {@code .form} with that id in the same
 * deployment; {@code latest}/{@code version}: such a form deployed already or in this deployment), and the decisions
 * of the public contract ({@link DecisionContract}) changing their inputs, outputs or hit policy.
 */
class ModelValidator implements Deployer {

    static final Locale HUNGARIAN = Locale.forLanguageTag("hu");

    private static final Pattern HISTORY_TIME_TO_LIVE = Pattern.compile("\\d+|P\\d+D");
    private static final Pattern PLAIN_NAME = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*");
    private static final Pattern ASSERT_CALL = Pattern.compile("\\s*assert\\s*\\(\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*,.*",
            Pattern.DOTALL);
    private static final String FORM_KEY_IN_DEPLOYMENT = "camunda-forms:deployment:";

    private final MessageSource messages;
    private final ObjectMapper json = new ObjectMapper();

    ModelValidator(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    public void deploy(DeploymentEntity deployment) {
        if (!deployment.isNew()) {
            return; // the deployment cache re-reading an accepted deployment
        }
        List<ModelProblem> problems = validate(deployment, locale());
        if (!problems.isEmpty()) {
            throw new ModelValidationException(summary(problems, locale()), problems);
        }
    }

    List<ModelProblem> validate(DeploymentEntity deployment, Locale locale) {
        Check check = new Check(deployment, locale);
        Map<String, ResourceEntity> resources = deployment.getResources() == null ? Map.of()
                : deployment.getResources();
        resources.values().stream().filter(r -> r.getName().endsWith(".form")).forEach(check::form);
        resources.values().stream().filter(r -> isBpmn(r.getName())).forEach(check::bpmn);
        resources.values().stream().filter(r -> isDmn(r.getName())).forEach(check::dmn);
        return check.problems;
    }

    String summary(List<ModelProblem> problems, Locale locale) {
        StringBuilder text = new StringBuilder(messages.getMessage("deploy.refused", null, locale));
        for (ModelProblem problem : problems) {
            text.append("\n* ").append(problem.elementId() == null
                    ? messages.getMessage("deploy.problem.file", new Object[] {problem.resource(), problem.message()},
                    locale)
                    : messages.getMessage("deploy.problem", new Object[] {problem.resource(), problem.elementId(),
                    problem.message()}, locale));
        }
        return text.toString();
    }

    private static boolean isBpmn(String name) {
        return name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml");
    }

    private static boolean isDmn(String name) {
        return name.endsWith(".dmn") || name.endsWith(".dmn11.xml");
    }

    /** Hungarian, unless the request (a deployment through the REST API) asks for English. */
    static Locale locale() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            String header = servlet.getRequest().getHeader("Accept-Language");
            if (header != null && header.toLowerCase(Locale.ROOT).startsWith("en")) {
                return Locale.ENGLISH;
            }
        }
        return HUNGARIAN;
    }

    /** The problems of one deployment. */
    private final class Check {

        final DeploymentEntity deployment;
        final Locale locale;
        final List<ModelProblem> problems = new ArrayList<>();
        final Map<String, String> formIds = new HashMap<>();
        final Map<String, String> processKeys = new HashMap<>();
        final Map<String, String> decisionKeys = new HashMap<>();

        Check(DeploymentEntity deployment, Locale locale) {
            this.deployment = deployment;
            this.locale = locale;
        }

        void form(ResourceEntity resource) {
            String id = null;
            try {
                JsonNode form = json.readTree(resource.getBytes());
                id = form == null ? null : form.path("id").asText(null);
            } catch (IOException e) {
                // reported below
            }
            if (id == null || id.isBlank()) {
                problem(resource, null, "deploy.form.invalid");
            } else if (formIds.putIfAbsent(id, resource.getName()) != null) {
                problem(resource, id, "deploy.duplicateKey", id);
            }
        }

        void bpmn(ResourceEntity resource) {
            BpmnModelInstance model;
            try {
                model = Bpmn.readModelFromStream(new ByteArrayInputStream(resource.getBytes()));
            } catch (RuntimeException e) {
                problem(resource, null, "deploy.xml.invalid", "BPMN", rootMessage(e));
                return;
            }
            for (Process process : model.getModelElementsByType(Process.class)) {
                if (!process.isExecutable()) {
                    continue;
                }
                if (processKeys.putIfAbsent(process.getId(), resource.getName()) != null) {
                    problem(resource, process.getId(), "deploy.duplicateKey", process.getId());
                }
                historyTimeToLive(resource, process.getId(), process.getCamundaHistoryTimeToLiveString());
            }
            for (UserTask task : model.getModelElementsByType(UserTask.class)) {
                formReference(resource, task.getId(), task.getCamundaFormRef(), task.getCamundaFormRefBinding(),
                        task.getCamundaFormRefVersion(), task.getCamundaFormKey());
            }
            for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
                formReference(resource, start.getId(), start.getCamundaFormRef(), start.getCamundaFormRefBinding(),
                        start.getCamundaFormRefVersion(), start.getCamundaFormKey());
            }
        }

        void dmn(ResourceEntity resource) {
            DmnModelInstance model;
            try {
                model = Dmn.readModelFromStream(new ByteArrayInputStream(resource.getBytes()));
                Context.getProcessEngineConfiguration().getDmnEngineConfiguration().getTransformer()
                        .createTransform().modelInstance(model).transformDecisionRequirementsGraph();
            } catch (RuntimeException e) {
                problem(resource, null, "deploy.xml.invalid", "DMN", rootMessage(e));
                return;
            }
            for (Decision decision : model.getModelElementsByType(Decision.class)) {
                if (decisionKeys.putIfAbsent(decision.getId(), resource.getName()) != null) {
                    problem(resource, decision.getId(), "deploy.duplicateKey", decision.getId());
                }
                historyTimeToLive(resource, decision.getId(), decision.getCamundaHistoryTimeToLiveString());
                DecisionContract contract = DecisionContract.ALL.get(decision.getId());
                if (contract != null) {
                    contract(resource, decision, contract);
                }
            }
        }

        private void historyTimeToLive(ResourceEntity resource, String elementId, String value) {
            if (value == null || value.isBlank()) {
                problem(resource, elementId, "deploy.historyTimeToLive.missing");
            } else if (!HISTORY_TIME_TO_LIVE.matcher(value.trim()).matches()) {
                problem(resource, elementId, "deploy.historyTimeToLive.invalid", value);
            }
        }

        private void formReference(ResourceEntity resource, String elementId, String formRef, String binding,
                                   String version, String formKey) {
            // without a binding the engine's own parser refuses the element
            if (formRef != null && !formRef.isBlank() && !isExpression(formRef) && binding != null) {
                switch (binding) {
                    case "deployment" -> {
                        if (!formIds.containsKey(formRef)) {
                            problem(resource, elementId, "deploy.form.notInDeployment", formRef);
                        }
                    }
                    case "latest" -> {
                        if (!formIds.containsKey(formRef) && deployedForm(formRef, null) == null) {
                            problem(resource, elementId, "deploy.form.notDeployed", formRef);
                        }
                    }
                    case "version" -> {
                        if (version != null && !isExpression(version) && !formIds.containsKey(formRef)
                                && deployedForm(formRef, parseVersion(version)) == null) {
                            problem(resource, elementId, "deploy.form.versionNotDeployed", formRef, version);
                        }
                    }
                    default -> {
                        // versionTag: resolved by the engine at run time
                    }
                }
            }
            if (formKey != null && formKey.startsWith(FORM_KEY_IN_DEPLOYMENT)) {
                String file = formKey.substring(FORM_KEY_IN_DEPLOYMENT.length());
                boolean present = deployment.getResources().keySet().stream()
                        .anyMatch(name -> name.equals(file) || name.endsWith("/" + file));
                if (!present && !isExpression(file)) {
                    problem(resource, elementId, "deploy.form.fileNotInDeployment", file);
                }
            }
        }

        private CamundaFormDefinitionEntity deployedForm(String key, Integer version) {
            if (version == null) {
                return Context.getCommandContext().getCamundaFormDefinitionManager()
                        .findLatestDefinitionByKeyAndTenantId(key, deployment.getTenantId());
            }
            return Context.getCommandContext().getCamundaFormDefinitionManager()
                    .findDefinitionByKeyVersionAndTenantId(key, version, deployment.getTenantId());
        }

        private void contract(ResourceEntity resource, Decision decision, DecisionContract contract) {
            if (!(decision.getExpression() instanceof DecisionTable table)) {
                problem(resource, decision.getId(), "deploy.dmn.notTable", decision.getId());
                return;
            }
            String hitPolicy = (table.getHitPolicy() == null ? HitPolicy.UNIQUE : table.getHitPolicy()).name();
            String aggregation = table.getAggregation() == null ? null : table.getAggregation().name();
            if (!contract.hitPolicy().equals(hitPolicy) || !Objects.equals(contract.aggregation(), aggregation)) {
                problem(resource, table.getId(), "deploy.dmn.hitPolicy", decision.getId(),
                        hitPolicy + (aggregation == null ? "" : " " + aggregation),
                        contract.hitPolicy() + (contract.aggregation() == null ? "" : " " + contract.aggregation()));
            }
            Set<String> seen = new LinkedHashSet<>();
            for (Input input : table.getInputs()) {
                String text = input.getInputExpression() == null || input.getInputExpression().getText() == null
                        ? null : input.getInputExpression().getText().getTextContent();
                String variable = referencedVariable(text);
                if (variable == null) {
                    problem(resource, input.getId(), "deploy.dmn.inputExpression", decision.getId());
                } else if (!contract.inputs().containsKey(variable)) {
                    problem(resource, input.getId(), "deploy.dmn.inputUnexpected", variable, decision.getId(),
                            String.join(", ", contract.inputs().keySet()));
                } else {
                    seen.add(variable);
                    String type = input.getInputExpression().getTypeRef();
                    if (!contract.inputs().get(variable).equals(type)) {
                        problem(resource, input.getId(), "deploy.dmn.inputType", variable, type,
                                contract.inputs().get(variable));
                    }
                }
            }
            for (String variable : contract.inputs().keySet()) {
                if (!seen.contains(variable)) {
                    problem(resource, decision.getId(), "deploy.dmn.inputMissing", decision.getId(), variable);
                }
            }
            Map<String, Output> outputs = new LinkedHashMap<>();
            for (Output output : table.getOutputs()) {
                if (!contract.outputs().containsKey(output.getName())) {
                    problem(resource, output.getId(), "deploy.dmn.outputUnexpected", output.getName(),
                            decision.getId(), String.join(", ", contract.outputs().keySet()));
                } else {
                    outputs.put(output.getName(), output);
                    if (!contract.outputs().get(output.getName()).equals(output.getTypeRef())) {
                        problem(resource, output.getId(), "deploy.dmn.outputType", output.getName(),
                                output.getTypeRef(), contract.outputs().get(output.getName()));
                    }
                }
            }
            for (String name : contract.outputs().keySet()) {
                if (!outputs.containsKey(name)) {
                    problem(resource, decision.getId(), "deploy.dmn.outputMissing", decision.getId(), name);
                }
            }
        }

        private void problem(ResourceEntity resource, String elementId, String code, Object... args) {
            String message = messages.getMessage(code, args, code, locale);
            problems.add(new ModelProblem(resource.getName(), elementId, message, lineOf(resource, elementId)));
        }
    }

    /** The variable an input expression reads: a plain name or the first argument of FEEL {@code assert(…)}. */
    static String referencedVariable(String expression) {
        if (expression == null) {
            return null;
        }
        Matcher plain = PLAIN_NAME.matcher(expression);
        if (plain.matches()) {
            return plain.group(1);
        }
        Matcher assertion = ASSERT_CALL.matcher(expression);
        return assertion.matches() ? assertion.group(1) : null;
    }

    private static boolean isExpression(String value) {
        return value.contains("${") || value.contains("#{");
    }

    private static Integer parseVersion(String version) {
        try {
            return Integer.valueOf(version.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(": ").append(cause.getMessage());
            }
            if (cause instanceof org.xml.sax.SAXParseException sax) {
                text.append(" (").append(sax.getLineNumber()).append(":").append(sax.getColumnNumber())
                        .append(")");
            }
        }
        return text.toString();
    }

    /** Line of the element's {@code id="…"} in the file, 0 when unknown (good enough for Modeler's problem list). */
    private static int lineOf(ResourceEntity resource, String elementId) {
        if (elementId == null) {
            return 0;
        }
        String text = new String(resource.getBytes(), StandardCharsets.UTF_8);
        int index = text.indexOf(" id=\"" + elementId + "\"");
        if (index < 0) {
            return 0;
        }
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
