"""The thinking-trap detector: which of 13 CBT thinking traps a thought shows, how likely, and why.

The model is trained by `python -m selfkind.journal.traps.train` and stored as plain numbers in
`model/model.json`; running it needs numpy only (no scikit-learn, no Django, nothing written).

Model, in one paragraph: a thought becomes three blocks of features — TF-IDF over word 1–2-grams,
TF-IDF over character 2–4-grams inside word boundaries (robust to typos and missing apostrophes),
and a small rules layer of lexical cues (e.g. "should/must/ought", "always/never", "my fault"),
each a 0/1 feature whose weight the model learns. A logistic "gate" gives P(any trap); thirteen
logistic models trained on distorted thoughts only give P(trap | some trap). Every logistic output
is Platt-calibrated on out-of-fold scores, and the score of a trap is the product
P(any trap) × P(trap | some trap): a probability that stays low on every trap for a thought with no trap.

The feature extraction below reproduces scikit-learn's `TfidfVectorizer` (analyzer "word" with
our token pattern and "char_wb", sublinear tf, smoothed idf, l2 norm per block) exactly; the tests
check it against scikit-learn whenever scikit-learn is installed.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

VOCABULARY: tuple[str, ...] = (
    "all_or_nothing",
    "overgeneralizing",
    "labeling",
    "mental_filter",
    "disqualifying_positive",
    "mind_reading",
    "fortune_telling",
    "catastrophizing",
    "emotional_reasoning",
    "should_statements",
    "personalizing",
    "blaming",
    "comparing",
)
THRESHOLD = 0.5
WHY_SIZE = 3
MODEL_PATH = Path(__file__).resolve().parent / "model" / "model.json"
MODEL_FORMAT = "selfkind-traps/1"
WORD_PATTERN = r"(?u)\b\w+(?:'\w+)*\b"

# Rules layer: strong lexical cues of each trap, written from the CBT definitions (Beck 1976;
# Burns 1980), not mined from data. Each is a 0/1 feature; the model learns how much each counts,
# so "the parcel should arrive" is not condemned by "should" alone. Training copies these patterns
# into model.json and the runtime compiles them from there, so a model always runs with its own cues.
_B = r"(?<![\w'])"  # start of a word: neither a word character nor an apostrophe before
_E = r"(?![\w'])"  # end of a word


def _cue(*alternatives: str) -> str:
    return _B + "(?:" + "|".join(alternatives) + ")" + _E


_SELF = r"(?:i'm|im|i am)"
# fmt: off
CUE_PATTERNS: dict[str, str] = {
    "should": _cue(
        r"should(?:n't|nt|'ve|ve| have| not)?", r"must(?:n't|nt| not)?", r"ought(?: to)?", r"oughta",
        r"(?:have|has|had|got) to", r"gotta", r"supposed to", r"meant to", r"need to be",
    ),
    "universal": _cue(
        r"always", r"never", r"every ?time", r"every single", r"everyone", r"everybody", r"nobody", r"no[ -]one",
        r"whenever", r"constantly", r"all the time", r"every \w+", r"nothing ever", r"ever", r"forever", r"typical",
        r"as usual", r"yet again", r"again",
    ),
    "absolute": _cue(
        r"complete(?:ly)?", r"total(?:ly)?", r"entire(?:ly)?", r"whole", r"perfect(?:ly)?", r"100 ?%", r"100 percent",
        r"either", r"nothing", r"worthless", r"pointless", r"no point", r"write[- ]off", r"written off", r"ruined",
        r"all or nothing", r"or nothing", r"at all", r"flawless", r"full stop",
    ),
    "self_label": _cue(
        _SELF + r" (?:such |so |a total |a complete |the |just )?(?:an? )?(?:\w+ )?(?:idiot|moron|loser|failure|fraud|"
        r"mess|joke|burden|disgrace|disappointment|coward|slob|monster|wreck|freak|nobody|waste|hypocrite|fool|pig|"
        r"brat|liar|quitter|screw-?up|disaster|embarrassment|hack|case|impostor|imposter|klutz|airhead|weirdo|"
        r"doormat|crybaby|dork|lump|numpty|mug|worst)",
        _SELF + r" (?:so |such |just |really |completely |totally |a )?(?:useless|pathetic|stupid|worthless|hopeless|"
        r"lazy|disgusting|ugly|weak|broken|unlovable|thick|dumb|boring|defective|needy|clingy|selfish|awful|terrible|"
        r"horrible|bad|damaged|fat|incompetent)",
        r"what an? (?:\w+ )?(?:idiot|moron|loser|failure|mess|joke)",
    ),
    "other_label": _cue(
        r"(?:he's|hes|she's|shes|they're|theyre|he is|she is|they are|is an?|are) (?:such |a total |a complete |an? |"
        r"all )(?:\w+ )?(?:idiot|idiots|moron|jerk|narcissist|psycho|snake|bully|cow|witch|crook|slob|tyrant|loser|"
        r"scum|brat|brats|user|drunk|deadbeat|weasel|manipulator|control freak)",
    ),
    "mind": _cue(
        r"(?:she|he|they|everyone|everybody|people|i know|i bet|you could see) (?:\w+ )?(?:must |probably |obviously |"
        r"clearly |all |secretly |definitely )?(?:think|thinks|thought|know|knows|find|finds|judge|judges|judging|"
        r"wonder|wondering|hate|hates|regret|regrets|resent|resents)",
        r"can tell", r"could tell", r"could see", r"looking at me", r"laughing at me", r"staring at me",
        r"(?:must|probably) think", r"about me", r"i know what (?:she|he|they)",
    ),
    "future": _cue(
        r"i'll", r"ill", r"i will", r"i'm going to", r"im going to", r"gonna", r"going to", r"will never", r"won't",
        r"wont", r"they'll", r"she'll", r"he'll", r"it'll", r"we'll", r"will be", r"bound to",
        r"no point (?:applying|trying|asking|going)", r"i just know", r"i already know", r"no way",
    ),
    "catastrophe": _cue(
        r"disaster", r"catastroph\w*", r"end of", r"(?:career|life|marriage|everything)(?:'s| is) over", r"unbearable",
        r"can'?t (?:cope|stand|bear)", r"what if", r"cancer", r"tumou?r", r"die", r"dying", r"lose everything",
        r"homeless", r"bankrupt", r"never recover", r"destroyed", r"collapse\w*", r"fall(?:ing)? apart", r"nightmare",
        r"worst", r"on the streets?", r"ruined for life", r"sacked", r"fired", r"heart attack", r"stroke",
    ),
    "feeling_proof": _cue(
        r"feel(?:s|ing)?(?: like)? [\w' ]{1,40}?,? (?:so|therefore|which means|that means|it means|means|must mean|"
        r"proves?|that's proof|then)",
        r"feelings don't lie", r"if i feel", r"if it feels", r"my gut", r"feels? true", r"feel it in my bones",
    ),
    "self_blame": _cue(
        r"my fault", r"because of me", r"down to me", r"on me", r"i caused", r"i ruined", r"i've ruined",
        r"blame myself", r"it's me", r"it was me", r"must have done something", r"something i (?:did|said)",
        r"my doing", r"i made (?:him|her|them)", r"what have i done", r"must've done something", r"i'm the reason",
        r"if only i",
    ),
    "other_blame": _cue(
        r"(?:his|her|their|your|\w+'s) fault", r"because of (?:him|her|them)", r"ruined (?:my|the|everything|it)",
        r"made me", r"makes me", r"to blame", r"thanks to", r"the reason (?:i|i'm|im|why)", r"(?:is|are) why i",
        r"did this to me", r"turned (?:\w+ )?against me", r"if it wasn't for", r"all down to",
    ),
    "compare": _cue(
        r"compared to", r"comparing", r"than me", r"than i", r"than mine", r"everyone else", r"everybody else",
        r"other (?:people|mums|moms|dads|parents|kids|students|women|men|nurses|writers|couples|widows)",
        r"all my friends", r"my friends all", r"better than", r"next to (?:him|her|them|everyone)", r"as good as",
        r"the only one (?:who|in)", r"and i'm still", r"and mine", r"like (?:her|him|them)", r"nowhere near",
        r"why can't i be",
    ),
    "disqualify": _cue(
        r"only said", r"just being (?:nice|polite|kind)", r"being polite", r"to be (?:nice|polite|kind)", r"luck",
        r"lucky", r"fluke", r"doesn't count", r"doesnt count", r"don't count", r"dont count", r"anyone could",
        r"anyone would", r"any idiot", r"(?:has|have|had) to say", r"says? that to everyone", r"paid to say",
        r"not a real", r"doesn't mean anything", r"means nothing", r"doesn't prove", r"nothing special", r"big deal",
        r"only because", r"just saying that", r"one-off",
    ),
    "filter": _cue(
        r"all i can (?:think|see|hear|focus)", r"only thing i", r"the only (?:one|bit|part|thing|number) i",
        r"keep thinking", r"can't stop (?:thinking|looking|reading)", r"cant stop", r"keep going back", r"fixated",
        r"fixating", r"obsessing", r"all i remember", r"all i see", r"that's all i", r"dwel\w*", r"replay\w*",
        r"on repeat", r"stuck on", r"can't get past", r"chewing on", r"is all i", r"overshadow\w*", r"tainted",
        r"spoil\w*",
    ),
    # Not a trap: words of a balanced second look. Its weight is learnt like the others (mostly downward).
    "reframe": _cue(
        r"but i know", r"not a fact", r"thoughts aren't facts", r"just a feeling",
        r"that's (?:ok|okay|fine|allowed|normal)", r"it's (?:ok|okay|fine|normal)", r"allowed to", r"i noticed?",
        r"caught (?:myself|a)", r"fair enough", r"i'll (?:ask|call|ring|try|book|see)",
        r"i've (?:asked|booked|rung|emailed|apologised|apologized)", r"kind(?:er)? to myself", r"doing my best",
        r"good enough", r"proud of",
    ),
}
# fmt: on


@dataclass(frozen=True)
class TrapResult:
    """What `detect` found in one thought.

    traps: the traps scoring at least 0.5, highest first (ties in vocabulary order).
    scores: every trap of VOCABULARY with its probability in [0, 1].
    why: for each trap in `traps`, up to three words or short phrases of the text (exact
    substrings of it, or of its lower-cased form in the rare case lower-casing changes its
    length) that pushed that trap's score up most.
    """

    traps: tuple[str, ...]
    scores: dict[str, float]
    why: dict[str, list[str]]


def normalise(text: str) -> str:
    """Return the text as the features see it: lower case, curly apostrophes made straight.

    Every replacement is one character for one, so positions in the result are positions in the
    text whenever `str.lower` keeps the length (it does for all but a few rare characters).
    """
    return text.lower().translate(_APOSTROPHES)


# Words too common to be a reason on their own: spans made only of these are shown only when
# nothing else pushed the trap up.
_FILLER_WORDS = (
    "a an and the i i'm im me my myself it it's its is was be been am are were this that these those to of in on "
    "at for with as by from he she they we you his her their our your him them us so or do did does have has had "
    "just then there here what who if but because about"
)
_FILLER = frozenset(_FILLER_WORDS.split())
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'"})
_WORD_TOKEN = re.compile(WORD_PATTERN)
_WHITESPACE_TOKEN = re.compile(r"\S+")


def word_ngrams(normalised: str, ngram_range: Sequence[int]) -> list[str]:
    """Return the word n-grams scikit-learn's analyzer "word" gives for this token pattern (same order)."""
    tokens = _WORD_TOKEN.findall(normalised)
    low, high = ngram_range
    grams = list(tokens) if low == 1 else []
    for n in range(max(low, 2), min(high, len(tokens)) + 1):
        grams.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return grams


def char_wb_ngrams(normalised: str, ngram_range: Sequence[int]) -> list[str]:
    """Return the character n-grams scikit-learn's analyzer "char_wb" gives (same order).

    Each whitespace-separated word is padded with one space either side; a word shorter than n
    gives one (shorter) n-gram and no longer ones, exactly as scikit-learn does.
    """
    low, high = ngram_range
    grams: list[str] = []
    for word in normalised.split():
        padded = f" {word} "
        for n in range(low, high + 1):
            if len(padded) <= n:
                grams.append(padded)
                break
            grams.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams


def cue_values(normalised: str, patterns: Sequence[re.Pattern[str]], weight: float) -> list[float]:
    """Return each cue's feature value: `weight` if its pattern matches the text, else 0."""
    return [weight if pattern.search(normalised) else 0.0 for pattern in patterns]


def _sigmoid(a: np.ndarray, b: np.ndarray, f: np.ndarray) -> np.ndarray:
    # scikit-learn's sigmoid calibration: p = 1 / (1 + exp(a·f + b)).
    return 1.0 / (1.0 + np.exp(a * f + b))


class TrapModel:
    """A trained model read from its plain-number description (the content of model.json)."""

    def __init__(self, data: dict[str, Any]) -> None:
        if data.get("format") != MODEL_FORMAT:
            raise ValueError(f"not a {MODEL_FORMAT} model: {data.get('format')!r}")
        if tuple(data["vocabulary"]) != VOCABULARY:
            raise ValueError("the model's trap vocabulary differs from VOCABULARY")
        word, char, cues = data["features"]["word"], data["features"]["char_wb"], data["features"]["cues"]
        if word["token_pattern"] != WORD_PATTERN:
            raise ValueError("the model was trained with another word token pattern")
        self.word_range = (int(word["ngram_range"][0]), int(word["ngram_range"][1]))
        self.char_range = (int(char["ngram_range"][0]), int(char["ngram_range"][1]))
        self.word_index = {term: i for i, term in enumerate(word["terms"])}
        offset = len(self.word_index)
        self.char_index = {term: offset + i for i, term in enumerate(char["terms"])}
        self.cue_offset = offset + len(self.char_index)
        self.cue_names: list[str] = list(cues["names"])
        self.cue_patterns = [re.compile(cues["patterns"][name]) for name in self.cue_names]
        self.cue_weight = float(cues["weight"])
        self.idf = np.array(word["idf"] + char["idf"] + [1.0] * len(self.cue_names), dtype=np.float64)
        self.sublinear_tf = bool(data["features"]["sublinear_tf"])
        heads = ["any", *VOCABULARY]
        models = data["models"]
        # One column per head: column 0 is the gate P(any trap), then the traps in vocabulary order.
        self.coef = np.array([models[head]["coef"] for head in heads], dtype=np.float64).T.copy()
        self.intercept = np.array([models[head]["intercept"] for head in heads], dtype=np.float64)
        self.cal_a = np.array([models[head]["calibration"]["a"] for head in heads], dtype=np.float64)
        self.cal_b = np.array([models[head]["calibration"]["b"] for head in heads], dtype=np.float64)
        if self.coef.shape != (len(self.idf), len(heads)):
            raise ValueError("coefficients do not match the features")

    # -- features ---------------------------------------------------------------------------

    def _block(self, grams: list[str], index: dict[str, int]) -> tuple[list[int], list[float]]:
        counts = Counter(gram for gram in grams if gram in index)
        columns = [index[gram] for gram in counts]
        values = [
            (math.log(count) + 1.0 if self.sublinear_tf else float(count)) * self.idf[column]
            for column, count in zip(columns, counts.values(), strict=True)
        ]
        norm = math.sqrt(sum(value * value for value in values))
        return columns, [value / norm for value in values] if norm else values

    def features(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Return the thought's non-zero features as (column indices, values)."""
        normalised = normalise(text)
        word_cols, word_vals = self._block(word_ngrams(normalised, self.word_range), self.word_index)
        char_cols, char_vals = self._block(char_wb_ngrams(normalised, self.char_range), self.char_index)
        cues = cue_values(normalised, self.cue_patterns, self.cue_weight)
        cue_cols = [self.cue_offset + i for i, value in enumerate(cues) if value]
        cue_vals = [value for value in cues if value]
        columns = np.array(word_cols + char_cols + cue_cols, dtype=np.intp)
        values = np.array(word_vals + char_vals + cue_vals, dtype=np.float64)
        return columns, values

    # -- scores -----------------------------------------------------------------------------

    def head_probabilities(self, text: str) -> np.ndarray:
        """Return the 14 calibrated probabilities: P(any trap), then P(trap | some trap) per trap."""
        columns, values = self.features(text)
        decision = values @ self.coef[columns] + self.intercept
        return _sigmoid(self.cal_a, self.cal_b, decision)

    def probabilities(self, text: str) -> np.ndarray:
        """Return P(trap) for the 13 traps in vocabulary order: P(any trap) × P(trap | some trap)."""
        heads = self.head_probabilities(text)
        return heads[0] * heads[1:]

    # -- explanations -----------------------------------------------------------------------

    def why(self, text: str, trap: str, size: int = WHY_SIZE) -> list[str]:
        """Return up to `size` exact substrings of `text` whose features pushed `trap` up most.

        Each feature's share of the trap model's score (value × weight, signed by the calibration)
        goes to the text span it came from: a word (its character n-grams and itself), a pair of
        words (a bigram) or the words a cue matched; a feature seen several times is shared equally
        between its occurrences. Spans are ranked by their total, positive ones only; spans made only
        that are one filler word ("I", "the", "so"…) come last, and a span overlapping one already chosen is skipped.
        """
        return self._reasons(text, [trap], size)[trap]

    def _reasons(self, text: str, traps: Sequence[str], size: int = WHY_SIZE) -> dict[str, list[str]]:
        if not traps:
            return {}
        normalised = normalise(text)
        spans, amounts = self._span_shares(normalised)
        source = text if len(text) == len(normalised) else normalised
        reasons = {}
        for trap in traps:
            head = 1 + VOCABULARY.index(trap)
            column = amounts[:, head] * (-1.0 if self.cal_a[head] > 0 else 1.0)
            ranked = [
                spans[i] for i in sorted(range(len(spans)), key=lambda i: (-column[i], spans[i])) if column[i] > 0
            ]
            telling = [span for span in ranked if not _is_filler(normalised[span[0] : span[1]])]
            chosen: list[tuple[int, int]] = []
            for start, end in telling or ranked:
                if len(chosen) == size:
                    break
                if not any(start < other_end and other_start < end for other_start, other_end in chosen):
                    chosen.append((start, end))
            reasons[trap] = [source[start:end] for start, end in chosen]
        return reasons

    def _span_shares(self, normalised: str) -> tuple[list[tuple[int, int]], np.ndarray]:
        """Return the text's spans and, per span, its features' summed share of every head's score."""
        word_spans: dict[str, list[tuple[int, int]]] = {}
        tokens = [(m.group(), m.start(), m.end()) for m in _WORD_TOKEN.finditer(normalised)]
        low, high = self.word_range
        for n in range(low, high + 1):
            for i in range(len(tokens) - n + 1):
                gram = " ".join(token for token, _, _ in tokens[i : i + n])
                if gram in self.word_index:
                    word_spans.setdefault(gram, []).append((tokens[i][1], tokens[i + n - 1][2]))
        char_spans: dict[str, list[tuple[int, int]]] = {}
        for match in _WHITESPACE_TOKEN.finditer(normalised):
            span = _strip_span(normalised, match.start(), match.end())
            for gram in char_wb_ngrams(match.group(), self.char_range):
                if gram in self.char_index:
                    char_spans.setdefault(gram, []).append(span)

        index: dict[tuple[int, int], int] = {}
        rows: list[int] = []
        columns: list[int] = []
        values: list[float] = []
        for occurrences, vocabulary in ((word_spans, self.word_index), (char_spans, self.char_index)):
            block_columns, block_values = self._block(
                [gram for gram, spans in occurrences.items() for _ in spans], vocabulary
            )
            for column, value, spans in zip(block_columns, block_values, occurrences.values(), strict=True):
                for span in spans:
                    rows.append(index.setdefault(span, len(index)))
                    columns.append(column)
                    values.append(value / len(spans))
        for i, pattern in enumerate(self.cue_patterns):
            found = pattern.search(normalised)
            if found:
                rows.append(index.setdefault(_strip_span(normalised, found.start(), found.end()), len(index)))
                columns.append(self.cue_offset + i)
                values.append(self.cue_weight)
        amounts = np.zeros((len(index), self.coef.shape[1]))
        if rows:
            np.add.at(amounts, np.array(rows), np.array(values)[:, None] * self.coef[np.array(columns)])
        spans = sorted(index, key=index.__getitem__)
        keep = [i for i, (start, end) in enumerate(spans) if end > start]
        return [spans[i] for i in keep], amounts[keep]

    # -- the result -------------------------------------------------------------------------

    def detect(self, text: str) -> TrapResult:
        """Return the traps, probabilities and reasons for one thought."""
        probabilities = self.probabilities(text)
        scores = {trap: float(p) for trap, p in zip(VOCABULARY, probabilities, strict=True)}
        ranked = sorted(range(len(VOCABULARY)), key=lambda i: (-probabilities[i], i))
        traps = tuple(VOCABULARY[i] for i in ranked if probabilities[i] >= THRESHOLD)
        return TrapResult(traps=traps, scores=scores, why=self._reasons(text, traps))


def _is_filler(piece: str) -> bool:
    # Only single words: a phrase such as "what if" or "it's me" tells, though its words alone do not.
    words = _WORD_TOKEN.findall(piece)
    return len(words) <= 1 and all(word in _FILLER for word in words)


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Return (start, end) narrowed past anything but letters and digits at either edge of text[start:end]."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return (start, end)


def read_model(path: Path = MODEL_PATH) -> TrapModel:
    """Return the model stored at `path` (raises OSError or ValueError if it is missing or not a model)."""
    with path.open(encoding="utf-8") as handle:
        return TrapModel(json.load(handle))


@functools.cache
def load_model() -> TrapModel:
    """Return the shipped model, read once per process and then kept."""
    return read_model(MODEL_PATH)


def detect(text: str) -> TrapResult:
    """Return which thinking traps `text` shows (probability ≥ 0.5), every trap's probability, and why."""
    return load_model().detect(text)
