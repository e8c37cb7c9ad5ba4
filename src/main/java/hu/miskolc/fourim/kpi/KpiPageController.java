package hu.miskolc.fourim.kpi;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The coordinators' dashboard: a static Hungarian page (behind the same HTTP Basic as the API, so the browser's login
 * is reused by its calls to /api/kpi/summary) drawing its charts with Chart.js from our own webjar
 * ({@code /webjars/chart.js/<chartjs.version of the pom>/dist/chart.umd.js}, the version is in the page).
 */
@Controller
class KpiPageController {

    @GetMapping({"/kpi", "/kpi/"})
    ResponseEntity<Resource> page() {
        return ResponseEntity.ok().contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
                .header("Cache-Control", "no-store").body(new ClassPathResource("kpi/dashboard.html"));
    }
}
