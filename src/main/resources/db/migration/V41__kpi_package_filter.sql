-- The KPI package filter (/api/kpi/*?package=…): participants with a referral to the package are found from the
-- referral side (package first, then the participant) and households through their participants.
create index referral_package on referral (package, employment_track, participant_id);
create index participant_household on participant (household_id);
