package hu.miskolc.fourim.council;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Demo profile: {@code council1} chairs the council. In production the chair is a row of {@code council_member}
 * ({@code update council_member …} or {@link CouncilRepository#setChair}).
 */
@Component
class CouncilDemoData {

    static final String DEMO_CHAIR = "council1";

    private final CouncilRepository council;
    private final boolean demoUsers;

    CouncilDemoData(CouncilRepository council, @Value("${fourim.identity.demo-users:false}") boolean demoUsers) {
        this.council = council;
        this.demoUsers = demoUsers;
    }

    @EventListener(ApplicationStartedEvent.class)
    void ensureDemoChair() {
        if (demoUsers && council.chair().isEmpty()) {
            council.setChair(DEMO_CHAIR);
        }
    }
}
