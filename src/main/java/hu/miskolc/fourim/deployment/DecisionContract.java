package hu.miskolc.fourim.deployment;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The public contract of the decisions the processes and the server call (CONTRACT.md, README): a new version must
 * keep the hit policy, read the same variables with the same types and produce the same outputs. Inputs are
 * compared by the variable their expression reads ({@code name} or {@code assert(name, …)}).
 */
record DecisionContract(String decisionId, String hitPolicy, String aggregation, Map<String, String> inputs,
                        Map<String, String> outputs) {

    static final Map<String, DecisionContract> ALL = Map.of(
            "service-package-assignment", new DecisionContract("service-package-assignment", "COLLECT", null,
                    ordered("cooperating", "boolean", "readyForWork", "boolean", "workCapacity", "string",
                            "lacksSchooling", "boolean", "lacksQualification", "boolean", "housingBarrier", "boolean",
                            "transportBarrier", "boolean", "healthBarrier", "boolean", "debtBarrier", "boolean",
                            "legalBarrier", "boolean", "familyBarrier", "boolean"),
                    ordered("package", "string", "employmentTrack", "string")),
            "welfare-indicator", new DecisionContract("welfare-indicator", "COLLECT", "SUM",
                    ordered("incomePerHead", "integer", "employedShare", "double", "bestSchooling", "string",
                            "utilities", "string", "overcrowded", "boolean", "tenure", "string",
                            "healthLimitedShare", "double", "missingDocuments", "integer", "hasDebts", "boolean"),
                    ordered("score", "integer")));

    private static Map<String, String> ordered(String... nameTypePairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            map.put(nameTypePairs[i], nameTypePairs[i + 1]);
        }
        return map;
    }
}
