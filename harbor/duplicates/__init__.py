"""Duplicates: crossposts and near-duplicates linked to one canonical post.

A post is a duplicate of another when
- it is a crosspost (`crosspost_parent`) of a post we hold: it joins its parent's set;
- or its normalised words are the same as a stored post's (`same_text`);
- or the Jaccard similarity of their word 3-shingles, estimated by MinHash, is at least
  0.8 (`near_text`), in any subreddit.
Texts under 20 words are never linked by text (two people can ask the same short
question). The canonical post of a set is the first of it that was checked, which is
the first that was scored; a set never has a duplicate as its canonical.

The decision is made once per text, when a post is about to be scored, in one
transaction under an advisory lock (see `store.lock`); it is stored in
`post_fingerprints` and `submissions.duplicate_of`. A duplicate is never sent to the
LLM: it takes its canonical post's score row (harbor.scoring.service).

    fingerprint.py   words, hash, MinHash and LSH bands (pure)
    store.py         the SQL
    service.py       the decision (`resolve`)
"""
