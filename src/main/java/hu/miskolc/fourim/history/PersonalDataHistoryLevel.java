package hu.miskolc.fourim.history;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import hu.miskolc.fourim.journey.ParticipantJourneyProcess;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.springframework.stereotype.Component;

/**
 * Full history, except personal data and a copy of every variable change: variables that carry a person's identity,
 * survey answers or needs assessment ({@link #PERSONAL_VARIABLES}) never reach the history tables, and submitted form
 * fields are not copied into history a second time. The other variables keep their last value in history
 * ({@code ACT_HI_VARINST}), not a row per change ({@code ACT_HI_DETAIL}): the journey's facts and who decided them
 * live in our tables (consent, erasure and the access trail apply there) and in the operation log; the per-change
 * rows were a third write of each variable, read by nobody, and a fifth of a survey start's database time
 * (BENCHMARKS.md). Every step, task, identity link, decision evaluation and operation stays in history.
 * Selected with {@code camunda.bpm.history-level: fourim-full}.
 */
@Component
public class PersonalDataHistoryLevel extends AbstractProcessEnginePlugin implements HistoryLevel {

    public static final String NAME = "fourim-full";
    public static final Set<String> PERSONAL_VARIABLES = personalVariables();

    private static Set<String> personalVariables() {
        Set<String> names = new HashSet<>(Set.of("members", "firstName", "address", "birthYear",
                "relation", "schooling", "employmentStatus", "workCapacity", "healthLimits", "incomeSources",
                "hasAddressCard", "hasTajCard", "agreesToContact"));
        // the needs assessment (health, debts, legal and family barriers): kept in the assessment table
        names.addAll(ParticipantJourneyProcess.ASSESSMENT_FLAGS);
        names.add(ParticipantJourneyProcess.MISSING_DOCUMENTS);
        return Set.copyOf(names);
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryLevel> custom = configuration.getCustomHistoryLevels() == null
                ? new java.util.ArrayList<>() : new java.util.ArrayList<>(configuration.getCustomHistoryLevels());
        custom.add(this);
        configuration.setCustomHistoryLevels(custom);
    }

    @Override
    public int getId() {
        return 15;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
        if (eventType == HistoryEventTypes.FORM_PROPERTY_UPDATE
                || eventType == HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL) {
            return false;
        }
        if (entity instanceof VariableInstance variable) {
            return !PERSONAL_VARIABLES.contains(variable.getName());
        }
        return true;
    }
}
