"""Demo data for a first start: the project's own bilingual demo plan, imported for real."""

from __future__ import annotations

import hashlib
from datetime import datetime

from db import plans_store
from plans.access import LOCAL_ACTOR, Actor


def seed_demo(conn, *, now: datetime, actor: Actor = LOCAL_ACTOR) -> list[int]:
    """Import each demo document not imported before (even if deleted since); return plan ids."""
    from plans.demo import demo_documents
    from plans.extract import import_document

    created = []
    # English first, so that the Chinese plan is the newest and heads the lists
    for filename, data in reversed(demo_documents()):
        if plans_store.find_document(conn, actor, hashlib.sha256(data).hexdigest()):
            continue
        plan = import_document(data, filename)
        created.append(plans_store.import_plan(conn, actor, plan, document=data,
                                               filename=filename, now=now).plan_id)
    return created
