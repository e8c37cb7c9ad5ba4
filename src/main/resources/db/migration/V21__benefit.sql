-- Applications for state and municipal supports (DOMAIN.md §3), filed by the case administrators for a participant or
-- a household: the facts the eligibility rules need, the eligibility result, who prepared and who approved a municipal
-- decision (four eyes), and the decision itself.
create table benefit_application (
    id                  uuid          primary key,
    reference           varchar(20)   not null unique,
    district_code       varchar(40)   not null references district (code),
    case_ref            varchar(24)   not null,
    household_id        uuid          not null references household (id),
    participant_id      uuid          references participant (id),
    member_id           uuid          not null references household_member (id),
    support_type        varchar(40)   not null,
    competence          varchar(10)   not null check (competence in ('state', 'municipal')),
    origin              varchar(20)   not null, -- clerk, council
    council_item_id     uuid,
    process_instance_id varchar(64),
    requested_by        varchar(64),
    status              varchar(20)   not null, -- filed, documents, ineligible, deciding, state-office, decided
    income_per_head     int,
    cares_for_relative  boolean,
    chronic_illness     boolean,
    crisis_situation    boolean,
    eligible            boolean,
    eligibility_reason  varchar(300),
    proposed_decision   varchar(10),
    prepared_by         varchar(64),
    prepared_at         timestamptz,
    approved_by         varchar(64),
    approved_at         timestamptz,
    returns             int           not null default 0,
    state_office        varchar(120),
    submitted_on        date,
    decision            varchar(10)   check (decision in ('granted', 'refused')),
    amount_huf          int           check (amount_huf >= 0),
    period_from         date,
    period_to           date,
    decision_reason     varchar(1000),
    decided_at          timestamptz,
    created_at          timestamptz   not null default now(),
    -- four eyes: a municipal decision is approved by someone other than who prepared it
    check (approved_by is null or prepared_by is null or approved_by <> prepared_by)
);
create index benefit_application_participant on benefit_application (participant_id);
create index benefit_application_household on benefit_application (household_id);
create index benefit_application_district_status on benefit_application (district_code, status);

create sequence benefit_application_seq;
