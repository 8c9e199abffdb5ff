"""Helpers of the browser tests on the plan editor: a corpus plan stored for its owner, signing in
on the editor and opening that plan, waiting for Streamlit to be idle, Chinese texts."""

from __future__ import annotations

from datetime import UTC, datetime

from access.policy import SYSTEM
from db import connection, plans_store, users_store
from i18n import t
from plans.extract import import_document
from plans.model import Plan
from tests.conftest import CORPUS

PASSWORD = "Triage-Password-2026"
SOURCE = CORPUS / "docx" / "05_qingdao_road_accident.docx"


def zh(key: str, **params) -> str:
    return t(key, lang="zh", **params)


def store_corpus_plan(path) -> Plan:
    """Store the corpus plan with its document, owned by the owner's unit, in a new database."""
    data = SOURCE.read_bytes()
    plan = import_document(data, SOURCE.name)
    db = connection.connect(path)
    now = datetime.now(UTC)
    users_store.create_user(
        db, SYSTEM, "owner", PASSWORD, roles={"plan_owner"}, unit="单位", must_change=False, now=now
    )
    owner = users_store.act_as(db, "owner")
    plans_store.import_plan(db, owner, plan, document=data, filename=SOURCE.name, now=now)
    db.close()
    return plan


def open_in_editor(page, url: str) -> None:
    """Sign in as the owner on the editor and open the (only) plan."""
    page.goto(f"{url}/editor")
    page.get_by_label("用户名").fill("owner")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_label(zh("plans.pick")).click()
    page.get_by_role("option").first.click()


def idle(page) -> None:
    page.wait_for_timeout(300)
    page.get_by_test_id("stStatusWidget").wait_for(state="detached", timeout=30_000)
