"""Plan import: document blocks → roles, levels, steps. The pipeline (plans.extract.pipeline)
is language-neutral; each language is a pack (plans.extract.zh, plans.extract.en) with its own
vocabulary files."""

from plans.extract.pipeline import STAGES, extract_plan, import_document

__all__ = ["STAGES", "extract_plan", "import_document"]
