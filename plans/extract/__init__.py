"""Plan import: document blocks → roles, levels, steps. The pipeline (plans.extract.pipeline)
is language-neutral; each language is a pack (plans.extract.zh, plans.extract.en) with its own
vocabulary files.

The public names are loaded on first use, so that a module the pipeline itself needs (such as
plans.timelimits, which uses plans.extract.text) can import from this package first."""

from __future__ import annotations

__all__ = ["STAGES", "extract_plan", "import_document"]


def __getattr__(name: str):
    if name in __all__:
        from plans.extract import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
