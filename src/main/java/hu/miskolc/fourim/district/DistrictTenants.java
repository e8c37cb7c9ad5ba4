package hu.miskolc.fourim.district;

import java.util.List;

import hu.miskolc.fourim.identity.Groups;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Need-to-know by district, enforced by the engine: every case runs as a tenant named after its district
 * ({@code districtCode} variable at start), so a worker sees and works only the cases of the districts (tenants) they
 * belong to. Candidate groups stay the role (they are OR-ed by Camunda, so a district cannot be one of them).
 * City-wide groups (coordinators, council, managers, case administrators, working groups) belong to every district;
 * service-point staff are made members of their districts' tenants in Admin.
 */
@Component
public class DistrictTenants extends AbstractProcessEnginePlugin {

    public static final String DISTRICT_VARIABLE = "districtCode";

    static final List<String> CITY_WIDE_GROUPS = List.of(Groups.COORDINATORS, Groups.COUNCIL, Groups.MANAGERS,
            Groups.CASE_ADMINISTRATORS, Groups.WG_EMPLOYMENT, Groups.WG_EDUCATION, Groups.WG_LIVING_CONDITIONS,
            Groups.WG_OPEN_DOOR, Groups.WG_MOTIVATION);
    /** Demo service-point staff work in both pilot districts. */
    static final List<String> DEMO_DISTRICT_STAFF = List.of("coach", "field", "adviser", "access");

    private final DistrictRepository districts;
    private final IdentityService identityService;
    private final boolean demoUsers;

    DistrictTenants(DistrictRepository districts, @org.springframework.context.annotation.Lazy IdentityService identityService,
                    @Value("${fourim.identity.demo-users:false}") boolean demoUsers) {
        this.districts = districts;
        this.identityService = identityService;
        this.demoUsers = demoUsers;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setTenantIdProvider(new DistrictTenantIdProvider());
    }

    /** Called by the identity initializer at start, after groups and users exist. */
    public void synchronizeTenants() {
        for (DistrictRepository.District district : districts.active()) {
            if (identityService.createTenantQuery().tenantId(district.code()).count() == 0) {
                Tenant tenant = identityService.newTenant(district.code());
                tenant.setName(district.name());
                identityService.saveTenant(tenant);
            }
            for (String group : CITY_WIDE_GROUPS) {
                if (identityService.createTenantQuery().tenantId(district.code()).groupMember(group).count() == 0) {
                    identityService.createTenantGroupMembership(district.code(), group);
                }
            }
            if (demoUsers && district.pilot()) {
                for (String user : DEMO_DISTRICT_STAFF) {
                    if (identityService.createUserQuery().userId(user).count() > 0 && identityService
                            .createTenantQuery().tenantId(district.code()).userMember(user).count() == 0) {
                        identityService.createTenantUserMembership(district.code(), user);
                    }
                }
            }
        }
    }

    static final class DistrictTenantIdProvider implements TenantIdProvider {

        @Override
        public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext ctx) {
            Object district = ctx.getVariables() == null ? null : ctx.getVariables().get(DISTRICT_VARIABLE);
            if (district == null && ctx.getSuperExecution() != null) {
                return ctx.getSuperExecution().getTenantId();
            }
            return district == null ? null : district.toString();
        }

        @Override
        public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext ctx) {
            return null;
        }

        @Override
        public String provideTenantIdForHistoricDecisionInstance(TenantIdProviderHistoricDecisionInstanceContext ctx) {
            return ctx.getExecution() != null ? ctx.getExecution().getTenantId() : null;
        }
    }
}
