"""Posts and listings carry Reddit's field set, with Reddit's JSON types."""

from __future__ import annotations

import json
from typing import Any

import pytest

from harbor.sandbox.about import subreddit_json
from harbor.sandbox.config import SandboxConfig
from harbor.sandbox.corpus import Corpus, Page
from harbor.sandbox.things import escape_entities, listing_json, t3_json

NOW = 1_800_000_000.0
INT, FLOAT, STR, BOOL, NULL = int, float, str, bool, type(None)
LIST, DICT = list, dict

# fields present on (nearly) every modern post, with the JSON types Reddit sends
EXPECTED: dict[str, tuple[type, ...]] = {
    "id": (STR,),
    "name": (STR,),
    "subreddit": (STR,),
    "subreddit_id": (STR,),
    "subreddit_name_prefixed": (STR,),
    "title": (STR,),
    "selftext": (STR,),
    "selftext_html": (STR, NULL),
    "author": (STR,),
    "created": (FLOAT,),
    "created_utc": (FLOAT,),
    "score": (INT,),
    "ups": (INT,),
    "downs": (INT,),
    "num_comments": (INT,),
    "upvote_ratio": (FLOAT,),
    "url": (STR,),
    "permalink": (STR,),
    "domain": (STR,),
    "over_18": (BOOL,),
    "is_self": (BOOL,),
    "is_video": (BOOL,),
    "link_flair_text": (STR, NULL),
    "link_flair_richtext": (LIST,),
    "edited": (BOOL, FLOAT),
    "stickied": (BOOL,),
    "locked": (BOOL,),
    "archived": (BOOL,),
    "removed_by_category": (STR, NULL),
    "media": (DICT, NULL),
    "secure_media": (DICT, NULL),
    "media_embed": (DICT,),
    "secure_media_embed": (DICT,),
    "all_awardings": (LIST,),
    "gildings": (DICT,),
    "awarders": (LIST,),
    "treatment_tags": (LIST,),
    "thumbnail": (STR,),
    "total_awards_received": (INT,),
    "gilded": (INT,),
    "num_crossposts": (INT,),
    "subreddit_subscribers": (INT,),
    "spoiler": (BOOL,),
    "distinguished": (STR, NULL),
    "likes": (BOOL, NULL),
    "mod_reports": (LIST,),
    "user_reports": (LIST,),
    "thumbnail_height": (INT, NULL),
    "thumbnail_width": (INT, NULL),
    "pinned": (BOOL,),
    "hidden": (BOOL,),
    "saved": (BOOL,),
    "clicked": (BOOL,),
    "visited": (BOOL,),
    "quarantine": (BOOL,),
    "wls": (INT, NULL),
    "pwls": (INT, NULL),
}


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    config = SandboxConfig(subreddits=("SaaS",), initial_posts=1000, rate=0)
    return Corpus.build(config, NOW)


def data(corpus: Corpus, now: float = NOW, raw: bool = True) -> list[dict[str, Any]]:
    posts = corpus.subs["saas"].posts
    return [json.loads(t3_json(p, now, raw))["data"] for p in posts]


def test_every_post_has_reddits_fields_with_reddits_types(corpus: Corpus) -> None:
    for post in data(corpus):
        assert len(post) >= 95
        for name, types in EXPECTED.items():
            assert name in post, name
            value = post[name]
            assert type(value) in types, (name, value)
        assert post["name"] == f"t3_{post['id']}"
        assert post["created_utc"] == post["created"] and post["created_utc"].is_integer()
        assert post["permalink"].startswith(f"/r/SaaS/comments/{post['id']}/")
        assert post["ups"] == post["score"] and post["downs"] == 0


def test_self_and_link_posts_differ_like_on_reddit(corpus: Corpus) -> None:
    posts = data(corpus)
    selfs = [p for p in posts if p["is_self"]]
    links = [p for p in posts if not p["is_self"]]
    assert all(p["domain"] == "self.SaaS" and p["thumbnail"] == "self" for p in selfs)
    assert all("preview" not in p for p in selfs)
    assert links and all(
        isinstance(p["preview"], dict) and p["post_hint"] and p["selftext"] == "" for p in links
    )
    assert all(p["selftext_html"] is None for p in links)
    images = [p for p in links if p["post_hint"] == "image"]
    assert images and all(p["domain"] == "i.redd.it" for p in images)


def test_flair_fields_follow_the_flair(corpus: Corpus) -> None:
    for post in data(corpus):
        if post["link_flair_text"]:
            assert post["link_flair_richtext"] == [{"e": "text", "t": post["link_flair_text"]}]
            assert "link_flair_template_id" in post
        else:
            assert post["link_flair_richtext"] == [] and "link_flair_template_id" not in post


def test_deleted_and_removed_posts_look_like_reddits(corpus: Corpus) -> None:
    later = data(corpus, NOW + 30 * 86400)
    deleted = [p for p in later if p["removed_by_category"] == "deleted"]
    removed = [p for p in later if p["removed_by_category"] == "moderator"]
    assert deleted and removed
    for post in deleted:
        assert post["author"] == "[deleted]" and "author_fullname" not in post
        assert post["selftext"] == ("[deleted]" if post["is_self"] else "")
    for post in removed:
        assert post["author"] != "[deleted]" and "author_fullname" in post
        assert post["selftext"] == ("[removed]" if post["is_self"] else "")
    edited = [p for p in later if p["edited"] is not False]
    assert edited and all(isinstance(p["edited"], float) for p in edited)


def test_without_raw_json_entities_are_escaped(corpus: Corpus) -> None:
    post = corpus.subs["saas"].posts[-1]
    post.admin_selftext = "Tom & Jerry <3 >_<"
    post.version += 1
    raw = json.loads(t3_json(post, NOW, True))["data"]
    escaped = json.loads(t3_json(post, NOW, False))["data"]
    assert raw["selftext"] == "Tom & Jerry <3 >_<"
    assert escaped["selftext"] == "Tom &amp; Jerry &lt;3 &gt;_&lt;"
    assert escaped["selftext_html"].startswith("&lt;!-- SC_OFF --&gt;")
    assert escape_entities({"a": ["<b>"], "n": 1}) == {"a": ["&lt;b&gt;"], "n": 1}


def test_listing_is_shaped_like_reddits(corpus: Corpus) -> None:
    page = corpus.listing("saas", limit=5)
    listing = json.loads(listing_json(page, NOW, True))
    assert listing["kind"] == "Listing"
    assert set(listing["data"]) == {"after", "dist", "modhash", "geo_filter", "children", "before"}
    assert listing["data"]["dist"] == 5 and listing["data"]["after"] == page.after
    assert [c["kind"] for c in listing["data"]["children"]] == ["t3"] * 5
    empty = json.loads(listing_json(Page([], None, None), NOW, True))
    assert empty["data"]["children"] == [] and empty["data"]["after"] is None


def test_about_is_a_t5(corpus: Corpus) -> None:
    about = json.loads(subreddit_json(corpus.subs["saas"]))
    assert about["kind"] == "t5"
    assert about["data"]["display_name"] == "SaaS"
    assert about["data"]["name"] == f"t5_{about['data']['id']}"
    assert isinstance(about["data"]["subscribers"], int)
