package hu.miskolc.fourim.kpi;

import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The coordinators' dashboard: a static Hungarian page (behind the same login as the API, so the browser's login is
 * reused by its calls to /api/kpi/*) around the dashboard module {@code /kpi/dashboard.js}, which the Cockpit plugin
 * ({@code webjars/camunda/app/cockpit/scripts/kpi-plugin.js}) renders too. The module draws its charts with Chart.js
 * from our own webjar ({@code /webjars/chart.js/<chartjs.version of the pom>/dist/chart.umd.js}, the version is in the
 * module).
 */
@Controller
class KpiPageController {

    @GetMapping({"/kpi", "/kpi/"})
    ResponseEntity<Resource> page() {
        return ResponseEntity.ok().contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
                .header("Cache-Control", "no-store").body(new ClassPathResource("kpi/dashboard.html"));
    }

    @GetMapping("/kpi/dashboard.js")
    ResponseEntity<Resource> module() {
        return ResponseEntity.ok().contentType(new MediaType("text", "javascript", StandardCharsets.UTF_8))
                .header("Cache-Control", "no-cache").body(new ClassPathResource("kpi/dashboard.js"));
    }
}
