"""Session dates from the term's calendar: meeting weekdays, days without class, fixed dates."""

from __future__ import annotations

from datetime import date, timedelta

from seminar.model.calendar import session_dates

TUESDAY_THURSDAY = frozenset({1, 3})
FIRST_DAY = date(2025, 1, 14)  # a Tuesday


def test_sessions_follow_the_meeting_weekdays() -> None:
    dates = session_dates(FIRST_DAY, TUESDAY_THURSDAY, frozenset(), [None] * 4)
    assert dates == [date(2025, 1, 14), date(2025, 1, 16), date(2025, 1, 21), date(2025, 1, 23)]


def test_a_holiday_week_is_skipped() -> None:
    spring_break = frozenset(date(2025, 3, 10) + timedelta(days=offset) for offset in range(7))
    dates = session_dates(FIRST_DAY, TUESDAY_THURSDAY, spring_break, [None] * 28)
    assert len(dates) == 28 and not spring_break & set(dates)
    assert dates[15:18] == [date(2025, 3, 6), date(2025, 3, 18), date(2025, 3, 20)]


def test_a_fixed_date_is_kept_and_later_sessions_follow_it() -> None:
    dates = session_dates(FIRST_DAY, TUESDAY_THURSDAY, frozenset(), [None, date(2025, 1, 21), None, None])
    assert dates == [date(2025, 1, 14), date(2025, 1, 21), date(2025, 1, 23), date(2025, 1, 28)]


def test_a_fixed_date_off_the_weekdays_does_not_take_a_meeting_day() -> None:
    dates = session_dates(FIRST_DAY, TUESDAY_THURSDAY, frozenset(), [None, date(2025, 1, 15), None])
    assert dates == [date(2025, 1, 14), date(2025, 1, 15), date(2025, 1, 16)]


def test_a_first_day_off_the_weekdays_starts_at_the_next_meeting_day() -> None:
    assert session_dates(date(2025, 1, 13), TUESDAY_THURSDAY, frozenset(), [None]) == [date(2025, 1, 14)]
