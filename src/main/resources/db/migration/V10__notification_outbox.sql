-- E-mail notifications. Mails are written to the outbox in the same transaction as the engine step that causes
-- them and sent later by the outbox sender; the unique dedupe key stops the same mail being queued twice for the
-- same person (a retried job, a second server node, a repeated digest run).
create table notification_outbox (
    id                bigserial    primary key,
    -- identifies the event and the recipient, e.g. assign:<taskId>:<userId>, digest:<userId>:<periodStart>
    dedupe_key        text         not null unique,
    recipient_user_id varchar(255) not null,
    recipient_email   varchar(320) not null,
    template          varchar(60)  not null,
    subject           varchar(300) not null,
    -- only case reference, first name and task data (see NotificationService); the body is rendered when sent
    params            jsonb        not null default '{}'::jsonb,
    status            varchar(10)  not null default 'pending' check (status in ('pending', 'sent', 'parked')),
    attempts          integer      not null default 0,
    next_attempt_at   timestamptz  not null default now(),
    last_error        text,
    created_at        timestamptz  not null default now(),
    sent_at           timestamptz,
    -- a sender's lease on the row while it talks to the SMTP server
    claimed_by        varchar(100),
    claimed_until     timestamptz
);

create index notification_outbox_due on notification_outbox (next_attempt_at, id) where status = 'pending';
create index notification_outbox_parked on notification_outbox (created_at) where status = 'parked';
create index notification_outbox_sent on notification_outbox (sent_at) where status = 'sent';

-- Per-user choices; a user without a row gets the defaults.
create table notification_preference (
    user_id        varchar(255) primary key,
    digest_enabled boolean      not null default true,
    updated_at     timestamptz  not null default now()
);

-- How far the task digest has covered each user's candidate tasks (tasks created before covered_until).
create table notification_digest_state (
    user_id       varchar(255) primary key,
    covered_until timestamptz  not null
);

-- The built-in dev mailbox: where mail goes when no SMTP server (SPRING_MAIL_HOST) is configured.
create table dev_mailbox (
    id          bigserial    primary key,
    message_id  varchar(300),
    recipients  text         not null,
    subject     text         not null,
    text_body   text,
    html_body   text,
    received_at timestamptz  not null default now()
);
