package hu.miskolc.fourim.benefit;

import static hu.miskolc.fourim.benefit.BenefitApplicationProcess.*;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

/** Starts a {@code benefit-application} from elsewhere (a journey acting on a council decision). */
@Service
public class BenefitApplications {

    private final RuntimeService runtimeService;

    BenefitApplications(@Lazy RuntimeService runtimeService) {
        this.runtimeService = runtimeService;
    }

    public ProcessInstance start(String caseRef, String districtCode, String supportType, String requestedBy,
                                 String councilItemId) {
        if (BenefitSupport.fromCode(supportType).isEmpty()) {
            throw new IllegalArgumentException("Unknown support type: " + supportType);
        }
        return runtimeService.createProcessInstanceByKey(KEY)
                .setVariables(Variables.createVariables()
                        .putValue(CASE_REF, caseRef)
                        .putValue(DISTRICT_CODE, districtCode)
                        .putValue(SUPPORT_TYPE, supportType)
                        .putValue(REQUESTED_BY, requestedBy)
                        .putValue(COUNCIL_ITEM_ID, councilItemId))
                .execute();
    }
}
