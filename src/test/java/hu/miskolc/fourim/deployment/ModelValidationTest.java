package hu.miskolc.fourim.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import hu.miskolc.fourim.FourImApplication;
import hu.miskolc.fourim.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Deployments are checked before the engine takes them, from Camunda Modeler (the REST API) and at start-up alike:
 * a refused deployment is a 400 whose message names the file and the element.
 */
@IntegrationTest
class ModelValidationTest {

    private static final String FORM = """
            {"id": "deployment-check-form", "type": "default", "components": [
              {"id": "Field_note", "key": "note", "label": "Megjegyzés", "type": "textfield"}]}
            """;

    @Autowired
    TestRestTemplate rest;
    @Autowired
    DataSource dataSource;

    @Test
    void aUserTaskWithItsFormInTheDeploymentIsAccepted() {
        ResponseEntity<String> response = deploy("manager", null, Map.of(
                "deployment-check.bpmn", process("deployment-check", "P30D",
                        "camunda:formRef=\"deployment-check-form\" camunda:formRefBinding=\"deployment\""),
                "deployment-check.form", FORM));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aFormThatIsNotDeployedWithTheModelIsRefusedNamingFileAndElement() throws IOException {
        ResponseEntity<String> response = deploy("manager", null, Map.of("missing-form.bpmn",
                new ClassPathResource("invalid-models/missing-form.bpmn").getContentAsString(StandardCharsets.UTF_8)));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("ParseException", "missing-form.bpmn", "Task_WithoutDeployedForm",
                "no-such-form", "Include additional files");
    }

    @Test
    void aNonManagerIsRefusedWith403BeforeTheModelIsLookedAt() throws IOException {
        ResponseEntity<String> response = deploy("adviser", null, Map.of("missing-form.bpmn",
                new ClassPathResource("invalid-models/missing-form.bpmn").getContentAsString(StandardCharsets.UTF_8)));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(response.getBody()).doesNotContain("Task_WithoutDeployedForm");
    }

    @Test
    void aFormWithLatestBindingMustBeDeployedAlready() {
        ResponseEntity<String> response = deploy("manager", null, Map.of("latest-form.bpmn",
                process("latest-form-check", "P30D",
                "camunda:formRef=\"never-deployed\" camunda:formRefBinding=\"latest\"")));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("latest-form.bpmn", "Task_Check", "never-deployed");

        ResponseEntity<String> existing = deploy("manager", null, Map.of("latest-form.bpmn",
                process("latest-form-check", "P30D",
                "camunda:formRef=\"intake-consent\" camunda:formRefBinding=\"latest\"")));
        assertThat(existing.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aBpmnThatIsNotWellFormedIsRefusedWith400NamingTheFile() {
        ResponseEntity<String> response = deploy("manager", null, Map.of("broken.bpmn",
                process("broken-check", "P30D", "").replace("</bpmn:process>", "")));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("ParseException", "broken.bpmn", "BPMN");
    }

    @Test
    void aBpmnTheEngineCannotExecuteIsRefusedWith400NamingFileAndElement() {
        String serviceTaskWithoutImplementation = process("unexecutable-check", "P30D", "")
                .replace("<bpmn:userTask id=\"Task_Check\" name=\"Ellenőrzés\" >",
                        "<bpmn:serviceTask id=\"Task_Check\" name=\"Ellenőrzés\">")
                .replace("</bpmn:userTask>", "</bpmn:serviceTask>");
        ResponseEntity<String> response = deploy("manager", null, Map.of("unexecutable.bpmn",
                serviceTaskWithoutImplementation));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("unexecutable.bpmn", "Task_Check");
    }

    @Test
    void aProcessWithoutHistoryTimeToLiveIsRefused() {
        ResponseEntity<String> response = deploy("manager", null, Map.of("no-ttl.bpmn",
                process("no-ttl-check", null, "")));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("no-ttl.bpmn", "no-ttl-check", "historyTimeToLive");
    }

    @Test
    void theMessageIsEnglishWhenAskedFor() {
        ResponseEntity<String> response = deploy("manager", "en", Map.of("no-ttl.bpmn",
                process("no-ttl-check", null, "")));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("The server refused the deployment", "historyTimeToLive is missing");
    }

    @Test
    void aDecisionOfTheContractMustKeepItsInputsAndOutputs() throws IOException {
        String dmn = new ClassPathResource("processes/service-package-assignment.dmn")
                .getContentAsString(StandardCharsets.UTF_8);
        String renamedInput = dmn.replace("assert(familyBarrier, familyBarrier != null",
                "assert(familyProblem, familyProblem != null");
        ResponseEntity<String> response = deploy("manager", null,
                Map.of("service-package-assignment.dmn", renamedInput));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("service-package-assignment.dmn", "Input_FamilyBarrier",
                "familyProblem", "familyBarrier");

        String renamedOutput = dmn.replace("name=\"employmentTrack\"", "name=\"track\"");
        ResponseEntity<String> output = deploy("manager", null,
                Map.of("service-package-assignment.dmn", renamedOutput));
        assertThat(output.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(output.getBody()).contains("Output_EmploymentTrack", "track");
    }

    @Test
    void aDecisionWithoutHistoryTimeToLiveIsRefused() throws IOException {
        String dmn = new ClassPathResource("processes/welfare-indicator.dmn").getContentAsString(StandardCharsets.UTF_8)
                .replace(" camunda:historyTimeToLive=\"P3650D\"", "");
        ResponseEntity<String> response = deploy("manager", null, Map.of("welfare-indicator.dmn", dmn));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("welfare-indicator.dmn", "welfare-indicator", "historyTimeToLive");
    }

    @Test
    void aBrokenModelStopsTheStartUpWithTheSameMessage() {
        HikariDataSource database = (HikariDataSource) dataSource;
        SpringApplicationBuilder server = new SpringApplicationBuilder(FourImApplication.class).profiles("demo", "test");
        Throwable failure = catchThrowable(() -> server.run(
                "--spring.datasource.url=" + database.getJdbcUrl(),
                "--spring.datasource.username=" + database.getUsername(),
                "--spring.datasource.password=" + database.getPassword(),
                "--server.port=0",
                // an engine of its own name (no hyphen allowed), so the shared test server's stays registered
                "--camunda.bpm.process-engine-name=startupcheck",
                "--camunda.bpm.deployment-resource-pattern=classpath*:invalid-models/*.bpmn").close());
        assertThat(failure).rootCause()
                .isInstanceOf(ModelValidationException.class)
                .hasMessageContaining("missing-form.bpmn")
                .hasMessageContaining("Task_WithoutDeployedForm")
                .hasMessageContaining("no-such-form");
    }

    static String process(String key, String historyTimeToLive, String userTaskAttributes) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Check" targetNamespace="t">
                  <bpmn:process id="%s" isExecutable="true" %s>
                    <bpmn:startEvent id="StartEvent_Check"><bpmn:outgoing>Flow_1</bpmn:outgoing></bpmn:startEvent>
                    <bpmn:userTask id="Task_Check" name="Ellenőrzés" %s>
                      <bpmn:incoming>Flow_1</bpmn:incoming><bpmn:outgoing>Flow_2</bpmn:outgoing>
                    </bpmn:userTask>
                    <bpmn:endEvent id="EndEvent_Check"><bpmn:incoming>Flow_2</bpmn:incoming></bpmn:endEvent>
                    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_Check" targetRef="Task_Check" />
                    <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Check" targetRef="EndEvent_Check" />
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(key, historyTimeToLive == null ? ""
                : "camunda:historyTimeToLive=\"" + historyTimeToLive + "\"", userTaskAttributes);
    }

    /** A deployment through the engine's REST API, as Camunda Modeler sends it. */
    ResponseEntity<String> deploy(String user, String language, Map<String, String> files) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("deployment-name", "model-validation-check");
        parts.add("deployment-source", "Camunda Modeler");
        new LinkedHashMap<>(files).forEach((name, content) -> parts.add(name,
                new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
                    @Override
                    public String getFilename() {
                        return name;
                    }
                }));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        if (language != null) {
            headers.set(HttpHeaders.ACCEPT_LANGUAGE, language);
        }
        return rest.withBasicAuth(user, "demo").postForEntity("/engine-rest/deployment/create",
                new HttpEntity<>(parts, headers), String.class);
    }
}
