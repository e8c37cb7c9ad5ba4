package hu.miskolc.fourim.council;

import static hu.miskolc.fourim.council.CouncilReviewProcess.COUNCIL_ITEM_ID;
import static hu.miskolc.fourim.council.CouncilReviewProcess.MEETING_ID;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The council's voting rule. An item is decided at a meeting when the chair records the decision, or when at least
 * the quorum ({@link CouncilSettings#quorum}) voted and one option has more than half of the votes cast. Voting ends
 * early once one option has more than half of all members (nothing can change it), else when everyone voted or the
 * meeting's deadline passed; then a tie or a missing quorum moves the item to the next meeting.
 * Used by the model as {@code ${councilVoting.concluded(execution)}}.
 */
@Component("councilVoting")
public class CouncilVoting {

    public static final String DECIDED = "decided";
    public static final String CHAIR = "chair";
    public static final String POSTPONED = "postponed";

    /**
     * @param outcome  {@link #DECIDED}, {@link #CHAIR} or {@link #POSTPONED}
     * @param decision the decision code, when decided
     * @param reason   quorum, chair, tie or no-quorum
     */
    public record Tally(String outcome, String decision, String reason, String chair,
                        List<CouncilRepository.Vote> votes) {
    }

    private final CouncilRepository council;
    private final CouncilSettings settings;

    CouncilVoting(CouncilRepository council, CouncilSettings settings) {
        this.council = council;
        this.settings = settings;
    }

    public Tally tally(UUID itemId, long meetingId, int members) {
        List<CouncilRepository.Vote> votes = council.votes(itemId, meetingId);
        for (CouncilRepository.Vote vote : votes) {
            if (vote.chairDecision()) {
                return new Tally(CHAIR, vote.vote(), "chair", vote.voter(), votes);
            }
        }
        if (votes.size() < settings.quorum(members)) {
            return new Tally(POSTPONED, null, "no-quorum", null, votes);
        }
        Map<String, Long> counts = votes.stream().collect(Collectors.groupingBy(CouncilRepository.Vote::vote,
                Collectors.counting()));
        return counts.entrySet().stream().filter(e -> e.getValue() * 2 > votes.size()).findFirst()
                .map(e -> new Tally(DECIDED, e.getKey(), "quorum", null, votes))
                .orElseGet(() -> new Tally(POSTPONED, null, "tie", null, votes));
    }

    /** The completion condition of the voting tasks. */
    public boolean concluded(DelegateExecution execution) {
        int instances = number(execution, "nrOfInstances");
        int completed = number(execution, "nrOfCompletedInstances");
        if (completed >= instances) {
            return true;
        }
        UUID itemId = UUID.fromString((String) execution.getVariable(COUNCIL_ITEM_ID));
        long meetingId = ((Number) execution.getVariable(MEETING_ID)).longValue();
        Tally tally = tally(itemId, meetingId, instances);
        if (CHAIR.equals(tally.outcome())) {
            return true;
        }
        // an absolute majority of all members cannot be overturned by the votes still missing
        return tally.votes().size() >= settings.quorum(instances) && tally.votes().stream()
                .collect(Collectors.groupingBy(CouncilRepository.Vote::vote, Collectors.counting()))
                .values().stream().anyMatch(count -> count * 2 > instances);
    }

    private static int number(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value instanceof Number n ? n.intValue() : 0;
    }
}
