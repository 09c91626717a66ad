-- 0005: alerts, the record of what was sent where and when (harbor.alerts).
-- One row per (subject, destination): the unique key is what makes "alerted once" hold
-- across reruns, retried tasks and two workers racing. The destination is a digest of the
-- webhook URL, never the URL (Slack and Discord put the token in it).
-- subject_kind 'theme' is for the theme-growth alert; subject_id is a post id or a theme id.

CREATE TABLE IF NOT EXISTS {schema}.alerts (
    alert_id bigserial PRIMARY KEY,
    subject_kind varchar NOT NULL CHECK (subject_kind IN ('opportunity', 'theme')),
    subject_id varchar NOT NULL,
    destination varchar NOT NULL,
    payload jsonb NOT NULL,
    status varchar NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    claimed_until timestamptz,
    sent_at timestamptz,
    last_http_status integer,
    error text,
    UNIQUE (subject_kind, subject_id, destination)
);
CREATE INDEX IF NOT EXISTS alerts_due
    ON {schema}.alerts (destination, next_attempt_at) WHERE status IN ('pending', 'sending');
