-- The Social Innovation Council (Társadalmi Innovációs Tanács): who chairs it, its meetings, the items put before it
-- (escalated cases and proposals), every vote and every decision. Together they are the council's minutes.
-- A meeting is city-wide; every item, agenda line and vote knows the district of its case.

-- Council membership itself is the engine's group `council`; this table holds what the identity service cannot.
create table council_member (
    user_id    varchar(64) primary key,
    chair      boolean     not null default false,
    updated_at timestamptz not null default now()
);
create unique index council_member_one_chair on council_member (chair) where chair;

create table council_meeting (
    id           bigserial    primary key,
    meeting_date date         not null unique,
    place        varchar(120),
    created_at   timestamptz  not null default now()
);

create table council_item (
    id                       uuid          primary key,
    reference                varchar(20)   not null unique,
    kind                     varchar(10)   not null check (kind in ('case', 'proposal')),
    district_code            varchar(40)   not null references district (code),
    case_ref                 varchar(24),
    participant_id           uuid          references participant (id),
    case_process_instance_id varchar(64),
    process_instance_id      varchar(64),
    title                    varchar(200)  not null,
    question                 varchar(2000) not null,
    summary                  varchar(2000),
    proposed_resolution      varchar(1000),
    instruction              varchar(30)   not null default 'none',
    instruction_package      varchar(30),
    instruction_support      varchar(40),
    submitted_by             varchar(64)   not null,
    meeting_id               bigint        references council_meeting (id),
    postponements            int           not null default 0,
    status                   varchar(20)   not null, -- submitted, scheduled, decided
    decision                 varchar(10)   check (decision in ('approve', 'reject', 'amend')),
    decision_text            varchar(4000),
    decided_how              varchar(10)   check (decided_how in ('quorum', 'chair')),
    decided_by               varchar(64),
    decided_at               timestamptz,
    delivered_to_case        boolean,
    created_at               timestamptz   not null default now()
);
create index council_item_case on council_item (case_ref);
create index council_item_meeting on council_item (meeting_id);

-- One line per item per meeting it was on: decided there, or postponed (tie, no quorum) to the next one.
create table council_agenda (
    meeting_id     bigint      not null references council_meeting (id),
    item_id        uuid        not null references council_item (id),
    district_code  varchar(40) not null references district (code),
    added_at       timestamptz not null default now(),
    outcome        varchar(20) check (outcome in ('decided', 'postponed')),
    outcome_reason varchar(20), -- quorum, chair, tie, no-quorum
    closed_at      timestamptz,
    primary key (meeting_id, item_id)
);

create table council_vote (
    id             bigserial     primary key,
    item_id        uuid          not null references council_item (id),
    meeting_id     bigint        not null references council_meeting (id),
    district_code  varchar(40)   not null references district (code),
    voter          varchar(64)   not null,
    vote           varchar(10)   not null check (vote in ('approve', 'reject', 'amend')),
    comment        varchar(1000),
    amendment      varchar(1000),
    chair_decision boolean       not null default false,
    voted_at       timestamptz   not null default now(),
    unique (item_id, meeting_id, voter)
);

create sequence council_item_seq;
