-- The KPI triggers (V42) skip the figures a change cannot move. Every journey step changes one participant or referral
-- row, and the triggers recomputed all four kinds of figures before and after it (about a quarter of the database
-- time of a journey step, BENCHMARKS.md):
-- - the referral figures and median histogram read a participant's id, district and registration time only: an
--   update of participants that keeps these (every journey step does) cannot move them;
-- - the participant and outcome figures read referrals only through the scopes (participant, package, track): an
--   update of referrals that keeps these (a decision: status, decided_at) cannot move them;
-- - an update of participants or referrals that changes no column any figure reads moves nothing.
-- Inserts and deletes are computed in full, as before.

-- V42's kpi_participant_deltas in two: the people's figures (participants, outcomes) and the referral figures
-- (referrals, median histogram)
create function kpi_people_deltas(pb participant[], rb referral[], pa participant[], ra referral[])
    returns void language plpgsql as $$
begin
    insert into kpi_participant_delta
    select * from (
        select x.scope, x.district_code, x.day, sum(x.registered * x.sign)::int as registered,
            sum(x.participants * x.sign)::int as participants,
            sum(x.ready_at_start * x.sign)::int as ready_at_start,
            sum(x.activated * x.sign)::int as activated, sum(x.not_ready * x.sign)::int as not_ready,
            sum(x.closer * x.sign)::int as closer, sum(x.assessed * x.sign)::int as assessed,
            sum(x.accepted * x.sign)::int as accepted, sum(x.in_service * x.sign)::int as in_service,
            sum(x.closed * x.sign)::int as closed
        from (select -1 as sign, * from kpi_participant_rows(pb, rb)
              union all select 1, * from kpi_participant_rows(pa, ra)) x
        group by 1, 2, 3) d
    where (d.registered, d.participants, d.ready_at_start, d.activated, d.not_ready, d.closer, d.assessed,
           d.accepted, d.in_service, d.closed) <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    insert into kpi_outcome_delta
    select * from (
        select x.scope, x.district_code, x.day, x.outcome, sum(x.closed * x.sign)::int as closed
        from (select -1 as sign, * from kpi_outcome_rows(pb, rb)
              union all select 1, * from kpi_outcome_rows(pa, ra)) x
        group by 1, 2, 3, 4) d
    where d.closed <> 0;
end $$;

create function kpi_referral_deltas(pb participant[], rb referral[], pa participant[], ra referral[])
    returns void language plpgsql as $$
begin
    insert into kpi_referral_delta
    select * from (
        select x.scope, x.district_code, x.day, x.package, x.track, sum(x.referred * x.sign)::int as referred,
            sum(x.accepted * x.sign)::int as accepted,
            sum(x.accepted_referrals * x.sign)::int as accepted_referrals,
            sum(x.decided * x.sign)::int as decided
        from (select -1 as sign, * from kpi_referral_rows(pb, rb)
              union all select 1, * from kpi_referral_rows(pa, ra)) x
        group by 1, 2, 3, 4, 5) d
    where (d.referred, d.accepted, d.accepted_referrals, d.decided) <> (0, 0, 0, 0);

    insert into kpi_median_delta
    select * from (
        select x.scope, x.district_code, x.day, x.package, x.track, x.bucket,
            sum(x.accepted * x.sign)::int as accepted
        from (select -1 as sign, * from kpi_median_rows(pb, rb)
              union all select 1, * from kpi_median_rows(pa, ra)) x
        group by 1, 2, 3, 4, 5, 6) d
    where d.accepted <> 0;
end $$;

create or replace function kpi_participant_deltas(pb participant[], rb referral[], pa participant[], ra referral[])
    returns void language plpgsql as $$
begin
    perform kpi_people_deltas(pb, rb, pa, ra);
    perform kpi_referral_deltas(pb, rb, pa, ra);
end $$;

create or replace function kpi_participant_changed() returns trigger language plpgsql as $$
declare
    o participant[] := '{}';
    n participant[] := '{}';
    pids uuid[];
    hids uuid[];
    cur record;
    pb participant[];
    rb referral[];
    referrals boolean;
begin
    if current_setting('fourim.kpi_triggers', true) = 'off' then
        return null; -- a bulk load that calls kpi_rebuild() at its end
    end if;
    if TG_OP <> 'INSERT' then
        o := array(select x from old_rows x);
    end if;
    if TG_OP <> 'DELETE' then
        n := array(select x from new_rows x);
    end if;
    -- the people whose columns read by a figure changed (all of them for an insert or a delete)
    pids := array(select id from (
                      (select x.id, x.household_id, x.district_code, x.created_at, x.status, x.consent_at,
                              x.ready_at_start, x.outcome, x.assessed_at, x.first_accepted_at from unnest(o) x
                       except select x.id, x.household_id, x.district_code, x.created_at, x.status, x.consent_at,
                              x.ready_at_start, x.outcome, x.assessed_at, x.first_accepted_at from unnest(n) x)
                      union
                      (select x.id, x.household_id, x.district_code, x.created_at, x.status, x.consent_at,
                              x.ready_at_start, x.outcome, x.assessed_at, x.first_accepted_at from unnest(n) x
                       except select x.id, x.household_id, x.district_code, x.created_at, x.status, x.consent_at,
                              x.ready_at_start, x.outcome, x.assessed_at, x.first_accepted_at from unnest(o) x)
                  ) changed);
    if cardinality(pids) = 0 then
        return null;
    end if;
    o := array(select x from unnest(o) x where x.id = any (pids));
    n := array(select x from unnest(n) x where x.id = any (pids));
    -- households whose participants change: rows added, removed or moved to another household
    hids := array(select household_id from (
                      (select x.id, x.household_id from unnest(o) x except select x.id, x.household_id from unnest(n) x)
                      union
                      (select x.id, x.household_id from unnest(n) x except select x.id, x.household_id from unnest(o) x)
                  ) moved);
    -- the referral figures move only when a person comes, goes, or changes district or registration time
    referrals := TG_OP <> 'UPDATE' or exists (
                     (select x.id, x.district_code, x.created_at from unnest(o) x
                      except select x.id, x.district_code, x.created_at from unnest(n) x)
                     union all
                     (select x.id, x.district_code, x.created_at from unnest(n) x
                      except select x.id, x.district_code, x.created_at from unnest(o) x));
    cur := kpi_current(pids, hids);
    pb := array(select x from unnest(cur.pa) x where not exists (select 1 from unnest(n) y where y.id = x.id)
                union all
                select x from unnest(o) x);
    -- the referrals of the people as they were, read once for both the participant and the household deltas
    rb := array(select r from referral r where r.participant_id in (select x.id from unnest(pb) x));
    perform kpi_people_deltas(pb, rb, cur.pa, cur.ra);
    if referrals then
        perform kpi_referral_deltas(pb, rb, cur.pa, cur.ra);
    end if;
    if cardinality(hids) > 0 then
        perform kpi_household_deltas(cur.ha, pb, rb, cur.ha, cur.pa, cur.ra);
    end if;
    return null;
end $$;

create or replace function kpi_referral_changed() returns trigger language plpgsql as $$
declare
    o referral[] := '{}';
    n referral[] := '{}';
    rids uuid[];
    pids uuid[];
    hids uuid[];
    cur record;
    rb referral[];
    people boolean;
begin
    if current_setting('fourim.kpi_triggers', true) = 'off' then
        return null; -- a bulk load that calls kpi_rebuild() at its end
    end if;
    if TG_OP <> 'INSERT' then
        o := array(select x from old_rows x);
    end if;
    if TG_OP <> 'DELETE' then
        n := array(select x from new_rows x);
    end if;
    -- the referrals whose columns read by a figure changed (all of them for an insert or a delete)
    rids := array(select id from (
                      (select x.id, x.participant_id, x.package, x.employment_track, x.status, x.decided_at
                       from unnest(o) x
                       except select x.id, x.participant_id, x.package, x.employment_track, x.status, x.decided_at
                       from unnest(n) x)
                      union
                      (select x.id, x.participant_id, x.package, x.employment_track, x.status, x.decided_at
                       from unnest(n) x
                       except select x.id, x.participant_id, x.package, x.employment_track, x.status, x.decided_at
                       from unnest(o) x)
                  ) changed);
    o := array(select x from unnest(o) x where x.id = any (rids));
    n := array(select x from unnest(n) x where x.id = any (rids));
    pids := array(select x.participant_id from unnest(o) x union select x.participant_id from unnest(n) x);
    if cardinality(pids) = 0 then
        return null;
    end if;
    -- households whose scopes may change: referrals added, removed or moved to another package, track or person
    hids := array(select distinct p.household_id from participant p where p.id in (
                      select participant_id from (
                          (select x.id, x.participant_id, x.package, x.employment_track from unnest(o) x
                           except select x.id, x.participant_id, x.package, x.employment_track from unnest(n) x)
                          union
                          (select x.id, x.participant_id, x.package, x.employment_track from unnest(n) x
                           except select x.id, x.participant_id, x.package, x.employment_track from unnest(o) x)
                      ) moved));
    -- the participant and outcome figures read referrals only through these scopes (each person has a household)
    people := cardinality(hids) > 0;
    cur := kpi_current(pids, hids);
    rb := array(select x from unnest(cur.ra) x where not exists (select 1 from unnest(n) y where y.id = x.id)
                union all
                select x from unnest(o) x);
    if people then
        perform kpi_people_deltas(cur.pa, rb, cur.pa, cur.ra);
        perform kpi_household_deltas(cur.ha, cur.pa, rb, cur.ha, cur.pa, cur.ra);
    end if;
    perform kpi_referral_deltas(cur.pa, rb, cur.pa, cur.ra);
    return null;
end $$;
