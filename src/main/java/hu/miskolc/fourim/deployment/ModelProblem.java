package hu.miskolc.fourim.deployment;

import java.util.List;

import org.camunda.bpm.engine.Problem;

/** One reason a deployment is refused: the resource, the element (id) and what is wrong with it. */
public record ModelProblem(String resource, String elementId, String message, int line) implements Problem {

    @Override
    public String getMessage() {
        return message;
    }

    @Override
    public int getLine() {
        return line;
    }

    @Override
    public int getColumn() {
        return 0;
    }

    @Override
    public String getMainElementId() {
        return elementId;
    }

    @Override
    public List<String> getElementIds() {
        return elementId == null ? List.of() : List.of(elementId);
    }
}
