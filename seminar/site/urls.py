"""Where Jekyll 4.3 puts a post: its URL and the file it writes, computed the way Jekyll computes them.

seminar names a post's URL (calendar export, "this move changes the URL") and finds two posts that claim
one URL, so this follows Jekyll 4.3.1's own code (`Document#url`, `Drops::UrlDrop`, `URL#escape_path`,
`Utils.slugify`) rather than guessing: named styles (`date`, `pretty`, `ordinal`, `weekdate`, `none`), every
placeholder of the URL drop, a post's own `permalink:` and `slug:`, `categories:`/`category:`, and the date in
the file name unless front matter gives one.

What seminar does not predict raises `UnknownURL` (`BuildFails` when Jekyll itself stops the build there):
- A front-matter `date` with a time: text without a zone (`2025-03-04 10:00`) is the site's local time, so
  exact; a YAML timestamp (`2025-03-04 23:30:00`, which Jekyll takes for UTC) or a time with an offset is
  moved into the site's `timezone:`, and without one its day depends on the machine that builds the site:
  unknown. Dates are read in ISO form only (Ruby's `Time.parse` takes more).
- Categories whose text before the first `/` holds a `:` (Jekyll's URI escaping takes it for a scheme), or a
  line break; a file name's year of fewer than four digits.
Front-matter defaults (`defaults:` in `_config.yml`) and a custom `markdown_ext` are not applied.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path, PurePath
from urllib.parse import unquote

from seminar.core import yamlio
from seminar.model.calendar import DAY_NAMES, MONTH_NAMES
from seminar.sources.config import CONFIG_NAME

# Jekyll's DATE_FILENAME_MATCHER, on a file's name: what makes a file in `_posts` a post at all.
POST_NAME = re.compile(r"(?P<date>[0-9]{2,4}-[0-9]{1,2}-[0-9]{1,2})-(?P<slug>.*)(?P<ext>\.[^.]+)")
STYLES = {
    "none": "/:categories/:title:output_ext",
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
}
MARKDOWN_EXTENSIONS = (".markdown", ".mkdown", ".mkdn", ".mkd", ".md")  # Jekyll's default `markdown_ext`
_PLACEHOLDER = re.compile(r":([a-z_]+)")
_PLAIN_PATH = re.compile(r"[a-zA-Z0-9./-]+")
_URI_PARTS = re.compile(r"(?P<path>[^?#]*)(?:\?(?P<query>[^#]*))?(?:#(?P<fragment>.*))?")
_SCHEME = re.compile(r"(?P<scheme>[^:/?#]+):")
_VALID_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9.+-]*")
# Addressable's character classes: what `URL.escape_path` leaves unescaped in a path, a query and a fragment.
_PATH_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/")
_QUERY_SAFE = _PATH_SAFE | {"?"}
_PRETTY_KEEP = frozenset("._~!$&'()+,;=@")


class UnknownURL(ValueError):
    """seminar cannot tell where Jekyll puts this post (the message says why)."""


class BuildFails(UnknownURL):
    """Jekyll itself fails on this post: its build stops, or it cannot read the post."""


@dataclass(frozen=True)
class URLSettings:
    """The `_config.yml` values a post's URL depends on."""

    permalink: str = "date"  # a style name or a template; Jekyll's default is `date`
    baseurl: str = ""
    timezone: str | None = None

    @classmethod
    def from_config(cls, values: Mapping[str, object]) -> URLSettings:
        """From a parsed `_config.yml`; `collections: posts: permalink:` wins, as in Jekyll."""
        collections = values.get("collections")
        posts = collections.get("posts") if isinstance(collections, Mapping) else None
        permalink = posts.get("permalink") if isinstance(posts, Mapping) else None
        timezone = values.get("timezone")
        return cls(
            permalink=str(permalink or values.get("permalink") or "date"),
            baseurl=str(values.get("baseurl") or ""),
            timezone=str(timezone) if timezone else None,
        )


@dataclass(frozen=True)
class PostAddress:
    """Where one post goes."""

    source: Path
    date: datetime  # the post's date in the site's local time, as its URL uses it
    url: str  # Jekyll's `page.url` (without the baseurl)
    output: str  # the file Jekyll writes, relative to the destination folder


def site_url_settings(root: Path) -> URLSettings:
    """The URL settings of the site at `root`, read from its `_config.yml` as Jekyll reads it (YAML 1.1)."""
    values = yamlio.load((root / CONFIG_NAME).read_text(encoding="utf-8"))
    return URLSettings.from_config(values if isinstance(values, Mapping) else {})


def permalink_template(permalink: str) -> str:
    """A style name's template, or the template itself."""
    return STYLES.get(permalink, permalink)


def post_url(
    permalink: str,
    path: Path | str,
    front_matter: Mapping[str, object],
    *,
    baseurl: str = "",
    timezone: str | None = None,
) -> str:
    """The post's URL below the host, as `{{ page.url | relative_url }}` gives it."""
    return with_baseurl(baseurl, post_address(permalink, path, front_matter, timezone=timezone).url)


def with_baseurl(baseurl: str, url: str) -> str:
    """`url` under the site's `baseurl` (`blog`, `/blog` and `/blog/` are one)."""
    base = baseurl.strip("/")
    return f"/{base}{url}" if base else url


def post_address(
    permalink: str, path: Path | str, front_matter: Mapping[str, object], *, timezone: str | None = None
) -> PostAddress:
    """Where Jekyll puts the post file `path` (in `_posts`) with this front matter under this permalink."""
    path = Path(path)
    match = POST_NAME.fullmatch(path.name)
    if match is None:
        raise UnknownURL(f"{path.name}: not a post's name (YYYY-MM-DD-title.ext): Jekyll skips the file")
    when = _post_date(match["date"], front_matter, timezone)
    extension = match["ext"]
    output_ext = ".html" if extension.lower() in MARKDOWN_EXTENSIONS else extension  # else Identity: as is
    values = _placeholders(path, match["slug"].rstrip("."), front_matter, when, output_ext)
    own = front_matter.get("permalink")
    if own is not None and own is not False and not isinstance(own, str):
        raise BuildFails(f"permalink: {own!r} is not text: Jekyll cannot build the post's URL")
    template = own if isinstance(own, str) else permalink_template(permalink)
    url = _sanitize(_fill(template, values))
    return PostAddress(source=path, date=when, url=url, output=_output_file(url, output_ext))


def shared_urls(addresses: Iterable[PostAddress]) -> dict[str, list[PostAddress]]:
    """Output files two or more posts claim (Jekyll writes one over the other), each with those posts."""
    by_output: defaultdict[str, list[PostAddress]] = defaultdict(list)
    for address in addresses:
        by_output[address.output].append(address)
    return {output: posts for output, posts in by_output.items() if len(posts) > 1}


def _post_date(name_date: str, front_matter: Mapping[str, object], timezone: str | None) -> datetime:
    """The post's local date and time: front matter's `date` if the key is there, else the file name's."""
    if "date" in front_matter:
        return _front_matter_date(front_matter["date"], timezone)
    return file_name_date(name_date)


def file_name_date(text: str) -> datetime:
    """The date Jekyll reads from a post's name (`2025-03-04`, also `2025-3-4`); Feb 30 is Mar 2 to Ruby."""
    year, month, day = text.split("-")
    if len(year) != 4 or int(year) < 1:
        raise UnknownURL(
            f"{text}: a year of fewer than four digits; seminar does not predict how Jekyll reads it"
        )
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        raise BuildFails(f"{text} is not a date: Jekyll stops the build")
    # Ruby's Time.local, which Jekyll uses, rolls a day past the month's end over.
    return datetime(int(year), int(month), 1) + timedelta(days=int(day) - 1)


def _front_matter_date(value: object, timezone: str | None) -> datetime:
    if value is None:
        raise BuildFails("date: blank: Jekyll stops the build ('Invalid date')")
    if isinstance(value, datetime):
        # YAML timestamps: Jekyll's YAML reader takes one without an offset for UTC.
        return _in_site_zone(value if value.tzinfo else value.replace(tzinfo=UTC), timezone)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            raise UnknownURL(
                f"date: {value!r}: seminar reads only YYYY-MM-DD dates, with a time if any"
            ) from None
        return _in_site_zone(moment, timezone) if moment.tzinfo else moment  # no zone: the site's local time
    raise UnknownURL(f"date: {value!r}: seminar does not predict how Jekyll reads it")


def _in_site_zone(moment: datetime, timezone: str | None) -> datetime:
    """An instant in the site's local time; without `timezone:` that is the building machine's: unknown."""
    if timezone is None:
        raise UnknownURL(
            f"date: {moment.isoformat(' ')}: its day depends on the time zone of the machine that builds the "
            "site; write a date-only value or set timezone: in _config.yml"
        )
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise UnknownURL(f"timezone: unknown time zone {timezone!r}") from None
    return moment.astimezone(zone).replace(tzinfo=None)


def _placeholders(
    path: Path, name_slug: str, front_matter: Mapping[str, object], when: datetime, output_ext: str
) -> dict[str, str]:
    """Jekyll 4.3's URL drop for a post."""
    slug = front_matter.get("slug")
    if slug is None or slug is False:  # Ruby's `||=`: an empty slug is kept
        slug = name_slug
    if not isinstance(slug, str):
        raise BuildFails(f"slug: {slug!r} is not text: Jekyll cannot build the post's URL")
    categories = _categories(front_matter)
    year, week, weekday = when.isocalendar()
    return {
        "collection": "posts",
        "path": _relative_path(path),
        "name": _slugify(path.stem),
        "title": _slugify(slug, pretty=True),
        "slug": _slugify(slug),
        "categories": "/".join(dict.fromkeys(category.lower() for category in categories)),
        "slugified_categories": "/".join(dict.fromkeys(_slugify(category) for category in categories)),
        "output_ext": output_ext,
        "year": f"{when.year:04d}",
        "month": f"{when.month:02d}",
        "day": f"{when.day:02d}",
        "hour": f"{when.hour:02d}",
        "minute": f"{when.minute:02d}",
        "second": f"{when.second:02d}",
        "i_day": str(when.day),
        "i_month": str(when.month),
        "short_month": MONTH_NAMES[when.month - 1][:3],
        "long_month": MONTH_NAMES[when.month - 1],
        "short_year": f"{when.year % 100:02d}",
        "w_year": str(year),
        "week": f"{week:02d}",
        "w_day": str(weekday),
        "short_day": DAY_NAMES[weekday - 1][:3],
        "long_day": DAY_NAMES[weekday - 1],
        "y_day": f"{when.timetuple().tm_yday:03d}",
    }


def _categories(front_matter: Mapping[str, object]) -> list[str]:
    """`categories` (a string split on spaces, duplicates dropped), then a singular `category`, as text."""
    own = front_matter.get("categories")
    if isinstance(own, str):
        own = own.split()
    if own is not None and not isinstance(own, list):
        raise BuildFails(f"categories: {own!r} is neither a list nor text: Jekyll cannot read the post")
    items = list(own or [])
    single = front_matter.get("category")
    if single is not None:
        items.extend(item for item in _flatten([single]) if item is not None)
    return list(dict.fromkeys(_ruby_text(item) for item in items))


def _flatten(items: list[object]) -> list[object]:
    return [leaf for item in items for leaf in (_flatten(item) if isinstance(item, list) else [item])]


def _ruby_text(value: object) -> str:
    """A YAML value as Ruby's `to_s` writes it, for the kinds where seminar knows it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str | int | float) or (isinstance(value, date) and not isinstance(value, datetime)):
        return str(value)
    raise UnknownURL(f"category {value!r}: seminar does not predict how Jekyll writes it")


def _relative_path(path: Path) -> str:
    """`:path`: the file's path below `_posts`, without its extension or trailing dots."""
    parts = path.parts
    below = parts[len(parts) - parts[::-1].index("_posts") :] if "_posts" in parts else (path.name,)
    return "/" + str(PurePath(*below).with_suffix("")).rstrip(".")


def _slugify(text: str, *, pretty: bool = False) -> str:
    """Jekyll's `Utils.slugify`: default mode (lower case), or pretty mode keeping case for `:title`."""
    kept = "".join(
        char
        if unicodedata.category(char)[0] in "LM"
        or unicodedata.category(char) == "Nd"
        or (pretty and char in _PRETTY_KEEP)
        else "\0"
        for char in text
    )
    slug = re.sub(r"^-|-$", "", re.sub("\0+", "-", kept), flags=re.MULTILINE)
    return slug if pretty else slug.lower()


def _fill(template: str, values: Mapping[str, str]) -> str:
    """Jekyll's `URL#generate_url_from_drop`: `:month_` is `:month` and `_`; an unknown name fails."""

    def replace(match: re.Match[str]) -> str:
        name = match[1]
        key, tail = (name[:-1], "_") if name.endswith("_") else (name, "")
        if key not in values:
            raise BuildFails(f"permalink {template!r}: no :{key} placeholder: Jekyll stops the build")
        return _escape_path(values[key]) + tail

    return _PLACEHOLDER.sub(replace, template)


def _escape_path(value: str) -> str:
    """Jekyll's `URL.escape_path`: Addressable's URI encoding of path, query and fragment, then `#` as %23."""
    if not value or _PLAIN_PATH.fullmatch(value):
        return value
    if "\n" in value or value.startswith("//"):
        raise UnknownURL(f"{value!r}: seminar does not predict how Jekyll escapes this in a URL")
    scheme = _SCHEME.match(value)
    if scheme and not _VALID_SCHEME.fullmatch(scheme["scheme"]):
        raise BuildFails(f"{value!r}: Jekyll reads {scheme['scheme']!r} as a URI scheme and stops the build")
    if scheme:
        raise UnknownURL(f"{value!r}: Jekyll reads {scheme['scheme']!r} as a URI scheme and mangles the URL")
    parts = _URI_PARTS.fullmatch(value)
    assert parts is not None  # every string matches
    escaped = _percent_encode(parts["path"], _PATH_SAFE)
    if parts["query"] is not None:
        escaped += "?" + _percent_encode(parts["query"], _QUERY_SAFE)
    if parts["fragment"] is not None:
        escaped += "#" + _percent_encode(parts["fragment"], _QUERY_SAFE)
    return escaped.replace("#", "%23", 1)


def _percent_encode(text: str, safe: frozenset[str]) -> str:
    return "".join(chr(byte) if chr(byte) in safe else f"%{byte:02X}" for byte in text.encode("utf-8"))


def _sanitize(url: str) -> str:
    """Jekyll's `URL#sanitize_url`: a leading `/`, `..` made `/`, `./` dropped, runs of `/` squeezed."""
    return re.sub("/+", "/", f"/{url}".replace("..", "/").replace("./", ""))


def _output_file(url: str, output_ext: str) -> str:
    """Jekyll's `Document#destination`: `index.html` below a URL ending in `/`, else the output extension."""
    path = unquote(url).lstrip("/")
    if url.endswith("/"):
        return f"{path}index.html"
    return path if path.endswith(output_ext) else path + output_ext
