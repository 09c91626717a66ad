"""Alerts: each qualifying opportunity POSTed once to HARBOR_WEBHOOK_URL (Slack- and
Discord-compatible JSON).

The `alerts` table is an outbox: a run first adds a pending row per opportunity scored at
or above HARBOR_ALERT_MIN_TOTAL (unique per subject and destination digest, so nothing
is planned twice), then sends the due rows one claim at a time, retrying timeouts and
5xx with jittered backoff and Retry-After, bounded. payload.py says what is sent,
delivery.py does one POST, store.py holds the SQL, service.py runs it all (called by the
alerts task, off the scoring path).
"""

from harbor.alerts.payload import destination_digest, opportunity_payload
from harbor.alerts.service import AlertRun, run_alerts

__all__ = ["AlertRun", "destination_digest", "opportunity_payload", "run_alerts"]
