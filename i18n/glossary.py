"""The product's closed vocabularies, each defined once: its ids in the order they are offered and
shown, and the catalogue key of each id's label (the words themselves live in i18n/locales).

Screens, documents, exports, validation and the database constraints use these. Every layer may
import this module (it imports nothing of the project but the catalogue).
"""

from __future__ import annotations

from typing import Self

from i18n import Term, t


class Vocabulary(tuple):
    """The ids of one closed set, in order; a tuple of str, so `in`, `index` and iteration work
    as on any tuple. `key(id)` is the catalogue key of the id's label: `prefix` + id."""

    prefix: str

    def __new__(cls, prefix: str, *ids: str) -> Self:
        vocabulary = super().__new__(cls, ids)
        vocabulary.prefix = prefix
        return vocabulary

    def __getnewargs__(self) -> tuple[str, ...]:
        return (self.prefix, *self)

    def key(self, value: str) -> str:
        """The catalogue key of `value`'s label.

        Raises:
            ValueError: `value` is not one of the ids.
        """
        if value not in self:
            raise ValueError(f"{value!r} is not one of {self.prefix}*: {tuple(self)}")
        return f"{self.prefix}{value}"

    def label(self, value: str | None, lang: str | None = None) -> str:
        """The words for `value` in `lang` (default: this thread's); a value outside the set (free
        text a document was given) is shown as it is, None as ""."""
        if value is None:
            return ""
        return t(self.key(value), lang=lang) if value in self else str(value)

    def term(self, value: str) -> Term:
        """`value`'s label as a Term, for an error parameter shown in the reader's language."""
        return Term(self.key(value))


# Accounts and plans
ACCOUNT_ROLES = Vocabulary(
    "role.",
    "admin",
    "plan_owner",
    "approver",
    "drill_director",
    "evaluation_lead",
    "evaluator",
    "participant",
    "manager",
)
PLAN_KINDS = Vocabulary(
    "kind.", "overall", "special", "department", "comprehensive", "onsite", "other"
)
VERSION_STATUSES = Vocabulary("status.", "draft", "in_review", "published", "superseded")
PHASES = Vocabulary(
    "phase.",
    "warning",
    "report",
    "initial",
    "activation",
    "command",
    "disposal",
    "escalation",
    "public_info",
    "support",
    "termination",
    "recovery",
)

# Drills
DRILL_STATUSES = Vocabulary("drills.status.", "designing", "sealed", "running", "paused", "ended")
DRILL_TYPES = Vocabulary("drills.type.", "tabletop", "live")  # 桌面 / 实战
DRILL_SCOPES = Vocabulary("drills.scope.", "single", "comprehensive")  # 单项 / 综合
# A person's post in one drill (drill_people.role), not an account role.
DRILL_POSTS = Vocabulary("drillpage.as.", "director", "evaluation_lead", "evaluator", "participant")
BLINDING_ASPECTS = Vocabulary("drills.aspect.", "time", "place", "scenario", "subject")
INJECT_KINDS = Vocabulary("drills.inject_kind.", "message", "task_card", "question")
CLOCK_EVENTS = Vocabulary("drills.clock.event.", "start", "pause", "resume", "end")
# The reveal log: who could see a drill before its start and when it was revealed.
REVEAL_EVENTS = Vocabulary(
    "drillpage.reveal.",
    "created",
    "updated",
    "sealed",
    "evaluator_access_granted",
    "insider_added",
    "insider_removed",
    "viewed",
    "revealed",
)

# Observation and evaluation
# An evaluator's entry for a checklist item; an expected item with no entry is "not observed".
RATINGS = Vocabulary("outcome.", "done", "partly", "not_done", "na")
# What became of a checklist item when the drill is scored: its rating, or no entry at all.
PERFORMED = Vocabulary("outcome.", *RATINGS, "not_observed")
# The outcome categories of the evaluation: a done item split by its time limit.
OUTCOME_CATEGORIES = Vocabulary(
    "outcome.", "on_time", "late", "partly", "not_done", "na", "not_observed"
)
# HSEEP: performed without challenges / with some / with major challenges / unable to be performed.
QUALITY_MARKS = Vocabulary("scoring.rating.", "P", "S", "M", "U")
# The capability areas of AQ/T 9009 that items are scored in.
CAPABILITY_AREAS = Vocabulary(
    "scoring.area.",
    "preparation",
    "warning_report",
    "mobilisation",
    "command",
    "disposal",
    "support",
    "public_info",
    "recovery",
    "termination",
)
SCORE_GRADES = Vocabulary("scoring.grade.", "excellent", "good", "pass", "fail")
# What the scores over time are grouped by.
SCORE_DIMENSIONS = Vocabulary("analytics.by.", "area", "role", "overall")
POETE_ELEMENTS = Vocabulary(
    "signoff.element.", "planning", "organization", "equipment", "training", "exercise"
)

# Findings and their corrective actions (improvement items)
FINDING_CAUSES = Vocabulary(
    "findings.cause.", "plan_defect", "execution", "resources", "training", "coordination"
)
FINDING_GRADES = Vocabulary("findings.grade.", "deficiency", "must_fix", "improvement")
FINDING_STATUSES = Vocabulary("findings.status.", "proposed", "accepted", "rejected")
FINDING_KINDS = Vocabulary(
    "findings.kind.",
    "missed",
    "late",
    "out_of_order",
    "wrong_role",
    "gap",
    "note",
    "strength",
    "manual",
)
ACTION_STATUSES = Vocabulary("findings.action_status.", "open", "in_progress", "done", "verified")

VOCABULARIES: dict[str, Vocabulary] = {
    name: value for name, value in sorted(globals().items()) if isinstance(value, Vocabulary)
}
