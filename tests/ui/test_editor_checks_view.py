"""The editor's Checks view says how to clear each finding and lists follow-on findings under
their cause (AppTest, real DuckDB file)."""

from __future__ import annotations

from db import plans_store
from i18n import t
from plans.checks import check_plan
from plans.model import Plan, Role, Step
from tests.ui.conftest import NOW, USERS, page
from ui.text import md

# no step is an information report, so neither activation has one before it
NO_REPORT = Plan(
    title="无报告环节的预案",
    roles=(Role("r1", "总指挥"), Role("r2", "抢险组")),
    steps=(
        Step("s1", "启动响应", "总指挥决定启动响应。", ("r1",), "activation"),
        Step("s2", "扩大响应", "总指挥决定扩大响应。", ("r1",), "activation", after=("s1",)),
        Step("s3", "现场抢险", "抢险组开展抢险。", ("r2",), after=("s2",)),
        Step("s4", "终止响应", "总指挥宣布终止。", ("r1",), "termination", after=("s3",)),
    ),
)


def test_the_checks_view_shows_hints_and_follow_on_findings_under_their_cause(conn):
    imported = plans_store.import_plan(
        conn, USERS["owner"], NO_REPORT, document=b"nr", filename="nr.docx", now=NOW
    )
    at = page("editor", version_id=imported.version_id).run()
    at.radio(key="editor_view").set_value("checks").run()
    assert not at.exception, at.exception
    (cause,) = [f for f in check_plan(NO_REPORT) if f.code == "no_report_step"]
    captions = [c.value for c in at.caption]
    assert any(md(cause.hint("zh")) in c for c in captions)
    (expander,) = [e for e in at.expander if e.label == t("checks.consequences", n=2)]
    listed = " ".join(m.value for m in expander.markdown)
    assert all(md(f.message("zh")) in listed for f in cause.consequences)
    shown = " ".join(m.value for m in at.markdown if m not in expander.markdown)
    assert md(cause.consequences[0].message("zh")) not in shown.replace(listed, "")
