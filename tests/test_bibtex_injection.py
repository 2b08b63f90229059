"""BibTeX cannot be injected (issue 14): no value in the paper store — title, author, withdrawal comment,
arXiv category, DOI or address — can close its field and add another, whatever braces it holds.

`seminar export bibtex --offline` writes the store's papers through the real command line, and the real
`bibtex` reads the file back with a style (`fields.bst`) that writes out which fields each entry has.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from plans import write_plan

from conftest import Site
from seminar.model.titles import normalize_title

INJECTED = "INJECTED"
# The fields an injection would add, and those the writer itself uses.
FIELDS = ["title", "author", "key", "year", "eprint", "archiveprefix", "primaryclass", "doi", "url", "note"]
INJECTABLE = ["howpublished", "journal", "publisher", "volume", "school", "editor"]

# One BibTeX function per entry: its key, then the name of each field it has, then its title as read.
FIELDS_BST = (
    "ENTRY { " + " ".join(FIELDS + INJECTABLE) + " } {} {}\n"
    'FUNCTION {field.named} { empty$ { pop$ } { " " swap$ * write$ } if$ }\n'
    "FUNCTION {dump} {\n  cite$ write$\n"
    + "".join(f'  "{name}" {name} field.named\n' for name in FIELDS + INJECTABLE)
    + '  "|" write$ title write$ newline$\n}\n'
    "READ\nITERATE {dump}\n"
)

BLOG = "A Blog Post \\}, howpublished = {INJECTED"
STORE = {
    "2501.00001": {
        "arxiv_id": "2501.00001",
        "title": "Real title}}, howpublished = {INJECTED FIELD",
        "authors": ["Eve}, journal = {INJECTED", "Mallory {{{ and } publisher = {INJECTED"],
        "published": "2025-01-02",
        "primary_category": "cs.CL}, volume = {INJECTED",
    },
    "2501.00002": {
        "arxiv_id": "2501.00002",
        "title": "Closing only }}} then @misc{evil, title = {INJECTED}",
        "authors": ["Ada Quill"],
        "published": "2025-01-03",
        "doi": "10.1234/x}, editor = {INJECTED",
        "withdrawn": True,
        "comment": "withdrawn}}, school = {INJECTED",
    },
    normalize_title(BLOG): {
        "title": BLOG,
        "url": "https://example.org/}}, publisher = {INJECTED",
    },
}


def fields_as_bibtex_reads_them(bibtex: str, folder: Path, text: str) -> dict[str, tuple[set[str], str]]:
    """Each entry's key: the names of the fields it has and its title, as `bibtex` itself reads the file."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "refs.bib").write_text(text, encoding="ascii")
    (folder / "fields.bst").write_text(FIELDS_BST, encoding="ascii")
    (folder / "doc.aux").write_text("\\citation{*}\n\\bibdata{refs}\n\\bibstyle{fields}\n", encoding="ascii")
    done = subprocess.run(
        [bibtex, "doc"], cwd=folder, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stdout
    read: dict[str, tuple[set[str], str]] = {}
    for line in (folder / "doc.bbl").read_text(encoding="ascii").replace("\n ", " ").splitlines():
        names, _, title = line.partition("|")
        key, *fields = names.split()
        read[key] = (set(fields), title)
    return read


def exported(site: Site) -> str:
    site.add_papers(STORE)
    write_plan(site, [{"week": "S1", "title": "Hostile", "required": [*list(STORE)[:2], BLOG]}])
    result = site.run("export", "bibtex", "--offline")
    assert result.exit_code == 0, result.output
    return result.stdout


def test_no_stored_value_adds_a_field_under_the_real_bibtex(
    site: Site, tex: tuple[str, str], tmp_path: Path
) -> None:
    read = fields_as_bibtex_reads_them(tex[1], tmp_path, exported(site))
    assert len(read) == len(STORE)
    added = {key: fields & set(INJECTABLE) for key, (fields, _) in read.items()}
    assert added == {key: set() for key in read}
    arxiv_fields = {"title", "author", "year", "eprint", "archiveprefix", "primaryclass", "url"}
    assert read["arxiv2501.00001"][0] == arxiv_fields
    assert "note" in read["arxiv2501.00002"][0] and "doi" in read["arxiv2501.00002"][0]


def test_an_injection_attempt_stays_in_its_own_field_as_text(
    site: Site, tex: tuple[str, str], tmp_path: Path
) -> None:
    read = fields_as_bibtex_reads_them(tex[1], tmp_path, exported(site))
    _, title = read["arxiv2501.00001"]
    assert "howpublished = " in title and "INJECTED FIELD" in title
    assert "@misc" in read["arxiv2501.00002"][1] and "evil" not in read
