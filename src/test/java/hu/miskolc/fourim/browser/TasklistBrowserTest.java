package hu.miskolc.fourim.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import hu.miskolc.fourim.IntegrationTest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A field assistant opens Tasklist in a real browser: Hungarian labels, and the Hungarian Camunda Forms render. */
@IntegrationTest
class TasklistBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    HistoryService historyService;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void tasklistIsHungarianAndTheSurveyFormsRender() throws Exception {
        String address = "Böngésző utca " + UUID.randomUUID();
        ProcessInstance survey = runtimeService.startProcessInstanceByKey("household-survey",
                Map.of("districtCode", "babonyiberc", "address", address,
                        "plannedVisitNote", "Délután négy után érdemes menni."));
        String visit = taskService.createTaskQuery().processInstanceId(survey.getId()).singleResult().getId();

        try (Browser browser = new Browser("hu")) {
            browser.open("http://localhost:" + port + "/camunda/app/tasklist/default/");
            browser.awaitText("Bejelentkezés");
            assertThat(browser.pageText()).contains("A dátumok és időpontok helyi időzóna szerint jelennek meg", "Működteti");
            browser.screenshot("tasklist-login-hu");
            browser.login("field", "demo");

            // the field assistant claims the visit and completes it with the Hungarian form
            browser.open("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + visit);
            browser.awaitText("A látogatás eredménye");
            assertThat(browser.pageText()).contains("Családlátogatás", "Nem volt otthon senki", address,
                    "Megjegyzés a látogatáshoz: Délután négy után érdemes menni.");
            browser.clickButton("Magamhoz veszem");
            browser.pick("Felmérés elkészült (a háztartás fogadott)");
            browser.screenshot("tasklist-household-visit");
            browser.clickButton("Befejezés");
            await(() -> taskService.createTaskQuery().taskId(visit).count() == 0, browser);

            // the survey with the dynamic member list, filled and submitted as a field assistant would
            String fill = taskService.createTaskQuery().processInstanceId(survey.getId()).singleResult().getId();
            browser.open("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + fill);
            browser.awaitText("Lakhatás jogcíme");
            browser.clickButton("Magamhoz veszem");
            browser.choose("Lakhatás jogcíme", "Önkormányzati bérlakás");
            browser.choose("Közművek", "Részben");
            browser.type("Szobák száma", "2");
            browser.type("Havi nettó jövedelem", "120000");
            browser.screenshot("tasklist-household-survey");
            browser.clickButton("Befejezés");
            await(() -> taskService.createTaskQuery().taskId(fill).count() == 0, browser);

            // then each member on its own form (a dynamic list is not reliable in Tasklist 7.24's form-js)
            String member = taskService.createTaskQuery().processInstanceId(survey.getId()).singleResult().getId();
            browser.open("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + member);
            browser.awaitText("Háztartástag rögzítése");
            browser.clickButton("Magamhoz veszem");
            browser.type("Utónév", "Anna");
            browser.type("Születési év", "1980");
            browser.choose("Kapcsolat a háztartásfővel", "Háztartásfő");
            browser.choose("Legmagasabb iskolai végzettség", "Általános iskola (8 osztály)");
            browser.choose("Munkaerőpiaci helyzet", "Munkanélküli");
            browser.choose("Munkaképesség", "Teljes");
            browser.tick("Van lakcímkártyája");
            browser.tick("Van TAJ-kártyája");
            browser.tick("18–64 éves");
            browser.pick("Családi pótlék");
            browser.screenshot("tasklist-household-member");
            assertThat(browser.formErrors()).as("validation messages in the browser").isEmpty();
            browser.clickButton("Befejezés");
            await(() -> taskService.createTaskQuery().taskId(member).count() == 0, browser);
        }
        // what the browser submitted passed the server's form validation and reached our tables
        Object journeys = historyService.createHistoricVariableInstanceQuery().processInstanceId(survey.getId())
                .variableName("journeysStarted").singleResult().getValue();
        assertThat(journeys).isEqualTo(1);
        assertThat(jdbc.queryForObject("select income_sources from household_member m join household h "
                + "on h.id = m.household_id where h.address = ?", String.class, address)).isEqualTo("family-allowance");
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(survey.getId())
                .variableName("welfareScore").singleResult().getValue()).isNotNull();
    }

    /** Waits for the submission to reach the engine; on timeout the message Tasklist shows is the failure. */
    static void await(java.util.function.BooleanSupplier condition, Browser browser) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                browser.screenshot("submission-failed");
                throw new AssertionError("the submission did not complete; Tasklist shows: " + browser.pageText());
            }
            Thread.sleep(200);
        }
    }
}
