"""The postings format of the index's text fields: Whoosh's positions, made from a
`WordAnalyzer`'s table of terms instead of a token object per word.

Pickled into the index's schema by its module path, as the analyzers are (see `analysis`).
"""

from __future__ import annotations

from whoosh import formats

from .analysis import WordAnalyzer


class IndexedText(formats.Positions):
    """Whoosh's positions format, which reads a `WordAnalyzer`'s terms per word: the same
    postings, made without a token object per word."""

    def word_values(self, value, analyzer, **kwargs):
        if (
            not isinstance(analyzer, WordAnalyzer)
            or not isinstance(value, str)
            or kwargs.get("mode") != "index"
        ):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        boost = self.field_boost
        for term, found in analyzer.positions(value).items():
            yield term, len(found), float(len(found)) * boost, self.encode(found)
