"""The sandbox: a Reddit-compatible and an OpenAI-compatible HTTP server on loopback.

It lets the whole system run, be tested and be benchmarked with no credentials and no
internet. Run it with `harbor sandbox`; start it from Python with
`harbor.sandbox.process.start_sandbox`; drive it with `harbor.sandbox.client.SandboxClient`.

    config.py       the settings (SandboxConfig)
    text.py         post writing from a grammar (problems.py, ordinary.py, lexicon.py)
    post.py         one post and one subreddit, and how a post ages
    corpus.py       the live, seeded corpus and Reddit's listing paging
    things.py       Reddit's t3/Listing JSON; about.py the t5; comments.py the t1 threads
    assess.py       the sandbox LLM's scores; schema.py JSON that fits a JSON schema
    faults.py       faults on demand; stats.py request counters
    state.py        what one running sandbox holds
    reddit_api.py   /api/v1/access_token, /r/<sub>/new, /r/<sub>/about, /comments/<id>
    openai_api.py   /v1/chat/completions, /v1/models
    admin.py        /_sandbox/* on both ports
    server.py       both servers on one event loop; the READY line
    client.py       SandboxClient; process.py start_sandbox
"""
