package hu.miskolc.fourim.forms;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The rules a deployed Camunda Form (form-js JSON) declares for its fields: the server enforces exactly these,
 * because form-js validates only in the browser.
 */
record FormSchema(String id, List<Field> fields) {

    /** Component types that carry no value. */
    private static final Set<String> DISPLAY_ONLY = Set.of("text", "html", "image", "spacer", "separator", "button",
            "iframe", "table", "documentPreview");

    record Field(String key, String type, String label, boolean required, Double min, Double max, Integer minLength,
                 Integer maxLength, String pattern, String validationType, List<String> values, String hide,
                 boolean readonly, Integer decimalDigits, String subtype, List<Field> children) {

        String displayName() {
            return label == null || label.isBlank() ? key : label;
        }

        boolean isList() {
            return "dynamiclist".equals(type);
        }
    }

    static FormSchema parse(JsonNode form) {
        return new FormSchema(form.path("id").asText(null), fields(form.path("components")));
    }

    private static List<Field> fields(JsonNode components) {
        List<Field> fields = new ArrayList<>();
        for (JsonNode component : components) {
            String type = component.path("type").asText("");
            if (DISPLAY_ONLY.contains(type)) {
                continue;
            }
            if ("group".equals(type) && !component.hasNonNull("path")) {
                fields.addAll(fields(component.path("components")));
                continue;
            }
            String key = component.hasNonNull("key") ? component.get("key").asText()
                    : component.path("path").asText(null);
            if (key == null || key.isBlank()) {
                continue;
            }
            JsonNode validate = component.path("validate");
            List<String> values = new ArrayList<>();
            component.path("values").forEach(v -> values.add(v.path("value").asText()));
            fields.add(new Field(key, type, component.path("label").asText(null),
                    validate.path("required").asBoolean(false),
                    validate.hasNonNull("min") ? validate.get("min").asDouble() : null,
                    validate.hasNonNull("max") ? validate.get("max").asDouble() : null,
                    validate.hasNonNull("minLength") ? validate.get("minLength").asInt() : null,
                    validate.hasNonNull("maxLength") ? validate.get("maxLength").asInt() : null,
                    validate.hasNonNull("pattern") ? validate.get("pattern").asText() : null,
                    validate.hasNonNull("validationType") ? validate.get("validationType").asText() : null,
                    values.isEmpty() && !component.has("values") ? null : values,
                    component.path("conditional").hasNonNull("hide") ? component.path("conditional").get("hide").asText()
                            : null,
                    component.path("readonly").asBoolean(false) || component.path("disabled").asBoolean(false),
                    component.hasNonNull("decimalDigits") ? component.get("decimalDigits").asInt() : null,
                    component.path("subtype").asText(null),
                    "dynamiclist".equals(type) || "group".equals(type) ? fields(component.path("components"))
                            : List.of()));
        }
        return fields;
    }
}
