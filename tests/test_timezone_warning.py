"""East of UTC, a post dated today here is in the future for GitHub Pages, which builds in UTC: on a site
with neither `timezone:` nor `future: true`, `new-session` and `check` say so and suggest `timezone:`.

The command line runs in a subprocess with `TZ` set (the machine's time zone) and `SEMINAR_NOW` (the moment
it runs; for tests only): at 2025-03-18 23:30 UTC it is already 2025-03-19 08:30 in Tokyo. That a UTC build
leaves the post out, and that `timezone:` brings it back, is shown with real Jekyll, whose build time the
`time:` setting fixes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from conftest import Site, jekyll_build
from seminar.site.lint import check_timezone, machine_zone
from seminar.sources.config import SiteConfig

EAST = "Asia/Tokyo"
NOW = "2025-03-18T23:30:00Z"  # 2025-03-19 08:30 in Tokyo, still 2025-03-18 in UTC
TODAY_HERE = "2025-03-19"
BARE_CONFIG = """\
title: Test seminar
permalink: /:year/:month/:day/:title:output_ext
exclude: [templates/]
seminar:
  term: 2025-seminarRead
  year: 2025
"""
SESSION = ("new-session", "--week", "S1", "--title", "Hello", "--date", TODAY_HERE, "--offline")


def seminar(site: Site, *args: str, tz: str = EAST, now: str = NOW) -> subprocess.CompletedProcess[str]:
    """`seminar --site ROOT ARGS...` in its own process, on a machine in time zone `tz` at moment `now`."""
    environment = {**os.environ, "TZ": tz, "SEMINAR_NOW": now}
    return subprocess.run(
        [sys.executable, "-m", "seminar", "--site", str(site.root), *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=site.root,
        timeout=120,
    )


def timezone_warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "GitHub Pages builds in UTC" in line]


@pytest.fixture
def bare(site: Site) -> Site:
    """A site with neither `timezone:` nor `future:` in its _config.yml."""
    site.write("_config.yml", BARE_CONFIG)
    return site


def test_new_session_dated_today_east_of_utc_warns_and_suggests_timezone(bare: Site) -> None:
    result = seminar(bare, *SESSION)
    assert result.returncode == 0, result.stderr
    (line,) = timezone_warnings(result.stderr)
    assert line.startswith("_config.yml: warning: no `timezone:`")
    assert f"the post dated {TODAY_HERE} is in the future there until 2025-03-19 00:00 UTC" in line
    assert "(2025-03-19 09:00 here)" in line
    assert f"set `timezone: {EAST}` in _config.yml" in line
    assert (bare.posts / f"{TODAY_HERE}-hello.md").is_file()  # a warning: the post is written


def test_check_warns_about_the_post_dated_today_east_of_utc(bare: Site) -> None:
    assert seminar(bare, *SESSION).returncode == 0
    result = seminar(bare, "check")
    assert result.returncode == 0, result.stderr
    (line,) = timezone_warnings(result.stderr)
    assert line.startswith("_config.yml: warning:") and f"`timezone: {EAST}`" in line
    assert result.stdout == "0 errors, 1 warning\n"


def test_check_counts_the_posts_of_that_day(bare: Site) -> None:
    for name in ("a", "b"):
        bare.write(f"_posts/{TODAY_HERE}-{name}.md", "---\nlayout: post\ntitle: x\n---\n")
    bare.write("_posts/2025-03-18-c.md", "---\nlayout: post\ntitle: x\n---\n")  # UTC's day too: published
    (line,) = timezone_warnings(seminar(bare, "check").stderr)
    assert f"2 posts dated {TODAY_HERE} are in the future there" in line and "leaves them out" in line


@pytest.mark.parametrize(
    "setting", [f"timezone: {EAST}", "future: true"], ids=["with-timezone", "with-future"]
)
def test_a_site_with_timezone_or_future_gets_no_warning(bare: Site, setting: str) -> None:
    bare.write("_config.yml", f"{setting}\n{BARE_CONFIG}")
    made = seminar(bare, *SESSION)
    assert made.returncode == 0, made.stderr
    assert timezone_warnings(made.stderr) == []
    checked = seminar(bare, "check")
    assert timezone_warnings(checked.stderr) == [] and checked.stdout == "0 errors, 0 warnings\n"


@pytest.mark.parametrize(
    ("tz", "now"),
    [
        (EAST, "2025-03-19T00:30:00Z"),  # UTC has reached the day too
        ("UTC", NOW),
        ("America/New_York", "2025-03-19T12:00:00Z"),  # west of UTC: the build's day comes first
    ],
    ids=["utc-has-reached-it", "in-utc", "west-of-utc"],
)
def test_no_warning_when_utc_has_reached_the_day(bare: Site, tz: str, now: str) -> None:
    made = seminar(bare, *SESSION, tz=tz, now=now)
    assert made.returncode == 0, made.stderr
    assert timezone_warnings(made.stderr) == []
    assert timezone_warnings(seminar(bare, "check", tz=tz, now=now).stderr) == []


def test_a_machine_zone_with_no_iana_name_still_gets_the_advice(bare: Site) -> None:
    result = seminar(bare, *SESSION, tz="JST-9")  # a POSIX rule: nine hours east, no zone name
    (line,) = timezone_warnings(result.stderr)
    assert "set `timezone:` in _config.yml to this machine's time zone (an IANA name" in line


def test_a_malformed_seminar_now_is_an_error_not_a_traceback(bare: Site) -> None:
    result = seminar(bare, "check", now="tomorrow-ish")
    assert result.returncode == 1
    assert result.stderr == (
        "error: SEMINAR_NOW: must be an ISO 8601 time such as 2025-03-18T23:30:00Z, not 'tomorrow-ish'\n"
    )


# The rule itself.


def tokyo(hour: int, minute: int = 0) -> datetime:
    return datetime(2025, 3, 19, hour, minute, tzinfo=timezone(timedelta(hours=9)))


def test_the_rule_takes_dates_and_times_of_day(tmp_path: Path) -> None:
    config = SiteConfig(root=tmp_path)
    at_8_30 = tokyo(8, 30)  # 2025-03-18 23:30 UTC
    assert check_timezone(config, [date(2025, 3, 18), date(2025, 3, 20)], at_8_30) == []
    (day,) = check_timezone(config, [date(2025, 3, 19), datetime(2025, 3, 19)], at_8_30)
    assert day.file == tmp_path / "_config.yml" and "2 posts dated 2025-03-19 are" in day.message
    (timed,) = check_timezone(config, [datetime(2025, 3, 19, 8, 0)], at_8_30)
    assert "the post dated 2025-03-19 08:00 is in the future there until 2025-03-19 08:00 UTC" in str(timed)
    assert check_timezone(config, [datetime(2025, 3, 19, 8, 0)], tokyo(7, 0)) == []  # in the future here too
    fixed = datetime(2025, 3, 19, tzinfo=UTC)  # a moment with its own offset is one moment everywhere
    assert check_timezone(config, [fixed], at_8_30) == []


def test_the_rule_is_silent_with_timezone_or_future(tmp_path: Path) -> None:
    day = [date(2025, 3, 19)]
    assert check_timezone(SiteConfig(root=tmp_path, timezone=EAST), day, tokyo(8)) == []
    assert check_timezone(SiteConfig(root=tmp_path, future=True), day, tokyo(8)) == []


@pytest.mark.parametrize(
    ("tz", "zone"),
    [("Asia/Tokyo", "Asia/Tokyo"), (":Europe/Berlin", "Europe/Berlin"),
     ("/usr/share/zoneinfo/America/New_York", "America/New_York"), ("JST-9", None), ("Nowhere/City", None)],
)  # fmt: skip
def test_the_machine_zone_comes_from_tz(monkeypatch: pytest.MonkeyPatch, tz: str, zone: str | None) -> None:
    monkeypatch.setenv("TZ", tz)
    assert machine_zone() == zone


# What Jekyll does: the premise of the warning, and the cure it suggests.


@pytest.mark.jekyll
@pytest.mark.parametrize(
    ("setting", "published"),
    [("", False), (f"timezone: {EAST}\n", True), ("future: true\n", True)],
    ids=["no-timezone", "with-timezone", "with-future"],
)
def test_a_utc_build_leaves_out_the_post_tokyo_calls_today(
    jekyll: str, bare: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str, published: bool
) -> None:
    bare.write("_config.yml", setting + BARE_CONFIG)
    bare.write(f"_posts/{TODAY_HERE}-hello.md", "---\nlayout: post\ntitle: Hello\n---\nHello.\n")
    monkeypatch.setenv("TZ", "UTC")  # the machine GitHub Pages builds on
    destination = tmp_path / "built"
    jekyll_build(jekyll, bare.root, destination, f"time: {NOW.replace('T', ' ').replace('Z', ' +0000')}\n")
    assert (destination / "2025" / "03" / "19" / "hello.html").is_file() is published
    # and seminar, run in Tokyo at that moment, warns exactly when the build leaves it out
    assert bool(timezone_warnings(seminar(bare, "check").stderr)) is not published
