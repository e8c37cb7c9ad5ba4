-- Indexes for the KPI dashboard (/api/kpi/*): every KPI query filters participants by district and creation date
-- and aggregates a handful of columns, so the covering indexes let PostgreSQL answer from the index alone
-- (index-only scans) even at a million participants.
create index participant_kpi on participant (district_code, created_at)
    include (ready_at_start, outcome, status, consent_at, assessed_at, first_accepted_at);
create index participant_kpi_created on participant (created_at)
    include (district_code, ready_at_start, outcome, status, consent_at, assessed_at, first_accepted_at);
create index referral_kpi on referral (participant_id)
    include (package, employment_track, status, created_at, decided_at);
create index household_kpi on household (district_code, created_at) include (status, surveyed_at);
