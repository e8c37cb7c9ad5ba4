package hu.miskolc.fourim.migration;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /migration}: the managers' Hungarian page over {@code /api/migrations}. */
@Controller
class MigrationPageController {

    private final MigrationProperties properties;

    MigrationPageController(MigrationProperties properties) {
        this.properties = properties;
    }

    @GetMapping("/migration")
    String page(Model model) {
        model.addAttribute("autoMigrateOnDeploy", properties.autoMigrateOnDeploy());
        return "migration";
    }
}
