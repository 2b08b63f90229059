"""Where Jekyll 4.3 puts a post or a collection's document: its URL and the file it writes, computed the way
Jekyll computes them.

seminar names a session's URL (calendar export, "this move changes the URL") and finds two files that claim
one URL, so this follows Jekyll 4.3.1's own code (`Document#url`, `Drops::UrlDrop`, `URL#escape_path`,
`Utils.slugify`) rather than guessing: named styles (`date`, `pretty`, `ordinal`, `weekdate`, `none`), every
placeholder of the URL drop, a file's own `permalink:` and `slug:`, `categories:`/`category:`, and the date in
the file name unless front matter gives one.

Posts (`post_address`) take the site's `permalink:` (or `collections: posts: permalink:`) as their template.
A collection's documents (`document_address`, e.g. `_contents/S0-L07.md` in a collection `contents`) take
their own `permalink:`, else the collection's (`collections: NAME: permalink:`, used as written: a style name
there is no style), else `/:collection/:path` ended as the site's style ends (`Collection#url_template`,
`Utils.add_permalink_suffix`): `/` for `pretty` or a template ending in `/`, `:output_ext` for `date`,
`ordinal`, `none` or a template ending in `:output_ext`, nothing else (so `weekdate` gives `/contents/x` and
the file `contents/x.html`). A document's date is its front matter's `date:`, else the date its file name
starts with (`2025-03-04-intro.md`, whose `:title` is then `intro`), as Jekyll's `Document#populate_title`
reads it for every collection. Jekyll writes a document only when its collection sets `output: true`.

A session file's URL (`session_file_url`) is what seminar compares before and after it writes, to say each
URL that changes; since `_config.yml` itself can change them, the settings the posts were last written under
are recorded in `.seminar/url-settings.json` (`record_url_settings`, `recorded_url_settings`).

What seminar does not predict raises `UnknownURL` (`BuildFails` when Jekyll itself stops the build there):
- A front-matter `date` with a time: text without a zone (`2025-03-04 10:00`) is the site's local time, so
  exact; a YAML timestamp (`2025-03-04 23:30:00`, which Jekyll takes for UTC) or a time with an offset is
  moved into the site's `timezone:`, and without one its day depends on the machine that builds the site:
  unknown. Dates are read in ISO form only (Ruby's `Time.parse` takes more).
- A date placeholder (`:year`, `:month`, ...) for a collection's document with no date (neither `date:` nor
  a dated file name): Jekyll then uses the time of the build.
- Categories whose text before the first `/` holds a `:` (Jekyll's URI escaping takes it for a scheme), or a
  line break; a file name's year of fewer than four digits.
Front-matter defaults (`defaults:` in `_config.yml`) and a custom `markdown_ext` are not applied; a
collection's files without front matter are static files, and its `.yml` files data, neither handled here.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path, PurePath
from typing import TypeVar
from urllib.parse import unquote

from seminar.core import yamlio
from seminar.core.fileio import PRIVATE_DIR, private_dir, write_atomic
from seminar.model.calendar import DAY_NAMES, MONTH_NAMES
from seminar.model.session import POST_NAME
from seminar.sources.config import CONFIG_NAME

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
# The URL settings the site's posts were last written under, in seminar's private folder.
URL_RECORD = "url-settings.json"


class UnknownURL(ValueError):
    """seminar cannot tell where Jekyll puts this post (the message says why)."""


class BuildFails(UnknownURL):
    """Jekyll itself fails on this post: its build stops, or it cannot read the post."""


@dataclass(frozen=True)
class URLSettings:
    """The `_config.yml` values the URLs of posts and of collections' documents depend on."""

    permalink: str = "date"  # posts': a style name or a template; Jekyll's default is `date`
    baseurl: str = ""
    timezone: str | None = None
    # `_config.yml`'s own `permalink:` (the style collections' documents end like) when posts have their own
    # in `collections: posts: permalink:`; None: the same as `permalink`.
    site_permalink: str | None = None
    # Each collection's own `permalink:` in `collections:`, None where it is blank or not text.
    collection_permalinks: tuple[tuple[str, str | None], ...] = ()
    outputs: tuple[str, ...] = ()  # the collections Jekyll writes (`output: true`); posts always are

    @classmethod
    def from_config(cls, values: Mapping[str, object]) -> URLSettings:
        """From a parsed `_config.yml`; for posts `collections: posts: permalink:` wins, as in Jekyll."""
        collections = values.get("collections")
        settings = collections if isinstance(collections, Mapping) else {}  # a list names no permalinks
        own = {
            str(label): (found if isinstance(found := meta["permalink"], str) else None)
            for label, meta in settings.items()
            if isinstance(meta, Mapping) and "permalink" in meta
        }
        site = str(values.get("permalink") or "date")
        timezone = values.get("timezone")
        return cls(
            permalink=own.get("posts") or site,
            baseurl=str(values.get("baseurl") or ""),
            timezone=str(timezone) if timezone else None,
            site_permalink=site,
            collection_permalinks=tuple(own.items()),
            outputs=tuple(
                str(label)
                for label, meta in settings.items()
                if isinstance(meta, Mapping) and meta.get("output") is True
            ),
        )

    def as_record(self) -> dict[str, object]:
        """The settings as JSON values (`url_record`)."""
        return {
            "permalink": self.permalink,
            "baseurl": self.baseurl,
            "timezone": self.timezone,
            "site_permalink": self.site_permalink,
            "collection_permalinks": [list(pair) for pair in self.collection_permalinks],
            "outputs": list(self.outputs),
        }

    @classmethod
    def from_record(cls, data: Mapping[str, object]) -> URLSettings:
        """Settings as `as_record` gave them; ValueError (or TypeError, KeyError) when they are not."""

        def text(key: str) -> str | None:
            value = data[key]
            if value is not None and not isinstance(value, str):
                raise ValueError(f"{key}: not text")
            return value

        pairs, outputs = data["collection_permalinks"], data["outputs"]
        if not isinstance(pairs, list) or not isinstance(outputs, list):
            raise ValueError("not lists")
        return cls(
            permalink=str(text("permalink")),
            baseurl=str(text("baseurl")),
            timezone=text("timezone"),
            site_permalink=text("site_permalink"),
            collection_permalinks=tuple((str(label), permalink) for label, permalink in pairs),
            outputs=tuple(str(label) for label in outputs),
        )

    @property
    def style(self) -> str:
        """The site's `permalink:` (a style or a template), which a collection's default URLs end like."""
        return self.permalink if self.site_permalink is None else self.site_permalink

    def collection_permalink(self, label: str) -> str | None:
        """The template `collections: LABEL: permalink:` gives the collection's documents, None without one.

        For `posts` without one it is the site's style as a template, as Jekyll's `Configuration`
        `#add_default_collections` sets it. Raises `BuildFails` when the collection's `permalink:` is blank or
        not text: Jekyll 4.3.1 (`URL#initialize`, `URL#generate_url`) stops on every document of it without a
        `permalink:` of its own.
        """
        own = dict(self.collection_permalinks)
        if label == "posts" and own.get(label) is None:
            return permalink_template(self.style)
        if label not in own:
            return None
        template = own[label]
        if template is None:
            raise BuildFails(
                f"collections: {label}: permalink: is blank or not text: Jekyll stops on the collection's "
                "documents that have no permalink: of their own"
            )
        return template


@dataclass(frozen=True)
class Address:
    """Where one file Jekyll renders goes: a post or a collection's document."""

    source: Path
    url: str  # Jekyll's `page.url` (without the baseurl)
    output: str  # the file Jekyll writes, relative to the destination folder


@dataclass(frozen=True)
class PostAddress(Address):
    """Where one post goes."""

    date: datetime  # the post's date in the site's local time, as its URL uses it


@dataclass(frozen=True)
class DocumentAddress(Address):
    """Where one document of a collection goes."""

    # Its date in the site's local time, as its URL uses it; None without one (Jekyll's is the build's time).
    date: datetime | None


_Claim = TypeVar("_Claim", bound=Address)


def site_url_settings(root: Path) -> URLSettings:
    """The URL settings of the site at `root`, read from its `_config.yml` as Jekyll reads it (YAML 1.1)."""
    values = yamlio.load((root / CONFIG_NAME).read_text(encoding="utf-8"))
    return URLSettings.from_config(values if isinstance(values, Mapping) else {})


def session_file_url(
    settings: URLSettings, collection: str | None, path: Path, front_matter: Mapping[str, object]
) -> str | None:
    """The URL (below the host, with the baseurl) Jekyll publishes a session's file at: a post in the posts
    folder, or a document of `collection`. None when seminar cannot tell (`UnknownURL`) or Jekyll publishes
    no page for it (a collection without `output: true`)."""
    try:
        if collection is None:
            address: Address = post_address(
                settings.permalink, path, front_matter, timezone=settings.timezone
            )
        elif collection not in settings.outputs:
            return None
        else:
            address = document_address(
                settings.style,
                collection,
                settings.collection_permalink(collection),
                path,
                front_matter,
                timezone=settings.timezone,
            )
    except UnknownURL:
        return None
    return with_baseurl(settings.baseurl, address.url)


def recorded_url_settings(root: Path) -> URLSettings | None:
    """The URL settings the site's posts were last written under (`record_url_settings`); None when none
    was recorded, or the record cannot be read."""
    try:
        data = json.loads((root / PRIVATE_DIR / URL_RECORD).read_text(encoding="utf-8"))
        return URLSettings.from_record(data)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def record_url_settings(root: Path, settings: URLSettings) -> Path:
    """Record `settings` as those the site's posts are now written under, in seminar's private folder, so
    that the next write can say which URLs a change of `_config.yml` moved; the record's path."""
    path = private_dir(root) / URL_RECORD
    write_atomic(path, json.dumps(settings.as_record(), indent=2) + "\n")
    return path


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


def document_url(
    permalink: str,
    collection: str,
    collection_permalink: str | None,
    path: Path | str,
    front_matter: Mapping[str, object],
    *,
    baseurl: str = "",
    timezone: str | None = None,
) -> str:
    """A collection document's URL below the host, as `{{ page.url | relative_url }}` gives it.

    The arguments are `document_address`'s, and `baseurl` as `post_url` applies it; raises as it does.
    """
    address = document_address(
        permalink, collection, collection_permalink, path, front_matter, timezone=timezone
    )
    return with_baseurl(baseurl, address.url)


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
    output_ext = _output_ext(match["ext"])
    relative = _url_path(_below(path, "_posts") or PurePath(path.name))
    values = _placeholders(
        "posts", relative, path.stem, match["slug"].rstrip("."), front_matter, when, output_ext
    )
    own = _own_permalink(front_matter)
    url = _sanitize(_fill(permalink_template(permalink) if own is None else own, values))
    return PostAddress(source=path, date=when, url=url, output=_output_file(url, output_ext))


def document_address(
    permalink: str,
    collection: str,
    collection_permalink: str | None,
    path: Path | str,
    front_matter: Mapping[str, object],
    *,
    timezone: str | None = None,
) -> DocumentAddress:
    """Where Jekyll puts the document `path` of the collection `collection`, with this front matter.

    `permalink` is the site's `permalink:` (`URLSettings.style`), `collection_permalink` the collection's own
    (`URLSettings.collection_permalink`, None without one), `path` the file: below the collection's folder
    (`_contents/week1/S0-L01.md`, anywhere in the path), or relative to it (`week1/S0-L01.md`). The template
    is the document's `permalink:`, else the collection's, else `/:collection/:path` ended as the site's style
    ends; its placeholders are the URL drop's, dates only when the document has one.

    Rules: Jekyll 4.3.1 `Document#url`, `#url_template`, `#cleaned_relative_path`, `#populate_title`,
    `#destination`; `Collection#url_template`; `Utils.add_permalink_suffix`; `Drops::UrlDrop`.
    Raises `UnknownURL` when the template needs a date and the document has none (Jekyll uses the time of the
    build), or for an absolute `path` outside the collection's folder; `BuildFails` as `post_address` does.
    """
    path = Path(path)
    relative = _below(path, f"_{collection}")
    if relative is None:
        if path.is_absolute():
            raise UnknownURL(f"{path}: not in the collection's folder _{collection}")
        relative = PurePath(path)
    dated = POST_NAME.fullmatch(path.name)  # Jekyll's DATE_FILENAME_MATCHER, for every collection
    if dated is not None:
        when: datetime | None = _post_date(dated["date"], front_matter, timezone)
        slug, extension = dated["slug"], dated["ext"]
    else:
        when = _front_matter_date(front_matter["date"], timezone) if "date" in front_matter else None
        slug, extension = path.stem, path.suffix
    output_ext = _output_ext(extension)
    values = _placeholders(
        collection, _url_path(relative), path.stem, slug.rstrip("."), front_matter, when, output_ext
    )
    template = _own_permalink(front_matter)
    if template is None:
        template = collection_permalink
    if template is None:
        template = add_permalink_suffix("/:collection/:path", permalink)
    url = _sanitize(_fill(template, values))
    return DocumentAddress(source=path, date=when, url=url, output=_output_file(url, output_ext))


def add_permalink_suffix(template: str, permalink: str) -> str:
    """`template` ended as the site's `permalink` (a style name or a template) ends: Jekyll 4.3.1's
    `Utils.add_permalink_suffix`. `pretty` or a template ending in `/` adds `/`; `date`, `ordinal`, `none`
    or a template ending in `:output_ext` adds `:output_ext`; anything else (`weekdate`) adds nothing."""
    if permalink == "pretty":
        return template + "/"
    if permalink in ("date", "ordinal", "none"):
        return template + ":output_ext"
    return (
        template
        + ("/" if permalink.endswith("/") else "")
        + (":output_ext" if permalink.endswith(":output_ext") else "")
    )


def shared_urls(addresses: Iterable[_Claim]) -> dict[str, list[_Claim]]:
    """Output files two or more posts or documents claim (Jekyll writes one over the other), each with those
    that claim it."""
    by_output: defaultdict[str, list[_Claim]] = defaultdict(list)
    for address in addresses:
        by_output[address.output].append(address)
    return {output: claims for output, claims in by_output.items() if len(claims) > 1}


def _own_permalink(front_matter: Mapping[str, object]) -> str | None:
    """The file's own `permalink:` (Jekyll's `Document#permalink`: blank or `false` is none)."""
    own = front_matter.get("permalink")
    if own is None or own is False:
        return None
    if not isinstance(own, str):
        raise BuildFails(f"permalink: {own!r} is not text: Jekyll cannot build the file's URL")
    return own


def _output_ext(extension: str) -> str:
    """The converter's output extension: `.html` for Markdown, else Identity's (the extension as is)."""
    return ".html" if extension.lower() in MARKDOWN_EXTENSIONS else extension


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
    collection: str,
    path: str,
    basename: str,
    name_slug: str,
    front_matter: Mapping[str, object],
    when: datetime | None,
    output_ext: str,
) -> dict[str, str]:
    """Jekyll 4.3's URL drop for a post or a collection's document: `path` is `:path` as
    `Document#cleaned_relative_path` gives it, `basename` the file's name without its extension, `name_slug`
    the slug its name gives; the date placeholders only when `when` is given."""
    slug = front_matter.get("slug")
    if slug is None or slug is False:  # Ruby's `||=`: an empty slug is kept
        slug = name_slug
    if not isinstance(slug, str):
        raise BuildFails(f"slug: {slug!r} is not text: Jekyll cannot build the file's URL")
    categories = _categories(front_matter)
    values = {
        "collection": collection,
        "path": path,
        "name": _slugify(basename),
        "title": _slugify(slug, pretty=True),
        "slug": _slugify(slug),
        "categories": "/".join(dict.fromkeys(category.lower() for category in categories)),
        "slugified_categories": "/".join(dict.fromkeys(_slugify(category) for category in categories)),
        "output_ext": output_ext,
    }
    return values if when is None else values | _date_placeholders(when)


def _date_placeholders(when: datetime) -> dict[str, str]:
    """The URL drop's date placeholders (`DATE_PLACEHOLDERS`), as Ruby's `strftime` writes them."""
    year, week, weekday = when.isocalendar()
    return {
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


# The URL drop's placeholders that read the date (`Drops::UrlDrop`, `year` to `y_day`).
DATE_PLACEHOLDERS = frozenset(_date_placeholders(datetime(2000, 1, 1)))


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


def _below(path: Path, folder: str) -> PurePath | None:
    """The file's path below the last `folder` in it (`_posts`, `_contents`), None when there is none."""
    parts = path.parts
    if folder not in parts[:-1]:
        return None
    return PurePath(*parts[len(parts) - parts[::-1].index(folder) :])


def _url_path(relative: PurePath) -> str:
    """`:path` (`Document#cleaned_relative_path`): the path below the folder, without its extension or
    trailing dots."""
    return "/" + relative.with_suffix("").as_posix().rstrip(".")


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
        if key not in values and key in DATE_PLACEHOLDERS:
            raise UnknownURL(
                f"permalink {template!r} needs :{key}, and the document has no date: Jekyll uses the time of "
                "the build (give it a date: in its front matter)"
            )
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
