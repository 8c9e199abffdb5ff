"""The glossary: each closed vocabulary once, its ids distinct, each id's label in every locale."""

from __future__ import annotations

import copy
import pickle

import pytest

import i18n
from i18n.glossary import (
    ACCOUNT_ROLES,
    FINDING_CAUSES,
    OUTCOME_CATEGORIES,
    PERFORMED,
    RATINGS,
    VOCABULARIES,
    Vocabulary,
)


@pytest.mark.parametrize("name", sorted(VOCABULARIES))
def test_every_id_has_a_label_in_every_language(name):
    vocabulary = VOCABULARIES[name]
    assert len(set(vocabulary)) == len(vocabulary) >= 2, name
    for lang in i18n.LANGUAGES:
        missing = [i for i in vocabulary if vocabulary.key(i) not in i18n.catalogue(lang)]
        assert not missing, (lang, missing)


def test_a_label_is_said_in_the_language_asked():
    assert FINDING_CAUSES.label("resources", "zh") == i18n.t("findings.cause.resources", "zh")
    assert FINDING_CAUSES.label("resources", "en") == i18n.t("findings.cause.resources", "en")
    assert ACCOUNT_ROLES.term("approver") == i18n.Term("role.approver")


def test_a_value_outside_the_vocabulary_has_no_key_and_is_shown_as_given():
    with pytest.raises(ValueError, match="equipment"):
        FINDING_CAUSES.key("equipment")
    assert FINDING_CAUSES.label("equipment") == "equipment"
    assert FINDING_CAUSES.label(None) == ""


def test_a_vocabulary_is_a_tuple_of_its_ids_in_order():
    assert RATINGS == ("done", "partly", "not_done", "na")
    assert PERFORMED == (*RATINGS, "not_observed")
    assert OUTCOME_CATEGORIES.index("late") == 1 and "on_time" in OUTCOME_CATEGORIES
    for same in (copy.deepcopy(RATINGS), pickle.loads(pickle.dumps(RATINGS))):
        assert isinstance(same, Vocabulary) and same == RATINGS and same.prefix == "outcome."
