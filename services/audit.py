"""Use case of the audit log screen (admins): searching every recorded change. The store
authorises and reads in one transaction (db/audit_store.py); access/audit_csv.py writes the
entries found as CSV."""

from __future__ import annotations

from db.audit_store import AuditEntry, search_audit

__all__ = ["AuditEntry", "search_audit"]
