package hu.miskolc.fourim.survey;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The household facts the {@code welfare-indicator} decision scores, computed from one survey round. */
final class WelfareInputs {

    private static final List<String> SCHOOLING_ORDER =
            List.of("none", "primary-incomplete", "primary", "vocational", "secondary", "higher");

    static Map<String, Object> from(HouseholdRepository.HouseholdFacts facts, List<HouseholdRepository.Member> members) {
        int size = Math.max(1, members.size());
        List<HouseholdRepository.Member> workingAge = members.stream().filter(HouseholdRepository.Member::workingAge).toList();
        long employed = workingAge.stream()
                .filter(m -> "employed".equals(m.employmentStatus()) || "public-works".equals(m.employmentStatus()))
                .count();
        String bestSchooling = members.stream().filter(m -> m.age() >= 18).map(HouseholdRepository.Member::schooling)
                .max((a, b) -> Integer.compare(SCHOOLING_ORDER.indexOf(a), SCHOOLING_ORDER.indexOf(b)))
                .orElse("none");
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("incomePerHead", facts.householdIncome() / size);
        inputs.put("employedShare", workingAge.isEmpty() ? 0.0 : (double) employed / workingAge.size());
        inputs.put("bestSchooling", bestSchooling);
        inputs.put("overcrowded", members.size() > 2 * Math.max(1, facts.rooms()));
        inputs.put("healthLimitedShare",
                (double) members.stream().filter(HouseholdRepository.Member::healthLimits).count() / size);
        inputs.put("missingDocuments", (int) members.stream().filter(HouseholdRepository.Member::missingDocuments).count());
        // utilities, tenure and hasDebts are process variables from the form already
        return inputs;
    }

    private WelfareInputs() {
    }
}
