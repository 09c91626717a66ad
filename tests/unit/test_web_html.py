"""The pages' escaping rule: every value is text unless it is our own Html."""

from __future__ import annotations

from harbor.web.html import Html, escape, external_href, join, query_href, render

HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'


def test_a_value_rendered_into_markup_is_escaped() -> None:
    out = render("<h1>{title}</h1>", title=HOSTILE)
    assert "<script>" not in out and "<img" not in out
    assert out == (
        "<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; "
        "&lt;img src=x onerror=alert(1)&gt;</h1>"
    )


def test_quotes_are_escaped_so_a_value_cannot_leave_its_attribute() -> None:
    out = render('<a title="{t}">x</a>', t='" onmouseover="alert(1)')
    assert out == '<a title="&quot; onmouseover=&quot;alert(1)">x</a>'
    assert "&#x27;" in escape("it's")


def test_html_passes_as_is_but_a_str_made_from_it_is_escaped_again() -> None:
    bold = render("<b>{x}</b>", x="a")
    assert render("<p>{b}</p>", b=bold) == "<p><b>a</b></p>"
    glued = bold + "<i>"  # a plain str now: the next render escapes all of it
    assert not isinstance(glued, Html)
    assert render("{v}", v=glued) == "&lt;b&gt;a&lt;/b&gt;&lt;i&gt;"


def test_join_escapes_each_part_and_the_separator() -> None:
    assert join(["<a>", Html("<br>"), None], "&") == "&lt;a&gt;&amp;<br>&amp;"


def test_only_http_links_are_kept() -> None:
    assert external_href("https://reddit.com/r/x/") == "https://reddit.com/r/x/"
    for bad in ("javascript:alert(1)", "data:text/html,<b>", "//evil.example/", "", None,
                "https://"):  # fmt: skip
        assert external_href(bad) == ""


def test_query_links_keep_only_the_values_given() -> None:
    assert query_href("/", {"subreddit": "SaaS", "page": 2, "since": "", "x": None}) == (
        "/?subreddit=SaaS&page=2"
    )
    assert query_href("/", {}) == "/"
    assert query_href("/", {"q": "a&b=<c>"}) == "/?q=a%26b%3D%3Cc%3E"
