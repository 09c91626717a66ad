"""What the pipeline produced, as typed records read from Postgres.

records.py holds the records (`Opportunity`, `PostDetail`), queries.py the SQL that reads
them. The web app, the digest, the alerts and the Python API (`harbor.api`) all read here.
"""

from harbor.results.queries import RankPage, load_post_detail, rank_page, read_only
from harbor.results.records import Opportunity, PostDetail, jsonable

__all__ = [
    "Opportunity",
    "PostDetail",
    "RankPage",
    "jsonable",
    "load_post_detail",
    "rank_page",
    "read_only",
]
