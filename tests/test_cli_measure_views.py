"""Questionnaire totals over time: ``review --trends`` (chart and plain), its ``--json``,
and the Markdown and HTML exports (the bands as shaded ranges), after real walks taken
with answers files; then a JSON export read back in."""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import replace
from itertools import pairwise
from pathlib import Path
from xml.etree import ElementTree

import pytest

from cli_helpers import ketaprep, said, write_answers
from ketaprep.guides.load import load_questionnaires
from ketaprep.review.scores import MOST_ROWS, Series, Taken, svg
from ketaprep.store import open_store
from questionnaire_shapes import PHQ9, as_yaml

pytestmark = pytest.mark.usefixtures("welcomed")

ITEMS = ("enjoy", "low", "energy", "sleep", "harsh", "focus", "harm-thoughts")
TOTALS = (6, 11, 2)  # Some, A fair amount, Little
BANDS = ("Some low mood lately.", "A fair amount of low mood lately.", "Little low mood lately.")


def answers_for(total: int) -> dict[str, object]:
    """low-mood answers adding up to ``total`` (none on the self-harm statement)."""
    answers: dict[str, object] = {}
    left = total
    for item in ITEMS[:-1]:
        answers[item] = min(3, left)
        left -= min(3, left)
    return answers | {"harm-thoughts": 0}


@pytest.fixture
def three_times(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for number, total in enumerate(TOTALS):
        path = write_answers(tmp_path, answers_for(total), f"m{number}.yaml")
        result = ketaprep("measure", "low-mood", "--answers", str(path), monkeypatch=monkeypatch)
        assert result.exit_code == 0, result.output


@pytest.mark.usefixtures("three_times")
def test_trends_draws_each_total_as_a_bar_and_says_the_latest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    result = ketaprep("review", "--trends", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    start = lines.index("Low mood and interest (totals 0 to 21)")
    bars = lines[start + 1 : start + 4]
    assert [int(line.split()[2]) for line in bars] == list(TOTALS)
    assert [line.count("█") for line in bars] == [round(t / 21 * 40) for t in TOTALS]
    assert lines[start + 4].strip().startswith("└") and lines[start + 4].count("┴") == 3
    assert lines[start + 5].split() == ["0", "5", "10", "15", "21"]
    assert "Latest: 2 on " in said(
        result
    ) and "Little low mood lately. 9 points lower than last time (11, on " in said(result)


@pytest.mark.usefixtures("three_times")
def test_plain_trends_say_each_total_in_a_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    result = ketaprep("--plain", "review", "--trends", monkeypatch=monkeypatch)
    lines = result.output.splitlines()
    start = lines.index("Low mood and interest (totals 0 to 21):")
    for line, total, band in zip(lines[start + 1 : start + 4], TOTALS, BANDS, strict=True):
        assert re.fullmatch(rf"\d+ \w+ \d{{4}}: {total}\. {re.escape(band)}", line), line
    assert "█" not in result.output


@pytest.mark.usefixtures("three_times")
def test_trends_json_has_each_questionnaire_with_its_bands_and_totals(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    result = ketaprep("review", "--trends", "--json", monkeypatch=monkeypatch)
    document = json.loads(result.output)
    assert list(document)[-2:] == ["scores", "points"]
    [series] = document["scores"]
    assert {key: series[key] for key in ("questionnaire", "installed", "lowest", "highest")} == {
        "questionnaire": "low-mood",
        "installed": True,
        "lowest": 0,
        "highest": 21,
    }
    assert [(b["from"], b["to"]) for b in series["bands"]] == [(0, 4), (5, 9), (10, 14), (15, 21)]
    assert series["every_days"] == 14 and "MIT licence" in series["credit"]
    assert [(t["total"], t["band"], t["subscales"]) for t in series["taken"]] == [
        (total, band, {}) for total, band in zip(TOTALS, BANDS, strict=True)
    ]
    with open_store() as store:
        ids = [entry.id for entry in store.entries(kind="measure")][::-1]
    assert [t["entry_id"] for t in series["taken"]] == ids
    assert document["points"] == []  # a questionnaire's total is not a mood reading


def test_no_totals_yet_is_an_empty_list(monkeypatch: pytest.MonkeyPatch) -> None:
    result = ketaprep("review", "--trends", "--json", monkeypatch=monkeypatch)
    assert json.loads(result.output)["scores"] == []
    assert "totals 0 to 21" not in ketaprep("review", "--trends", monkeypatch=monkeypatch).output


@pytest.mark.usefixtures("three_times")
def test_the_markdown_export_has_a_table_of_totals(monkeypatch: pytest.MonkeyPatch) -> None:
    result = ketaprep("export", "--format", "markdown", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    text = result.output
    assert "## Low mood and interest: totals over time" in text
    assert "Totals go from 0 to 21. Written for ketaprep in its own words." in text
    rows = [line for line in text.splitlines() if re.match(r"\| \d+ \w+ \d{4} \|", line)]
    assert [row.split(" | ")[1:] for row in rows] == [
        [str(total), f"{band} |"] for total, band in zip(TOTALS, BANDS, strict=True)
    ]
    assert text.index("totals over time") < text.index("## Between sessions")
    assert "9 points lower than last time" in text


@pytest.mark.usefixtures("three_times")
def test_the_html_export_shades_each_band_behind_the_totals(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "page.html"
    result = ketaprep("export", "--format", "html", "-o", str(page), monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    [chart] = re.findall(r'<svg[^>]*class="scores".*?</svg>', html, re.S)
    shaded = re.findall(
        r'<rect [^>]*y="([\d.]+)" [^>]*height="([\d.]+)"[^>]*><title>([^<]*)</title>', chart
    )
    assert [title for _, _, title in shaded] == [
        "0 to 4: Little low mood lately.",
        "5 to 9: Some low mood lately.",
        "10 to 14: A fair amount of low mood lately.",
        "15 to 21: A lot of low mood lately. Your care team would want to hear about it.",
    ]
    spans = [(float(y), float(y) + float(height)) for y, height, _ in shaded]
    assert spans[0][1] == pytest.approx(128, abs=0.1)  # the bottom band starts at 0
    assert spans[-1][0] == pytest.approx(24, abs=0.1)  # the top band ends at 21
    for lower, upper in pairwise(spans):  # each band starts where the one below ends
        assert upper[1] == pytest.approx(lower[0], abs=0.15)
    assert len(re.findall(r"<circle ", chart)) == len(TOTALS)
    assert "<li>15 to 21: A lot of low mood lately." in html


def test_the_export_escapes_a_clinic_title_and_band_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clinic = tmp_path / "clinic" / "questionnaires"
    clinic.mkdir(parents=True)
    shipped = Path(__file__).parents[1] / "guides" / "questionnaires" / "low-mood.yaml"
    text = shipped.read_text(encoding="utf-8")
    text = text.replace("title: Low mood and interest", "title: Mood <b>&</b> | interest")
    text = text.replace("words: Little low mood lately.", "words: '<script>x</script> | *low*'")
    (clinic / "low-mood.yaml").write_text(text, encoding="utf-8")
    path = write_answers(tmp_path, answers_for(2))
    guides = ("--guides", str(clinic.parent))
    ketaprep(*guides, "measure", "low-mood", "--answers", str(path), monkeypatch=monkeypatch)
    page = tmp_path / "page.html"
    ketaprep(*guides, "export", "--format", "html", "-o", str(page), monkeypatch=monkeypatch)
    html = page.read_text(encoding="utf-8")
    assert "<script>" not in html and "<b>" not in html
    assert "Mood &lt;b&gt;&amp;&lt;/b&gt; | interest: totals over time" in html
    markdown = ketaprep(*guides, "export", "--format", "markdown", monkeypatch=monkeypatch).output
    assert "## Mood \\<b\\>\\&\\</b\\> \\| interest: totals over time" in markdown
    assert "| \\<script\\>x\\</script\\> \\| \\*low\\* |" in markdown


@pytest.mark.usefixtures("three_times")
def test_a_json_export_read_back_keeps_the_totals(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ketaprep_home: Path
) -> None:
    exported = tmp_path / "export.json"
    ketaprep("export", "-o", str(exported), monkeypatch=monkeypatch)
    monkeypatch.setenv("KETAPREP_HOME", str(tmp_path / "elsewhere"))
    result = ketaprep("import", str(exported), monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    trends = json.loads(ketaprep("review", "--trends", "--json", monkeypatch=monkeypatch).output)
    assert [t["total"] for t in trends["scores"][0]["taken"]] == list(TOTALS)


def test_a_questionnaire_no_longer_installed_keeps_its_totals(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clinic = tmp_path / "clinic" / "questionnaires"
    clinic.mkdir(parents=True)
    (clinic / "phq-9.yaml").write_text(as_yaml(replace(PHQ9, id="phq-9")), encoding="utf-8")
    path = write_answers(tmp_path, {f"q{n}": 2 for n in range(1, 10)} | {"q9": 0})
    ran = ketaprep("--guides", str(clinic.parent), "measure", "phq-9", "--answers", str(path),
                   monkeypatch=monkeypatch)  # fmt: skip
    assert ran.exit_code == 0, ran.output
    document = json.loads(ketaprep("review", "--trends", "--json", monkeypatch=monkeypatch).output)
    [series] = document["scores"]
    assert (series["questionnaire"], series["title"], series["installed"]) == (
        "phq-9", "phq-9", False
    )  # fmt: skip
    assert (series["lowest"], series["highest"], series["bands"]) == (0, 16, [])
    assert [t["total"] for t in series["taken"]] == [16]
    shown = ketaprep("review", "--trends", monkeypatch=monkeypatch).output
    assert "phq-9 (totals 0 to 16)" in shown


def test_many_times_show_the_latest_in_the_terminal_and_all_in_plain(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(MOST_ROWS + 2):
        path = write_answers(tmp_path, answers_for(number % 22), f"m{number}.yaml")
        ketaprep("measure", "low-mood", "--answers", str(path), monkeypatch=monkeypatch)
    chart = ketaprep("review", "--trends", monkeypatch=monkeypatch).output
    assert f"The latest {MOST_ROWS} of {MOST_ROWS + 2} times." in chart
    assert chart.count("█") == sum(round(n / 21 * 40) for n in range(2, MOST_ROWS + 2))
    plain = ketaprep("--plain", "review", "--trends", monkeypatch=monkeypatch).output
    assert len(re.findall(r"^\d+ \w+ \d{4}: \d+\.", plain, re.M)) == MOST_ROWS + 2


def test_the_svg_is_well_formed_with_a_title_for_each_time() -> None:
    taken = tuple(
        Taken(f"id-{n}", datetime.datetime(2026, 3, n + 1, 10), total, band, {})
        for n, (total, band) in enumerate(zip(TOTALS, BANDS, strict=True))
    )
    low_mood = load_questionnaires()[0]
    root = ElementTree.fromstring(svg(Series("low-mood", "A <title> & more", taken, low_mood)))
    namespace = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    titles = [element.text for element in root.iter(f"{namespace}title")]
    assert titles[0] == "A <title> & more: totals over time"
    assert "1 March 2026: 6. Some low mood lately." in titles
    assert len(list(root.iter(f"{namespace}rect"))) == len(low_mood.bands)


def test_the_page_for_a_therapist_has_the_latest_totals_and_their_crisis_help(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepare = write_answers(tmp_path, {"session": 1, "date": "today", "intentions": ["Rest"]})
    assert ketaprep("prepare", "--answers", str(prepare), monkeypatch=monkeypatch).exit_code == 0
    for number, answers in enumerate((answers_for(6), answers_for(11) | {"harm-thoughts": 1})):
        path = write_answers(tmp_path, answers, f"m{number}.yaml")
        ketaprep("measure", "low-mood", "--answers", str(path), monkeypatch=monkeypatch)
    page = ketaprep("export", "--for-therapist", "--format", "markdown", monkeypatch=monkeypatch)
    assert page.exit_code == 0, page.output
    text = page.output
    assert "## My questionnaires" in text
    [row] = [line for line in text.splitlines() if line.startswith("| Low mood and interest |")]
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert cells[0] == "Low mood and interest"
    assert cells[1].startswith("12 (0 to 21), ")
    assert cells[2] == "A fair amount of low mood lately."
    assert cells[3].startswith("6 points higher than last time (6, on ")
    crisis = text.split("## Crisis help was shown", 1)[1].split("\n## ", 1)[0]
    assert "- Questionnaire, " in crisis and "I had thoughts of harming myself" in crisis
