package hu.miskolc.fourim.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hu.miskolc.fourim.FourImApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

class ProductionProfileTest {

    @Test
    void prodProfileWithoutAdminPasswordRefusesToStart() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(FourImApplication.class)
                .profiles("prod")
                .properties("FOURIM_ADMIN_PASSWORD=", "server.port=0")
                .run())
                .hasMessageContaining("FOURIM_ADMIN_PASSWORD");
    }

    @Test
    void prodProfileRefusesTheDemoPassword() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(FourImApplication.class)
                .profiles("prod")
                .properties("FOURIM_ADMIN_PASSWORD=demo", "server.port=0")
                .run())
                .hasMessageContaining("FOURIM_ADMIN_PASSWORD");
    }
}
