"""Demand evidence from comments: people under a post saying they have the same problem.

For an opportunity scored at or above HARBOR_COMMENTS_MIN_TOTAL, once it is an hour old,
its top comments are read once through the process's praw client (so through the shared
Reddit budget, in its low-priority class), at most a few per sweep so collection always
goes first. Agreement ("same here", "me too", "following") and upvoted comments that
describe the same problem in the commenter's own words are counted; deleted and removed
comments are skipped; the best few are stored as evidence (`comment_evidence`), the
counts in `comment_fetches`. How the count adds to market demand is `weighting.py`, the
one place that decides it. A Reddit error leaves the opportunity as it was and the
fetch is tried again later, with backoff, a bounded number of times.

    agreement.py   what a comment says (pure)
    weighting.py   how evidence counts toward market demand (pure)
    fetch.py       the praw request
    store.py       the SQL
    service.py     one post's fetch (`fetch_evidence`) and the posts that are due
"""
