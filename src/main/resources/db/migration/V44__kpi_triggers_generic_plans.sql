-- The KPI triggers' statements that read the changed people (V42's kpi_current, the "as they were" referrals) take
-- the changed ids as an array. PL/pgSQL caches their plans, but PostgreSQL's plan cache kept choosing a custom plan
-- for them (the generic plan's estimate for "id in (select unnest($1))" is higher than a one-id custom plan's), so
-- each was planned again on every trigger run: pg_stat_statements counted 301 plans for 300 runs, and the planning
-- was about half of a trigger run (a participant's status change: 1.1 ms, 0.5 ms with generic plans). The generic
-- plan looks each id up by its primary key or foreign-key index, as the custom one does.
alter function kpi_current(uuid[], uuid[]) set plan_cache_mode = force_generic_plan;
alter function kpi_participant_changed() set plan_cache_mode = force_generic_plan;
alter function kpi_referral_changed() set plan_cache_mode = force_generic_plan;
alter function kpi_household_changed() set plan_cache_mode = force_generic_plan;
