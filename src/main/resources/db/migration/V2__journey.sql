-- Business records of the participant journey. Process variables hold only ids and the few values gateways need;
-- the facts live here, each row knowing its district. Personal columns are kept to what the journey needs.

create table household (
    id               uuid primary key,
    case_ref         varchar(20)  not null unique,
    district_code    varchar(40)  not null references district (code),
    address          varchar(200) not null,
    address_key      varchar(220) not null,
    status           varchar(20)  not null,
    visit_attempts   int          not null default 0,
    survey_round     int          not null default 0,
    tenure           varchar(30),
    utilities        varchar(20),
    rooms            int,
    household_income int,
    has_debts        boolean,
    created_at       timestamptz  not null default now(),
    surveyed_at      timestamptz,
    closed_at        timestamptz,
    unique (district_code, address_key)
);
create index household_district_status on household (district_code, status);

create table household_member (
    id                 uuid primary key,
    household_id       uuid        not null references household (id),
    district_code      varchar(40) not null references district (code),
    member_no          int         not null,
    first_name         varchar(60),
    birth_year         int         not null,
    relation           varchar(30) not null,
    schooling          varchar(30) not null,
    employment_status  varchar(30) not null,
    work_capacity      varchar(20) not null,
    health_limits      boolean     not null,
    income_sources     varchar(300),
    has_address_card   boolean     not null,
    has_taj_card       boolean     not null,
    agrees_to_contact  boolean     not null,
    survey_round       int         not null,
    erased_at          timestamptz
);
create index household_member_household on household_member (household_id);

create table welfare_indicator (
    id            bigserial primary key,
    household_id  uuid        not null references household (id),
    district_code varchar(40) not null references district (code),
    survey_round  int         not null,
    score         int         not null check (score between 0 and 100),
    computed_at   timestamptz not null default now(),
    unique (household_id, survey_round)
);
create index welfare_indicator_district on welfare_indicator (district_code, survey_round);

create table participant (
    id                  uuid primary key,
    case_ref            varchar(24) not null unique,
    member_id           uuid        not null unique references household_member (id),
    household_id        uuid        not null references household (id),
    district_code       varchar(40) not null references district (code),
    status              varchar(20) not null,
    consent_at          timestamptz,
    ready_at_start      boolean,
    cooperating         boolean,
    work_capacity       varchar(20),
    missing_documents   boolean     not null default false,
    assessment_count    int         not null default 0,
    referral_returns    int         not null default 0,
    outcome             varchar(30),
    created_at          timestamptz not null default now(),
    assessed_at         timestamptz,
    first_accepted_at   timestamptz,
    closed_at           timestamptz
);
create index participant_district_status on participant (district_code, status);
create index participant_outcome on participant (outcome) where outcome is not null;

create table assessment (
    id                   bigserial primary key,
    participant_id       uuid        not null references participant (id),
    assessed_by          varchar(64),
    cooperating          boolean     not null,
    ready_for_work       boolean     not null,
    work_capacity        varchar(20) not null,
    lacks_schooling      boolean     not null,
    lacks_qualification  boolean     not null,
    housing_barrier      boolean     not null,
    transport_barrier    boolean     not null,
    health_barrier       boolean     not null,
    debt_barrier         boolean     not null,
    legal_barrier        boolean     not null,
    family_barrier       boolean     not null,
    assessed_at          timestamptz not null default now()
);
create index assessment_participant on assessment (participant_id);

create table referral (
    id               uuid primary key,
    participant_id   uuid        not null references participant (id),
    district_code    varchar(40) not null references district (code),
    package          varchar(30) not null,
    employment_track varchar(10),
    status           varchar(20) not null,
    return_reason    varchar(500),
    decided_by       varchar(64),
    created_at       timestamptz not null default now(),
    decided_at       timestamptz
);
create index referral_participant on referral (participant_id);
create index referral_status on referral (status, created_at);

create table journey_milestone (
    id             bigserial primary key,
    participant_id uuid        not null references participant (id),
    package        varchar(30) not null,
    milestone      varchar(40) not null,
    result         varchar(40),
    recorded_by    varchar(64),
    recorded_at    timestamptz not null default now()
);
create index journey_milestone_participant on journey_milestone (participant_id);

create table follow_up (
    id             bigserial primary key,
    participant_id uuid        not null references participant (id),
    task_id        varchar(64),
    kind           varchar(20) not null, -- done, reminder, escalation
    contact_made   boolean,
    recorded_by    varchar(64),
    recorded_at    timestamptz not null default now()
);
create index follow_up_participant on follow_up (participant_id, kind);

create table survey_import (
    id           uuid primary key,
    file_sha256  varchar(64) not null,
    uploaded_by  varchar(64) not null,
    uploaded_at  timestamptz not null default now(),
    accepted     int         not null,
    rejected     int         not null,
    skipped      int         not null
);

create sequence case_ref_seq;
