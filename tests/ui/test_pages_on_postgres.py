"""A selection of the page tests with bootstrap.get_db on PostgreSQL: a plan's life (import, list,
edit, a concurrent save refused, approval) and a drill's (design, console, a tap, an amendment,
the end with its scores) on the second engine. The whole page suite runs on DuckDB; these run
again here under their own names."""

from __future__ import annotations

import pytest

import bootstrap
from db.dialect import POSTGRES, engine_of
from tests.ui.test_drill_pages import (  # noqa: F401 - collected here, on PostgreSQL
    test_a_director_creates_a_drill_from_a_published_plan,
    test_after_the_end_an_entry_is_amended_with_a_reason_and_the_original_kept,
    test_an_evaluator_taps_an_item_and_it_is_stored_before_it_is_confirmed,
    test_ending_on_the_console_keeps_scores_and_proposed_findings_at_once,
    test_the_console_starts_the_drill_and_shows_progress,
)
from tests.ui.test_pages import (  # noqa: F401 - collected here, on PostgreSQL
    test_editing_a_step_changes_the_chart_and_saving_stores_it,
    test_home_page_counts_the_stored_plans,
    test_import_previews_a_docx_and_saves_it_as_a_draft,
    test_plans_list_searches_and_filters,
    test_published_versions_are_read_only_and_versions_page_approves,
    test_two_people_saving_the_same_draft_do_not_overwrite_each_other,
)


@pytest.fixture
def ui_database(postgres_database):
    return postgres_database


def test_the_plan_pages_here_read_and_write_postgresql(conn):
    assert engine_of(bootstrap.get_db()) == engine_of(conn) == POSTGRES


def test_the_drill_pages_here_read_and_write_postgresql(world):
    assert engine_of(bootstrap.get_db()) == engine_of(world.db) == POSTGRES
