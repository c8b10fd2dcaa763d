"""Text analysis for the index: Whoosh's chain of tokenizer and filters per language, and the
table of each distinct word's term that lets the index run that chain once per word.

The analyzer classes are pickled into the index's schema by their module path: an index records
this module for them, and `index` keeps the names that indexes written before the split recorded.
"""

from __future__ import annotations

from whoosh.analysis import CharsetFilter, Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.analysis.analyzers import CompositeAnalyzer
from whoosh.support.charset import accent_map


class DutchPluralFilter(Filter):
    """Dutch plurals in -ies and -ties that the Snowball stemmer leaves alone ('invasies',
    'sancties'): reduced to the singular before stemming, so they meet 'invasie', 'sanctie'."""

    def __call__(self, tokens):
        for token in tokens:
            text = token.text
            if len(text) > 5 and text.endswith("ies"):
                token.text = text[:-1]
            yield token


def analyzer(lang: str) -> WordAnalyzer:
    """Case and accent folding for every language; stop words and stemming where known."""
    chain = RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)
    if lang == "nl":
        chain = chain | StopFilter(lang="nl") | DutchPluralFilter() | StemFilter(lang="nl")
    elif lang == "en":
        chain = chain | StopFilter(lang="en") | StemFilter(lang="en")
    return WordAnalyzer(lang, chain)


_TERMS: dict[str, dict[str, str | None]] = {}  # per language: each word's term, None if stopped
TERMS_KEPT = 300_000  # words per language; then they are forgotten (real news has millions)


class WordAnalyzer(CompositeAnalyzer):
    """Whoosh's chain, which queries and highlights use as it is; an indexed text instead goes
    through `positions`. Every filter of the chain acts on one word at a time, so a word
    always gives the same term: the chain runs once per distinct word of the archive instead of
    once per word of every article, as generators of token objects (the index's largest cost)."""

    def __init__(self, lang: str, chain: CompositeAnalyzer) -> None:
        super().__init__(*chain.items)
        self.lang = lang  # the key of its terms in _TERMS (the instance itself is pickled)

    def positions(self, text: str) -> dict[str, list[int]]:
        """Each indexed term of the text with its positions, as the chain numbers them in
        "index" mode: the stop filter numbers the remaining words from the first one's position."""
        terms = _TERMS.setdefault(self.lang, {})
        renumber = any(isinstance(item, StopFilter) and item.renumber for item in self.items)
        expression = self.items[0].expression
        found: dict[str, list[int]] = {}
        position = None
        for raw, match in enumerate(expression.finditer(text)):
            word = match.group(0)
            term = terms.get(word, "")
            if term == "":
                if len(terms) >= TERMS_KEPT:
                    terms.clear()
                term = terms[word] = self._term(word)
            if term is None:
                continue
            position = raw if position is None or not renumber else position + 1
            at = found.get(term)
            if at is None:
                found[term] = [position]
            else:
                at.append(position)
        return found

    def _term(self, word: str) -> str | None:
        made = [token.text for token in self(word, mode="index")]
        if len(made) > 1:
            raise ValueError(f"{word!r} gave {len(made)} terms; positions expects one word to give one")
        return made[0] if made else None
