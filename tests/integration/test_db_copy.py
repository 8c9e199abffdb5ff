"""`python -m db copy`: a DuckDB file with plans, drills, observations, sessions and audit rows
moves to PostgreSQL and back to a new file with every table equal (rows and content hash), ids
and sequences kept; a target that holds data is refused untouched."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from access.policy import SYSTEM
from db import connection, drills_store, plans_store, sessions_store, users_store
from db.__main__ import main, report
from db.copy import TableCheck, compare, plain, table_digest
from i18n import set_language, t
from services import evaluation
from tests.integration.drills_world import PASSWORD, T0, at, design, obs, seed

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def source(tmp_path):
    """A DuckDB file with a published plan, a drill run with observations, a photo and scores, a
    deleted account, a session and audit rows."""
    world = seed(tmp_path / "source.duckdb")
    drill = drills_store.create_drill(world.db, world.director, design(world), now=at(-60))
    drills_store.seal_drill(world.db, world.director, drill, now=at(-30))
    drills_store.start_drill(world.db, world.director, drill, now=at(0))
    taps = [
        obs(drill, "eva", "c1", minute=4, quality="S", done_by="r2", note="按时报告"),
        obs(drill, "evb", "c3", minute=9, rating="partly", note="阀门关闭迟缓 / slow valve"),
    ]
    for tap, evaluator in zip(taps, (world.eva, world.evb), strict=True):
        drills_store.record_observation(world.db, evaluator, tap)
    drills_store.attach_photo(
        world.db, world.eva, drill, PNG, photo_id="p1", now=at(5), observation_id=taps[0].id
    )
    drills_store.end_drill(world.db, world.director, drill, now=at(90))
    evaluation.recompute_missing(world.db, now=at(91))
    users_store.create_user(
        world.db, SYSTEM, "gone", PASSWORD, roles={"evaluator"}, must_change=False, now=T0
    )
    world.db.execute("DELETE FROM users WHERE username = 'gone'")  # its id stays used
    session = sessions_store.create_session(
        world.db,
        world.eva.user_id,
        code_hash="c" * 64,
        code_expires_at=at(1),
        now=at(0),
        ip="10.0.0.8",
    )
    world.db.close()
    return world, drill, taps, session


def run(*argv: str) -> int:
    return main(["--lang", "en", *argv])


def non_empty(checks) -> set[str]:
    return {check.table for check in checks if check.source_rows}


def test_a_duckdb_file_moves_to_postgresql_and_back_with_every_table_equal(
    source, postgres_database, tmp_path, capsys
):
    world, drill, taps, session = source
    assert run("copy", "--from", str(world.path), "--to", postgres_database) == 0
    assert run("copy", "--from", postgres_database, "--to", str(tmp_path / "back.duckdb")) == 0
    report = capsys.readouterr().out
    assert "observations" in report and t("db_copy.mismatch") not in report

    with (
        connection.connect(world.path, read_only=True) as first,
        connection.connect(postgres_database) as middle,
        connection.connect(tmp_path / "back.duckdb") as back,
    ):
        for there in (middle, back):
            checks = compare(first, there)
            assert all(check.equal for check in checks), [c for c in checks if not c.equal]
            assert {
                "plans",
                "drills",
                "observations",
                "photos",
                "drill_scores",
                "sessions",
                "audit_log",
            } <= non_empty(checks)
            director = users_store.act_as(there, "director")
            assert drills_store.observations(there, director, drill) == taps
            assert drills_store.load_design(there, director, drill) == drills_store.load_design(
                first, users_store.act_as(first, "director"), drill
            )
            assert sessions_store.find_session(there, session) == sessions_store.find_session(
                first, session
            )
            assert plans_store.load_version(
                there, director, world.version_id
            ) == plans_store.load_version(
                first, users_store.act_as(first, "director"), world.version_id
            )


def test_sequences_continue_past_the_copied_ids_even_those_of_deleted_rows(
    source, postgres_database, tmp_path
):
    world, *_ = source
    assert run("copy", "--from", str(world.path), "--to", postgres_database) == 0
    assert run("copy", "--from", postgres_database, "--to", str(tmp_path / "back.duckdb")) == 0
    with connection.connect(world.path, read_only=True) as first:
        highest = first.execute("SELECT max(id) FROM users").fetchone()[0]
    for target in (postgres_database, tmp_path / "back.duckdb"):
        with connection.connect(target) as there:
            users_store.create_user(
                there, SYSTEM, "newcomer", PASSWORD, roles={"evaluator"}, must_change=False, now=T0
            )
            new = there.execute("SELECT id FROM users WHERE username = 'newcomer'").fetchone()[0]
            assert new == highest + 2  # the deleted account's id is not handed out again


def test_a_target_that_holds_data_is_refused_and_left_as_it_was(source, postgres_database, capsys):
    world, *_ = source
    assert run("copy", "--from", str(world.path), "--to", postgres_database) == 0
    with connection.connect(postgres_database) as there:
        before = table_digest(there, "observations")
    capsys.readouterr()
    assert run("copy", "--from", str(world.path), "--to", postgres_database) == 1
    set_language("en")
    assert t("db_copy.target_not_empty", tables="plans").split("(")[0] in capsys.readouterr().err
    with connection.connect(postgres_database) as there:
        assert table_digest(there, "observations") == before


def test_the_refusal_is_said_in_chinese_by_default(source, tmp_path, capsys):
    world, *_ = source
    target = tmp_path / "full.duckdb"
    assert main(["copy", "--from", str(world.path), "--to", str(target)]) == 0
    capsys.readouterr()
    assert main(["copy", "--from", str(world.path), "--to", str(target)]) == 1
    assert t("db_copy.target_not_empty").split("{")[0] in capsys.readouterr().err


def test_the_same_database_as_source_and_target_is_refused(source):
    world, *_ = source
    assert run("copy", "--from", str(world.path), "--to", str(world.path)) == 1


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (
            datetime(2026, 5, 1, 17, tzinfo=timezone(timedelta(hours=8))),
            "2026-05-01T09:00:00+00:00",
        ),
        (0.1, "0.1"),
        (b"\x00\xff", "00ff"),
        (["a", None], ["a", None]),
        (True, True),
    ],
)
def test_values_are_written_the_same_whichever_engine_returned_them(value, written):
    assert plain(value) == written


def test_a_changed_value_shows_as_a_difference_in_its_table_only(source, tmp_path):
    world, *_ = source
    target = tmp_path / "copy.duckdb"
    assert run("copy", "--from", str(world.path), "--to", str(target)) == 0
    with connection.connect(target) as there:
        there.execute("UPDATE observations SET note = 'changed' WHERE evaluator = 'evb'")
    with (
        connection.connect(world.path, read_only=True) as first,
        connection.connect(target, read_only=True) as there,
    ):
        checks = compare(first, there)
    assert [check.table for check in checks if not check.equal] == ["observations"]


def test_the_report_shows_both_hashes_of_a_table_that_differs():
    set_language("en")
    lines = report(
        [
            TableCheck("plans", 2, 2, "a" * 64, "a" * 64),
            TableCheck("observations", 5, 4, "b" * 64, "c" * 64),
        ]
    ).splitlines()
    assert lines[1].split() == ["plans", "2/2", "a" * 16, t("common.yes")]
    assert lines[2].split() == [
        "observations",
        "5/4",
        "b" * 16,
        "/",
        "c" * 16,
        t("db_copy.mismatch"),
    ]
