package hu.miskolc.fourim.identity;

import java.util.List;

/** The demo users of CONTRACT.md (demo profile only). Password "demo", e-mail {@code <id>@demo.4im.local}. */
final class DemoUsers {

    static final String PASSWORD = "demo";
    static final String EMAIL_DOMAIN = "demo.4im.local";

    record DemoUser(String id, String firstName, String lastName, String group) {
        String email() {
            return id + "@" + EMAIL_DOMAIN;
        }
    }

    static final List<DemoUser> ALL = List.of(
            new DemoUser("coordinator", "Kata", "Koordinátor", Groups.COORDINATORS),
            new DemoUser("coach", "Csaba", "Coach", Groups.COACHES),
            new DemoUser("field", "Flóra", "Terepi", Groups.FIELD_ASSISTANTS),
            new DemoUser("adviser", "Ádám", "Tanácsadó", Groups.EMPLOYMENT_ADVISERS),
            new DemoUser("access", "Anna", "Hozzáférés", Groups.SERVICE_ACCESS),
            new DemoUser("clerk", "Ildikó", "Ügyintéző", Groups.CASE_ADMINISTRATORS),
            new DemoUser("council1", "Tamás", "Tanácstag", Groups.COUNCIL),
            new DemoUser("council2", "Teréz", "Tanácstag", Groups.COUNCIL),
            new DemoUser("council3", "Tibor", "Tanácstag", Groups.COUNCIL),
            new DemoUser("manager", "Márta", "Folyamatgazda", Groups.MANAGERS),
            new DemoUser("employment", "Ernő", "Foglalkoztatás", Groups.WG_EMPLOYMENT),
            new DemoUser("education", "Edit", "Oktatás", Groups.WG_EDUCATION),
            new DemoUser("living", "Lajos", "Életkörülmények", Groups.WG_LIVING_CONDITIONS),
            new DemoUser("opendoor", "Olga", "Nyitottajtó", Groups.WG_OPEN_DOOR),
            new DemoUser("motivation", "Miklós", "Motiváció", Groups.WG_MOTIVATION));

    private DemoUsers() {
    }
}
