package hu.miskolc.fourim.survey;

import java.util.UUID;

import org.springframework.stereotype.Component;

/** Used by the models as {@code ${memberDirectory…}}: what a task needs to show about one member, no more. */
@Component("memberDirectory")
public class MemberDirectory {

    private final HouseholdRepository households;

    MemberDirectory(HouseholdRepository households) {
        this.households = households;
    }

    public String firstName(Object memberId) {
        return households.member(UUID.fromString(memberId.toString()))
                .map(HouseholdRepository.Member::firstName).orElse("");
    }

    public String missingDocumentsLabel(Object memberId) {
        return households.member(UUID.fromString(memberId.toString())).map(m -> {
            if (!m.hasAddressCard() && !m.hasTajCard()) {
                return "lakcímkártya és TAJ-kártya";
            }
            return !m.hasAddressCard() ? "lakcímkártya" : !m.hasTajCard() ? "TAJ-kártya" : "nincs hiányzó irat";
        }).orElse("");
    }
}
