package hu.miskolc.fourim.forms;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;

/**
 * Checks submitted values against a form's declared rules: required, type, allowed options, number range, text
 * length and pattern, dynamic lists item by item. Fields hidden by the form's own FEEL condition are not required.
 */
final class FormSubmissionValidator {

    /** A text field without a declared maximum still cannot take more than this. */
    static final int DEFAULT_MAX_TEXT = 10_000;
    static final int MAX_LIST_ITEMS = 100;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()/-]{6,20}$");

    record Violation(String field, String code, Object[] args) {
    }

    private final FeelEngineApi feel = FeelEngineBuilder.forJava().build();

    List<Violation> validate(FormSchema schema, Map<String, Object> submitted, Map<String, Object> existing) {
        List<Violation> violations = new ArrayList<>();
        for (String key : submitted.keySet()) {
            if (schema.fields().stream().noneMatch(f -> f.key().equals(key))) {
                violations.add(new Violation(key, "unknown", new Object[] {key}));
            }
        }
        Map<String, Object> context = new HashMap<>(existing);
        context.putAll(submitted);
        validateFields(schema.fields(), submitted, context, existing, "", violations);
        return violations;
    }

    private void validateFields(List<FormSchema.Field> fields, Map<String, Object> values, Map<String, Object> context,
                                Map<String, Object> fallback, String prefix, List<Violation> violations) {
        for (FormSchema.Field field : fields) {
            if (field.readonly() || hidden(field, context)) {
                continue;
            }
            String name = prefix + field.displayName();
            Object value = values.containsKey(field.key()) ? values.get(field.key()) : fallback.get(field.key());
            if (isEmpty(field, value)) {
                if (field.required()) {
                    violations.add(new Violation(name, "required", new Object[] {name}));
                }
                continue;
            }
            validateValue(field, name, value, context, violations);
        }
    }

    @SuppressWarnings("unchecked")
    private void validateValue(FormSchema.Field field, String name, Object value, Map<String, Object> context,
                               List<Violation> violations) {
        switch (field.type()) {
            case "textfield", "textarea" -> {
                if (!(value instanceof String text)) {
                    violations.add(new Violation(name, "type.text", new Object[] {name}));
                    return;
                }
                int max = field.maxLength() != null ? field.maxLength() : DEFAULT_MAX_TEXT;
                if (text.length() > max) {
                    violations.add(new Violation(name, "maxLength", new Object[] {name, max}));
                }
                if (field.minLength() != null && text.length() < field.minLength()) {
                    violations.add(new Violation(name, "minLength", new Object[] {name, field.minLength()}));
                }
                if (field.pattern() != null && !matches(field.pattern(), text)) {
                    violations.add(new Violation(name, "pattern", new Object[] {name}));
                }
                if ("email".equals(field.validationType()) && !EMAIL.matcher(text).matches()
                        || "phone".equals(field.validationType()) && !PHONE.matcher(text).matches()) {
                    violations.add(new Violation(name, "pattern", new Object[] {name}));
                }
            }
            case "number" -> {
                Double number = toNumber(value);
                if (number == null) {
                    violations.add(new Violation(name, "type.number", new Object[] {name}));
                    return;
                }
                if (field.min() != null && number < field.min()) {
                    violations.add(new Violation(name, "min", new Object[] {name, format(field.min())}));
                }
                if (field.max() != null && number > field.max()) {
                    violations.add(new Violation(name, "max", new Object[] {name, format(field.max())}));
                }
                if (field.decimalDigits() != null && field.decimalDigits() == 0 && number % 1 != 0) {
                    violations.add(new Violation(name, "type.integer", new Object[] {name}));
                }
            }
            case "checkbox" -> {
                if (!(value instanceof Boolean)) {
                    violations.add(new Violation(name, "type.boolean", new Object[] {name}));
                }
            }
            case "radio", "select" -> {
                if (!(value instanceof String choice)) {
                    violations.add(new Violation(name, "type.choice", new Object[] {name}));
                } else if (field.values() != null && !field.values().contains(choice)) {
                    violations.add(new Violation(name, "choice", new Object[] {name, choice}));
                }
            }
            case "checklist", "taglist" -> {
                if (!(value instanceof Collection<?> items)) {
                    violations.add(new Violation(name, "type.list", new Object[] {name}));
                    return;
                }
                for (Object item : items) {
                    if (!(item instanceof String s) || field.values() != null && !field.values().contains(s)) {
                        violations.add(new Violation(name, "choice", new Object[] {name, String.valueOf(item)}));
                    }
                }
            }
            case "datetime" -> {
                if (!(value instanceof String text) || !validDateTime(field.subtype(), text)) {
                    violations.add(new Violation(name, "type.date", new Object[] {name}));
                }
            }
            case "dynamiclist" -> {
                if (!(value instanceof List<?> items)) {
                    violations.add(new Violation(name, "type.list", new Object[] {name}));
                    return;
                }
                if (items.size() > MAX_LIST_ITEMS) {
                    violations.add(new Violation(name, "maxItems", new Object[] {name, MAX_LIST_ITEMS}));
                    return;
                }
                int index = 1;
                for (Object item : items) {
                    String itemName = name + " #" + index++;
                    if (!(item instanceof Map<?, ?> map)) {
                        violations.add(new Violation(itemName, "type.list", new Object[] {itemName}));
                        continue;
                    }
                    Map<String, Object> itemValues = (Map<String, Object>) map;
                    for (String key : itemValues.keySet()) {
                        if (field.children().stream().noneMatch(c -> c.key().equals(key))) {
                            violations.add(new Violation(itemName, "unknown", new Object[] {itemName + " / " + key}));
                        }
                    }
                    Map<String, Object> itemContext = new HashMap<>(context);
                    itemContext.putAll(itemValues);
                    validateFields(field.children(), itemValues, itemContext, Map.of(), itemName + " – ", violations);
                }
            }
            default -> {
                if (value instanceof String text && text.length() > DEFAULT_MAX_TEXT) {
                    violations.add(new Violation(name, "maxLength", new Object[] {name, DEFAULT_MAX_TEXT}));
                }
            }
        }
    }

    private boolean hidden(FormSchema.Field field, Map<String, Object> context) {
        if (field.hide() == null) {
            return false;
        }
        String expression = field.hide().startsWith("=") ? field.hide().substring(1) : field.hide();
        EvaluationResult result = feel.evaluateExpression(expression, context);
        return result.isSuccess() && Boolean.TRUE.equals(result.result());
    }

    private static boolean isEmpty(FormSchema.Field field, Object value) {
        if (value == null || value instanceof String s && s.isEmpty()) {
            return true;
        }
        if ("checkbox".equals(field.type())) {
            return !Boolean.TRUE.equals(value); // a required checkbox must be ticked
        }
        return value instanceof Collection<?> c && c.isEmpty();
    }

    private static boolean matches(String pattern, String text) {
        try {
            return Pattern.compile(pattern).matcher(text).matches();
        } catch (PatternSyntaxException e) {
            return true; // a broken pattern in a form is the modeller's error, not the user's
        }
    }

    private static Double toNumber(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static boolean validDateTime(String subtype, String text) {
        try {
            switch (subtype == null ? "date" : subtype) {
                case "time" -> LocalTime.parse(text.length() > 8 ? text.substring(0, 8) : text);
                case "datetime" -> OffsetDateTime.parse(text);
                default -> LocalDate.parse(text);
            }
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String format(double number) {
        return number % 1 == 0 ? Long.toString((long) number) : Double.toString(number);
    }
}
