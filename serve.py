"""Start the web app closed by default: private files, this machine only, no demo on a network.

`python -m serve [streamlit options]` is what scripts/run.sh runs: `streamlit run server_app.py`,
which serves app.py with the drill clock's scheduler beside it. It sets the umask to 077
before anything is written, listens on PLANDRILL_ADDRESS (default 127.0.0.1; a
`--server.address` option wins), refuses to start demo mode, whose passwords are public,
on an address other machines reach unless PLANDRILL_DEMO_ON_NETWORK=1, and refuses to start
on a database it cannot keep private (or cannot open), saying why.
"""

from __future__ import annotations

import os
import sys

from i18n import t
from settings import ROOT, demo_refused, load_settings

ADDRESS_OPTION = "--server.address"
EXIT_REFUSED = 2
SERVER_FILE = "server_app.py"  # app.py and its pages, with the drill clock's scheduler


def split_address(args: list[str]) -> tuple[str | None, list[str]]:
    """The last `--server.address` given (either `--server.address X` or `=X`), and the other
    options in their order."""
    address, rest = None, []
    items = iter(args)
    for arg in items:
        if arg == ADDRESS_OPTION:
            address = next(items, "")
        elif arg.startswith(ADDRESS_OPTION + "="):
            address = arg.split("=", 1)[1]
        else:
            rest.append(arg)
    return address, rest


def streamlit_argv(args: list[str]) -> tuple[str, list[str]]:
    """The address to listen on and the `streamlit run` command line for our options."""
    given, rest = split_address(args)
    address = given if given is not None else load_settings().address
    argv = [
        "streamlit",
        "run",
        str(ROOT / SERVER_FILE),
        ADDRESS_OPTION,
        address,
        "--browser.gatherUsageStats",
        "false",
        *rest,
    ]
    return address, argv


def refusal_text(address: str) -> str:
    """Why demo mode does not start on `address`, in Chinese and in English."""
    return "\n".join(
        t("serve.demo_on_network", lang=lang, address=address) for lang in ("zh", "en")
    )


def database_refusal() -> str | None:
    """Why the database cannot be opened (a folder others can read, a file another program
    holds, a newer schema), in Chinese and in English; None when it opens."""
    from db import connection
    from db.errors import StoreError

    try:
        connection.connect(connection.configured(load_settings().db_path)).close()
    except StoreError as exc:
        return "\n".join(t(exc.key, lang=lang, **exc.params) for lang in ("zh", "en"))
    return None


def main(args: list[str] | None = None) -> int:
    os.umask(0o077)  # DuckDB creates its write-ahead log anew after each checkpoint
    address, argv = streamlit_argv(list(sys.argv[1:] if args is None else args))
    if demo_refused(load_settings(), address):
        print(refusal_text(address), file=sys.stderr)
        return EXIT_REFUSED
    refusal = database_refusal()  # said here, at the start, rather than on the first page
    if refusal:
        print(refusal, file=sys.stderr)
        return EXIT_REFUSED
    from streamlit.web import cli

    sys.argv = argv
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
