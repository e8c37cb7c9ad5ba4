package hu.miskolc.fourim.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import hu.miskolc.fourim.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** The KPI arithmetic against hand-computed figures, in districts created only for each test. */
@IntegrationTest
@SuppressWarnings({"rawtypes", "unchecked"})
class KpiSummaryTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;

    KpiFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new KpiFixtures(jdbc);
    }

    @Test
    void aDistrictWithoutDataShowsZerosAndNoRate() {
        String empty = fixtures.district("kpi-empty");
        Map body = summary("coordinator", "?district=" + empty).getBody();

        assertThat(body).containsEntry("participants", 0).containsEntry("readyAtStart", 0)
                .containsEntry("activatedAmongReady", 0).containsEntry("target", 0.8);
        assertThat(body.get("activationRate")).isNull();
        assertThat(body).containsKey("activationRate");
        assertThat((Map<String, Object>) body.get("funnel")).containsEntry("householdsPlanned", 0)
                .containsEntry("consenting", 0).containsEntry("referred", 0).containsEntry("closed", 0);
        Map<String, Map> packages = (Map<String, Map>) body.get("byPackage");
        assertThat(packages).containsOnlyKeys("employment", "education", "living-conditions", "open-door", "motivation");
        assertThat(packages.get("motivation")).containsEntry("referred", 0).containsEntry("acceptanceRate", null);
        assertThat((Map) packages.get("employment").get("tracks")).containsOnlyKeys("full", "home", "reduced");
        Map<String, Map> districts = (Map<String, Map>) body.get("byDistrict");
        assertThat(districts).containsOnlyKeys(empty);
        assertThat(districts.get(empty)).containsEntry("participants", 0).containsEntry("activationRate", null);
    }

    @Test
    void headlineFunnelPackagesAndDistrictsMatchHandComputedFigures() {
        String x = fixtures.district("kpi-x");
        String y = fixtures.district("kpi-y");
        // x, January 2023
        UUID p1 = fixtures.participant(x, "2023-01-05T10:00:00+01:00", true, true, "closed", "employed-full");
        UUID p2 = fixtures.participant(x, "2023-01-06T10:00:00+01:00", true, true, "closed", "in-training");
        UUID p3 = fixtures.participant(x, "2023-01-07T10:00:00+01:00", true, true, "referred", null);
        fixtures.participant(x, "2023-01-08T10:00:00+01:00", true, true, "closed", "dropped-out");
        fixtures.participant(x, "2023-01-09T10:00:00+01:00", true, false, "closed", "closer-to-services");
        UUID p6 = fixtures.participant(x, "2023-01-10T10:00:00+01:00", true, false, "in-service", null);
        fixtures.participant(x, "2023-01-11T10:00:00+01:00", false, null, "no-consent", null);
        // x, March 2023: outside the January filter
        fixtures.participant(x, "2023-03-01T10:00:00+01:00", true, true, "closed", "activated");
        // y: nobody ready at the start
        fixtures.participant(y, "2023-01-05T10:00:00+01:00", true, false, "closed", "closer-to-services");

        // p1 has two packages: counted once in the headline
        fixtures.referral(p1, "employment", "full", "accepted", 10);
        fixtures.referral(p1, "education", null, "accepted", 4);
        fixtures.referral(p3, "employment", "full", "pending", null);
        fixtures.referral(p6, "education", null, "returned-closed", 2);
        fixtures.referral(p6, "education", null, "accepted", 20);
        fixtures.referral(p2, "employment", "home", "returned-closed", 3);

        Map january = summary("manager", "?district=" + x + "&from=2023-01-01&to=2023-01-31").getBody();
        assertThat(january).containsEntry("participants", 6).containsEntry("readyAtStart", 4)
                .containsEntry("activatedAmongReady", 2).containsEntry("activationRate", 0.5)
                .containsEntry("notReadyAtStart", 2).containsEntry("closerAmongOthers", 1)
                .containsEntry("closerRate", 0.5).containsEntry("programmeRate", 0.5);
        assertThat((Map<String, Object>) january.get("funnel")).containsEntry("householdsPlanned", 7)
                .containsEntry("householdsSurveyed", 7).containsEntry("consenting", 6).containsEntry("assessed", 6)
                .containsEntry("referred", 4).containsEntry("accepted", 2).containsEntry("inService", 1)
                .containsEntry("closed", 4);
        assertThat((Map<String, Object>) january.get("outcomes")).containsEntry("employed-full", 1)
                .containsEntry("in-training", 1).containsEntry("dropped-out", 1)
                .containsEntry("closer-to-services", 1).containsEntry("activated", 0);

        Map<String, Map> packages = (Map<String, Map>) january.get("byPackage");
        // employment: p1 accepted (10 days), p3 pending, p2 returned → 3 people, 1 accepted, 1 of 2 decided
        assertThat(packages.get("employment")).containsEntry("referred", 3).containsEntry("acceptedParticipants", 1)
                .containsEntry("acceptanceRate", 0.5).containsEntry("medianDaysToAccepted", 10.0);
        Map<String, Map> tracks = (Map<String, Map>) packages.get("employment").get("tracks");
        assertThat(tracks.get("full")).containsEntry("referred", 2).containsEntry("acceptanceRate", 1.0);
        assertThat(tracks.get("home")).containsEntry("referred", 1).containsEntry("acceptanceRate", 0.0)
                .containsEntry("medianDaysToAccepted", null);
        assertThat(tracks.get("reduced")).containsEntry("referred", 0);
        // education: p1 after 4 days, p6 returned then accepted after 20 days → median 12, 2 of 3 decided
        assertThat(packages.get("education")).containsEntry("referred", 2).containsEntry("acceptedParticipants", 2)
                .containsEntry("acceptanceRate", 0.6667).containsEntry("medianDaysToAccepted", 12.0);
        assertThat(packages.get("open-door")).containsEntry("referred", 0).containsEntry("medianDaysToAccepted", null);

        Map all = summary("council1", "?district=" + x).getBody();
        assertThat(all).containsEntry("participants", 7).containsEntry("readyAtStart", 5)
                .containsEntry("activatedAmongReady", 3).containsEntry("activationRate", 0.6);

        Map noneReady = summary("admin", "?district=" + y).getBody();
        assertThat(noneReady).containsEntry("participants", 1).containsEntry("readyAtStart", 0)
                .containsEntry("activationRate", null).containsEntry("closerRate", 1.0);

        // without a district filter both test districts appear with their own figures
        Map<String, Map> districts = (Map<String, Map>) summary("coordinator", "?from=2023-01-01&to=2023-01-31")
                .getBody().get("byDistrict");
        assertThat(districts.get(x)).containsEntry("participants", 6).containsEntry("activationRate", 0.5)
                .containsEntry("referred", 4).containsEntry("acceptedParticipants", 2);
        assertThat(districts.get(y)).containsEntry("readyAtStart", 0).containsEntry("activationRate", null);
        assertThat(districts).containsKeys("babonyiberc", "tetemvar");
    }

    @Test
    void thePackageFilterSelectsTheParticipantsReferredToThePackage() {
        String z = fixtures.district("kpi-pkg");
        // a has two packages: employment (full, accepted after 10 days) and education (accepted after 4 days)
        UUID a = fixtures.participant(z, "2023-04-03T10:00:00+02:00", true, true, "closed", "employed-full");
        fixtures.referral(a, "employment", "full", "accepted", 10);
        fixtures.referral(a, "education", null, "accepted", 4);
        UUID b = fixtures.participant(z, "2023-04-04T10:00:00+02:00", true, true, "closed", "dropped-out");
        fixtures.referral(b, "employment", "home", "returned-closed", 3);
        UUID c = fixtures.participant(z, "2023-04-05T10:00:00+02:00", true, false, "closed", "closer-to-services");
        fixtures.referral(c, "education", null, "accepted", 6);
        fixtures.participant(z, "2023-04-06T10:00:00+02:00", true, true, "in-service", null);
        UUID e = fixtures.participant(z, "2023-04-07T10:00:00+02:00", true, false, "in-service", null);
        fixtures.referral(e, "living-conditions", null, "pending", null);

        // without the filter: a is one person in the headline and one under each of its two packages
        Map all = summary("coordinator", "?district=" + z).getBody();
        assertThat(all).containsEntry("participants", 5).containsEntry("readyAtStart", 3)
                .containsEntry("activatedAmongReady", 1).containsEntry("activationRate", 0.3333);
        assertThat((Map<String, Object>) all.get("funnel")).containsEntry("referred", 4).containsEntry("accepted", 2);
        Map<String, Map> allPackages = (Map<String, Map>) all.get("byPackage");
        assertThat(allPackages.get("employment")).containsEntry("referred", 2);
        assertThat(allPackages.get("education")).containsEntry("referred", 2);
        assertThat(allPackages.get("living-conditions")).containsEntry("referred", 1);

        // employment: a and b; a still counts once in the headline and once under each of its packages
        Map employment = summary("manager", "?district=" + z + "&package=employment").getBody();
        assertThat(employment).containsEntry("participants", 2).containsEntry("readyAtStart", 2)
                .containsEntry("activatedAmongReady", 1).containsEntry("activationRate", 0.5)
                .containsEntry("notReadyAtStart", 0).containsEntry("closerRate", null)
                .containsEntry("programmeRate", 0.5);
        assertThat((Map<String, Object>) employment.get("funnel")).containsEntry("householdsPlanned", 2)
                .containsEntry("householdsSurveyed", 2).containsEntry("consenting", 2).containsEntry("assessed", 2)
                .containsEntry("referred", 2).containsEntry("accepted", 1).containsEntry("inService", 0)
                .containsEntry("closed", 2);
        assertThat((Map<String, Object>) employment.get("outcomes")).containsEntry("employed-full", 1)
                .containsEntry("dropped-out", 1).containsEntry("closer-to-services", 0);
        Map<String, Map> packages = (Map<String, Map>) employment.get("byPackage");
        assertThat(packages.get("employment")).containsEntry("referred", 2).containsEntry("acceptedParticipants", 1)
                .containsEntry("acceptanceRate", 0.5).containsEntry("medianDaysToAccepted", 10.0);
        Map<String, Map> tracks = (Map<String, Map>) packages.get("employment").get("tracks");
        assertThat(tracks.get("full")).containsEntry("referred", 1).containsEntry("acceptanceRate", 1.0);
        assertThat(tracks.get("home")).containsEntry("referred", 1).containsEntry("acceptanceRate", 0.0);
        assertThat(packages.get("education")).containsEntry("referred", 1).containsEntry("acceptedParticipants", 1)
                .containsEntry("medianDaysToAccepted", 4.0);
        assertThat(packages.get("living-conditions")).containsEntry("referred", 0);
        assertThat((Map<String, Map>) employment.get("byDistrict")).containsOnlyKeys(z);
        assertThat(((Map<String, Map>) employment.get("byDistrict")).get(z)).containsEntry("participants", 2)
                .containsEntry("households", 2).containsEntry("activationRate", 0.5);
        assertThat((Map<String, Object>) employment.get("filter")).containsEntry("package", "employment")
                .containsEntry("track", null).containsEntry("district", z);

        // education: a and c
        Map education = summary("council1", "?district=" + z + "&package=education").getBody();
        assertThat(education).containsEntry("participants", 2).containsEntry("readyAtStart", 1)
                .containsEntry("activatedAmongReady", 1).containsEntry("activationRate", 1.0)
                .containsEntry("notReadyAtStart", 1).containsEntry("closerAmongOthers", 1)
                .containsEntry("programmeRate", 1.0);
        Map<String, Map> educationPackages = (Map<String, Map>) education.get("byPackage");
        assertThat(educationPackages.get("education")).containsEntry("referred", 2)
                .containsEntry("acceptedParticipants", 2).containsEntry("medianDaysToAccepted", 5.0);
        assertThat(educationPackages.get("employment")).containsEntry("referred", 1)
                .containsEntry("acceptedParticipants", 1);

        // an employment track: only b was referred to work from home (the track alone implies employment)
        for (String query : new String[] {"&package=employment&track=home", "&track=home"}) {
            Map home = summary("coordinator", "?district=" + z + query).getBody();
            assertThat(home).as(query).containsEntry("participants", 1).containsEntry("readyAtStart", 1)
                    .containsEntry("activatedAmongReady", 0).containsEntry("activationRate", 0.0);
            assertThat((Map<String, Object>) home.get("filter")).containsEntry("package", "employment")
                    .containsEntry("track", "home");
        }
        // a package nobody here was referred to, combined with the period
        Map none = summary("coordinator", "?district=" + z + "&package=open-door&from=2023-04-01&to=2023-04-30")
                .getBody();
        assertThat(none).containsEntry("participants", 0).containsEntry("activationRate", null);
        assertThat((Map<String, Object>) none.get("funnel")).containsEntry("householdsPlanned", 0);
        Map april4th = summary("coordinator", "?district=" + z + "&package=employment&from=2023-04-04&to=2023-04-04")
                .getBody();
        assertThat(april4th).containsEntry("participants", 1).containsEntry("activatedAmongReady", 0);

        // the export and the welfare indicator take the same filter
        String[] lines = rest.withBasicAuth("coordinator", "demo")
                .getForEntity("/api/kpi/outcomes.csv?district=" + z + "&package=education", String.class).getBody()
                .split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).contains(",2023-04-03,").contains("education;employment");
        assertThat(lines[2]).contains(",2023-04-05,").contains(",closer-to-services,");
        fixtures.welfare(fixtures.householdOf(a), z, 1, 30, "2023-04-03T10:00:00+02:00");
        fixtures.welfare(fixtures.householdOf(b), z, 1, 10, "2023-04-04T10:00:00+02:00");
        fixtures.welfare(fixtures.householdOf(c), z, 1, 70, "2023-04-05T10:00:00+02:00");
        Map welfare = (Map) ((Map) rest.withBasicAuth("coordinator", "demo")
                .getForEntity("/api/kpi/welfare?district=" + z + "&package=education", Map.class).getBody()
                .get("byDistrict")).get(z);
        assertThat(welfare).containsEntry("households", 2).containsEntry("firstAverage", 50.0);
        assertThat((Map) welfare.get("firstSurvey")).containsEntry("20-39", 1).containsEntry("60-79", 1)
                .containsEntry("0-19", 0);
    }

    @Test
    void anUnknownPackageOrTrackIsA400() {
        ResponseEntity<Map> unknown = summary("coordinator", "?package=kertészet");
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) unknown.getBody().get("message")).contains("Ismeretlen szolgáltatási csomag", "kertészet");

        HttpHeaders english = new HttpHeaders();
        english.set("Accept-Language", "en");
        ResponseEntity<Map> inEnglish = rest.withBasicAuth("coordinator", "demo").exchange(
                "/api/kpi/summary?package=Employment", HttpMethod.GET, new HttpEntity<>(english), Map.class);
        assertThat(inEnglish.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) inEnglish.getBody().get("message")).contains("Unknown service package", "Employment");

        ResponseEntity<Map> track = summary("coordinator", "?package=employment&track=part-time");
        assertThat(track.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) track.getBody().get("message")).contains("part-time");
        ResponseEntity<Map> trackOfEducation = summary("coordinator", "?package=education&track=full");
        assertThat(trackOfEducation.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) trackOfEducation.getBody().get("message")).contains("track", "education");

        for (String path : new String[] {"/api/kpi/outcomes.csv", "/api/kpi/welfare", "/api/kpi/late"}) {
            ResponseEntity<String> response = rest.withBasicAuth("coordinator", "demo")
                    .getForEntity(path + "?package=kertészet", String.class);
            assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(response.getBody()).as(path).contains("kertészet");
        }
    }

    @Test
    void invalidFiltersAreA400WithTheReasonInHungarianOrEnglish() {
        ResponseEntity<Map> unknown = summary("coordinator", "?district=atlantisz");
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) unknown.getBody().get("message")).contains("Ismeretlen városrész", "atlantisz");

        HttpHeaders english = new HttpHeaders();
        english.set("Accept-Language", "en");
        ResponseEntity<Map> inEnglish = rest.withBasicAuth("coordinator", "demo").exchange(
                "/api/kpi/summary?from=2023-02-30", HttpMethod.GET, new HttpEntity<>(english), Map.class);
        assertThat(inEnglish.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) inEnglish.getBody().get("message")).contains("\"from\"", "2023-02-30");

        ResponseEntity<Map> reversed = summary("coordinator", "?from=2023-03-01&to=2023-01-01");
        assertThat(reversed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) reversed.getBody().get("message")).contains("későbbi");
        assertThat(summary("coordinator", "?to=tegnap").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void onlyCoordinatorsManagersCouncilAndAdminsSeeTheKpi() {
        assertThat(summary("adviser", "").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(summary("field", "").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.getForEntity("/api/kpi/summary", Map.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.getForEntity("/kpi", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        // (no wrong password for a real user: the engine would delay that user's next logins in other tests)
        assertThat(rest.withBasicAuth("kpi-nobody", "demo").getForEntity("/api/kpi/summary", Map.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        for (String user : new String[] {"coordinator", "manager", "council1", "admin"}) {
            assertThat(summary(user, "").getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
        }
        assertThat(rest.withBasicAuth("adviser", "demo").getForEntity("/api/kpi/outcomes.csv", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void theOutcomeExportIsPseudonymous() {
        String x = fixtures.district("kpi-csv");
        UUID p1 = fixtures.participant(x, "2023-01-05T10:00:00+01:00", true, true, "closed", "employed-home");
        fixtures.referral(p1, "employment", "home", "accepted", 5);
        fixtures.referral(p1, "open-door", null, "accepted", 6);
        fixtures.participant(x, "2023-01-06T10:00:00+01:00", true, false, "in-service", null);
        String caseRef = jdbc.queryForObject("select case_ref from participant where id = ?", String.class, p1);

        ResponseEntity<String> csv = rest.withBasicAuth("coordinator", "demo")
                .getForEntity("/api/kpi/outcomes.csv?district=" + x, String.class);
        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        String[] lines = csv.getBody().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("participant,district,registered");
        assertThat(lines[1]).matches("[0-9a-f]{32}," + x + ",2023-01-05,2023-01-05,true,2023-01-05,2023-01-10,"
                + "employment;open-door,closed,employed-home,true,2023-01-05");
        assertThat(lines[2]).contains(",in-service,,,");
        assertThat(csv.getBody()).doesNotContain(caseRef, "Titkos", p1.toString());
        // the same person has the same pseudonym in the next export
        assertThat(rest.withBasicAuth("manager", "demo").getForEntity("/api/kpi/outcomes.csv?district=" + x,
                String.class).getBody()).isEqualTo(csv.getBody());
    }

    private ResponseEntity<Map> summary(String user, String query) {
        return rest.withBasicAuth(user, "demo").getForEntity("/api/kpi/summary" + query, Map.class);
    }
}
