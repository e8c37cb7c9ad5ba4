package hu.miskolc.fourim.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import hu.miskolc.fourim.IntegrationTest;
import hu.miskolc.fourim.browser.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The dashboard in headless chromium, on its own page (/kpi, HTTP Basic) and inside Cockpit (the Cockpit login): the
 * headline shown is the API's, charts are drawn, the package filter applies.
 */
@IntegrationTest
@SuppressWarnings({"rawtypes"})
class KpiDashboardBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theCoordinatorSeesTheApisHeadlineNumbers() throws Exception {
        KpiFixtures fixtures = new KpiFixtures(jdbc);
        String district = fixtures.district("kpi-page");
        UUID ready = fixtures.participant(district, "2023-02-01T10:00:00+01:00", true, true, "closed", "employed-full");
        fixtures.referral(ready, "employment", "full", "accepted", 7);
        fixtures.participant(district, "2023-02-02T10:00:00+01:00", true, true, "in-service", null);
        fixtures.participant(district, "2023-02-03T10:00:00+01:00", true, true, "closed", "dropped-out");
        fixtures.participant(district, "2023-02-04T10:00:00+01:00", true, false, "closed", "closer-to-services");
        Map api = summary("?district=" + district);

        try (Browser browser = new Browser("hu")) {
            // HTTP Basic as the browser sends it after its login prompt (a prompt cannot be typed into headless)
            ((ChromeDriver) browser.driver()).executeCdpCommand("Network.enable", Map.of());
            ((ChromeDriver) browser.driver()).executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers",
                    Map.of("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString("coordinator:demo".getBytes(StandardCharsets.UTF_8)))));
            browser.open("http://localhost:" + port + "/kpi?district=" + district);
            awaitLoaded(browser);
            browser.screenshot("kpi-dashboard");

            assertThat(browser.pageText()).contains("4IM programmutatók", "Szolgáltatási csomagok", "Városrészek",
                    "Foglalkoztatás", "Ami most késik", "Jóléti mutató");
            assertThat(text(browser, "participants")).isEqualTo(api.get("participants").toString()).isEqualTo("4");
            assertThat(text(browser, "readyAtStart")).isEqualTo(api.get("readyAtStart").toString());
            assertThat(text(browser, "activatedAmongReady")).isEqualTo(api.get("activatedAmongReady").toString());
            assertThat(text(browser, "activationRate")).isEqualTo(percent((Number) api.get("activationRate")))
                    .isEqualTo("33,3 %");
            assertThat(text(browser, "target")).isEqualTo("80,0 %");
            assertThat(text(browser, "closerRate")).isEqualTo(percent((Number) api.get("closerRate")));
            assertThat(charts(browser)).isEqualTo(4);
            Object overflow = ((ChromeDriver) browser.driver()).executeScript(
                    "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
            assertThat(overflow).as("no horizontal scrolling on a laptop-wide window").isEqualTo(false);

            // the package filter, also kept in the page's address
            new Select(browser.driver().findElement(By.id("kpi-package"))).selectByValue("employment");
            browser.click(browser.driver().findElement(By.id("kpi-apply")));
            awaitText(browser, "participants", "1");
            awaitLoaded(browser);
            assertThat(browser.driver().getCurrentUrl()).endsWith("/kpi?district=" + district + "&package=employment");
            assertThat(text(browser, "activationRate")).isEqualTo("100,0 %");
            browser.click(browser.driver().findElement(By.id("kpi-late")));
            browser.screenshot("kpi-dashboard-late-and-welfare");
        }
    }

    @Test
    void theCoordinatorOpensTheKpiInCockpitWithTheCockpitLogin() throws Exception {
        KpiFixtures fixtures = new KpiFixtures(jdbc);
        String district = fixtures.district("kpi-cockpit");
        UUID both = fixtures.participant(district, "2023-03-01T10:00:00+01:00", true, true, "closed", "employed-home");
        fixtures.referral(both, "employment", "home", "accepted", 5);
        fixtures.referral(both, "education", null, "accepted", 8);
        UUID training = fixtures.participant(district, "2023-03-02T10:00:00+01:00", true, true, "closed",
                "in-training");
        fixtures.referral(training, "education", null, "accepted", 3);
        UUID dropped = fixtures.participant(district, "2023-03-03T10:00:00+01:00", true, true, "closed",
                "dropped-out");
        fixtures.referral(dropped, "employment", "full", "returned-closed", 2);
        fixtures.participant(district, "2023-03-04T10:00:00+01:00", true, false, "in-service", null);
        Map api = summary("?district=" + district);
        Map education = summary("?district=" + district + "&package=education");
        assertThat(api.get("participants")).isEqualTo(4);
        assertThat(education.get("participants")).isEqualTo(2);

        try (Browser browser = new Browser("hu")) {
            browser.open("http://localhost:" + port + "/camunda/app/cockpit/default/");
            browser.awaitText("Bejelentkezés");
            browser.login("coordinator", "demo");
            browser.click(browser.await(By.xpath("//a[normalize-space(.)='Programmutatók']")));
            awaitLoaded(browser);
            assertThat(browser.driver().getCurrentUrl()).endsWith("/camunda/app/cockpit/default/#/kpi");
            assertThat(browser.pageText()).contains("4IM programmutatók", "Szolgáltatási csomagok", "Városrészek",
                    "Ami most késik", "Jóléti mutató", "Programmutatók");
            assertThat(charts(browser)).as("Chart.js drew the charts inside Cockpit").isEqualTo(4);

            new Select(browser.driver().findElement(By.id("kpi-district"))).selectByValue(district);
            browser.click(browser.driver().findElement(By.id("kpi-apply")));
            awaitText(browser, "participants", api.get("participants").toString());
            awaitLoaded(browser);
            assertHeadline(browser, api);

            new Select(browser.driver().findElement(By.id("kpi-package"))).selectByValue("education");
            browser.click(browser.driver().findElement(By.id("kpi-apply")));
            awaitText(browser, "participants", education.get("participants").toString());
            awaitLoaded(browser);
            assertHeadline(browser, education);
            assertThat(text(browser, "activationRate")).isEqualTo("100,0 %");
            assertThat(browser.driver().findElement(By.id("kpi-csv")).getAttribute("href"))
                    .endsWith("/api/kpi/outcomes.csv?district=" + district + "&package=education");
            browser.screenshot("kpi-cockpit");
        }
    }

    private Map summary(String query) {
        return rest.withBasicAuth("coordinator", "demo").getForEntity("/api/kpi/summary" + query, Map.class)
                .getBody();
    }

    private static void assertHeadline(Browser browser, Map api) {
        assertThat(text(browser, "participants")).isEqualTo(api.get("participants").toString());
        assertThat(text(browser, "readyAtStart")).isEqualTo(api.get("readyAtStart").toString());
        assertThat(text(browser, "activatedAmongReady")).isEqualTo(api.get("activatedAmongReady").toString());
        assertThat(text(browser, "activationRate")).isEqualTo(percent((Number) api.get("activationRate")));
        assertThat(text(browser, "closerAmongOthers")).isEqualTo(api.get("closerAmongOthers").toString());
        assertThat(text(browser, "notReadyAtStart")).isEqualTo(api.get("notReadyAtStart").toString());
    }

    private static void awaitLoaded(Browser browser) {
        browser.await(By.cssSelector(".kpi-dashboard[data-loaded=true]"));
    }

    private static void awaitText(Browser browser, String id, String text) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                .until(d -> text.equals(d.findElement(By.id("kpi-" + id)).getText()));
    }

    private static int charts(Browser browser) {
        return ((Number) ((ChromeDriver) browser.driver())
                .executeScript("return Object.keys(Chart.instances).length")).intValue();
    }

    private static String text(Browser browser, String id) {
        return browser.driver().findElement(By.id("kpi-" + id)).getText();
    }

    private static String percent(Number rate) {
        return rate == null ? "–"
                : String.format(Locale.forLanguageTag("hu"), "%.1f %%", rate.doubleValue() * 100).replace('\u00a0', ' ');
    }
}
