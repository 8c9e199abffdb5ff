"""The errors a use case may raise, for pages and ui/ to catch: the stores' (db/errors.py) under
the names pages know, so no screen needs to import db/. Access errors (access/errors.py) and the
domain's base PlanError come from their own packages."""

from __future__ import annotations

from db.errors import (
    DatabaseLockedError,
    DuplicateDocumentError,
    InvalidTransitionError,
    NotFoundError,
    ReadOnlyVersionError,
    SchemaError,
    StoreError,
    UnwaivedErrorsError,
    VersionConflictError,
)

__all__ = [
    "DatabaseLockedError",
    "DuplicateDocumentError",
    "InvalidTransitionError",
    "NotFoundError",
    "ReadOnlyVersionError",
    "SchemaError",
    "StoreError",
    "UnwaivedErrorsError",
    "VersionConflictError",
]
