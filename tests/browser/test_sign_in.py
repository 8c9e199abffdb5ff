"""In a real browser: sign in with a demo account, see only what the role may use, sign out."""

from __future__ import annotations

import pytest

from tests.browser.conftest import ARTIFACTS, sign_in

pytestmark = pytest.mark.browser


def test_a_demo_participant_signs_in_sees_no_import_and_signs_out(server, browser_page):
    page = browser_page
    page.goto(server)
    page.get_by_text("演示账户").wait_for()
    page.screenshot(path=str(ARTIFACTS / "sign_in.png"))

    page.get_by_label("用户名").fill("participant")
    page.get_by_label("密码").fill("wrong-password-x")
    page.get_by_role("button", name="登录").click()
    page.get_by_text("用户名或密码不正确").wait_for()

    sign_in(page, server, "participant")
    sidebar = page.get_by_test_id("stSidebar")
    assert sidebar.get_by_text("预案库").count() == 1
    assert sidebar.get_by_text("导入预案").count() == 0
    assert sidebar.get_by_text("用户管理").count() == 0
    page.screenshot(path=str(ARTIFACTS / "participant_home.png"))

    sign_in(page, server, "participant", "import")  # opened by URL: a new session
    page.get_by_text("您的角色无权使用此页面").wait_for()
    assert page.get_by_test_id("stFileUploaderDropzoneInput").count() == 0

    page.get_by_role("button", name="退出登录").click()
    page.get_by_role("button", name="登录").wait_for()


def test_the_language_chosen_stays_when_moving_to_another_page(server, browser_page):
    page = browser_page
    sign_in(page, server, "owner")
    page.get_by_label("语言 / Language").click()
    page.get_by_role("option", name="English").click()
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Plans", exact=True).wait_for()
    sidebar.get_by_role("link", name="Versions & approval").click()
    page.get_by_role("heading", name="Versions & approval").wait_for()
    sidebar.get_by_role("link", name="Plans", exact=True).click()
    page.get_by_role("heading", name="Plans").wait_for()
    assert sidebar.get_by_text("预案库").count() == 0
