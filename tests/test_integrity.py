"""Quote integrity: a direct quote edited in a brief is reported with its line and changed words."""

from __future__ import annotations

from pathlib import Path

from generator import brief_file, integrity, render
from generator.pipeline import build_brief

from conftest import SEED_BRIEF, TEST_DATE, make_project, run_briefs

ARTICLE = (
    "Harbour plan approved after long debate\n\n"
    'Port director Lena Okafor said the quay would open in spring. "We have waited ten years for this, '
    'and the the money is finally there," she said. "NATO ships will not berth here."\n\n'
    'Opposition leader Paul Greaves called the plan "a gift to developers" and said the council had ignored residents.\n\n'
    '"It is a *scandal* [sic], and a costly one," Greaves said.\n'
)


def generated(site_config) -> tuple[brief_file.BriefFile, str]:
    brief = build_brief(ARTICLE.encode(), "harbour.txt", site_config)
    return render.render_brief(brief, site_config, added=TEST_DATE), brief.article.text


def edited(page: brief_file.BriefFile, old: str, new: str) -> brief_file.BriefFile:
    """The brief with the last `old` (in the article, past the key quotes) replaced by `new`."""
    at = page.text.rindex(old)
    return brief_file.parse(page.text[:at] + new + page.text[at + len(old) :], page.path)


def test_an_unedited_brief_matches_its_source_by_construction(site_config):
    page, article = generated(site_config)
    assert 'data-kind="direct"' in page.body
    assert "\\*scandal\\* \\[sic\\]" in page.body  # escaped Markdown inside a quote
    assert "and the money" in page.body  # render repaired the doubled word
    assert integrity.changed_quotes(page, article) == []


def test_a_changed_word_in_a_direct_quote_is_reported_with_its_line_and_words(site_config):
    page, article = generated(site_config)
    changed = edited(page, "ten years", "twenty years")
    [change] = integrity.changed_quotes(changed, article)
    assert change.speaker == "Lena Okafor" and change.changes == (("ten", "twenty"),)
    assert changed.text.splitlines()[change.line - 1].count("twenty years") == 1
    message = change.describe(changed, "seeds/harbour.txt")
    assert message == f'{changed.path}:{change.line}: quote by Lena Okafor no longer matches seeds/harbour.txt: "ten" -> "twenty"'


def test_a_link_added_inside_a_quote_keeps_its_words(site_config):
    page, article = generated(site_config)
    linked = edited(page, "NATO ships", '[NATO](glossary.md#nato "North Atlantic Treaty (1949)") ships')
    assert integrity.changed_quotes(linked, article) == []


def test_removed_and_added_words_are_reported(site_config):
    page, article = generated(site_config)
    [removed] = integrity.changed_quotes(edited(page, "a costly one", "a one"), article)
    assert removed.changes == (("costly", ""),)
    [added] = integrity.changed_quotes(edited(page, "will not berth", "will never ever berth"), article)
    assert added.changes == (("not", "never ever"),)


def test_quoted_words_inside_a_mixed_statement_are_checked_and_its_narration_is_not(site_config):
    page, article = generated(site_config)
    assert 'data-kind="mixed" title="Paul Greaves">the plan "a gift to developers"</span>' in page.body
    [change] = integrity.changed_quotes(edited(page, '"a gift to developers"', '"a present to developers"'), article)
    assert change.speaker == "Paul Greaves" and change.changes == (("gift", "present"),)
    assert integrity.changed_quotes(edited(page, 'the plan "a gift', 'the scheme "a gift'), article) == []


def test_a_quote_rewritten_beyond_recognition_is_reported_as_not_in_the_source(site_config):
    page, article = generated(site_config)
    changed = edited(page, '"a gift to developers"', '"a scandal"')
    [change] = integrity.changed_quotes(changed, article)
    assert change.changes == ((None, "a scandal"),)
    assert change.describe(changed, "seeds/harbour.txt").endswith('no longer matches seeds/harbour.txt: "a scandal" is not in it')


def test_edits_outside_direct_quotes_are_the_editor_s_own(site_config):
    page, article = generated(site_config)
    narration = edited(page, "called the plan", "described the plan")
    reported = edited(page, "the council had ignored residents", "the council ignored the residents")
    assert 'data-kind="indirect"' in page.body
    assert integrity.changed_quotes(narration, article) == []
    assert integrity.changed_quotes(reported, article) == []


def test_check_reports_an_edited_quote_and_warns_about_a_missing_source(tmp_path: Path):
    project = make_project(tmp_path)
    assert run_briefs("generate", cwd=project).returncode == 0
    path = project / "briefs" / SEED_BRIEF
    text = path.read_text(encoding="utf-8")
    at = text.rindex("which is bad")
    path.write_text(text[:at] + "which is good" + text[at + len("which is bad") :], encoding="utf-8")
    result = run_briefs("check", cwd=project)
    assert result.returncode == 1
    line = text[:at].count("\n") + 1
    [message] = result.stderr.splitlines()
    assert message == (
        f"error: briefs/{SEED_BRIEF}:{line}: quote by Dmitry Peskov no longer matches "
        'seeds/russia_deployment.txt: "bad" -> "good"'
    )
    (project / "seeds" / "russia_deployment.txt").unlink()
    result = run_briefs("check", cwd=project)
    assert result.returncode == 0, result.stderr
    [warning, ok] = result.stderr.splitlines()
    assert warning.startswith(f"warning: briefs/{SEED_BRIEF}: source seeds/russia_deployment.txt")
    assert "quotes not checked" in warning
