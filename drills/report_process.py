"""The process record in the evaluation report: every entry in time order with its observed and
recorded times, evaluator (display name), result, quality mark and note; undone entries struck
through and marked; amendments with original, new value and reason; answers to injects and
unexpected actions; photos as captioned thumbnails (full size in an annex); conflicts between
evaluators flagged and listed. A mixin of drills.report_writer.ReportWriter."""

from __future__ import annotations

import io
from datetime import datetime

from docx.image.exceptions import UnrecognizedImageError
from docx.shared import Mm

from drills.report_model import RecordRow
from drills.report_record import amendment_text
from drills.report_text import fit_widths, number
from plans.docx_figures import picture
from plans.docx_style import add_paragraph, clean, paragraph
from plans.docx_style import table as docx_table

THUMB_MM = 40
_TABLE_PT = {"zh": 12.0, "en": 10.0}


class ProcessRecord:
    """Tables with headers that never break inside a word, and the process record."""

    def table(self, header, rows, *, widths_mm, **options):
        rows = [list(row) for row in rows]
        widths = fit_widths(header, widths_mm, _TABLE_PT.get(self.lang, 10.0), rows)
        return docx_table(self.document, header, rows, widths_mm=widths, **options)

    def record_section(self) -> None:
        """The process record table, its conflicts and the photo thumbnails."""
        rows = self.data.record
        paragraph(self.document, self.tr("eval.record.intro"))
        if not rows:
            paragraph(self.document, self.tr("eval.record.empty"))
            return
        header = [
            self.tr("doc.no"),
            self.tr("common.time"),
            self.tr("common.evaluator"),
            self.tr("eval.record.what"),
            self.tr("common.result"),
            self.tr("eval.record.quality"),
            self.tr("common.comment"),
        ]
        cells = [
            (n, self._times(r), r.evaluator, r.what, r.result or "—", r.quality, self._note(r))
            for n, r in enumerate(rows, start=1)
        ]
        grid = self.table(header, cells, widths_mm=(9, 26, 18, 30, 18, 11, 44), align_center=(0, 5))
        for row, record in zip(grid.rows[1:], rows, strict=True):
            if record.undone:
                self._strike(row, record.undone)
        self.conflicts_table()
        self.photo_thumbnails()

    def _times(self, row: RecordRow) -> str:
        """When it happened (and its drill minute), then when it was recorded."""
        minute = "—" if row.minute is None else number(row.minute, 0)
        return self.tr(
            "eval.record.times",
            observed=self._clock(row.observed),
            minute=minute,
            recorded=self._clock(row.recorded),
        )

    @staticmethod
    def _clock(moment) -> str:
        return f"{moment:%H:%M}" if isinstance(moment, datetime) else clean(moment)

    def _note(self, row: RecordRow) -> str:
        lines = [row.note] if row.note else []
        if row.done_by:
            lines.append(self.tr("eval.record.done_by", role=row.done_by))
        number_ = self.data.photo_number(row.photo) if row.photo else None
        if number_:
            lines.append(self.tr("eval.record.photo", n=number_))
        lines += [amendment_text(a, self.lang) for a in row.amendments]
        if row.conflict:
            lines.append(self.tr("eval.record.conflict"))
        if row.remark:
            lines.append(row.remark)
        return "\n".join(lines)

    @staticmethod
    def _strike(row, mark: str) -> None:
        """Strike an undone entry through and say who undid it, in its last cell."""
        for cell in row.cells:
            for item in cell.paragraphs:
                for run in item.runs:
                    run.font.strike = True
        last = row.cells[-1]
        run = last.add_paragraph(style=last.paragraphs[0].style).add_run(clean(mark))
        run.bold = True

    def conflicts_table(self) -> None:
        conflicts = self.data.conflicts
        self.subheading(self.tr("eval.conflicts.title"))
        if not conflicts:
            paragraph(self.document, self.tr("eval.conflicts.none"))
            return
        self.table(
            [
                self.tr("doc.no"),
                self.tr("eval.record.what"),
                self.tr("eval.conflicts.entries"),
                self.tr("eval.conflicts.status"),
            ],
            [
                (n, c.item, "\n".join(c.entries), c.settlement or self.tr("eval.conflicts.open"))
                for n, c in enumerate(conflicts, start=1)
            ],
            widths_mm=(9, 40, 62, 45),
            align_center=(0,),
        )

    def photo_thumbnails(self) -> None:
        photos = self.data.photos
        if not photos:
            return
        paragraph(self.document, self.tr("eval.photos.thumbs"))
        for n, photo in enumerate(photos, start=1):
            shown = add_paragraph(self.document, "Caption")
            try:
                shown.add_run().add_picture(io.BytesIO(photo.data), width=Mm(THUMB_MM))
            except (UnrecognizedImageError, ValueError, KeyError):
                shown.add_run(self.tr("eval.photos.unreadable", n=n))
            add_paragraph(self.document, "Caption", photo.caption)

    def photo_annex(self) -> None:
        for n, photo in enumerate(self.data.photos, start=1):
            try:
                picture(self.document, photo.data, caption=photo.caption)
            except (UnrecognizedImageError, ValueError, KeyError):
                paragraph(self.document, self.tr("eval.photos.unreadable", n=n))
                add_paragraph(self.document, "Caption", photo.caption)


__all__ = ["ProcessRecord"]
