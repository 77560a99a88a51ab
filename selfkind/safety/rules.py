"""Offline crisis-language screening for everything a client writes.

Pure Python and ``re`` only: no Django, no models, no downloads, so the `selfkind safety-check`
command and the save path can both call it cheaply.

Levels (from the product's safety spec):

* ``urgent``  - current intent, a plan, means at hand, a time, an attempt or self-harm happening
  now or today;
* ``concern`` - passive ideation, wishing to be dead or not to wake up, feeling others would be
  better off without them, self-harm acts or urges (including starving oneself as punishment), a
  past attempt, the inner critic telling them to die;
* ``none``    - everything else: ordinary self-criticism, figures of speech, other people's deaths,
  talking or reading about suicide in general.

How a text is screened (recall first: a missed risk is worse than a false alarm):

1. ``normalise`` lower-cases, straightens apostrophes, undoes leetspeak and censoring, maps common
   misspellings and slang ("wnat", "kms", "unalive", "sh", "rn") to canonical words, corrects near
   misses of long key words ("tabelts" -> "tablets") and blanks out figures of speech ("died
   laughing", "this job is killing me" never reach the rules).  Punctuation becomes clause (",")
   and sentence (".") marks, and clause marks are added before "but", "though", "and i" ...
2. Every rule in ``RULES`` is a regular expression over that text, with a level, tags and a
   one-line description.  Each match is checked in its clause and sentence:
   - *negation*: "not", "never", "n't", "stopped" ... shortly before it ("I'm not suicidal") drops it;
   - *attribution*: a match that names no first person and whose nearest subject is someone else
     ("my friend ... she wanted to die"), a book or a course ("a documentary about self harm"), or
     any match inside other people's reported words ("my brother joked ...") is dropped - but never
     when the sentence is about the client's own critic or inner voice;
   - *exceptions*: a rule may carry an ``unless`` pattern (cutting myself *while cooking*).
3. ``COMBINATIONS`` raise the level when tagged matches meet: active ideation plus a time in the
   same sentence, ideation plus means held anywhere in the entry, self-harm plus "today" ...
4. Urgent findings set in the distant past ("years ago", "when I was 15") or in an after-the-fact
   conditional ("... if I fail") are reported as concern.

The level is the highest of all findings; ``reasons`` lists each as ``"rule_id: matched words"``.
"""

from __future__ import annotations

import re
import re._constants as re_constants  # type: ignore[import-not-found]
import re._parser as re_parser  # type: ignore[import-not-found]
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from selfkind.lib.jsonlines import LineError

LEVELS = ("none", "concern", "urgent")
_RANK = {level: rank for rank, level in enumerate(LEVELS)}


@dataclass(frozen=True)
class Screening:
    """The outcome of screening one text: its level and why ("rule_id: matched words")."""

    level: str
    reasons: tuple[str, ...] = ()

    @property
    def is_risk(self) -> bool:
        return self.level != "none"

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(reason.split(": ", 1)[0] for reason in self.reasons)


# ---------------------------------------------------------------------------------------------
# Speed: literal gates
# ---------------------------------------------------------------------------------------------


def required_literals(pattern: str) -> frozenset[str] | None:
    """Literal strings of which every match of ``pattern`` contains at least one, or None if the
    pattern has no such set. A pattern is only run on texts containing one of them (a C-speed
    substring test), which keeps screening of ordinary entries fast without hand-kept keyword lists.
    Derived from the parse tree of Python's own ``re`` module."""
    try:
        tree = re_parser.parse(pattern)
    except (re.error, AttributeError):  # pragma: no cover - private API; fall back to always running
        return None
    found = _literals_of(list(tree))
    return frozenset(found) if found else None


def _literals_of(items: list[Any]) -> set[str] | None:
    candidates: list[set[str]] = []
    run: list[str] = []
    for op, arg in items:
        if op is re_constants.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            candidates.append({"".join(run)})
            run = []
        sub: set[str] | None = None
        if op is re_constants.SUBPATTERN:
            sub = _literals_of(list(arg[-1]))
        elif op is re_constants.ATOMIC_GROUP:
            sub = _literals_of(list(arg))
        elif op is re_constants.BRANCH:
            branches = [_literals_of(list(branch)) for branch in arg[1]]
            if all(branches):
                sub = set().union(*branches)  # type: ignore[arg-type]
        elif op in (re_constants.MAX_REPEAT, re_constants.MIN_REPEAT) and arg[0] >= 1:
            sub = _literals_of(list(arg[2]))
        if sub:
            candidates.append(sub)
    if run:
        candidates.append({"".join(run)})
    useful = [c for c in candidates if min(len(literal.strip()) for literal in c) >= 3]
    if not useful:
        return None
    # The most selective set: longest shortest literal, then fewest literals.
    return max(useful, key=lambda c: (min(len(literal.strip()) for literal in c), -len(c)))


# ---------------------------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------------------------

# Misspellings, slang and contractions written without apostrophes, mapped token by token.
SPELLING: dict[str, str] = {
    # want / die / kill
    "wnat": "want",
    "wnt": "want",
    "whant": "want",
    "wamt": "want",
    "watn": "want",
    "wan": "want",
    "wnated": "wanted",
    "wantd": "wanted",
    "wanna": "want to",
    "wana": "want to",
    "wannna": "want to",
    "dei": "die",
    "di": "die",
    "ded": "dead",
    "dieing": "dying",
    "dyin": "dying",
    "kil": "kill",
    "kll": "kill",
    "klil": "kill",
    "kiil": "kill",
    "kiling": "killing",
    "killin": "killing",
    "kms": "kill myself",
    "kmn": "kill myself",
    "kys": "kill yourself",
    "ctb": "kill myself",
    "unalive": "kill",
    "unaliving": "killing",
    "unalived": "killed",
    "unalives": "kills",
    "sewerslide": "suicide",
    "suicde": "suicide",
    "sucide": "suicide",
    "suiside": "suicide",
    "suacide": "suicide",
    "suicid": "suicide",
    "sucidal": "suicidal",
    "suicdal": "suicidal",
    "suisidal": "suicidal",
    "suicidial": "suicidal",
    "suicidel": "suicidal",
    "suicial": "suicidal",
    "myslef": "myself",
    "mysefl": "myself",
    "myslf": "myself",
    "mysef": "myself",
    "meself": "myself",
    "mysel": "myself",
    "mself": "myself",
    "mysellf": "myself",
    "myselfe": "myself",
    "urself": "yourself",
    "thouhgts": "thoughts",
    "thougts": "thoughts",
    "thoghts": "thoughts",
    "thoughs": "thoughts",
    "thougths": "thoughts",
    "thots": "thoughts",
    "pils": "pills",
    "pillz": "pills",
    "tabelts": "tablets",
    "tablest": "tablets",
    "od": "overdose",
    "oded": "overdosed",
    "od'd": "overdosed",
    "od'ed": "overdosed",
    "oding": "overdosing",
    "od'ing": "overdosing",
    "sh": "self harm",
    "selfharm": "self harm",
    "selfharming": "self harming",
    "selfharmed": "self harmed",
    "cuting": "cutting",
    "hurtin": "hurting",
    "dissapear": "disappear",
    "dissappear": "disappear",
    "disapear": "disappear",
    "exsist": "exist",
    "exsit": "exist",
    "exisit": "exist",
    "exsisting": "existing",
    "whish": "wish",
    "lfie": "life",
    "beter": "better",
    "witout": "without",
    "withouth": "without",
    "every1": "everyone",
    "evry1": "everyone",
    "some1": "someone",
    "no1": "no one",
    "noone": "no one",
    "any1": "anyone",
    "goodby": "goodbye",
    "anymroe": "anymore",
    # pronouns and contractions
    "im": "i'm",
    "ive": "i've",
    "id": "i'd",
    "u": "you",
    "ur": "your",
    "youre": "you're",
    "r": "are",
    "dont": "don't",
    "didnt": "didn't",
    "doesnt": "doesn't",
    "cant": "can't",
    "wont": "won't",
    "wouldnt": "wouldn't",
    "couldnt": "couldn't",
    "shouldnt": "shouldn't",
    "isnt": "isn't",
    "wasnt": "wasn't",
    "arent": "aren't",
    "werent": "weren't",
    "havent": "haven't",
    "hasnt": "hasn't",
    "aint": "ain't",
    "theyre": "they're",
    "thats": "that's",
    "whats": "what's",
    "cannot": "can't",
    "gonna": "going to",
    "gunna": "going to",
    "finna": "going to",
    "tryna": "trying to",
    "gotta": "got to",
    "cuz": "because",
    "coz": "because",
    "cos": "because",
    "bc": "because",
    # time
    "rn": "right now",
    "atm": "at the moment",
    "tonite": "tonight",
    "2nite": "tonight",
    "tnite": "tonight",
    "tonigh": "tonight",
    "2day": "today",
    "tdy": "today",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "tmw": "tomorrow",
    "2moro": "tomorrow",
    "2morrow": "tomorrow",
    "tomoz": "tomorrow",
    "tomorow": "tomorrow",
    "tommorow": "tomorrow",
    "tommorrow": "tomorrow",
    "b4": "before",
    # texting
    "ngl": "not going to lie",
    "idk": "i don't know",
    "idc": "i don't care",
    "pls": "please",
}

# Long key words whose near misses (one letter dropped, added, changed or swapped) are corrected.
_FUZZY_WORDS = (
    "myself",
    "yourself",
    "suicide",
    "suicidal",
    "tablets",
    "overdose",
    "overdosed",
    "overdosing",
    "paracetamol",
    "painkillers",
    "antidepressants",
    "disappear",
    "anymore",
    "existing",
)
# Key words without a double letter: "diee", "wantt", "cutt" are stretched versions of these.
_UNDOUBLED_KEYS = frozenset(
    {
        "die",
        "dead",
        "want",
        "wish",
        "cut",
        "cuts",
        "harm",
        "hurt",
        "life",
        "alive",
        "exist",
        "suicide",
        "suicidal",
        "myself",
        "end",
        "done",
        "tonight",
        "today",
        "razor",
        "rope",
        "blade",
        "pain",
        "overdose",
        "burden",
        "gone",
    }
)
# Real words one edit away from a key word: never "corrected".
_NOT_TYPOS = frozenset({"tables", "tablet", "suicides", "overdoes", "anymore", "existing", "exiting"})


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


_FUZZY_INDEX: dict[str, str] = {}
for _word in _FUZZY_WORDS:
    for _variant in _deletes(_word):
        _FUZZY_INDEX.setdefault(_variant, _word)
for _word in _FUZZY_WORDS:
    _FUZZY_INDEX[_word] = _word


# Phrases rewritten after token fixes. Figures of speech become a clause mark so they can neither
# match a rule nor act as a negation ("not going to lie, I want to die" is not negated).
_NEUTRAL = " , "
PHRASES: tuple[tuple[str, str], ...] = (
    (r"\bmy self\b", "myself"),
    (r"\bself harms\b", "self harm"),
    (r"\b(?:can't|couldn't|won't|can not) (?:stop|help|shake|get rid of)\b", "keep"),
    (r"\bwhy (?:don't|not) i just\b", "maybe i should just"),
    (r"\b(?:not|never) (?:even )?(?:sure|certain)(?: if| whether| that)?\b", "unsure if"),
    (r"\bdon't (?:even )?know (?:if|whether|why)\b", "unsure if"),
    (r"\bnever (?:felt|been) (?:so|this|more)\b", "really"),
    # Disclaimers that contain a negation but negate nothing.
    (
        r"\b(?:i'm |i am )?(?:not|never) (?:going to|gonna) lie\b|\bi (?:won't|can't) lie\b|\bno lie\b"
        r"|\b(?:i'm |i am )?not (?:even )?(?:joking|kidding|exaggerating)\b|\bno joke\b|\bi kid you not\b"
        r"|\bnot to be (?:dramatic|funny)(?: but)?\b|\bnot going to pretend\b",
        _NEUTRAL,
    ),
    # Figures of speech.
    (
        r"\b(?:die|died|dying|dead) (?:of|from|with) (?:laughter|embarrassment|shame|boredom|cringe|fright"
        r"|shock|happiness|jealousy|envy|excitement|curiosity|thirst|hunger)\b",
        _NEUTRAL,
    ),
    (r"\b(?:die|died|dying) (?:laughing|a little|inside a little|happy)\b", _NEUTRAL),
    (
        r"\bto die for\b|\bdying to (?:see|know|meet|try|go|get|hear|tell|read|watch|eat|visit|find out|have"
        r"|show|start|talk)\b",
        _NEUTRAL,
    ),
    (r"\b(?:crawl|curl|crawled|curled) (?:up )?(?:into|in)? ?(?:a )?(?:hole )?(?:and|n) die\b", _NEUTRAL),
    (
        r"\b(?:rather|sooner) (?:die|be dead) than (?:give|do|speak|sing|eat|wear|sit|be seen|call|ask|present"
        r"|talk|watch|listen|drive|dance|go (?:to|back to|out|in|shopping|running)|work|phone|make small"
        r"|admit|apologi[sz]e|lose)\b",
        _NEUTRAL,
    ),
    (r"\bdead (?:tired|beat|serious|set|on my feet|end|loss|ringer|heat|weight)\b|\bdeadlines?\b", _NEUTRAL),
    (
        r"\b(?:bored|scared|frightened|worried|sick|tired|worked|work|working|stressed|freezing) (?:myself )?"
        r"(?:to|half to) death\b",
        _NEUTRAL,
    ),
    (
        r"\b(?:could|would|i'd|will) kill (?:for|him|her|them|you|my \w+)\b|\bkill(?:ing|ed)? (?:it|time)\b"
        r"|\bkill two birds\b|\b(?:just )?kill me now\b|\bwill kill me\b|\bgoing to kill me\b",
        _NEUTRAL,
    ),
    (r"\b(?:could|could've|could have) (?:just )?kill(?:ed)? myself for\b", _NEUTRAL),
    (
        r"\bkill(?:ing)? myself (?:at|in) (?:the )?(?:gym|spin|class|training|work|office)\b"
        r"|\bkill(?:ing)? myself (?:trying|working|studying|revising|to (?:finish|get|meet|make|keep|please))\b"
        r"|\bwork(?:ing|ed)? myself (?:into the ground|to the bone)\b",
        _NEUTRAL,
    ),
    (r"\bover my dead body\b|\bdead to me\b|\bdrop dead (?:gorgeous|beautiful)\b", _NEUTRAL),
    (r"\b(?:banging|bang|banged) my head (?:against|on) (?:a |the )?brick wall\b", _NEUTRAL),
    (r"\bdisappear (?:into|through) the (?:floor|ground)\b|\bthe ground (?:to )?swallow me\b", _NEUTRAL),
)
_PHRASES = tuple((required_literals(pattern), re.compile(pattern), replacement) for pattern, replacement in PHRASES)

# Words after which a new statement starts: a clause mark is put before them so that negation and
# attribution in one clause do not leak into the next ("I'm not suicidal but I wish I could sleep
# forever"). The second group only splits when a first-person subject follows ("... and I ...").
_NEW_STATEMENT = re.compile(
    r" (?=(?:but|though|although|however|except|whereas|yet"
    r"|(?:and|so|because|cause|then|now|which|plus) (?:i|i'm|i've|i'd|i'll|my|me))(?![a-z0-9']))"
)

# Characters: apostrophe look-alikes become "'", clause punctuation " , ", sentence punctuation " . ",
# everything else a space.
# (Single characters keep str.translate on its fast path; the marks get their spaces afterwards.)
_PUNCTUATION = {ch: " " for ch in "#%+=@^_|~\\`'-"}
_PUNCTUATION.update({ch: "," for ch in ';:()[]{}"<>/\u2013\u2014\u201c\u201d'})
_PUNCTUATION.update({ch: "." for ch in "!?\n\r\u2026"})
_PUNCTUATION.update({ch: "'" for ch in "'\u2019\u2018\u02bc`\u00b4"})
_TRANSLATE = str.maketrans(_PUNCTUATION)
# Run only when the text has the characters they look for (most texts skip them).
_LEETSPEAK = re.compile(r"(?<=[a-z])(?:[1!|30@]|[*#]+)(?=[a-z])")
_LEET_LETTER = {"1": "i", "!": "i", "|": "i", "3": "e", "0": "o", "@": "a"}
_SLASHED = re.compile(r"\bs ?/ ?h\b|\bw ?/ ?o\b")
_INWORD_HYPHEN = re.compile(r"(?<=[a-z])[-_](?=[a-z])")
_LONG_REPEAT = re.compile(r"([a-z])\1{2,}")
_NOT_WORD = re.compile(r"[^a-z0-9'*]+")


def _undouble(token: str) -> str:
    return re.sub(r"([a-z])\1", r"\1", token)


@lru_cache(maxsize=65536)
def _fix_token(token: str) -> str:
    """Map one lower-case token to its canonical spelling (cached: real vocabularies are small)."""
    if token in (",", "."):
        return token
    token = _LONG_REPEAT.sub(r"\1\1", _NOT_WORD.sub("", token)).strip("'")
    if token in SPELLING:
        return SPELLING[token]
    if "*" in token:  # "k*ll", "su*cide": try likely letters until a known word appears
        for letter in "aeiouylstr":
            guess = token.replace("*", letter)
            if guess in _VOCABULARY or guess in SPELLING:
                return SPELLING.get(guess, guess)
        return token.replace("*", "")
    if token in _VOCABULARY:
        return token
    single = _undouble(token)
    if single != token:
        if single in SPELLING:
            return SPELLING[single]
        if single in _UNDOUBLED_KEYS:
            return single
    if len(token) >= 5 and token not in _NOT_TYPOS:
        if token in _FUZZY_INDEX:
            return _FUZZY_INDEX[token]
        for variant in _deletes(token):
            if variant in _FUZZY_INDEX:
                return _FUZZY_INDEX[variant]
    return token


def normalise(text: str) -> str:
    """Canonical lower-case text: tokens separated by single spaces (with a space at both ends),
    " , " between clauses and " . " between sentences, spelling and slang fixed, figures of speech
    blanked out."""
    text = unicodedata.normalize("NFKC", text).lower()
    if "/" in text:
        text = _SLASHED.sub(lambda m: " self harm " if m.group()[0] == "s" else " without ", text)
    if "-" in text or "_" in text:
        text = _INWORD_HYPHEN.sub(" ", text)
    if any(ch in text for ch in "1!|30@*#"):
        text = _LEETSPEAK.sub(lambda m: _LEET_LETTER.get(m.group(), "*"), text)
    text = text.replace("&", " and ").translate(_TRANSLATE).replace(",", " , ").replace(".", " . ")

    text = " " + " ".join(map(_fix_token, text.split())) + " "
    text = _NEW_STATEMENT.sub(" , ", text)
    for gate, pattern, replacement in _PHRASES:
        if gate is None or any(literal in text for literal in gate):
            text = pattern.sub(replacement, text)
    return text


# ---------------------------------------------------------------------------------------------
# Rules as data
# ---------------------------------------------------------------------------------------------

# Shared vocabulary for the patterns below; "~N" in a pattern means "up to N more words".
V = {
    "I": r"(?:i|i'm|i am|i've|i have|i'd|i had|i would|i'll|i will|i was|me)",
    "IM": r"(?:i'm|i am|i've been|i have been|i was|i feel|i felt|feeling|been)",
    "WANT": r"(?:want|wants|wanted|wanting|wish|wishes|wished|wishing|would like|need|needed|tempted)",
    "DIE": r"(?:die|be dead|not be alive|not exist|stop existing|cease to exist|not be here|not be around"
    r"|disappear forever|disappear for good|disappear permanently|be gone forever)",
    "KILLME": r"(?:kill(?:ing)? myself|end(?:ing)? (?:it all|my (?:own )?life|everything|my existence)"
    r"|tak(?:e|ing) my (?:own )?life|hang(?:ing)? myself|commit(?:ting)? suicide|do(?:ing)? myself in"
    r"|off(?:ing)? myself|drown(?:ing)? myself|jump(?:ing)? off (?:a|the) (?:bridge|building|roof"
    r"|cliff|car park)|jump(?:ing)? in front of (?:a|the) (?:train|bus|lorry|truck|car))",
    "ENDIT": r"(?:end(?:ing)? it|end(?:ing)? things|do(?:ing)? it|go(?:ing)? through with it)(?! with| for| off| up)",
    "MEANS": r"(?:tablets|pills|meds|medication|medications|paracetamol|painkillers|sleeping pills|antidepressants"
    r"|sertraline|citalopram|fluoxetine|mirtazapine|amitriptyline|codeine|co codamol|ibuprofen"
    r"|aspirin|insulin|rope|noose|razor|razors|razor blades|blade|blades|ligature|pills and vodka)",
    "PREP": r"(?:lined up|laid out|counted out|counted|saved up|saving up|been saving|stockpiled|stockpiling"
    r"|stockpile|hoarded|hoarding|stashed|hidden away|set aside|put aside|ready to go|all ready"
    r"|ready for tonight|ready)",
    "NOW": r"(?:tonight|right now|this evening|later today|later on today|tomorrow"
    r"|tomorrow night|this weekend|before morning|before the morning|before anyone wakes|in an hour"
    r"|in a few hours|in (?:an|one|two|a couple of|a few|\d+) (?:hours|minutes)|at midnight"
    r"|(?:after|when|once|as soon as) (?:everyone|everybody|they|the kids|he|she|my \w+|the house)"
    r"(?:'s|'re| is| are)?(?: [a-z']+){0,2} (?:asleep|gone|goes out|go out|out|leaves|leave|left|in bed|goes to bed"
    r"|go to bed|falls asleep|fall asleep|quiet|at work|back))",
    "RECENT": r"(?:tonight|today|this morning|this afternoon|this evening|last night|just now|an hour ago"
    r"|earlier today|earlier|right now|a few minutes ago|minutes ago|again today|again tonight)",
}


def _expand(source: str) -> str:
    for name, value in V.items():
        source = source.replace("{" + name + "}", value)
    source = re.sub(r" ~(\d+)", lambda m: rf"(?: [a-z0-9']+){{0,{m.group(1)}}}", source)
    # Every token is preceded by a space in normalised text; starting each pattern with that literal
    # space lets the regex engine skip straight to token starts (several times faster than a lookbehind).
    return r" (?:" + source + r")(?![a-z0-9'])"


@dataclass(frozen=True)
class Rule:
    """One pattern: id, level ("concern", "urgent", or "signal" = only used in COMBINATIONS), tags
    naming what it found, a one-line description, the regex (with {VOCAB} and ~N gaps), an optional
    ``unless`` regex that cancels it when found in the same sentence, and whether negation and
    attribution to other people apply."""

    id: str
    level: str
    tags: frozenset[str]
    description: str
    pattern: str
    unless: str | None = None
    negatable: bool = True
    attributable: bool = True


def _rule(
    rule_id: str,
    level: str,
    tags: str,
    description: str,
    *patterns: str,
    unless: str | None = None,
    negatable: bool = True,
    attributable: bool = True,
) -> Rule:
    return Rule(
        rule_id, level, frozenset(tags.split()), description, "|".join(patterns), unless, negatable, attributable
    )


_ACCIDENT = (
    r"\b(?:shaving|cooking|chopping|kitchen|accident|accidentally|by mistake|oven|iron|stove|pan|kettle"
    r"|tray|paper cut|gym|football|rugby|running|fell|fall|slipped|tripped|playing|gardening|garden|dinner"
    r"|veg|vegetables|onions?|bread|sport|workout|exercise|lifting|haircut|fringe|curling|straighteners"
    r"|hair|nails|glass|tin|can opener|sunburn|sunburnt|burnt toast|hot water|tea|coffee|bike|hiking"
    r"|climbing|skiing|yoga|back|knee|ankle|wrist (?:sprain|strain))\b"
)
_WORRY = r"\b(?:scared|afraid|terrified|fear|frightened|worried|anxious|panic|panicking|heart attack|cancer|illness)\b"

RULES: tuple[Rule, ...] = (
    # ---- urgent: intent, plans, means at hand, an attempt or self-harm in progress --------------
    _rule(
        "stated_intent",
        "urgent",
        "intent active",
        "says they are going to kill themselves / end their life (current intent)",
        r"(?:i'm|i am|i was|i'll|i will|i've decided to|i have decided to|i decided to|i'm ready to|i am ready to"
        r"|i'm about to|i am about to|i'm planning to|i am planning to|i'm planning on|i plan to|i intend to"
        r"|i'm finally going to|i'm actually going to|i'm really going to)"
        r"(?: going to| gonna| really| actually| finally| just| definitely){0,3} {KILLME}",
        r"(?:i'm|i am|i'll|i will|i've decided to|i decided to) (?:going to )?(?:end it|go through with it)"
        r"(?! with| for| off| up)",
        r"(?:i've|i have) (?:decided|made up my mind|made my decision) (?:to (?:die|go)|that i(?:'m| am| will|'ll)"
        r" ~3 (?:die|go|kill myself|end))",
        unless=r"\bif\b(?! i ever)|\bunless\b",
    ),
    _rule(
        "plan_with_means",
        "urgent",
        "plan means",
        "means of suicide prepared: tablets lined up, pills saved, a noose tied",
        r"{MEANS} ~4 {PREP}",
        r"{PREP} ~4 {MEANS}",
        r"(?:tied|tying|made|making|bought|buying|got|have) (?:a|the|my) noose|\bnoose\b ~3 (?:ready|tied|up)",
        r"enough (?:pills|tablets|meds|paracetamol|painkillers|medication) ~3 (?:to|for) (?:kill|die|end|od"
        r"|overdose|do it|not wake up)",
        unless=r"\b(?:pharmacy|chemist|prescription|pick up|pick them up|collect|collected from|gp|doctor"
        r"|organi[sz]er|dosette|holiday|trip|suitcase|travel|camping|headache|period|cold|flu|dentist"
        r"|tablets? for|vet|dog|cat)\b",
    ),
    _rule(
        "method_research",
        "urgent",
        "plan",
        "researching or choosing a method, dose, place or date",
        r"(?:googled|googling|google|researched|researching|looked up|looking up|searched|searching|read up on"
        r"|looking into|looked into|worked out|working out|figured out|planned|planning|plan|picked|chose|chosen)"
        r" ~2 (?:how|ways|the best way|the easiest way|a way|methods?|painless ways?|the quickest way|how many)"
        r" ~3 (?:to|i could|i'd|i would|i can|it takes to) ~1 (?:die|kill myself|end it|end my life|overdose|od"
        r"|hang myself|do it|not wake up|kill you|be fatal)",
        r"how many (?:pills|tablets|paracetamol|painkillers|sleeping pills) ~4 (?:kill|die|fatal|lethal|overdose"
        r"|it would take|to take)",
        r"lethal dose|fatal dose|(?:which|the right|the best) (?:bridge|building|height) to (?:jump|use)",
        r"(?:i've|i have) (?:picked|chosen|set) (?:a|the) (?:date|day|time|place|spot|bridge)",
        r"(?:i've|i have|i've got|i have got|i made|i've made) (?:a|the) plan (?:to|for how|for when|of how)",
    ),
    _rule(
        "goodbye",
        "urgent",
        "plan",
        "final goodbyes: suicide note, goodbye letters, giving things away, 'last entry'",
        r"(?:wrote|written|writing|write|left|leaving|finished) (?:a|my|the) (?:suicide )?note"
        r"(?: for| to) (?:my|everyone|them|when)|suicide note|goodbye (?:letters?|notes?|messages?|texts?)",
        r"(?:this is|it's) (?:my )?(?:goodbye|the end)\b ~2 (?:everyone|world|all)?|goodbye (?:everyone|world"
        r"|cruel world)",
        r"(?:this is|this will be|it's) my (?:last|final) (?:entry|message|note|letter|post|words)",
        r"by the time (?:you|anyone|someone|they) (?:read|reads|find|finds|see|sees) this",
        r"(?:i|i'm|i am) (?:won't|will not|not going to|won't be) (?:be )?(?:here|around|alive) (?:tomorrow"
        r"|much longer|by (?:tomorrow|morning|the weekend|monday|friday)|in the morning|next week|for long)",
        r"(?:giving|gave|give) away (?:my|all my) (?:things|stuff|belongings|possessions)",
        r"(?:said|saying|say) (?:my )?goodbyes? to (?:everyone|my family|my kids|them all|mum|my mum)",
    ),
    _rule(
        "attempt_in_progress",
        "urgent",
        "attempt act",
        "an overdose taken or an attempt / self-harm happening right now",
        r"(?:i've|i have|i just|just|i|i've just|i have just) (?:taken|took|swallowed|downed|had) (?:all|a lot of"
        r"|loads of|a load of|lots of|\d\d+|too many|the whole|a whole|a handful of|a bunch of|all of|all my"
        r"|all the|a bottle of|a box of|a packet of|a pack of|every|a fistful of|two boxes of|two packets of)"
        r" ~3 (?:pills|tablets|meds|medication|paracetamol|painkillers|sleeping pills|antidepressants|them)",
        r"(?:i'm|i am|i've started) (?:bleeding|cutting|burning myself|hurting myself|overdosing)"
        r" ~2 (?:right now|now|as i (?:write|type)|and can't stop|a lot|so much|everywhere)",
        r"(?:i'm|i am) (?:standing )?(?:on|at) the (?:edge of the )?(?:bridge|ledge|edge|roof|platform|cliff)"
        r" ~3 (?:now|right now|tonight|ready|jump)|rope is (?:around|round|on) my neck",
        r"can't stop the bleeding|won't stop bleeding",
        unless=r"\b(?:prescribed|as prescribed|for my (?:headache|back|period|pain|cold|migraine))\b",
    ),
    _rule(
        "cannot_stay_safe",
        "urgent",
        "intent",
        "says they cannot keep themselves safe",
        r"(?:can't|cannot|won't be able to|don't think i can|not sure i can|unsure if i can) keep myself safe",
        r"(?:i'm|i am|i feel) not safe (?:tonight|right now|with myself|around myself|from myself|at the moment)",
        r"don't (?:feel|think i'm) safe (?:with|from|around|by) myself",
        r"don't trust myself (?:tonight|right now|to stay safe|not to (?:do|hurt|act))",
        unless=r"\b(?:drive|driving|walk home|at night alone)\b",
    ),
    # ---- concern: ideation, wishing to be dead, burden, critic -----------------------------------
    _rule(
        "wish_to_die",
        "concern",
        "ideation passive",
        "wants or wishes to die, to be dead, not to exist or not to be here",
        r"{WANT} ~2 to {DIE}",
        r"(?:wish|wished|wishing|wishes) (?:that )?(?:i|i'd|i had|i could|to) ~3 (?:dead|die|died|not exist|not"
        r" existed|stop existing|cease to exist|never (?:been )?born|not (?:been )?born|disappear|vanish|not be"
        r" (?:here|alive|around)|be gone|not wake up|never wake up|sleep forever|fade away|not be me)",
        r"(?:wish|wishing|longing|long|pray|praying|hope|hoping) (?:for|to) (?:death|die|be dead|it all to end"
        r"|everything to end)",
        r"(?:want|wanted|wanting|need) (?:it all|everything|all of it|my life|life) ~1 to (?:end|be over|stop)",
        r"ready to die|(?:i|i'd|i would) (?:rather|sooner) (?:be dead|die|not exist|not be here)",
        r"(?:i|i'm|i'd|i'll) (?:just )?(?:be|am|feel) better off dead|better off dead",
        r"(?:i|i'm|i am|i just) (?:just )?(?:want|wanna|wanted) to (?:disappear|vanish|not be here|not be alive"
        r"|stop being alive|stop living|be gone|go to sleep forever|fade away)(?! from| for a| to| into| off)",
        r"(?:don't|do not|didn't|no longer|never) (?:really )?(?:want|wanna|wish) (?:to )?(?:live|be alive"
        r"|exist|be here|go on|carry on|keep going|keep living|be around|be on this earth|wake up)"
        r"(?=\s*$| [.,] | (?:anymore|any more|now|like this|much longer|another day|tomorrow|at all|ever|again)\b)",
        r"(?:tired|sick|exhausted|done|finished|weary) (?:of|with) (?:living|being alive|existing|life|my life"
        r"|being here|this life|everything)(?! of| in| at| from)",
        r"(?:no|see no|can't see a|there's no|there is no) (?:reason|point|purpose) (?:to|in|of) (?:live|living"
        r"|go on|going on|carry on|carrying on|being alive|being here|existing|keep going|keeping going|my life)",
        r"what's the point (?:of|in) (?:living|life|going on|being alive|existing|carrying on|me|anything anymore)",
        r"(?:life|my life|living) (?:is|isn't|is not|feels|doesn't feel|isn't really) ~1 (?:not )?worth (?:living"
        r"|it anymore|anything)|not worth living",
        r"(?:can't|can not) (?:go on|keep going|carry on|do this|take (?:it|this)) (?:anymore|any more|much"
        r" longer|living|like this)(?! at| in| with| job| work)",
        r"don't know how (?:much|many) (?:longer|more) ~2 (?:can|could) (?:go on|keep going|do this|take (?:it|this)"
        r"|hold on|carry on|cope|last)",
        r"(?:i|i'm|i am|i was) (?:so )?(?:ready|close) to (?:give up on (?:life|living|everything)|end it)"
        r"(?! with)|giv(?:e|ing|en) up on (?:life|living|being alive)",
        r"(?:want|wish) (?:someone|somebody|something|a car|a bus|god) (?:to|would|could) (?:just )?kill me"
        r"|(?:let|make) me die|please (?:let|make) me (?:die|not wake up)",
        r"(?:i|i'm|i am|i was|i'd|i would) (?:not )?(?:even )?(?:care|mind|bothered) if i (?:died|die|was dead"
        r"|were dead|didn't wake up|got hit|got run over|crashed|never woke up|disappeared)"
        r"|(?:don't|do not|wouldn't|would not) (?:even )?(?:care|mind) if i (?:die|died|didn't wake up|got hit"
        r"|got run over|crashed|never woke up|was dead|disappeared)",
        r"(?:welcome|welcomes|embrace) death|death (?:sounds|seems|feels) (?:like )?(?:nice|peaceful|good|easier"
        r"|better|like a relief|like an escape)|dying (?:sounds|seems|feels) (?:nice|peaceful|easier|better|like a)",
        r"(?:i|i'm|i am|i just) (?:just )?(?:don't|do not|no longer) want to be (?:alive|here|around)",
        unless=r"\bif i (?:ever )?(?:feel|start|get|have|notice)\b",
    ),
    _rule(
        "not_wake_up",
        "concern",
        "ideation passive",
        "hopes or wishes not to wake up / to sleep forever",
        r"(?:hope|hoping|hoped|wish|wishing|wished|pray|praying|prayed|want|wanted|wanting|would like) ~4"
        r" (?:don't|do not|wouldn't|won't|will not|never|not|didn't|did not) wake up",
        r"(?:go|went|going|fall|fell|falling|drift|drifted) (?:to sleep|asleep|off) (?:and|&) (?:just )?(?:not|never"
        r"|don't|didn't) wake (?:up)?",
        r"sleep (?:forever|and never wake|and not wake|for ever|permanently|eternally)|never wake up again"
        r"|not wake up (?:tomorrow|in the morning|again)",
        r"(?:disappointed|upset|annoyed|angry|sad) (?:that|when|to) i (?:woke up|wake up|still woke up)",
    ),
    _rule(
        "burden_without_me",
        "concern",
        "ideation passive",
        "feels others or the world would be better off without them",
        r"(?:better|happier|easier|lighter|brighter|simpler|freer) (?:off )?(?:without me|if i (?:was|were|wasn't"
        r"|weren't|didn't|died|disappeared|left for good|was gone|were gone) ~1)",
        r"(?:nobody|no one|noone|no body|not one person|none of them|nobody at all) (?:would|will|'d) (?:even )?"
        r"(?:miss|notice|care|mourn) ~3 if i (?:died|was dead|were dead|was gone|were gone|disappeared|killed"
        r" myself|wasn't here|weren't here|wasn't around|didn't wake up|never came back)",
        r"if i (?:died|was gone|were gone|disappeared|killed myself|wasn't here|weren't here) ~3 (?:nobody|no one"
        r"|noone) (?:would|will) (?:even )?(?:miss|notice|care)",
        r"(?:nobody|no one|noone) (?:would|will) (?:even )?miss me",
        r"(?:i'm|i am|i feel like|i'm just|i am just|i'm nothing but) (?:such |just |only |nothing but )?a"
        r" (?:burden|drain|waste of space|waste of oxygen|waste of air) (?:to|on|for) (?:everyone|everybody"
        r"|my family|my kids|my partner|the people|them all|all of them|the world|this world)",
        r"waste of (?:oxygen|air|a life)|(?:shouldn't|should not|don't deserve to) (?:be alive|exist|be here"
        r"|be born|have been born|live)|(?:i|i'm|i) deserve to (?:die|be dead)"
        r"|(?:should|shouldn't) have (?:died|been born|survived)",
        r"(?:it'd|it would|things would|everything would|life would) be (?:easier|better|simpler) (?:for everyone"
        r" )?if i (?:was|were|wasn't|weren't|didn't) (?:dead|gone|here|around|exist|alive|wake up|born)",
    ),
    _rule(
        "active_ideation",
        "concern",
        "ideation active",
        "thinks about or wants to kill themselves (no plan or time given)",
        r"{KILLME}",
        r"(?:want|wanted|wanting|need|thinking about|thought about|think about|thoughts of|thoughts about"
        r"|urge to|urges to|tempted to|close to|considering|considered|contemplating|contemplated) ~2 {ENDIT}"
        r"(?! with| for| off| up)",
        unless=r"\b(?:in the (?:book|novel|film|movie|show|play|game)|character|protagonist|narrator)\b",
    ),
    _rule(
        "suicidal_thoughts",
        "concern",
        "ideation",
        "reports feeling suicidal or having suicidal thoughts / thoughts of death",
        r"suicidal(?! (?:people|person|friend|patient|client|clients|patients|behaviou?r in|ideation in|risk"
        r" assessment|crisis training))",
        r"(?:thoughts|thinking|thought|think|dreams?|dreaming|fantasi[sz]e|fantasi[sz]ing|obsessing|obsessed)"
        r" (?:about|of) (?:suicide|killing myself|dying|being dead|death|my death|my own death|not being here"
        r"|not existing|ending (?:it|things|my life)|taking my (?:own )?life|how i would die)",
        r"(?:considering|considered|contemplating|contemplated|attempt|commit|committing|planning) suicide"
        r"|suicide (?:seems|feels|is) (?:like )?(?:the|my|an|a) (?:only|best|easiest|answer|option|way)"
        r"|suicide (?:thoughts|urges|ideation|feelings)",
        unless=_WORRY,
    ),
    _rule(
        "critic_says_die",
        "concern",
        "ideation critic",
        "the inner critic (or an unattributed voice) tells them to die or kill themselves",
        r"kill(?:ing)? yourself|kill urself",
        r"(?:you|u) (?:should|ought to|need to|deserve to|might as well|may as well) (?:just )?(?:die|be dead"
        r"|not exist|disappear|not be here|not be alive|end it|do everyone a favou?r)",
        r"(?:you'd|you would|you're|you are|everyone would be|they'd be|they would be|world would be|everyone's)"
        r" (?:all )?(?:better|happier|lighter) (?:off )?(?:dead|without you)",
        r"(?:you|u) (?:don't|do not) deserve to (?:live|exist|be alive|be here)",
        r"(?:nobody|no one) would (?:even )?miss you|(?:go|just) (?:die|drop dead)\b",
        r"(?:says?|said|tells? me|told me|keeps saying|whispers?|screams?|shouts?|insists?) (?:that )?i should"
        r" (?:just )?(?:die|be dead|kill myself|not exist|not be here|disappear|not be alive)",
        r"(?:i|i'd|i really) should (?:just )?(?:die|be dead|not exist|not be alive|not be here)"
        r"(?! (?:of|from|laughing|if))",
    ),
    # ---- concern: self-harm ----------------------------------------------------------------------
    _rule(
        "self_harm",
        "concern",
        "selfharm act",
        "self-harm acts: cutting, burning, hitting, scratching or otherwise hurting themselves",
        r"self (?:harm|harming|harmed|injury|injuring|injured|mutilation|mutilating)",
        r"(?:cut|cuts|cutting|burn|burns|burned|burnt|burning|hit|hits|hitting|punch|punched|punching|scratch"
        r"|scratched|scratching|slap|slapped|slapping|bite|bit|biting|stab|stabbed|stabbing|carve|carved"
        r"|carving|hurt|hurts|hurting|harm|harmed|harming|bruise|bruised|injure|injured|injuring|scald|scalded)"
        r" (?:myself|my (?:own )?(?:arms?|wrists?|thighs?|legs?|skin|stomach|body|hips?|hands?|face|chest"
        r"|ankles?|shoulders?))",
        r"(?:been|started|start|keep|kept|went back to|back to|stop|stopped|resisted|relapsed (?:on|with|into))"
        r" (?:cutting|burning myself|self harming)|cutting again|cut again|relapsed and (?:cut|burned|hurt)",
        r"(?:fresh|new|deep|old) (?:cuts|scars|wounds|burns) (?:on|from|up) (?:my|me)|cuts on my"
        r"|(?:hide|hiding|hid|cover|covering) (?:my|the) (?:cuts|scars|burns|wounds)",
        r"(?:bang|banged|banging|hit|hitting|smash|smashed|smashing) my head (?:against|on|into) (?:the|a)"
        r" (?:wall|floor|desk|door|table)",
        r"(?:digging|dug|dig) my nails into (?:my )?(?:skin|arms?|hands?|palms?|legs?) ~3 (?:bleed|blood|marks"
        r"|until|till|punish)",
        r"(?:pull|pulled|pulling) (?:my|out my) hair out (?:to punish|as punishment|until it bled)",
        unless=_ACCIDENT,
    ),
    _rule(
        "self_harm_urge",
        "concern",
        "selfharm urge",
        "urges or wishes to self-harm",
        r"(?:urge|urges|urging|want|wanted|wanting|itching|tempted|need|needed|craving|crave|think about"
        r"|thinking about|thought about) ~2 to (?:cut|burn|hurt|harm|hit|punch|scratch|punish)(?: myself)?"
        r"(?! (?:him|her|them|someone|somebody|the|my \w+|hair|back|down|out|ties))",
        r"(?:urge|urges|cravings) (?:to self harm|for self harm|are back|came back|have returned|have come back"
        r"|returned|back again|are getting stronger|are strong)",
        r"(?:thinking|thought) about (?:cutting|burning|hurting|harming) (?:myself|again)",
        unless=_ACCIDENT + r"|\b(?:urges? to (?:eat|binge|drink|smoke|buy|shop|text|call|check|scroll))\b",
    ),
    _rule(
        "self_starving",
        "concern",
        "selfharm",
        "starving themselves or skipping meals as self-punishment",
        r"starv(?:e|ed|ing) myself",
        r"(?:skip|skipped|skipping|miss|missed|missing|refuse|refused|refusing|not eating|didn't eat|won't eat"
        r"|haven't eaten) ~4 (?:meals?|dinner|lunch|breakfast|food|eating|tea|supper) ~6 (?:punish|punishment"
        r"|deserve|don't deserve|earned|earn it|penance)",
        r"(?:punish|punishing|punished|punishment) ~5 (?:skip|skipping|skipped|not eat|not eating|starv"
        r"|no food|no dinner|no lunch|didn't eat|won't eat|refuse to eat)",
        r"(?:don't|do not|didn't) deserve (?:to eat|food|dinner|lunch|breakfast|meals?|a meal)",
        r"(?:not|won't|wouldn't|don't|didn't) (?:let|letting|allow|allowing) myself (?:to )?eat",
    ),
    _rule(
        "self_punishment",
        "concern",
        "selfharm urge",
        "wants to hurt or punish themselves physically",
        r"deserve (?:the )?(?:pain|to hurt|to suffer|to bleed|to be hurt|to feel pain)",
        r"punish(?:ing|ed)? myself (?:by|with) (?:cutting|hurting|hitting|burning|scratching|not eating|starving"
        r"|skipping)",
    ),
    # ---- concern: past attempts ------------------------------------------------------------------
    _rule(
        "past_attempt",
        "concern",
        "attempt act",
        "a previous suicide attempt or overdose",
        r"(?:tried|try|trying|attempted|attempt) (?:to )?(?:kill|unalive|end|hang|overdose|drown|suffocate|take)"
        r" (?:myself|my (?:own )?life|it all)",
        r"(?:suicide|overdose|od) attempts?|attempted suicide|(?:my|an|the) (?:first|second|third|last|previous"
        r"|recent|latest|only) (?:suicide )?attempt(?! at| to)|(?:since|after|before|survived|survivor of) (?:my|an"
        r"|the) (?:attempt|overdose)(?! at| to)",
        r"(?:i|i've|i have|when i|after i|since i) (?:overdosed|took an overdose|had an overdose|od'd)",
        r"(?:hospitali[sz]ed|sectioned|admitted|in a (?:and )?e|in hospital|stomach pumped) ~3 (?:after|for"
        r"|following|because of) (?:my |an |the )?(?:overdose|attempt|taking (?:pills|tablets))",
    ),
    # ---- signals: only used in COMBINATIONS ------------------------------------------------------
    _rule(
        "time_soon",
        "signal",
        "time",
        "a time soon: tonight, right now, after everyone is asleep",
        r"{NOW}",
        negatable=False,
    ),
    _rule(
        "time_recent",
        "signal",
        "recent",
        "a time within the last day: today, last night, just now",
        r"{RECENT}",
        negatable=False,
    ),
    _rule(
        "means_held",
        "signal",
        "means",
        "has, bought or keeps the means (pills, rope, blades ...)",
        r"(?:have|has|got|bought|buy|buying|keep|kept|hid|hidden|hide|stashed|saved|collected|ordered|found"
        r"|holding|took|take|get|getting) ~3 {MEANS}",
        r"{MEANS} ~3 (?:in|under|inside|at|on) (?:my|the) (?:drawer|bag|room|car|bedroom|bathroom|cupboard"
        r"|cabinet|pocket|bed|desk|hand|hands|lap|table)|{MEANS} (?:here|with me|next to me|beside me|in front of me)",
        unless=r"\b(?:pharmacy|chemist|prescription|as prescribed|headache|migraine|period|cold|flu|dentist"
        r"|forgot|forgetting|remember to|reminder)\b",
    ),
    _rule(
        "vague_intent",
        "signal",
        "intent",
        'an intent without an object ("I\'m going to do it tonight")',
        r"(?:going to|gonna|will|i'll|about to|ready to|decided to) (?:finally )?(?:do it|go through with it"
        r"|end it|jump|go)(?! (?:with|for|off|up|to|out|shopping|home|back|on))",
        r"(?:tonight|today|tomorrow) (?:is|'s|will be) the (?:night|day)|(?:tonight|today)'s the (?:night|day)",
        r"(?:i've|i have|i've got|i have got) a plan",
        r"(?:this|it) (?:is|will be) the last time",
    ),
)

# Two tagged findings meeting in one sentence (or anywhere in the entry) make a new finding.
COMBINATIONS: tuple[tuple[str, str, str, str, str, str], ...] = (
    # (id, level, tag of first finding, tag of second finding, scope, description)
    (
        "intent_with_time",
        "urgent",
        "active",
        "time",
        "sentence",
        "active suicidal ideation with a time: tonight, now, after everyone is asleep",
    ),
    (
        "ideation_with_means",
        "urgent",
        "ideation",
        "means",
        "entry",
        "suicidal ideation in an entry that also says they have the means at hand",
    ),
    (
        "intent_with_ideation",
        "urgent",
        "ideation",
        "intent",
        "entry",
        "an intent or plan ('going to do it', 'I have a plan') in an entry with suicidal ideation",
    ),
    (
        "self_harm_today",
        "urgent",
        "act",
        "recent",
        "sentence",
        "self-harm or an attempt done today / last night / right now",
    ),
)

# Urgent findings in these clauses are history or hyperbole, reported as concern.
_DISTANT_PAST = re.compile(
    r"\b(?:years|months|weeks) ago\b|\blast (?:year|month|summer|winter|spring|autumn|christmas)\b|\bwhen i was"
    r" (?:\d+|a|younger|little|at|in|a teenager|a kid|a child|a student)\b|\bas a (?:teen|teenager|kid|child"
    r"|student)\b|\bin (?:19|20)\d\d\b|\bback (?:then|in)\b|\bused to\b|\bin my (?:teens|twenties|thirties|20s"
    r"|30s)\b|\bpreviously\b|\bin the past\b|\ba long time ago\b|\bat (?:uni|university|school|college)\b"
    r"|\bwhen i was younger\b|\bfirst time\b|\bever since\b"
)

# Words that make a sentence about the client's own critic: no attribution discount there.
_CRITIC = re.compile(
    r"\b(?:critic|critical voice|inner|voice|voices|my head|my brain|my mind|depression|part of me|gremlin"
    r"|bully|self talk|thoughts tell|it tells me|the chair)\b"
)

# Someone else's words being reported (a friend joked ..., the film says ...).
_OTHERS = (
    r"(?:he|she|they|we|his|her|their|friend|friends|mum|mom|mother|dad|father|sister|brother|partner"
    r"|boyfriend|girlfriend|husband|wife|son|daughter|aunt|uncle|cousin|nan|gran|grandma|grandad|colleague"
    r"|colleagues|coworker|boss|manager|teacher|client|patient|student|kid|kids|character|protagonist"
    r"|narrator|author|writer|book|novel|film|movie|show|series|documentary|article|song|lyrics|podcast"
    r"|someone|somebody|people|person|everyone|guy|girl|man|woman|teenager|lad|bloke|mate|mates|group"
    r"|speaker|trainer|lecturer|presenter|post|video|tiktok|meme|[a-z]+'s)"
)
_REPORTED = re.compile(
    r"\b" + _OTHERS + r"(?: [a-z']+){0,3} (?:said|says|say|saying|joked|jokes|joking|joke|told|tells|telling"
    r"|texted|texts|wrote|writes|posted|posts|tweeted|messaged|mentioned|admitted|admits|confided|confessed"
    r"|asked|asks|shouted|screamed|yelled|claimed|claims|explained|described|talked about|talks about"
    r"|spoke about|speaks about|discussed|kept saying|keeps saying|sang|sings|quoted|went on about|was like"
    r"|is like|goes)\b"
)

_FIRST_PERSON = frozenset(
    {"i", "i'm", "i've", "i'd", "i'll", "me", "my", "myself", "mine", "you", "you're", "your", "yourself"}
)
_OTHER_SUBJECTS = frozenset(re.findall(r"[a-z]+", _OTHERS.replace("[a-z]+'s", ""))) | frozenset(
    {
        "he's",
        "she's",
        "they're",
        "he'd",
        "she'd",
        "they'd",
        "he'll",
        "she'll",
        "they'll",
        "we're",
        "we'd",
        "him",
        "them",
        "us",
        "who",
        "anyone",
        "nurse",
        "doctor",
        "gp",
        "therapist",
        "counsellor",
    }
)
# Words that make what follows a topic, not a confession ("a documentary about self harm").
_TOPIC_WORDS = frozenset(
    {
        "training",
        "course",
        "lecture",
        "module",
        "seminar",
        "workshop",
        "webinar",
        "documentary",
        "book",
        "novel",
        "film",
        "movie",
        "article",
        "podcast",
        "research",
        "essay",
        "leaflet",
        "awareness",
        "prevention",
        "statistics",
        "rates",
        "class",
        "episode",
        "read",
        "reading",
        "watched",
        "watching",
        "studying",
        "study",
        "learned",
        "learning",
        "learnt",
        "researching",
        "charity",
        "campaign",
        "helpline",
        "volunteering",
        "volunteer",
        "show",
        "series",
        "news",
        "story",
        "poem",
        "song",
        "report",
        "paper",
        "thesis",
        "dissertation",
        "presentation",
        "conference",
        "topic",
        "subject",
        "signs",
        "training's",
        "exam",
    }
)
_NEGATORS = frozenset({"not", "never", "no", "nor", "without", "stopped", "quit", "avoid", "avoided", "resist"})
# Negated auxiliaries that do negate; "can't", "couldn't" and "shouldn't" do not ("I can't kill myself
# because of my kids" is still ideation).
_NEGATED_AUX = frozenset(
    {
        "don't",
        "didn't",
        "doesn't",
        "won't",
        "wouldn't",
        "isn't",
        "aren't",
        "wasn't",
        "weren't",
        "haven't",
        "hasn't",
        "hadn't",
        "ain't",
        "never",
    }
)
_NEGATION_WINDOW = 5

_COMPILED: tuple[tuple[Rule, frozenset[str] | None, re.Pattern[str], re.Pattern[str] | None], ...] = tuple(
    (
        rule,
        required_literals(_expand(rule.pattern)),
        re.compile(_expand(rule.pattern)),
        re.compile(rule.unless) if rule.unless else None,
    )
    for rule in RULES
)
_VOCABULARY: frozenset[str] = (
    frozenset(word for rule in RULES for word in re.findall(r"[a-z][a-z']+", rule.pattern + " " + " ".join(V.values())))
    | frozenset(SPELLING.values())
    | frozenset(_FUZZY_WORDS)
)

# ---------------------------------------------------------------------------------------------
# Engine
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Finding:
    rule_id: str
    level: str
    tags: frozenset[str]
    words: str
    sentence: int
    start: int


def _boundaries(text: str, mark: str) -> list[int]:
    """Offsets where a new span starts after each mark (" . " or " , ")."""
    found = [0]
    position = text.find(mark)
    while position != -1:
        found.append(position + len(mark) - 1)
        position = text.find(mark, position + 1)
    return found


def _is_negated(before: list[str]) -> bool:
    """True when a negator sits among the last few words before a match, in the same clause."""
    window = before[-_NEGATION_WINDOW:]
    for index, word in enumerate(window):
        if word in _NEGATORS or word in _NEGATED_AUX:
            # "no" only negates as "no longer", "no plans to", "no thoughts of", or right before the match.
            if word == "no":
                follower = window[index + 1] if index + 1 < len(window) else ""
                if follower not in {
                    "",
                    "longer",
                    "more",
                    "plans",
                    "plan",
                    "intention",
                    "intentions",
                    "intent",
                    "desire",
                    "urge",
                    "urges",
                    "thoughts",
                    "way",
                    "wish",
                    "real",
                    "active",
                    "current",
                    "suicidal",
                    "need",
                }:
                    continue
            return True
    return False


def _subject_is_other(before: list[str]) -> bool:
    """Walk back from the match to the nearest subject-like word: someone else, or a topic word
    (a course, a book), means the words are not the client's own."""
    for word in reversed(before):
        if word in _FIRST_PERSON:
            return False
        if word in _OTHER_SUBJECTS or word in _TOPIC_WORDS or word.endswith("'s") and word[:-2] in _OTHER_SUBJECTS:
            return True
    return False


def _mentions_self(words: str) -> bool:
    return any(word in _FIRST_PERSON for word in words.split())


def screen(text: str) -> Screening:
    """Screen one text written by a client.

    Returns the highest level found ("none", "concern" or "urgent") and one reason per finding,
    ``"rule_id: matched words"``, in the order they appear; no reasons for "none". Never raises for
    any string, including the empty one.
    """
    if not text or not text.strip():
        return _NONE
    norm = normalise(text)
    sentences = _boundaries(norm, " . ")
    clauses = _boundaries(norm, " , ")
    clauses = sorted(set(clauses) | set(sentences))

    findings: list[_Finding] = []
    for rule, gate, regex, unless in _COMPILED:
        if gate is not None and not any(literal in norm for literal in gate):
            continue
        for match in regex.finditer(norm):
            start, end = match.start(), match.end()
            sentence_index = bisect_right(sentences, start) - 1
            sentence_start = sentences[sentence_index]
            sentence_end = sentences[sentence_index + 1] if sentence_index + 1 < len(sentences) else len(norm)
            sentence = norm[sentence_start:sentence_end]
            if unless is not None and unless.search(sentence):
                continue
            clause_start = clauses[bisect_right(clauses, start) - 1]
            before = norm[clause_start:start].split()
            words = match.group().strip()
            if rule.negatable and _is_negated(before):
                continue
            if (
                rule.attributable
                and rule.level != "signal"
                and _attributed(words, before, norm, sentence_start, start, sentence)
            ):
                continue
            level = rule.level
            if level == "urgent" and _DISTANT_PAST.search(norm, clause_start, _clause_end(norm, end)):
                level = "concern"
            findings.append(_Finding(rule.id, level, rule.tags, words, sentence_index, start))

    findings.extend(_combine(findings, norm, clauses))
    reported = [finding for finding in findings if finding.level != "signal"]
    if not reported:
        return _NONE
    reported.sort(key=lambda finding: finding.start)
    level = max((finding.level for finding in reported), key=_RANK.__getitem__)
    reasons = tuple(dict.fromkeys(f"{finding.rule_id}: {finding.words}" for finding in reported))
    return Screening(level, reasons)


def _clause_end(norm: str, position: int) -> int:
    ends = [index for index in (norm.find(" , ", position), norm.find(" . ", position)) if index != -1]
    return min(ends) if ends else len(norm)


def _attributed(words: str, before: list[str], norm: str, sentence_start: int, start: int, sentence: str) -> bool:
    """True when the match is someone else's words or topic, not the client's (see module doc)."""
    if _CRITIC.search(sentence):
        return False
    if _REPORTED.search(norm, sentence_start, start):
        return True
    return not _mentions_self(words) and _subject_is_other(before)


def _combine(findings: list[_Finding], norm: str, clauses: list[int]) -> list[_Finding]:
    """Apply COMBINATIONS: findings with both tags in the same sentence (or entry) add a new finding."""
    extra: list[_Finding] = []
    for combo_id, level, first_tag, second_tag, scope, _description in COMBINATIONS:
        firsts = [f for f in findings if first_tag in f.tags and f.level != "signal"]
        seconds = [f for f in findings if second_tag in f.tags]
        for first in firsts:
            partner = next(
                (s for s in seconds if s is not first and (scope == "entry" or s.sentence == first.sentence)), None
            )
            if partner is None:
                continue
            combo_level = level
            clause_start = clauses[bisect_right(clauses, first.start) - 1]
            if _DISTANT_PAST.search(norm, clause_start, _clause_end(norm, first.start)):
                combo_level = "concern"
            extra.append(
                _Finding(
                    combo_id,
                    combo_level,
                    frozenset(),
                    f"{first.words} + {partner.words}",
                    first.sentence,
                    min(first.start, partner.start),
                )
            )
            break
    return extra


_NONE = Screening("none", ())


def check_line(data: dict[str, Any]) -> dict[str, Any]:
    """Answer one `selfkind safety-check` line: {"text": str} -> {"level": str, "reasons": [str, ...]}.

    Keys other than "text" are ignored; a missing or non-string "text" raises LineError.
    """
    if "text" not in data:
        raise LineError('missing "text": expected {"text": "..."}')
    text = data["text"]
    if not isinstance(text, str):
        raise LineError(f'"text" must be a string, not {type(text).__name__}')
    result = screen(text)
    return {"level": result.level, "reasons": list(result.reasons)}
