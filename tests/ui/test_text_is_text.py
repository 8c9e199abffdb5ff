"""Text is text on the screens: an inject titled with a link, a HYPERLINK formula or an e-mail
address shows as plain text on the participant's screen and the director's console, and names
typed with bidirectional controls are stored and shown without them."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from db import drills_store, users_store
from drills.model import Inject
from services import accounts
from tests.integration.drills_world import design
from tests.ui.conftest import USERS, page
from tests.ui.drill_pages import open_page
from tests.unit.markdown_links import GFM_EMAIL, GFM_URL, rendered_text

HOSTILE_TITLE = '=HYPERLINK("https://evil.example/x","点我") www.evil.example boss@evil.example'
RLO, PDF = "\u202e", "\u202c"


def shown_markdown(at) -> list[str]:
    kinds = ("title", "subheader", "markdown", "caption", "info", "warning", "error")
    return [e.value for kind in kinds for e in at.get(kind) if isinstance(e.value, str)]


def linked(markdown: str) -> bool:
    text = rendered_text(markdown)
    return bool(GFM_URL.search(text) or GFM_EMAIL.search(text))


def test_an_inject_titled_with_links_reaches_the_participant_as_plain_text(world):
    injects = (
        Inject("i9", HOSTILE_TITLE, "https://evil.example/content", to_roles=("r3",)),
        Inject("i8", f"{RLO}lave{PDF} 撤离", to_roles=("r3",)),
    )
    now = datetime.now(UTC)
    drill_id = drills_store.create_drill(
        world.db, world.director, replace(design(world), injects=injects), now=now
    )
    drills_store.seal_drill(world.db, world.director, drill_id, now=now)
    drills_store.set_participants(world.db, world.director, drill_id, {"pat": ["r3"]}, now=now)
    drills_store.start_drill(world.db, world.director, drill_id, now=now)
    for inject_id in ("i9", "i8"):
        drills_store.release_inject(world.db, world.director, drill_id, inject_id, now=now)

    at = open_page(world, "participate", "pat")
    assert not at.exception, at.exception
    titles = [m for m in shown_markdown(at) if "HYPERLINK" in m]
    assert titles and not any(linked(m) for m in titles)
    assert any("lave 撤离" in m for m in shown_markdown(at))
    assert not any(RLO in m for m in shown_markdown(at))
    # the content is shown with st.text, which renders no markdown at all
    assert "https://evil.example/content" in [t.value for t in at.text]
    assert not any("evil.example/content" in m for m in shown_markdown(at))

    console = open_page(world, "drill_console", "director", drill_id=drill_id)
    assert not console.exception, console.exception
    assert not any(linked(m) for m in shown_markdown(console) if "HYPERLINK" in m)


def test_names_typed_with_direction_overrides_are_stored_and_shown_without_them(conn):
    root = USERS["root"]
    user_id = users_store.create_user(
        conn,
        root,
        f"{RLO}lave{PDF}",
        "Blue-kettle-2026",
        roles={"participant"},
        unit=f"{RLO}园区{PDF}",
        display_name=f"陈{RLO}工{PDF}",
        now=datetime.now(UTC),
    )
    user = users_store.get_user(conn, root, user_id)
    assert (user.username, user.display_name, user.unit) == ("lave", "陈工", "园区")
    assert accounts.sign_in(conn, "lave", "Blue-kettle-2026", now=datetime.now(UTC))
    at = page("users", user="root").run()
    assert not at.exception, at.exception
    assert not any(RLO in str(cell) for cell in at.dataframe[0].value.to_numpy().ravel())
