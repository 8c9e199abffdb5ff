"""Extract a Plan (roles, levels, steps, parts, sections) from document Blocks; import a document.

The pipeline is the same for every language: read the structure (sections and their kinds,
parts), let the document's language pack find roles, steps and their order, then read levels and
assemble the plan. A language is a pack (plans.extract.packs), not edits here."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from pathlib import PurePath

from plans.extract.context import contexts, section_kind
from plans.extract.levels import extract_levels, named_levels
from plans.extract.packs import pack_for
from plans.extract.registry import RoleRegistry
from plans.extract.sections import find_parts, plan_kind, plan_title, sections
from plans.extract.text import clear_memos
from plans.model import Block, Plan, Source, Step
from plans.reader import detect_language, read_document
from plans.timelimits import step_time_fields

__all__ = ["STAGES", "extract_plan", "import_document"]

STAGES = (
    "extract.stage.read",
    "extract.stage.structure",
    "extract.stage.roles",
    "extract.stage.steps",
    "extract.stage.done",
)


def import_document(
    data: bytes, filename: str, *, max_bytes: int | None = None, progress=None
) -> Plan:
    """Read an uploaded document and extract its plan; `progress(fraction, stage_key)` if given.

    Raises:
        PlanReadError: the document cannot be read (see plans.reader.read_document).
    """
    report = progress or (lambda fraction, stage: None)
    report(0.0, STAGES[0])
    blocks = read_document(data, filename, max_bytes=max_bytes)
    return extract_plan(blocks, filename=filename, progress=report)


def extract_plan(
    blocks: list[Block],
    *,
    filename: str = "",
    progress=None,
    overrides: dict[int, tuple[str, str | None]] | None = None,
) -> Plan:
    """The plan that `blocks` describe; every role, level and step points back to its block.

    `overrides`: what the plan owner said some sections are (heading block → (kind, owner role
    name or None), see plans.triage): they win over what the headings say."""
    with _collector_paused():
        return _extract(blocks, filename, progress, overrides)


@contextmanager
def _collector_paused():
    """Extraction makes hundreds of thousands of small objects that reference counting frees:
    the cyclic collector, run every 700 allocations, only costs time there (about 5%). It runs
    again afterwards, as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _extract(blocks, filename, progress, overrides) -> Plan:
    report = progress or (lambda fraction, stage: None)
    # the memoised text helpers start empty for each document (no carry-over between imports)
    clear_memos()
    report(0.3, STAGES[1])
    language = detect_language(blocks)
    pack = pack_for(language)
    ctxs = contexts(blocks, pack, overrides)
    parts, block_parts = find_parts(blocks)
    reg = RoleRegistry()
    report(0.5, STAGES[2])
    drafts, befores = pack.extract(blocks, ctxs, block_parts, reg)
    report(0.7, STAGES[3])
    levels = extract_levels(blocks, block_parts)
    level_ids = {lv.id for lv in levels}
    roles = reg.roles()
    new = reg.renumbered
    steps = []
    for i, d in enumerate(drafts):
        owners = tuple(dict.fromkeys(new[r] for r in d.roles if r in new))
        support = tuple(
            dict.fromkeys(new[r] for r in d.support if r in new and new[r] not in owners)
        )
        times = step_time_fields(d.limit)
        steps.append(
            Step(
                id=f"s{i + 1}",
                name=pack.step_name(d, reg),
                text=d.text,
                roles=owners,
                phase=d.phase,
                time_limit_min=d.time,
                levels=tuple(lv for lv in d.levels if lv in level_ids)
                or (named_levels(d.text, levels) if language == "en" else ()),
                after=tuple(f"s{j + 1}" for j in befores[i]),
                source=Source(d.block, d.source, d.text),
                part=d.part,
                support=support,
                notifies=tuple(
                    dict.fromkeys(
                        new[r] for r in pack.notified(d, reg) if r in new and new[r] not in owners
                    )
                ),
                time_text=d.time_text or times["time_text"],
                time_from=times["time_from"] if d.time is not None else "T0",
                time_parts=times["time_parts"],
                frequency_min=times["frequency_min"],
            )
        )
    warnings = []
    if not steps:
        warnings.append("extract.no_steps")
    if not roles:
        warnings.append("extract.no_roles")
    if not levels:
        warnings.append("extract.no_levels")
    if not any(b.kind == "heading" for b in blocks):
        warnings.append("extract.no_structure")
    title = plan_title(blocks) or PurePath(filename).stem
    report(1.0, STAGES[4])
    return Plan(
        title=title,
        language=language,
        kind=plan_kind(title, parts),
        roles=tuple(roles),
        levels=tuple(levels),
        steps=tuple(steps),
        parts=tuple(parts),
        sections=tuple(sections(blocks, block_parts, [section_kind(ctx, pack) for ctx in ctxs])),
        warnings=tuple(warnings),
    )
