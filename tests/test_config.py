"""site_config/glossary.yml validation: every problem in one ConfigError, by file, line and term."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.config import load_config, load_glossary
from generator.errors import ConfigError
from generator.glossary import link_markdown

REPO = Path(__file__).resolve().parents[1]
MIN_REAL_TERMS = 30


def write_glossary(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "glossary.yml"
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(tmp_path: Path, text: str) -> list[str]:
    path = write_glossary(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_glossary(path)
    assert str(caught.value).startswith(str(path))
    return caught.value.problems


def test_real_glossary_is_valid_and_big_enough():
    terms = load_glossary(REPO / "site_config" / "glossary.yml")
    assert len(terms) >= MIN_REAL_TERMS
    assert all(t.definition and "\n" not in t.definition for t in terms)
    assert {"nato", "kremlin", "sanctions", "senate-democrats", "european-union", "united-nations"} <= {t.slug for t in terms}


def test_real_glossary_links_the_seed_terms():
    terms = load_glossary(REPO / "site_config" / "glossary.yml")
    body = link_markdown("The US Senate Democrats proposed sanctions; NATO and the Kremlin disagreed.\n", terms, "glossary.md")
    assert all(f"glossary.md#{slug} " in body for slug in ("senate-democrats", "sanctions", "nato", "kremlin"))
    assert "glossary.md#united-states" not in body  # "US" is part of the longer name


def test_defaults_slug_and_case_rule(tmp_path: Path):
    path = write_glossary(
        tmp_path,
        "terms:\n  - term: US Senate\n    definition: Upper chamber.\n  - term: NATO\n    definition: Alliance.\n",
    )
    senate, nato = load_glossary(path)
    assert (senate.slug, senate.case_sensitive, senate.line) == ("us-senate", False, 2)
    assert (nato.slug, nato.case_sensitive, nato.line) == ("nato", True, 4)


def test_missing_file_is_an_empty_glossary(tmp_path: Path):
    assert load_glossary(tmp_path / "glossary.yml") == ()


def test_empty_terms_list_is_an_empty_glossary(tmp_path: Path):
    assert load_glossary(write_glossary(tmp_path, "terms:\n")) == ()


def test_top_level_must_be_a_terms_list(tmp_path: Path):
    assert problems_of(tmp_path, "- term: NATO\n") == ["expected a top-level 'terms:' list"]


def test_unknown_top_level_key(tmp_path: Path):
    assert problems_of(tmp_path, "terms: []\nterm: NATO\n") == ["unknown top-level key 'term' (expected 'terms')"]


def test_duplicate_slug_names_both_terms_and_lines(tmp_path: Path):
    problems = problems_of(
        tmp_path,
        "terms:\n"
        "  - term: Kremlin\n    definition: Seat of power.\n"
        "  - term: The Kremlin\n    slug: kremlin\n    definition: Same.\n",
    )
    assert problems == ["line 4: term 'The Kremlin': slug 'kremlin' is already used by 'Kremlin' (line 2)"]


def test_alias_claimed_by_two_terms(tmp_path: Path):
    problems = problems_of(
        tmp_path,
        "terms:\n"
        "  - term: United States\n    definition: Country.\n    aliases: [America]\n"
        "  - term: Americas\n    definition: Continents.\n    aliases: [america]\n",
    )
    assert problems == ["line 5: term 'Americas': alias 'america' is already claimed by 'United States' (line 2)"]


def test_context_words_are_read_and_checked(tmp_path: Path):
    path = write_glossary(
        tmp_path, "terms:\n  - term: US Congress\n    definition: The legislature.\n    not_near: [India, Indian]\n"
    )
    assert load_glossary(path)[0].not_near == ("India", "Indian")
    problems = problems_of(tmp_path, "terms:\n  - term: Senate\n    definition: A chamber.\n    near: [3, '--']\n")
    assert problems == ["line 2: term 'Senate': 'near' must be a list of strings"]
    problems = problems_of(tmp_path, "terms:\n  - term: Senate\n    definition: A chamber.\n    near: ['--']\n")
    assert problems == ["line 2: term 'Senate': near '--' has no letters or digits to match"]


def test_case_insensitive_name_clashes_with_an_acronym(tmp_path: Path):
    problems = problems_of(
        tmp_path,
        "terms:\n"
        "  - term: US\n    definition: Country.\n"
        "  - term: us\n    slug: us-pronoun\n    definition: Pronoun.\n",
    )
    assert problems == ["line 4: term 'us': name 'us' is already claimed by 'US' (line 2)"]


def test_names_differing_in_case_may_coexist_when_both_match_case(tmp_path: Path):
    path = write_glossary(
        tmp_path,
        "terms:\n"
        "  - term: AIDS\n    definition: A disease.\n"
        "  - term: Aids\n    slug: aids-charity\n    definition: A charity.\n    case_sensitive: true\n",
    )
    assert [t.slug for t in load_glossary(path)] == ["aids", "aids-charity"]


def test_form_claimed_by_another_term(tmp_path: Path):
    problems = problems_of(
        tmp_path,
        "terms:\n"
        "  - term: Sanctions\n    definition: Penalties.\n    forms: [sanction]\n"
        "  - term: Sanction\n    definition: Approval.\n",
    )
    assert problems == ["line 5: term 'Sanction': name 'Sanction' is already claimed by 'Sanctions' (line 2)"]


def test_every_problem_is_reported_at_once(tmp_path: Path):
    problems = problems_of(
        tmp_path,
        "terms:\n"
        "  - term: NATO\n"
        "    definition: |\n      Two\n      lines\n"
        "    colour: blue\n"
        "    case_sensitive: maybe\n"
        "    link: ftp://nato.int\n"
        "    aliases: [1, '']\n"
        "  - term: Kremlin\n    definition: Seat.\n    see_also: [atlantis, kremlin]\n    slug: The Kremlin\n"
        "  - term: EU\n    definition: Union.\n    see_also: [kremlin]\n    forms: ['--']\n"
        "  - definition: No name.\n"
        "  - just text\n",
    )
    assert problems == [
        "line 2: term 'NATO': unknown field 'colour'",
        "line 2: term 'NATO': 'definition' must be one line of text",
        "line 2: term 'NATO': 'aliases' must be a list of strings",
        "line 2: term 'NATO': 'case_sensitive' must be true or false",
        "line 2: term 'NATO': 'link' must be an http(s) URL",
        "line 10: term 'Kremlin': 'slug' must be lowercase ASCII words joined by hyphens, got 'The Kremlin'",
        "line 14: term 'EU': forms '--' has no letters or digits to match",
        "line 18: term #4: 'term' must be a non-empty string",
        "term #5: expected a mapping with term and definition",
    ]


def test_see_also_itself_and_unknown(tmp_path: Path):
    problems = problems_of(
        tmp_path,
        "terms:\n  - term: Kremlin\n    definition: Seat.\n    see_also: [Kremlin, Atlantis]\n",
    )
    assert problems == [
        "line 2: term 'Kremlin': see_also lists the term itself",
        "line 2: term 'Kremlin': see_also 'atlantis' is not a term",
    ]


def test_invalid_yaml_names_the_line(tmp_path: Path):
    assert problems_of(tmp_path, "terms:\n  - term: [NATO\n")[0].startswith("line 3: not valid YAML")


def test_glossary_read_by_libyaml_is_what_pyyamls_parser_reads(tmp_path: Path):
    """The glossary is parsed by libyaml when PyYAML has it: the same values and line numbers
    as PyYAML's own parser, and for a file libyaml rejects, PyYAML's own message."""
    from generator import config

    text = (REPO / "site_config" / "glossary.yml").read_text(encoding="utf-8")
    path = write_glossary(tmp_path, text + "  - term: Harbour board\n    definition: 'Runs the pier: tolls, berths.'\n    aliases: [board]\n")
    assert config._read_yaml(path) == yaml.load(path.read_text(encoding="utf-8"), Loader=config._LineLoader)
    assert config._read_yaml(path)["terms"][-1]["__line__"] == text.count("\n") + 1
    broken = "terms:\n  - term: [NATO\n"
    with pytest.raises(yaml.YAMLError) as pyyaml:
        yaml.load(broken, Loader=config._LineLoader)
    assert problems_of(tmp_path, broken) == [f"line {pyyaml.value.problem_mark.line + 1}: not valid YAML ({pyyaml.value.problem})"]


def test_load_config_reads_the_glossary(tmp_path: Path):
    write_glossary(tmp_path, "terms:\n  - term: NATO\n    definition: Alliance.\n")
    assert [t.slug for t in load_config(tmp_path).glossary] == ["nato"]


def test_load_config_reports_glossary_problems(tmp_path: Path):
    write_glossary(tmp_path, "terms:\n  - term: NATO\n")
    with pytest.raises(ConfigError, match=r"glossary\.yml: line 2: term 'NATO': 'definition' must be one line of text"):
        load_config(tmp_path)


def test_unknown_setting_is_rejected_with_file_and_line(tmp_path: Path):
    (tmp_path / "settings.yml").write_text("summary_sentences: 3\nsummary_sentence: 5\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert str(caught.value).startswith(str(tmp_path / "settings.yml") + ": line 2: unknown setting 'summary_sentence'")


def test_bad_setting_value_names_its_line(tmp_path: Path):
    (tmp_path / "settings.yml").write_text("# settings\nkey_quotes: many\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"settings\.yml: line 2: key_quotes: expected an integer from 1 to 50, got 'many'"):
        load_config(tmp_path)


def test_overrides_are_validated_like_the_file(tmp_path: Path):
    (tmp_path / "settings.yml").write_text("summary_sentences: 3\n", encoding="utf-8")
    assert load_config(tmp_path, summary_sentences=5).summary_sentences == 5
    with pytest.raises(ConfigError, match="given as an option: summary_sentences: expected an integer from 1 to 20, got 30"):
        load_config(tmp_path, summary_sentences=30)
    with pytest.raises(ConfigError, match="unknown setting 'summary_sentence' given as an option"):
        load_config(tmp_path, summary_sentence=3)


def test_sections_setting_is_checked(tmp_path: Path):
    (tmp_path / "settings.yml").write_text("sections: [politics, Sport, politics]\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert "sections: expected a list of distinct lowercase words" in str(caught.value)
    (tmp_path / "settings.yml").write_text("sections: [politics, world]\n", encoding="utf-8")
    assert load_config(tmp_path).sections == ("politics", "world")


def test_search_engine_is_a_plugin_option_material_or_pagefind(tmp_path: Path):
    assert load_config(tmp_path).search == "material"
    assert load_config(tmp_path, search="pagefind").search == "pagefind"
    with pytest.raises(ConfigError, match=r"given as an option: search: expected material or pagefind, got 'lunr'"):
        load_config(tmp_path, search="lunr")
    # Not a settings.yml key: there it would change every brief's generation fingerprint.
    (tmp_path / "settings.yml").write_text("search: pagefind\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown setting 'search'"):
        load_config(tmp_path)
