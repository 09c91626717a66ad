"""Reddit's JSON for the sandbox's posts (t3) and listings of them.

The t3 data carries Reddit's modern field set with Reddit's JSON types (see
docs/reddit-fields.md): nested objects for media and previews, lists for awards and
flair richtext, `edited` as false or a float, fields missing on deleted authors. The
static part of a post is serialised once per state and cached; only the engagement
numbers are formatted per request, so a page of 100 posts costs little.
"""

from __future__ import annotations

import json
from random import Random
from typing import Any
from urllib.parse import urlsplit

from harbor.sandbox.corpus import Page
from harbor.sandbox.post import Post, Subreddit, View, username
from harbor.sandbox.text import selftext_html, slug

__all__ = ["escape_entities", "listing_json", "t3_data", "t3_json"]

_FLAIR_COLOURS = ("#ffd635", "#46d160", "#0079d3", "#ff4500", "#7193ff", "", "#edeff1")
_AUTHOR_FLAIRS = ("Founder", "Freelancer", "Verified", "Moderator of nothing", "Bootstrapper")
_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789"
_DUMPS = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode


def _token(rng: Random, length: int = 13) -> str:
    return "".join(rng.choice(_LETTERS) for _ in range(length))


def _uuid(rng: Random) -> str:
    h = f"{rng.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def escape_entities(value: Any) -> Any:
    """Reddit's legacy escaping of &, < and > in every string (what raw_json=1 turns off)."""
    if isinstance(value, str):
        if "&" in value or "<" in value or ">" in value:
            return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return value
    if isinstance(value, dict):
        return {k: escape_entities(v) for k, v in value.items()}
    if isinstance(value, list):
        return [escape_entities(v) for v in value]
    return value


def _image(rng: Random, base: str, width: int, height: int) -> dict[str, Any]:
    signature = _token(rng, 40)
    resolutions = [
        {
            "url": f"{base}?width={w}&crop=smart&auto=webp&s={signature[:20]}{w}",
            "width": w,
            "height": height * w // width,
        }
        for w in (108, 216, 320, 640)
        if w < width
    ]
    return {
        "source": {"url": f"{base}?auto=webp&s={signature}", "width": width, "height": height},
        "resolutions": resolutions,
        "variants": {},
        "id": _token(rng, 43),
    }


def _media(rng: Random, post: Post, title: str) -> dict[str, Any]:
    """url, domain, preview, media and thumbnail fields, by the kind of post."""
    draft = post.draft
    kind = draft.media
    out: dict[str, Any] = {
        "media": None,
        "secure_media": None,
        "media_embed": {},
        "secure_media_embed": {},
        "thumbnail": "self",
        "thumbnail_height": None,
        "thumbnail_width": None,
        "is_reddit_media_domain": kind in ("image", "video"),
        "is_video": kind == "video",
    }
    if kind == "self":
        out["url"] = f"https://www.reddit.com/r/{post.sub.name}/comments/{post.id}/{slug(title)}/"
        out["domain"] = f"self.{post.sub.name}"
        return out
    width, height = rng.choice(((1200, 630), (1080, 1080), (1920, 1080), (800, 600)))
    token = _token(rng)
    if kind == "image":
        url = f"https://i.redd.it/{token}.jpeg"
        preview_base = f"https://preview.redd.it/{token}.jpeg"
        out["post_hint"] = "image"
    elif kind == "video":
        url = f"https://v.redd.it/{token}"
        preview_base = f"https://external-preview.redd.it/{_token(rng, 43)}.png"
        out["post_hint"] = "hosted:video"
        video = {
            "reddit_video": {
                "bitrate_kbps": 2400,
                "fallback_url": f"{url}/DASH_720.mp4?source=fallback",
                "has_audio": True,
                "height": 720,
                "width": 1280,
                "scrubber_media_url": f"{url}/DASH_96.mp4",
                "dash_url": f"{url}/DASHPlaylist.mpd?a={_token(rng, 20)}&v=1&f=sd",
                "duration": rng.randint(8, 180),
                "hls_url": f"{url}/HLSPlaylist.m3u8?a={_token(rng, 20)}&v=1&f=sd",
                "is_gif": False,
                "transcoding_status": "completed",
            }
        }
        out["media"] = video
        out["secure_media"] = video
    else:
        url = draft.url or "https://example.com/"
        preview_base = f"https://external-preview.redd.it/{_token(rng, 43)}.jpg"
        out["post_hint"] = "rich:video" if kind == "youtube" else "link"
    if kind == "youtube":
        video_id = url.rsplit("=", 1)[-1]
        frame = (
            f'<iframe width="356" height="200" src="https://www.youtube.com/embed/{video_id}'
            f'?feature=oembed&enablejsapi=1" frameborder="0" allowfullscreen '
            f'title="{title[:60]}"></iframe>'
        )
        oembed = {
            "provider_url": "https://www.youtube.com/",
            "version": "1.0",
            "title": title,
            "type": "video",
            "thumbnail_width": 480,
            "height": 200,
            "width": 356,
            "html": frame,
            "author_name": username(post.author_index + 17),
            "provider_name": "YouTube",
            "thumbnail_url": f"https://i.ytimg.com/vi/{video_id}/hqdefault.jpg",
            "thumbnail_height": 360,
            "author_url": f"https://www.youtube.com/@{username(post.author_index + 17)}",
        }
        out["media"] = {"type": "youtube.com", "oembed": oembed}
        out["secure_media"] = out["media"]
        embed = {"content": frame, "width": 356, "scrolling": False, "height": 200}
        out["media_embed"] = embed
        out["secure_media_embed"] = {
            **embed,
            "media_domain_url": f"https://www.redditmedia.com/mediaembed/{post.id}",
        }
    out["url"] = url
    out["url_overridden_by_dest"] = url
    host = urlsplit(url).hostname or "example.com"
    out["domain"] = host.removeprefix("www.")
    out["preview"] = {
        "images": [_image(rng, preview_base, width, height)],
        "enabled": kind == "image",
    }
    out["thumbnail"] = f"https://b.thumbs.redditmedia.com/{_token(rng, 43)}.jpg"
    out["thumbnail_width"] = 140
    out["thumbnail_height"] = 140 * height // width
    return out


def t3_data(post: Post, view: View) -> dict[str, Any]:
    """Every field of the post except the engagement numbers (score, ups, comments, ratio)."""
    sub: Subreddit = post.sub
    rng = Random(post.seed ^ 0xF1E1D)
    draft = post.draft
    gone = view.gone
    author = "[deleted]" if gone == "deleted" else username(post.author_index)
    flair = draft.flair if draft.flair and rng.random() < 0.8 else None
    author_flair = rng.choice(_AUTHOR_FLAIRS) if rng.random() < 0.1 else None
    media = _media(rng, post, draft.title)
    created = float(post.created)
    data: dict[str, Any] = {
        "approved_at_utc": None,
        "subreddit": sub.name,
        "selftext": view.selftext,
    }
    if gone != "deleted":
        data["author_fullname"] = f"t2_{post.author_index * 7_368_787 % 2_176_782_336:x}"
    data.update(
        {
            "saved": False,
            "mod_reason_title": None,
            "gilded": 0,
            "clicked": False,
            "title": view.title,
            "link_flair_richtext": [{"e": "text", "t": flair}] if flair else [],
            "subreddit_name_prefixed": f"r/{sub.name}",
            "hidden": False,
            "pwls": 6,
            "link_flair_css_class": flair.lower().replace(" ", "-") if flair else None,
            "downs": 0,
            "thumbnail_height": media.pop("thumbnail_height"),
            "top_awarded_type": None,
            "hide_score": False,
            "name": post.name,
            "quarantine": False,
            "link_flair_text_color": "dark",
            "author_flair_background_color": "" if author_flair else None,
            "subreddit_type": "public",
            "total_awards_received": 0,
            "media_embed": media.pop("media_embed"),
            "thumbnail_width": media.pop("thumbnail_width"),
            "author_flair_template_id": _uuid(rng) if author_flair else None,
            "is_original_content": False,
            "user_reports": [],
            "secure_media": media.pop("secure_media"),
            "is_reddit_media_domain": media.pop("is_reddit_media_domain"),
            "is_meta": False,
            "category": None,
            "secure_media_embed": media.pop("secure_media_embed"),
            "link_flair_text": flair,
            "can_mod_post": False,
            "approved_by": None,
            "is_created_from_ads_ui": False,
            "thumbnail": media.pop("thumbnail"),
            "edited": view.edited if view.edited is not None else False,
            "author_flair_css_class": None,
            "gildings": {},
            "content_categories": None,
            "is_self": draft.media == "self",
            "mod_note": None,
            "created": created,
            "link_flair_type": "richtext" if flair else "text",
            "wls": 6,
            "removed_by_category": {"deleted": "deleted", "removed": "moderator"}.get(gone or ""),
            "banned_by": None,
            "domain": media.pop("domain"),
            "allow_live_comments": False,
            "selftext_html": selftext_html(view.selftext),
            "likes": None,
            "suggested_sort": None,
            "banned_at_utc": None,
            "view_count": None,
            "archived": False,
            "no_follow": rng.random() < 0.6,
            "is_crosspostable": gone is None,
            "pinned": False,
            "over_18": False,
            "all_awardings": [],
            "awarders": [],
            "media_only": False,
            "can_gild": False,
            "spoiler": False,
            "locked": gone == "removed",
            "author_flair_text": author_flair,
            "treatment_tags": [],
            "visited": False,
            "removed_by": None,
            "num_reports": None,
            "distinguished": None,
            "subreddit_id": sub.fullname,
            "mod_reason_by": None,
            "removal_reason": None,
            "link_flair_background_color": rng.choice(_FLAIR_COLOURS) if flair else "",
            "id": post.id,
            "is_robot_indexable": gone is None,
            "report_reasons": None,
            "author": author,
            "discussion_type": None,
            "send_replies": True,
            "contest_mode": False,
            "mod_reports": [],
            "author_flair_text_color": "dark" if author_flair else None,
            "permalink": f"/r/{sub.name}/comments/{post.id}/{slug(draft.title)}/",
            "stickied": False,
            "url": media.pop("url"),
            "subreddit_subscribers": sub.subscribers,
            "created_utc": created,
            "num_crossposts": 1 if rng.random() < 0.03 else 0,
            "media": media.pop("media"),
            "is_video": media.pop("is_video"),
        }
    )
    if flair:
        data["link_flair_template_id"] = _uuid(rng)
    if gone != "deleted":
        data["author_flair_richtext"] = [{"e": "text", "t": author_flair}] if author_flair else []
        data["author_flair_type"] = "richtext" if author_flair else "text"
        data["author_patreon_flair"] = False
        data["author_premium"] = rng.random() < 0.05
        data["author_is_blocked"] = False
    data.update(media)  # what is left: post_hint, preview, url_overridden_by_dest
    if post.crosspost_of is not None:
        _crosspost_fields(data, post.crosspost_of, float(post.created))
    return data


def _crosspost_fields(data: dict[str, Any], parent: Post, when: float) -> None:
    """What Reddit sends for a crosspost: the parent's fullname and its data, a link to it."""
    parent_data = t3_data(parent, parent.view(when))
    data["crosspost_parent"] = parent.name
    data["crosspost_parent_list"] = [parent_data]
    data["url"] = parent_data["permalink"]
    data["domain"] = parent_data["domain"]
    data["is_self"] = False
    data["selftext"] = ""
    data["selftext_html"] = None
    data.pop("post_hint", None)
    data.pop("url_overridden_by_dest", None)


def _tampered_json(post: Post, now: float, raw: bool) -> str:
    assert post.tamper is not None
    data = t3_data(post, post.view(now))
    data["score"], data["num_comments"], data["upvote_ratio"] = post.engagement(now)
    data["ups"] = data["score"]
    data = data if raw else escape_entities(data)
    data.update(post.tamper.set)
    for name in (*post.tamper.unset, *post.tamper.raw):
        data.pop(name, None)
    # stdlib json escapes what orjson-like encoders refuse (lone surrogates, NUL)
    body = json.dumps(data)[1:-1]
    extra = "".join(f", {json.dumps(k)}: {v}" for k, v in post.tamper.raw.items())
    return f'{{"kind": "t3", "data": {{{body}{extra}}}}}'


def t3_json(post: Post, now: float, raw: bool) -> str:
    """The `{"kind": "t3", "data": {...}}` JSON of a post as of `now`."""
    if post.tamper is not None:
        return _tampered_json(post, now, raw)
    view = post.view(now)
    key = (post.version, view.edited, view.gone, raw)
    static = post.cache.get(key)
    if static is None:
        if len(post.cache) >= 4:
            post.cache.clear()
        data = t3_data(post, view)
        static = _DUMPS(data if raw else escape_entities(data))[1:-1]
        post.cache[key] = static
    score, comments, ratio = post.engagement(now)
    return (
        f'{{"kind": "t3", "data": {{{static}, "score": {score}, "ups": {score}, '
        f'"num_comments": {comments}, "upvote_ratio": {ratio!r}}}}}'
    )


def listing_json(page: Page, now: float, raw: bool) -> str:
    """A Listing of t3 children, shaped like Reddit's."""
    children = ", ".join(t3_json(post, now, raw) for post in page.posts)
    after = _DUMPS(page.after)
    before = _DUMPS(page.before)
    return (
        f'{{"kind": "Listing", "data": {{"after": {after}, "dist": {len(page.posts)}, '
        f'"modhash": null, "geo_filter": "", "children": [{children}], "before": {before}}}}}'
    )
