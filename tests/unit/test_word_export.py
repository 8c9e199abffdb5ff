"""The plan back in Word as it came in (plans.word_export, plans.word_original): the original's
body kept, revisions as tracked changes or made outright, the cover date and document control,
generated annexes numbered on from the plan's own, text plans built from their sections."""

from __future__ import annotations

import difflib
import io
import re
import shutil
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK
from lxml import etree

from i18n import t
from plans.demo import demo_documents
from plans.extract import import_document
from plans.model import Step, replace
from plans.reader_docx import read_docx
from plans.word_export import WordMeta, plan_word, revision_rows

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "docx"
CORPUS_FILES = sorted(CORPUS.glob("*.docx"))
DEMO_TEXT = Path(__file__).resolve().parents[2] / "plans" / "demo_content" / "riverside_zh.txt"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
META = WordMeta(
    version_label="v2",
    approved_on=date(2026, 12, 7),
    approved_by="李审批",
    author="王编制",
    changed_at=datetime(2026, 12, 6, 9, 30),
)


def squeezed(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    return re.sub(r"\s", "", "".join(p.text for p in document.paragraphs))


def document_xml(data: bytes):
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return etree.fromstring(zf.read("word/document.xml"))


def marked_paragraphs(data: bytes) -> list:
    """The paragraphs holding a tracked insertion or deletion (of text or of the paragraph)."""
    root = document_xml(data)
    return [
        p
        for p in root.iter(W + "p")
        if p.find(f".//{W}ins") is not None or p.find(f".//{W}del") is not None
    ]


def revision_texts(p, tag: str) -> str:
    text = "delText" if tag == "del" else "t"
    return "".join(t.text or "" for mark in p.iter(W + tag) for t in mark.iter(W + text))


def demo_zh() -> tuple[str, bytes]:
    return demo_documents()[0]


def test_sanity_the_corpus_is_there():
    assert len(CORPUS_FILES) >= 6, f"the corpus of real plans is missing from {CORPUS}"


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_every_corpus_plan_comes_back_as_its_own_document(path):
    """Import, export, read back: the export starts with the original's blocks (same text, same
    heading numbers and levels) and holds ≥ 99% of its characters in order."""
    data = path.read_bytes()
    plan = import_document(data, path.name)
    word = plan_word(plan, original=(path.name, data))
    assert word.source == "original"
    before, after = read_docx(data), read_docx(word.data)
    assert [(b.kind, b.text, b.label, b.level) for b in after[: len(before)]] == [
        (b.kind, b.text, b.label, b.level) for b in before
    ]
    a, b = squeezed(data), squeezed(word.data)
    kept = sum(
        m.size for m in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    )
    assert kept / len(a) >= 0.99
    assert word.annexes  # role cards at least: every corpus plan has steps with owners


def three_changes(plan):
    """One step changed, one added after a step, one removed."""
    steps = list(plan.steps)
    changed, anchor, removed = steps[2], steps[5], steps[8]
    steps[2] = replace(changed, text=changed.text + "并同步报告园区值班室。")
    added = Step(
        id="s900",
        name="复核人数",
        text="警戒疏散组复核疏散人数并报告指挥部。",
        roles=anchor.roles,
        after=(anchor.id,),
    )
    steps.insert(6, added)
    steps.remove(removed)
    return replace(plan, steps=tuple(steps)), changed, added, removed


def test_a_revision_of_three_steps_exports_as_three_tracked_changes_and_a_clean_copy(tmp_path):
    name, data = demo_zh()
    plan = import_document(data, name)
    target, changed, added, removed = three_changes(plan)

    tracked = plan_word(target, original=(name, data), base=plan, meta=META)
    marks = marked_paragraphs(tracked.data)
    assert len(marks) == 3
    by_kind = {c.kind: c for c in tracked.changes}
    assert set(by_kind) == {"changed", "added", "removed"}
    assert all(c.placed for c in tracked.changes)
    texts = [(revision_texts(p, "del"), revision_texts(p, "ins")) for p in marks]
    assert ("", "并同步报告园区值班室。") in [(d[:0], i[-11:]) for d, i in texts]
    assert any(i == added.text for _d, i in texts)
    assert any(d == removed.source.quote and not i for d, i in texts)
    root = document_xml(tracked.data)
    authors = {m.get(W + "author") for m in root.iter(W + "ins", W + "del")}
    dates = {m.get(W + "date") for m in root.iter(W + "ins", W + "del")}
    assert authors == {"王编制"} and dates == {"2026-12-06T09:30:00Z"}

    clean = plan_word(target, original=(name, data), base=plan, meta=META, tracked=False)
    assert marked_paragraphs(clean.data) == []
    body = squeezed(clean.data)
    assert re.sub(r"\s", "", changed.text + "并同步报告园区值班室。") in body
    assert re.sub(r"\s", "", added.text) in body
    assert re.sub(r"\s", "", removed.source.quote) not in body

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (libreoffice-writer-nogui) is needed: scripts/setup.sh --dev"
    for label, word in (("tracked", tracked), ("clean", clean)):
        (tmp_path / f"{label}.docx").write_bytes(word.data)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "tracked.docx"),
            str(tmp_path / "clean.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    for label in ("tracked", "clean"):
        pdf = (tmp_path / f"{label}.pdf").read_bytes()
        assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def office_plan() -> bytes:
    """A small plan as an office writes it: cover with a date in Chinese numerals, numbered
    headings (Word list numbering), a table, two annexes of its own."""
    from docx.enum.style import WD_STYLE_TYPE  # noqa: F401  (styles are the template's)

    document = docx.Document()
    document.add_paragraph("某市燃气泄漏事故应急预案", style="Title")
    document.add_paragraph("某市应急管理局")
    document.add_paragraph("二〇二三年五月")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_heading("总则", level=1)
    document.add_paragraph("本预案适用于本市城镇燃气管道泄漏事故的应急处置工作。" * 3)
    document.add_heading("应急响应", level=1)
    document.add_paragraph("市应急局接报后，应在30分钟内向市政府报告事故情况。")
    document.add_paragraph("燃气公司应立即关闭上游阀门，并派员赶赴现场处置。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "等级", "条件"
    table.cell(1, 0).text, table.cell(1, 1).text = "Ⅰ级", "造成3人以上死亡"
    document.add_paragraph("附件1  应急通讯录")
    document.add_paragraph("附件2  应急物资清单")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_the_cover_date_becomes_the_approval_date_and_annexes_number_on():
    data = office_plan()
    plan = import_document(data, "gas.docx")
    history = (("v1", "2023-05-10", "张三", "首次发布"), ("v2", "2026-12-07", "李审批", "据v1修订"))
    word = plan_word(plan, original=("gas.docx", data), meta=replace_meta(history=history))
    texts = [b.text for b in read_docx(word.data)]
    assert "二〇二六年十二月" in texts and "二〇二三年五月" not in texts
    assert texts[0] == "某市燃气泄漏事故应急预案"  # no version in the title
    labels = [t for t in texts if re.match(r"^附件\d+$", t)]
    assert labels[0] == "附件3"  # generated annexes come after the plan's own two
    assert word.annexes[0] == "3"
    document = docx.Document(io.BytesIO(word.data))
    (control,) = [x for x in document.tables if x.rows[0].cells[0].text == t("common.version")]
    assert [[c.text for c in row.cells] for row in control.rows[1:]] == [
        ["v1", "2023-05-10", "张三", t("doc.word.first_version")],
        ["v2", "2026-12-07", "李审批", "据v1修订"],
    ]


def replace_meta(**changes) -> WordMeta:
    from dataclasses import replace as dc_replace

    return dc_replace(META, **changes)


def test_a_text_plan_is_built_from_its_sections_in_source_order_with_their_numbering():
    data = DEMO_TEXT.read_bytes()  # "# " and "## " headings: read as Markdown
    plan = import_document(data, "riverside_zh.md")
    word = plan_word(plan, original=("riverside_zh.md", data))
    assert word.source == "sections"
    headings = [b.text for b in read_docx(word.data) if b.kind == "heading"]
    own = [s.heading for s in plan.sections if s.heading]
    assert headings[: len(own)] == own
    assert own[0].startswith("1 ") and any(h.startswith("1.1 ") for h in own)


def test_a_revised_text_plan_keeps_its_changes_in_place():
    data = DEMO_TEXT.read_bytes()
    plan = import_document(data, "riverside_zh.md")
    target, _changed, _added, _removed = three_changes(plan)
    word = plan_word(target, original=("riverside_zh.md", data), base=plan, meta=META)
    assert len(marked_paragraphs(word.data)) == 3
    assert all(c.placed for c in word.changes)


def test_the_revision_record_lists_every_change_and_never_calls_a_changed_step_unchanged():
    name, data = demo_zh()
    plan = import_document(data, name)
    target, changed, _added, _removed = three_changes(plan)
    flags = [
        ("step", changed.id, "报告未通知值班室", "已补充"),
        ("role", plan.roles[0].id, "职责不清", ""),
    ]
    rows = revision_rows(plan, target, flags, META, "zh")
    by_change = [r["change"] for r in rows]
    assert by_change.count("added") == 1 and by_change.count("removed") == 1
    step_rows = [r for r in rows if r["reason"].startswith("报告未通知值班室")]
    assert step_rows and all(r["after"] != t("revision.unchanged") for r in step_rows)
    assert step_rows[0]["reason"] == "报告未通知值班室（说明：已补充）"
    assert rows[-1]["after"] == t("revision.unchanged") and rows[-1]["reason"] == "职责不清"
    assert all(r["approval"] == "李审批 2026-12-07" for r in rows)
    others = [r for r in rows if r["change"] in ("added", "removed")]
    assert {r["reason"] for r in others} == {t("doc.word.owner_edit")}


def test_the_cli_exports_a_document_as_its_word_plan(tmp_path):
    from plans.cli import main

    _name, data = demo_zh()
    source = tmp_path / "plan.docx"
    source.write_bytes(data)
    out = tmp_path / "out.docx"
    assert main(["export-word", str(source), "--out", str(out), "--lang", "en"]) == 0
    assert read_docx(out.read_bytes())[:5] == read_docx(data)[:5]
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a word file")
    assert main(["export-word", str(bad), "--out", str(tmp_path / "x.docx")]) == 1
    assert not (tmp_path / "x.docx").exists()


def test_a_document_without_a_page_gets_the_gbt_9704_page_and_one_with_a_page_keeps_it():
    document = docx.Document()
    document.add_heading("总则", level=1)
    document.add_paragraph("市应急局接报后，应在30分钟内向市政府报告。")
    sect = document.sections[0]._sectPr
    for el in [e for e in sect if e.tag in (W + "pgSz", W + "pgMar")]:
        sect.remove(el)
    out = io.BytesIO()
    document.save(out)
    bare = out.getvalue()
    word = plan_word(import_document(bare, "bare.docx"), original=("bare.docx", bare))
    section = docx.Document(io.BytesIO(word.data)).sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert (round(section.top_margin.mm), round(section.left_margin.mm)) == (37, 28)
    name, data = demo_zh()
    own = docx.Document(io.BytesIO(data)).sections[0]
    kept = docx.Document(
        io.BytesIO(plan_word(import_document(data, name), original=(name, data)).data)
    ).sections[0]
    assert (kept.page_width, kept.top_margin, kept.left_margin) == (
        own.page_width,
        own.top_margin,
        own.left_margin,
    )


def test_a_step_written_by_hand_into_the_first_version_is_in_the_body_once():
    name, data = demo_zh()
    plan = import_document(data, name)
    anchor = plan.steps[3]
    new = Step(
        id="s800",
        name="通报周边社区",
        text="警戒疏散组向周边社区居委会通报事故情况。",
        roles=anchor.roles,
        after=(anchor.id,),
    )
    missed = Step(id="s801", name="补录", text=plan.steps[6].source.quote, after=(anchor.id,))
    first = replace(plan, steps=(*plan.steps[:4], new, missed, *plan.steps[4:]))
    word = plan_word(first, original=(name, data))
    body = squeezed(word.data)
    assert body.count(re.sub(r"\s", "", new.text)) == 1
    assert body.count(re.sub(r"\s", "", missed.text)) == 1  # already in the document: not twice
    texts = [b.text for b in read_docx(word.data)]
    at = next(i for i, b in enumerate(read_docx(data)) if b.index == anchor.source.block)
    assert texts[at + 1] == new.text  # right after its predecessor's paragraph
    assert marked_paragraphs(word.data) == []  # part of the approved first version


def test_a_step_read_from_a_procedure_table_is_changed_in_its_action_cell():
    source = docx.Document()
    source.add_heading("液氨泄漏现场处置卡", 1)
    rows = [
        ("序号", "处置措施", "责任人"),
        ("1", "关闭泄漏点上下游阀门", "操作工"),
        ("2", "组织人员向上风向疏散", "值班长"),
    ]
    table = source.add_table(rows=len(rows), cols=3)
    for r, cells in enumerate(rows):
        for k, text in enumerate(cells):
            table.cell(r, k).text = text
    buffer = io.BytesIO()
    source.save(buffer)
    data = buffer.getvalue()
    plan = import_document(data, "card.docx")
    assert [s.text for s in plan.steps] == ["关闭泄漏点上下游阀门", "组织人员向上风向疏散"]
    first = plan.steps[0]
    revised = replace(
        plan, steps=(replace(first, text="关闭泄漏点上下游阀门并报告"), *plan.steps[1:])
    )
    plain = plan_word(revised, original=("card.docx", data), first=plan, base=plan, tracked=False)
    cells = [
        [c.text for c in row.cells] for row in docx.Document(io.BytesIO(plain.data)).tables[0].rows
    ]
    assert cells[1] == ["1", "关闭泄漏点上下游阀门并报告", "操作工"]
    assert cells[2] == ["2", "组织人员向上风向疏散", "值班长"]
    tracked = plan_word(revised, original=("card.docx", data), first=plan, base=plan, tracked=True)
    cell = docx.Document(io.BytesIO(tracked.data)).tables[0].cell(1, 1)._tc
    deleted = etree.tostring(cell, encoding="unicode")
    assert "w:del " in deleted and "w:ins " in deleted and "并报告" in deleted
