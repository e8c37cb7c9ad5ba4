-- Group handling of similar cases: a cohort of participants with the same package (a vocational course, a
-- debt-counselling group, a children's + community conversation series), its sessions and facilitator, attendance per
-- session, and each member's result, which also goes into their journey. A member who leaves (the programme or the
-- group) is marked, not deleted: the cohort goes on without them.
create table cohort (
    id                  uuid         primary key,
    reference           varchar(20)  not null unique,
    district_code       varchar(40)  not null references district (code),
    package             varchar(30)  not null,
    name                varchar(200) not null,
    facilitator         varchar(64),
    status              varchar(20)  not null, -- forming, running, closed
    created_by          varchar(64),
    process_instance_id varchar(64),
    created_at          timestamptz  not null default now(),
    closed_at           timestamptz
);
create index cohort_district_package on cohort (district_code, package);

create table cohort_member (
    cohort_id      uuid        not null references cohort (id),
    participant_id uuid        not null references participant (id),
    district_code  varchar(40) not null references district (code),
    case_ref       varchar(24) not null,
    status         varchar(10) not null default 'active' check (status in ('active', 'left')),
    left_reason    varchar(20), -- programme (the journey ended), group (the facilitator marked it)
    left_at        timestamptz,
    result         varchar(20) check (result in ('completed', 'partial', 'not-completed')),
    result_at      timestamptz,
    primary key (cohort_id, participant_id)
);
create index cohort_member_participant on cohort_member (participant_id);

create table cohort_session (
    id            bigserial    primary key,
    cohort_id     uuid         not null references cohort (id),
    district_code varchar(40)  not null references district (code),
    session_no    int          not null,
    session_date  date         not null,
    topic         varchar(200) not null,
    held_at       timestamptz,
    recorded_by   varchar(64),
    unique (cohort_id, session_no)
);

create table cohort_attendance (
    session_id     bigint       not null references cohort_session (id),
    participant_id uuid         not null references participant (id),
    district_code  varchar(40)  not null references district (code),
    present        boolean      not null,
    note           varchar(200),
    primary key (session_id, participant_id)
);

create sequence cohort_seq;
