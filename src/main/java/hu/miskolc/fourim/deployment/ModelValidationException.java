package hu.miskolc.fourim.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.ResourceReport;

/**
 * A refused deployment. A {@link ParseException}, so the engine's REST API answers 400 with the problems per
 * resource in {@code details} (Camunda Modeler shows them), and the start-up auto-deployment fails with the same
 * message.
 */
public class ModelValidationException extends ParseException {

    private final List<ModelProblem> problems;

    ModelValidationException(String message, List<ModelProblem> problems) {
        super(message, problems.get(0).resource(), List.copyOf(problems.stream()
                .filter(p -> p.resource().equals(problems.get(0).resource())).toList()), List.of());
        this.problems = List.copyOf(problems);
        Map<String, List<Problem>> byResource = new LinkedHashMap<>();
        for (ModelProblem problem : problems) {
            byResource.computeIfAbsent(problem.resource(), r -> new ArrayList<>()).add(problem);
        }
        resorceReports = new ArrayList<>();
        byResource.forEach((resource, errors) -> resorceReports.add(new Report(resource, errors)));
    }

    public List<ModelProblem> getProblems() {
        return problems;
    }

    private record Report(String resource, List<Problem> errors) implements ResourceReport {

        @Override
        public String getResourceName() {
            return resource;
        }

        @Override
        public List<Problem> getErrors() {
            return errors;
        }

        @Override
        public List<Problem> getWarnings() {
            return List.of();
        }
    }
}
