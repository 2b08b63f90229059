"""A real HTTP server on 127.0.0.1 standing in for the arXiv API, with arXiv's faults on demand.

It answers `id_list` and `ti:"..."` queries with Atom assembled from the entries of a folder of answers as
arXiv sends them: by default the project's own, `tests/fixtures/arxiv/` (made-up papers), or the real recorded
ones in `../shared/arxiv-atom/`; plus synthetic entries made from one of ours. It counts the requests it gets,
and plays scripted faults: a status with headers, a stall, a truncated or slowly dripped body, or a file of
answers served verbatim.
"""

from __future__ import annotations

import copy
import random
import re
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from lxml import etree

ATOM = "http://www.w3.org/2005/Atom"
NS = {
    "atom": ATOM,
    "opensearch": "http://a9.com/-/spec/opensearch/1.1/",
    "arxiv": "http://arxiv.org/schemas/atom",
}
_ID = re.compile(r"abs/(.+?)(?:v(\d+))?$")


@dataclass(frozen=True)
class Answers:
    """A folder of arXiv API answers (`*.xml`, Atom as arXiv sends it), and the ones the tests name."""

    folder: Path
    paper: str  # the id of the paper alone in `one_entry`
    one_entry: str  # the answer to `id_list=<paper>`: one entry
    empty: str  # the answer for an id arXiv does not have: a feed with no entry
    error: str  # arXiv's 400 answer to `id_list=abc`: an error entry, "incorrect id format for abc"


# The project's own answers: made-up papers, written for these tests in arXiv's format.
OURS = Answers(
    folder=Path(__file__).resolve().parent / "fixtures" / "arxiv",
    paper="2403.00101",
    one_entry="id_2403.00101.xml",
    empty="id_0000.0000.xml",
    error="id_abc.xml",
)
TEMPLATE = OURS.paper  # the entry `FakeArxiv.add_paper` copies


@dataclass
class Fault:
    """What the server does instead of answering normally, once."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    stall: float = 0.0  # seconds to wait before answering
    truncate: bool = False  # send only the first half of the normal answer
    file: str | None = None  # serve this file of the server's answers as it is
    body: bytes | None = None  # or this body
    drip: int = 0  # bytes a second: the body sent this slowly, a second's bytes at a time (0: all at once)


def entries_in(folder: Path) -> dict[str, etree._Element]:
    """Every paper entry of the answers in a folder, by base id (arXiv's error entries left out)."""
    if not folder.is_dir():
        raise RuntimeError(f"the arXiv answers are missing: {folder}")
    entries = {}
    for path in sorted(folder.glob("*.xml")):
        root = etree.fromstring(path.read_bytes())
        for entry in root.iterfind("atom:entry", NS):
            found = _ID.search(entry.findtext("atom:id", namespaces=NS) or "")
            if found and "api/errors" not in entry.findtext("atom:id", namespaces=NS):
                entries[found.group(1)] = entry
    return entries


class FakeArxiv:
    """Start with `with FakeArxiv() as server:`; `server.url` is the query URL without `?`.

    It answers from `answers` (the project's own unless told otherwise); `entries` holds what it knows.
    """

    def __init__(self, answers: Answers = OURS) -> None:
        self.answers = answers
        self.entries: dict[str, etree._Element] = entries_in(answers.folder)
        self._template = entries_in(OURS.folder)[TEMPLATE]
        self.requests: list[dict[str, list[str]]] = []
        self.times: list[float] = []  # when each request arrived (time.monotonic)
        self.faults: deque[Fault] = deque()
        self.shuffle = False
        self.leave_out_once: set[str] = set()  # ids missing from the first answer that includes them
        self.latency = 0.0
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/api/query"

    def __enter__(self) -> FakeArxiv:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *_: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def asked_ids(self) -> list[list[str]]:
        """The ids of each id_list request, in the order the requests came."""
        return [query["id_list"][0].split(",") for query in self.requests if query.get("id_list", [""])[0]]

    def add_paper(
        self,
        base_id: str,
        title: str,
        *,
        version: int = 1,
        comment: str | None = None,
        published: str = "2024-09-17T17:59:06Z",
        updated: str | None = None,
    ) -> None:
        """A synthetic entry: our template paper with another id, title, version, dates and comment."""
        entry = copy.deepcopy(self._template)
        entry.find("atom:id", NS).text = f"http://arxiv.org/abs/{base_id}v{version}"
        entry.find("atom:title", NS).text = title
        entry.find("atom:published", NS).text = published
        entry.find("atom:updated", NS).text = updated or published
        if comment is not None:
            node = entry.find("arxiv:comment", NS)
            if node is None:
                node = etree.SubElement(entry, f"{{{NS['arxiv']}}}comment")
            node.text = comment
        self.entries[base_id] = entry

    def answer(self, query: dict[str, list[str]]) -> bytes:
        """The feed arXiv would send for this query."""
        if query.get("id_list", [""])[0]:
            asked = query["id_list"][0].split(",")
            with self._lock:
                left_out = self.leave_out_once & set(asked)
                self.leave_out_once -= left_out
            found = [self.entries[key] for key in asked if key in self.entries and key not in left_out]
        else:
            found = [entry for entry in self.entries.values() if _matches(query, entry)]
        limit = int(query.get("max_results", ["100"])[0])
        found = found[:limit]
        if self.shuffle:
            found = random.sample(found, len(found))
        feed = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM, "opensearch": NS["opensearch"]})
        etree.SubElement(feed, f"{{{NS['opensearch']}}}totalResults").text = str(len(found))
        etree.SubElement(feed, f"{{{NS['opensearch']}}}startIndex").text = query.get("start", ["0"])[0]
        etree.SubElement(feed, f"{{{NS['opensearch']}}}itemsPerPage").text = str(limit)
        for entry in found:
            feed.append(copy.deepcopy(entry))
        return etree.tostring(feed, xml_declaration=True, encoding="UTF-8")

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                query = parse_qs(urlsplit(self.path).query)
                with server._lock:
                    server.requests.append(query)
                    server.times.append(time.monotonic())
                    fault = server.faults.popleft() if server.faults else Fault()
                time.sleep(server.latency + fault.stall)
                if fault.body is not None:
                    body = fault.body
                elif fault.file:
                    body = (server.answers.folder / fault.file).read_bytes()
                elif fault.status == 200:
                    body = server.answer(query)
                else:
                    body = b"<html>busy</html>"
                if fault.truncate:
                    body = body[: len(body) // 2]
                try:
                    self.send_response(fault.status)
                    self.send_header("Content-Type", "application/atom+xml")
                    self.send_header("Content-Length", str(len(body)))
                    for name, value in fault.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    for start in range(0, len(body), fault.drip or len(body) or 1):
                        self.wfile.write(body[start : start + (fault.drip or len(body))])
                        self.wfile.flush()
                        time.sleep(1 if fault.drip else 0)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (a stall)

            def log_message(self, *_: object) -> None:
                pass

        return Handler


def _matches(query: dict[str, list[str]], entry: etree._Element) -> bool:
    """Whether an entry answers a title search: any `ti:"phrase"`, or any `(ti:a AND ti:b ...)` group."""
    search = query.get("search_query", [""])[0]
    title = _plain(entry.findtext("atom:title", namespaces=NS))
    for phrase in re.findall(r'ti:"([^"]*)"', search):
        if f" {phrase.lower()} " in f" {title} ":
            return True
    words = set(title.split())
    for group in re.findall(r"\(([^)]*)\)", search):
        if all(word.lower() in words for word in re.findall(r"ti:(\S+)", group)):
            return True
    return False


def _plain(title: str | None) -> str:
    """A title as arXiv's title search sees it: lower case, punctuation gone."""
    return " ".join(re.sub(r"[^\w]+|_", " ", (title or "").lower()).split())
