"""The catalog of submission fields Reddit sends, each with the one column type we give it.

Reddit's fields drift in type over the years (`edited` is false or a float, ids and
media shapes vary). Declaring one type per known field keeps dlt from inventing variant
columns, and lets the legacy collector write exactly the same values.
"""

from __future__ import annotations

from typing import Literal

__all__ = [
    "BUSINESS_COLUMNS",
    "COLUMN_TYPES",
    "FIELD_TYPES",
    "OUR_COLUMNS",
    "PG_TYPES",
    "FieldType",
]

FieldType = Literal["text", "bigint", "double", "bool", "timestamp", "json"]

# the Postgres type dlt gives each of its data types; our own DDL uses the same
PG_TYPES: dict[str, str] = {
    "text": "varchar",
    "bigint": "bigint",
    "double": "double precision",
    "bool": "boolean",
    "timestamp": "timestamp with time zone",
    "json": "jsonb",
}

_TEXT = """
    approved_by author author_flair_background_color author_flair_css_class
    author_flair_template_id author_flair_text author_flair_text_color author_flair_type
    author_fullname banned_by category crosspost_parent discussion_type distinguished domain
    from from_id from_kind id link_flair_background_color link_flair_css_class
    link_flair_template_id link_flair_text link_flair_text_color link_flair_type mod_note
    mod_reason_by mod_reason_title name parent_whitelist_status permalink post_hint
    removal_reason removed_by removed_by_category rte_mode selftext selftext_html subreddit
    subreddit_id subreddit_name_prefixed subreddit_type suggested_sort thumbnail title
    top_awarded_type url url_overridden_by_dest whitelist_status
"""
_BOOL = """
    allow_live_comments approved archived author_cakeday author_is_blocked author_patreon_flair
    author_premium brand_safe can_gild can_mod_post clicked contest_mode hidden hide_score
    ignore_reports is_created_from_ads_ui is_crosspostable is_gallery is_meta
    is_original_content is_reddit_media_domain is_robot_indexable is_self is_video likes
    locked media_only no_follow over_18 pinned quarantine removed saved send_replies spam
    spoiler stickied visited
"""
_BIGINT = """
    downs gilded num_comments num_crossposts num_duplicates num_reports pwls score
    subreddit_subscribers thumbnail_height thumbnail_width total_awards_received ups
    view_count wls
"""
# reddit's own epoch fields; `created_utc` alone becomes a timestamptz (the contract)
# `edited` is false or a float: one double column, NULL where Reddit said false
_DOUBLE = "approved_at_utc banned_at_utc created edited upvote_ratio"
_JSON = """
    all_awardings author_flair_richtext awarders content_categories crosspost_parent_list
    gallery_data gildings link_flair_richtext media media_embed media_metadata
    mod_reports poll_data preview previous_visits report_reasons secure_media
    secure_media_embed steward_reports treatment_tags user_reports user_reports_dismissed
"""


def _table() -> dict[str, FieldType]:
    table: dict[str, FieldType] = {}
    kinds: tuple[tuple[str, FieldType], ...] = (
        (_TEXT, "text"),
        (_BOOL, "bool"),
        (_BIGINT, "bigint"),
        (_DOUBLE, "double"),
        (_JSON, "json"),
    )
    for names, kind in kinds:
        for name in names.split():
            table[name] = kind
    table["created_utc"] = "timestamp"
    return table


FIELD_TYPES: dict[str, FieldType] = _table()

# columns that are ours, not Reddit's
OUR_COLUMNS: dict[str, FieldType] = {
    "matched_keywords": "json",
    "filter_score": "double",
    "filter_model": "text",
    "collected_via": "text",
    "first_seen_at": "timestamp",
    "last_seen_at": "timestamp",
}

COLUMN_TYPES: dict[str, FieldType] = {**FIELD_TYPES, **OUR_COLUMNS}

# what both collectors must write identically (compare checks these, and any column
# schema evolution adds); bookkeeping columns are left out on purpose
BUSINESS_COLUMNS: tuple[str, ...] = (
    *sorted(FIELD_TYPES),
    "matched_keywords",
    "filter_score",
    "filter_model",
)
