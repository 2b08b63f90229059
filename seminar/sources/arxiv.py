"""Paper metadata from the arXiv API: batched, polite, patient with its faults, and clear when they win.

Built on `arxiv` 4.0.2 (`Client.results` with `Search(id_list=...)`). That client has no timeout, retries
any non-200 at once (a malformed id's 400 too) and hides the response, and its parser recovers a partial feed
from a truncated answer. So its client gets a session that sets a timeout, keeps the last response (for
`Retry-After` and arXiv's error message) and refuses a truncated answer; retrying with backoff is done here.

Two kinds of failure are told apart. A live server that is busy or slow (429, 5xx, a timeout, a cut-off
answer) is asked again politely, with backoff, for up to `retry_for` seconds. No answer at all (the host name
does not resolve, the connection is refused, the network is unreachable) means this machine cannot reach
arXiv: it is tried twice with a short wait, and then nothing more is asked in this run.
This module imports `arxiv` and `requests`: only commands that go to the network import it.
"""

from __future__ import annotations

import errno
import re
import socket
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import arxiv
import requests
from lxml import etree
from urllib3.exceptions import DecodeError, NewConnectionError, ProtocolError, ReadTimeoutError

from seminar.model.arxiv_ids import abs_url, other_digits_problem, parse_arxiv_id, pdf_url
from seminar.model.papers import Paper
from seminar.sources.config import ArxivSettings

CHUNK = 65536  # bytes read from an answer at most at once (a read returns what has come)
BATCH_SIZE = 100  # ids per request (arXiv's page size): a 150-reading term costs 2 requests
MAX_TRIES = 5
RETRYABLE = frozenset({429, 500, 502, 503, 504})
BACKOFF_START = 1.0  # seconds before the first retry, doubling after (never below the delay)
UNREACHABLE_TRIES = 2  # tries when arXiv cannot be reached at all (no name, no route, refused)
UNREACHABLE_WAIT = 1.0  # seconds between them
TITLES_PER_REQUEST = 10  # ti:"..." phrases OR-ed into one search
RESULTS_PER_TITLE = 10
QUERY_LENGTH = 1000  # characters of search_query, well inside what a GET URL allows
# Words never required by a loose title search: Lucene's English stop words (`EnglishAnalyzer`'s default set,
# the one search engines built on it drop from what they index), so a word the index may not hold, or that a
# title spells `&` ("Sense & Sensibility"), cannot keep a paper out; `and`, `or` and `not` are also arXiv's
# query operators (AND, OR, ANDNOT).
STOP_WORDS = frozenset(
    ("a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no",
     "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to",
     "was", "will", "with")
)  # fmt: skip
_WITHDRAWN = re.compile(r"\bwithdrawn\b", re.IGNORECASE)
_ATOM = {"atom": "http://www.w3.org/2005/Atom"}
_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True)


class MalformedAnswer(Exception):
    """A 200 answer that is not a whole XML document (cut off in transit, say)."""


class ArxivUnavailable(Exception):
    """arXiv could not be asked, even after retrying: the message says why."""


class ArxivRefused(Exception):
    """arXiv answered 400: the request itself is wrong (a malformed id), so asking again cannot help."""

    def __init__(self, message: str, culprit: str | None) -> None:
        super().__init__(message)
        self.culprit = culprit


@dataclass
class Fetched:
    """What a fetch got: papers by base id, and a reason for every id it could not get."""

    papers: dict[str, Paper] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)


class _Session(requests.Session):
    """The HTTP session given to the `arxiv` client: every request done within the timeout, the last answer
    kept.

    `requests`' own timeout bounds each wait for the next bytes, not the request: an answer dripping a few
    bytes a second never trips it. So the body is streamed, each read given only the time left, and the
    request fails with `requests.Timeout` once the timeout has passed since it began. (The headers, a few
    lines, are read as `requests` reads them: each wait for more within the timeout.)
    """

    def __init__(self, timeout: float) -> None:
        super().__init__()
        self.timeout = timeout
        self.last_response: requests.Response | None = None
        self.count = 0

    def request(self, method: str, url: str, **kwargs: object) -> requests.Response:  # type: ignore[override]
        deadline = time.monotonic() + self.timeout
        kwargs.setdefault("timeout", self.timeout)
        kwargs["stream"] = True
        self.count += 1
        response = super().request(method, url, **kwargs)  # type: ignore[arg-type]
        try:  # what `response.content` gives, as `requests` keeps it when it reads the body itself
            response._content = _body(response, deadline, self.timeout)
            response._content_consumed = True  # type: ignore[attr-defined]  # not in types-requests
        finally:
            response.close()  # a connection read to the end goes back to the pool, any other is closed
        self.last_response = response
        if response.status_code == 200:
            try:
                etree.fromstring(response.content, _SAFE_XML)
            except etree.XMLSyntaxError as error:
                raise MalformedAnswer(str(error)) from None
        return response


def _body(response: requests.Response, deadline: float, timeout: float) -> bytes:
    """The body of a streamed response, read by the deadline (`time.monotonic()`): each read waits at most
    until then. Raises `requests.Timeout` when the deadline passes, and what `requests` raises for a body
    that breaks off (`ChunkedEncodingError`, `ContentDecodingError`)."""
    raw = response.raw
    read1 = getattr(raw, "read1", None)  # urllib3 2.3 and later; before, each read waits for its whole size
    chunks: list[bytes] = []
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("deadline passed")
            connection = getattr(raw, "connection", None)  # None once urllib3 has read to the end
            sock = getattr(connection, "sock", None)
            if sock is not None:
                sock.settimeout(left)
            chunk = read1(CHUNK, decode_content=True) if read1 is not None else raw.read(decode_content=True)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
    except (TimeoutError, ReadTimeoutError):
        raise requests.ReadTimeout(f"no whole answer within {timeout:g} s", response=response) from None
    except ProtocolError as error:
        raise requests.exceptions.ChunkedEncodingError(error) from None
    except DecodeError as error:
        raise requests.exceptions.ContentDecodingError(error) from None


class ArxivSource:
    """One client per run, so that the delay between requests holds across everything the run asks.

    `on_retry` is told, before each wait, what is waited for and how long (`arXiv answered 503; retrying in
    4 s (3/5)`). Once arXiv could not be reached at all, the run asks nothing more: every later request fails
    at once with the same reason.
    """

    def __init__(self, settings: ArxivSettings, on_retry: Callable[[str], None] | None = None) -> None:
        self.settings = settings
        self.on_retry = on_retry
        self._unreachable: str | None = None  # why arXiv could not be reached, once it could not
        self._session = _Session(settings.timeout)
        self._client = arxiv.Client(page_size=BATCH_SIZE, delay_seconds=settings.delay, num_retries=0)
        self._client.query_url_format = settings.api_url + "?{}"
        self._client._session = self._session  # where arxiv 4.0.2 keeps its requests session

    @property
    def requests(self) -> int:
        """HTTP requests made so far, retries included."""
        return self._session.count

    def fetch(self, base_ids: list[str], progress: Callable[[int], None] | None = None) -> Fetched:
        """Metadata for these base ids, in batches of at most 100, matched to what was asked by base id.

        An id missing from a 200 answer is asked once more (arXiv sometimes answers empty by mistake), all
        such ids together, and only then reported as not on arXiv. `progress` is told how many ids each
        batch of the first pass settled.
        """
        fetched = Fetched()
        pending = list(dict.fromkeys(base_ids))
        for second_pass in (False, True):
            for batch in _batches(pending):
                self._fetch_batch(batch, fetched)
                if progress is not None and not second_pass:
                    progress(len(batch))
            pending = [key for key in pending if key not in fetched.papers and key not in fetched.failures]
            if not pending:
                break
        for key in pending:
            fetched.failures[key] = "not on arXiv (no paper has this id)"
        return fetched

    def search_titles(
        self,
        titles: list[str],
        *,
        loose: bool = False,
        progress: Callable[[int], None] | None = None,
    ) -> tuple[dict[str, list[Paper]], dict[str, str]]:
        """Candidate papers for each title, several titles a request; and why a title could not be searched.

        Each title is an exact-phrase title search (`ti:"..."`) with its punctuation stripped, or with `loose`
        its words of three letters or more but stop words AND-ed (which finds near misses too, and a title
        typed with "and" for arXiv's "&"); which candidate, if any, it names is for
        `title_match.match_title` to decide. `progress` is told how many titles each request settled.
        """
        candidates: dict[str, list[Paper]] = {}
        failures: dict[str, str] = {}
        term = _loose_term if loose else _phrase_term
        for group in _title_groups(titles, term, failures):
            query = " OR ".join(term(title) for title in group)
            try:
                answers = self._ask(arxiv.Search(query=query, max_results=RESULTS_PER_TITLE * len(group)))
            except (ArxivUnavailable, ArxivRefused) as error:
                failures.update(dict.fromkeys(group, str(error)))
            else:
                papers = list(_papers(answers).values())
                candidates.update({title: list(papers) for title in group})
            if progress is not None:
                progress(len(group))
        return candidates, failures

    def _fetch_batch(self, batch: list[str], fetched: Fetched) -> None:
        try:
            answers = self._ask(arxiv.Search(id_list=batch, max_results=len(batch)))
        except ArxivRefused as refused:
            if refused.culprit in batch and len(batch) > 1:
                fetched.failures[refused.culprit] = f"arXiv calls it malformed ({refused})"
                self._fetch_batch([key for key in batch if key != refused.culprit], fetched)
            else:
                for key in batch:
                    fetched.failures[key] = f"arXiv refused it ({refused})"
            return
        except ArxivUnavailable as error:
            for key in batch:
                fetched.failures[key] = str(error)
            return
        asked = set(batch)
        fetched.papers.update((key, paper) for key, paper in _papers(answers).items() if key in asked)

    def _ask(self, search: arxiv.Search) -> list[arxiv.Result]:
        """The results of one search, retrying with backoff on 429, 5xx, timeouts and broken answers, and
        only twice, soon, when arXiv cannot be reached at all (then never again in this run).

        Raises ArxivRefused on a 400, ArxivUnavailable when retrying did not help (the reason says why).
        """
        if self._unreachable is not None:
            raise ArxivUnavailable(self._unreachable)
        deadline = time.monotonic() + self.settings.retry_for
        tries = MAX_TRIES
        for attempt in range(1, MAX_TRIES + 1):
            at_least = 0.0
            unreachable = None
            try:
                return self._results(search)
            except arxiv.HTTPError as error:
                if error.status == 400:
                    raise self._refusal() from None
                reason, short = f"arXiv answered HTTP {error.status}", f"arXiv answered {error.status}"
                if error.status not in RETRYABLE:
                    raise ArxivUnavailable(reason) from None
                at_least = _retry_after(self._session.last_response)
            except requests.Timeout:
                reason = f"no answer from arXiv within {self.settings.timeout:g} s"
                short = "arXiv did not answer"
            except requests.ConnectionError as error:
                unreachable = _unreachable(error, self.settings.api_url)
                reason = f"cannot reach arXiv ({type(error).__name__})"
                short = f"cannot reach arXiv ({unreachable})" if unreachable else "arXiv broke off the answer"
            except MalformedAnswer:
                reason, short = "arXiv's answer was cut off or malformed", "arXiv's answer was cut off"
            except requests.RequestException as error:
                reason = short = f"network error ({type(error).__name__})"
            if unreachable is not None:
                tries = min(tries, UNREACHABLE_TRIES)
                wait = UNREACHABLE_WAIT
            else:
                wait = max(at_least, max(BACKOFF_START, self.settings.delay) * 2 ** (attempt - 1))
            if attempt >= tries or time.monotonic() + wait > deadline:
                given_up = f"{reason}; gave up after {attempt} {'try' if attempt == 1 else 'tries'}"
                if unreachable is not None:
                    self._unreachable = (
                        f"{given_up}: {unreachable}; without a network, --offline works from the paper "
                        "store alone"
                    )
                    raise ArxivUnavailable(self._unreachable)
                raise ArxivUnavailable(given_up)
            if self.on_retry is not None:
                self.on_retry(f"{short}; retrying in {_seconds(wait)} s ({attempt + 1}/{tries})")
            time.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    def _results(self, search: arxiv.Search) -> list[arxiv.Result]:
        results = []
        try:
            for result in self._client.results(search):
                results.append(result)
        except arxiv.UnexpectedEmptyPageError:
            pass  # a page after the first came back empty: what came before is complete
        except (arxiv.ArxivError, requests.RequestException):
            raise
        except (ValueError, TypeError, KeyError, AttributeError, IndexError) as error:
            # XML that the `arxiv` library cannot make a paper of (`<updated>x</updated>`): asking again
            # would get the same answer
            raise ArxivUnavailable(
                f"arXiv's answer could not be read ({type(error).__name__}: {_one_line(str(error))})"
            ) from None
        return results

    def _refusal(self) -> ArxivRefused:
        """arXiv's own words from its 400 error feed, and the id they name."""
        response = self._session.last_response
        message = "HTTP 400"
        try:
            root = etree.fromstring(response.content, _SAFE_XML) if response is not None else None
            summary = root.findtext("atom:entry/atom:summary", namespaces=_ATOM) if root is not None else None
        except etree.XMLSyntaxError:
            summary = None
        if summary:
            message = " ".join(summary.split())
        culprit = re.fullmatch(r"incorrect id format for (\S+)", message)
        return ArxivRefused(message, culprit.group(1) if culprit else None)


def _papers(answers: list[arxiv.Result]) -> dict[str, Paper]:
    """The answers as papers, by the base id in each answer's own entry id (never by position)."""
    today = datetime.now(UTC).date()
    papers = {}
    for answer in answers:
        found = parse_arxiv_id(answer.entry_id)
        if found is not None:
            papers[found.base] = paper_from_result(answer, found.base, found.version, today)
    return papers


def paper_from_result(result: arxiv.Result, base_id: str, version: int | None, fetched: date) -> Paper:
    """What seminar keeps of an arXiv result: one-line title and abstract (LaTeX untouched), UTC dates."""
    comment = _one_line(result.comment)
    return Paper(
        title=_one_line(result.title) or base_id,
        arxiv_id=base_id,
        authors=tuple(_one_line(author.name) or "" for author in result.authors),
        abstract=_one_line(result.summary),
        published=result.published.astimezone(UTC).date(),
        updated=result.updated.astimezone(UTC).date(),
        version=version or 1,
        categories=tuple(result.categories),
        primary_category=result.primary_category or None,
        comment=comment,
        journal_ref=_one_line(result.journal_ref),
        doi=_one_line(result.doi),
        withdrawn=bool(comment and _WITHDRAWN.search(comment)),
        abs_url=abs_url(base_id),
        pdf_url=pdf_url(base_id),
        source="arXiv API",
        fetched=fetched,
    )


def _one_line(text: str | None) -> str | None:
    return " ".join(text.split()) or None if text else None


def _unreachable(error: requests.ConnectionError, api_url: str) -> str | None:
    """Why no connection to arXiv could be made at all (`cannot resolve export.arxiv.org`, `connection
    refused by 127.0.0.1:9`, `network is unreachable`); None for a connection a live server broke off."""
    causes: list[BaseException] = []
    pending: list[object] = [error]
    while pending:
        found = pending.pop()
        if isinstance(found, BaseException) and all(found is not seen for seen in causes):
            causes.append(found)
            pending += [getattr(found, "reason", None), found.__cause__, found.__context__, *found.args]
    made = [cause for cause in causes if isinstance(cause, NewConnectionError)]  # a name not resolved too
    if not made:
        return None
    parts = urlsplit(api_url)
    connection = getattr(made[0], "conn", None)
    host = getattr(connection, "host", None) or parts.hostname or api_url
    port = getattr(connection, "port", None) or parts.port
    for cause in causes:
        if isinstance(cause, socket.gaierror):
            return f"cannot resolve {host}"
        if isinstance(cause, ConnectionRefusedError):
            return f"connection refused by {host}{f':{port}' if port else ''}"
        if isinstance(cause, OSError) and cause.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
            return "network is unreachable" if cause.errno == errno.ENETUNREACH else f"no route to {host}"
    return f"no connection to {host}"


def _seconds(wait: float) -> str:
    """A wait as a person reads it: `1`, `2.5`, `30`."""
    return f"{wait:.0f}" if wait >= 10 else f"{round(wait, 1):g}"


def _retry_after(response: requests.Response | None) -> float:
    """Seconds a 429 or 503 asks to wait (`Retry-After` in seconds or as a date); 0 when it says nothing."""
    value = response.headers.get("Retry-After", "").strip() if response is not None else ""
    if not value:
        return 0.0
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, (parsedate_to_datetime(value) - datetime.now(UTC)).total_seconds())
    except (TypeError, ValueError):
        return 0.0


def _search_phrase(title: str) -> str:
    """A title as arXiv's phrase search wants it: accents and punctuation gone (a quote ends the phrase)."""
    bare = "".join(char for char in unicodedata.normalize("NFKD", title) if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^\w]+|_", " ", bare).split())


def _phrase_term(title: str) -> str:
    phrase = _search_phrase(title)
    return f'ti:"{phrase}"' if phrase else ""


def _loose_term(title: str) -> str:
    """The title's words of three letters or more AND-ed, stop words left out: `(ti:Sense AND ti:Sensibility
    AND ti:Transformers)` for "Sense and Sensibility in Transformers", which finds "Sense & Sensibility in
    Transformers" too. A title of stop words alone keeps them (there is nothing else to search for)."""
    words = [word for word in _search_phrase(title).split() if len(word) >= 3]
    content = [word for word in words if word.casefold() not in STOP_WORDS]
    return "(" + " AND ".join(f"ti:{word}" for word in content or words) + ")" if words else ""


def _title_groups(
    titles: list[str], term: Callable[[str], str], failures: dict[str, str]
) -> Iterator[list[str]]:
    """Titles in groups whose terms fit one search; a title with nothing to search for, or that is an arXiv id
    in another script's digits, is a failure."""
    group: list[str] = []
    length = 0
    for title in dict.fromkeys(titles):
        size = len(term(title)) + len(" OR ")
        misspelt = other_digits_problem(title)  # an id in other digits, not a title: no paper has it
        if misspelt is not None or size == len(" OR "):
            failures[title] = misspelt or "nothing in this title to search for"
            continue
        if group and (len(group) == TITLES_PER_REQUEST or length + size > QUERY_LENGTH):
            yield group
            group, length = [], 0
        group.append(title)
        length += size
    if group:
        yield group


def _batches(keys: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(keys), BATCH_SIZE):
        yield keys[start : start + BATCH_SIZE]
