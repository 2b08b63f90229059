"""Text seminar writes into YAML is read back as that text by Jekyll, with Ruby's Psych as oracle.

Jekyll 4.3.1 reads front matter (and `_data` files) with `Jekyll::Utils.safe_load_yaml`,
`Psych.safe_load(yaml, :permitted_classes => [Date, Time], aliases: true)` (jekyll-4.3.1/lib/jekyll/utils.rb),
which types more unquoted text than PyYAML does: `2025-2-1` is a Date, `09:30` the number 34200. Texts drawn
from YAML-hazard alphabets (digits, `:`, `-`, `.`, `,`, `_`, signs, the letters of yes/no/on/off/true/null
in any case, dates and times in loose forms) are written through both of seminar's writers (PyYAML's, for new
posts: block values, block and flow lists; ruamel's round trip, for edits) and loaded, with each text also
written bare, by that same call in one `ruby -ryaml` process a batch (documents in as JSON on stdin, values
out as JSON). Every written text must come back as the identical string; for the bare ones, seminar's port of
Psych's rules (`yamlio.psych_reads`) and `check`'s diagnostic must say what Psych reads. Run with `-s` to see
the number of generated cases.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import Site
from seminar.core import yamlio
from seminar.render.post import dump_front_matter
from seminar.site import lint

# Jekyll's reading of a document, as JSON: `Jekyll::Utils.safe_load_yaml` copied word for word from
# jekyll-4.3.1/lib/jekyll/utils.rb (or, with SEMINAR_ORACLE_JEKYLL=1, the installed Jekyll's own method) on
# the front matter Jekyll's `Document::YAML_FRONT_MATTER_REGEXP` takes (document.rb), or on the whole text
# when it has none. Each value is described as [kind, shown]: kind as yamlio.PsychReading names Ruby's class,
# shown as Ruby prints it (a Time as its UTC moment, its fraction exact); a failed load is {"error": ...}.
ORACLE = r"""
if ENV["SEMINAR_ORACLE_JEKYLL"] == "1"
  require "jekyll"
  def safe_load_yaml(yaml)
    Jekyll::Utils.safe_load_yaml(yaml)
  end
else
  def safe_load_yaml(yaml)
    Psych.safe_load(yaml, :permitted_classes => [Date, Time], aliases: true)
  rescue ArgumentError
    # Psych versions < 3.1 had a different safe_load API and used
    # problematic language.
    Psych.safe_load(yaml, [Date, Time])
  end
end
FRONT_MATTER = %r!\A(---\s*\n.*?\n?)^((---|\.\.\.)\s*$\n?)!m

def decimals(fraction)
  digits = +""
  until fraction.zero?
    fraction *= 10
    digits << fraction.floor.to_s
    fraction -= fraction.floor
  end
  digits.empty? ? "" : ".#{digits}"
end

def describe(value)
  case value
  when String then ["text", value]
  when nil then ["blank", ""]
  when true, false then ["boolean", value.to_s]
  when Integer then ["integer", value.to_s]
  when Float then ["float", value.to_s]
  when Time
    utc = value.getutc
    ["time", utc.strftime("%Y-%m-%d %H:%M:%S") + decimals(utc.subsec) + " UTC"]
  when Date then ["date", value.to_s]
  when Array then ["list", value.map { |item| describe(item) }]
  else ["other", value.inspect]
  end
end

answers = JSON.parse(STDIN.read).map do |document|
  yaml = document =~ FRONT_MATTER ? Regexp.last_match(1) : document
  begin
    data = safe_load_yaml(yaml)
    data.is_a?(Hash) ? data.to_h { |key, value| [key.to_s, describe(value)] } : {"" => describe(data)}
  rescue StandardError => e
    {"error" => "#{e.class}: #{e.message.lines.first.to_s.strip}"}
  end
end
puts JSON.generate(answers)
"""

# The issue's examples and the corners of Psych's rules found while porting them.
EXAMPLES = [
    "2-1", "2025-2-1", "09:30", "1:30:00", "0o17", "0x1F", "1_000", ".5", "+1", "-.inf", ".NaN", "Yes",
    "OFF", "~", "null", "2025-03-04 10:00", "1e3", "12:30:45.5",
    "10:00", "2410.10000", "yes", "nUlL", "yEs", "oN", "+inf", ".Inf", "+.INF", "-.iNf", ":foo", ":", "0b",
    "0b_", "0x,", "0_7", "08", "1__0", "1,000", "1_:30", "1__0:30", "-1:30", ".e+5", "1.e+5", "+.", "-.",
    "5.", "1_.5", "1e+999", "10000000000000000.0", "0.00001", "1500-02-29", "1582-10-10", "1582-10-04",
    "0000-01-01", "0000-02-29", "2025-02-30", "2025-2-29", "2024-2-29", "2025-00-01", "2025-13-1",
    "2025-03-04 10:00:00", "2025-03-04t10:00:00Z", "2025-03-04 24:00:00", "2025-03-04 24:00:00.5",
    "2025-03-04 24:00:01", "2025-03-04 23:59:60", "2025-03-04 23:60:00", "2025-02-31 10:00:00",
    "2025-03-04 10:00:00.", "2025-03-04 10:00:00.1234567891", "2025-03-04 10:00:00 +530",
    "2025-03-04 10:00:00 -00:30", "2025-03-04 10:00:00 +23:59", "2025-03-04 10:00:00+24",
    "2025-03-04 10:00:00 +00:99", "-0001-01-01 00:00:00Z", "9999-12-31 24:00:00", "2025-3-4T1:00:00",
    "2025-03-04\t10:00:00", "2025-03-04\t10:00:00 Z", "2025-03-04 \t10:00:00", "=", "<<", "-", "a: b",
    "#x", "x #y", "@team", "Modèles", "2025-S4", "S0-L07", "W03.2", "yeſ", "oﬀ", "falſe", ".ınf", ".İnf",
    "-.ınf", "nuﬄ", "oK", "ｏff", "a\x85b", "\x85", "x\ny", "a\u2028b", "it's", 'say "no"', "ok\t",
]  # fmt: skip

DIGITS = "0123456789"
HAZARD = DIGITS + ":-.,_+ ~" + "yesnoftrulaiYESNOFTRULAI" + "xbEZT"
WORDS = ("yes", "no", "y", "n", "on", "off", "true", "false", "null", "~", ".inf", ".nan", "inf", "nan")


def _any_case(word: str) -> st.SearchStrategy[str]:
    flips = st.integers(0, 2 ** len(word) - 1)
    return flips.map(lambda bits: "".join(c.upper() if bits >> i & 1 else c for i, c in enumerate(word)))


def _number(low: int, high: int) -> st.SearchStrategy[str]:
    """A number in a loose form: zero-padded to two or not."""
    return st.tuples(st.integers(low, high), st.booleans()).map(
        lambda n: f"{n[0]:02d}" if n[1] else str(n[0])
    )


def _pick(*choices: str) -> st.SearchStrategy[str]:
    return st.sampled_from(choices)


def _digits(alphabet: str, low: int, high: int) -> st.SearchStrategy[str]:
    return st.text(alphabet, min_size=low, max_size=high)


_year = st.one_of(st.integers(0, 9999).map(lambda y: f"{y:04d}"), _pick("-0001", "25", "20250"))
_dates = st.builds(
    "{}{sep}{}{sep}{}".format, _year, _number(0, 13), _number(0, 32), sep=_pick("-", "-", "/", ".")
)
_fraction = _pick("", "", ".") | _digits(DIGITS + "_", 1, 4).map(".{}".format)
_seconds = _pick("") | st.builds(":{}{}".format, _number(0, 61), _fraction)
_clock = st.builds("{}:{}{}".format, _number(0, 25), _number(0, 61), _seconds | _fraction)
_zone = _pick("", "", "Z", " Z", "+05", "-5", "+05:30", "+0530", " -00:30", "+24", "+23:59", "+530", "+1")
_datetimes = st.builds("{}{}{}{}".format, _dates, _pick("T", "t", " ", "  ", "\t"), _clock, _zone)
_sign = _pick("", "", "+", "-")
_exponent = _pick("") | st.builds(
    "{}{}{}".format, _pick("e", "E"), _pick("", "+", "-"), _digits(DIGITS, 1, 3)
)
_prefix = _pick("", "", "0", "0b", "0x", "0o")
_numbers = st.builds(
    "{}{}{}{}{}".format,
    _sign,
    _prefix,
    _digits(DIGITS + "abcdefABCDEF_,", 1, 6),
    _pick("") | _fraction,
    _exponent,
)
_floats = st.builds("{}{}.{}{}".format, _sign, _digits(DIGITS + "_,", 0, 4), _digits(DIGITS, 0, 3), _exponent)
_places = st.lists(_digits(DIGITS, 1, 2), min_size=1, max_size=3).map(lambda parts: ":" + ":".join(parts))
_sexagesimal = st.builds("{}{}{}{}".format, _sign, _digits(DIGITS + "_", 1, 4), _places, _fraction)
_cased = st.one_of([_any_case(word) for word in WORDS])
_words = st.builds(
    "{}{}{}".format, _pick("", "", "", ":", "+", "-", "."), _cased, _pick("", "", "", "1", ".", ":", " ")
)
# Letters that Unicode case folding (Ruby's /i) may or may not take for the ASCII ones of those words.
LOOKALIKES = (
    ("s", "ſ"),
    ("ff", "ﬀ"),
    ("f", "ﬀ"),
    ("i", "ı"),
    ("i", "İ"),
    ("k", "K"),
    ("o", "ｏ"),
    ("l", "ʟ"),
)
_lookalikes = st.builds(
    lambda word, swaps: functools.reduce(lambda text, swap: text.replace(*swap), swaps, word),
    _cased,
    st.lists(st.sampled_from(LOOKALIKES), min_size=1, max_size=3),
)
_free = st.text(HAZARD, min_size=1, max_size=10)
HAZARDS = st.one_of(_free, _words, _lookalikes, _dates, _clock, _datetimes, _numbers, _floats, _sexagesimal)


def psych_load(ruby: str, documents: list[str], *, real_jekyll: bool = False) -> list[dict[str, Any]]:
    """Each document's values as Jekyll reads them, all in one Ruby process (see ORACLE)."""
    environment = {**os.environ, "TZ": "UTC", "SEMINAR_ORACLE_JEKYLL": "1" if real_jekyll else ""}
    result = subprocess.run(
        [ruby, "-ryaml", "-rdate", "-rtime", "-rjson", "-e", ORACLE],
        input=json.dumps(documents),
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
    )
    assert result.returncode == 0, result.stderr
    answers: list[dict[str, Any]] = json.loads(result.stdout)
    assert len(answers) == len(documents)
    return answers


def phrase(kind: str, shown: str) -> str:
    """How `check` names a value Psych typed: `the number 34200`, `the date 2025-02-01`, `blank`."""
    if kind == "blank":
        return "blank"
    return f"the {'number' if kind in ('integer', 'float') else kind} {shown}"


def ruamel_edit(texts: list[str]) -> str:
    """Front matter a person wrote, edited the way `build` edits it: each text set with `yamlio.node`."""
    start = "---\nlayout: post\n# kept\ntitle: Old\ntags:\n  - old\n"
    editor = yamlio.round_trip(start)
    document = editor.load(start)
    for index, text in enumerate(texts):
        document[f"k{index}"] = yamlio.node(text)
    document["tags"] = yamlio.node(list(texts))
    return "---\n" + yamlio.dumps(editor, document) + "---\n"


class Tally:
    """What the property test saw, for its report."""

    def __init__(self) -> None:
        self.cases = self.batches = self.typed = self.bare_checked = 0
        self.not_plain: set[str] = set()


def check_batch(ruby: str, texts: list[str], tally: Tally) -> None:
    """Write `texts` every way seminar writes YAML, and bare; load all in one Ruby process; compare."""
    keyed = {f"k{index}": text for index, text in enumerate(texts)}
    written = {
        "PyYAML block": dump_front_matter({**keyed, "tags": list(texts)}) + "body\n",
        "PyYAML flow list": dump_front_matter({"tags": list(texts)}, flow_lists=("tags",)),
        "ruamel edit": ruamel_edit(texts),
    }
    bare = [f"k: {text}\n" for text in texts]
    answers = psych_load(ruby, [*written.values(), *bare])
    expected_list = ["list", [["text", text] for text in texts]]
    for (way, document), answer in zip(written.items(), answers, strict=False):
        assert "error" not in answer, f"{way}: Jekyll cannot read\n{document}\n{answer['error']}"
        assert answer["tags"] == expected_list, f"{way}: a list item changed type\n{document}"
        if way != "PyYAML flow list":
            read = {key: answer[key] for key in keyed}
            assert read == {key: ["text", text] for key, text in keyed.items()}, f"{way}:\n{document}"
    for text, answer in zip(texts, answers[len(written) :], strict=True):
        tally.cases += 1
        check_bare(text, answer, tally)
    tally.batches += 1


def check_bare(text: str, answer: dict[str, Any], tally: Tally) -> None:
    """`k: TEXT` as a person may write it: the port and `check` must say what Psych read."""
    try:
        root = yamlio.compose(f"k: {text}\n")
    except yaml.YAMLError:
        tally.not_plain.add(text)
        return
    assert isinstance(root, yaml.MappingNode)
    node = root.value[0][1]
    if not (isinstance(node, yaml.ScalarNode) and not node.style and node.value == text):
        tally.not_plain.add(text)  # not one plain scalar holding the text (`a: b`, `x #y`)
        return
    assert not answer.get("error", "").startswith("Psych::SyntaxError"), (text, answer)
    ours = yamlio.psych_reads(text)
    if "error" in answer:
        kind, shown = "error", answer["error"]
        assert ours.kind == "error" and shown.startswith(ours.shown.split(":")[0]), (text, ours, shown)
    else:
        kind, shown = answer["k"]
        assert (ours.kind, ours.shown) == (kind, shown), text
    tally.typed += kind != "text"
    try:
        value = yaml.load(f"k: {text}\n", Loader=yamlio.SafeLoader)["k"]
    except ValueError:  # a date PyYAML cannot make (2025-02-30): the text, as seminar's reader keeps it
        value = text
    except yaml.YAMLError:  # a tag PyYAML cannot construct (`=`): seminar's reader reports the YAML
        return
    tally.bare_checked += 1
    path = Path("_posts/2025-03-04-x.md")
    item = lint._check_value(path, "tags", 2, yaml.SequenceNode("tag:yaml.org,2002:seq", [node]), [value])
    titled = lint._check_value(path, "title", 2, node, value)
    quoted = json.dumps(text, ensure_ascii=False)
    if kind == "text":
        assert (item, titled) == ([], []), text
    elif kind == "blank":
        assert [problem.message for problem in item] == ["a blank item, which Jekyll leaves out"], text
        assert (titled == []) == (value is None), text  # blank, as written on purpose, or Psych's alone
    elif kind == "error":
        assert [problem.level for problem in item + titled] == ["error", "error"], text
        assert all(problem.message.startswith(f"Jekyll cannot read {text} (") for problem in item + titled)
    else:
        message = f"YAML 1.1 reads {text} as {phrase(kind, shown)}; quote it: {quoted}"
        assert [problem.message for problem in item + titled] == [message, message], text


def test_every_text_written_reads_back_as_itself_and_check_says_what_psych_reads(ruby: str) -> None:
    tally = Tally()

    @settings(
        max_examples=15,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @example(texts=EXAMPLES)
    @given(texts=st.lists(HAZARDS, min_size=160, max_size=220))
    def run(texts: list[str]) -> None:
        check_batch(ruby, texts, tally)

    run()
    print(
        f"\nPsych oracle: {tally.cases} generated cases in {tally.batches} batches, each written 4 ways "
        f"(PyYAML block value, block list item, flow list item; ruamel edit) and bare; {tally.typed} bare "
        f"ones typed by Psych; {tally.bare_checked} bare ones checked by `check`; "
        f"{len(tally.not_plain)} distinct not one plain scalar when bare"
    )
    assert tally.cases >= 2000 and tally.typed >= 500 and tally.bare_checked >= 1500


def test_the_oracle_mirrors_the_installed_jekylls_own_reading(ruby: str, jekyll: str) -> None:
    documents = [f"k: {text}\n" for text in EXAMPLES] + [dump_front_matter({"k": text}) for text in EXAMPLES]
    assert psych_load(ruby, documents) == psych_load(ruby, documents, real_jekyll=True)


def test_the_issues_examples_read_as_psych_reads_them() -> None:
    assert yamlio.psych_reads("2025-2-1") == ("date", "2025-02-01")
    assert yamlio.psych_reads("09:30") == ("integer", "34200")
    assert yamlio.psych_reads("10:00") == ("integer", "36000")  # PyYAML, and YAML 1.1's spec: 600
    assert yamlio.psych_reads("2-1") == ("text", "2-1")
    assert yamlio.psych_reads(":x").kind == "error"
    assert all(yamlio.needs_quotes(text) for text in ("2025-2-1", "09:30", "nUlL", ":x", "1_000", "yes"))
    assert not any(yamlio.needs_quotes(text) for text in ("2-1", "0o17", "1e3", "S4", "Modèles"))


def test_new_session_writes_week_and_tags_jekyll_reads_as_text(site: Site, ruby: str) -> None:
    result = site.run(
        "new-session", "--week", "2-1", "--date", "2025-03-25", "--title", "2025-03-04 10:00:00",
        "--tags", "09:30", "--tags", ":x", "--tags", "Off", "--video", "1_000", "--notes", "nUlL",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    (post,) = site.posts.glob("*.md")
    plan = site.root / "_data" / "schedule.yml"
    text = post.read_text(encoding="utf-8")
    assert "desc: '2025-2-1'\n" in text and "- '09:30'\n" in text
    written, planned = psych_load(ruby, [text, plan.read_text(encoding="utf-8")])
    assert written["desc"] == ["text", "2025-2-1"]
    assert written["title"] == ["text", "2025-03-04 10:00:00"]
    assert written["tags"] == ["list", [["text", "09:30"], ["text", ":x"], ["text", "Off"]]]
    assert (written["video"], written["notes"]) == (["text", "1_000"], ["text", "nUlL"])
    assert "error" not in planned  # Jekyll reads `_data` files too
    checked = site.run("check", "--json", "--today", "2025-06-01", cwd=site.root)
    assert [item for item in json.loads(checked.stdout or "[]") if item["level"] == "error"] == []


HAND_WRITTEN = """\
---
layout: post
title: Agents
lecture:
lectureVersion: current
extraContent:
notes:
video: team-1
tags:
- 09:30
- LLM
desc: 2025-2-1
term: 2025-seminarRead
categories:
- :core
---

In this session, our readings cover:
"""


def test_check_reports_what_only_psych_types(site: Site, ruby: str) -> None:
    site.write("_posts/2025-03-04-agents.md", HAND_WRITTEN)
    result = site.run("check", "--json", "--today", "2025-06-01", cwd=site.root)
    assert result.exit_code == 1, result.output
    found = {(item["line"], item["key"]): item["message"] for item in json.loads(result.stdout)}
    assert found[(12, "desc")] == 'YAML 1.1 reads 2025-2-1 as the date 2025-02-01; quote it: "2025-2-1"'
    assert found[(10, "tags item")] == 'YAML 1.1 reads 09:30 as the number 34200; quote it: "09:30"'
    assert found[(15, "categories item")].startswith("Jekyll cannot read :core (")
    (read,) = psych_load(ruby, [HAND_WRITTEN])
    assert read["error"].startswith("Psych::DisallowedClass")  # the symbol: the whole front matter is lost
    (read,) = psych_load(ruby, [HAND_WRITTEN.replace("- :core", "- core")])
    assert (read["desc"], read["tags"][1][0]) == (["date", "2025-02-01"], ["integer", "34200"])


def test_check_does_not_report_what_psych_reads_as_text(site: Site) -> None:
    site.write("_posts/2025-03-04-agents.md", HAND_WRITTEN.replace("- :core", "- core").replace(
        "desc: 2025-2-1", "desc: 2025-S2").replace("- 09:30", "- 1e3"))  # fmt: skip
    result = site.run("check", "--json", "--today", "2025-06-01", cwd=site.root)
    assert [item for item in json.loads(result.stdout or "[]") if item["level"] == "error"] == []


def test_the_oracle_reads_time_and_date_forms_psych_types(ruby: str) -> None:
    texts = ["2025-03-04 10:00:00 +05:30", "2025-03-04 10:00:00.25", "0000-02-29"]
    answers = psych_load(ruby, [f"k: {text}\n" for text in texts])
    assert [answer["k"] for answer in answers] == [
        ["time", "2025-03-04 04:30:00 UTC"],
        ["time", "2025-03-04 10:00:00.25 UTC"],
        ["date", "0000-02-29"],
    ]
    assert [list(yamlio.psych_reads(text)) for text in texts] == [answer["k"] for answer in answers]
