-- 0004: duplicates, themes and comment evidence.
-- Adds only: a nullable column on submissions and new tables. See harbor/duplicates,
-- harbor/theming and harbor/evidence for what each row means.

-- the canonical post of a crosspost or near-duplicate; null for a canonical post
ALTER TABLE {schema}.submissions ADD COLUMN IF NOT EXISTS duplicate_of varchar;
CREATE INDEX IF NOT EXISTS submissions_duplicate_of
    ON {schema}.submissions (duplicate_of) WHERE duplicate_of IS NOT NULL;

-- one row per post whose duplicate question was answered, for the text it had then
CREATE TABLE IF NOT EXISTS {schema}.post_fingerprints (
    post_id varchar PRIMARY KEY,
    text_hash varchar NOT NULL,
    minhash bytea,
    canonical_id varchar NOT NULL,
    reason varchar NOT NULL
        CHECK (reason IN ('canonical', 'crosspost', 'same_text', 'near_text')),
    similarity real,
    decided_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS post_fingerprints_text_hash
    ON {schema}.post_fingerprints (text_hash);
CREATE INDEX IF NOT EXISTS post_fingerprints_canonical
    ON {schema}.post_fingerprints (canonical_id);

-- MinHash LSH bands: posts that share a band are near-duplicate candidates
CREATE TABLE IF NOT EXISTS {schema}.post_bands (
    band bigint NOT NULL,
    post_id varchar NOT NULL,
    PRIMARY KEY (band, post_id)
);
CREATE INDEX IF NOT EXISTS post_bands_post ON {schema}.post_bands (post_id);

-- every write to a theme takes the next number, so a process reads only what changed
CREATE SEQUENCE IF NOT EXISTS {schema}.themes_revision;

-- a theme's id is 'th_' and the id of the post that founded it: never reused, never
-- renumbered. A merged theme keeps its row and points at the theme it went into.
CREATE TABLE IF NOT EXISTS {schema}.themes (
    theme_id varchar PRIMARY KEY,
    founded_by varchar NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    posts integer NOT NULL,
    vector bytea NOT NULL,
    terms jsonb NOT NULL DEFAULT '{}'::jsonb,
    label text,
    label_source varchar CHECK (label_source IN ('terms', 'llm')),
    label_posts integer,
    labelled_at timestamptz,
    label_claimed_at timestamptz,
    merged_into varchar REFERENCES {schema}.themes (theme_id),
    revision bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS themes_revision_idx ON {schema}.themes (revision);

-- which opportunity belongs to which theme; theme_id null: looked at, too little text
-- to start a theme and near none
CREATE TABLE IF NOT EXISTS {schema}.theme_members (
    post_id varchar PRIMARY KEY,
    theme_id varchar REFERENCES {schema}.themes (theme_id),
    similarity real,
    assigned_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS theme_members_theme ON {schema}.theme_members (theme_id);

CREATE TABLE IF NOT EXISTS {schema}.theme_merges (
    merged_id varchar PRIMARY KEY REFERENCES {schema}.themes (theme_id),
    into_id varchar NOT NULL REFERENCES {schema}.themes (theme_id),
    similarity real NOT NULL,
    posts integer NOT NULL,
    merged_at timestamptz NOT NULL DEFAULT now()
);

-- document frequency of terms over themed posts, and the running mean of their
-- embeddings: the corpus statistics every process weighs a new post with
CREATE TABLE IF NOT EXISTS {schema}.theme_terms (
    term varchar PRIMARY KEY,
    posts integer NOT NULL
);
CREATE TABLE IF NOT EXISTS {schema}.theme_space (
    id smallint PRIMARY KEY CHECK (id = 1),
    posts bigint NOT NULL,
    dense_sum bytea NOT NULL,
    model varchar NOT NULL
);

-- comments read once per opportunity, as evidence of demand
CREATE TABLE IF NOT EXISTS {schema}.comment_fetches (
    post_id varchar PRIMARY KEY,
    status varchar NOT NULL CHECK (status IN ('running', 'done', 'retry', 'failed')),
    attempts integer NOT NULL DEFAULT 0,
    lease_until timestamptz,
    next_attempt_at timestamptz,
    comments_read integer,
    agreeing integer,
    demand_bonus smallint,
    total_bonus double precision,
    fetched_at timestamptz,
    error text
);
CREATE TABLE IF NOT EXISTS {schema}.comment_evidence (
    post_id varchar NOT NULL,
    comment_id varchar NOT NULL,
    author varchar,
    body text NOT NULL,
    score bigint,
    kind varchar NOT NULL CHECK (kind IN ('agreement', 'same_problem', 'other')),
    created_utc timestamptz,
    permalink varchar,
    PRIMARY KEY (post_id, comment_id)
);
