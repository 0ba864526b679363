"""Presence in the cache: one entry per open page, gone when left or after its missed beats."""

from types import SimpleNamespace

import pytest
from django.core.cache import cache

from disclosure.publishing import presence


def staff(pk, name):
    return SimpleNamespace(pk=pk, username=f"user{pk}", get_full_name=lambda: name)


@pytest.fixture(autouse=True)
def beat_every_20_seconds(settings):
    settings.PRESENCE_HEARTBEAT_SECONDS = 20
    cache.clear()
    yield
    cache.clear()


WANG, ZHAO = staff(1, "王撰稿"), staff(2, "赵撰稿")


def test_each_page_is_an_entry_the_same_person_included():
    presence.beat(7, "tab-wang-1", WANG, now=1000)
    presence.beat(7, "tab-zhao-1", ZHAO, now=1005)
    assert presence.beat(7, "tab-wang-2", WANG, now=1010) == [
        {"name": "王撰稿", "since": 1000, "self": True},
        {"name": "赵撰稿", "since": 1005, "self": False},
    ]
    assert presence.others(8, "tab-wang-2", WANG, now=1010) == []  # another report


def test_an_entry_lapses_after_three_missed_beats_and_keeps_its_start_while_it_beats():
    presence.beat(7, "tab-zhao-1", ZHAO, now=1000)
    presence.beat(7, "tab-zhao-1", ZHAO, now=1040)
    assert presence.others(7, "tab-wang-1", WANG, now=1100) == [{"name": "赵撰稿", "since": 1000, "self": False}]
    assert presence.others(7, "tab-wang-1", WANG, now=1101) == []
    assert presence.expiry_seconds() == 60


def test_a_short_beat_still_keeps_entries_for_the_floor(settings):
    settings.PRESENCE_HEARTBEAT_SECONDS = 0.2
    assert presence.expiry_seconds() == presence.EXPIRY_FLOOR


def test_leaving_is_at_once_and_a_late_beat_does_not_bring_the_page_back():
    presence.beat(7, "tab-zhao-1", ZHAO, now=1000)
    presence.leave(7, "tab-zhao-1", ZHAO, now=1001)
    presence.beat(7, "tab-zhao-1", ZHAO, now=1002)
    assert presence.others(7, "tab-wang-1", WANG, now=1003) == []


def test_nobody_renews_or_removes_another_persons_page():
    presence.beat(7, "tab-zhao-1", ZHAO, now=1000)
    presence.beat(7, "tab-zhao-1", WANG, now=1050)
    presence.leave(7, "tab-zhao-1", WANG, now=1050)
    assert presence.others(7, "tab-wang-1", WANG, now=1050) == [{"name": "赵撰稿", "since": 1000, "self": False}]
    assert presence.others(7, "tab-wang-1", WANG, now=1061) == []


def test_tab_ids_are_random_and_match_the_pattern():
    first, second = presence.new_tab(), presence.new_tab()
    assert first != second and presence.TAB_PATTERN.match(first)
