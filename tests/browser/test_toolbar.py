"""The 无障碍浏览 toolbar's own functions in a real browser: 放大/缩小 with reflow."""

import pytest

from .conftest import REPORT, open_page
from .test_reflow import assert_no_horizontal_scroll

pytestmark = pytest.mark.browser


def root_font_size(page):
    return page.evaluate("() => parseFloat(getComputedStyle(document.documentElement).fontSize)")


def zoom_status(page):
    return page.locator(".a11y-toolbar .zoom-status").text_content().strip()


def test_zoom_with_the_toolbar_and_at_320_px(make_context, site):
    """放大/缩小, and the toolbar at 320 px zoomed to 200 %: each on a browser context of its own, as when they were
    two tests (each had the demo put back)."""
    zoom_in_and_out_scales_the_root_font_and_says_so(make_context, site)
    toolbar_open_and_zoom_200_reflow_at_320px(make_context, site)


def zoom_in_and_out_scales_the_root_font_and_says_so(make_context, site):
    page = make_context(a11y="on").new_page()
    open_page(page, site, REPORT)
    base = root_font_size(page)
    zoom_in = page.locator('.a11y-toolbar a[data-pref="zoom"][data-step="1"]')
    zoom_out = page.locator('.a11y-toolbar a[data-pref="zoom"][data-step="-1"]')
    assert zoom_out.get_attribute("aria-disabled") == "true"
    zoom_in.focus()
    page.keyboard.press("Enter")
    page.keyboard.press(" ")
    assert page.url.endswith(REPORT), "with scripts on, 放大 should apply without leaving the page"
    assert zoom_status(page) == "当前放大比例 150%"
    assert root_font_size(page) == pytest.approx(base * 1.5)
    for _ in range(2):
        zoom_in.click()
    assert zoom_status(page) == "当前放大比例 200%"
    assert zoom_in.get_attribute("aria-disabled") == "true"
    assert root_font_size(page) == pytest.approx(base * 2)
    # Reflow, not a picture scaled up: the layout is in rem, so text wraps in the same window.
    assert page.evaluate("() => getComputedStyle(document.body).transform") == "none"

    page.reload()
    assert "zoom-200" in page.locator("html").get_attribute("class").split()
    assert zoom_status(page) == "当前放大比例 200%"
    zoom_out.click()
    assert zoom_status(page) == "当前放大比例 175%"
    assert root_font_size(page) == pytest.approx(base * 1.75)


def test_zoom_big_cursor_and_speech_without_javascript(make_context, site):
    """Each on a browser of its own without scripts, as three tests did before (each had the demo put back)."""
    zoom_works_without_javascript(make_context(java_script_enabled=False, a11y="on").new_page(), site)
    big_cursor_works_without_javascript(make_context(a11y="on", java_script_enabled=False).new_page(), site)
    speech_controls_are_not_offered_without_javascript(
        make_context(a11y="on", java_script_enabled=False).new_page(), site
    )


def zoom_works_without_javascript(page, site):
    open_page(page, site, REPORT)
    base = root_font_size(page)
    with page.expect_navigation():
        page.locator('.a11y-toolbar a[data-pref="zoom"][data-step="1"]').click()
    assert page.url.endswith(REPORT)
    assert zoom_status(page) == "当前放大比例 125%"
    assert root_font_size(page) == pytest.approx(base * 1.25)


def toolbar_open_and_zoom_200_reflow_at_320px(make_context, site):
    page = make_context(width=320, height=640, a11y="on", zoom="200", scheme="yellow-on-black").new_page()
    for path in (REPORT, "/en" + REPORT):  # one browser page for both: a page each cost a renderer
        open_page(page, site, path)
        assert page.locator(".a11y-toolbar").is_visible()
        assert_no_horizontal_scroll(page)


# 纯文本 -------------------------------------------------------------------------------------------------

# The visible text of <main>, as a reader (or a copy and paste) gets it: in reading order.
MAIN_TEXT = "() => document.querySelector('main').innerText"


def report_in_reading_order(language="zh-hans"):
    """What the report page must show, in order, straight from the published revision in the database."""
    from django.utils import formats, timezone, translation

    from disclosure.models import Revision
    from disclosure.public.report_page import Text, report_view

    revision = Revision.objects.public().get(year=2016, body__slug="sports-bureau")
    report = report_view(revision.document, language)
    with translation.override(language):
        expected = [str(report.title), formats.date_format(report.published_on, "DATE_FORMAT"), str(report.source)]
        expected += list(report.preamble.paragraphs) if report.preamble else []
        for part in report.parts:
            expected += [f"{part.number}", str(part.heading)]
            expected += list(part.body.paragraphs) if part.body else []
            for item in part.rectifications + part.plans:
                expected += [str(value) for value in item.values() if isinstance(value, Text) and str(value)]
        for item in report.rectifications + report.plans:
            expected += [str(value) for value in item.values() if isinstance(value, Text) and str(value)]
        history = list(Revision.objects.history(revision.report_id)) if revision.number > 1 else []
        expected += [formats.date_format(timezone.localtime(item.published_at), "DATE_FORMAT") for item in history]
    return [text for text in expected if text.strip()]


def assert_in_order(text, expected):
    position = 0
    for piece in expected:
        found = text.find(piece.strip(), position)
        assert found >= 0, f"{piece!r} is missing, or out of order, after character {position}"
        position = found + len(piece.strip())


def test_text_only_view_in_simplified_and_english(make_context, site):
    """The text-only view in Simplified and in English, each on a browser context of its own as when they were
    two tests (each had the demo put back)."""
    text_only_view_has_the_whole_report_in_order_and_no_layout(make_context, site)
    text_only_view_in_english_has_the_whole_report(make_context, site)


def text_only_view_has_the_whole_report_in_order_and_no_layout(make_context, site):
    page = make_context(a11y="on").new_page()
    open_page(page, site, REPORT)
    with page.expect_navigation():
        page.locator('.a11y-toolbar a[data-pref="textonly"]').click()
    assert page.url.endswith(REPORT)
    assert "textonly" in page.locator("html").get_attribute("class").split()
    assert page.locator('.a11y-toolbar a[data-pref="textonly"]').get_attribute("aria-pressed") == "true"
    sheets = page.evaluate("() => [...document.styleSheets].map(s => s.href.split('/').pop())")
    assert "site.css" not in sheets and "textonly.css" in sheets
    # No bands of colour, no columns: the masthead is plain text on the page's background.
    assert page.locator(".masthead").evaluate("el => getComputedStyle(el).backgroundColor") == "rgba(0, 0, 0, 0)"
    assert page.locator(".report-body").evaluate("el => getComputedStyle(el).display") == "block"
    expected = report_in_reading_order()
    assert len(expected) > 20
    assert_in_order(page.evaluate(MAIN_TEXT), expected)

    page.reload()
    assert "textonly" in page.locator("html").get_attribute("class").split()
    with page.expect_navigation():
        page.locator('.a11y-toolbar a[data-pref="textonly"]').click()
    assert "textonly" not in page.locator("html").get_attribute("class").split()


def text_only_view_in_english_has_the_whole_report(make_context, site):
    page = make_context(a11y="on", textonly="on", java_script_enabled=False).new_page()
    open_page(page, site, "/en" + REPORT)
    assert_in_order(page.evaluate(MAIN_TEXT), report_in_reading_order("en"))


# 大鼠标, 辅助线, 大字幕 ------------------------------------------------------------------------------------


def big_cursor_works_without_javascript(page, site):
    open_page(page, site, REPORT)
    cursor = "el => getComputedStyle(el).cursor"
    assert "cursor.svg" not in page.locator(".report-body p").first.evaluate(cursor)
    with page.expect_navigation():
        page.locator('.a11y-toolbar a[data-pref="cursor"]').click()
    assert "big-cursor" in page.locator("html").get_attribute("class").split()
    assert "cursor.svg" in page.locator(".report-body p").first.evaluate(cursor)
    assert "cursor-pointer.svg" in page.locator(".mainnav a").first.evaluate(cursor)
    # The script-only tools are not offered without the script.
    assert not page.locator('button[data-tool="guide"]').is_visible()
    assert not page.locator('button[data-tool="captions"]').is_visible()


def test_reading_guide_and_captions_follow_pointer_and_focus(make_context, site):
    """The reading guide and the captions, each on a browser context of its own as when they were two tests
    (each had the demo put back)."""
    reading_guide_follows_pointer_and_focus(make_context, site)
    captions_show_the_text_under_pointer_and_focus_without_covering_content(make_context, site)


def reading_guide_follows_pointer_and_focus(make_context, site):
    page = make_context(a11y="on").new_page()
    open_page(page, site, REPORT)
    guide = page.locator(".reading-guide")
    assert not guide.is_visible()
    button = page.locator('button[data-tool="guide"]')
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert guide.is_visible() and guide.get_attribute("aria-hidden") == "true"
    page.mouse.move(400, 500)
    assert abs(guide.bounding_box()["y"] - 504) <= 1
    link = page.locator(".contents a").first
    link.focus()
    assert abs(guide.bounding_box()["y"] - (link.bounding_box()["y"] + link.bounding_box()["height"] + 4)) <= 1
    page.reload()
    assert guide.is_visible(), "辅助线 should stay on across pages"
    page.locator('button[data-tool="guide"]').click()
    assert not guide.is_visible()


def captions_show_the_text_under_pointer_and_focus_without_covering_content(make_context, site):
    page = make_context(width=320, height=640, a11y="on", zoom="200").new_page()
    open_page(page, site, REPORT)
    page.locator('button[data-tool="captions"]').click()
    strip = page.locator(".caption-strip")
    assert strip.is_visible() and strip.get_attribute("aria-hidden") == "true"
    paragraph = page.locator(".report-body p").first
    paragraph.scroll_into_view_if_needed()
    paragraph.hover()
    assert strip.text_content().strip()[:10] == paragraph.text_content().strip()[:10]
    large = page.locator('.a11y-toolbar a[data-value="large"]')
    large.focus()
    assert strip.text_content().strip() == "大号字体"
    # The page ends above the strip: scrolled to the bottom, the footer's last line is visible.
    page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)")
    footer = page.locator(".site-footer").bounding_box()
    assert footer["y"] + footer["height"] <= strip.bounding_box()["y"] + 1
    assert_no_horizontal_scroll(page)


# 语音朗读 -----------------------------------------------------------------------------------------------

NO_VOICE = {
    "": "此浏览器没有可朗读本页语言的语音，无法朗读。",
    "/zh-hant": "此瀏覽器沒有可朗讀本頁語言的語音，無法朗讀。",
    "/en": "This browser has no voice for the language of this page",
}
# A speechSynthesis that records what it is asked to say, with the voices given, for the paths that
# headless Chromium (no voices at all) cannot take.
FAKE_SPEECH = """voices => {
    window.spoken = [];
    const synth = {
        speaking: false, paused: false,
        getVoices: () => voices.map(lang => ({ lang, name: lang })),
        speak(u) {
            window.spoken.push({ text: u.text, lang: u.lang, rate: u.rate });
            setTimeout(() => u.onend && u.onend(), 0);
        },
        cancel() {}, pause() {}, resume() {}, addEventListener() {},
    };
    Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
    window.SpeechSynthesisUtterance = function (text) { this.text = text; };
}"""


def test_speech_without_a_voice_stopped_while_seeking_one_and_with_voices(make_context, site):
    """Four checks of 朗读, each on a browser context of its own as when they were four tests (each of which
    had the demo put back): no voice, in three languages; 停止 while a voice is sought; with voices offered,
    continuous reading and a Traditional page's Hong Kong voice."""
    speech_says_plainly_when_there_is_no_voice(make_context, site)
    stop_pressed_while_a_voice_is_sought_is_the_last_word(make_context, site)
    continuous_reading_speaks_the_report_sentence_by_sentence(make_context, site)
    traditional_pages_fall_back_to_a_hong_kong_voice_and_point_reading_persists(make_context, site)


def speech_says_plainly_when_there_is_no_voice(make_context, site):
    page = make_context(a11y="on").new_page()
    for prefix, message in NO_VOICE.items():  # one browser page for the three languages
        open_page(page, site, prefix + REPORT)
        status = page.locator(".a11y-speech .speech-status")
        assert status.get_attribute("role") == "status"
        page.locator('button[data-speech="read"]').click()
        page.wait_for_function("() => document.querySelector('.speech-status').textContent.length > 0")
        assert message in status.text_content(), prefix
        assert status.is_visible()


def stop_pressed_while_a_voice_is_sought_is_the_last_word(make_context, site):
    # Chromium here has no voice: 连读 waits for one (up to 0.8 s) before it says so. 停止 pressed in that
    # moment must not be overwritten by the late answer.
    page = make_context(a11y="on").new_page()
    open_page(page, site, REPORT)
    page.locator('button[data-speech="read"]').click()
    page.locator('button[data-speech="stop"]').click()
    page.wait_for_timeout(1500)
    assert page.locator(".a11y-speech .speech-status").text_content() == "朗读已停止。"


def speech_controls_are_not_offered_without_javascript(page, site):
    open_page(page, site, REPORT)
    assert not page.locator(".a11y-speech").is_visible()


def continuous_reading_speaks_the_report_sentence_by_sentence(make_context, site):
    page = make_context(a11y="on", rate="slow").new_page()
    page.add_init_script(f"({FAKE_SPEECH})(['en-US', 'zh-HK', 'zh-CN'])")
    open_page(page, site, REPORT)
    assert page.locator('button[data-rate="slow"]').get_attribute("aria-pressed") == "true"
    page.locator('button[data-speech="read"]').click()
    page.wait_for_function("() => document.querySelector('.speech-status').textContent === '朗读完毕。'")
    spoken = page.evaluate("() => window.spoken")
    assert spoken[0]["text"] == page.locator("h1").text_content().strip()
    assert {item["lang"] for item in spoken} == {"zh-CN"}
    assert {item["rate"] for item in spoken} == {0.7}
    for item in spoken:
        # One sentence each: an end mark, if any, only at the end.
        assert not any(mark in item["text"][:-1] for mark in "。！？"), item["text"]
    first = page.locator(".report-body p").first.text_content().strip()
    assert first.split("。")[0] + "。" in [item["text"] for item in spoken]


def traditional_pages_fall_back_to_a_hong_kong_voice_and_point_reading_persists(make_context, site):
    page = make_context(a11y="on").new_page()
    page.add_init_script(f"({FAKE_SPEECH})(['en-US', 'zh-HK', 'zh-CN'])")
    open_page(page, site, "/zh-hant" + REPORT)
    point = page.locator('button[data-speech="point"]')
    point.click()
    assert point.get_attribute("aria-pressed") == "true"
    link = page.locator(".contents a").first
    link.focus()
    page.wait_for_function("() => window.spoken.length > 0")
    spoken = page.evaluate("() => window.spoken")
    assert spoken[0]["lang"] == "zh-HK"
    assert link.text_content().strip().startswith(spoken[0]["text"][:3])
    page.locator('button[data-rate="fast"]').click()
    page.reload()
    assert page.locator('button[data-speech="point"]').get_attribute("aria-pressed") == "true"
    assert page.locator('button[data-rate="fast"]').get_attribute("aria-pressed") == "true"
