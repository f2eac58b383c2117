"""What the self-checks tell other apps: a response was submitted.

Other apps (the needs analysis) listen to `response_submitted` instead of to the Response model,
so they need not know it. Sent for every save of a submitted response, wherever it comes from
(answering, the demo, imports).
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import Signal

from .models import Response

# Keyword arguments: instrument_key (str), submitted_at (aware datetime), organisation_id (int|None),
# response_id (the Response's primary key; read it only through queries.py).
response_submitted = Signal()


def _response_saved(sender: Any, instance: Response, **kwargs: Any) -> None:
    if instance.submitted_at is not None:
        response_submitted.send(
            sender=Response,
            instrument_key=instance.instrument_key,
            submitted_at=instance.submitted_at,
            organisation_id=instance.organisation_id,
            response_id=instance.pk,
        )


def connect() -> None:
    post_save.connect(_response_saved, sender=Response, dispatch_uid="assessments-submitted")
