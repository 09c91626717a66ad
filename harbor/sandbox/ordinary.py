"""Templates of ordinary posts: news, showcases, success stories, tutorials, promotion,
memes, discussions, AMAs and hiring posts.

Some of them use problem words in passing ("I used to be so frustrated with X until..."),
as real posts do; those are not problem posts. Same syntax as `harbor.sandbox.problems`.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["GENRES", "PASSING", "Genre"]


class Genre(NamedTuple):
    name: str
    weight: int
    titles: tuple[str, ...]
    paragraphs: tuple[tuple[str, ...], ...]  # one pick from each, empty picks dropped
    media: tuple[tuple[str, int], ...]  # media kind and its weight
    flair: str | None


# a sentence with problem words that does not make the post a problem post
PASSING: tuple[str, ...] = (
    "I used to be so frustrated with {objects} until [I set up {tool}|we hired help"
    "|I stopped doing it myself].",
    "Remember when {gerund} was a nightmare? [Not anymore.|Those days are gone.]",
    "If you struggle with {objects}, this might help.",
    "I was tired of {gerund}, so I [built this|wrote this up|finally fixed it].",
    "{Gerund} used to be the worst part of my week. Now it takes ten minutes.",
    "Yes, {failure} - we all know. This post is about something else.",
    "No more headaches with {objects} since we switched.",
)

_NEWS = Genre(
    "news",
    12,
    (
        "{Tool} [just announced|is rolling out|quietly launched] {feature}",
        "{Tool} [raises prices|changes its free plan|cuts its free tier] [again|for small teams|]",
        "[Report|Survey|New study]: {stat}",
        "[Heads up|PSA]: {Tool} {event}",
        "{Tool} acquired by {tool2}[?|, what it means for users|]",
        "[Interesting read|Worth reading]: how {audience} are using AI in {year}",
    ),
    (
        ("", "[Saw this this morning.|Just saw this.|Posting for discussion.]"),
        ("", "[Thoughts?|Good or bad for us?|Anyone here affected?|Curious what you all think.]"),
    ),
    (("link", 7), ("self", 3)),
    "News",
)

_SHOWCASE = Genre(
    "showcase",
    12,
    (
        "I built {product}, a {product_desc} for {audience}",
        "[Show|Sharing] my side project: {product}",
        "After {months} months of evenings, {product} is live",
        "Made a [tiny|free|simple] tool for {objects} - feedback welcome",
        "{product} - {product_desc}. Would love your thoughts",
    ),
    (
        ("", "{passing}"),
        (
            "It [connects to|works with|imports from] {tool} and {outcome}.",
            "Built it with [Django|Rails|Next.js|Laravel|Go] over"
            " [a few weekends|{months} months].",
        ),
        ("", "[Free for now.|There's a free tier.|Pricing is ${price}/month.]"),
        ("[Feedback welcome!|Roast it.|Happy to answer questions.|What would you add?]",),
    ),
    (("self", 5), ("link", 4), ("video", 1)),
    "Show and tell",
)

_SUCCESS = Genre(
    "success",
    10,
    (
        "[We|I] hit {mrr} MRR [after|in] {months} months",
        "From {n_small} to {n} customers in a year - what worked",
        "Quit my job {months} months ago. Here's where I'm at",
        "First {mrr} month!",
        "My {business} just turned {years}. [Lessons learned|Some numbers|A short story]",
        "Closed our biggest [deal|contract|client] yet",
    ),
    (
        (
            "Started as a side project while working as a {role}.",
            "We run a {business} with {n} people.",
        ),
        ("", "{passing}"),
        (
            "Biggest lesson: [talk to customers|charge more|niche down|ship faster].",
            "[Most|Almost all] of our growth came from [word of mouth|SEO|one partnership"
            "|cold email].",
        ),
        ("", "[AMA.|Happy to share more.|Onwards!|Thanks to everyone here for the advice.]"),
    ),
    (("self", 1),),
    "Success story",
)

_TUTORIAL = Genre(
    "tutorial",
    9,
    (
        "How I {achievement} with {tool}: [a step-by-step guide|what actually worked]",
        "[Guide|Tutorial]: setting up {tool} for {objects}",
        "{n_small} lessons from {years} years of running a {business}",
        "The [exact|simple] system I use for {objects}",
        "[Free template|My template] for {objects} ({tool})",
    ),
    (
        ("", "{passing}"),
        (
            "Step one: [write down every step you do today|pick one tool and stick to it"
            "|automate the boring part first].",
        ),
        ("Step two: [connect {tool} to {tool2}|set a weekly review|batch it on {weekday}s].",),
        ("", "[Hope this helps someone.|Questions welcome.|Template link in the comments.]"),
    ),
    (("self", 7), ("youtube", 3)),
    "Tutorial",
)

_PROMO = Genre(
    "promotion",
    8,
    (
        "[Launching|We just launched] {product} on Product Hunt today",
        "[Free|50% off] {product} for the first {n} {audience}",
        "{product} [2.0|is out of beta|now supports {tool}]",
        "[Giving away|Offering] free [audits|consultations|reviews] for {audience} this week",
    ),
    (
        ("", "{product} is a {product_desc}."),
        ("", "[Link below.|Check it out.|Upvotes appreciated!]"),
    ),
    (("link", 6), ("self", 4)),
    "Self promotion",
)

_MEME = Genre(
    "meme",
    6,
    (
        "When the client says 'just a quick change'",
        "Me every {weekday} looking at {objects}",
        "[Accurate|Too real|Every single time]",
        "The {role} starter pack",
        "{Tool} pricing page be like",
    ),
    ((),),
    (("image", 1),),
    "Meme",
)

_DISCUSSION = Genre(
    "discussion",
    14,
    (
        "What's your unpopular opinion about running a {business}?",
        "[Remote|Hybrid|Office]: what works for your team?",
        "Which book changed how you run your business?",
        "Do you work weekends?",
        "What's the best money you've ever spent on your business?",
        "How did you get your first {n} customers?",
        "{Tool} vs {tool2} in {year}?",
        "What does your morning routine look like?",
        "Would you start a {business} today?",
        "What made you go out on your own?",
        "How much do you pay yourself?",
        "What's one thing you'd tell yourself on day one?",
    ),
    (
        ("", "Curious how others [see it|do it|think about it]."),
        ("", "{passing}"),
        ("", "[For me it's {tool}.|I'll start: hiring too late.|Mine is boring: consistency.]"),
    ),
    (("self", 1),),
    "Discussion",
)

_AMA = Genre(
    "ama",
    3,
    (
        "AMA: I run a {business} with {n} employees",
        "[Weekly|Monthly] [wins|feedback|self-promotion] thread",
        "I've been a {role} for {years} years. Ask me anything",
    ),
    (("", "Ask away, I'll answer for the next few hours."), ("", "{passing}")),
    (("self", 1),),
    None,
)

_HIRING = Genre(
    "hiring",
    4,
    (
        "[Hiring|Looking for] a {role} (remote, paid)",
        "[For hire|Available]: {role} with {years} years of experience",
        "Looking for a co-founder for a {product_desc}",
    ),
    (
        ("Budget is ${price} per [hour|day|project].",),
        ("[DM me.|Portfolio in my profile.|Comment and I'll reach out.]",),
    ),
    (("self", 1),),
    "Hiring",
)

GENRES: tuple[Genre, ...] = (
    _NEWS,
    _SHOWCASE,
    _SUCCESS,
    _TUTORIAL,
    _PROMO,
    _MEME,
    _DISCUSSION,
    _AMA,
    _HIRING,
)
