"""The drill roster as the console edits it: role by role, only what changed."""

from __future__ import annotations

import pytest

from drills.roster import apply_roster_changes, players_by_role, roster_changes, split_names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("pat、pat2", ("pat", "pat2")),
        (" pat , pat2，pat ", ("pat", "pat2")),
        ("pat;pat2\nann", ("pat", "pat2", "ann")),
        ("", ()),
        ("、 、", ()),
    ],
)
def test_names_typed_into_a_field_are_split_on_any_usual_separator(text, names):
    assert split_names(text) == names


def test_the_roster_is_shown_role_by_role():
    share = {"pat": ("r3",), "pat2": ("r1", "r3")}
    assert players_by_role(share) == {"r3": ("pat", "pat2"), "r1": ("pat2",)}


def test_only_the_roles_whose_players_changed_are_sent():
    opened = {"r1": ("pat2",), "r3": ("pat", "pat2")}
    edited = {"r1": ("pat2",), "r2": (), "r3": ("pat2", "pat")}
    assert roster_changes(opened, edited) == {}
    edited = {"r1": ("pat2", "ann"), "r2": (), "r3": ("pat",)}
    assert roster_changes(opened, edited) == {"r1": ("pat2", "ann"), "r3": ("pat",)}


def test_a_change_of_one_role_leaves_every_other_role_as_it_is():
    stored = {"pat": ("r3",), "pat2": ("r1", "r3"), "ann": ("r2",)}
    after = apply_roster_changes(stored, {"r1": ("ann",)})
    assert after == {"pat": ("r3",), "pat2": ("r3",), "ann": ("r2", "r1")}


def test_a_player_left_without_a_role_leaves_the_roster():
    stored = {"pat": ("r3",), "pat2": ("r1",)}
    assert apply_roster_changes(stored, {"r1": ()}) == {"pat": ("r3",)}
