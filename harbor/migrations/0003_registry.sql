-- 0003: the subreddit registry, and the possible gap of a collection run.
-- `subreddits` lists what is collected, each in a group (an audience such as saas), with
-- what the scheduler learns of it: its post rate, the cadence planned from it, when it is
-- due next, the newest post its last run saw (the gap check compares the next run's
-- oldest post with it), and whether Reddit refuses it (404/403) and until when it is left
-- alone. A removed subreddit stays as a row with active = false, so its posts keep their
-- group in reports.

CREATE TABLE IF NOT EXISTS {schema}.subreddits (
    name varchar NOT NULL,
    "group" varchar NOT NULL DEFAULT 'default',
    active boolean NOT NULL DEFAULT true,
    added_at timestamptz NOT NULL DEFAULT now(),
    posts_per_hour double precision,
    cadence_s double precision,
    next_due_at timestamptz,
    last_run_at timestamptz,
    newest_seen_at timestamptz,
    last_gap_at timestamptz,
    unavailable_status smallint,
    unavailable_reason text,
    unavailable_since timestamptz,
    unavailable_until timestamptz,
    unavailable_count integer NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX IF NOT EXISTS subreddits_name ON {schema}.subreddits (lower(name));
CREATE INDEX IF NOT EXISTS subreddits_group ON {schema}.subreddits (lower("group"));

ALTER TABLE {schema}.collection_runs ADD COLUMN IF NOT EXISTS gap boolean NOT NULL DEFAULT false;
CREATE INDEX IF NOT EXISTS collection_runs_gap
    ON {schema}.collection_runs (started_at DESC) WHERE gap;
