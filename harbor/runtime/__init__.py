"""What the Celery tasks call: dispatch, pending markers, reconcile, the score sweep."""
