"""The errors a use case may raise, for pages and ui/ to catch: the stores' (db/errors.py) under
the names pages know, so no screen needs to import db/. Access errors (access/errors.py), the
domain's roots PlanError and DrillError and their common base UserFacingError (i18n/errors.py)
come from their own packages."""

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
