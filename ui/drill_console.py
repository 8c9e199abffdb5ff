"""Panels of the director console: header, injects, progress, overdue, timeline, activity."""

from __future__ import annotations

import math
from datetime import datetime

import altair as alt
import pandas as pd
import streamlit as st

import services.drills
from drills.model import ClockEvent
from drills.progress import NO_ROLE, progress_by_phase, progress_by_role
from drills.progress import overdue as overdue_items
from drills.roster import roster_changes, split_names
from i18n import join_names, t
from i18n.errors import UserFacingError
from i18n.glossary import CLOCK_EVENTS, DRILL_STATUSES, PERFORMED, PHASES
from ui import edit_guard, error_text, fmt_time, now
from ui.live import live_callback
from ui.text import md

RATING_COLOURS = {
    "done": "#2e7d32",
    "partly": "#f9a825",
    "not_done": "#c62828",
    "na": "#9e9e9e",
    "not_observed": "#e0e0e0",
}
# One colour per kind of timeline point, the same in every language and whatever is on the
# chart: outcomes as on the progress bars, everything else in neutral tones.
TIMELINE_COLOURS = {
    "done": "#2e7d32",
    "partly": "#f9a825",
    "not_done": "#c62828",
    "na": "#9e9e9e",
    "note": "#5c6bc0",
    "undo": "#bdbdbd",
    "clock": "#37474f",
    "inject": "#90a4ae",
}
# The words of the legend: an item's outcome, or the kind of a point on the timeline.
LEGEND = {
    **{performed: PERFORMED.key(performed) for performed in PERFORMED},
    "note": "console.legend.note",
    "undo": "common.undo",
    "clock": "console.legend.clock",
    "inject": "console.legend.inject",
}


def _legend(kind: str) -> str:
    return t(LEGEND[kind])


def _scale(colours: dict) -> alt.Scale:
    """A fixed colour scale: each kind keeps its colour, named in the reader's language."""
    return alt.Scale(domain=[_legend(k) for k in colours], range=list(colours.values()))


def header(info) -> None:
    cols = st.columns(3)
    cols[0].metric(t("common.status"), DRILL_STATUSES.label(info.status))
    elapsed = f"{info.elapsed_min:.1f}" if info.elapsed_min is not None else "—"
    cols[1].metric(t("common.drill_clock"), elapsed)
    cols[2].metric(t("common.started"), fmt_time(info.started_at) or "—")


@live_callback
def _release(actor, conn, drill_id, inject_id: str) -> None:
    """The release button's callback: released for a live session only, else refused."""
    try:
        services.drills.release_inject(conn, actor, drill_id, inject_id, now=now())
    except UserFacingError as exc:
        st.session_state["console_release_problem"] = error_text(exc)


def injects(conn, drill_id, views, status: str) -> None:
    with st.expander(t("drillpage.injects", n=len(views)), expanded=status == "running"):
        if problem := st.session_state.pop("console_release_problem", None):
            st.error(problem, icon=":material/error:")
        for view in views:
            inject = view.inject
            cols = st.columns([4, 1])
            when = (
                t("drillpage.released_at", minute=f"{view.clock_min:.0f}")
                if view.released_at
                else t("drillpage.offset_at", minute=f"{inject.offset_min:g}")
                if inject.offset_min is not None
                else t("drillpage.manual")
            )
            cols[0].markdown(
                f"**{md(inject.title)}** · {t('drills.inject_kind.' + inject.kind)} · {when}"
            )
            if view.released_at is None and status == "running":
                cols[1].button(
                    t("drillpage.release"),
                    key=f"release_{inject.id}",
                    on_click=_release,
                    args=(conn, drill_id, inject.id),
                )


def _bars(groups: dict, label) -> alt.Chart:
    rows = [
        {
            "group": label(key),
            "rating": _legend(rating),
            "n": getattr(p, rating),
            "order": i,
        }
        for key, p in groups.items()
        for i, rating in enumerate(PERFORMED)
    ]
    return (
        alt.Chart(pd.DataFrame(rows))
        .mark_bar()
        .encode(
            # items are counted whole: ticks at whole numbers only
            x=alt.X(
                "sum(n):Q", title=t("drillpage.items"), axis=alt.Axis(format="d", tickMinStep=1)
            ),
            y=alt.Y("group:N", title=None),
            color=alt.Color("rating:N", scale=_scale(RATING_COLOURS), title=None),
            order="order:Q",
        )
    )


def progress(items, state, plan) -> None:
    names = {r.id: r.name for r in plan.roles}
    st.markdown(f"**{t('drillpage.progress_roles')}**")
    by_role = progress_by_role(items, state)
    st.altair_chart(
        _bars(by_role, lambda r: names.get(r, t("common.no_owner") if r == NO_ROLE else r)),
        width="stretch",
    )
    st.markdown(f"**{t('drillpage.progress_phases')}**")
    st.altair_chart(_bars(progress_by_phase(items, state), PHASES.label), width="stretch")


def overdue(items, state, events, views, moment: datetime, plan) -> None:
    clock = [ClockEvent(e.kind, e.happened_at, e.by) for e in events if e.kind in CLOCK_EVENTS]
    released = [(v.inject, v.released_at) for v in views if v.released_at]
    late = overdue_items(items, state, clock, moment, released)
    names = {r.id: r.name for r in plan.roles}
    st.markdown(f"**{t('drillpage.overdue', n=len(late))}**")
    if late:
        st.dataframe(
            [
                {
                    t("col.name"): o.item.name,
                    t("col.owners"): join_names(names.get(r, r) for r in o.item.roles),
                    t("col.minutes"): round(o.due_min),
                    t("drillpage.late"): round(o.late_min),
                }
                for o in late
            ],
            hide_index=True,
            width="stretch",
        )


def _point(e, names: dict, lead: dict, items: dict, titles: dict) -> dict:
    """One timeline point: its lane, its colour kind and what the tooltip says."""
    if e.kind == "release":
        return {
            "lane": t("common.injects"),
            "kind": "inject",
            "what": titles.get(e.ref or "", e.ref or ""),
        }
    if e.kind != "observation" or e.observation is None:
        return {
            "lane": t("drillpage.clock_lane"),
            "kind": "clock",
            "what": CLOCK_EVENTS.label(e.kind),
        }
    o = e.observation
    kind = "undo" if o.kind == "undo" else o.rating or "note"
    item = items.get(o.item_id or "", "") or titles.get(o.inject_id or "", "")
    detail = _legend(kind) if kind != "note" else (o.note or "")[:60]
    return {
        "lane": names.get(o.done_by or lead.get(o.item_id or "", ""), t("drillpage.free")),
        "kind": kind,
        "what": f"{item[:60]} · {detail}" if item else detail,
    }


def timeline(events, plan, items, views=()) -> None:
    names = {r.id: r.name for r in plan.roles}
    lead = {i.id: (i.roles[0] if i.roles else "") for i in items}
    titles = {v.inject.id: v.inject.title for v in views}
    item_names = {i.id: i.name for i in items}
    rows = [
        {"minute": e.minute, "by": e.by, **_point(e, names, lead, item_names, titles)}
        for e in events
    ]
    st.markdown(f"**{t('common.timeline')}**")
    if not rows:
        st.caption(t("drillpage.nothing_yet"))
        return
    frame = pd.DataFrame(rows)
    frame["legend"] = [_legend(k) for k in frame["kind"]]
    chart = (
        alt.Chart(frame)
        .mark_circle(size=90)
        .encode(
            x=alt.X(
                "minute:Q",
                title=t("common.drill_clock"),
                axis=alt.Axis(format="d", tickMinStep=1),  # whole minutes, each once
                # from T0, at least the first minutes: early points do not fill the width
                scale=alt.Scale(domain=[0, max(5, math.ceil(frame["minute"].max()))]),
            ),
            y=alt.Y("lane:N", title=None),
            color=alt.Color(
                "legend:N",
                scale=_scale(TIMELINE_COLOURS),
                legend=alt.Legend(title=None, orient="bottom", columns=4),
            ),
            tooltip=[
                alt.Tooltip("minute:Q", title=t("common.drill_clock"), format=".1f"),
                alt.Tooltip("lane:N", title=t("console.tip.lane")),
                alt.Tooltip("what:N", title=t("common.content")),
                alt.Tooltip("by:N", title=t("console.tip.by")),
            ],
        )
    )
    st.altair_chart(chart, width="stretch")


def newest(state, items, plan) -> None:
    from drills.state import newest as newest_entries

    names = {i.id: i.name for i in items}
    st.markdown(f"**{t('drillpage.newest')}**")
    rows = [
        {
            t("drillpage.entered"): fmt_time(o.entered_at),
            t("col.name"): " · ".join(filter(None, [names.get(o.item_id or ""), o.note])),
            t("common.result"): _legend(o.rating) if o.rating else t("console.legend.note"),
            t("common.evaluator"): o.evaluator,
        }
        for o in newest_entries(state, 10)
    ]
    if rows:
        st.dataframe(rows, hide_index=True, width="stretch")
    else:
        st.caption(t("drillpage.nothing_yet"))


def evaluators(activity, moment: datetime) -> None:
    st.markdown(f"**{t('drillpage.evaluators')}**")
    st.dataframe(
        [
            {
                t("auth.username"): a.username,
                t("drillpage.entries"): a.entries,
                t("drillpage.last_activity"): fmt_time(a.last_entered_at) or "—",
                # text, so that "no entry yet" reads "—" rather than None
                t("drillpage.idle_min"): str(
                    round((moment - a.last_entered_at).total_seconds() / 60)
                )
                if a.last_entered_at
                else "—",
            }
            for a in activity
        ],
        hide_index=True,
        width="stretch",
    )


def participants(conn, actor, drill_id: int, plan, design_roles) -> None:
    """Who plays which plan role: it decides which released injects reach whom. The form opens
    on the stored roster and saves only the roles whose players changed, refused when someone
    saved the roster after it was opened (ui/edit_guard.py)."""
    names = {r.id: r.name for r in plan.roles}
    roles = [r for r in (design_roles or names) if r in names]
    form = f"roster_{drill_id}"
    with st.expander(t("drillpage.participants")):
        if message := st.session_state.pop("console_roster_toast", None):
            st.toast(message, icon=":material/check:")
        try:
            roster = services.drills.read_roster(conn, actor, drill_id)
        except UserFacingError as exc:
            st.error(error_text(exc))
            return
        st.caption(t("drillpage.participants_help"))
        edit_guard.stale_notice(form, roster.revision)
        with st.form("console_participants"):
            chosen = {
                role: st.text_input(
                    names[role],
                    value="、".join(roster.players.get(role, ())),
                    key=edit_guard.widget_key(form, role),
                )
                for role in roles
            }
            sent = st.form_submit_button(t("drillpage.save_people"), key="console_roster_save")
        if sent:
            _save_roster(conn, actor, drill_id, form, roster, chosen)


def _save_roster(conn, actor, drill_id: int, form: str, roster, chosen: dict) -> None:
    edited = {role: split_names(text) for role, text in chosen.items()}
    changes = roster_changes(roster.players, edited)
    try:
        revision = services.drills.update_roster(
            conn,
            actor,
            drill_id,
            changes,
            expected_revision=edit_guard.opened(form, roster.revision),
            now=now(),
        )
    except UserFacingError as exc:
        st.error(error_text(exc), icon=":material/sync_problem:")
        return
    edit_guard.saved(form, revision)
    st.session_state["console_roster_toast"] = t("roster.saved" if changes else "roster.unchanged")
    st.rerun()
