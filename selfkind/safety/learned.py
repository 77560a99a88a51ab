"""A small learned complement to the crisis-language rules: two logistic heads over word and character n-grams.

The rules (``rules.py``) are precise but miss phrasings nobody wrote a pattern for. This model is
trained by ``python -m selfkind.safety.learned_train`` on the labelled tuning sets and stored as plain
numbers in ``model/learned.json`` (no pickle); running it needs numpy only: no scikit-learn, no Django,
no downloads, nothing written.

How a text is scored:

1. ``normalise`` lower-cases, straightens and drops apostrophes ("don't" -> "dont") and shortens runs of one
   letter to two ("sooooo" -> "soo"). Sentence marks split the text into sentences of plain words.
2. A sentence's features are two blocks, each a binary vector scaled to unit length: its word 1-2-grams,
   and the character 4-grams of its space-padded words (they also span word boundaries, so "kill myself"
   and its misspellings share grams).
3. Two logistic heads score every *window* - each sentence, and the whole text (the union of its
   sentences' grams): P(risk) (concern or urgent vs none) and P(urgent) (urgent vs the rest). A text's
   score per head is its highest-scoring window, and that window is kept so a clinician can read what
   the model reacted to.

The combined screener (``screener.py``) only ever raises the rules' level with these scores.

Status (26 November 2026): used by the app (issue #4). Leaving one writer out at a time over twelve
writers' tuning sets (``python -m selfkind.safety.learned_train --cv``; thresholds from the training folds
only), the combined screener found 0.666 of risk statements against the rules' 0.631 and 0.663 of urgent
ones as urgent against 0.585, with false alarms 0.062 against 0.061 (the evaluation README has the table).
``services.screen_text`` and ``safety-check`` call ``screener.screen``. Retrain
(``python -m selfkind.safety.learned_train``) after the rules or the tuning sets change.
Static token embeddings distilled from all-MiniLM-L6-v2 (mean of token vectors, 128 dims, a logistic head)
were also tried and ranked worse on the training-only folds (ROC AUC 0.68-0.74 against 0.84-0.89 for these
n-grams; averaging the two was worse than n-grams alone), so they were not added.
"""

from __future__ import annotations

import functools
import json
import math
import re
import unicodedata
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import Any

import numpy as np

MODEL_PATH = Path(__file__).resolve().parent / "model" / "learned.json"
MODEL_FORMAT = "selfkind-safety-learned/1"
HEADS = ("risk", "urgent")

_APOSTROPHES = str.maketrans({"\u2019": "", "\u2018": "", "'": "", "`": "", "\u00b4": ""})
_SENTENCE_END = re.compile(r"[.!?;\n]+|\s[-\u2013\u2014]\s")
_WORD = re.compile(r"[a-z0-9]+")
_REPEATS = re.compile(r"([a-z])\1{2,}")


def normalise(text: str) -> str:
    """Lower-case, drop apostrophes, shorten letter runs; sentence marks are kept for ``windows``."""
    text = unicodedata.normalize("NFKC", text).lower().translate(_APOSTROPHES)
    return _REPEATS.sub(r"\1\1", text)


def sentences(text: str) -> list[str]:
    """The sentences of a text that have words, each as its space-joined words."""
    parts = (" ".join(_WORD.findall(part)) for part in _SENTENCE_END.split(normalise(text)))
    return [part for part in parts if part]


Grams = tuple[set[str], set[str]]


def grams(sentence: str, char_range: tuple[int, int] = (4, 4)) -> Grams:
    """The word 1-2-grams and the character n-grams of `` sentence `` (space-padded words)."""
    words = sentence.split()
    word_grams = set(words)
    word_grams.update(map(" ".join, zip(words, words[1:], strict=False)))
    padded = f" {sentence} "
    low, high = char_range
    char_grams = {padded[i : i + n] for n in range(low, high + 1) for i in range(len(padded) - n + 1)}
    return word_grams, char_grams


def windows(text: str, char_range: tuple[int, int] = (4, 4)) -> list[tuple[str, Grams]]:
    """The scored windows of a text with their grams: each sentence, then (for more than one sentence)
    the whole text, whose grams are the union of its sentences' grams."""
    found = [(sentence, grams(sentence, char_range)) for sentence in sentences(text)]
    if len(found) > 1:
        words: set[str] = set().union(*(g[0] for _, g in found))
        chars: set[str] = set().union(*(g[1] for _, g in found))
        found.append((" ".join(sentence for sentence, _ in found), (words, chars)))
    return found


def features(window_grams: Grams) -> dict[str, float]:
    """Feature name -> value of one window: word grams ("w:") and character grams ("c:"), each block a
    binary vector of unit length. Training uses exactly this; scoring computes the same sums directly."""
    out: dict[str, float] = {}
    for prefix, block in zip(("w:", "c:"), window_grams, strict=True):
        if block:
            value = 1.0 / math.sqrt(len(block))
            out.update((prefix + gram, value) for gram in block)
    return out


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass(frozen=True)
class LearnedScore:
    """The model's view of one text: the highest window probability per head, and those windows."""

    risk: float = 0.0
    urgent: float = 0.0
    risk_window: str = ""
    urgent_window: str = ""


class LearnedModel:
    """Two logistic heads over ``features``, loaded from the plain-JSON model file."""

    def __init__(self, data: dict[str, Any]) -> None:
        if data.get("format") != MODEL_FORMAT:
            raise ValueError(f"not a {MODEL_FORMAT} model")
        names: list[str] = data["features"]
        self.char_range: tuple[int, int] = (int(data["char_range"][0]), int(data["char_range"][1]))
        self.bias: dict[str, float] = {head: float(data["bias"][head]) for head in HEADS}
        self.thresholds: dict[str, float] = {head: float(data["thresholds"][head]) for head in HEADS}
        self.info: dict[str, Any] = dict(data.get("info", {}))
        # One row of weights (risk, urgent) per feature and a zero row for unknown grams; a window's
        # score is one dictionary look-up per gram and two small numpy sums.
        self._index: dict[str, dict[str, int]] = {"w:": {}, "c:": {}}
        for row, name in enumerate(names):
            self._index[name[:2]][name[2:]] = row
        self._unknown = len(names)
        self._weights = np.zeros((len(names) + 1, len(HEADS)))
        for column, head in enumerate(HEADS):
            self._weights[: len(names), column] = np.asarray(data["weights"][head], dtype=np.float64)
        self._bias = np.array([self.bias[head] for head in HEADS])

    def _rows(self, block: str, found: set[str]) -> np.ndarray:
        rows = np.fromiter(map(self._index[block].get, found, repeat(self._unknown)), dtype=np.intp, count=len(found))
        rows.sort()  # so that sums do not depend on set order (unknown grams all point at the zero row)
        return rows

    def _logits(self, word_rows: np.ndarray, words: int, char_rows: np.ndarray, chars: int) -> np.ndarray:
        total = self._bias.copy()
        if words:
            total += self._weights[word_rows].sum(axis=0) / math.sqrt(words)
        if chars:
            total += self._weights[char_rows].sum(axis=0) / math.sqrt(chars)
        return total

    def logit(self, head: str, window_grams: Grams) -> float:
        """One head's logit for one window's grams."""
        words, chars = window_grams
        logits = self._logits(self._rows("w:", words), len(words), self._rows("c:", chars), len(chars))
        return float(logits[HEADS.index(head)])

    def score(self, text: str) -> LearnedScore:
        """Score a text: per head, the highest probability over its windows, and that window."""
        found = sentences(text)
        if not found:
            return LearnedScore()
        names = list(found)
        logits = []
        all_words: set[str] = set()
        all_chars: set[str] = set()
        word_rows, char_rows = [], []
        for sentence in found:
            words, chars = grams(sentence, self.char_range)
            rows = self._rows("w:", words), self._rows("c:", chars)
            logits.append(self._logits(rows[0], len(words), rows[1], len(chars)))
            if len(found) > 1:
                all_words |= words
                all_chars |= chars
                word_rows.append(rows[0])
                char_rows.append(rows[1])
        if len(found) > 1:  # the whole text: the union of its sentences' grams, as ``windows`` defines it
            names.append(" ".join(found))
            whole_words, whole_chars = np.unique(np.concatenate(word_rows)), np.unique(np.concatenate(char_rows))
            logits.append(self._logits(whole_words, len(all_words), whole_chars, len(all_chars)))
        table = np.vstack(logits)
        best = table.argmax(axis=0)
        risk, urgent = (int(best[column]) for column in range(len(HEADS)))
        return LearnedScore(
            _sigmoid(float(table[risk, 0])), _sigmoid(float(table[urgent, 1])), names[risk], names[urgent]
        )


@functools.cache
def load(path: Path = MODEL_PATH) -> LearnedModel:
    """The trained model (read once per process)."""
    with path.open(encoding="utf-8") as handle:
        return LearnedModel(json.load(handle))
