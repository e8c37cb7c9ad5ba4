package hu.miskolc.fourim.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import hu.miskolc.fourim.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

@IntegrationTest
class MailTemplatesTest {

    /** What a worker might type into a form field that ends up in a mail. */
    static final String HOSTILE = "<script>alert('x')</script> & \"Kiss\" <b>Árvíztűrő</b>";

    @Autowired
    MailRenderer renderer;
    @Autowired
    NotificationService notificationService;
    @Autowired
    TasklistLinks links;

    /**
     * Every template, with user-entered text in every text parameter, renders HTML that is well-formed (parsed by a
     * strict XML parser: every element closed, every special character escaped), shows the text as text (never as
     * markup) and links to the task in Tasklist; the plain-text part and the one-line subject carry it too.
     */
    @ParameterizedTest
    @EnumSource(MailTemplate.class)
    void templateRendersValidHtmlWithEscapedUserEnteredText(MailTemplate template) throws Exception {
        Map<String, Object> params = notificationService.normalize(template, hostileParams(template));

        MailRenderer.RenderedMail mail = renderer.render(template, params);

        assertThat(mail.html().toLowerCase(Locale.ROOT)).doesNotContain("<script", "<b>");
        assertThat(mail.html()).contains("&lt;script&gt;");
        Document html = parseStrictly(mail.html());
        Element root = html.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("html");
        assertThat(root.getAttribute("lang")).isEqualTo("hu");
        assertThat(html.getElementsByTagName("title").getLength()).isEqualTo(1);
        assertThat(html.getElementsByTagName("script").getLength()).isZero();
        assertThat(html.getElementsByTagName("b").getLength()).isZero();
        String body = html.getElementsByTagName("body").item(0).getTextContent();
        assertThat(body).contains(HOSTILE).contains("Tisztelt");
        assertThat(hrefs(html)).contains(links.task("task-42"));

        assertThat(mail.text()).contains(HOSTILE).contains(links.task("task-42")).doesNotContain("&lt;", "th:");
        assertThat(mail.subject()).doesNotContain("\n", "\r").isNotBlank();
    }

    @Test
    void parametersOutsideTheTemplateAreRefused() {
        assertThatThrownBy(() -> notificationService.notifyUser("coach", "task-assigned",
                Map.of("taskId", "t1", "lastName", "Kovács"), "test-refused:t1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lastName");
        assertThatThrownBy(() -> notificationService.notifyUser("coach", "no-such-template", Map.of(), "k"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, Object> hostileParams(MailTemplate template) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (String key : template.allowed()) {
            switch (key) {
                case "taskId" -> params.put(key, "task-42");
                case "overdue" -> params.put(key, true);
                case "tasks", "items" -> {
                    List<Map<String, Object>> entries = new ArrayList<>();
                    for (int i = 0; i < 2; i++) {
                        Map<String, Object> entry = new LinkedHashMap<>();
                        for (String inner : template.allowed()) {
                            if (!List.of("tasks", "items", "overdue", "taskId").contains(inner)) {
                                entry.put(inner, HOSTILE);
                            }
                        }
                        entry.put("taskId", "task-42");
                        entries.add(entry);
                    }
                    params.put(key, entries);
                }
                default -> params.put(key, HOSTILE);
            }
        }
        return params;
    }

    private static List<String> hrefs(Document html) {
        NodeList anchors = html.getElementsByTagName("a");
        List<String> result = new ArrayList<>();
        for (int i = 0; i < anchors.getLength(); i++) {
            result.add(((Element) anchors.item(i)).getAttribute("href"));
        }
        return result;
    }

    private static Document parseStrictly(String html) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(null);
        return builder.parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }
}
