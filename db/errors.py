"""Errors raised by the database layer, each with a catalogue key (table [db] of i18n/locales/)."""

from __future__ import annotations

from i18n.errors import UserFacingError


class StoreError(UserFacingError):
    """Root of every error db/ raises on purpose; driver errors are wrapped in it."""

    key = "db.error"


class DatabaseLockedError(StoreError):
    """Another process holds the database file (DuckDB allows one writing process)."""

    key = "db.locked"


class SchemaError(StoreError):
    """The database file cannot be used with this code (missing, outdated read-only, or newer)."""

    key = "db.schema_newer"


class NotFoundError(StoreError):
    """No such plan, version or document (or it is deleted)."""

    key = "db.not_found"


class DuplicateDocumentError(StoreError):
    """The same document bytes were imported before; params: plan_id, title."""

    key = "db.duplicate_document"


class VersionConflictError(StoreError):
    """Someone else changed the version since it was loaded; nothing was overwritten."""

    key = "db.version_conflict"


class ReadOnlyVersionError(StoreError):
    """Only drafts can be edited; published, in-review and superseded versions are read-only."""

    key = "db.read_only_version"


class InvalidTransitionError(StoreError):
    """A status change that the version's current status does not allow."""

    key = "db.invalid_transition"


class UnwaivedErrorsError(InvalidTransitionError):
    """Approval of a version with error-level checks that the approver has not waived, each
    with a written reason; params: n, checks (the findings, named in the reader's language)."""

    key = "db.unwaived_errors"


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
