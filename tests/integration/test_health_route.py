"""GET /healthz (session_cookie.py), called as the web server calls it: 200 with the schema
version while the instance reaches its database, on either engine; 503 when it does not, so
that a load balancer takes the instance out of rotation."""

from __future__ import annotations

import asyncio
import json

import pytest
from starlette.requests import Request

import bootstrap
import session_cookie
from db import connection
from db.errors import StoreError


def get_health():
    scope = {
        "type": "http",
        "method": "GET",
        "path": session_cookie.HEALTH_PATH,
        "query_string": b"",
        "headers": [(b"host", b"127.0.0.1:8501")],
        "scheme": "http",
        "server": ("127.0.0.1", 8501),
        "client": ("127.0.0.1", 50000),
        "root_path": "",
    }

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    return asyncio.run(session_cookie.health(Request(scope, receive)))


def test_an_instance_that_reaches_its_database_is_healthy(database, monkeypatch):
    with connection.connect(database) as conn:
        monkeypatch.setattr(bootstrap, "get_db", lambda: conn)
        response = get_health()
        assert response.status_code == 200
        assert json.loads(response.body) == {
            "status": "ok",
            "schema": connection.schema_version(conn),
        }
        assert response.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("key", ["db.error", "db.locked"])
def test_an_instance_without_its_database_answers_503_without_details(key, monkeypatch):
    def unreachable():
        raise StoreError(key, detail="connection refused by 10.0.0.5")

    monkeypatch.setattr(bootstrap, "get_db", unreachable)
    response = get_health()
    assert response.status_code == 503
    assert json.loads(response.body) == {"status": "unavailable"}


def test_the_route_is_served_beside_the_cookie_routes():
    paths = {route.path: route.methods for route in session_cookie.routes()}
    assert {"GET", "HEAD"} <= paths[session_cookie.HEALTH_PATH]
