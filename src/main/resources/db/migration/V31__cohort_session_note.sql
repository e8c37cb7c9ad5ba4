-- The attendance form has one note per session (the per-member rows of a dynamic list are gone: bpmn-io/form-js#1494).
alter table cohort_session add column note varchar(1000);
