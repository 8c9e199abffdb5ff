"""After a drill: the findings the evaluation lead edits (filters, one edit form, findings added by
hand, evidence with photos) and the participants' own reviews (corrective actions: ui/actions.py).
The save helpers here serve both."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import streamlit as st

import services.review
from access.errors import NotAllowedError
from drills.actions import finding_closed
from drills.findings import Finding
from i18n import t
from i18n.errors import UserFacingError
from i18n.glossary import FINDING_CAUSES, FINDING_GRADES, FINDING_STATUSES, RATINGS
from services.errors import NotFoundError
from ui import fmt_time, md, now, show_error

NEW = "new"  # the id of the finding being added (the store names it)


def _label(prefix: str, value: str | None) -> str:
    return t(f"{prefix}.{value}") if value else "—"


def _names(review) -> tuple[dict[str, str], dict[str, str]]:
    return {s.id: s.name for s in review.plan.steps}, {r.id: r.name for r in review.plan.roles}


def _target(finding: Finding, steps: dict[str, str], roles: dict[str, str]) -> str:
    if finding.step_id:
        return steps.get(finding.step_id, finding.step_id)
    return roles.get(finding.role_id or "", finding.role_id or "")


def save(write: Callable[[], object], message: str, *, opened_key: str | None = None) -> None:
    """Run one store write; show why when refused, else forget the version the form was opened
    on and rerun with `message` as a toast."""
    try:
        write()
    except UserFacingError as exc:
        show_error(exc)
        return
    if opened_key:
        st.session_state.pop(opened_key, None)
    st.session_state["review_toast"] = message
    st.rerun()


# ---------------------------------------------------------------- findings


def findings(conn, actor, review) -> None:
    stored = review.findings
    steps, roles = _names(review)
    actions = [a.action for a in review.actions]
    cols = st.columns([2, 2, 2, 3])
    grades = cols[0].multiselect(
        t("review.filter.grade"),
        FINDING_GRADES,
        format_func=lambda g: _label("findings.grade", g),
        key=lang_key("review_f_grade"),
        placeholder=t("common.choose"),
    )
    causes = cols[1].multiselect(
        t("review.filter.cause"),
        FINDING_CAUSES,
        format_func=lambda c: _label("findings.cause", c),
        key=lang_key("review_f_cause"),
        placeholder=t("common.choose"),
    )
    statuses = cols[2].multiselect(
        t("review.filter.status"),
        FINDING_STATUSES,
        format_func=lambda s: _label("findings.status", s),
        key=lang_key("review_f_status"),
        placeholder=t("common.choose"),
    )
    search = cols[3].text_input(t("common.search"), key="review_f_search").strip().lower()
    with_strengths = st.toggle(t("review.filter.strengths"), value=True, key="review_f_strengths")

    def shown(f: Finding) -> bool:
        if f.strength:
            return with_strengths and not grades and not causes and _matches(f, statuses, search)
        return (
            (not grades or f.grade in grades)
            and (not causes or f.cause in causes)
            and _matches(f, statuses, search)
        )

    visible = [s for s in stored if shown(s.finding)]
    if not visible:
        st.info(t("review.no_findings"))
    else:
        st.dataframe(
            [
                {
                    t("common.finding"): ("★ " if s.finding.strength else "") + s.finding.title,
                    t("common.grade"): t("findings.kind.strength")
                    if s.finding.strength
                    else _label("findings.grade", s.finding.grade),
                    t("common.cause"): _label("findings.cause", s.finding.cause),
                    t("common.status"): _label("findings.status", s.finding.status),
                    t("review.col.target"): _target(s.finding, steps, roles),
                    t("review.col.evidence"): len(s.finding.evidence),
                    t("review.col.closed"): finding_closed(s.finding, actions),
                    t("review.col.kind"): _label("findings.kind", s.finding.kind),
                }
                for s in visible
            ],
            hide_index=True,
            width="stretch",
        )
    if not review.editor:
        return
    proposed = [s for s in stored if s.finding.status == "proposed"]
    if proposed and st.button(
        t("review.accept_all"), key="review_accept_all", icon=":material/done_all:"
    ):
        _accept_all(conn, actor, review.drill_id, proposed)
    if visible:
        _edit_form(conn, actor, review, visible, steps, roles)
    _add_form(conn, actor, review, steps, roles)


def _matches(finding: Finding, statuses, search: str) -> bool:
    if statuses and finding.status not in statuses:
        return False
    return not search or search in f"{finding.title}\n{finding.description}".lower()


def _accept_all(conn, actor, drill_id: int, proposed) -> None:
    def accept() -> None:
        services.review.accept_findings(conn, actor, drill_id, proposed, now=now())
        for stored in proposed:
            # this session's own save: an open edit form reopens on it, with no "someone saved"
            st.session_state.pop(f"review_opened_f_{stored.finding.id}", None)

    save(accept, t("review.accepted_n", n=len(proposed)))


def _evidence_labels(review) -> dict[str, str]:
    items = {i.id: i.name for i in review.checklist}
    t0 = review.summary.started_at
    labels = {}
    for o in review.observations:
        if o.kind not in ("item", "free"):
            continue
        minute = "" if t0 is None else f"{(o.happened_at - t0).total_seconds() / 60:.0f}"
        what = items.get(o.item_id or "", "") if o.kind == "item" else t("review.free_obs")
        rating = RATINGS.label(o.rating) if o.rating else (o.note[:30] or "")
        labels[o.id] = t(
            "review.obs_label", minute=minute, item=what, rating=rating, who=o.evaluator
        )
    return labels


def lang_key(key: str) -> str:
    """Widget keys of select boxes carry the language: their options are shown translated, and a
    widget kept from before a language switch would keep showing the old words."""
    return f"{key}_{st.session_state.get('lang', 'zh')}"


def _finding_fields(review, steps, roles, base: Finding, key: str) -> dict:
    """The widgets of one finding inside a form; returns the values."""
    key = lang_key(key)
    evidence = _evidence_labels(review)
    none = [None]
    values = {
        "title": st.text_input(
            t("common.title"), value="" if base.id == NEW else base.title, key=f"{key}_title"
        ),  # a new finding starts without a title: saving it so is refused
        "description": st.text_area(
            t("review.f.description"), value=base.description, key=f"{key}_description"
        ),
        "strength": st.checkbox(t("review.f.strength"), value=base.strength, key=f"{key}_str"),
    }
    cols = st.columns(3)
    values["cause"] = cols[0].selectbox(
        t("common.cause"),
        FINDING_CAUSES,
        index=FINDING_CAUSES.index(base.cause) if base.cause in FINDING_CAUSES else 1,
        format_func=lambda c: _label("findings.cause", c),
        key=f"{key}_cause",
    )
    values["grade"] = cols[1].selectbox(
        t("common.grade"),
        FINDING_GRADES,
        index=FINDING_GRADES.index(base.grade) if base.grade in FINDING_GRADES else 2,
        format_func=lambda g: _label("findings.grade", g),
        key=f"{key}_grade",
    )
    values["status"] = cols[2].selectbox(
        t("common.status"),
        FINDING_STATUSES,
        index=FINDING_STATUSES.index(base.status),
        format_func=lambda s: _label("findings.status", s),
        key=f"{key}_status",
    )
    cols = st.columns(2)
    step_ids = none + list(steps)
    values["step_id"] = cols[0].selectbox(
        t("review.f.step"),
        step_ids,
        index=step_ids.index(base.step_id) if base.step_id in steps else 0,
        format_func=lambda s: steps[s] if s else t("review.f.none"),
        key=f"{key}_step",
    )
    role_ids = none + list(roles)
    values["role_id"] = cols[1].selectbox(
        t("review.f.role"),
        role_ids,
        index=role_ids.index(base.role_id) if base.role_id in roles else 0,
        format_func=lambda r: roles[r] if r else t("review.f.none"),
        key=f"{key}_role",
    )
    values["evidence"] = st.multiselect(
        t("review.f.evidence"),
        list(evidence),
        default=[e for e in base.evidence if e in evidence],
        format_func=lambda e: evidence[e],
        key=f"{key}_evidence",
        placeholder=t("common.choose"),
    )
    return values


def _built(base: Finding, values: dict) -> Finding:
    strength = values["strength"]
    return replace(
        base,
        title=values["title"].strip(),
        description=values["description"].strip(),
        strength=strength,
        cause=None if strength else values["cause"],
        grade=None if strength else values["grade"],
        status=values["status"],
        step_id=values["step_id"],
        role_id=values["role_id"],
        evidence=tuple(values["evidence"]),
    )


def _edit_form(conn, actor, review, visible, steps, roles) -> None:
    st.subheader(t("review.edit"))
    ids = [s.finding.id for s in visible]
    chosen_id = st.selectbox(
        t("common.finding"),
        ids,
        format_func=lambda i: next(s.finding.title for s in visible if s.finding.id == i),
        key=lang_key("review_edit_pick"),
    )
    stored = next(s for s in visible if s.finding.id == chosen_id)
    opened = opened_version(f"review_opened_f_{chosen_id}", stored.version)
    key = f"review_f_{chosen_id}_{opened}"
    with st.form(f"review_edit_{chosen_id}"):
        values = _finding_fields(review, steps, roles, stored.finding, key)
        sent = st.form_submit_button(t("review.f.save"), type="primary", key="review_f_save")
    _photos(conn, actor, review, stored.finding.evidence)
    if sent:
        save(
            lambda: services.review.update_finding(
                conn, actor, review.drill_id, _built(stored.finding, values), opened, now=now()
            ),
            t("review.f.saved"),
            opened_key=f"review_opened_f_{chosen_id}",
        )


def opened_version(state_key: str, version: int) -> int:
    """The version an edit form was opened on: a save is checked against it, so an edit someone
    saved meanwhile is never overwritten; the user may load the newer one instead."""
    opened = st.session_state.setdefault(state_key, version)
    if opened != version:
        st.warning(t("review.changed_meanwhile"), icon=":material/sync_problem:")
        if st.button(t("review.load_latest"), key=f"{state_key}_reload"):
            st.session_state.pop(state_key, None)
            st.rerun()
    return opened


def _add_form(conn, actor, review, steps, roles) -> None:
    with st.expander(t("review.add"), icon=":material/add:"):
        blank = Finding(id=NEW, title="—", status="accepted")  # the title field starts empty
        with st.form("review_add", clear_on_submit=True):
            values = _finding_fields(review, steps, roles, blank, "review_new")
            sent = st.form_submit_button(t("common.add"), key="review_add_save")
        if sent:
            save(
                lambda: services.review.add_finding(
                    conn, actor, review.drill_id, _built(blank, values), now=now()
                ),
                t("review.added"),
            )


def _photos(conn, actor, review, evidence) -> None:
    photos = [o for o in review.observations if o.id in evidence and o.photo_id]
    if not photos:
        return
    st.caption(t("review.photos"))
    cols = st.columns(min(len(photos), 4))
    for col, o in zip(cols * (len(photos) // len(cols) + 1), photos, strict=False):
        try:
            _, data = services.review.load_photo(conn, actor, review.drill_id, o.photo_id)
        except (NotFoundError, NotAllowedError):
            continue
        col.image(data, caption=md(o.note[:40]) if o.note else None, width="stretch")


# ---------------------------------------------------------------- participants' reviews


def reviews(review) -> None:
    named = len(review.participants)
    done = review.reviews
    st.caption(t("review.r.count", done=len(done), named=max(named, len(done))))
    if not done:
        st.info(t("review.r.none"))
        return
    roles = {r.id: r.name for r in review.plan.roles}
    mean = sum(r.review.rating for r in done) / len(done)
    st.metric(t("review.r.mean"), f"{mean:.1f} / 5")
    st.dataframe(
        [
            {
                t("review.r.user"): r.review.username,
                t("review.r.role"): roles.get(r.review.role or "", r.review.role or ""),
                t("review.r.rating"): r.review.rating,
                t("common.what_went_well"): r.review.went_well,
                t("common.what_to_improve"): r.review.to_improve,
                t("review.r.when"): fmt_time(r.submitted_at),
            }
            for r in done
        ],
        hide_index=True,
        width="stretch",
    )
