"""The plan-revision panels: plans due for revision (plan list), the revision flags of a version
(editor) and a published revision's record and Word file (versions)."""

from __future__ import annotations

import streamlit as st

import services.plans
import services.revision
from access.errors import NotAllowedError
from i18n import t
from i18n.errors import UserFacingError
from plans.model import Plan
from services.errors import NotFoundError
from ui import downloads, error_text, fmt_time, may, md, now, open_version, show_error
from ui.editor_working_copy import jump

OPEN_MARK = "⚑"
RESOLVED_MARK = "✓"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# ---------------------------------------------------------------- plan list


def due_section(conn, actor) -> set[int]:
    """The plans due for revision, each with an "open revision" button for those who may edit
    plans; returns the ids of the plans due."""
    due = services.revision.plans_due(conn, actor)
    if not due:
        return set()
    editor = may(actor, "plan.edit")
    with st.container(border=True):
        st.subheader(f"{OPEN_MARK} {t('revpage.due_title')}")
        st.caption(t("revpage.due_hint"))
        for item in due:
            text, button = st.columns([5, 1], vertical_alignment="center")
            text.markdown(
                t(
                    "revpage.due_row",
                    title=md(item.title),
                    drill=item.drill_id,
                    n=len(item.finding_ids),
                    since=fmt_time(item.since),
                )
            )
            key = f"revpage_open_{item.plan_id}_{item.drill_id}"
            if editor and button.button(t("revpage.open_revision"), key=key, type="primary"):
                _open_revision(conn, actor, item)
            _refusal(conn, actor, item)
    return {item.plan_id for item in due}


def _open_revision(conn, actor, item) -> None:
    st.session_state.pop("revpage_refused", None)
    try:  # this drill's revision already open is gone on with
        draft_id = services.revision.open_or_resume_revision(conn, actor, item.drill_id, now=now())
    except UserFacingError as exc:
        if exc.key == services.revision.DRAFT_EXISTS:  # shown with the way out below, every rerun
            st.session_state["revpage_refused"] = (item.plan_id, item.drill_id, exc)
        else:
            show_error(exc)
    else:
        open_version(draft_id)


def _refusal(conn, actor, item) -> None:
    """The plan's unpublished version that refused the revision, and a button to open it."""
    refused = st.session_state.get("revpage_refused")
    if not refused or refused[:2] != (item.plan_id, item.drill_id):
        return
    exc = refused[2]
    if not _still_unpublished(conn, actor, exc.params["version_id"]):
        st.session_state.pop("revpage_refused")
        return
    st.warning(error_text(exc), icon=":material/info:")
    label = t("revpage.open_existing", number=exc.params["number"])
    if st.button(label, key="revpage_open_existing"):
        st.session_state.pop("revpage_refused")
        open_version(exc.params["version_id"])


def _still_unpublished(conn, actor, version_id: int) -> bool:
    try:
        info = services.plans.version_info(conn, actor, version_id)
    except (NotFoundError, NotAllowedError):
        return False
    return info.status in ("draft", "in_review")


# ---------------------------------------------------------------- editor


def flags_panel(conn, actor, info, plan: Plan, read_only: bool) -> dict[str, dict[str, bool]]:
    """The version's revision flags above the editing area, with resolve / reopen buttons on a
    draft the actor may edit. Returns {"step"|"role": {item id: all its flags resolved}}."""
    try:
        stored = services.revision.flags_of(conn, actor, info.id)
    except UserFacingError as exc:
        show_error(exc)
        return {}
    if not stored:
        return {}
    done = sum(s.flag.resolved for s in stored)
    title = t("revpage.flags_title", n=len(stored), done=done)
    with st.expander(f"{OPEN_MARK} {title}", expanded=done < len(stored)):
        st.caption(t("revpage.flags_hint_read_only" if read_only else "revpage.flags_hint"))
        for flag in stored:
            _flag_row(conn, actor, plan, flag, read_only)
    marks: dict[str, dict[str, bool]] = {"step": {}, "role": {}}
    for s in stored:
        kind = marks.setdefault(s.flag.kind, {})
        kind[s.flag.item_id] = kind.get(s.flag.item_id, True) and s.flag.resolved
    return marks


def _flag_row(conn, actor, plan: Plan, stored, read_only: bool) -> None:
    flag = stored.flag
    state = t("revpage.state_resolved" if flag.resolved else "revpage.state_open")
    icon = ":green[:material/check_circle:]" if flag.resolved else ":orange[:material/flag:]"
    text, go_to = st.columns([5, 1], vertical_alignment="center")
    text.markdown(f"{icon} **{md(flag.finding_title)}** · {_item_words(plan, flag)} · {state}")
    go_to.button(
        t("editor.jump"),
        key=f"revpage_jump_{stored.id}",
        on_click=jump,
        args=("steps" if flag.kind == "step" else "roles", flag.item_id),
    )
    caption = t("revpage.from_drill", drill=flag.drill_id)
    if flag.note and read_only:  # a draft shows the note in its input below
        caption += " · " + t("revpage.note_shown", note=md(flag.note))
    st.caption(caption)
    if read_only:
        return
    note_col, button_col = st.columns([5, 1], vertical_alignment="center")
    note = note_col.text_input(
        t("revpage.note"),
        value=flag.note,
        key=f"revpage_note_{stored.id}",
        placeholder=t("revpage.note_hint"),
        label_visibility="collapsed",
    )
    # what the screen showed when the button was pressed (the click's run reads the store anew:
    # acting on that would undo what someone else just did)
    seen_key = f"revpage_seen_{stored.id}"
    seen = st.session_state.get(seen_key, (flag.resolved, flag.note))
    st.session_state[seen_key] = (flag.resolved, flag.note)
    label = t("revpage.reopen" if flag.resolved else "revpage.resolve")
    if button_col.button(label, key=f"revpage_resolve_{stored.id}"):
        try:
            services.revision.resolve_flag(
                conn, actor, stored.id, resolved=not seen[0], note=note, now=now(), seen=seen
            )
        except UserFacingError as exc:
            show_error(exc)
        else:
            st.session_state.pop(seen_key, None)
            st.toast(t("revpage.saved"))
            st.rerun()


def _item_words(plan: Plan, flag) -> str:
    items = plan.steps if flag.kind == "step" else plan.roles
    name = next((x.name for x in items if x.id == flag.item_id), None)
    shown = md(name) if name is not None else t("revpage.item_removed")
    return t(f"revpage.item_{flag.kind}", id=md(flag.item_id), name=shown)


def flag_marks(marks: dict[str, bool] | None, ids: list[str]) -> list[str] | None:
    """The revision column of a table: ⚑ for an item with an open flag, ✓ when all are resolved,
    blank otherwise; None when the version has no flags of this kind (no column)."""
    if not marks:
        return None
    return ["" if i not in marks else (RESOLVED_MARK if marks[i] else OPEN_MARK) for i in ids]


# ---------------------------------------------------------------- versions


def word_export(conn, actor, version, plan: Plan, column) -> list[dict[str, str]] | None:
    """The Word downloads of a version into `column`: the plan as its own document (the
    imported original with this version's changes made) and, for a version revised from
    another, the same with the changes as Word tracked changes for the approver. Returns the
    revision record shown on the page (None when the version was not revised from another)."""
    common = {"mime": DOCX_MIME, "icon": ":material/description:"}
    with column.popover(t("versions.word_annexes"), icon=":material/tune:"):
        cards = st.checkbox(t("versions.word_cards"), value=True, key="versions_word_cards")
        charts = st.checkbox(t("versions.word_charts"), value=True, key="versions_word_charts")

    def build(tracked: bool) -> bytes:  # when asked for: reads the versions and the original
        return services.plans.plan_word(
            conn, actor, version.id, tracked=tracked, cards=cards, charts=charts
        )

    # built when asked for, once per version revision and choice of annexes: never a deferred
    # file that a rerun can drop before the click fetches it
    revision = (version.id, getattr(version, "revision", None), cards, charts)
    downloads.download(
        column,
        t("versions.export_word"),
        lambda: build(False),
        key="versions_word",
        revision=revision,
        lazy=True,
        file_name=f"plan-v{version.number}.docx",
        help=t("versions.export_word_help"),
        **common,
    )
    if version.base_version_id is None:
        return None
    downloads.download(
        column,
        t("versions.export_tracked"),
        lambda: build(True),
        key="versions_word_tracked",
        revision=revision,
        lazy=True,
        file_name=f"plan-v{version.number}-tracked.docx",
        help=t("versions.export_tracked_help"),
        type="primary",
        **common,
    )
    return _record(conn, actor, version)


def _record(conn, actor, version) -> list[dict[str, str]] | None:
    lang = st.session_state.get("lang") or "zh"
    try:
        return services.plans.revision_record(conn, actor, version.id, lang=lang)
    except UserFacingError as exc:
        show_error(exc)
        return None


def record_table(record: list[dict[str, str]] | None) -> None:
    """The revision record of a revised version: every change, why, before and after (the
    rows of the Word file's revision record)."""
    if not record:
        return
    st.subheader(t("common.revision_record"))
    st.caption(t("revpage.record_hint"))
    columns = ("reason", "item", "before", "after", "approval")
    st.dataframe(
        [{t(f"doc.word.{c}"): row.get(c, "") for c in columns} for row in record],
        hide_index=True,
        width="stretch",
        key="revpage_record",
    )
