"""Titles, dates and languages derived from text alone."""

from __future__ import annotations

import datetime as dt

import pytest

from build_archive.read.derive import (
    TITLE_MAX,
    clean_title,
    date_from_filename,
    detect_language,
    parse_date,
    split_title,
)


def test_short_first_line_without_full_stop_is_the_title():
    assert split_title("Storm legt treinverkeer plat\nDe NS reed zondag niet.") == (
        "Storm legt treinverkeer plat",
        "De NS reed zondag niet.",
    )


def test_first_line_with_full_stop_is_not_a_title_line():
    title, body = split_title("Het regent. Morgen ook.\nTweede regel.")
    assert title == "Het regent"
    assert body == "Het regent. Morgen ook.\nTweede regel."


def test_first_sentence_ends_at_question_marks_and_quotes_but_not_abbreviations():
    assert split_title("Wie betaalt dat? Niemand weet het.")[0] == "Wie betaalt dat?"
    assert (
        split_title("Volgens dhr. de Vries is het klaar. Zegt hij.")[0]
        == "Volgens dhr. de Vries is het klaar"
    )


def test_long_title_is_cut_at_a_word_boundary_with_an_ellipsis():
    long = "woord " * 40
    title = clean_title(long)
    assert len(title) <= TITLE_MAX + 1
    assert title.endswith("woord…")


def test_wholly_quoted_line_loses_its_quotes():
    assert clean_title("'Geen sprake van een crisis'") == "Geen sprake van een crisis"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2022-02-12", dt.date(2022, 2, 12)),
        ("2022-02-12T08:30:00Z", dt.date(2022, 2, 12)),
        ("12-02-2022", dt.date(2022, 2, 12)),
        ("12/02/2022", dt.date(2022, 2, 12)),
        ("12 februari 2022", dt.date(2022, 2, 12)),
        ("zaterdag 12 feb. 2022, 10:31", dt.date(2022, 2, 12)),
        ("February 12, 2022", dt.date(2022, 2, 12)),
        ("12. Februar 2022", dt.date(2022, 2, 12)),
        ("12 février 2022", dt.date(2022, 2, 12)),
        ("Het gesprek duurde een uur", None),
        ("31 februari 2022", None),
        (20220212, None),
    ],
)
def test_parse_date_common_forms(text, expected):
    assert parse_date(text) == expected


def test_parse_date_accepts_yaml_dates():
    assert parse_date(dt.date(2020, 1, 1)) == dt.date(2020, 1, 1)
    assert parse_date(dt.datetime(2020, 1, 1, 12, 0)) == dt.date(2020, 1, 1)


def test_date_from_filename_ignores_digits_inside_hashes():
    assert date_from_filename("2022-02-12-poetin.txt") == dt.date(2022, 2, 12)
    assert date_from_filename("nos_20220212.txt") == dt.date(2022, 2, 12)
    assert date_from_filename("000_fb7a615be5fad9d3.txt") is None
    assert date_from_filename("ab20220212cd.txt") is None


def test_language_detection_dutch_english_and_short_text_falls_back():
    assert (
        detect_language("Het kabinet wil volgend jaar meer geld uitgeven aan de zorg en het onderwijs.", "en")
        == "nl"
    )
    assert (
        detect_language("The government wants to spend more money on health care and schools.", "nl") == "en"
    )
    assert detect_language("Kort.", "nl") == "nl"
