"""The approval gate on the Versions page (AppTest, real DuckDB file): an approver gives a reason
for each open error-level check before publishing, and the waivers are shown with the version."""

from __future__ import annotations

from db import plans_store, plans_waivers
from i18n import t
from plans.checks import check_plan, open_errors
from plans.model import Plan, Role, Step
from tests.ui.conftest import NOW, USERS, page
from ui.text import md

# s2 and s3 have no owner: two error-level checks
FLAWED = Plan(
    title="仓库火灾现场处置方案",
    kind="onsite",
    roles=(Role("r1", "班长"),),
    steps=(
        Step("s1", "报警", "班长立即报警。", ("r1",), "report", 0, time_from="trigger"),
        Step("s2", "灭火", "扑救初起火灾。", (), after=("s1",)),
        Step("s3", "疏散", "疏散人员。", (), after=("s1",)),
    ),
)
ERRORS = open_errors(check_plan(FLAWED))


def in_review(conn) -> int:
    owner = USERS["owner"]
    imported = plans_store.import_plan(
        conn, owner, FLAWED, document=b"gate", filename="gate.docx", now=NOW
    )
    plans_store.submit_for_review(conn, owner, imported.version_id, NOW)
    return imported.version_id


def reason_box(at, version_id: int, finding):
    return at.text_area(key=f"waiver_{version_id}_{finding.key}")


def test_the_approver_sees_one_reason_box_per_open_error(conn):
    version = in_review(conn)
    at = page("versions", user="approver", version_id=version).run()
    assert not at.exception, at.exception
    assert any(t("versions.gate", n=2) in w.value for w in at.warning)
    for finding in ERRORS:
        assert md(finding.message("zh")) in reason_box(at, version, finding).label
    assert at.button(key="versions_approve").label == t("versions.approve_waived")


def test_publishing_without_every_reason_is_refused_and_names_the_rest(conn):
    version = in_review(conn)
    at = page("versions", user="approver", version_id=version).run()
    reason_box(at, version, ERRORS[0]).input("原文未写明责任人，已列入修订计划")
    at.button(key="versions_approve").click().run()
    assert not at.exception, at.exception
    (error,) = at.error
    assert md(ERRORS[1].message("zh")) in error.value
    assert md(ERRORS[0].message("zh")) not in error.value
    assert plans_store.version_info(conn, USERS["owner"], version).status == "in_review"


def test_publishing_with_a_reason_for_each_error_keeps_and_shows_the_waivers(conn):
    version = in_review(conn)
    at = page("versions", user="approver", version_id=version).run()
    for finding in ERRORS:
        reason_box(at, version, finding).input(f"{finding.target_id} 的责任人待下一版明确")
    at.button(key="versions_approve").click().run()
    assert not at.exception, at.exception
    assert not at.error
    assert plans_store.version_info(conn, USERS["owner"], version).status == "published"
    waivers = plans_waivers.list_waivers(conn, USERS["owner"], version)
    assert [w.reason for w in waivers] == ["s2 的责任人待下一版明确", "s3 的责任人待下一版明确"]
    shown = page("versions", user="owner", version_id=version).run()
    assert any(s.value == t("versions.waivers") for s in shown.subheader)
    table = shown.dataframe[1].value
    assert list(table[t("versions.waiver_reason")]) == [w.reason for w in waivers]


def test_the_form_speaks_english_to_an_english_reader(conn):
    version = in_review(conn)
    at = page("versions", user="approver", version_id=version, lang="en").run()
    assert not at.exception, at.exception
    assert any(t("versions.gate", lang="en", n=2) in w.value for w in at.warning)
    assert md(ERRORS[0].message("en")) in reason_box(at, version, ERRORS[0]).label


def test_a_plan_without_errors_shows_no_gate(seeded, conn):
    version = seeded["en"].version_id
    plans_store.submit_for_review(conn, USERS["owner"], version, NOW)
    assert not open_errors(check_plan(plans_store.load_version(conn, USERS["owner"], version)))
    at = page("versions", user="approver", version_id=version).run()
    assert not at.text_area
    assert at.button(key="versions_approve").label == t("versions.approve")


def test_the_author_is_offered_no_waiver_form(conn):
    version = in_review(conn)
    at = page("versions", user="owner", version_id=version).run()
    assert not at.text_area
    assert not any(str(b.key) == "versions_approve" for b in at.button)
