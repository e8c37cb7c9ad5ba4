-- KPI roll-up: /api/kpi/summary reads small pre-aggregated tables instead of the participant, referral and household
-- tables, so its cost no longer grows with the city.
--
-- Grain: (scope, district, registration day in Europe/Budapest), kept at three levels (year, month, day) so that a
-- period reads its whole years and months and only the days at its ends. The scope is '*' (everybody), a package
-- code or 'package/track': a participant is in scope X when they have at least one referral of that package (and
-- track), whatever its status (the summary's package filter); a household when one of its participants is. Every
-- figure is a sum over these rows; "distinct participant" figures are stored as each participant's 0/1
-- contribution, so sums over days and districts stay exact. The median days to acceptance come from a histogram at
-- one-hour resolution (bucket = floor(seconds / 3600)), so the median is exact to the hour.
--
-- Maintenance: statement-level triggers on participant, referral and household subtract the affected participants'
-- and households' whole contribution as it was before the statement and add it as it is after (transition tables),
-- and only INSERT the net difference into append-only *_delta tables (per day): no counter row is updated by the
-- writers, so concurrent transactions do not queue on hot rows. The summary reads roll-up + deltas in one statement;
-- kpi_fold() (a scheduled task) moves the deltas into the roll-up. Before reading, a trigger locks the affected
-- participants, then households (FOR NO KEY UPDATE, which does not conflict with foreign-key checks), so two
-- transactions changing the same person's rows compute their differences one after the other (in READ COMMITTED,
-- the database's and the engine's default; a REPEATABLE READ writer would not see the other's change). One
-- statement must change only one of the three tables (no data-modifying CTE across them) and TRUNCATE is not
-- tracked: after such a change call kpi_rebuild(). A bulk load may switch the triggers off for its transactions
-- (set local fourim.kpi_triggers = 'off') and call kpi_rebuild() at its end.

create function kpi_day(at timestamptz) returns date
    language sql immutable as $$ select (at at time zone 'Europe/Budapest')::date $$;

-- The activating outcomes (hu.miskolc.fourim.journey.Outcome#activation; a test keeps both lists equal).
create function kpi_activation(outcome text) returns boolean
    language sql immutable as $$
    select outcome in ('employed-full', 'employed-home', 'employed-reduced', 'in-training', 'activated') $$;

-- The differences the triggers record (append-only, per registration day) until kpi_fold() adds them to the roll-up.
-- No index: they hold the last seconds' changes, read whole by the summary and the fold.
create table kpi_participant_delta (
    scope          text        not null,
    district_code  varchar(40) not null,
    day            date        not null,
    registered     int         not null,
    participants   int         not null,
    ready_at_start int         not null,
    activated      int         not null,
    not_ready      int         not null,
    closer         int         not null,
    assessed       int         not null,
    accepted       int         not null,
    in_service     int         not null,
    closed         int         not null
);

-- closed journeys (status closed with an outcome) per outcome code
create table kpi_outcome_delta (
    scope         text        not null,
    district_code varchar(40) not null,
    day           date        not null,
    outcome       varchar(30) not null,
    closed        int         not null
);

-- households by their registration day; the scope comes from their participants' referrals
create table kpi_household_delta (
    scope         text        not null,
    district_code varchar(40) not null,
    day           date        not null,
    planned       int         not null,
    visited       int         not null,
    surveyed      int         not null
);

-- the referral figures of the scope's participants (all their referrals) per referral package ('*' = any package) and
-- track ('' = any track): referred/accepted are participants, accepted_referrals/decided are referrals
create table kpi_referral_delta (
    scope              text        not null,
    district_code      varchar(40) not null,
    day                date        not null,
    package            varchar(30) not null,
    track              varchar(10) not null,
    referred           int         not null,
    accepted           int         not null,
    accepted_referrals int         not null,
    decided            int         not null
);

-- accepted referrals per hour from the participant's registration to the acceptance (for the median)
create table kpi_median_delta (
    scope         text        not null,
    district_code varchar(40) not null,
    day           date        not null,
    package       varchar(30) not null,
    track         varchar(10) not null,
    bucket        int         not null,
    accepted      int         not null
);

-- The roll-up: the same figures at three levels, period 'y' (day = 1 January), 'm' (day = the 1st) and 'd', so a
-- period filter reads whole years, whole months and the days at its ends (KpiRollup.periods). The keys start with
-- the scope and the period, so a summary reads only its scope's rows of the levels it needs; the histogram also has
-- city-wide rows (district '*') for the per-package medians of all districts. All-zero rows are deleted by the fold.
create table kpi_participant_rollup (
    scope          text        not null,
    period         char(1)     not null,
    day            date        not null,
    district_code  varchar(40) not null,
    registered     int         not null,
    participants   int         not null,
    ready_at_start int         not null,
    activated      int         not null,
    not_ready      int         not null,
    closer         int         not null,
    assessed       int         not null,
    accepted       int         not null,
    in_service     int         not null,
    closed         int         not null,
    primary key (scope, period, day, district_code)
);
create index kpi_participant_rollup_zero on kpi_participant_rollup (scope)
    where registered = 0 and participants = 0 and ready_at_start = 0 and activated = 0 and not_ready = 0
      and closer = 0 and assessed = 0 and accepted = 0 and in_service = 0 and closed = 0;

create table kpi_outcome_rollup (
    scope         text        not null,
    period        char(1)     not null,
    day           date        not null,
    district_code varchar(40) not null,
    outcome       varchar(30) not null,
    closed        int         not null,
    primary key (scope, period, day, district_code, outcome)
);
create index kpi_outcome_rollup_zero on kpi_outcome_rollup (scope) where closed = 0;

create table kpi_household_rollup (
    scope         text        not null,
    period        char(1)     not null,
    day           date        not null,
    district_code varchar(40) not null,
    planned       int         not null,
    visited       int         not null,
    surveyed      int         not null,
    primary key (scope, period, day, district_code)
);
create index kpi_household_rollup_zero on kpi_household_rollup (scope)
    where planned = 0 and visited = 0 and surveyed = 0;

create table kpi_referral_rollup (
    scope              text        not null,
    period             char(1)     not null,
    day                date        not null,
    district_code      varchar(40) not null,
    package            varchar(30) not null,
    track              varchar(10) not null,
    referred           int         not null,
    accepted           int         not null,
    accepted_referrals int         not null,
    decided            int         not null,
    primary key (scope, period, day, district_code, package, track)
);
create index kpi_referral_rollup_zero on kpi_referral_rollup (scope)
    where referred = 0 and accepted = 0 and accepted_referrals = 0 and decided = 0;

-- the histogram of a key as two arrays, the hours and their counts (pairs in no particular order, each hour once):
-- one row per key, not per hour, so the table stays about as small as the referral roll-up. Keyed by district first
-- for one district's figures; the per-district medians of all districts (package '*') and the districts' single days
-- (for the city-wide per-package medians) have their own indexes. City-wide rows (district '*') exist for whole
-- years and months only.
create table kpi_median_rollup (
    scope         text        not null,
    district_code varchar(40) not null,
    period        char(1)     not null,
    day           date        not null,
    package       varchar(30) not null,
    track         varchar(10) not null,
    buckets       int[]       not null,
    counts        int[]       not null,
    primary key (scope, district_code, period, day, package, track)
);
create index kpi_median_rollup_districts on kpi_median_rollup (scope, period, day)
    where package = '*' and district_code <> '*';
create index kpi_median_rollup_days on kpi_median_rollup (scope, day) where period = 'd' and package <> '*';
create index kpi_median_rollup_zero on kpi_median_rollup (scope) where counts = '{}';

-- the sum of two histograms (empty hours left out)
create function kpi_histogram_add(buckets1 int[], counts1 int[], buckets2 int[], counts2 int[],
                                  out buckets int[], out counts int[])
    language sql immutable as $$
    select coalesce(array_agg(h.bucket), '{}'), coalesce(array_agg(h.n), '{}')
    from (select x.bucket, sum(x.n)::int as n
          from (select * from unnest(buckets1, counts1) union all select * from unnest(buckets2, counts2)) x (bucket, n)
          group by x.bucket having sum(x.n) <> 0) h
$$;

-- the start of the roll-up row a day's figures are added to at each level: its year ('y', 1 January), its month
-- ('m', the 1st) and the day ('d')
create function kpi_period_start(period char(1), day date) returns date
    language sql immutable as $$
    select case period when 'y' then make_date(extract(year from day)::int, 1, 1)
                       when 'm' then day - extract(day from day)::int + 1
                       else day end
$$;

-- --- contributions: what the given participants (with the given referrals) and households add to each table ---------

-- the scopes of each participant: '*', each package and each package/track of their referrals
create function kpi_scopes(ps participant[], rs referral[]) returns table (participant_id uuid, scope text)
    language sql stable as $$
    select p.id, '*'::text from unnest(ps) p
    union
    select r.participant_id, r.package::text from unnest(rs) r
    union
    select r.participant_id, r.package || '/' || r.employment_track from unnest(rs) r
    where r.employment_track is not null
$$;

create function kpi_participant_rows(ps participant[], rs referral[])
    returns table (scope text, district_code varchar, day date, registered int, participants int,
                   ready_at_start int, activated int, not_ready int, closer int, assessed int, accepted int,
                   in_service int, closed int)
    language sql stable as $$
    select s.scope, p.district_code, kpi_day(p.created_at),
        count(*)::int,
        (count(*) filter (where p.consent_at is not null))::int,
        (count(*) filter (where p.ready_at_start))::int,
        (count(*) filter (where p.ready_at_start and kpi_activation(p.outcome)))::int,
        (count(*) filter (where not p.ready_at_start))::int,
        (count(*) filter (where not p.ready_at_start
                          and (p.outcome = 'closer-to-services' or kpi_activation(p.outcome))))::int,
        (count(*) filter (where p.assessed_at is not null))::int,
        (count(*) filter (where p.first_accepted_at is not null))::int,
        (count(*) filter (where p.status = 'in-service'))::int,
        (count(*) filter (where p.status = 'closed' and p.outcome is not null))::int
    from unnest(ps) p join kpi_scopes(ps, rs) s on s.participant_id = p.id
    group by 1, 2, 3
$$;

create function kpi_outcome_rows(ps participant[], rs referral[])
    returns table (scope text, district_code varchar, day date, outcome varchar, closed int)
    language sql stable as $$
    select s.scope, p.district_code, kpi_day(p.created_at), p.outcome, count(*)::int
    from unnest(ps) p join kpi_scopes(ps, rs) s on s.participant_id = p.id
    where p.status = 'closed' and p.outcome is not null
    group by 1, 2, 3, 4
$$;

-- each referral counted in its participant's scopes under '*' (any package), its package and its package/track
create function kpi_referral_groups(rs referral[])
    returns table (participant_id uuid, status varchar, decided_at timestamptz, package varchar, track varchar)
    language sql stable as $$
    select r.participant_id, r.status, r.decided_at, g.package, g.track
    from unnest(rs) r
    cross join lateral (values ('*'::varchar, ''::varchar), (r.package, ''), (r.package, r.employment_track)) g (package, track)
    where g.track is not null
$$;

create function kpi_referral_rows(ps participant[], rs referral[])
    returns table (scope text, district_code varchar, day date, package varchar, track varchar, referred int,
                   accepted int, accepted_referrals int, decided int)
    language sql stable as $$
    with per_participant as (
        select g.participant_id, g.package, g.track,
            count(*) filter (where g.status = 'accepted') as accepted,
            count(*) filter (where g.status in ('accepted', 'returned', 'returned-closed')) as decided
        from kpi_referral_groups(rs) g
        group by 1, 2, 3
    )
    select s.scope, p.district_code, kpi_day(p.created_at), g.package, g.track, count(*)::int,
        (count(*) filter (where g.accepted > 0))::int, sum(g.accepted)::int, sum(g.decided)::int
    from unnest(ps) p
    join kpi_scopes(ps, rs) s on s.participant_id = p.id
    join per_participant g on g.participant_id = p.id
    group by 1, 2, 3, 4, 5
$$;

create function kpi_median_rows(ps participant[], rs referral[])
    returns table (scope text, district_code varchar, day date, package varchar, track varchar, bucket int,
                   accepted int)
    language sql stable as $$
    select s.scope, p.district_code, kpi_day(p.created_at), g.package, g.track,
        floor(extract(epoch from (g.decided_at - p.created_at)) / 3600)::int, count(*)::int
    from unnest(ps) p
    join kpi_scopes(ps, rs) s on s.participant_id = p.id
    join kpi_referral_groups(rs) g on g.participant_id = p.id
    where g.status = 'accepted' and g.decided_at is not null
    group by 1, 2, 3, 4, 5, 6
$$;

-- households: ps must hold every participant of the households, rs their referrals
create function kpi_household_rows(hs household[], ps participant[], rs referral[])
    returns table (scope text, district_code varchar, day date, planned int, visited int, surveyed int)
    language sql stable as $$
    with scopes as (
        select h.id as household_id, '*'::text as scope from unnest(hs) h
        union
        select p.household_id, s.scope from unnest(ps) p join kpi_scopes(ps, rs) s on s.participant_id = p.id
    )
    select s.scope, h.district_code, kpi_day(h.created_at), count(*)::int,
        (count(*) filter (where h.status <> 'planned' or h.surveyed_at is not null))::int,
        (count(*) filter (where h.surveyed_at is not null))::int
    from unnest(hs) h join scopes s on s.household_id = h.id
    group by 1, 2, 3
$$;

-- --- deltas: after minus before, netted per key, zero rows left out --------------------------------------------------

create function kpi_participant_deltas(pb participant[], rb referral[], pa participant[], ra referral[])
    returns void language plpgsql as $$
begin
    insert into kpi_participant_delta
    select * from (
        select x.scope, x.district_code, x.day, sum(x.registered * x.sign)::int as registered,
            sum(x.participants * x.sign)::int as participants, sum(x.ready_at_start * x.sign)::int as ready_at_start,
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

    insert into kpi_referral_delta
    select * from (
        select x.scope, x.district_code, x.day, x.package, x.track, sum(x.referred * x.sign)::int as referred,
            sum(x.accepted * x.sign)::int as accepted, sum(x.accepted_referrals * x.sign)::int as accepted_referrals,
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

create function kpi_household_deltas(hb household[], pb participant[], rb referral[],
                                     ha household[], pa participant[], ra referral[])
    returns void language plpgsql as $$
begin
    insert into kpi_household_delta
    select * from (
        select x.scope, x.district_code, x.day, sum(x.planned * x.sign)::int as planned,
            sum(x.visited * x.sign)::int as visited, sum(x.surveyed * x.sign)::int as surveyed
        from (select -1 as sign, * from kpi_household_rows(hb, pb, rb)
              union all select 1, * from kpi_household_rows(ha, pa, ra)) x
        group by 1, 2, 3) d
    where (d.planned, d.visited, d.surveyed) <> (0, 0, 0);
end $$;

-- --- triggers ----------------------------------------------------------------------------------------------------------

-- The state after the statement for the given participants and households (locked first, participants before
-- households, so that concurrent changes to the same people are computed one after the other): the participants
-- themselves and every participant of the households, their referrals, the households.
create function kpi_current(pids uuid[], hids uuid[], out pa participant[], out ra referral[], out ha household[])
    language plpgsql as $$
begin
    perform 1 from participant p where p.id in (select unnest(pids)) order by p.id for no key update;
    perform 1 from household h where h.id in (select unnest(hids)) order by h.id for no key update;
    pa := array(select p from participant p where p.id in (select unnest(pids))
                union
                select p from participant p where p.household_id in (select unnest(hids)));
    ra := array(select r from referral r where r.participant_id in (select x.id from unnest(pa) x));
    ha := array(select h from household h where h.id in (select unnest(hids)));
end $$;

create function kpi_participant_changed() returns trigger language plpgsql as $$
declare
    o participant[] := '{}';
    n participant[] := '{}';
    pids uuid[];
    hids uuid[];
    cur record;
    pb participant[];
    rb referral[];
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
    pids := array(select x.id from unnest(o) x union select x.id from unnest(n) x);
    if cardinality(pids) = 0 then
        return null;
    end if;
    -- households whose participants change: rows added, removed or moved to another household
    hids := array(select household_id from (
                      (select x.id, x.household_id from unnest(o) x except select x.id, x.household_id from unnest(n) x)
                      union
                      (select x.id, x.household_id from unnest(n) x except select x.id, x.household_id from unnest(o) x)
                  ) moved);
    cur := kpi_current(pids, hids);
    pb := array(select x from unnest(cur.pa) x where not exists (select 1 from unnest(n) y where y.id = x.id)
                union all
                select x from unnest(o) x);
    -- the referrals of the people as they were, read once for both the participant and the household deltas
    rb := array(select r from referral r where r.participant_id in (select x.id from unnest(pb) x));
    perform kpi_participant_deltas(pb, rb, cur.pa, cur.ra);
    if cardinality(hids) > 0 then
        perform kpi_household_deltas(cur.ha, pb, rb, cur.ha, cur.pa, cur.ra);
    end if;
    return null;
end $$;

create function kpi_referral_changed() returns trigger language plpgsql as $$
declare
    o referral[] := '{}';
    n referral[] := '{}';
    pids uuid[];
    hids uuid[];
    cur record;
    rb referral[];
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
    cur := kpi_current(pids, hids);
    rb := array(select x from unnest(cur.ra) x where not exists (select 1 from unnest(n) y where y.id = x.id)
                union all
                select x from unnest(o) x);
    perform kpi_participant_deltas(cur.pa, rb, cur.pa, cur.ra);
    if cardinality(hids) > 0 then
        perform kpi_household_deltas(cur.ha, cur.pa, rb, cur.ha, cur.pa, cur.ra);
    end if;
    return null;
end $$;

create function kpi_household_changed() returns trigger language plpgsql as $$
declare
    o household[] := '{}';
    n household[] := '{}';
    hids uuid[];
    cur record;
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
    -- only the columns the figures read
    hids := array(select id from (
                      (select x.id, x.district_code, x.created_at, x.status, x.surveyed_at from unnest(o) x
                       except select x.id, x.district_code, x.created_at, x.status, x.surveyed_at from unnest(n) x)
                      union
                      (select x.id, x.district_code, x.created_at, x.status, x.surveyed_at from unnest(n) x
                       except select x.id, x.district_code, x.created_at, x.status, x.surveyed_at from unnest(o) x)
                  ) changed);
    if cardinality(hids) = 0 then
        return null;
    end if;
    cur := kpi_current('{}', hids);
    perform kpi_household_deltas(
        array(select x from unnest(cur.ha) x where not exists (select 1 from unnest(n) y where y.id = x.id)
              union all
              select x from unnest(o) x where x.id in (select unnest(hids))),
        cur.pa, cur.ra, cur.ha, cur.pa, cur.ra);
    return null;
end $$;

create trigger kpi_participant_insert after insert on participant referencing new table as new_rows
    for each statement execute function kpi_participant_changed();
create trigger kpi_participant_update after update on participant
    referencing old table as old_rows new table as new_rows
    for each statement execute function kpi_participant_changed();
create trigger kpi_participant_delete after delete on participant referencing old table as old_rows
    for each statement execute function kpi_participant_changed();
create trigger kpi_referral_insert after insert on referral referencing new table as new_rows
    for each statement execute function kpi_referral_changed();
create trigger kpi_referral_update after update on referral referencing old table as old_rows new table as new_rows
    for each statement execute function kpi_referral_changed();
create trigger kpi_referral_delete after delete on referral referencing old table as old_rows
    for each statement execute function kpi_referral_changed();
create trigger kpi_household_insert after insert on household referencing new table as new_rows
    for each statement execute function kpi_household_changed();
create trigger kpi_household_update after update on household
    referencing old table as old_rows new table as new_rows
    for each statement execute function kpi_household_changed();
create trigger kpi_household_delete after delete on household referencing old table as old_rows
    for each statement execute function kpi_household_changed();

-- --- fold and rebuild ------------------------------------------------------------------------------------------------

-- Moves the deltas visible now into the roll-up (deltas committed meanwhile stay for the next fold) and drops roll-up
-- rows that became all zero. Callers hold the fold lock (kpi_fold) or block writers (kpi_rebuild).
create function kpi_fold_deltas() returns void language plpgsql as $$
begin
    with d as (delete from kpi_participant_delta returning *)
    insert into kpi_participant_rollup as t
    select d.scope, l.period, kpi_period_start(l.period, d.day), d.district_code, sum(registered), sum(participants),
        sum(ready_at_start), sum(activated), sum(not_ready), sum(closer), sum(assessed), sum(accepted),
        sum(in_service), sum(closed)
    from d cross join (values ('y'::char(1)), ('m'), ('d')) l (period)
    group by 1, 2, 3, 4
    on conflict (scope, period, day, district_code) do update set
        registered = t.registered + excluded.registered, participants = t.participants + excluded.participants,
        ready_at_start = t.ready_at_start + excluded.ready_at_start, activated = t.activated + excluded.activated,
        not_ready = t.not_ready + excluded.not_ready, closer = t.closer + excluded.closer,
        assessed = t.assessed + excluded.assessed, accepted = t.accepted + excluded.accepted,
        in_service = t.in_service + excluded.in_service, closed = t.closed + excluded.closed;
    delete from kpi_participant_rollup
    where registered = 0 and participants = 0 and ready_at_start = 0 and activated = 0 and not_ready = 0
      and closer = 0 and assessed = 0 and accepted = 0 and in_service = 0 and closed = 0;

    with d as (delete from kpi_outcome_delta returning *)
    insert into kpi_outcome_rollup as t
    select d.scope, l.period, kpi_period_start(l.period, d.day), d.district_code, d.outcome, sum(closed)
    from d cross join (values ('y'::char(1)), ('m'), ('d')) l (period)
    group by 1, 2, 3, 4, 5
    on conflict (scope, period, day, district_code, outcome) do update set closed = t.closed + excluded.closed;
    delete from kpi_outcome_rollup where closed = 0;

    with d as (delete from kpi_household_delta returning *)
    insert into kpi_household_rollup as t
    select d.scope, l.period, kpi_period_start(l.period, d.day), d.district_code, sum(planned), sum(visited),
        sum(surveyed)
    from d cross join (values ('y'::char(1)), ('m'), ('d')) l (period)
    group by 1, 2, 3, 4
    on conflict (scope, period, day, district_code) do update set planned = t.planned + excluded.planned,
        visited = t.visited + excluded.visited, surveyed = t.surveyed + excluded.surveyed;
    delete from kpi_household_rollup where planned = 0 and visited = 0 and surveyed = 0;

    with d as (delete from kpi_referral_delta returning *)
    insert into kpi_referral_rollup as t
    select d.scope, l.period, kpi_period_start(l.period, d.day), d.district_code, d.package, d.track, sum(referred),
        sum(accepted),
        sum(accepted_referrals), sum(decided)
    from d cross join (values ('y'::char(1)), ('m'), ('d')) l (period)
    group by 1, 2, 3, 4, 5, 6
    on conflict (scope, period, day, district_code, package, track) do update
        set referred = t.referred + excluded.referred, accepted = t.accepted + excluded.accepted,
        accepted_referrals = t.accepted_referrals + excluded.accepted_referrals,
        decided = t.decided + excluded.decided;
    delete from kpi_referral_rollup where referred = 0 and accepted = 0 and accepted_referrals = 0 and decided = 0;

    -- each district's rows and the city-wide ones (district '*') of years and months, one histogram per key
    with d as (delete from kpi_median_delta returning *),
    n as (
        select d.scope, c.district_code, l.period, kpi_period_start(l.period, d.day) as day, d.package, d.track,
            d.bucket, sum(d.accepted)::int as n
        from d cross join (values ('y'::char(1)), ('m'), ('d')) l (period)
        cross join lateral (values (d.district_code), ('*'::varchar)) c (district_code)
        where c.district_code <> '*' or l.period <> 'd'
        group by 1, 2, 3, 4, 5, 6, 7
        having sum(d.accepted) <> 0
    )
    insert into kpi_median_rollup as t
    select scope, district_code, period, day, package, track, array_agg(bucket), array_agg(n)
    from n group by 1, 2, 3, 4, 5, 6
    on conflict (scope, district_code, period, day, package, track) do update
        set (buckets, counts) = (select * from kpi_histogram_add(t.buckets, t.counts, excluded.buckets,
                                                                 excluded.counts));
    delete from kpi_median_rollup where counts = '{}';
end $$;

-- One node folds at a time (the others skip this round): false when another transaction holds the fold lock.
create function kpi_fold() returns boolean language plpgsql as $$
begin
    if not pg_try_advisory_xact_lock(hashtext('kpi_fold')) then
        return false;
    end if;
    perform kpi_fold_deltas();
    return true;
end $$;

-- Adds the contribution of the given households, their participants and the participants' referrals to the deltas,
-- as rows that were not counted before (kpi_rebuild, in batches).
create function kpi_add(hids uuid[]) returns void language plpgsql as $$
declare
    hs household[];
    ps participant[];
    rs referral[];
begin
    hs := array(select h from household h where h.id in (select unnest(hids)));
    ps := array(select p from participant p where p.household_id in (select unnest(hids)));
    rs := array(select r from referral r where r.participant_id in (select x.id from unnest(ps) x));
    perform kpi_participant_deltas('{}', '{}', ps, rs);
    perform kpi_household_deltas('{}', '{}', '{}', hs, ps, rs);
end $$;

-- Recomputes the whole roll-up from the participant, referral and household tables (writers wait meanwhile): the
-- back-fill here, after bulk loads with the triggers off (set local fourim.kpi_triggers = 'off'; the benchmark's
-- city generator) and after changes the triggers do not see (TRUNCATE, a data-modifying statement across the
-- tables). Every participant belongs to a household, so going through the households in batches counts everybody
-- once.
create function kpi_rebuild() returns void language plpgsql as $$
declare
    hids uuid[];
begin
    lock table household, participant, referral in share mode;
    perform pg_advisory_xact_lock(hashtext('kpi_fold'));
    truncate kpi_participant_rollup, kpi_outcome_rollup, kpi_household_rollup, kpi_referral_rollup, kpi_median_rollup,
        kpi_participant_delta, kpi_outcome_delta, kpi_household_delta, kpi_referral_delta, kpi_median_delta;
    set local work_mem = '256MB';
    for hids in
        select array_agg(b.id) from (
            select h.id, (row_number() over (order by h.id) - 1) / 20000 as batch from household h
        ) b group by b.batch order by b.batch
    loop
        perform kpi_add(hids);
    end loop;
    -- one fold of all day rows: each year and month row is written once
    perform kpi_fold_deltas();
    -- the emptied delta tables would otherwise keep their pages until a vacuum, and the summary reads them whole
    truncate kpi_participant_delta, kpi_outcome_delta, kpi_household_delta, kpi_referral_delta, kpi_median_delta;
end $$;

select kpi_rebuild();
