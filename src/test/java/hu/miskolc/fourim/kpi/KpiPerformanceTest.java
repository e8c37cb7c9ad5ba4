package hu.miskolc.fourim.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import hu.miskolc.fourim.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The summary at a million participants (opt-in, it loads for minutes: {@code ./mvnw test -Dtest=KpiPerformanceTest
 * -Dkpi.perf=true}, alone: the rows are left in the test database, which is wiped when the next test JVM starts;
 * {@code -Dkpi.perf.participants=200000} for a quicker run).
 */
@IntegrationTest
@EnabledIfSystemProperty(named = "kpi.perf", matches = "true")
@SuppressWarnings("rawtypes")
class KpiPerformanceTest {

    static final int N = Integer.getInteger("kpi.perf.participants", 1_000_000);

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theSummaryStaysFastAtAMillionParticipants() {
        String[] districts = new String[4];
        for (int i = 0; i < districts.length; i++) {
            districts[i] = new KpiFixtures(jdbc).district("kpi-perf");
        }
        String list = "array['" + String.join("','", districts) + "']";
        {
            long start = System.currentTimeMillis();
            jdbc.execute("insert into household (id, case_ref, district_code, address, address_key, status, survey_round, "
                    + "created_at, surveyed_at) select md5('h' || g)::uuid, 'P' || g, (" + list + ")[1 + g % 4], "
                    + "'Perf ' || g, 'perf ' || g, 'surveyed', 1, now() - (g % 900) * interval '1 day', "
                    + "now() - (g % 900) * interval '1 day' from generate_series(1, " + N + ") g");
            jdbc.execute("insert into household_member (id, household_id, district_code, member_no, birth_year, relation, "
                    + "schooling, employment_status, work_capacity, health_limits, has_address_card, has_taj_card, "
                    + "agrees_to_contact, survey_round) select md5('m' || g)::uuid, md5('h' || g)::uuid, "
                    + "(" + list + ")[1 + g % 4], 1, 1980, 'head', 'primary', 'unemployed', 'full', false, true, true, "
                    + "true, 1 from generate_series(1, " + N + ") g");
            jdbc.execute("insert into participant (id, case_ref, member_id, household_id, district_code, status, "
                    + "consent_at, ready_at_start, outcome, created_at, assessed_at, first_accepted_at, closed_at) "
                    + "select md5('p' || g)::uuid, 'P' || g || '-1', md5('m' || g)::uuid, md5('h' || g)::uuid, "
                    + "(" + list + ")[1 + g % 4], case when g % 3 = 0 then 'closed' else 'in-service' end, "
                    + "now() - (g % 900) * interval '1 day', g % 2 = 0, "
                    + "case when g % 3 = 0 then (array['employed-full','in-training','closer-to-services',"
                    + "'dropped-out'])[1 + g % 4] end, now() - (g % 900) * interval '1 day', "
                    + "now() - (g % 900) * interval '1 day', now() - (g % 800) * interval '1 day', "
                    + "case when g % 3 = 0 then now() end from generate_series(1, " + N + ") g");
            jdbc.execute("insert into referral (id, participant_id, district_code, package, employment_track, status, "
                    + "created_at, decided_at) select md5('r' || g)::uuid, md5('p' || g)::uuid, (" + list
                    + ")[1 + g % 4], (array['employment','education','living-conditions','open-door','motivation'])"
                    + "[1 + g % 5], case when g % 5 = 0 then 'full' end, "
                    + "(array['accepted','pending','returned-closed'])[1 + g % 3], now() - (g % 900) * interval '1 day', "
                    + "now() - (g % 800) * interval '1 day' from generate_series(1, " + N + ") g");
            jdbc.execute("analyze household; analyze participant; analyze referral; analyze household_member");
            System.out.printf("KPI perf: loaded %d participants in %d ms%n", N, System.currentTimeMillis() - start);

            for (String query : new String[] {"", "?district=" + districts[0], "?from=2025-01-01&to=2025-06-30",
                    "?district=" + districts[1] + "&from=2025-01-01"}) {
                summary(query); // warm-up
                long best = Long.MAX_VALUE;
                for (int i = 0; i < 3; i++) {
                    long t = System.nanoTime();
                    ResponseEntity<Map> response = summary(query);
                    best = Math.min(best, (System.nanoTime() - t) / 1_000_000);
                    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
                }
                System.out.printf("KPI perf: /api/kpi/summary%s best of 3: %d ms%n", query, best);
            }
        }
    }

    private ResponseEntity<Map> summary(String query) {
        return rest.withBasicAuth("coordinator", "demo").getForEntity("/api/kpi/summary" + query, Map.class);
    }
}
