-- Migrations of running cases to a new process version, started by a manager in the migration tool or automatically
-- on deploy. The engine's batch runs the migration; these rows remember which cases were meant to move and which
-- were left on the old version (and why), so the tool can report afterwards what moved.
create table migration_run (
    batch_id             varchar(64)  primary key,
    process_key          varchar(255) not null,
    source_definition_id varchar(64)  not null,
    source_version       int          not null,
    target_definition_id varchar(64)  not null,
    target_version       int          not null,
    -- the manager's own activity mappings, [{"from": …, "to": …}]; equal activities are mapped automatically
    mappings             jsonb        not null default '[]'::jsonb,
    started_by           varchar(255) not null,
    automatic            boolean      not null default false,
    started_at           timestamptz  not null default now()
);

create index migration_run_started on migration_run (started_at desc);

create table migration_run_instance (
    batch_id            varchar(64)  not null references migration_run (batch_id) on delete cascade,
    process_instance_id varchar(64)  not null,
    business_key        varchar(255),
    -- true: part of the batch; false: left on the source version by the dry run, see reason
    planned             boolean      not null,
    activities          text         not null,
    reason              text,
    primary key (batch_id, process_instance_id)
);
