-- 0002: the learned problem detector and people's verdicts.
-- submissions.filter_score is the classifier's calibrated score (0..1) of a post and
-- filter_model the version of the model that gave it; rows stored before have neither.
-- post_labels holds one verdict per post (a re-label replaces the earlier one).

ALTER TABLE {schema}.submissions ADD COLUMN IF NOT EXISTS "filter_score" double precision;
ALTER TABLE {schema}.submissions ADD COLUMN IF NOT EXISTS "filter_model" varchar;

CREATE TABLE IF NOT EXISTS {schema}.post_labels (
    post_id varchar PRIMARY KEY,
    label smallint NOT NULL CHECK (label IN (0, 1)),
    kind varchar NOT NULL CHECK (kind IN
        ('pain', 'solution_request', 'advice', 'money_talk', 'none')),
    source varchar NOT NULL,
    labelled_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((label = 0) = (kind = 'none'))
);
