package hu.miskolc.fourim.council;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import hu.miskolc.fourim.district.DistrictRepository;
import hu.miskolc.fourim.journey.ParticipantRepository;
import hu.miskolc.fourim.journey.ServicePackage;
import org.springframework.stereotype.Component;

/**
 * The summary of a case the council sees: only what a decision needs (stage, packages, barriers, documents), never
 * the personal file — no name, address, birth year or survey answers. The coordinator may shorten it further.
 */
@Component
class CaseSummaries {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy. MM. dd.");
    private static final Map<String, String> STATUS = Map.of("intake", "felvétel", "consented", "hozzájárult",
            "assessed", "igényfelmérés kész", "referred", "beutalva", "in-service", "szolgáltatásban",
            "closed", "lezárva", "no-consent", "nem járult hozzá");
    private static final Map<String, String> WORK_CAPACITY = Map.of("full", "teljes", "home-only", "csak otthonról",
            "reduced", "megváltozott munkaképességű");
    private static final Map<String, String> BARRIERS = Map.of("lacks_schooling", "hiányzó alapfokú végzettség",
            "lacks_qualification", "nincs szakképzettség", "housing_barrier", "lakhatás",
            "transport_barrier", "közlekedés", "health_barrier", "egészségi állapot", "debt_barrier", "adósság",
            "legal_barrier", "jogi ügyek", "family_barrier", "családi okok");

    private final ParticipantRepository participants;
    private final DistrictRepository districts;

    CaseSummaries(ParticipantRepository participants, DistrictRepository districts) {
        this.participants = participants;
        this.districts = districts;
    }

    String summary(UUID participantId) {
        ParticipantRepository.CaseFacts facts = participants.caseFacts(participantId);
        List<String> packages = facts.acceptedPackages().stream()
                .map(p -> ServicePackage.fromCode(p).label()).toList();
        List<String> barriers = facts.barriers().stream().map(b -> BARRIERS.getOrDefault(b, b)).toList();
        return String.join("\n",
                "Ügyszám: " + facts.caseRef() + " (" + districtName(facts.districtCode()) + "), a programban "
                        + DATE.format(facts.since()) + " óta.",
                "Szakasz: " + STATUS.getOrDefault(facts.status(), facts.status()) + ".",
                "Munkaképesség: " + (facts.workCapacity() == null ? "nincs felmérve"
                        : WORK_CAPACITY.getOrDefault(facts.workCapacity(), facts.workCapacity()))
                        + "; azonnal munkába állítható: " + (facts.readyAtStart() == null ? "nincs felmérve"
                        : facts.readyAtStart() ? "igen" : "nem") + ".",
                "Befogadott csomagok: " + (packages.isEmpty() ? "nincs" : String.join(", ", packages)) + ".",
                "Akadályok: " + (barriers.isEmpty() ? "nincs rögzítve" : String.join(", ", barriers)) + ".",
                "Hiányzó lakcímkártya vagy TAJ-kártya: " + (facts.missingDocuments() ? "igen" : "nem") + ".",
                "Visszaküldött beutalások: " + facts.referralReturns() + "; elvégzett utánkövetések: "
                        + facts.followUpsDone() + ".");
    }

    String districtName(String code) {
        return districts.find(code).map(DistrictRepository.District::name).orElse(code);
    }
}
