package hu.miskolc.fourim.notification;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders the Hungarian mail templates with Thymeleaf: HTML with every value escaped, plain text as is, and a
 * one-line subject. Links to Tasklist are added here, from {@code taskId} values, not stored in the outbox.
 */
@Component
public class MailRenderer {

    private static final Locale HUNGARIAN = Locale.forLanguageTag("hu-HU");
    private static final int MAX_SUBJECT = 200;

    private final SpringTemplateEngine html = engine(TemplateMode.HTML, ".html");
    private final SpringTemplateEngine text = engine(TemplateMode.TEXT, ".txt");
    private final TasklistLinks links;

    MailRenderer(TasklistLinks links) {
        this.links = links;
    }

    public record RenderedMail(String subject, String html, String text) {
    }

    public RenderedMail render(MailTemplate template, Map<String, Object> params) {
        Context context = new Context(HUNGARIAN, withLinks(params));
        String name = "mail/" + template.id();
        return new RenderedMail(subject(template, params), html.process(name, context), text.process(name, context));
    }

    public String subject(MailTemplate template, Map<String, Object> params) {
        String subject = text.process("mail/" + template.id() + ".subject", new Context(HUNGARIAN, params));
        subject = subject.replaceAll("[\\r\\n\\t]+", " ").replaceAll(" {2,}", " ").trim();
        return subject.length() > MAX_SUBJECT ? subject.substring(0, MAX_SUBJECT - 1) + "…" : subject;
    }

    private Map<String, Object> withLinks(Map<String, Object> params) {
        Map<String, Object> variables = new LinkedHashMap<>();
        params.forEach((key, value) -> variables.put(key, linked(value)));
        if (params.get("taskId") instanceof String taskId) {
            variables.put("taskLink", links.task(taskId));
        }
        variables.put("tasklistLink", links.tasklist());
        variables.put("preferencesLink", links.preferences());
        return variables;
    }

    @SuppressWarnings("unchecked")
    private Object linked(Object value) {
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                if (element instanceof Map<?, ?> map) {
                    Map<String, Object> entry = new LinkedHashMap<>((Map<String, Object>) map);
                    if (entry.get("taskId") instanceof String taskId) {
                        entry.put("taskLink", links.task(taskId));
                    }
                    copy.add(entry);
                } else {
                    copy.add(element);
                }
            }
            return copy;
        }
        return value;
    }

    private static SpringTemplateEngine engine(TemplateMode mode, String suffix) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(MailRenderer.class.getClassLoader());
        resolver.setPrefix("templates/");
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCacheable(true);
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        engine.setEnableSpringELCompiler(true);
        return engine;
    }
}
