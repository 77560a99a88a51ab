"""Offline crisis-language screening for everything a client writes.

Pure Python and ``re`` only: no Django, no models, no downloads. The screener the product calls
(``screener.screen``: the save path and `selfkind safety-check`) starts from these rules and may only
raise their level with the learned complement (``learned.py``).

Levels (from the product's safety spec):

* ``urgent``  - current intent, a plan, means at hand, a time, an attempt or self-harm happening
  now or today;
* ``concern`` - passive ideation, wishing to be dead or not to wake up, feeling others would be
  better off without them, self-harm acts or urges (including starving oneself as punishment), a
  past attempt, the inner critic telling them to die;
* ``none``    - everything else: ordinary self-criticism, figures of speech, other people's deaths,
  talking or reading about suicide in general.

How a text is screened (recall first: a missed risk is worse than a false alarm):

1. ``normalise`` lower-cases, straightens apostrophes, undoes leetspeak and censoring ("k*ll"),
   maps misspellings and slang ("wnat", "kms", "unalive", "sh", "rn", "thinkin") to canonical words,
   corrects near misses of distinctive key words ("tabelts" -> "tablets", "atempted") and blanks out
   figures of speech ("died laughing", "I'd rather die than sing karaoke", "dying to see") and
   journaling sign-offs ("that's all for tonight") so they never reach the rules. Punctuation
   becomes clause (",") and sentence (".") marks; clause marks also go before "but", "though", "and
   I" ...; the speaker and field labels of two-chair dialogues and thought records ("critic:", "kind
   self:", "hot thought:") start a new sentence, so one voice is not read with the next.
2. The rules are written over a risk LEXICON (``V``): word classes for dying and not existing
   (``DIE``, ``DIE_WEAK``, ``DIED``, ``DEATH_WORD``, ``DEATH_GER``), killing oneself (``KILLME``),
   wishing and accepting (``STANCE``, ``ACCEPT``, ``THINK``), self-harm verbs, body parts and tools
   (``SH_VERB``, ``BODY``, ``SH_TOOL``), means and amounts (``MEANS``, ``DRUG``, ``QUANT``), places and
   times (``PLACE``, ``STRONG_PLACE``, ``TIME``, ``LATER``, ``RECENT``). A pattern joins classes with
   word gaps (``~N`` in one clause; ``~gN`` / ``~~N`` guarded gaps that may not contain someone else,
   a negation or a new proposition; ``~oN`` across clauses; ``~sN`` across a sentence), so one line
   covers many phrasings ("I keep wishing I could just quietly not exist"). Broad lexicon rules
   (``death_wish``, ``accepts_death``, ``first_person_death``) are *fallbacks*: they report only words
   that no specific rule has already explained.
3. Every match is then checked against well-defined EXCLUSIONS, in its clause and sentence:
   - *negation*: "not", "never", "n't", "no longer", "stopped" ... shortly before the match in the
     same clause drops it ("I'm not suicidal", "I would never hurt myself"); a conjunction or a new
     subject ends its reach ("I haven't slept and want to die", "she doesn't know I've been cutting"),
     except after "think", "believe" ... ("I don't think I'd ever want to die"); disclaimers such as
     "not going to lie" negate nothing;
   - *attribution*: other people's reported words ("my flatmate said ..."), a named lyric or title,
     and matches whose nearest subject is someone else ("she wanted to die") or a topic ("a
     documentary about self harm", "my clinical module: ... suicidal ideation") are dropped - never
     when the sentence is about the client's own critic, inner voice or head, and never when the
     writer says they meant it ("I typed it and meant it");
   - *context*: a rule may carry an ``unless`` pattern (accidents: cutting myself *while cooking*;
     fear of dying; medication adherence; media, study and professional talk), concern-level
     matches in a hypothetical or safety plan ("if I ever feel suicidal") are dropped, and so are
     death wishes in a clearly trivial or joking sentence ("kms lol, sent it to the whole company").
   - *resolved past ideation*: ideation set in the past ("I used to want to die", "years ago")
     and resolved in the same sentence ("I don't anymore", "that's long gone") is dropped;
   - *song and quote lines*: "the song I keep playing goes 'let me die young'" is not the writer's.
   Rules of level "signal" (a time, means at hand, a risky place, goodbyes, calm resolve, an unnamed
   act such as "I'm doing it") are never reported alone.
   The later rules (from "vital_medication_stopped" on) each cover a *class* of phrasing found in
   newer writers' text rather than one wording: euphemisms for dying ("log off for good", "go to
   sleep for good"), vital medicines stopped, goodbyes that point past death (notes for the family to
   read afterwards), the critic's lines in a dialogue, self-harm and urges in other words, others
   relieved "if I were gone", intrusive method thoughts ...
4. URGENCY comes from ``COMBINATIONS``: tagged findings that meet in one sentence or one entry make
   a new finding (ideation with means at hand, an announced act with a time, goodbyes with a plan or
   calm resolve, self-harm with "today" or "for the last ten minutes" ...).
5. Urgent findings set in the distant past ("years ago", "when I was 15") are reported as concern.

The level is the highest of all findings; ``reasons`` lists each as ``"rule_id: matched words"`` in
text order. ``rule_table()`` lists every rule and combination id with its level and description, for
clinical audit. Each alternative pattern of a rule runs only on texts that pass its ``Gate``, a set
test derived from the literal strings it cannot match without (all gates are checked at once through
one index; a group's first words after a space are tested as token prefixes, not substrings), which
keeps ordinary entries fast.
"""

from __future__ import annotations

import re
import re._constants as re_constants  # type: ignore[import-not-found]
import re._parser as re_parser  # type: ignore[import-not-found]
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

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


_KEY_LENGTH = 5


def required_literals(pattern: str) -> frozenset[str] | None:
    """Literal strings of which every match of ``pattern`` contains at least one, or None if the
    pattern has no such set. A pattern is only run on texts containing one of them (a C-speed
    substring test), which keeps screening of ordinary entries fast without hand-kept keyword lists.
    Derived from the parse tree of Python's own ``re`` module: the most selective of its required sets."""
    ranked = required_literal_sets(pattern)
    return ranked[0] if ranked else None


def required_literal_sets(pattern: str) -> list[frozenset[str]]:
    """Every set of literals of which each match of ``pattern`` contains one, most selective first: all
    of them must be present for the pattern to match, so a gate may test them all ([] when none)."""
    try:
        tree = re_parser.parse(pattern)
    except (re.error, AttributeError):  # pragma: no cover - private API; fall back to always running
        return []
    return [frozenset(found) for found in _candidate_sets(list(tree))]


def _literals_of(items: list[Any]) -> set[str] | None:
    ranked = _candidate_sets(items)
    return ranked[0] if ranked else None


def _candidate_sets(items: list[Any]) -> list[set[str]]:
    candidates: list[set[str]] = []
    run: list[str] = []
    for position, (op, arg) in enumerate(items):
        if op is re_constants.LITERAL:
            run.append(chr(arg))
            continue
        # " w(?:ant|ish)": the words that start right after the run's last space
        word_start = "".join(run).rsplit(" ", 1)[1] if " " in run else None
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
        if word_start is not None:
            # " (?:want|wish)": every match has a token starting with one of the group's first words,
            # which the gate can test as a token prefix rather than as a substring of the whole text.
            lead = _leading_of(items[position:])
            if lead:
                candidates.append({" " + word_start + literal for literal in lead})
    if run:
        candidates.append({"".join(run)})
    useful = [c for c in candidates if min(len(literal.strip()) for literal in c) >= 3]
    # The most selective set first: fewest literals that are only common words ("the", "to"), then the
    # longest shortest literal (up to the gate's key length), then literals that start a token, then the
    # longest shortest literal, then the fewest literals.
    return sorted(
        useful,
        reverse=True,
        key=lambda c: (
            -sum(_is_common(literal) for literal in c),
            min(min(len(literal.strip()) for literal in c), _KEY_LENGTH),
            all(literal.startswith(" ") for literal in c),
            min(len(literal.strip()) for literal in c),
            -len(c),
        ),
    )


def _leading_of(items: list[Any]) -> set[str] | None:
    """The literal runs that every match of ``items`` starts with, or None if some match may start
    otherwise (zero-width assertions at the start are skipped)."""
    for index, (op, arg) in enumerate(items):
        if op in (re_constants.ASSERT, re_constants.ASSERT_NOT):
            continue
        if op is re_constants.LITERAL:
            run = []
            for next_op, next_arg in items[index:]:
                if next_op is not re_constants.LITERAL:
                    break
                run.append(chr(next_arg))
            # "w(?:ant|ish)": the parser factors out common prefixes; join them back up
            rest = _leading_of(items[index + len(run) :])
            return {"".join(run) + tail for tail in rest} if rest else {"".join(run)}
        if op is re_constants.SUBPATTERN:
            return _leading_of(list(arg[-1]) + items[index + 1 :]) if not arg[-1] else _leading_of(list(arg[-1]))
        if op is re_constants.ATOMIC_GROUP:
            return _leading_of(list(arg))
        if op is re_constants.BRANCH:
            branches = [_leading_of(list(branch)) for branch in arg[1]]
            if all(branches):
                return set().union(*branches)  # type: ignore[arg-type]
            return None
        if op in (re_constants.MAX_REPEAT, re_constants.MIN_REPEAT) and arg[0] >= 1:
            return _leading_of(list(arg[2]))
        return None
    return None


_COMMON_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "to",
        "of",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "about",
        "as",
        "is",
        "was",
        "are",
        "were",
        "be",
        "been",
        "am",
        "i",
        "i'm",
        "i've",
        "i'd",
        "i'll",
        "me",
        "my",
        "you",
        "your",
        "he",
        "she",
        "it",
        "they",
        "them",
        "we",
        "us",
        "this",
        "that",
        "these",
        "those",
        "not",
        "no",
        "so",
        "just",
        "all",
        "any",
        "some",
        "if",
        "then",
        "than",
        "when",
        "what",
        "who",
        "how",
        "have",
        "has",
        "had",
        "do",
        "did",
        "does",
        "don't",
        "can't",
        "won't",
        "would",
        "could",
        "should",
        "will",
        "can",
        "get",
        "got",
        "go",
        "going",
        "there",
        "here",
        "out",
        "up",
        "down",
        "off",
        "over",
        "into",
        "too",
        "very",
        "really",
        "like",
        "one",
    ]
)


def _is_common(literal: str) -> bool:
    words = literal.split()
    return not words or all(word in _COMMON_WORDS for word in words)


@dataclass(frozen=True)
class Gate:
    """A cheap test that a rule might match: some token of the text starts with one of ``keys``, or
    the text contains one of ``pieces``. Built from ``required_literals``: for each literal, the start
    (up to five letters) of its longest word that begins a token, or the literal itself when none
    of its words is known to begin a token."""

    keys: frozenset[str]
    pieces: tuple[str, ...]
    # Further tests every match also passes (the pattern's other required literals): checked only for a
    # text the first test lets through, so a part gated on a common word runs less often.
    also: tuple[Gate, ...] = ()

    @classmethod
    def of(cls, literals: frozenset[str] | None) -> Gate | None:
        if literals is None:
            return None
        keys, pieces = set(), []
        for literal in literals:
            words = [word for word in literal.split(" ")[1:] if word]  # the first piece may start mid-token
            if words:
                keys.add(max(words, key=len)[:_KEY_LENGTH])
            else:
                pieces.append(literal)
        return cls(frozenset(keys), tuple(pieces))

    @classmethod
    def of_pattern(cls, pattern: str) -> Gate | None:
        """The gate of a pattern: its most selective set of required literals, and all the others after it."""
        ranked = required_literal_sets(pattern)
        if not ranked:
            return None
        first = cls.of(ranked[0])
        assert first is not None
        return cls(first.keys, first.pieces, tuple(g for g in map(cls.of, ranked[1:]) if g is not None))

    def may_match(self, norm: str, prefixes: set[str]) -> bool:
        return (not self.keys.isdisjoint(prefixes) or any(piece in norm for piece in self.pieces)) and (
            self.also_match(norm, prefixes)
        )

    def also_match(self, norm: str, prefixes: set[str]) -> bool:
        """Whether the text passes the further tests (true when there are none)."""
        return all(gate.may_match(norm, prefixes) for gate in self.also)


def _token_prefixes(norm: str) -> set[str]:
    return {token[:length] for token in set(norm.split()) for length in range(1, _KEY_LENGTH + 1)}


@dataclass(frozen=True)
class _GateIndex:
    """All gates of all rule parts at once: which parts a text's token prefixes or substrings open.
    Parts are numbered in the order of ``_COMPILED``."""

    by_key: dict[str, tuple[int, ...]]
    by_piece: tuple[tuple[str, tuple[int, ...]], ...]
    always: frozenset[int]
    # Part number -> (its rule's position in ``_COMPILED``, its position among that rule's parts).
    owner: tuple[tuple[int, int], ...] = ()
    # Part number -> its gate, for parts whose gate has further tests.
    also: dict[int, Gate] = field(default_factory=dict)

    @classmethod
    def of(cls, gates: list[Gate | None], owner: tuple[tuple[int, int], ...]) -> _GateIndex:
        by_key: dict[str, list[int]] = {}
        by_piece: dict[str, list[int]] = {}
        always = set()
        also = {}
        for number, gate in enumerate(gates):
            if gate is None:
                always.add(number)
                continue
            if gate.also:
                also[number] = gate
            for key in gate.keys:
                by_key.setdefault(key, []).append(number)
            for piece in gate.pieces:
                by_piece.setdefault(piece, []).append(number)
        return cls(
            {key: tuple(numbers) for key, numbers in by_key.items()},
            tuple((piece, tuple(numbers)) for piece, numbers in by_piece.items()),
            frozenset(always),
            owner,
            also,
        )

    def open_parts(self, norm: str, prefixes: set[str]) -> set[int]:
        opened = set(self.always)
        for prefix in prefixes:
            numbers = self.by_key.get(prefix)
            if numbers:
                opened.update(numbers)
        for piece, numbers in self.by_piece:
            if piece in norm:
                opened.update(numbers)
        also = self.also
        return {number for number in opened if number not in also or also[number].also_match(norm, prefixes)}


# ---------------------------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------------------------

# Misspellings, slang and contractions written without apostrophes ("canonical: variants"), mapped
# token by token.
_SPELLING_TABLE = """
want:            wnat wnt whant wamt watn wan
wanted:          wnated wantd
want to:         wanna wana wannna
die:             dei di
dead:            ded
dying:           dieing dyin
kill:            kil kll klil kiil
killing:         kiling killin
kill myself:     kms kmn ctb unalive
kill yourself:   kys
killing myself:  unaliving
killed myself:   unalived
kills myself:    unalives
suicide:         sewerslide suicde sucide suiside suacide suicid sui
suicidal:        sucidal suicdal suisidal suicidial suicidel suicial suicidle
myself:          myslef mysefl myslf mysef meself mysel mself mysellf myselfe
yourself:        urself
self:            slef
thoughts:        thouhgts thougts thoghts thoughs thougths thots
pills:           pils pillz
tonight's:       tonights
tablets:         tabelts tablest tabs tablts
razor:           razer rasor razr
overdose:        od
overdosed:       oded od'd od'ed
overdosing:      oding od'ing
self harm:       sh selfharm
self harmed:     sh'd sh'ed shd selfharmed
self harming:    selfharming
cutting:         cuting cuttin
hurting:         hurtin
disappear:       dissapear dissappear disapear
exist:           exsist exsit exisit
existing:        exsisting
wish:            whish
life:            lfie lfe lyf
better:          beter
without:         witout withouth
everyone:        every1 evry1
someone:         some1 somoene someoen
coming:          coimng comming cmoing
with:            wiht wtih w
the:             teh hte
there's:         theres
hoping:          hopiing hopeing
know:            kno
about:           abt
think:           thnk
simpler:         simppler
would:           woould wuold
scratched:       scrratched scrached
clumps:          culmps
no one:          no1 noone
anyone:          any1
goodbye:         goodby
anymore:         anymroe
a lot:           alot
minutes:         mins
hours:           hrs
i'm:             im
i've:            ive
should have:     should've shouldve
would have:      would've wouldve
could have:      could've couldve
suicidal ideation: si
i'd:             id
you:             u
your:            ur
you're:          youre
are:             r
don't:           dont
didn't:          didnt
doesn't:         doesnt
can't:           cant cannot
won't:           wont
wouldn't:        wouldnt
couldn't:        couldnt
shouldn't:       shouldnt
isn't:           isnt
wasn't:          wasnt
aren't:          arent
weren't:         werent
haven't:         havent
hasn't:          hasnt
ain't:           aint
they're:         theyre
that's:          thats
what's:          whats
going to:        gonna gunna finna
going:           goin
trying to:       tryna
got to:          gotta
because:         cuz coz cos bc
right now:       rn
at the moment:   atm
tonight:         tonite 2nite tnite tonigh
today:           2day tdy
tomorrow:        tmrw tmr tmw 2moro 2morrow tomoz tomorow tommorow tommorrow tomoro tmoro 2moz
before:          b4
not going to lie: ngl
i don't know:    idk
i don't care:    idc
please:          pls
"""
SPELLING: dict[str, str] = {
    variant: canonical.strip()
    for canonical, variants in (line.split(":", 1) for line in _SPELLING_TABLE.strip().splitlines())
    for variant in variants.split()
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
    "disappearing",
    "anymore",
    "existing",
    "existence",
    "tonight",
    "tomorrow",
    "goodbye",
    "forever",
    "sleeping",
    "swallowed",
    "stockpiling",
    "stockpiled",
    "planning",
    "sertraline",
    "citalopram",
    "fluoxetine",
    "mirtazapine",
    "amitriptyline",
    "zopiclone",
    "diazepam",
    "tramadol",
    "medication",
    "unaliving",
    "attempted",
    "attempt",
    "everything",
    "arrangements",
    "welcome",
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
_NOT_TYPOS = frozenset(
    {
        "tables",
        "tablet",
        "suicides",
        "overdoes",
        "overdoses",
        "anymore",
        "existing",
        "exiting",
        "disappears",
        "existed",
        "sweeping",
        "steeping",
        "seeping",
        "slipping",
        "planting",
        "planing",
        "scanning",
        "planking",
        "tonights",
        "tomorrows",
        "goodbyes",
        "medications",
        "swallower",
        "meditation",
        "dedication",
    }
)


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
    # sign-offs that name a time but date nothing: "that's all for tonight", "that's it for today"
    (
        r"\b(?:that's |that is |ok |okay )*(?:enough|all|it|everything) for (?:tonight|today|this evening|this morning)\b",
        " enough for now ",
    ),
    # "ill be gone": "I'll" without its apostrophe before a future
    (
        r"\bill (?=(?:be (?:gone|dead|done|free|at peace|out of)|stand|jump|do it|go (?:to|off|over|through))\b)",
        "i'll ",
    ),
    # "its time", "its planned": the possessive spelling of "it's" before a time or a state
    (
        r"\bits (?=(?:time|tonight|today|tomorrow|planned|happening|over|done|set|ready|all set|decided|the night"
        r"|the day|too late|soon|deep|bleeding|this (?:arvo|afternoon|evening|morning|weekend))\b)",
        "it's ",
    ),
    (r"\bmulti storey\b", "multistorey"),
    # "I can't say I don't think about dying": a double negative affirms
    (r"\b(?:can't|cannot|couldn't) (?:honestly )?say (?:that )?i (?:don't|do not|never)\b", "honestly i"),
    # "razor's in my hand", "weekend's the plan", "mind's made up": a noun with "'s" that is not a possessive
    (
        r"\b(razor|blade|knife|rope|belt|noose|gun|bath|car|engine|weekend|mind|plan|everything|tonight|tomorrow"
        r"|date|arm|wrist|leg|nobody|everyone|house|flat|hose|cord|scarf|bottle|packet|box)'s"
        r"(?= (?:in|on|around|round|running|ready|loaded|sorted|the|made|done|set|gone|empty|already|still|out"
        r"|under|full|bleeding|tied|up|my|a|all|going|coming|finally|here|over|happening|decided)\b)",
        r"\1 is",
    ),
    (r"\b(want|wanna|going|need|have|got|trying|ready|wish|decided|planning|plan) 2 (?=[a-z])", r"\1 to "),
    # "unalive" was expanded to "kill myself"; drop the object the writer gave it.
    (r"\b(kill|killing|killed|kills) myself (?:myself|me)\b", r"\1 myself"),
    (r"\b(kill|killing|killed|kills) myself (?=himself|herself|themselves|themself|yourself)", r"\1 "),
    (r"\bself harms\b", "self harm"),
    (r"\b(?:can't|couldn't|can not) (?:stop|help|shake|get rid of)\b(?! (?:the )?bleeding)", "keep"),
    (r"\bwhy (?:don't|not) i just\b", "maybe i should just"),
    (r"\b(?:not|never) (?:even )?(?:sure|certain)(?: if| whether| that)?\b", "unsure if"),
    (r"\bdon't (?:even )?know (?:if|whether)\b", "unsure if"),
    (r"\bdon't (?:even )?know why\b", "wonder why"),
    # a counterfactual, not a negation: "if it weren't for my dog I'd be gone"
    (r"\bif it (?:wasn't|weren't|was not|were not|hadn't been) for\b", "except for"),
    (r"\bif i (?:didn't|did not|hadn't|had not) (?:have|got) (?=(?:my|the|a|her|him|them|our)\b)", "except for "),
    (r"\boverdoes on\b", "overdose on"),
    (r"\b(jump|jumping|jumped|step|stepping|throw myself) of (the|a)\b", r"\1 off \2"),
    (r"\bto (deep|deeply|much blood|many pills|many tablets)\b", r"too \1"),
    # Scots "I'm no wanting", "I'm no going"
    (r"\b(i'm|i am|i'm just) no (wanting|going|able|wanting to)\b", r"\1 not \2"),
    # "clean from self harm" is a negation: "I've been clean from self harm, but tonight the urges are back"
    (r"\b(?:clean|free) (?:from|of) (self harm|self harming|cutting)\b", r"stopped \1"),
    (r"\bnever (?:felt|been) (?:so|this|more)\b", "really"),
    # Disclaimers that contain a negation but negate nothing.
    (
        r"\b(?:i'm |i am )?(?:not|never) (?:going to|gonna) lie\b|\bi (?:won't|can't) lie\b|\bno lie\b"
        r"|\bno word of a lie\b|\bnot to be (?:dramatic|funny)(?: but)?\b|\bnot going to pretend\b",
        _NEUTRAL,
    ),
    # ... and those that say the writer means it.
    (
        r"\b(?:i'm |i am )?not (?:even )?(?:joking|kidding|exaggerating)\b|\bno joke\b|\bi kid you not\b",
        " , seriously , ",
    ),
    # Figures of speech.
    (
        r"\b(?:die|died|dying|dead) (?:of|from|with) (?:laughter|embarrassment|shame|boredom|cringe|fright"
        r"|shock|happiness|jealousy|envy|excitement|curiosity|thirst|hunger)\b",
        _NEUTRAL,
    ),
    (r"\b(?:die|died|dying) (?:laughing|a little|inside a little|happy|on the spot|on stage)\b", _NEUTRAL),
    (
        r"\b(?:so|that|too) \w+ (?:that )?i could (?:just )?die\b|\b(?:feel|feeling|felt|look|looking|looked)"
        r" like death(?: warmed up)?(?= [.,] |\s*$| warmed| today| this| after| with| and)",
        _NEUTRAL,
    ),
    (r"\bno way (i'm|i am|i'd|i would|i'll|i will)\b", r"\1 never"),
    (
        r"\bto die for\b(?= [.,] |\s*$| and | but | lol | honestly )|\bdying to (?:see|know|meet|try|go|get"
        r"|hear|tell|read|watch|eat|visit|find out|have|show|start|talk)\b",
        _NEUTRAL,
    ),
    (r"\b(?:crawl|curl|crawled|curled) (?:up )?(?:into|in)? ?(?:a )?(?:hole )?(?:and|n) die\b", _NEUTRAL),
    (
        # "I'd rather die than sing karaoke" - but not "than feel like this", "than go on"
        r"\b(?:rather|sooner) (?:die|be dead|be buried alive|eat glass) than (?!(?:feel|feeling|live|living|go on"
        r"|going on|carry on|carrying on|keep|keeping|be alive|be here|be like this|spend another|spend my life|face"
        r" (?:another|this|life|tomorrow)|wake up|deal with (?:this|life|it)|continue|exist|existing|endure|suffer"
        r"|stay|staying|get up|another day|go through)\b)[a-z]+",
        _NEUTRAL,
    ),
    (
        r"\bdie (?:peacefully |happy |in my sleep )?(?:at|aged) (?:\d\d+|a (?:ripe )?old age)\b|\bdie of old age\b",
        _NEUTRAL,
    ),
    (r"\bpunish(?:ing|ed)? myself (?:at|in) the gym\b|\bpunishing (?:workout|session|leg day|run|gym)\b", _NEUTRAL),
    (r"\bdead (?:tired|beat|serious|set|on my feet|end|loss|ringer|heat|weight)\b|\bdeadlines?\b", _NEUTRAL),
    (
        r"\b(?:bored|scared|frightened|worried|sick|tired|worked|work|working|stressed"
        r"|freezing) (?:myself )?(?:to|half to) death\b",
        _NEUTRAL,
    ),
    (
        r"\b(?:could|would|i'd|will) kill (?:for|him|her|them|you|my \w+)\b|\bkill(?:ing|ed)? (?:it|time)\b"
        r"|\bkill two birds\b|\b(?:just )?kill me now\b|\bwill kill me\b|\bgoing to kill me\b",
        _NEUTRAL,
    ),
    (r"\b(?:could|could've|could have) (?:just )?kill(?:ed)? myself for\b", _NEUTRAL),
    (
        r"(?<!thinking about )(?<!thought about )(?<!think about )(?<!keep thinking about )"
        r"\bkill(?:ing)? myself (?:at|in) (?:the )?(?:gym|spin|class|training|work|office)\b"
        r"|\bkill(?:ing)? myself (?:trying|working|studying|revising|to (?:finish|get|meet|make|keep"
        r"|please))\b|\bwork(?:ing|ed)? myself (?:into the ground|to the bone)\b",
        _NEUTRAL,
    ),
    (
        r"\b(?<!wish i )could (?:happily |honestly |literally )?sleep (?:forever|for a week|for days|for a year"
        r"|for ever|and never wake up(?= (?:after|til|till|until)))\b",
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
    r"(?<!right) (?=(?:but|though|although|however|whereas|yet|(?:and|so|because|cause|then|now|which"
    r"|plus) (?:i|i'm|i've|i'd|i'll|my|me))(?![a-z0-9']))"
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
# Speaker and field labels of two-chair dialogues and thought records ("critic:", "kind self:", "hot
# thought:"): each starts a new sentence, so one voice's words are not read with the next voice's.
_LABEL = re.compile(
    r"(?<![a-z'])((?:the |my )?(?:inner )?critic|kind self|kind me|compassionate (?:me|self|voice|side|friend"
    r"|image)|wise (?:self|me|mind)|me|situation|emotions?|feelings?|hot thought|other thought|balanced thought"
    r"|alternative thought|evidence (?:for|against)|action|what went through my head|note to self)\s*:"
)


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
    if len(token) >= 5 and token.endswith("in") and token + "g" in _VOCABULARY:  # "thinkin", "endin", "harmin"
        return token + "g"
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
    if ":" in text:
        text = _LABEL.sub(r". \1 :", text)
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

# ---- The risk lexicon --------------------------------------------------------------------------
# Patterns are written over word classes: "{NAME}" is replaced by V[NAME]. Word gaps:
#   "~N"   up to N more words in the same clause;
#   "~gN"  the same, but the gap may not hold someone else ("he", "my mum", "the dog"), a negation or
#          a word that starts another proposition ("if", "before", "than", "how");
#   "~~N"  a guarded gap like "~g" that may also cross clause marks (never a sentence mark);
#   "~oN"  crosses clause marks and stops only at someone else or a negation;
#   "~sN"  any words in the same sentence.
# Generous guarded gaps let one lexicon entry cover many phrasings ("I keep wishing I could just
# quietly not exist") without matching someone else's death or a negated one.
_GAP_OTHERS = (
    "he|she|they|him|her|them|his|their|he's|she's|they're|he'd|she'd|they'd|we|we're|someone|somebody"
    "|people|everyone|everybody|anyone|nobody|mum|mom|mum's|dad|dad's|mother|father|sister|brother|friend"
    "|friends|partner|husband|wife|boyfriend|girlfriend|son|daughter|kids|children|baby|family|nan|gran"
    "|grandad|grandma|grandpa|aunt|uncle|cousin|dog|cat|pet|plant|plants|phone|battery|laptop|character"
    "|patient|client|colleague|hero"
)
_GAP_NEGATORS = (
    "not|never|no|don't|doesn't|didn't|won't|wouldn't|isn't|aren't|wasn't|weren't|haven't|hasn't|can't"
    "|couldn't|shouldn't"
)
_GAP_TOPICS = (
    "reading|read|book|novel|film|movie|documentary|podcast|article|essay|thesis|dissertation|course|module"
    "|lecture|training|research|researching|studying|paper|report|news|story|show|series|episode|song|about"
    "|prevention|awareness|work|job|volunteer|volunteering|helpline"
)
_GAP_CONNECTIVES = (
    "if|before|after|until|till|than|when|whether|because|unless|how|what|why|who|know|knew|but|thought|think"
    "|felt|scared|afraid|terrified|worried|fear"
)
_GUARD_FULL = rf"(?!(?:{_GAP_OTHERS}|{_GAP_NEGATORS}|{_GAP_CONNECTIVES}|{_GAP_TOPICS})(?![a-z0-9']))"
# "~o" gaps allow "everyone", "people", "nobody": "easier for everyone if I wasn't here".
_GAP_PEOPLE = frozenset({"someone", "somebody", "people", "everyone", "everybody", "anyone", "nobody"})
_GUARD_OTHERS = (
    r"(?!(?:"
    + "|".join(word for word in _GAP_OTHERS.split("|") if word not in _GAP_PEOPLE)
    + rf"|{_GAP_NEGATORS})(?![a-z0-9']))"
)

V = {
    # -- stance: wanting, wishing, accepting (what turns a death word into a wish) --
    "WANT": r"(?:want|wants|wanted|wanting|wish|wishes|wished|wishing|would like|need|needed|tempted)",
    "STANCE": r"(?:want|wants|wanted|wanting|wanna|wish|wishes|wished|wishing|hope|hopes|hoped|hoping|pray"
    r"|prays|prayed|praying|long|longed|longing|yearn|yearning|crave|craving|would like|i'd like|like to"
    r"|would love|i'd love|tempted|urge|urges|ready|waiting|can't wait|deserve|deserves|deserved|rather"
    r"|sooner|happy|happy enough|glad|relieved|relief|nice|lovely|peaceful|need|needed|let me|make me"
    r"|should just|i should|you should|might as well|may as well|better to|best to|easier to|easy to|so easy"
    r"|tempting|give anything to|do anything to|happily|gladly|'d happily|would happily|restful|simpler to|half hoping"
    r"|kindest thing|best thing|only thing|right thing|end"
    r" myself|ending myself"
    r"|simpler if)",
    # after "if I died ...": accepting it, or asking who would notice
    "ACCEPT": r"(?:fine|okay|ok|alright|all right|cool|good with|a relief|relieved|peaceful|happy|glad|at peace"
    r"|for the best|better|easier|ready|wouldn't mind|won't mind|don't mind|wouldn't care|won't care|don't"
    r" care|wouldn't be sad|would anyone|will anyone|would anybody|anyone would|nobody would|no one would"
    r"|nobody will|no one will|would people|who would (?:care|notice|miss)|would it matter|wouldn't matter"
    r"|won't matter|doesn't matter|so be it|bring it on|welcome it|fine by me|wouldn't fight it|kind of relieved"
    r"|be relieved)",
    # -- death and not existing: base forms (after "want to", "wish I could", "should") --
    "DIE": r"(?:die(?! (?:my|your|her|his|the) (?:hair|clothes|jeans|beard))|be dead|drop dead|cark it|not be alive"
    r"|not be here|not be around|not be on this earth|not exist|not to exist|to not exist|stop existing"
    r"|cease to exist|not have to exist|stop living|not live|not wake up|not to wake up|to not wake up|never"
    r" wake up|never come back|never return|cease to be|stop being(?= [.,] |\s*$| alive| here)|switch off and (?:not|never)"
    r" come back|disappear off the face of the earth|get out of (?:their|everyone's|your|the|our|his|her) (?:lives|life)"
    r" (?:for good|forever|permanently)|(?:fall asleep|drift off|nod off) (?:forever|for ever|permanently|for"
    r" good)|stay asleep(?: forever| for good)?|be unmade|be erased|be unborn|be deleted|not be here at all"
    r"|(?:the )?lights? (?:to )?(?:just )?go out (?:for good|forever"
    r"|permanently)|(?:go to sleep|sleep|fall asleep) and (?:never|not) (?:have to )?(?:wake up|come back|do (?:this"
    r"|any of this|it) (?:ever )?again|face (?:anything|any of it|another day))|be at peace (?:forever|for good"
    r"|permanently)|rest forever|lie down"
    r" and never get up|never get up again|be with (?:mum|mom|dad|nan|gran|grandad|grandma|my \w+|him|her|them)"
    r" again|be over (?:for good|forever|permanently)|stop (?:, )?(?:permanently"
    r"|forever|for good)|not have to wake up|sleep forever|go to sleep forever|sleep and (?:never|not) wake up"
    r"|rest forever|disappear (?:forever|for good|permanently|for ever)|vanish (?:forever|for good|permanently"
    r"|for ever|off the face of the earth)|be gone (?:forever|for good|permanently)|fade away forever"
    r"|not come back(?! (?:until|till|before|for|late|early|too|home|to|from|in)\b)|not come up|not to come"
    r" (?:back|up)|be switched off|switch off forever|check out (?:of (?:this|my) life|of life|for good"
    r"|permanently)|out of (?:this|my) life|out of this world|off this planet|was dead|were dead|'d died"
    r"|had died|was never born|wasn't born|weren't born|had never been born|'d never"
    r" been born|never been born|never existed|wasn't alive|weren't alive|didn't exist|not existed"
    r"|(?:get|got|be|was) (?:hit|run over|knocked down|killed) by (?:a|the) (?:bus|car|lorry|train|truck"
    r"|van)|get run over|get hit|have an accident|have a heart attack and die|be killed|get killed|be with"
    r" (?:him|her|them) again|{KILLME})",
    # softer words that only mean dying with the writer as subject right before them ("want to be gone")
    "DIE_WEAK": r"(?:be gone|disappear|vanish|fade away|fade out|be unmade|be erased|be unborn|not be here|not be around|stop being(?= [.,] |\s*$)"
    r"|go away forever|check out|switch off forever|switch off for good|be switched off|escape forever|go to sleep"
    r" and not wake"
    r"|not be me|let go(?= [.,] |\s*$))(?! (?:from|to|into|off|under|for (?:a|the|an)|by|on|with|in|at|work|for"
    r" now|early|this))",
    # past / conditional forms after "if I ..."
    "DIED": r"(?:died|was dead|were dead|dropped dead|didn't wake up|never woke up|did not wake up|wasn't here"
    r"|weren't here|was not here|wasn't around|weren't around|wasn't alive|weren't alive|was gone|were gone"
    r"|disappeared|vanished|stopped existing|didn't exist|never existed|ceased to exist|killed myself|ended"
    r" it|ended my life|didn't make it|got hit by|was hit by|got run over|was killed|got killed|never came"
    r" back|didn't come back|wasn't born|was never born|'d never been born|had never been born|never got up"
    r"|stopped waking up|just stopped|never woke|didn't wake|wasn't in the picture|was out of the picture|carked it"
    r"|kicked the bucket|snuffed it"
    r"|stopped being)",
    # first-person lexicon: with "I", "me" or "my" shortly before, in one clause
    "DEATH_WORD": r"(?:die|dying(?! (?:patient|patients|man|woman|person|people|relative|mother|father|dad|mum"
    r"|grandad|grandma|nan|friend|friends|dog|cat|plant|plants|phone|battery|breed|art|wish|words|light|embers"
    r"|flowers|declaration|star|stars|days of))|be dead(?! meat| tired| serious| on| inside| set| beat| lucky| good| easy| nice"
    r"| funny| chuffed| proud| keen| jealous| excited)|dead (?:already|too|instead|soon|rather than)|my death|my own death|death(?= [.,] |\s*$| would| sounds| seems| feels| is the| appeals)|not exist"
    r"|not existing|stop existing(?! (?:on|online)\b)|stopped existing(?! (?:on|online)\b)|cease to exist|not be alive"
    r"|not being alive|not alive"
    r" anymore|not be here|not being here|not here anymore|not be around|not being around|not wake up|not"
    r" waking up|never wake up|never waking up|gone for good|gone forever|sleep forever|sleeping forever|end it"
    r" all|ending it all|end things(?! with)|ending things(?! with)|end my life|ending my life|suicide(?!"
    r" prevention| awareness| rates?| statistics| helpline| line| squad| bombers?| risk| training| research)"
    r"|unalive|my funeral|my grave|in the ground|six feet under|in a box|the end of me(?! lol| haha)|off myself"
    r"|top myself|kill myself|killing myself|over with for good"
    # being alive, waking up, existing, being gone: counted only where no positive word is near (exclusions)
    r"|(?:being|be|still|stay|staying|keep myself) alive|(?:keep|keeping) living|worth living|stop living"
    r"|(?:didn't|don't|do not|did not|never|won't|wouldn't) wake up(?! (?:until|till|in time|early|late|on time"
    r"|for|at|before|when|to))|never woke up|not waking up|my existence|existing(?= [.,] |\s*$| anymore)"
    r"|(?:i'm|i was|i were|be|being) gone(?= [.,] |\s*$| for good| forever| permanently| anyway)|when i'm gone"
    r"|(?:here|around) anymore|stopped being(?= [.,] |\s*$)|check out(?= [.,] |\s*$| of| for good| permanently))",
    # thinking about it: gerunds and nouns
    "DEATH_GER": r"(?:dying|death|my death|my own death|being dead|not existing|not being here|not being alive"
    r"|not being around|not waking up|never waking up|killing myself|ending it|ending things|ending my life"
    r"|ending it all|taking my (?:own )?life|suicide|disappearing forever|disappearing for good|going to"
    r" sleep forever|sleeping forever|not coming back|not coming up|checking out|topping myself|offing myself"
    r"|hanging myself|overdosing|jumping off|jumping in front|stepping in front|throwing myself|drowning"
    r" myself|crashing (?:my|the) car|driving into|my funeral|my grave|my own funeral|how i would die|ways"
    r" to die|how to die|stopping existing|ceasing to exist|being gone|vanishing|unaliving myself"
    r"|not being me|switching off for good|switching off forever|the end of my life|(?:swallowing|taking|downing) (?:all|every|the whole|the lot|everything"
    r"|them all|all of them|all my|all the)|stepping (?:out|off|in front)|walking into the (?:sea|river"
    r"|water|traffic)|driving off|a crash|an accident|crashing|being hit|using (?:it|them|the \w+) on myself|what it"
    r" would be like to (?:fall|jump|die|be"
    r" dead|not exist|not wake up|drown|disappear))",
    "THINK": r"(?:think about|thinking about|thought about|think of|thinking of|thought of|thoughts of|thoughts"
    r" about|thoughts around|thoughts go to|dream about|dreaming about|dreamt about|dreamed about|dream of"
    r"|dreaming of|daydream about|daydreaming about|daydream of|daydreaming of|fantasi[sz]e about"
    r"|fantasi[sz]ing about|fantasi[sz]ed about|obsessing over|obsessing about|obsessed with|preoccupied"
    r" with|fixated on|ruminating (?:on|about)|picturing|pictured|imagining|imagine|imagined"
    r"|romanticis(?:e|ing)|romanticiz(?:e|ing)|can't stop thinking about|contemplating|considering"
    r"|considered|longing for|craving)",
    "INTRUDE": r"(?:keeps? (?:crossing|coming into|popping into|entering) my (?:mind|head)|crossing my mind"
    r"|crosses my mind|crossed my mind|on my mind|pops? (?:up|into my head)|popping (?:up|into my head)"
    r"|in my head|keeps? coming (?:up|back)|comes up|came up|came back|creeping (?:back|in)|crept back"
    r"|won't (?:leave|go away)|always there|back again|intrusive)",
    # -- killing oneself: first-person acts --
    "KILLME": r"(?:kill(?:ing)? myself|end(?:ing)? (?:it all|my (?:own )?life|everything|my existence)"
    r"|tak(?:e|ing) my (?:own )?life|hang(?:ing)? myself|strangl(?:e|ing) myself|commit(?:ting)? suicide"
    r"|do(?:ing)? myself in"
    r"|off(?:ing)? myself|top(?:ping)? myself|finish(?:ing)? myself off|drown(?:ing)? myself|gas(?:sing)?"
    r" myself|shoot(?:ing)? myself|poison(?:ing)? myself|suffocat(?:e|ing) myself|slit(?:ting)? my"
    r" (?:wrists?|throat)|starv(?:e|ing) myself (?:to death|until i die|till i die)|jump(?:ing)? (?:off|from)"
    r" (?:a|the) (?:\w+ )?(?:bridge|building|roof|cliff|car park|multistorey|balcony|tower|flyover"
    r"|footbridge)|(?:jump|jumping|step|stepping|throw myself|throwing myself|walk|walking|run|running|lie"
    r" down|lying down) in front of (?:a |the )?(?:\w+ )?(?:it|train|bus|lorry|truck|car|traffic)|throw(?:ing)? myself (?:off|from|under)|walk(?:ing)? into"
    r" (?:the )?(?:sea|river|water|waves|ocean|lake|traffic|reservoir|canal|loch|quarry|harbour)(?: and (?:keep"
    r" going|not come back|never come back|not come out))?"
    r"|walk(?:ing)? out into the (?:sea|river|water|waves|ocean|lake|reservoir)|driv(?:e|ing) (?:the car |my car )?into"
    r" the (?:sea|river|water|lake|reservoir|canal|harbour|quarry)|(?:walk|walking|run|running|step|stepping)"
    r" (?:out )?(?:onto|into|in front of) (?:the )?(?:motorway|dual carriageway|road|traffic|tracks|railway line"
    r"|train line)|crash(?:ing)? (?:my|the) car into (?:a|the) (?:wall|tree|bridge|lorry|truck|barrier)|(?<!an )(?<!the )(?<!two )(?<!one )(?<!my )overdos(?:e|ing)(?! risks?| prevention| awareness| kits?| training| antidote| guidance| figures| rates| deaths)(?: on (?:my )?\w+)?|drive (?:my car"
    r" |the car )?(?:into|off) (?:a|the) (?:wall|tree|bridge|cliff|river|lorry|truck|motorway)|crash(?:ing)?"
    r" (?:my|the) car (?:on purpose|deliberately)|check(?:ing)? out (?:of (?:this|my) life|for good"
    r"|permanently)|neck(?:ing)? myself|rope myself|end(?:ing)? myself|drink(?:ing)? myself to death|tak(?:e|ing) the (?:easy|coward's|cowards) way out"
    r"|tak(?:e|ing) myself out(?= [.,] |\s*$| of (?:the equation|the picture|this world|this life)| when| tonight"
    r"| tomorrow)|remov(?:e|ing) myself (?:permanently|from (?:this world|the equation|the picture|existence))"
    r"|(?:drink|drinking|swallow|swallowing) (?:the )?(?:bleach|antifreeze|anti freeze|weedkiller|poison))",
    "FUT": r"(?:i'm going to|i am going to|going to|i'm gonna|i'll|i will|i'm about to|about to|i'm ready to"
    r"|ready to|i've decided to|i decided to|i'm planning to|planning to|i plan to|i'm|i am|i think i'll"
    r"|i'll finally|i finally|finally|gonna|i'm just going to|i'm actually going to|i'm really going to"
    r"|i intend to|i'm intending to|tonight i|tonight i'll|tonight i'm|my plan is to|the plan is to|i'm off to"
    # letters to oneself are written to "you"
    r"|you're going to|you are going to|you plan to|you're planning to|you'll)",
    # -- means --
    "DRUG": r"(?:sertraline|citalopram|escitalopram|fluoxetine|paroxetine|mirtazapine|amitriptyline"
    r"|nortriptyline|venlafaxine|duloxetine|trazodone|quetiapine|olanzapine|risperidone|aripiprazole|lithium"
    r"|lamotrigine|diazepam|lorazepam|clonazepam|alprazolam|temazepam|zopiclone|zolpidem|promethazine"
    r"|propranolol|codeine|co codamol|cocodamol|dihydrocodeine|tramadol|morphine|oxycodone|oxycontin|fentanyl"
    r"|methadone|pregabalin|gabapentin|naproxen|ibuprofen|aspirin|paracetamol|acetaminophen|tylenol|advil"
    r"|valium|xanax|prozac|benzos|opioids|opiates|insulin|antihistamines|nytol|sleepers|antipsychotics"
    r"|antidepressants)",
    "MEANS": r"(?:tablets|tablet|pills|pill|meds|medication|medications|medicine|painkillers|sleeping pills"
    r"|sleeping tablets|{DRUG}|rope|noose|razor|razors|razor blades?|blade|blades|ligature|knife|gun|belt|cord"
    r"|charcoal|hose|exhaust pipe|scissors)",
    # Means with no everyday use in an entry about the client: a time anywhere in the entry makes it urgent.
    "STRONG_MEANS": r"(?:rope|noose|ligature|charcoal|hose|gun|shotgun|razor blades)",
    # how much was taken: "all my", "a strip of", "the rest of the month's"
    "QUANT": r"(?:all|all of|all my|all the|all of my|all of the|a lot of|lots of|loads of|a load of|a bunch of"
    r"|too many|too much|way too many|way more|way too much|far too many|more than|double|the whole|a whole"
    r"|my whole|the entire|my entire|an entire|a handful of|a fistful of|handfuls of|every|every single"
    r"|the rest of|the rest of my|the rest of the|(?:\d+|a|one|two|three|four|five|six|several|multiple)"
    r" (?:boxes|box|packets|packet|packs|pack|bottles|bottle|strips|strip|blister packs|tubs|tub|sheets"
    r"|sheet|months|weeks)(?: worth)? of|\d\d+|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred)",
    "TAKEN": r"(?:took|taken|swallowed|downed|injected|necked|popped|had|od'd on|overdosed on)",
    # Acts with the means named: never ordinary ("going to take the pills at 2am").
    "ACT_MEANS": r"(?:(?:take|taking|swallow|swallowing|use|using|down|downing|inject|injecting) (?:all |every |the"
    r" whole |the rest |the rest of )?(?:of )?(?:my |the |his |her |those |these |them |mum's |dad's )?(?:old"
    r" )?{MEANS}|(?:take|taking|swallow|swallowing|down|downing) (?:the whole|all the|every|the entire) (?:box|packet"
    r"|bottle|strip|blister pack|tub)(?! of (?!(?:pills|tablets|meds|paracetamol|{DRUG})\b))|take (?:the pills|the tablets|all of them|them all|it all|all of it|everything|the lot|the"
    r" rest|my pills|my tablets|my meds|all my \w+)|taking (?:the pills|the tablets|all of them|them all|it"
    r" all|all of it|everything|the lot|the rest|my pills|my tablets|my meds)|swallow(?:ing)? (?:them|it"
    r"|the lot|the pills|the tablets|everything|it all|all of it)|us(?:e|ing) the (?:rope|knife|blade|pills"
    r"|tablets|belt|gun)|us(?:e|ing) (?:it|them|the \w+) on myself|tak(?:e|ing) them(?= (?:all|when|tonight"
    r"|now|at|after|once|later|today|tomorrow|on|and)\b| [.,]|\s*$)|us(?:e|ing) (?:it|them)(?= (?:tonight"
    r"|today|tomorrow|now|later|when|after|on|this|then)\b| [.,]|\s*$))",
    # Acts that are ordinary in other contexts ("going to do it after tea", "going to jump in the pool").
    "ACT": r"(?:do it|doing it|end it|ending it|end it all|go through with it|going through with it|jump"
    r"|jumping|step off|step out|walk off|walk into the (?:sea|river|water|traffic)|drive (?:into|off)"
    r"|drive in(?= [.,]|\s*$)|cut(?= [.,]|\s*$| myself| tonight| again| deep)|hurt myself|burn myself"
    r"|crash (?:the|my) car|do this)(?! (?:with|for|off|up|out|shopping|home|back|on|in"
    r"|into|at|to|over|around|ship|aboard|the bus|the train|a bath|a shower|the queue|easy)\b)",
    "PREP": r"(?:lined up|laid out|counted out|counted|saved up|saving up|been saving|stockpiled|stockpiling"
    r"|stockpile|hoarded|hoarding|stashed|hidden away|set aside|put aside|putting aside|put one aside"
    r"|putting one aside|ready to go|all ready|ready for tonight|ready|collected|gathered|in a bowl|in my hand"
    r"|crushed|crushed up|dissolved|mixed into|in a glass|sorted"
    r"|in my hands|saved|saving|collecting|keeping hold of|left out|out on the \w+|on the side|in a (?:little |neat"
    r" |small |big )?pile|in piles|in rows|stocking up|stocked up|been stocking up)",
    # -- self-harm --
    "SH_VERB": r"(?:cut|cuts|cutting|burn|burns|burned|burnt|burning|hit|hits|hitting|punch|punched|punching"
    r"|scratch|scratched|scratching|slap|slapped|slapping|bite|bit|biting|bitten|stab|stabbed|stabbing|carve"
    r"|carved|carving|carved into|carve into|carving into|hurt|hurts|hurting|harm|harmed|harming|bruise"
    r"|bruised|bruising|injure|injured|injuring|scald|scalded|scalding|pick|picked|picking|pinch|pinched"
    r"|pinching|claw|clawed|clawing|slash|slashed|slashing|gouge|gouged|whack|whacked|smack|smacked|dig"
    r"|digging|dug|tear|tore|tearing|rip|ripped|ripping|thump|thumped|thumping|slice|sliced|slicing|rake|raked|scrape|scraped|scraping"
    r"|raking)",
    "BODY": r"(?:myself|my (?:own )?(?:left |right |upper |inner |bare )?(?:arms?|forearms?|wrists?|thighs?"
    r"|legs?|skin|stomach|belly|tummy|body|hips?|hands?|face|chest|ankles?|shoulders?|knuckles"
    r"|palms?|calf|calves|feet|foot|scalp|ribs|sides?|cheeks?|breasts?|neck))",
    "SH_TOOL": r"(?:lighter|cigarette|match|matches|iron|spoon|straighteners|curling iron|knife|blade|razor"
    r"|razor blade|scissors|compass|pin|needle|safety pin|glass|broken glass|sharpener|pencil sharpener"
    r"|boiling water|belt|fist|fists|nails|fingernails|tweezers|hairbrush|ruler|lid)",
    "PUNISH": r"(?:to punish myself|punish(?:ing|ed)? myself|as (?:a )?punishment|as penance|make myself pay"
    r"|making myself pay|made myself pay|punishment (?:run|runs|workout|session|walk|exercise)|(?:i )?(?:felt"
    r"|feel|thought) (?:like )?i deserved? (?:it|the pain|to hurt|to suffer|pain)|because i deserved? it)",
    "RETURN": r"(?:back|are back|is back|came back|come back|coming back|creeping back|crept back|returned"
    r"|returning|have returned|has returned|resurfaced|back again|again|came back hard|came roaring back"
    r"|started again)",
    # -- time: soon (plans) and recent (acts) --
    "DAY": r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
    "EVENT": r"(?:school run|school drop off|drop off|wedding|christening|funeral|party|exam|exams|results"
    r"|appointment|holiday|holidays|weekend|birthday|shift|night shift|work|payday|bingo|meeting|interview"
    r"|match|game)",
    "TIME": r"(?:tonight|tonight's|right now|this evening|later today|later tonight|later on|later|tomorrow"
    r"|tomorrow night|tomorrow morning|this weekend|at the weekend|(?:on |this |next |by "
    r"|until |past |after )?{DAY}(?: night| morning| evening| afternoon| is the day)?|at \d{1,2}(?: ?(?:am|pm"
    r"|o'clock)| , \d\d(?: ?(?:am|pm))?)|at (?:1[0-2]|[1-9])(?= [.,] |\s*$| tonight| tomorrow| this| in the| when"
    r"| once| and)|at (?:midnight|noon|lunch|lunchtime|dawn|dusk|bedtime|night)|in (?:an|one|two|a few|a"
    r" couple of|\d+|five|ten|twenty|thirty) (?:hours?|minutes?)|before (?:morning|the morning|sunrise|dawn"
    r"|anyone wakes|they wake|bed)|by (?:the )?morning|(?:after|when|once|as soon as|while|until|till|til) ~4"
    r" (?:asleep|gone|out|leaves|leave|left|in bed|to bed|at work|at school|away|dark|finish this|finishes"
    r"|finished|payday|shift|home|is out|are out|quiet|over)|after (?:work|payday|my shift|the funeral"
    r"|school|the exam|everyone|dinner|tea|lunch|breakfast|church|the school run|the kids are in bed)|(?:after|the day"
    r" after|once) (?:the|my|mum's|dad's|her|his) ~2 {EVENT}"
    r"|(?:the )?\d+(?:st|nd|rd|th)|after this(?= [.,] |\s*$)|waiting for (?:the house|everyone|them|him|her|my \w+|the kids) to (?:go"
    r" quiet|fall asleep|go to sleep|leave|go out|go to bed)|when it's dark|when it gets dark|after dark"
    r"|when i get home|once i get home|when i'm home|(?:after|when|once|as soon as) (?:the kids|the children|everyone"
    r"|everybody|he|she|they|my \w+|the house|mum|dad) (?:\w+ ){0,3}(?:go|goes|went|gone|leave|leaves|left|are|is"
    r"|get|gets) (?:back|out|away|to bed|to sleep|to work|to school|at work|at school|to their|at their|home)"
    r"|when (?:it|the train|the next train|the tide) (?:comes|gets here|arrives|comes in)"
    r"|by the time (?:\w+ ){1,6}(?:get|gets|come|comes|wake|wakes|read|reads|find|finds|arrive|arrives|home)"
    r"|(?:after|when|once|as soon as) (?:my \w+'s|\w+'s|he's|she's|they're) (?:on (?:nights|night shift|shift|lates"
    r"|earlies)|out|asleep|in bed|away|at work|gone))",
    # vaguer times: they count only beside an announced act
    "LATER": r"(?:soon|very soon|this week|next week|this month|in a few days|in a couple of days|before"
    r" (?:christmas|my birthday|the end of the (?:week|month))|by the end of the (?:week|month))",
    "RECENT": r"(?:tonight|(?<!after )(?<!before )(?<!not )today|this morning|this afternoon|this evening|this arvo"
    r"|just now|(?<=i )keep(?= [.,] |\s*$)|earlier(?! (?:this|in|on|that|last) (?:year|month|week|term|life)| in"
    r" (?:the|my)| on)"
    r"|earlier today|an hour ago|right now|a few minutes ago|half an hour ago|(?:\d+|a few|two|three|five"
    r"|ten|fifteen|twenty|thirty|forty|a couple of) (?:minutes|hours) ago|minutes ago|again today|again"
    r" tonight|\w+ times today|twice today|all day today|as i (?:write|type|speak)|while i (?:write|type)"
    r"|still doing it|(?<=i'm )still (?:cutting|burning|hitting|scratching|bleeding|going|hurting)|(?:for|in) the (?:last|past) (?:half hour|hour|few minutes|couple of hours|\w+ minutes|\d+"
    r" minutes)|at the moment|(?:already|so far) today|(?<=i )can't stop(?= [.,] |\s*$))",
    # -- places --
    "PLACE": r"(?:bridge|footbridge|flyover|overpass|viaduct|cliff|cliffs|cliff edge|roof|rooftop|ledge|edge"
    r"|pier|multistorey|multi storey|car park roof|top floor|tracks|train tracks|railway|train line|level"
    r" crossing|station|platform|motorway bridge|river bank|riverbank|river|canal|quarry|woods|reservoir|lake"
    r"|sea front|seafront|beach|sea|railing|railings|rocks|the gap|beachy head|harbour|harbor|jetty|dock|docks"
    r"|waterfront|headland|coast|lookout|yellow line|platform edge)",
    "STRONG_PLACE": r"(?:beachy head|the gap|headland|lookout|yellow line|bridge|footbridge|flyover|overpass|viaduct|cliff|cliffs|cliff edge|roof|rooftop|ledge"
    r"|multistorey|multi storey|car park roof|tracks|train tracks|railway|railway line|train line|level"
    r" crossing|motorway bridge|quarry|reservoir)",
    # medicines that keep someone alive: stopping them can be a way of dying
    "VITAL": r"(?:insulin|heart (?:meds|medication|medicine|pills|tablets)|transplant (?:meds|medication|drugs"
    r"|tablets|pills)|anti rejection (?:meds|medication|drugs|tablets)|immunosuppressants?|blood thinners?|warfarin"
    r"|epilepsy (?:meds|medication|tablets)|seizure (?:meds|medication|tablets)|dialysis|kidney (?:meds|medication))",
    # euphemisms for dying that carry their own finality ("clock out for good", "go to sleep and stay asleep")
    "EUPH": r"(?:(?:clock|log|sign|bow|tap|check|switch|turn|shut) (?:out|off|myself off|down) (?:for good|permanently"
    r"|forever|for ever)|(?:go|going|fall|falling) (?:to sleep|asleep) (?:and stay asleep|for good|forever|permanently)"
    r"|stay asleep(?= [.,] |\s*$| forever| for good)|mak(?:e|ing) it permanent|mak(?:e|ing) it (?:all )?stop for good"
    r"|end(?:ing)? it for good|be done for good|be done with (?:it all|everything|life|all of it)(?! (?:by|at|before|for"
    r"|after)\b)|(?:go|goes) black and stay black|switch(?:ing)? off for good|be out of it for good|no more me(?= [.,]"
    r" |\s*$))",
    # weaker euphemisms: intent only when announced ("I'm going to join my dad", "then I'm free to go")
    "EUPH_WEAK": r"(?:join (?:my (?:dad|mum|mom|nan|gran|grandad|grandma|brother|sister|son|daughter|wife|husband"
    r"|boy|girl|baby)|him|her|them)(?= [.,] |\s*$| before| after| soon| on| at| tonight| tomorrow| this| when| once)"
    r"|free to go(?= [.,] |\s*$)|make (?:everyone's|their|everybody's|my family's) (?:life|lives) easier"
    r"|(?:make|making) it (?:all )?stop(?= tonight| today| tomorrow| on| this| when| after| once| [.,] |\s*$)"
    r"|done for good(?= [.,] |\s*$))",
    # -- media, study and work: other people's stories, not the client's --
    "MEDIA": r"(?:lyric|lyrics|song|line|title|quote|quotes|called|named|titled|caption|meme|tweet|headline"
    r"|slogan|chorus|verse|film|movie|book|novel|episode|show|series|podcast|documentary|play)",
}

# Words that make the clause before a match a report of the past or of a thought, not an intent: they
# stop "I thought about killing myself at 3am" becoming intent_with_time.
_THOUGHT_NOT_INTENT = re.compile(
    r"\b(?:thought|thinking|think|thoughts|wanted|tried|dreamt|dreamed|dream|considered|urge|urges|used to"
    r"|imagine|imagined|imagining|wondered|wonder|feel like|felt like|wish|wishing|wished|hope|hoping|pray"
    r"|praying)\b"
)

_GAP = re.compile(r" ~([gos~]?)(\d+)")
_WORD_LIST_LOOKAHEAD = re.compile(r"\(\?! \(\?:([a-z' |]+)\)\)")
_SPACED_LIST_LOOKAHEAD = re.compile(r"\(\?!((?: [a-z']+\|)+ [a-z']+)\)")


def _gap(match: re.Match[str]) -> str:
    kind, count = match.group(1), match.group(2)
    if kind == "":
        return rf"(?: [a-z0-9']+){{0,{count}}}"
    if kind == "g":
        return rf"(?: {_GUARD_FULL}[a-z0-9']+){{0,{count}}}"
    if kind == "~":
        return rf"(?: {_GUARD_FULL}[a-z0-9',]+){{0,{count}}}"
    if kind == "s":
        return rf"(?: [a-z0-9',]+){{0,{count}}}"
    return rf"(?: {_GUARD_OTHERS}[a-z0-9',]+){{0,{count}}}"


def _expand(source: str) -> str:
    for _ in range(4):  # vocabularies may refer to each other ({ACT_MEANS} uses {MEANS} uses {DRUG})
        for name, value in V.items():
            source = source.replace("{" + name + "}", value)
    source = _GAP.sub(_gap, source)
    # Negative look-aheads over word lists end at a word boundary: "wake up(?! (?:to|in))" must not
    # refuse "wake up tomorrow".
    source = _WORD_LIST_LOOKAHEAD.sub(lambda m: f"(?! (?:{m.group(1)})\\b)", source)
    source = _SPACED_LIST_LOOKAHEAD.sub(lambda m: f"(?!(?:{m.group(1)})\\b)", source)
    # Every token is preceded by a space in normalised text; starting each pattern with that literal
    # space lets the regex engine skip straight to token starts (much faster than a lookbehind).
    return r" (?:" + source + r")(?![a-z0-9'])"


@dataclass(frozen=True)
class Rule:
    """One rule: a stable id, a level ("concern", "urgent", or "signal": found only to take part in
    COMBINATIONS), tags naming what it found, a one-line description for clinicians, the pattern
    (regex over normalised text with {VOCABULARY} names and word gaps), an optional ``unless`` regex
    that cancels a match when found in its ``unless_scope`` ("sentence", "clause", or "before": the
    clause up to the match), whether negation and attribution to other people apply, an optional
    ``unless_before`` regex searched in the clause up to the match ("the urge to cut myself" is not an
    act), ``fallback`` for broad lexicon rules that only report words no other rule explained, and
    ``parts``: the alternative patterns (``pattern`` joined), each compiled and gated on its own."""

    id: str
    level: str
    tags: frozenset[str]
    description: str
    pattern: str
    unless: str | None = None
    unless_scope: str = "sentence"
    negatable: bool = True
    attributable: bool = True
    unless_before: str | None = None
    fallback: bool = False
    parts: tuple[str, ...] = ()


def _rule(
    rule_id: str,
    level: str,
    tags: str,
    description: str,
    *patterns: str,
    unless: str | None = None,
    unless_scope: str = "sentence",
    negatable: bool = True,
    attributable: bool = True,
    unless_before: str | None = None,
    fallback: bool = False,
) -> Rule:
    return Rule(
        rule_id,
        level,
        frozenset(tags.split()),
        description,
        "|".join(patterns),
        unless,
        unless_scope,
        negatable,
        attributable,
        unless_before,
        fallback,
        patterns,
    )


# Clause contexts in which cutting or burning oneself is an accident, unless done on purpose.
_ACCIDENT = (
    r"^(?!.*\b(?:on purpose|deliberately|intentionally|punish|to feel|until|till))(?:.*\b(?:(?:while|when"
    r"|whilst) (?:i was )?(?:shaving|cooking|chopping|baking|ironing|gardening)|by (?:accident|mistake)"
    r"|accidentally|on (?:the|a|my) (?:oven|iron|stove|hob|pan|tray|kettle|radiator|grill|barbecue|bbq|glass"
    r"|tin|can|paper|nail|fence|door|cupboard|doorframe|corner|table|shelf|step|stairs|ice)|shaving|cooking"
    r"|chopping|kitchen|gym|football|rugby|running|training|workout|exercise|yoga|climbing|hiking|skiing"
    r"|cycling|bike|fell|fall|slipped|tripped|sunburn|sunburnt|sprained?|pulled a|brambles?|thorns?|roses?"
    r"|cat|kitten|dog|puppy|nettles?|hurt my (?:back|knee|ankle|neck|shoulder)|(?:cut|cutting|cuts|trim"
    r"|trimmed|trimming|dyed?|dyeing) (?:my |his |her |the )?(?:hair|fringe)|haircut|hairdresser|(?:cut|cutting"
    r"|trim|trimmed|trimming|file|filed|filing|painted|painting|did|doing) my (?:finger|toe)?nails|hedge"
    r"|grass|lawn|veg|onions?|bread|making (?:dinner|tea|lunch|breakfast|food)|dinner|peeling|slicing|paper"
    r"|opening (?:a |the )?(?:tin|can|packet|parcel|box)|packaging|oven|roast|roasting|baking|first aid|didn't see"
    r"|walked into|bumped)\b)"
)
# Fear of dying (health anxiety) is not a wish to die.
_WORRY = (
    r"\b(?:scared|afraid|terrified|fear|frightened|worried|anxious|panic|panicking|heart attack|cancer|health"
    r" anxiety|hypochondria|tumour|tumor|symptoms)\b"
)
# Where "I" and a death word meet without meaning a wish to die: fear of dying, being glad to be alive,
# figures of speech, dying one day of old age.
_NOT_OWN_DEATH = (
    _WORRY + r"|\b(?:glad|lucky|grateful|happy|thankful|blessed|proud|great|amazing|good|relieved|fun|excited|so) to be"
    r" alive\b|\b(?:felt|feel|feeling|makes me feel|made me feel) (?:so |more |really )?alive\b|\bcome alive\b"
    r"|\bstill alive (?:lol|haha|just about|after)\b|\bkeep (?:the|it|them|him|her) alive\b|\b(?:thought|think"
    r"|thinking|thinks|felt|feel|feeling|convinced|sure|worried|scared|afraid) (?:like |that )?(?:i (?:was|would|am"
    r"|might|will|could)|i'd|i'll|i'm) (?:going to )?(?:die|dying|be dead)\b|\b(?:nearly|almost|practically"
    r"|literally) (?:died|die|dying|dead)\b|\b(?:one day|someday|some day|eventually|of old age|when i'm old)\b"
    r"|\b(?:when|after|once|before|until|till) i (?:die|'m dead|am dead)\b|\b(?:die|dying|dead) (?:of|from|for"
    r"|without|if i|when i|at the thought|inside|on the inside)\b|\bdeath's door\b|\bnear death\b|\bover my dead\b"
    r"|\b(?:die|dying|died) alone\b"
)
# "the urge to cut myself" is an urge (self_harm_urge), not an act.
_URGE_BEFORE = (
    r"\b(?:urge|urges|urging|tempted|itching|craving|want|wanted|wanting|need|needed|resist|resisted|resisting"
    r"|fight|fighting|fought|instead of|stop myself from|stopped myself from|almost|nearly|thinking about"
    r"|thought about|think about)(?: to)?(?: \w+)?\s*$"
)
_NOT_MEDICATION_TALK = (
    r"\b(?:pharmacy|chemist|prescription|as prescribed|pick up|pick them up|collect|collected from|gp|doctor"
    r"|organi[sz]er|dosette|holiday|trip|suitcase|travel|camping|headache|migraine|period|cold|flu|dentist"
    r"|vet|dog|cat|hayfever|allergy|inhaler|forgot|forgetting|remember to|reminder|dose|doses|daily)\b"
)
# Habits and adherence: "I'm taking the tablets every night" announces nothing.
_HABIT = (
    r"\b(?:every (?:night|day|morning|evening)|each (?:night|day|morning)|nightly|daily|as prescribed|with food"
    r"|on time|like always|as usual|like the doctor said|instead of (?:the|in the) (?:morning|evening)"
    r"|the gp|my gp|the doctor|pharmacist|routine)\b"
)

RULES: tuple[Rule, ...] = (
    # ---- urgent: intent, plans, means at hand, an attempt or self-harm in progress ----------------------
    _rule(
        "stated_intent",
        "urgent",
        "intent active ideation",
        "says they are going to kill themselves / end their life (current intent)",
        r"{FUT}(?: going to| gonna| really| actually| finally| just| definitely| do| to| keep| keep on){0,3}"
        r" {KILLME}",
        r"stopped (?:eating|drinking|taking my \w+|my meds"
        r"|my medication)(?: and \w+)? ~4 (?:so (?:that )?i (?:can|will|would|could) die|to die"
        r"|because i want to die|so i die)",
        r"(?:i've|i have) (?:decided|made up my mind|made my decision|made a decision) (?:to (?:die|go)"
        r"|that i(?:'m| am| will|'ll) ~3 (?:die|kill myself|end))",
        r"{DAY} (?:night |morning )?is the day i ~2 {KILLME}",
        r"(?:i'm|i am|i'll|i will|going to|gonna) starve myself (?:until|till|to) (?:i die|death)",
        r"(?:(?<=^ )|(?<=[.,] ))(?:i'm )?(?:ending|end) (?:it|things|it all|everything) (?:at (?:midnight|\d+)"
        r"|tonight|tomorrow|on {DAY}|this weekend|{DAY})",
        r"it (?:all )?(?:ends|finishes|stops) (?:tonight|tomorrow|today|this weekend|on {DAY}|{DAY})(?= [.,] |\s*$)",
        r"(?:(?<=^ )|(?<=[.,] ))(?:tonight|tomorrow|{DAY}|this weekend|on {DAY}) i (?:go|do it|die|end it|leave)"
        r"(?= [.,] |\s*$)",
        r"(?:this time tomorrow|by tomorrow|by tonight|by the morning|by morning|this time next week) ~2 (?:i'll|i will)"
        r" (?:be dead|be gone|not be here|not be alive)",
        r"(?:i'll|i will|i'm going to|i am going to) be (?:dead|gone for good) (?:by|before) (?:the )?(?:morning|tomorrow"
        r"|tonight|then|{DAY}|the weekend|sunrise|midnight)",
        r"(?:i'm going to|i am going to|i'm gonna|i'll|i will|i'm about to|going to|gonna|tonight i|tonight i'll"
        r"|i've decided to) (?:finally |just |quietly )?(?:sleep forever|go to sleep forever|go to sleep and not wake"
        r" up|go to sleep and never wake up|not wake up|fade away|disappear for good|disappear forever|vanish for"
        r" good|end it all|end everything|check out|stop existing|be gone|be with (?:him|her|them|my \w+) again"
        r"|join (?:him|her|them|my \w+))(?= [.,] |\s*$| tonight| today| tomorrow| this (?:weekend|week|evening"
        r"|afternoon|morning)| on {DAY}| at \d| at midnight| when| after| once| for good| forever)",
        unless=r"\bif\b(?! i ever)|\bunless\b",
        unless_before=r"\b(?:wish|wishing|wished|hope|hoping|dream|dreaming|pray|praying|waiting for the day|can"
        r"|could|joking|joked)\b(?: [a-z']+){0,3} ?$",
    ),
    _rule(
        "plan_with_means",
        "urgent",
        "means",
        "means prepared: tablets lined up, pills saved or hoarded, a noose tied",
        r"{MEANS} ~4 {PREP}",
        r"{PREP} ~4 {MEANS}",
        r"(?:putting|put|putting aside|put aside|saving|saved|hiding|hid|keeping|kept) (?:one|a|two|some) (?:pill"
        r"|tablet|dose)s? (?:aside|away|back) (?:every|each)",
        r"(?:tied|tying|made|making|bought|buying|got|have) (?:a|the|my) noose|noose ~3 (?:ready|tied|up)",
        r"tied (?:the|a|my) ~2 (?:rope|belt|ligature|cord|scarf|cable|lead|sheet)(?= (?:to|around|round|onto|over)\b)|(?:rope|belt|cord|ligature) ~3 (?:tied|attached"
        r"|hanging|hung) (?:to|from|around|over|on)",
        r"(?:put|left|hid|hidden|placed|hung) (?:the|a|my) (?:ligature|noose|rope) ~4 ready",
        r"enough (?:pills|tablets|meds|paracetamol|painkillers|medication|{DRUG}) ~3 (?:to|for) (?:kill|die|end"
        r"|overdose|do it|not wake up)",
        r"(?:stash|stockpile|hoard) of ~3 {MEANS}",
        r"(?:have|got|i've got|kept|keep|hid|hidden|hiding) the (?:rope|noose|ligature|hose|charcoal|gun|blade|razor"
        r"|razor blades?) (?:in|under|inside|ready|hidden|at|for)",
        r"(?:hose|hosepipe|hose pipe|tubing|charcoal|barbecue) ~8 (?:duct tape|tape|taped|exhaust|seal the)|(?:beam|banister|hook|rail|door|bar)"
        r" (?:is|'s|is strong enough|will hold|holds|is sturdy|sturdy|strong enough)(?= [.,] |\s*$| enough| to hold)|(?:gun|shotgun|pistol|rifle) (?:is )?loaded"
        r"|loaded (?:the|my|a) (?:gun|shotgun|pistol|rifle)",
        r"(?:month's|months'|week's|weeks'|months|weeks) worth ~3 (?:saved|stockpiled|hoarded|stashed|put aside|kept"
        r"|collected|of (?:pills|tablets|meds|{DRUG}))",
        unless=_NOT_MEDICATION_TALK,
    ),
    _rule(
        "method_research",
        "urgent",
        "plan",
        "researching or choosing a method, dose, place or date",
        r"(?:googled|googling|google|researched|researching|looked up|looking up|searched|searching"
        r"|read up on|reading up on|reading up|looking into|looked into|worked out|working out|figured out"
        r"|planned|planning|picked|chose|chosen|checking|checked) ~2 (?:how|ways|the best way|the easiest way|a"
        r" way|methods?|painless ways?|the quickest way|how many|which|what) ~5 (?:to|i could|i'd|i would|i can"
        r"|it takes to|would|could|will) ~1 (?:die|kill myself|end it|end my life|overdose|hang myself|do it"
        r"|not wake up|kill you|kill me|be fatal|be enough|take|tie (?:a )?(?:noose|knot)|make a noose|hang myself"
        r"|drown|bleed out)",
        r"(?:googled|googling|researched|researching|looked up|looking up|searched|searching|reading up on"
        r"|read up on) ~4 (?:lethal|fatal|suicide methods|methods of suicide|painless ways|how long it takes to"
        r" die|noose|how to hang|overdose amounts|overdose on)",
        r"(?:googled|googling|researched|researching|looked up|looking up|searched|searching|reading up on"
        r"|checking|checked|working out|worked out) ~3 (?:which|what|the (?:highest|tallest|best)|how (?:high"
        r"|tall|deep|far|long|many|much)) ~4 (?:bridge|building|cliff|drop|fall|car park|multistorey|tablets|pills"
        r"|paracetamol|{DRUG}|dose|it would take|would it take|it takes|to take|is highest|is tallest)",
        r"(?:researched|looked up|googled|checked|worked out|figured out|calculated) (?:the )?(?:dose|doses|amount"
        r"|how much|lethal|fatal)(?! of (?:my|the) (?:vitamin|vitamins|supplement))",
        r"how many (?:pills|tablets|paracetamol|painkillers|sleeping pills|of my \w+|{DRUG}) ~4 (?:kill|die|fatal"
        r"|lethal|overdose|it would take|to take|would take|it takes)",
        r"lethal dose|fatal dose|(?:which|the right|the best) (?:bridge|building|height) to (?:jump|use)",
        r"(?:i've|i have|i) (?:picked|chosen|set|chose|decided on) (?:a|the|my)? ?(?:date|day|time|place|spot"
        r"|bridge)(?! for| of| to (?:go|meet|visit|start))|(?:set|picked|chosen|chose) {DAY} as (?:the|my)"
        r" (?:date|day)",
        r"(?:i've|i have|i've got|i have got|i made|i've made) (?:a|the) plan (?:to|for how|for when|of how)(?! (?:to )?"
        r"(?:get through|cope|manage|stay safe|deal with|handle|keep|make|survive|save|pay|study|revise|start|get fit"
        r"|lose|eat|sleep|see|visit|call|talk|tell|ask|apply|move|finish|get (?:better|well|help|out of debt)|look"
        r" after|fix|sort)\b)",
        r"(?:looking at|looked at|checking|checked|looking up) the (?:train times|train timetable|tide times|last"
        r" train)|(?:my|a|the) suicide plan|(?:i know|i've got|i have) (?:which|the) (?:one|train|trains) (?:that )?(?:doesn't"
        r"|don't|won't) stop|(?:i've got|i have|got|checked|looked up) the train times",
    ),
    _rule(
        "final_goodbye",
        "urgent",
        "plan goodbye",
        "a final goodbye: suicide note, 'by the time you read this', 'I'll be gone by morning'",
        r"suicide note|(?:this is|it's) (?:my )?(?:goodbye|the end) (?:everyone|world|all|to you all)",
        r"(?:this is|it's) (?:my )?goodbye(?= [.,] |\s*$)|goodbye (?:everyone|everybody|world|all)(?= [.,] |\s*$)",
        r"(?:this is|this will be|it's) my (?:last|final) (?:entry|message|note|letter|post|words|journal)",
        r"(?:this is|this will be) the (?:last|final) (?:letter|entry|message|thing i(?:'ll| will)? (?:write|say"
        r"|post))(?= [.,] |\s*$| here| in this app| on here)",
        r"my (?:last|final) (?:message|letter|note|words|entry|journal entry|post|goodbye) (?:to|for)",
        r"(?:last|final) (?:message|words|entry|journal|letter|goodbye|post)(?=\s*$| [.,] )",
        r"(?:you|you'll|nobody|no one|anyone) ~1 (?:won't|will not|will never|never) (?:hear from|see) me again",
        r"by the time (?:you|anyone|someone|they) (?:read|reads|find|finds|see|sees) this",
        r"(?:for )?whoever finds (?:me|them|this|these|it)",
        r"(?:fed|walked|hugged|kissed|cuddled|stroked|called|rang|phoned|said bye to|tucked in) (?:and \w+ )?(?:\w+"
        r" ){0,3}(?:one last time|for the last time)",
        r"(?:won't|will not|wont) need (?:this|it|the app|this app|my \w+|anything|any of this) ~2 (?:after|past|beyond)"
        r" (?:tonight|today|tomorrow|this weekend|{DAY}|the weekend)",
        r"(?:won't|will not|not going to|never going to) (?:see|make it to|live to see|be alive) (?:tomorrow|the"
        r" morning|morning|another day|christmas|the weekend|{DAY}|sunrise|\d\d|thirty|forty|fifty|my (?:next )?birthday"
        r"|next year|another birthday)(?! again| yet| for| until)",
        r"(?:tonight|today)(?:'s| is) my (?:last|final) (?:night|day)(?! (?:at|in|of|before|off|with)\b)|my last night"
        r" (?:alive|on earth)",
        r"(?:writing|write|wrote) (?:my |the )?goodbye (?:letters|notes|messages?)(?= now| tonight| today)",
        r"(?:i|i'll|i will|i'm|i am) ~1 (?:won't|will not|not going to) (?:be )?(?:here|around|alive)"
        r" (?:tomorrow|much longer|by (?:tomorrow|morning|the morning|the weekend|{DAY})|in the morning|next"
        r" week|for long|(?:past|after|beyond) ~2 (?:{DAY}|tonight|tomorrow|the weekend|this week|next week"
        r"|the \w+))",
        unless=r"\b(?:see you|holidays?|leaving do|new job|for now|flight|airport|school|house|flat|pub|city|town"
        r"|office|shop|cafe|restaurant|demolish|conference|away (?:at|on|for|in|with)|trip|visiting|course|training"
        r"|night shift)\b",
    ),
    _rule(
        "attempt_in_progress",
        "urgent",
        "attempt act",
        "an overdose just taken, or an attempt or dangerous self-harm happening right now",
        r"(?:(?:i've|i have|i just|just|i|i've just|i have just|then) )?(?:taken|took|swallowed|downed|injected"
        r"|necked) {QUANT} ~3 (?:pills?|tablets?|meds|medication|{MEANS}|them|in the house|prescription|supply"
        r"|stash|medicine cabinet|bathroom cabinet|cabinet|cupboard|packet|box|bottle|strip|tub|lot)",
        r"(?:took|taken|swallowed|downed) (?:the lot|them all|all of them|everything|every (?:pill|tablet))",
        r"(?:took|taken|swallowed|downed) (?:my|the|all my) (?:{MEANS}) , (?:all of them|all|the lot|every one"
        r"|everything)",
        r"(?:took|taken|swallowed) some ~o6 (?:take|taking|swallow) the rest",
        r"(?:i've|i have|i've just|i just|just) (?:taken|had|done) an overdose|(?:i've|i have|i've just"
        r"|i just) overdosed",
        r"(?:made sure|making sure|make sure) (?:that )?i (?:won't|don't|will not|never|do not) wake up"
        r"|(?:won't|will not|never) wake up (?:with|after|from) what i (?:took|have taken|'ve taken|swallowed)",
        r"(?:i'm|i am|i've started|i've been|i have been) (?:bleeding|cutting|burning myself|hurting myself"
        r"|overdosing) ~2 (?:right now|now|as i (?:write|type)|and can't stop|a lot|so much|everywhere)",
        r"(?:the )?(?:pills|tablets|meds|what i took|it) (?:are |is )?(?:kicking in|starting to (?:work|kick in))"
        r"|(?:feel|feeling|can feel) (?:the pills|the tablets|what i took|them) (?:working|kicking in|starting)",
        r"(?:can't|won't|cannot|couldn't) (?:get )?(?:it |the bleeding |them )?(?:to )?stop (?:the )?bleeding"
        r"|(?:cut|cuts|cutting|bleeding|blood) ~8 (?:(?:it's|its|it is) not stopping|won't stop|isn't stopping|keeps"
        r" bleeding)|(?:a lot of|so much|loads of) blood|blood everywhere|soaked through|still bleeding|(?:i'm|i am) bleeding"
        r" (?:really |so |very |quite )?(?:badly|heavily|a lot|loads|everywhere)|bleeding ~~6 (?:can't|cannot|won't)"
        r" (?:make|get) it (?:to )?stop|(?:need|needs|might"
        r" need|probably need) stitches|(?:it's|the cut is|cuts are) (?:really |so |too )?(?:deep|gaping)",
        r"(?:rope|belt|cord|scarf|ligature|noose|tie|cable|lead|sheet) (?:is|are) (?:already )?(?:around|round|on)"
        r" my neck|kick (?:the|away the) (?:chair|stool|ladder)|(?:car|engine) ~4 running ~4 (?:garage|hose|closed"
        r"|shut)|garage ~6 (?:engine|car|motor) (?:is |still )?(?:running|on(?= [.,] |\s*$| and))",
        r"(?:legs?|feet|foot) over(?= [.,] |\s*$| the (?:edge|side|railing|railings|barrier|parapet))|(?:sitting|sat"
        r"|standing|stood|perched) on (?:the )?(?:bridge )?(?:railing|railings|ledge|parapet|barrier)",
        r"(?:arm|arms|wrist|wrists|leg|legs|thigh|thighs|skin|stomach) (?:is|are) (?:already |still |really |badly"
        r" )?bleeding"
        r"|hose (?:from|on|in|into) the exhaust",
        r"(?:sitting|sat|standing|stood|lying|lay|i'm|i am) (?:on|at|by|in the middle of) the (?:train "
        r"|railway )?(?:tracks|line|rails)",
        r"(?:i'm|i am) (?:standing |sitting |sat |stood )?(?:on|at) (?:the )?(?:top of (?:the|a) "
        r"|edge of (?:the|a) )?(?:\w+ )?(?:bridge|footbridge|flyover|viaduct|cliff|cliffs|cliff edge|roof"
        r"|rooftop|ledge|multistorey|multi storey|car park roof|top floor of the car park)(?! (?:terrace|garden|bar|party|of"
        r" the ship|of my nose|club|top bar|path|walk))",
        r"(?:i'm|i am|been|i've been) (?:sitting|sat|standing|stood|perched) (?:on|at) (?:the )?(?:edge of (?:the|a)"
        r" |top of (?:the|a) )?(?:\w+ ){0,2}(?:{STRONG_PLACE}|car park roof|roof|ledge)",
        r"(?:(?<=^ )|(?<=[.,] ))(?:on|at) the (?:edge of the |top of the )?(?:cliff edge|edge of the cliff|{STRONG_PLACE}"
        r"|ledge)(?= [.,] |\s*$| and| now| right now)",
        r"(?:wrong side of|other side of) the (?:railing|railings|barrier|fence|rail|bridge|balcony)|(?:leg"
        r"|legs|foot) over the (?:railing|railings|edge|barrier|side|rail)|(?:climbed|climbing) over the"
        r" (?:railing|railings|barrier|fence|edge)",
        unless=r"\b(?:prescribed|as prescribed|for my (?:headache|back|period|pain|cold|migraine)|nosebleed"
        r"|period|dentist|tooth|nose|antibiotics|course|like always|as usual|hike|walk|view|photo|shaving|chopping"
        r"|cooking|by accident|accidentally)\b",
    ),
    _rule(
        "end_it_intent",
        "urgent",
        "intent active ideation",
        "says they are going to end it / are ending it (no relationship or plan named as 'it')",
        r"(?:i'm going to|i am going to|i'm gonna|i'll|i will|i'm|i am|i'm about to|i've decided to"
        r"|i decided to|going to|gonna) (?:finally |just |actually )?(?:end it|ending it|end it all"
        r"|ending it all|go through with it|going through with it)(?! (?:with|for|off|up|early|now with"
        r"|between|here|there|on|at|by|today|for today|positively))",
        unless=r"\b(?:him|her|them|relationship|boyfriend|girlfriend|partner|husband|wife|contract"
        r"|subscription|call|meeting|conversation|lease|tenancy|friendship|engagement|marriage|membership"
        r"|things with|job|course|degree|diet|streak|era|chapter|series|season|game|match|argument|fight"
        r"|affair)\b",
    ),
    _rule(
        "means_in_hand",
        "urgent",
        "means ready",
        "holding the means or has them in front of them right now",
        r"{MEANS} ~3 (?:in my hand|in my hands|in hand|in front of me|on my lap|in my lap)|(?:i'm|i am) holding ~2"
        r" {MEANS}",
        r"(?:i'm|i am|sitting|sat|lying|lay) (?:in|on) (?:the|my) (?:bath|bathroom floor|bathroom|garage|woods"
        r"|bed) with (?:a|the|my) ~1 (?:razor|razor blade|blade|rope|noose|ligature|pills|tablets|knife|{DRUG})",
        r"(?:writing this|typing this) (?:with|holding) (?:the|a|my) ~2 (?:{MEANS}|blade) (?:still )?(?:in my"
        r" hand|next to me|beside me)",
        r"make it look like an accident",
        unless=r"\b(?:dose|daily|morning dose|evening dose|with food|prescribed|pharmacy|chemist|kitchen"
        r"|chopping|cooking|shaving|dinner|tea|breakfast|lunch)\b",
    ),
    _rule(
        "stockpiling",
        "urgent",
        "means",
        "buying, collecting or keeping large amounts of tablets, or from several shops",
        r"(?:bought|buying|buy|collected|collecting|got|getting) (?:as many|loads of|lots of|all the|several"
        r"|multiple) ~3 {MEANS}",
        r"(?:bought|buying|collected|collecting|got|getting) (?:three|four|five|six|several|multiple|[3-9]|\d\d)"
        r" (?:packs|packets|boxes|bottles) ~3 {MEANS}",
        r"(?:have|got|saved|kept|collected|hoarded|counted|stashed|hidden|i've|i have) ~2 (?:\d\d+|twenty|thirty"
        r"|forty|fifty|sixty|seventy|eighty|ninety|a hundred|hundreds of) (?:of )?(?:my )?{MEANS}",
        r"{MEANS} ~4 (?:from|at|in) (?:\w+ )?(?:different|several|multiple|various|two|three|four|five|a few)"
        r" (?:different )?(?:chemists|shops|pharmacies|supermarkets|stores)",
        r"(?:another|different|several|multiple|two|three|four) (?:chemists|chemist|shops|pharmacies|pharmacy"
        r"|supermarkets) ~4 (?:so|because|to|without)|(?:and then|then) another (?:chemist|shop|pharmacy)",
        unless=r"\bfor (?:my|the|our) (?:headache|cold|flu|period|back|migraine|kids|family|first aid|holiday"
        r"|trip|mum|dad|nan)\b|\b(?:left|remaining|repeat|prescription|pharmacy|mg|a day|daily|dose|per)\b",
    ),
    _rule(
        "cannot_stay_safe",
        "urgent",
        "intent",
        "says they cannot keep themselves safe",
        r"(?:can't|won't be able to|don't think i can|unsure if i can) keep myself safe",
        r"(?:i'm|i am|i feel) not safe (?:tonight|right now|with myself|around myself|from myself"
        r"|at the moment)|(?:i'm|i am) not safe(?= [.,] |\s*$)",
        r"don't (?:feel|think i'm) safe (?:with|from|around|by) myself",
        r"don't trust myself (?:tonight|right now|to stay safe|not to (?:do|hurt|act))",
        r"(?:i|i'm|i am) (?:don't|do not) think i'm (?:coming|going) (?:down|back|home)",
        unless=r"\b(?:drive|driving|walk home|at night alone)\b",
    ),
    _rule(
        "act_considered_soon",
        "urgent",
        "intent",
        "considering a named act for a time soon ('thinking of swallowing everything tonight')",
        r"(?:thinking|considering|contemplating|planning|tempted) (?:of|about|on)? ?(?:{ACT_MEANS}|{KILLME}|ending it"
        r"|end it|ending things|ending my life|doing it) ~6"
        r" {TIME}",
        unless=_HABIT,
    ),
    # ---- concern: ideation, wishing to be dead, burden ------------------------------------------------
    _rule(
        "wish_to_die",
        "concern",
        "ideation",
        "wants or wishes to die, to be dead, not to exist or not to be here",
        r"{WANT} ~2 to {DIE}",
        r"(?:wish|wished|wishing|wishes) (?:that )?(?:i|i'd|i had|i could|to|you|you could) ~3 (?:dead|die|died"
        r"|not exist|not existed|stop existing|cease to exist|(?:wasn't|weren't|was not|were not) (?:alive|here"
        r"|around|born)|never (?:been )?born|not (?:been )?born|disappear(?! (?:for|into|to|from|off|under|on)\b)"
        r"|vanish(?! (?:for|into|to|from|off)\b)|not be (?:here|alive|around)"
        r"|be gone|not wake up|not woken up|never woken up|never woke up|never wake up|sleep forever"
        r"|fade away|stop waking up|not be me)",
        r"(?:wish|wishing|longing|long|pray|praying|hope|hoping) (?:for|to) (?:death|die|be dead"
        r"|it all to end|everything to end)",
        r"(?:want|wants|wanted|wanting|need|needs|wish|wishes|wishing) (?:it all|everything|all of it|my life|life"
        r"|this life) ~1 to (?:end|be over|stop)(?! (?:being|hurting|spinning|moving|ringing|for (?:a|the) (?:bit|minute"
        r"|second|while|day|night))\b)",
        r"ready to die|(?:i|i'd|i would) (?:rather|sooner) (?:be dead|die|not exist|not be here"
        r"|not be alive)",
        r"better off ~4 (?:for good|forever|permanently)(?= [.,] |\s*$)",
        r"better off (?:dead|gone|not being here|not existing|not alive|not around|not here|in the ground|six feet under"
        r"|out of the picture|not being alive)",
        r"(?:i've|i have|i'm|i am) (?:had enough|done|finished|sick|tired) (?:of|with) (?:life|living|being alive"
        r"|this life|existing|my life)(?= [.,] |\s*$| now| completely)",
        r"(?:hate|hating|worn out from|exhausted by|can't stand|can't bear|fed up of|fed up with|sick of|tired of"
        r"|weary of|done with|fighting to) (?:being alive|staying alive|stay alive|existing|my existence|being on"
        r" this earth|life itself)|(?:being alive|existing|living|my existence) (?:hurts|is (?:too )?(?:hard"
        r"|painful|unbearable|torture|exhausting|agony))",
        r"even if it means (?:dying|death|i die|not waking up|not coming back)",
        r"(?:kindest|best|only|right) thing (?:i could do|i can do|to do|left) ~6 (?:is to|would be to|is) (?:just )?{DIE}",
        r"(?:if|except for|without) ~8 (?:i (?:don't|do not) think i'd|i wouldn't|i would not|i'd not) (?:still )?be"
        r" (?:here|alive|around)",
        r"(?:ask|asking|asked|beg|begging|begged|pray|praying|prayed) (?:god|the universe|someone|something|death)"
        r" (?:every night )?to (?:take me|let me go|end it|let me die)",
        r"(?:death|dying|the end) (?:can't|couldn't|cannot) come (?:soon|quick|quickly|fast) enough|(?:looking"
        r" forward to|can't wait for) (?:death|dying|the end|my death|it all to end)",
        r"(?:not going to|won't|don't think i'll|do not think i'll) (?:make it|last|survive|be here|be around) (?:to|till"
        r"|until|past) (?:christmas|my birthday|next year|the new year|summer|spring|the weekend|\d+)",
        r"(?:thinking about|thought about|considering|considered|tempted to|want to) (?:doing|do) (?:it|the same"
        r"|that) (?:myself|too)(?= [.,] |\s*$)",
        r"(?:envy|envious of|jealous of) (?:people|those|anyone|everyone|the ones) (?:who|that) (?:get to )?(?:die"
        r"|died|are dead|don't wake up|never wake up|get to go)|jealous of the dead",
        r"(?:can't|cannot|can not) be bothered (?:being alive|living|existing|to live|staying alive|with life"
        r"|waking up)|(?:sick|tired|fed up) of waking up(?! (?:at|so|early|before|for|to|with|in)\b)|(?:exhausting|tiring|painful|unbearable|too hard|torture"
        r"|so hard|agony|pointless|a chore|hell|miserable) being alive",
        r"(?:don't|doesn't|do not|does not) (?:think |feel like )?(?:the world|anyone|anybody|the planet|this world)"
        r" (?:needs|wants|would miss) me|(?:nobody|no one|noone) (?:needs|wants) me (?:here|around|anymore|alive"
        r"|in (?:it|this world))|the world (?:doesn't|does not|wouldn't|won't) (?:need|miss) me",
        r"(?:i'm not|i am not|i won't|i will not|i wouldn't|i'm refusing|i refuse to) (?:be )?(?:have|having|get"
        r"|getting|accept|accepting|take|taking|bother with) (?:any )?(?:more )?(?:the )?treatment(?! for (?:my|the)"
        r" (?:back|knee|skin|teeth|acne))",
        r"if i (?:got|get|had|have|found out i had) (?:cancer|ill|sick|a tumour|something serious|a terminal \w+) ~4"
        r" (?:wouldn't|won't|not|would not) ~2 (?:get|have|bother with|seek|fight|want) (?:treatment|it treated"
        r"|help|it)|if i (?:got|get|had|have) (?:cancer|a tumour|something terminal|a terminal \w+) ~4 (?:relieved|relief"
        r"|glad|happy|wouldn't mind|fine|grateful)",
        r"(?:hope|hoping|hoped|wish|wishing|pray|praying) ~4 (?:we'd|we would|we|it|the plane|the car|the train|the"
        r" bus|the boat) (?:would )?(?:go down|goes down|went down|crash|crashed|crashes|sink|sank|sinks)",
        r"if (?:we|it|the plane|the car|the train|the bus) (?:crashed|went down|crashes|goes down|hit me|sank) ~o6"
        r" {ACCEPT}|(?:fine|okay|ok|relief|wouldn't mind|don't mind) ~3 if (?:we|it|the plane) (?:crashed|went down)",
        r"(?:wouldn't|would not|won't|wouldn't even|don't think i'd|i'd not) (?:step|move|get|jump) out of the way"
        r"|(?:wouldn't|would not|won't|don't think i'd) (?:swerve|fight it|try to avoid it|brake|stop it)(?= [.,] |\s*$"
        r"| to avoid| if)",
        r"(?:wouldn't|would not|don't|do not|won't) (?:really )?mind (?:dying|being dead|not waking up|not existing"
        r"|if i died|death|never waking up|not being here|not being around|going in my sleep|not existing anymore"
        r"|being gone)",
        r"(?:swap|trade|switch) places with (?:anyone|someone|somebody|people|him|her|them) (?:who's|who is|who are"
        r"|that's|that is) (?:dying|dead|terminal|ill)|(?:i'd|i would) (?:gladly )?go instead of (?:them|him|her)",
        r"(?:wish|wishing|hope|hoping|pray|praying) (?:the |my )?(?:results|scan|scans|tests?|biopsy|smear) (?:would"
        r" be|were|are|come back|came back) (?:bad|positive|cancer|terminal)|(?:so|that) i'd have a reason to stop",
        r"(?:don't|can't|do not|cannot) see why i (?:should|would|need to) (?:keep living|go on|carry on|stay alive|be"
        r" alive|bother living|keep going)|why (?:should|would) i (?:keep living|go on|carry on|stay alive|bother"
        r" living)",
        r"(?:can't|cannot|don't|can not) (?:see|picture|imagine) (?:a|any) future (?:with me in it|for me|where i"
        r" exist)|(?:can't|cannot|don't) (?:picture|imagine) myself (?:in the future|being alive|growing old|at \d+)",
        r"(?:only|just) (?:staying|stay|still|kept|keeping myself) alive (?:for|because)|(?:only|just) (?:here|alive)"
        r" for (?:my|the) \w+(?:'s)? sake",
        r"what if i (?:just )?(?:went out (?:of|through) (?:it|the window)|jumped|stepped (?:off|out|in front)|fell|let"
        r" go|walked (?:off|into)|didn't (?:stop|step back))",
        r"(?:hope|hoping|wish|wishing|pray) (?:a|the) (?:car|bus|lorry|train|truck|van|driver) (?:doesn't|won't"
        r"|wouldn't|didn't) stop",
        r"(?:don't|can't|cannot|do not) see (?:myself|me) (?:being alive|alive|being here|still here|surviving"
        r"|making it|lasting|being around) ~3 (?:by|in|next|much longer|another|for long|past|to)|(?:can't"
        r"|cannot|don't) see a future (?:where|in which) i'm (?:still )?(?:alive|here|around)",
        r"(?:i|i just|i really) want out(?= [.,] |\s*$| of (?:this |my )?(?:life|everything|existence|here|it all))",
        r"(?:want|wants|wish|wishes|wishing|need|needs) (?:it|this) (?:all )?to (?:end|be over|stop)(?= [.,] |\s*$| for good"
        r"| forever| permanently)",
        r"(?:dying|death|suicide|killing myself|ending it|not existing|not being here|not waking up) ~3 (?:is|seems"
        r"|feels|sounds|looks|would be|'d be) ~2 (?:the only|the best|the easiest|the answer|the way out|my way"
        r"|the solution|the only thing|a fix|an escape|a relief|peaceful|easier|better|nice|appealing|tempting"
        r"|comforting|welcome|like a relief|like home|like freedom|like rest|like the answer)",
        r"(?:death|dying|being dead|not existing|not being here|the idea of (?:being dead|dying|death|not existing)"
        r"|the thought of (?:being dead|dying|death|not existing|not waking up)) ~4 (?:doesn't scare me|no longer"
        r" scares me|calms me|comforts me|soothes me|appeals to me|is comforting|is appealing|is calming|feels"
        r" like home)",
        r"(?:i|i'm|i am|i just) (?:just )?(?:want|wanna|wanted) to (?:disappear|vanish|not be here"
        r"|not be alive|stop being alive|stop living|be gone|go to sleep forever|fade away)(?! from| to| into"
        r"| off| under| for (?:a|the)| at)",
        r"(?:don't|do not|didn't|no longer|never|not) (?:really |even |think i'd |think i |think i'd really )?"
        r"(?:want|wanna|wish|wanting) (?:to )?(?:be alive|exist|be on this earth|wake up(?! (?:early|at|for"
        r"|before|so|to|in))|be here(?! (?:at|in|for|with|when|tonight|today|at)\b)|be around(?! (?:them|him|her"
        r"|people|anyone|for)))",
        r"(?:don't|do not|didn't|no longer|never|not) (?:really |even |think i'd |think i |think i'd really )?"
        r"(?:want|wanna|wish|wanting) (?:to )?(?:live|go on|carry on|keep going|keep living)(?=\s*$"
        r"| [.,] | (?:anymore|any more|now|like this|much longer|another day|tomorrow|at all|ever|again|most"
        r" days|some days)\b)",
        r"(?:i|i'm|i am|i just) (?:just )?(?:don't|do not|no longer) want to be (?:alive|here|around)",
        r"(?:tired|sick|exhausted|done|finished|weary) (?:of|with) (?:living|being alive|existing|life"
        r"|my life|being here|this life)(?! (?:of|in|at|from|being|as|here|right now|feeling|going|so|admin|insurance"
        r"|stuff|lessons|coaching|drawing|class|skills|hacks|coach|story|stories|updates)\b)",
        r"(?:don't|can't|do not|cannot) see (?:the|any) point (?:in|of) (?:living|being alive|life|going on"
        r"|existing|being here|carrying on|me being here)",
        r"(?:what's|what is|whats) (?:even |really |actually )*(?:the )?point (?:of|in) (?:me )?(?:living|life"
        r"|being alive|being here|existing|going on|carrying on|me|staying alive)",
        r"unsure if i (?:want to|can) (?:live|go on|keep going|be alive|be here|carry on)",
        r"(?:just )?waiting to die|waiting for death|counting down (?:the days )?(?:until"
        r"|till) i (?:can )?(?:die|go|stop)",
        r"only reason (?:i'm|i am) (?:still )?(?:here|alive|around)|(?:i'm|i am) only (?:still )?(?:alive"
        r"|here) (?:because|for|out of)|if it (?:wasn't|weren't) for ~4 i'd (?:be gone|be dead|have killed myself"
        r"|have ended it|not be here)|except for ~4 i'd (?:be gone|be dead|have killed myself|have ended it|not be"
        r" here)|i'd (?:be gone|be dead|have done it) (?:already|by now)",
        r"(?:swerv|swerve|swerving|crash|crashing|steer|steering|drive|driving) ~2 into (?:a|the|an"
        r"|oncoming) (?:lorry|truck|tree|wall|traffic|bus|oncoming)|let go of the (?:steering )?wheel",
        r"(?:think|thought|thinking) about (?:stepping|jumping|falling|throwing myself) (?:forward|off"
        r"|in front|under)",
        r"(?:wouldn't|don't|won't|would not) (?:care|mind) if (?:the|my) (?:plane|car|bus|train) (?:went down"
        r"|crashed|crashes|hit me|goes down)",
        r"(?:no|see no|can't see a|there's no|there is no|have no|i have no) (?:reason|point|purpose)(?: (?:to|in"
        r"|of))? (?:live|living|go on|going on|carry on|carrying on|being alive|being here|existing|keep going"
        r"|keeping going|my life)|nothing (?:left )?to live for",
        r"what's the point (?:of|in) (?:living|life|going on|being alive|existing|carrying on|me)",
        r"(?:life|my life|living|it all) (?:is|isn't|is not|feels|doesn't feel|isn't really) ~1 (?:not )?worth"
        r" (?:living|it anymore|it any more|it(?=\s*$| [.,] ))|not worth living",
        r"(?:can't|can not) (?:go on|keep going|carry on) (?:anymore|any more|much longer|living|like this)",
        r"don't know how (?:much|many) (?:longer|more) ~2 (?:can|could) (?:go on|keep going|do this"
        r"|take (?:it|this)|hold on|carry on|last)(?! (?:like this )?(?:at|with|in) (?:work|this job|the job|uni"
        r"|school|college))",
        r"giv(?:e|ing|en) up on (?:life|living|being alive)|giv(?:e|ing|en) up on ~o4 (?:even )?(?:living|life|being"
        r" alive)(?= [.,] |\s*$)",
        r"(?:want|wish|wishing|hope|hoping|pray|praying) (?:someone|somebody|something|a car|a bus|a lorry"
        r"|an accident|god) (?:to|would|could|will|might) (?:just )?(?:kill me|happen to me|hit me|take me)"
        r"|(?:let|make) me die|please (?:let|make) me (?:die|not wake up)",
        r"(?:hope|hoping|wish|wishing|pray|praying) (?:that )?(?:i|i'd) (?:get|got|'d get|would get) (?:hit"
        r"|run over|killed|knocked down)|(?:hope|hoping|wish|wishing) (?:the|my|a) (?:bus|car|plane|train)"
        r" (?:crashes|would crash|hits me|would hit me)|(?:hope|hoping|wish|wishing) for an accident",
        r"if i (?:got|get|was|were) (?:hit|run over|killed|knocked down) ~6 (?:wouldn't|would not|won't"
        r"|don't) (?:mind|care)",
        r"(?:no|don't see a|can't see a|can't see any|don't see any|the only|see no) way out ~4 (?:dying|death|die|suicide|killing myself"
        r"|ending it)|(?:dying|death|suicide) (?:is|seems|feels like) (?:the|my) only (?:way out|option"
        r"|answer|escape)",
        r"so (?:that )?i (?:can|could|would|will) (?:die|be dead|not wake up)",
        r"so i (?:didn't|wouldn't|don't|would not) have to (?:keep going|wake up|be here|exist|live|go on)",
        r"(?:hope|hoping|wish|wishing|pray|praying) ~3 my heart ~2 stop(?:s|ped)?",
        r"(?:hope|hopes|hoping|wish|wishing|pray|praying) ~3 (?:don't|do not|won't|wouldn't|didn't) (?:survive|make"
        r" it through|pull through)",
        r"(?:i'd|it'd|it would|i would|everything would|life would|things would) ~o6 if i (?:just )?(?:didn't"
        r" exist|died|wasn't here|weren't here|wasn't alive|weren't alive|never woke up|didn't wake up|stopped"
        r" existing|was gone|were gone|was dead|were dead|disappeared|didn't make it to)",
        r"(?:urge|urges|tempted|temptation|pull|impulse) ~2 to (?:jump|step (?:in front|off|out)|throw myself|crash"
        r"|swerve|drive off|let go)",
        r"(?:(?:don't|do not|doesn't|does not|wouldn't|not|no longer) (?:even |really )?)?(?:care|mind"
        r"|bothered|matter|matters) ~2 (?:if|whether) i (?:live|lived) or (?:die|died)",
        r"(?:don't|do not|wouldn't|would not|not) (?:even )?(?:care|mind) if i (?:die|died|didn't wake up"
        r"|got hit|got run over|crashed|never woke up|was dead|disappeared)",
        r"(?:welcome|welcomes|embrace) death|death (?:sounds|seems|feels|would be) (?:like )?(?:nice|peaceful"
        r"|good|easier|better|a relief|like a relief|an escape|like an escape)|dying (?:sounds|seems"
        r"|feels) (?:nice|peaceful|easier|better|like a)",
        r"my (?:own )?(?:funeral|grave)|(?:wish|wishing) it (?:had )?worked",
        r"why (?:am i|am i even|do i even|do i still|should i even|i'm|i am) (?:even |still )*(?:alive|exist"
        r"|bother living|keep living|keep going|wake up|still here|here(?! (?:at|in|on|with|for)\b)|on this earth"
        r"|breathing)",
        r"(?:don't|do not) think i'll (?:be (?:here|around|alive)|last|make it) (?:much longer|for long|another"
        r" (?:week|year|month))",
        r"burden ~3 (?:permanently|for good|forever)|(?:want|wish|need) to stop being (?:alive|here|around)",
        r"(?:think|thinking|thought) about (?:not coming (?:back )?up|not coming back|going under|not waking up"
        r"|never coming back|disappearing forever)",
        r"(?:(?<=^ )|(?<=[.,] ))(?:like )?(?:stop|stopped|stopping) (?:being|existing)(?= [.,] |\s*$)",
        r"(?:(?<=, )|(?<=and )|(?<=wanting )|(?<=want )|(?<=wish ))to be dead too",
        r"(?:i'd|i would|it'd|it would) be (?:no harm|no loss|nothing) if i (?:went|died|was gone|wasn't here)",
        unless=r"\bif i (?:ever )?(?:feel|start|get|have|notice)\b",
    ),
    _rule(
        "death_wish",
        "concern",
        "ideation",
        "lexicon: a wish, hope, readiness or acceptance word followed by dying or not existing, in one sentence",
        r"{STANCE} ~~8 {DIE}",
        r"{STANCE} (?:(?:that|to|i|i'd|i could|i can|i would|i was|i were|i had|just|really|honestly"
        r"|quietly|simply|actually|even|could|would|finally|sometimes|part of me|enough|quite|kind of|kinda"
        r"|to just|so|it would be|it'd be) )*(?:to )?{DIE_WEAK}",
        unless=_WORRY,
        fallback=True,
    ),
    _rule(
        "accepts_death",
        "concern",
        "ideation",
        "lexicon: 'if I died / didn't wake up' with acceptance ('that'd be fine', 'would anyone notice')",
        r"if i (?:just )?(?:{DIED}) ~o6 {ACCEPT}",
        r"(?:fine|okay|ok|alright|cool|nice|lovely|a relief|relieved|easier|simpler|best|peaceful|happy|glad"
        r"|wouldn't mind|don't mind|wouldn't care|don't care|be good|a mercy|for the best|no harm|be no loss"
        r"|wouldn't be (?:the worst thing|so bad|a bad thing|that bad)|be a blessing|wouldn't bother me|won't bother me"
        r"|doesn't bother me|wouldn't upset me|wouldn't matter|won't matter|doesn't matter|fine by me)"
        r" ~o6 if (?:i|this) (?:just )?(?:{DIED})",
        unless=_WORRY,
        fallback=True,
    ),
    _rule(
        "first_person_death",
        "concern",
        "ideation",
        "lexicon: the writer (I, me, my) with dying, death, not existing or not waking up in one clause, where no"
        " exclusion applies (fear of dying, figures of speech, someone else's death)",
        r"(?:i|i'm|i'd|i'll|i've|me|myself|my life|i was|i am) ~g6 {DEATH_WORD}",
        unless=_NOT_OWN_DEATH,
        fallback=True,
    ),
    _rule(
        "not_wake_up",
        "concern",
        "ideation",
        "hopes or wishes not to wake up / to sleep forever",
        r"(?:hope|hoping|hoped|wish|wishing|wished|pray|praying|prayed|want|wanted|wanting"
        r"|would like) ~4 (?:don't|do not|wouldn't|won't|will not|never|not|didn't|did not) wake up",
        r"(?:go|went|going|fall|fell|falling|drift|drifted) (?:to sleep|asleep|off) (?:and"
        r"|&) (?:just )?(?:not|never|don't|didn't) wake (?:up)?",
        r"(?:want|wanted|wish|wishing|wished|hope|hoping|long|longing|pray|praying|just|ready"
        r"|need) ~3 sleep (?:forever|for ever|permanently|eternally)|sleep (?:and never wake|and not wake)"
        r"|never wake up again|not wake up (?:tomorrow|in the morning|again)|stop waking up",
        r"(?:disappointed|upset|annoyed|angry|sad) (?:that|when|to) i (?:woke up|wake up|still woke up)",
        r"(?:gutted|disappointed|upset|annoyed|angry|sad|devastated|cross|fed up|sick|sorry) (?:that |when |to )?(?:i"
        r" )?(?:still )?(?:woke|wake|waking) up(?! (?:early|late|at \d|at (?:five|six|seven|eight|nine|noon)|to the|with"
        r"|in|on|before|for)\b)",
        r"(?:don't|do not) deserve to wake up",
    ),
    _rule(
        "burden_without_me",
        "concern",
        "ideation",
        "feels others or the world would be better off without them",
        r"(?:better|happier|easier|lighter|brighter|simpler|freer|kinder|relieved|cope better|fine|okay|alright"
        r"|favou?r) ~o6 (?:without me|if i (?:just )?(?:was|were|wasn't|weren't|was not|were not) (?:gone|dead"
        r"|here|around|alive|in the picture|born|in their lives|not here|not around|a problem|a burden|in the way"
        r"|around anymore|here anymore)|if i (?:just )?(?:died"
        r"|disappeared|vanished|didn't exist|left for good|killed myself|didn't wake up|never woke up|went away|carked it"
        r"|kicked the bucket|snuffed it|popped my clogs"
        r"|stopped existing|never existed)|if (?:i'd|i had) never (?:been born|existed)|by (?:not existing|dying|disappearing|not being here|being gone)"
        r"|(?:once|when|after) i'm gone|with me gone)",
        r"(?:nobody|no one|noone|no body|not one person|none of them|nobody at all) (?:would|will"
        r"|'d) (?:even )?(?:miss|notice|care|mourn|blink|bat an eyelid|cry|be sad|realise|realize|know|shed a tear"
        r"|come to (?:my|the) funeral) ~3 if i (?:died|was dead|were dead|was gone|were gone"
        r"|disappeared|vanished|went missing|killed myself|wasn't here|weren't here|wasn't around"
        r"|didn't wake up|never came back)",
        r"without me ~o8 (?:better|happier|easier|lighter|relieved|simpler|freer)",
        r"better off with (?:a|another|someone|somebody|a different) (?:\w+ )?(?:who isn't me|who is not me|other than"
        r" me|else)|(?:or|and) no (?:mum|mom|dad|mother|father|parent|wife|husband|partner) at all",
        r"(?:would|will) (?:anyone|anybody|people) (?:even )?(?:notice|care|miss me|come|cry) ~2 if i (?:died|was gone"
        r"|disappeared|killed myself|wasn't here|weren't here)",
        r"if i (?:died|was gone|were gone|disappeared|killed myself|wasn't here|weren't here) ~3 (?:nobody"
        r"|no one|noone) (?:would|will) (?:even )?(?:miss|notice|care)",
        r"(?:nobody|no one|noone) (?:would|will) (?:even )?miss me",
        r"(?:i'm|i am|i feel like|i'm just|i am just|i'm nothing but) (?:such |just |only "
        r"|nothing but )?a (?:burden|drain|waste of space|waste of oxygen|waste of air) (?:to|on"
        r"|for) (?:everyone|everybody|my family|my kids|my partner|the people|them all|all of them|the world"
        r"|this world)",
        r"waste of (?:oxygen|air|a life)|(?:shouldn't|should not|don't deserve to) (?:be alive|exist|be here"
        r"|be born|have been born|live|breathe)\b|(?:i|i'm|i) deserve to (?:die|be dead)|should (?:never|not) have"
        r" been born|(?:should have"
        r"|should've|should) ~1 (?:have )?(?:died|never been born|not been born|not survived)|shouldn't have"
        r" (?:been born|survived|lived|existed)",
        unless=r"\b(?:on leave|holiday|while i'm|when i'm (?:away|off|on)|for (?:a|the|two|one) (?:day|days|week|weeks"
        r"|weekend|night)|(?:this|next) week|cover(?:ing)? for me|the meeting|my shift|the party|trip)\b",
    ),
    _rule(
        "active_ideation",
        "concern",
        "ideation active",
        "thinks about or wants to kill themselves (no plan or time given)",
        r"{KILLME}",
        r"(?:want|wants|wanted|wanting|need|feel like|felt like|feeling like|thinking about|thought about"
        r"|think about|thoughts of|thoughts about|thoughts go to|urge to|urges to|tempted to|close to"
        r"|considering|considered|contemplating|contemplated|telling me to) ~2 (?:end it|end things|ending it"
        r"|ending things|go through with it)(?! with| for| off| up)",
        r"just end it(?! with| for| off| up)",
        unless=r"\b(?:in the (?:book|novel|film|movie|show|play|game)|character|protagonist|narrator)\b",
    ),
    _rule(
        "suicidal_thoughts",
        "concern",
        "ideation",
        "reports feeling suicidal or having suicidal thoughts / thoughts of death",
        r"suicidal(?! (?:people|person|friend|patient|client|clients|patients|behaviou?r in|ideation in"
        r"|risk assessment|crisis training))",
        r"{THINK} ~g2 (?:just )?{DEATH_GER}",
        r"(?:ideation|suicidal thoughts|suicidal feelings|the suicidal \w+|dark thoughts about dying) ~2 (?:is back|are"
        r" back|came back|has returned|have returned|returned|creeping back|crept back|back again)",
        r"(?:considering|considered|contemplating|contemplated|attempt|commit|committing|planning|googling"
        r"|googled|researching|searching|looking up) suicide"
        r"|suicide (?:seems|feels|is) (?:like )?(?:the|my|an|a) (?:only|best|easiest|answer|option|way)"
        r"|suicide (?:thoughts|urges|ideation|feelings)",
        r"(?:suicide|dying|death|killing myself|ending it|ending things|ending my life|not existing|the thought"
        r" of (?:dying|death|not existing|not waking up)) ~3 {INTRUDE}",
        unless=_WORRY
        + r"|\b(?:memento mori|stoics?|philosoph\w*|value (?:today|life|each day|every day)|appreciate (?:life|today))\b"
        + r"|\bsince (?:\w+ ){0,2}(?:passed|died)\b|\bwhere (?:he|she|they) (?:is|are|went)\b|\bcame up in (?:my|the|a|our) (?:\w+ )?(?:lecture|seminar|class|module|session"
        r"|training|reading|course|tutorial)\b",
    ),
    _rule(
        "should_have_been_me",
        "signal",
        "survivor",
        "'it should have been me': counts only with a death named in the entry",
        r"(?:it )?should(?: have|'ve) been me(?! (?:who|that) (?:got|won|went|was chosen|had to))"
        r"|wish (?:it|that) (?:had been|was|were) me|wish it had been(?= [.,] |\s*$)",
    ),
    # ---- concern: the inner critic telling them to die ----------------------------------------------
    _rule(
        "critic_says_die",
        "concern",
        "ideation critic",
        "the inner critic (or an unattributed voice) tells them to die, that they deserve to, or that others"
        " would be better off without them",
        r"kill(?:ing)? yourself|tak(?:e|ing) your (?:own )?life|end(?:ing)? your (?:own )?life|top yourself"
        r"|off yourself|hang yourself|end yourself|unalive yourself|drown yourself|neck yourself",
        r"(?:(?<=^ )|(?<=[.,] ))(?:just )?die (?:, )?die",
        r"(?:you|u) (?:should|ought to|need to|deserve to|might as well|may as well) (?:just )?(?:die|be dead"
        r"|not exist|disappear|not be here|not be alive|end it|do everyone a favou?r|go away forever|starve"
        r"|starve yourself|stop eating|cark it)",
        r"(?:you|u) should (?:have|'ve) (?:died|never been born)|(?:you|u) should ~1 have ~1 (?:died|been born)",
        r"(?:wish|wished|wishing) (?:you|u) (?:were|was) dead|wish(?:ed)? (?:you|u) (?:had"
        r"|'d) never been born",
        r"(?:better|happier|lighter|easier|nicer|kinder|relieved|brighter|favou?r) ~o6 (?:dead|without you|if you"
        r" (?:were|was|weren't|wasn't) (?:gone|dead|here|around|alive|born)|if (?:you|you'd|you had) (?:just )?(?:died"
        r"|disappeared|vanished|never existed|never been born|were never born|weren't here|were gone|weren't"
        r" around|wasn't around|wasn't here|didn't exist))"
        r"|favou?r (?:by|if you) (?:dying|died|disappeared|were gone|were dead|killed yourself|not existing)",
        r"(?:you|u) (?:don't|do not) deserve to (?:live|exist|be alive|be here|wake up|breathe)",
        r"(?:nobody|no one) (?:would|will) (?:even )?(?:miss|notice|care|shed a tear|cry|blink|mourn|come to your"
        r" funeral)(?! about| for)",
        r"(?:go|just|go and|go away and|go off and) (?:die|drop dead)|die already|do (?:everyone|us all|the world|them) a favou?r and (?:die"
        r"|disappear|kill yourself|end it|cark it)|(?:go|just|should) (?:away|disappear) (?:forever|for good"
        r"|permanently)|(?:scrub|wipe|erase|rub|delete) yourself out|disappear (?:for good|forever)|go away and"
        r" (?:don't|never) come back|(?:go away|disappear|leave) (?:and never come back|for good|forever)",
        r"(?:vanish|die|disappear|do it) ~3 properly this time|(?:should have|should've) finished (?:the job|it)"
        r"|finish the job",
        r"(?:says?|said|tells? me|told me|keeps saying|whispers?|screams?|shouts?|shouted|whispered|muttering"
        r"|insists?) (?:that )?i should (?:just )?(?:die|be dead|kill myself|not exist|not be here|disappear"
        r"|not be alive)",
        r"(?:i|i'd|i really) should (?:just )?(?:die|be dead|not exist|not be alive|not be here)(?! (?:of"
        r"|from|laughing|if))",
    ),
    # ---- concern: self-harm ----------------------------------------------------------------------------
    _rule(
        "self_harm",
        "concern",
        "selfharm act",
        "self-harm acts: cutting, burning, hitting, scratching or otherwise hurting themselves",
        r"{SH_VERB} (?:at |into |on )?{BODY}(?! (?:off|out|free|loose|some slack|a slice|a piece|a break"
        r"|short|up|down))",
        r"(?:been|started|start|keep|kept|went back to|back to|relapsed (?:on|with|into)) (?:cutting"
        r"|burning myself|self harming)|cutting again|cut again|relapsed and (?:cut|burned|hurt)",
        r"(?:(?<=^ )|(?<=[.,] )|(?:i|i've|i have|i just|just|already|i already|i've already|i've just|and"
        r"|then) )(?:cut|cutting|burned|burnt|burning|sh|self harmed)(?= (?:tonight|today|again|last night"
        r"|this morning|this afternoon|this evening|just now|deep|deeper|really|so|too|worse|yesterday|last"
        r"|on|at the weekend|\w+ times|twice|once|for the (?:first|last|past)|right now|now|pretty|badly"
        r"|earlier)\b| [.,]|\s*$)|cut (?:really |so |too )?(?:deep|deeper)",
        r"(?:fresh|new|deep|old) (?:cuts|scars|wounds|burns) (?:on|from|up) (?:my|me)|cuts on my|(?:hide"
        r"|hiding|hid|cover|covering) (?:my|the) (?:cuts|scars|burns|wounds)|my (?:arms?|legs?|thighs?"
        r"|wrists?|skin|stomach|hips?) (?:are|is) (?:covered in|full of) (?:cuts|scars|burns)",
        r"(?:hit|hitting|punch|punched|punching|smack|smacked|slap|slapped|whack|whacked|thump|thumped)"
        r" (?:myself )?(?:in )?my (?:own )?(?:head|face) (?:with|against|into|over and over|until|till|hard)",
        r"my (?:skin|arms?|legs?|hands?|face|scalp|forearms?|thighs?) ~4 (?:till|until) (?:it|they|i)"
        r" (?:bleeds?|bled|bleed|bruised?)",
        r"(?:digging|dug|dig) my nails into (?:my )?(?:skin|arms?|hands?|palms?|legs?|wrists?)",
        r"(?:carved|carve|carving|cut|cutting|scratched|scratching|etched|burned|burnt|wrote|writing) ~3 (?:into"
        r"|onto) {BODY}",
        r"(?:pressed|pressing|press|held|holding|put|dragged|ran) (?:a |the |my )?(?:hot |lit |sharp |broken"
        r" |burning )?{SH_TOOL} ~3 (?:on|into|against|across|along|to|over) {BODY}",
        r"(?:punch|punched|punching|hit|hitting|kick|kicked|kicking|smash|smashed|smashing) (?:the |a )?(?:wall"
        r"|walls|door|doors|mirror) ~5 (?:until|till) ~3 (?:bled|bleed|bleeds|bleeding|split|broke|bruised|cracked)",
        r"(?:punch|punched|punching|hit|kick|kicked|smash|smashed|headbutt|headbutted) (?:the |a )?(?:\w+ )?(?:wall"
        r"|walls|door|doors|mirror|window) (?:on purpose|deliberately|to hurt|until|till|so hard)",
        r"(?:so hard|until|till) (?:it|they|i|my skin|the skin) (?:bleeds?|bled|bruised?|bruises|broke|breaks|split)"
        r"(?= ~~8 (?:my|myself)| [.,] |\s*$)",
        r"(?:pull|pulled|pulling|tear|tore|tearing|rip|ripped|ripping) (?:out )?(?:so much |a chunk of |chunks"
        r" of |clumps of |handfuls of )?(?:my )?hair(?: out)?(?= ~6 (?:punish|deserve|deserved|bald|until|till"
        r"|bleed|clumps|on purpose))",
        r"self (?:harm|harming|harmed|injury|injuring|injured|mutilation|mutilating)(?! (?:urges?|thoughts|cravings"
        r"|feelings|scenes?|storyline"
        r"|content|awareness|training|policy|research|services?|team|prevention|risk|scars|history|in (?:teenagers|young"
        r"|adolescents)|assessments?))",
        unless=_ACCIDENT,
        unless_scope="clause",
        unless_before=_URGE_BEFORE + r"|\bused to(?: \w+)?\s*$",
    ),
    _rule(
        "head_banging",
        "concern",
        "selfharm act",
        "banging or hitting their head against walls, floors or doors",
        r"(?:bang|banged|banging|bangs|smash|smashed|smashing|slam|slammed|slamming|hit|hitting) my (?:own )?head"
        r" (?:against|on|into|off) (?:the|a) (?:\w+ )?(?:wall|walls|floor|desk|door|doorframe|table|mirror|radiator"
        r"|headboard|cupboard|steering wheel)|head ?bang(?:ing|ed)?(?: against| on| into)? (?:the |a )?(?:\w+ )?(?:wall"
        r"|floor|desk|door|doorframe|table)|(?:bang|banged|banging|smash|smashed|smashing) my head(?= [.,] |\s*$"
        r"| again| until| over| repeatedly)",
        unless=r"\b(?:by accident|accidentally|tripped|fell|slipped|bumped|didn't see|walked into|getting up|standing"
        r" up|cupboard door|low ceiling|beam)\b",
        unless_scope="clause",
    ),
    _rule(
        "self_harm_urge",
        "concern",
        "selfharm",
        "urges or wishes to self-harm, or urges coming back",
        r"(?:urge|urges|urging|want|wanted|wanting|itching|tempted|need|needed|craving|crave|think about"
        r"|thinking about|thought about) ~2 to (?:cut|burn|hurt|harm|hit|punch|scratch|punish|dig|pinch|bite"
        r"|claw|pick|bang|slap|carve|bruise|scald|starve)(?: myself)?(?! (?:him|her|them|someone|somebody|the"
        r"|my (?!arms?|wrists?|thighs?|legs?|skin|face|hands?|body|stomach|chest|nails)\w+|hair|back|down|out|ties"
        r"|corners))",
        r"(?:urge|urges|cravings) (?:to self harm|for self harm|are back|came back|have returned|has returned"
        r"|have come back|has come back|returned|back again|are getting stronger|are strong|back)",
        r"(?:urge|urges|cravings) ~5 (?:came back|coming back|creeping back|crept back|returned|returning"
        r"|resurfaced|back again|are back|is back|(?:were|was|is|are|got|getting) (?:too |so |really )?(?:strong"
        r"|bad|loud))",
        r"(?:thinking|thought) about (?:cutting|burning|hurting|harming) (?:myself|again)",
        r"(?:the|my) (?:cutting|self harm|self harming|burning)(?! (?:board|edge|room|of|tool|sensation|pain in)\b)"
        r" ~2 (?:has|is|got|getting|was|started|keeps|won't|again)",
        r"(?:sat|sitting|stared|staring) (?:with|at) (?:the|a|my) (?:scissors|blade|razor|knife|lighter)",
        r"(?:blades?|razors?|razor blades|my (?:old )?kit|the lighter) ~s20 (?:think about (?:them|it)|thinking about"
        r" (?:them|it)|keep thinking about (?:them|it)|can't stop"
        r" thinking about (?:them|it)|calling (?:to )?me|staring at me|tempting me)",
        r"deserve (?:the )?(?:pain|to hurt|to suffer|to bleed|to be hurt|to feel pain)",
        r"(?:pulling|pull|pulls) at me again",
        unless=r"\burges? to (?:eat|binge|drink|smoke|buy|shop|text|call|check|scroll|vape|gamble|run|quit)\b",
    ),
    _rule(
        "self_punishment",
        "concern",
        "selfharm act",
        "hurting themselves physically as a punishment",
        r"{PUNISH}",
        # ... but only where the sentence names something done to the body.
        unless=r"^(?!.*\b(?:hurt|hit|pull|pulled|pulling|punch|pinch|slap|scratch|bite|bit|burn|burnt|burned"
        r"|cut|starv|bang|hair|skin|nails|wall|walls|eat|ate|food|meal|meals|dinner|lunch|breakfast|bleed"
        r"|bled|sick|run|legs|tucker)).*$",
    ),
    _rule(
        "means_contemplated",
        "concern",
        "ideation",
        "looks at or holds the means for a long time, or wanted to take them",
        r"(?:looked|looking|stared|staring|gazed|gazing|held|holding|sat|sitting) (?:at|with) (?:the|a|my) ~3 {MEANS}"
        r" ~4 (?:for (?:a long time|ages|hours|a while|ages)|and (?:thought|wondered|wanted|imagined))",
        r"(?:didn't|did not) (?:take|use) (?:any|them|it) ~~6 (?:i wanted to|wanted to|part of me wanted to)",
    ),
    _rule(
        "method_thought",
        "concern",
        "ideation",
        "thinks a method or place 'would do it' ('looking at the bridge and thinking that would do it')",
        r"(?:think|thought|thinking) about (?:jumping|stepping out|stepping off|falling|stepping forward)(?= [.,] |\s*$"
        r"| in| off| from| every| whenever| each| when)",
        r"(?:that|this|it|that one|this one|the fall|the drop|the height|the jump|(?:\d+|\w+) floors?) (?:would|could"
        r"|might|'d|will|is|are|would be) (?:do it|do the job|be enough|enough|be high enough|high enough|be quick"
        r"|kill me|work|be fatal)(?= [.,] |\s*$| right| wouldn't it| surely)",
        unless=r"^(?!.*\b(?:bridge|cliff|roof|ledge|drop|height|fall|train|trains|tracks|lorry|lorries|water|river"
        r"|sea|pills|tablets|rope|knife|blade|motorway|building|car park|multistorey|balcony|bath)\b).*$",
    ),
    _rule(
        "told_to_die",
        "concern",
        "ideation critic",
        "their thoughts or head tell them to die (someone else saying it is discounted as reported speech)",
        r"(?:telling|tell|tells|told|keeps telling|keep telling) me (?:to|i should) (?:just )?(?:die|kill myself"
        r"|end it|disappear|not exist|stop existing|go away forever|jump|step off|step out|step in front|throw myself"
        r"|walk into|let go)(?! (?:in|at|into the pool|on the trampoline)\b)",
        r"(?:thinking|thought|think|wondering|wondered|planning|worked out|working out) (?:of|about)? ?(?:ways"
        r"|how|methods) (?:to|i could|i would|i'd|i'll|i will|i might) (?:die|kill myself|end it|end my life|do it)",
        r"(?:says|said|tells me|told me|telling me|whispers|whispering|keeps saying|keeps telling me) (?:to )?(?:just"
        r" )?do it(?= [.,] |\s*$)",
    ),
    _rule(
        "self_starving",
        "concern",
        "selfharm act",
        "starving themselves or skipping meals as self-punishment",
        r"starv(?:e|ed|ing) myself",
        r"(?:skip|skipped|skipping|miss|missed|missing|refuse|refused|refusing|not eating|didn't eat"
        r"|won't eat|haven't eaten|stopped eating|no food|not letting myself eat|go without|went without"
        r"|going without|made myself sick|make myself sick|making myself sick) ~8 (?:punish|punishment"
        r"|deserve|don't deserve|earned|earn it|penance)",
        r"(?:punish|punishing|punished|punishment) ~5 (?:skip|skipping|skipped|not eat|not eating|starv"
        r"|no food|no dinner|no lunch|didn't eat|won't eat|refuse to eat|go without|went without)",
        r"(?:don't|do not|didn't) deserve (?:to eat|food|dinner|lunch|breakfast|meals?|a meal)",
        r"(?:not|won't|wouldn't|don't|didn't) (?:let|letting|allow|allowing) myself (?:to )?eat",
        r"hungry ~5 (?:deserve|punish)|restricting (?:again|food|my food|what i eat)",
        r"made myself sick (?:on purpose|to punish)",
    ),
    # ---- concern: past attempts --------------------------------------------------------------------------
    _rule(
        "past_attempt",
        "concern",
        "attempt act",
        "a previous suicide attempt or overdose",
        r"(?:tried|try|trying|attempted|attempt) (?:to )?(?:kill|unalive|end|hang|overdose|drown|suffocate"
        r"|take) (?:myself|my (?:own )?life|it all|things|it)(?! with| off| up| out)",
        r"(?:suicide|overdose) attempts?|attempted suicide|(?:my|an|the) (?:first|second|third|last|previous"
        r"|recent|latest|only) (?:suicide )?attempt(?! at| to)|my attempt(?! at| to| is| was going)|(?:since"
        r"|after|before|survived|survivor of) (?:my|an|the) (?:attempt|overdose)(?! at| to)",
        r"(?:made|make|i made) an attempt(?! (?:at|to|on)\b)|(?:the|an|my) attempt(?= (?:in (?:19|20)\d\d|i made"
        r"|i've made|when i|at (?:\d+|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|uni|school)"
        r"|(?:\w+ ){0,2}ago|last year|back in)\b)",
        r"overdosed(?! on (?:chocolate|sugar|caffeine|coffee|cake|sweets|carbs|netflix|tv|telly|\w+ content))"
        r"|took an overdose|had an overdose|(?:the|an) overdose i took|my (?:\w+ )?overdose(?! (?:of|on) (?:sugar"
        r"|chocolate|caffeine|cake|carbs))|(?:took|taken|had|done) (?:a|an) (?:massive"
        r"|big|huge|large|serious|proper) overdose",
        r"(?:hospitali[sz]ed|sectioned|admitted|in a (?:and )?e|in hospital|stomach pumped) ~3 (?:after|for"
        r"|following|because of) (?:my |an |the )?(?:overdose|attempt|taking (?:pills|tablets))",
        r"(?:swallowed|took|taken|downed) {QUANT} ~3 (?:pills?|tablets?|meds|medication|{MEANS}) ~4 (?:ended up"
        r"|in (?:a and e|hospital)|stomach pumped)",
        r"(?:tied|put|wrapped|looped) (?:a|the|my) ~2 (?:scarf|belt|rope|cord|tie|ligature|noose|lead|cable"
        r"|sheet|dressing gown cord) (?:round|around) my neck",
        r"(?:when|the night|the day) (?:you|i) (?:took|swallowed) (?:those|the|all (?:the|those|my|your)|all of"
        r" (?:the|my|your)) (?:pills|tablets)",
        r"(?:drank|swallowed|downed) (?:some |the |a bottle of |a load of )?(?:bleach|antifreeze|anti freeze"
        r"|weedkiller|poison)",
        r"(?:hung|hanged|gassed|poisoned|suffocated|strangled|electrocuted) myself|(?:slit|slashed) my (?:wrists"
        r"|throat)|(?:i|i've|i have) attempted(?= [.,] |\s*$| (?:when|in|at|last|years|twice|once|before|as|back"
        r"|aged|age)\b)|attempted (?:once|twice|three times|several times)",
        r"meant (?:not )?to (?:not )?(?:die|come back|wake up|kill myself|end it|drown)|meant not to come back"
        r"|(?:swam|walked|waded) out ~4 (?:not|never) (?:to )?come back",
    ),
    # ---- concern: goodbye letters without a stated time or intent ------------------------------------
    _rule(
        "goodbye_note",
        "concern",
        "goodbye",
        "goodbye letters or notes to family explaining why (urgent with ideation, intent, means or a time)",
        r"goodbye (?:letters?|notes?)",
        r"(?:wrote|written|writing|write|left|leaving) ~3 (?:notes?|letters?|cards?|messages?) (?:to|for) ~3"
        r" (?:explaining|to explain|saying goodbye|for after|in case i|why i)",
        r"(?:notes?|letters?) (?:to|for) (?:the|my) (?:kids|children|family|mum|dad|partner|wife|husband) (?:are"
        r"|is) (?:in|under|on|ready)",
    ),
    # ---- signals: found only to take part in COMBINATIONS ------------------------------------------
    _rule(
        "intent_to_act",
        "signal",
        "intent",
        "says they will do an unnamed act ('I'm doing it tonight', 'going to take them all', 'going to jump')",
        r"{FUT} ~1 (?:{ACT}|{ACT_MEANS})",
        r"(?:doing|do) it(?= (?:on|this|tonight|tomorrow|at|after|when|once|while|today|now|later|{DAY}|in the)\b)",
        r"(?:going|leaving) now(?=\s*$| [.,] )|it's time(?=\s*$| [.,] )",
        r"(?:is|'s) the (?:night|day) i (?:go|die|do it|end it|leave for good)(?=\s*$| [.,] )",
        r"that's when(?=\s*$| [.,] )|(?:is|that's) the plan(?=\s*$| [.,] )|i've made peace with it"
        r"|i know (?:what it's for|where i'll do it|what i'm going to do|how i'll do it|what i need to do)",
        r"(?:i've|i have|i) (?:planned|arranged|organised|organized|timed|scheduled) it(?= [.,] |\s*$| for| on| so)",
        r"(?:(?<=^ )|(?<=[.,] ))(?:then )?(?:take|swallow|down) (?:the lot|them all|all of them|everything|all my"
        r" \w+|the whole \w+)(?= [.,] |\s*$)",
        r"(?:(?<=^ )|(?<=[.,] ))(?:it's|it is|it'll be|it will be) (?:happening )?(?:tonight|tomorrow|today|{DAY})"
        r"(?= [.,] |\s*$)",
        unless=_HABIT,
    ),
    _rule(
        "decision",
        "signal",
        "intent decision",
        "'I've decided', 'my mind is made up': a decision announced without naming it",
        r"(?:the|my) plan is (?:set|ready|done|in place|made|sorted|final|happening)|(?:i've|i have) set (?:everything"
        r"|it all|it) up(?= for| [.,] |\s*$)",
        r"(?:that's|that is|it's|this is|that|it|this) the (?:day|night|date|plan|week)(?= [.,] |\s*$)|(?:weekend|{DAY}"
        r"|tonight|tomorrow) is the plan(?= [.,] |\s*$)|that's when(?= [.,] |\s*$)",
        r"(?:i've|i have|(?<=^ )|(?<=[.,] )|(?<=i )) ?(?:decided|made a decision|made my decision|made up my mind)"
        r"(?=\s*$| [.,] | (?:tonight"
        r"|today|tomorrow|{DAY}|it's|this is|that's|when|on)\b)|my mind is"
        r" made up|it's decided|(?:i'm|i am) not changing (?:it|my mind)|there's no going back|i've made peace"
        r" with it",
    ),
    _rule(
        "going_to_place",
        "signal",
        "intent",
        "'going to the cliff once it gets dark': going to a bridge, cliff or railway (counts with a time)",
        r"(?:(?:i'm|i am|i'll|i will) |(?<=^ )|(?<=[.,] ))(?:going|heading|walking|driving|go|head|walk|drive) (?:back"
        r" )?(?:to|up to|down to|out to) (?:the|a|that) (?:\w+ )?{STRONG_PLACE}",
        unless=r"\b(?:to (?:meet|see|watch|have|get|for|with)|(?:for|to have|having) (?:lunch|dinner|a drink|drinks|tea)|walk|hike|club|festival|market|fireworks"
        r"|picnic|with (?:friends|mum|dad|the kids|my \w+)|photos?|view)\b",
        attributable=False,
    ),
    _rule(
        "weak_intent",
        "signal",
        "weakintent",
        "'tonight is the night', 'I'm going on friday': intent only in an entry with means, goodbyes or ideation",
        r"(?:i'm|i am) going(?= (?:on|this|tonight|tomorrow|{DAY}|at \d|when|after|once)\b)",
        r"(?:this is it|i'm ready|i am ready|i'm done|it's time)(?=\s*$| [.,] | now\b)",
        r"it's happening|it'll happen|(?:going to|gonna|i'll|i will|i'm) (?:finish|finishing) (?:it|it all|things"
        r"|myself off)"
        r"(?= [.,] |\s*$| tonight| today| tomorrow| now| when| after| on| this| next)",
        r"(?:when|once|after|before) i (?:go|get|walk|drive|head) (?:back )?(?:to|down to|up to) the {PLACE}",
        r"(?:i've|i have|i've got|i have got) a plan(?=\s*$| [.,] )",
        # "I'll be gone by the morning" is a goodbye only beside notes, means or ideation (not a flight).
        r"(?:i'll|i will) be gone (?:(?:by|before|in) (?:the )?(?:morning|tomorrow|tonight|the time|an hour"
        r"|{DAY})|soon|tonight|forever|by then)|(?:{TIME}) ~2 i'll be gone",
        r"(?:i'll|i will|i'm going to|going to|gonna|then i'll) (?:go|walk|drive|head) (?:back )?(?:to|up to"
        r"|down to|off to) the {PLACE}",
        r"(?:(?:i'm|i am) |(?<=^ )|(?<=[.,] )|(?<=and ))(?:going|heading|walking|driving) (?:back )?(?:to|up to|down"
        r" to|out to) (?:the|a|that) (?:\w+ )?(?:{STRONG_PLACE}|station|platform|river|sea|canal|lake|pier|woods"
        r"|quarry|rocks)",
        r"(?:i'm|i am) (?:going|heading) back (?:to|up to|down to) (?:the|a|that) (?:\w+ )?{PLACE}",
        r"(?:i'm|i am|i'll|i will) (?:going|go|be going|head|heading) back (?:there )?(?:tonight|tomorrow|later|when it's"
        r" dark|after dark|on {DAY})",
        r"(?:tonight|today|tomorrow|{DAY})(?:'s| is| will be) the (?:night|day)(?! (?:of|for|we|before|after"
        r"|i (?:tell|ask|start|get|meet|finally tell)))",
        r"(?:i'm |i am )?checking out(?= (?:tonight|today|tomorrow|now|for good|{DAY})\b)",
        r"(?:booked|bought|got|getting) (?:a )?one way (?:ticket|train|trip|bus)",
        r"{DAY}(?:'s| is| will be) the (?:day|night)(?= [.,] |\s*$)",
        r"(?:i'll|i will) be (?:on|at) the (?:\w+ )?(?:{STRONG_PLACE}|platform|station|tracks|edge)",
        r"(?:i'll|i will) go (?:down|out|there|over) (?:after|when|once|tonight|before)",
        r"(?:i've|i have) (?:just |finally |actually )(?:done it|gone through with it)(?= [.,] |\s*$| now| this"
        r" time)|(?:i've|i have|i) (?:finally )?(?:gone|went) through with it",
        attributable=False,
        unless=_HABIT,
    ),
    _rule(
        "try_again",
        "signal",
        "retry",
        "'I'll try again': a new attempt only beside an attempt in the entry",
        r"(?:i'll|i will|going to|gonna|i'm going to) try (?:it )?again(?= (?:tonight|tomorrow|when|later"
        r"|after|on|this|next)\b| [.,] |\s*$)",
        attributable=False,
    ),
    _rule(
        "settling_affairs",
        "signal",
        "goodbye",
        "putting affairs in order: cancelling, paying off, handing over keys and pets, a last visit, thanking everyone",
        r"cancell?ed (?:my|the) (?:gym|membership|phone|contract|subscriptions?|direct debits?|standing orders?)"
        r"|paid off (?:the|my) (?:credit card|debts?|loan|overdraft|phone|bills?)|left (?:the|my) (?:spare )?keys? (?:with|for)"
        r"|sorted (?:out )?the passwords|(?:gave|given|giving) (?:the|my) (?:dog|cat|pets?|rabbit|hamster) (?:to|away)"
        r"|rehomed (?:my|the) (?:dog|cat|pets?)|(?:gave|given|giving) (?:the|my) \w+ to (?:my|the) \w+|(?:wrote|written|writing) to (?:mum|dad"
        r"|my \w+)|(?:thank|thanking|thanked) (?:them|everyone|you all|you) for"
        r" everything|(?:she|he|they) (?:didn't|did not|doesn't) know it was (?:goodbye|the last time)|told (?:my"
        r" (?:manager|boss)|work) (?:i'd|i would|i'll) be (?:off|away)|wrote the cards",
        unless=r"\b(?:moving|move|holiday|trip|new job|leaving do|demolish|climbing|joining|instead"
        r"|password manager|pen pals?|eulogy|wedding|christening|retire|retirement|baby|farm|new home)\b",
        attributable=False,
    ),
    _rule(
        "calm_resolve",
        "signal",
        "final",
        "calm or resolve after a decision: 'at peace with it', 'one last time', 'it'll be over by the weekend'",
        r"(?:phone|my phone) (?:is |going |goes )?off after this|(?:switching|turning) (?:my )?phone off (?:after"
        r" this|now|for good)|"
        r"(?:i'm|i am|i feel|feeling|i felt) (?:so |strangely |weirdly |really |oddly |surprisingly )?(?:calm|peaceful"
        r"|at peace)|(?:i'm|i am) not (?:scared|afraid) (?:anymore|any more)|not even sad anymore"
        r"(?! after| during| at| in the| with (?:the|my) (?:yoga|class))|at peace with (?:it|my decision|this|that)"
        r"|made (?:my )?peace with|now (?:that )?i've decided|i'm sure now|sure of anything|one last time|for the last"
        r" time|it(?:'ll| will) (?:all )?be over (?:by|soon|tonight|tomorrow|this|before)|i (?:know|knew) which"
        r" (?:road|bridge|one|train|tree|spot|place|building)|(?:i have|i've got|got) everything i need",
        unless=r"\b(?:yoga|meditation|massage|holiday|spa|exam|interview|wedding|demolish|school|gig|concert"
        r"|season|series)\b",
        attributable=False,
    ),
    _rule(
        "finality",
        "signal",
        "final",
        "'for good', 'no going back': finality beside an announced act or goodbyes",
        r"for good(?=\s*$| [.,] )|no going back",
        attributable=False,
    ),
    _rule(
        "not_coming_back",
        "signal",
        "final weakintent",
        "'I'm not coming back', 'I'm not going home': an announcement, with a place, means or ideation",
        r"(?:(?:i'm|i am|i'll|i will) |(?<=^ )|(?<=[.,] )|(?<=and ))(?:not|never) (?:coming|going|be coming|be going) (?:back"
        r"|home|down)(?! (?:until|till"
        r"|before|for|to|tonight|late|early|yet))|(?:won't|will not) be (?:coming |going )?(?:back|home)(?! (?:until|till"
        r"|before|for|to|tonight|late|early|yet))",
        attributable=False,
    ),
    _rule(
        "time_soon",
        "signal",
        "time",
        "a time soon: tonight, friday, at 2am, after everyone is asleep",
        r"{TIME}",
        negatable=False,
        attributable=False,
    ),
    _rule(
        "time_later",
        "signal",
        "later",
        "a vaguer time: soon, this week, next week, before christmas",
        r"{LATER}",
        negatable=False,
        attributable=False,
    ),
    _rule(
        "time_last_night",
        "signal",
        "lastnight",
        "last night",
        r"last night",
        negatable=False,
        attributable=False,
    ),
    _rule(
        "time_recent",
        "signal",
        "recent",
        "a time within the day: today, tonight, just now, earlier, for the last twenty minutes",
        r"{RECENT}|just(?= (?:cut|burned|burnt|hit|hurt|scratched|took|taken|swallowed|overdosed|did it|done it|jumped|slit|threw"
        r"|stepped|drank))",
        negatable=False,
        attributable=False,
    ),
    _rule(
        "means_ready",
        "signal",
        "means ready",
        "the means laid out beside them right now",
        r"{MEANS} ~8 (?:next to me|beside me|in front of me|in my hand|in my hands|laid out|on the bed"
        r"|by the bed|on the bedside table|on my bedside table|on the bedside|on the nightstand|by my bed"
        r"|on my bed|ready|out on the \w+|on the side|on the table|on the desk)|(?:laid out|lined up|counted"
        r" out|got) ~2 (?:everything|it all)(?! for)|(?:put|left|placed|set|laid) (?:the|my|all my|all the) ~1"
        r" {MEANS} (?:out|on the \w+|by the \w+|next to)",
        unless=_NOT_MEDICATION_TALK,
        attributable=False,
    ),
    _rule(
        "strong_means_held",
        "signal",
        "means ready",
        "has bought or keeps means with no everyday use in the entry: rope, noose, charcoal, hose ...",
        r"(?:have|has|got|bought|buy|buying|keep|kept|hid|hidden|hide|stashed|ordered|found"
        r"|holding|i've) ~3 {STRONG_MEANS}|{STRONG_MEANS} (?:is|are) (?:ready|in|under|hidden|up)"
        r"|{STRONG_MEANS} in the (?:shed|garage|loft|wardrobe|car|boot)",
        unless=r"\b(?:bbq|barbecue|camping|climbing|garden|tent|swing|boat|sailing|dog|hosepipe|watering"
        r"|car wash|allotment|skipping|gym|tug of war|washing line|film|movie|hitchcock)\b",
        attributable=False,
    ),
    _rule(
        "means_at_hand",
        "signal",
        "means held",
        "has, bought or keeps the means (pills, rope, blade ...) or stopped vital medication",
        r"(?:have|has|got|bought|buy|buying|keep|kept|hid|hidden|hide|stashed|saved|collected|ordered|found"
        r"|holding|stash of|with|bringing|packed|packing|put|left|placed|i've) ~3 {MEANS}",
        r"{MEANS} ~3 (?:in|under|inside|at|on) (?:my|the) (?:\w+ )?(?:drawer|bag|room|car|bedroom|bathroom|cupboard"
        r"|cabinet|pocket|bed|desk|hand|hands|lap|table|wardrobe|loft|garage|shed|glovebox|side|pillow|mattress|coat"
        r"|jacket|sock|handbag|rucksack|backpack)|{MEANS} (?:here"
        r"|with me|next to me|beside me|in front of me)",
        r"all (?:of )?my {MEANS}|(?:a|one|two|three) (?:bottles?|box|boxes|packets?|packs?|strips?) of (?:my )?{MEANS}",
        r"{MEANS} (?:is|are) (?:sorted|ready|counted|out|here|hidden|saved|in (?:my|the) \w+|loaded)",
        r"(?:got|have|laid out|ready|sorted) everything|everything(?:'s| is) (?:in place|ready|sorted|set)"
        r"|bought (?:two|three|\d+|extra|more) ~1 (?:packs|boxes|packets|bottles)",
        r"stopped (?:taking )?(?:my )?(?:\w+ )?(?:medication|meds|insulin|tablets|pills) (?:on purpose"
        r"|deliberately)|stopped (?:eating|drinking)(?: and (?:eating|drinking))?",
        unless=_NOT_MEDICATION_TALK,
        attributable=False,
    ),
    _rule(
        "means_taken",
        "signal",
        "taken",
        "'I took the tablets': an attempt only beside an apology or a goodbye",
        r"(?:took|taken|swallowed|downed) (?:the|my|them|those|these) ?(?:{MEANS})?(?= [.,] |\s*$| all\b)",
        unless=_HABIT,
        attributable=False,
    ),
    _rule(
        "apology",
        "signal",
        "sorry",
        "a bare apology ('I'm so sorry.')",
        r"(?:i'm |i am )?(?:so |really |truly )?sorry(?=\s*$| [.,] )|forgive me",
        r"sorry (?:mum|mom|dad|everyone|everybody|all|guys|to everyone|to all of you|for everything|for this|for what"
        r" i'm about to do|to my \w+)(?= [.,] |\s*$)",
        attributable=False,
    ),
    _rule(
        "risky_place",
        "signal",
        "place",
        "at a bridge, cliff, roof, railway or similar",
        r"(?:on|at|from|to|near|off|over|in|into|by|for) (?:the )?(?:top of (?:the|a) |edge of (?:the|a) )?{PLACE}"
        r"|top of the {PLACE}|top (?:floor |level |deck )?of (?:the|a|my) (?:\w+ )?(?:car park|building|tower|block"
        r"|flats)",
        attributable=False,
    ),
    _rule(
        "strong_place",
        "signal",
        "splace",
        "a bridge, cliff, roof or railway named with a place word ('the Erskine Bridge')",
        r"(?:on|at|to|off|over|by) (?:the )?(?:top of (?:the|a) |edge of (?:the|a) |middle of (?:the|a) )?(?:\w+"
        r" )?{STRONG_PLACE}",
        unless=r"\b(?:view|bar|terrace|walk|hike|sunset|photo|photos|party|fireworks|picnic|club|drove over|across)\b",
        attributable=False,
    ),
    _rule(
        "standing_now",
        "signal",
        "spresent",
        "'standing in the middle now', 'sitting on the wall now': there, right now",
        r"(?:i'm |i am )?(?:standing|sitting|sat|stood|perched|leaning|holding on) ~4 (?:now|right now)(?= [.,] |\s*$)"
        r"|(?:standing|sitting|sat|perched) on the (?:wall|edge|ledge|railing|railings|parapet)|(?:i'm|i am) (?:on|at)"
        r" the ~3 (?:now|right now)(?= [.,] |\s*$)",
        attributable=False,
    ),
    _rule(
        "present_there",
        "signal",
        "present",
        "being somewhere now: 'now', 'been here an hour', 'looking over the edge', 'next train in 4 minutes'",
        r"now|right now|been here (?:since|for)|since (?:\d+|midnight|this morning|last night)(?= [.,] |\s*$)|(?:can't"
        r"|cannot) make myself (?:leave|go home|get down|come down|move)|(?:been|i've been) (?:here |there |sat |sitting |standing |stood )?(?:for"
        r" )?(?:an|half an|over an) hour|looking (?:over|down)"
        r"|writing(?: this)?(?= from\b)|the edge|coming down|next (?:fast |express )?train|in (?:\d+|a few|two|three"
        r"|five|ten) minutes|waiting for the (?:fast |express |next |last )?(?:train|express|tide)",
        r"(?:i'm|i am)(?: sat| sitting| standing| stood| lying)?(?= (?:on|at|by|in) (?:the )?(?:edge of the |top of the"
        r" )?(?:{STRONG_PLACE}|pier|cliffs?|quarry|tracks|railing|ledge|roof|water's edge|river|sea|canal|lake|rocks)\b)",
        unless=r"\b(?:view|bar|terrace|walk|walking|hike|hiking|sunset|photo|photos|party|fireworks|picnic|swim"
        r"|swimming|surf|surfing|fishing|rowers|kids|dog|friends|holiday|trip|lunch|dinner|coffee|ice cream|commute"
        r"|work|train to|bus|festival|gig|boat)\b",
        negatable=False,
        attributable=False,
    ),
    _rule(
        "farewell",
        "signal",
        "goodbye farewell",
        "goodbye letters or notes to family, saying goodbye to everyone",
        r"goodbye (?:letters?|notes?|messages?|texts?|videos?)|(?:wrote|written|writing"
        r"|left) (?:a )?(?:notes?|letters?) (?:for|to) (?:my (?:kids|children|family|mum|dad|partner|wife|husband"
        r"|sister|sisters|brother|brothers|parents|son|daughter|friends|boys|girls)|mum|dad|everyone|each of them"
        r"|them all)|(?:left|put) the (?:letters|notes) (?:on|in|under|by)",
        r"(?:letters?|notes?) (?:to|for) (?:the|my) (?:kids|children|family|mum|dad|partner|wife"
        r"|husband|sister|brother|parents|babies|boys|girls)",
        r"(?:my |the )?(?:letters|notes) (?:are|have been|is) (?:written|done|finished|ready|on the \w+|in the \w+)"
        r"|(?:wrote|written|finished) (?:my|the) (?:letters|goodbye letters|notes)",
        r"(?:nothing|none) (?:of (?:this|what happens)|that happens|that's about to happen) ~3 (?:is|was|will be)"
        r" (?:your|anyone's) fault",
        r"(?:saying|say|said) (?:my )?goodbyes? (?:to )?(?:everyone|everybody|you all|all of you|the kids|my"
        r" (?:kids|family|children))",
        r"(?:say|saying|said) (?:thanks|thank you|goodbye) to (?:this app|everyone|you all|all of you)|texted (?:my"
        r" \w+|them|everyone|her|him) goodbye|before i go(?= (?:tonight|tomorrow|{DAY})\b| [.,] |\s*$)",
        unless=r"\b(?:holiday|portugal|spain|trip|while (?:we're|i'm) away|moving|leaving do|new job|retire"
        r"|retirement|baby's here|solicitor|house|future self|younger self|workshop|airport|flight|birthday"
        r"|christmas|thank you)\b",
        attributable=False,
    ),
    _rule(
        "goodbye_signs",
        "signal",
        "goodbye",
        "goodbye behaviours: giving away pets or things, 'last message, love you all', a note left",
        r"(?:giving|gave|give|given) (?:away )?(?:my|all my) ~2 (?:things|stuff|belongings|possessions|dog"
        r"|cat|pets?|bike|car|plants|books|clothes)|(?:giving|gave|give|given) (?:away )?(?:my|all my) ~3"
        r" (?:to|away)\b",
        r"(?:last|final) (?:message|entry|words|post)|love you all|not your fault|please forgive me"
        r"|(?:none of this is|it's not|it isn't|this isn't|this is not) (?:your|anyone's|nobody's) fault"
        r"|look after (?:each other|mum|dad|the kids|the dog|the cat|my \w+ for me)|(?:said|saying|say) (?:my"
        r" )?goodbyes?|don't (?:call|tell) anyone|don't try to (?:find|stop) me|(?:please )?(?:don't|do not) (?:come )?look(?:ing)? for me"
        r"|(?:sorted|sorting|put) (?:out )?my affairs|(?:made|updated|wrote|written|writing|sorted) (?:a|my)"
        r" will|sorted (?:out )?my passwords|(?:left|written|wrote) ~3 passwords? ~3 for",
        r"(?:(?<=^ )|(?<=[.,] ))goodbye(?= [.,] |\s*$)|(?:left|leaving) my (?:phone|wallet|keys|bag|purse|shoes"
        r"|coat) (?:and \w+ )?(?:on|in|at|behind|by|with|for)|left ~6 (?:a|the|my) note(?! (?:for the|about|on the|to self)\b)|with a note(?=\s*$| [.,] )"
        r"|deleted (?:all )?my (?:socials|accounts|social media|profiles)|(?:write|say|post) one last (?:thing|time"
        r"|message)|one last (?:message|entry|goodbye|letter)|(?:will|'ll) (?:look after|take care of) you|(?:sorted|sorting) (?:out )?who gets"
        r" the (?:cat|dog|kids)|i love you (?:mum|mom|dad|all|so much|guys)(?=\s*$| [.,] )|sorry to my \w+(?= [.,] |\s*$)|thank you for"
        r" (?:everything|trying)(?=\s*$| [.,] )|(?:i've )?arranged everything|(?:final|last) (?:gratitude list"
        r"|journal|letter)",
        unless=r"\b(?:holiday|portugal|spain|trip|while (?:we're|i'm) away|moving|leaving do|new job|retire"
        r"|retirement|baby's here|solicitor|house)\b",
        attributable=False,
    ),
    _rule(
        "found_a_place",
        "signal",
        "plan",
        "has found a place or been to look at it",
        r"found (?:a|the) (?:place|spot|way)(?! to live| to rent| for| to stay| to park)|been to look at it"
        r"|scouted|everything's in place",
        r"(?:so|that) (?:no one|nobody|noone) (?:would|will|could|'d|can) (?:notice|know|find out|suspect"
        r"|stop me|find me|check)|(?:filled|ran|run|running) (?:a|the) bath|bath (?:is )?(?:running|full|filled)|(?:she|he|they|everyone|my \w+) (?:thinks|think"
        r"|believes) i'm (?:going (?:travelling|away|on holiday)|fine|okay|moving|away)|(?:nobody|no one)"
        r" (?:suspects|knows|will know)|i (?:know|knew) which (?:road|bridge|one|train|tree|spot|place|building)"
        r"|tide times|high tide|when the (?:water|tide)(?:'s| is) (?:highest|high|in)|the train times|(?:train|one)"
        r" that (?:doesn't|won't|does not) stop|full of petrol|(?:nobody|no one) (?:will|would) check on me"
        r"|an empty (?:flat|house)|(?:the )?house (?:is|will be) empty",
    ),
    _rule(
        "at_the_end",
        "signal",
        "distress",
        "'I can't take it anymore', 'I can't do this any more'",
        r"(?:can't|cannot|can not) (?:take|do|cope with|handle|bear) (?:it|this|any of this"
        r"|this life) (?:anymore|any more|any longer)|(?:i've|i have) had enough(?= [.,] |\s*$| of (?:life|living"
        r"|everything|it all|being alive))",
        negatable=False,
    ),
    _rule(
        "not_eating",
        "signal",
        "noeat",
        "not eating or skipping meals",
        r"(?:haven't|have not|hasn't) eaten|didn't eat|not eating|stopped eating|won't eat|refus(?:e|ed|ing) to eat"
        r"|skipp(?:ed|ing) (?:meals?|dinner|lunch|breakfast|tea)|no food (?:today|all day|for)",
        negatable=False,
    ),
    _rule(
        "deserves_punishment",
        "signal",
        "punish",
        "says they deserve it or are punishing themselves",
        r"(?:don't|do not) deserve (?:it|to|food|anything|to eat)|punish(?:ing|ed)? myself|as (?:a )?punishment"
        r"|i deserve (?:it|to be hungry|to starve)",
        negatable=False,
    ),
    _rule(
        "death_relief",
        "signal",
        "relief",
        "death described as a relief or longed for",
        r"(?:would|will|'d) be (?:a|such a) (?:relief|release|mercy|blessing)|longing has|a longing",
    ),
    _rule(
        "death_word",
        "signal",
        "death",
        "mentions death or dying",
        r"death|dying|being dead",
    ),
    _rule(
        "death_context",
        "signal",
        "deathctx",
        "a death named in the entry: died, accident, grave, funeral",
        r"died|dead|death|accident|crash|grave|funeral|passed away|killed|lost (?:him|her|them)",
        negatable=False,
        attributable=False,
    ),
    _rule(
        "self_harm_history",
        "signal",
        "shhistory",
        "self-harm in their history ('I used to cut', 'threw my razors away')",
        r"used to (?:cut|self harm|burn myself|hurt myself|do it)|(?:threw|thrown|got rid of) (?:my|the|all my)"
        r" (?:razors|blades|razor blades)|(?:my|old|the) scars",
        attributable=False,
    ),
    _rule(
        "returning",
        "signal",
        "return",
        "something coming back: 'the thought came back', 'they're creeping back'",
        r"(?:thought|thoughts|urge|urges|feeling|it|they|they're|they are) ~2 (?:came back|coming back|creeping"
        r" back|crept back|returned|returning|back again|resurfaced|came back hard)|creeping back",
        negatable=False,
        attributable=False,
    ),
    # ---- generalised classes (issue #4 rework): each rule covers a class of phrasing, not one text ------
    # Vital medicines stopped: a way of dying that needs no means at hand.
    _rule(
        "vital_medication_stopped",
        "concern",
        "ideation means held",
        "has stopped a medicine they need to stay alive (insulin, heart, transplant or seizure medicines)",
        r"(?:stopped|stopping|stop|quit|quitting|not taking|haven't taken|have not taken|binned|threw away|thrown"
        r" away|skipping|skipped) (?:taking |injecting |using |all )?(?:my|the|all my|all of my) (?:\w+ )?{VITAL}",
        unless=r"\b(?:doctor|doctors|gp|consultant|nurse|specialist|told me to|advised|side effects?|ran out|forgot"
        r"|by mistake|pharmacy|clinic|hospital|switched|swapped|changed|reduced|new prescription)\b",
    ),
    _rule(
        "vital_medication_as_method",
        "urgent",
        "intent active ideation",
        "stopped a medicine they need to stay alive, as a way to die ('so my body gives out')",
        r"(?:stopped|stopping|stop|quit|quitting|not taking|binned|threw away) (?:taking |injecting |using |all )?(?:my"
        r"|the|all my|all of my) (?:\w+ )?{VITAL} ~s14 (?:so (?:that )?(?:it|i|my (?:heart|body|kidney|liver)"
        r"|the \w+) (?:just )?(?:happens|will happen|can happen|go|goes|will go|stop|stops|rejects?|fails?|gives?"
        r" out|packs? in|won't|don't)|on purpose|deliberately|that's the plan|the plan|to (?:die|end it|go)"
        r"|in my sleep|not telling|don't tell|won't tell|nobody knows|no one knows|so (?:that )?(?:it|this|everything|it"
        r" all|i)(?:'ll| will| would|'d)? ~2 (?:be over|end|stop|happen|go))",
        unless=r"\b(?:doctor said|gp said|told me to|advised|side effects?|ran out|forgot)\b",
    ),
    # An overdose or attempt just taken, said without the usual words.
    _rule(
        "attempt_just_taken",
        "urgent",
        "attempt act",
        "has just swallowed the rest of their tablets, more than prescribed on purpose, or pills with a bottle",
        r"(?:swallowed|took|taken|downed|necked) (?:what(?:ever)? (?:was|is) left|what's left|the rest|all that"
        r" was left|everything (?:that was )?left) ~4 (?:packs?|packets?|blister|blisters|bottles?|box|boxes|tubs?"
        r"|strips?|pills|tablets|meds|cabinet|cupboard|{DRUG})",
        r"(?:taken|took|swallowed|had) (?:more|extra|loads more|way more|double|triple|a lot more) ~8 (?:on"
        r" purpose|deliberately|intentionally|to (?:die|end it|not wake up))",
        r"(?:drank|downed|necked|finished) (?:the|a|half a|the whole|a whole) (?:\w+ )?bottle ~6 (?:took|swallowed"
        r"|taken|downed) ~3 (?:pills|tablets|meds|them|{DRUG})",
        r"(?:took|taken|swallowed|downed) (?:the|my|all the|all my) (?:\w+ )?(?:pills|tablets|meds|{DRUG}) ~o6 (?:every"
        r" last one|every single one|all of them|the lot|all of it|every one of them)",
        r"(?:just|i've just|i just|i have just) (?:slit|slashed|cut open|sliced open) my (?:wrists?|throat|arm|arms)",
        r"(?:started|starting|i've started|i've begun) (?:taking|swallowing|downing) (?:them|the pills|the tablets|my"
        r" pills|my tablets|my meds)(?= [.,] |\s*$| one by one| now| already)",
        r"(?:put|tied|thrown|threw|hung|looped|fixed) (?:the|a|my) (?:rope|belt|cord|ligature|noose|cable) (?:over|around"
        r"|round|to|from|on) (?:the|a) (?:beam|banister|bannister|rail|hook|door|tree|branch|loft hatch|pipe)",
        r"(?:i've|i have|i) already started ~o6 (?:took|taken|swallowed|cut|cutting|bleeding)",
        unless=r"\b(?:prescribed|headache|period|cold|flu|dentist|like always|as usual|with food)\b",
    ),
    # A plan known: how and when, a decision to die, a date, means bought for it.
    _rule(
        "plan_known",
        "urgent",
        "plan intent",
        "says they know the time and the method, have decided to die, or bought the means for it",
        r"i (?:now )?know (?:exactly |now )?(?:how and when|when and how|where and when|when and where|how and where"
        r"|where and how)(?= [.,] |\s*$| now| i'll do it| to do it| i'm going to do it| it'll happen)",
        r"(?:my|the|this|a) decision (?:to|is to) (?:end it|end things|end it all|end my life|die|kill myself|go"
        r" through with it|not be here|take my life)",
        r"(?:ordered|bought|buying|ordering|got|getting|picked up|collected) ~5 (?:to|so i can|so that i can|for when"
        r" i|for) (?:end it|end things|end it all|end my life|kill myself|die|do it|not wake up|do the job"
        r"|overdose)(?= [.,] |\s*$| with| tonight| tomorrow| on| when| this)",
        r"(?:tied|knotted) (?:the|a|my) {STRONG_MEANS}(?= already| ready| up| [.,] |\s*$)",
        r"(?:googling|googled|researching|researched|looking up|looked up|searching|searched|reading up on|checking"
        r"|checked) (?:the |lethal |fatal |overdose )?(?:doses|dose|dosages|overdose amounts|how much it takes)(?! of"
        r" (?:my|the|a) (?:vitamin|vitamins|supplements?|iron|ibuprofen for))",
        r"(?:(?<=^ )|(?<=[.,] ))(?:not going to|won't|will not) be (?:here|around|alive) (?:much longer|for long|by"
        r" (?:tomorrow|morning|the weekend))",
        r"(?:not going to|won't|will not|never going to) (?:wake up|see (?:the )?morning) ~o3 (?:i've|i have|i)"
        r" (?:made sure|sorted|seen to|taken care of)",
        r"(?:researching|researched|looking up|looked up|googling|googled|reading about|read about|working out"
        r"|worked out|searching|searched) ~3 (?:which|what|the) ~3 (?:way|ways|method|methods|option|one) ~3"
        r" (?:least painful|most painless|painless|quickest|fastest|easiest|surest|most reliable|works best"
        r"|would work|hurts least)",
        r"(?:made|making|sorted|put in place) ~2 (?:arrangements|arrangement|plans|preparations|provisions"
        r"|instructions) (?:for )?(?:after i'm|for after i'm|for when i'm|when i'm|after i am) (?:dead|gone)",
        unless=r"\b(?:with (?:him|her|them)|relationship|boyfriend|girlfriend|marriage|job|course|contract|lease|diet"
        r"|holiday|funeral plan|insurance)\b",
    ),
    # Jumps and steps announced: "I'm about to jump", "heading up to the viaduct to jump".
    _rule(
        "jump_announced",
        "urgent",
        "intent active",
        "announces a jump or a step off or in front ('I'm about to jump', 'heading up to the viaduct to jump')",
        r"(?:i'm|i am|i'll|i will|i'm just|i) (?:going to|gonna|about to|ready to) (?:jump|step off|step forward"
        r"|go over the (?:edge|side|top)|go off the (?:top|edge))(?= [.,] |\s*$| when| once| tonight| now| after)",
        r"(?:going|go|heading|head|driving|walking) (?:there|back there|up there|down there|back) ~3 to (?:jump|step"
        r" off|step in front|do it|end it|throw myself)",
        r"{FUT} ~1 go (?:off|over) (?:the )?(?:top|edge|side|roof|{STRONG_PLACE})",
        r"(?:going|heading|driving|walking|off) (?:to|down to|up to|out to) (?:the|a) (?:\w+ ){0,2}\w+ to (?:jump|step"
        r" off|walk into|throw myself|drown|end it|do it|go under)(?! (?:the pool|the lake for a swim|in)\b)",
        r"{FUT} ~1 (?:crash|drive|swerve|plough|smash) (?:my|the) car (?:into|off|on|onto|under)",
        r"{FUT} ~s16 (?:and|then) (?:just )?(?:step off|jump off|jump|step out|step in|go over the edge|go under|walk"
        r" in|keep going|keep walking|keep swimming)(?= [.,] |\s*$)",
        r"{FUT} ~2 (?:step|stepping|jump|jumping|walk|walking|throw myself|throwing myself|lie down|lying down"
        r"|run|running) (?:out )?in front of (?:the|a|an)(?! (?:mirror|camera|class|audience|crowd|panel|team|board"
        r"|committee|group|room)\b)",
        r"(?:climb|climbing) (?:up|over|onto|out) ~3 (?:and )?(?:go|jump|step|throw myself|fall) (?:off|over)"
        r" (?:the )?(?:top|edge|side)",
        unless=r"\b(?:pool|lake swim|trampoline|queue|chance|ship|bandwagon|gun|puddle|parachute|bungee|skydive"
        r"|skydiving|diving board|waves|rope|hoops|jumps|sea swim|wild swim)\b",
    ),
    # Goodbyes that point past death: notes for the family to read afterwards, no need for things after today.
    _rule(
        "goodbye_for_after",
        "urgent",
        "goodbye plan",
        "goodbyes or affairs arranged for after their death (notes for the family to read afterwards)",
        r"(?:letters?|notes?|cards?|messages?|will|passwords|instructions|debts|contract|phone|socials"
        r"|accounts|affairs|things|stuff|kids|everyone|them) ~8 (?:after|afterwards)(?= [.,] |\s*$)",
        r"(?:won't|will not|wont|don't|not going to) need (?:them|it|this|these|those|my \w+|any of (?:it|this|them))"
        r" (?:where i'm going|where i am going|after (?:tonight|today|tomorrow|this week|{DAY}))",
        r"(?:like|as if|as though) it (?:was|were|is) the last time ~3 (?:because|cos|cause|bc|since) it (?:is|will"
        r" be|'ll be)",
        r"(?:writing|written|wrote|leaving|left) ~4 (?:letters?|notes?) ~6 (?:to open|to read|for them to (?:open"
        r"|read|find)) (?:after|when i'm gone|once i'm gone)",
        unless=r"\b(?:after (?:school|work|lunch|dinner|tea|class|the (?:party|meeting|holiday|move|exam|wedding))"
        r"|moving|holiday|travel|travelling|trip|new job|course|exam|interview|baby|birthday|christmas card"
        r"|thank you cards?|wedding|retire|retirement)\b",
        attributable=False,
    ),
    _rule(
        "farewell_plain",
        "signal",
        "goodbye farewell",
        "a plain goodbye ending an entry, a last message of love, asking not to be searched for, giving things away",
        r"(?:(?<=^ )|(?<=[.,] ))(?:goodbye|bye|goodbye all|goodbye everyone|bye everyone)(?= [.,]* *$)",
        r"tell (?:my )?(?:mum|mom|dad|mother|father|kids|children|sister|brother|partner|wife|husband|family|\w+) (?:that"
        r" )?i (?:love|loved) (?:her|him|them|you)",
        r"(?:don't|do not|no need to|no point) (?:bother )?(?:come |coming )?(?:look|looking|search|searching)"
        r" for me",
        r"(?:gave|given|giving|give) away (?:my|all my|most of my|all of my|everything|the \w+ i)",
        r"(?:wrote|written|writing|finished) (?:my|the) (?:note|notes|letters|goodbye letters?|goodbye notes?)(?= [.,] |\s*$|"
        r" and| for| to)|(?:my )?will(?:'s| is) (?:done|written|sorted|signed)|(?:is|'s|are|been|got) rehomed|"
        r"(?:said|saying) bye to (?:my )?(?:nan|gran|grandad|grandma|mum|mom|dad|sister|brother|kids|dog|cat|\w+)"
        r"(?= ~s10 (?:last time|for good|goodbye|forever))|"
        r"(?:said|saying|wrote|written|writing|texted|sent) (?:all )?(?:my )?goodbyes?(?: to)?(?! (?:for now|to the"
        r" (?:house|flat|office|old)|cards?|presents?|gifts?|messages? to (?:the|my) (?:team|class|colleagues))\b)|(?:leaving|left|leave|writing|wrote|written) (?:a |the )?(?:note|notes"
        r"|letter|letters) (?:for|to) (?:mum|mom|dad|my \w+|everyone|the kids|the family|them|him|her)",
        r"(?:wrote|written|finished|made|updated|sorted) (?:out )?(?:my|a) will|deleted (?:my|all my) (?:socials"
        r"|social media|accounts|profiles|facebook|instagram)",
        r"before i go(?= [.,] |\s*$)",
        unless=r"\b(?:holiday|trip|travel|travelling|moving|move|new job|my job|colleagues|leaving do|school|see you"
        r"|for now|later|airport"
        r"|flight|plane|train home|work|night out|party"
        r"|tomorrow's meeting|shift|clear out|clearing out|declutter|decluttering|charity shop|outgrown|too small"
        r"|car boot)\b",
        attributable=False,
    ),
    _rule(
        "finality_plain",
        "signal",
        "final",
        "finality: too late to stop them, no turning back this time, a one-way trip, the last thing they will write",
        r"too late to (?:argue|stop me|talk me (?:out|down)|save me|change my mind|do anything|help me)",
        r"(?:not|never|won't be|i'm not) (?:turning|turn) (?:round|around|back) (?:this time|again)",
        r"(?:a |the )?(?:ticket|train|bus|fare|trip) ~4 one way(?= [.,] |\s*$)",
        r"(?:this is|this'll be|this will be) the (?:last|final) thing i(?:'m| am|'ll| will)? (?:typing|writing"
        r"|saying|posting|type|write|say|post)",
        r"(?:if|when) (?:anyone|anybody|someone|you) (?:reads?|finds?|sees?) this",
        r"(?:and|to) (?:not|never) (?:come|get) (?:back|home|out)(?= [.,] |\s*$)",
        r"my last (?:wages|pay|paycheque|paycheck|payslip|wage)",
        r"(?:not|no) (?:planning|plans|intention|intending) (?:on|to|of) (?:coming|come|going|go|getting|get) (?:back"
        r"|home)",
        r"(?:nobody|no one|noone|nothing|you) (?:can|will|is going to|could|can't|won't) (?:talk me out of it|stop me"
        r"|change my mind)",
        r"(?:i've|i have) made sure of (?:it|that)|(?:it's|its|it is) planned(?= [.,] |\s*$)",
        r"(?:won't|will not|wont) be (?:here|around|alive) (?:to|for) (?:feed|walk|see|look after|take care of|water"
        r"|pay|help|read|answer)",
        r"(?:she|he|they|nobody|no one|noone) (?:doesn't|don't|does not|won't|doesn't even|didn't) know (?:why|what"
        r" i'm (?:doing|planning)|the real reason|it's goodbye|it was goodbye|it's the last time|it'll be the last"
        r" time|it is the last time)",
        unless=r"\b(?:for (?:a|the|two|one) (?:week|weeks|days|month|fortnight))\b",
        attributable=False,
    ),
    _rule(
        "means_set_up",
        "signal",
        "means ready",
        "the means set up or waiting somewhere (a loft, a shed, a car seat)",
        r"(?:(?:i've|i have|i) )?(?:set|rigged|got) (?:everything|it all|it|things) (?:all )?(?:set )?up (?:in|at|for|on)"
        r" (?:the|my|tonight|later|when)",
        r"(?:it's|its|it is|everything's|everything is|all) (?:all )?(?:set up|rigged up|ready) (?:in|at) the"
        r" (?:shed|garage|loft|attic|woods|car|bathroom|basement|cellar|barn)",
        r"{STRONG_MEANS} (?:is |'s )?(?:on|in|under) the (?:passenger seat|back seat|seat|boot|floor|bed|shed"
        r"|garage|loft|attic)|where the (?:{STRONG_MEANS}) (?:is|are)|(?:tied|knotted) (?:the|a|my) {STRONG_MEANS}"
        r"(?= already| ready| [.,] |\s*$)",
        r"(?:sitting|sat|i'm|i am) in the car in the (?:garage|locked garage|shut garage)",
        r"(?:the )?(?:bottle|packets?|packs?|boxes|box|blister packs?|pills|tablets) (?:is |are )?(?:open|opened"
        r"|out|ready|lined up|laid out) (?:next to me|beside me|in front of me|on my lap|by me)",
        r"(?:got|have|i've got|i have) (?:access to )?what i need(?= [.,] |\s*$| at| here| now| for)",
        r"(?:got|have|i've got|i have) them (?:all )?(?:lined up|laid out|counted out|in a pile|ready)",
        r"(?:have|got|i've got|i have) (?:the )?means(?= [.,] |\s*$| to| here| now| with| ready)",
        r"{MEANS} ~2 (?:on|in) the (?:passenger seat|back seat|front seat|seat|dashboard|glovebox|car|boot)",
        r"{MEANS} ~6 (?:is|are|'s) (?:sitting|lying|waiting|ready|here|hidden) (?:on|in|by|under|with|for)",
        r"{MEANS} ~6 (?:is|are|'s) (?:all )?(?:in my (?:room|bag|pocket|car|bedroom)|with me|here with me|next to"
        r" me|beside me)",
        r"(?:stocking up|stocked up|been stocking up|been saving|been collecting|been hoarding) (?:on )?(?:the |my )?"
        r"(?:packets|boxes|pills|tablets|meds|them|those)|(?:packets|boxes|pills|tablets|meds) (?:i've|i have) been"
        r" (?:stocking up on|saving|collecting|hoarding|keeping)",
        unless=r"\b(?:bbq|barbecue|camping|climbing|tent|swing|boat|sailing|skipping|washing line|party|gig"
        r"|christmas|decorations|presents|birthday|exam|revision)\b",
        attributable=False,
    ),
    _rule(
        "present_for_hours",
        "signal",
        "present",
        "sat somewhere for an hour or more, now",
        r"for (?:an|half an|over an|two|three|a couple of|the last) hours?(?= [.,] |\s*$| with| now| and| already"
        r"| just| thinking| looking| staring)",
        unless=r"^(?!.*\b(?:been|i've been|i've sat|i've stood) (?:sat|sitting|standing|stood|here|there|parked)\b)",
        attributable=False,
        negatable=False,
    ),
    _rule(
        "arranged_for",
        "signal",
        "weakintent",
        "something arranged for a day (counts with calm, goodbyes, means or ideation)",
        r"(?:everything|it all|it)(?:'s| is) (?:all )?(?:arranged|planned|organised|organized|set up|booked|sorted) for"
        r" (?:{DAY}|tonight|tomorrow|the weekend|this weekend|next week|the \d+(?:st|nd|rd|th))",
        attributable=False,
    ),
    _rule(
        "heading_off",
        "signal",
        "weakintent",
        "off to a risky place (counts with means, goodbyes or ideation)",
        r"(?:i'm|i am) off (?:to|up to|down to|out to) the (?:\w+ )?(?:{STRONG_PLACE}|railway|river|sea|canal|tracks"
        r"|station|pier|woods|lake)",
        r"(?:leaving|setting off|heading off|heading out) (?:at \d+|at midnight|tonight|in an hour|in (?:a few|\d+)"
        r" minutes)",
        unless=r"\b(?:to (?:meet|see|watch|have|get|for|with)|lunch|dinner|walk|hike|club|festival|market|fireworks"
        r"|picnic|swim|swimming|paddle|surf|with (?:friends|mum|dad|the kids|my \w+)|photos?|view|holiday)\b",
        attributable=False,
    ),
    _rule(
        "farewell_words",
        "signal",
        "goodbye farewell final",
        "last words of love and apology",
        r"(?:i )?love (?:you|u) all(?= [.,] |\s*$)|sorry it (?:had to be|came to|has come to|ended) (?:like )?this(?: way)?",
        attributable=False,
    ),
    _rule(
        "means_in_a_list",
        "signal",
        "means",
        "the means named in a terse list of time and method",
        r"(?:(?<=^ )|(?<=[.,] ))(?:the )?(?:pills|tablets|rope|blade|razor|noose|paracetamol|{DRUG})(?= [.,] )",
        attributable=False,
    ),
    _rule(
        "distress_goodbye",
        "signal",
        "distress",
        "at the end of their strength: they cannot go on any more",
        r"i (?:can't|cannot) (?:anymore|any more|do this anymore|do another day|do it anymore|keep doing this)"
        r"(?= [.,] |\s*$)",
        attributable=False,
    ),
    _rule(
        "announced_end",
        "signal",
        "intent",
        "ending it announced, with a day or a time after it",
        r"{FUT} ~1 (?:end it|end things|end it all|ending it|ending things)(?= (?:on|at|this|next|tonight|tomorrow"
        r"|after|when|before|once|{DAY})\b)",
        r"(?:(?<=^ )|(?<=[.,] ))(?:i'm |i am )?(?:ending it|ending things|ending it all)(?= [.,] |\s*$)",
        unless=r"\b(?:him|her|them|relationship|boyfriend|girlfriend|partner|husband|wife|contract|subscription|call"
        r"|meeting|conversation|lease|tenancy|friendship|engagement|marriage|membership|things with|job|course|degree"
        r"|diet|streak|era|chapter|series|season|game|match|argument|fight|affair)\b",
        attributable=False,
    ),
    _rule(
        "terse_announcement",
        "urgent",
        "intent",
        "an entry that is only a terse announcement of the day or the time, or of ending it ('myself, I mean')",
        r"(?<=^ )(?:this |next |on )?(?:tonight|today|tomorrow|{DAY}|this weekend|weekend)(?:'s| is| will be) the"
        r" (?:night|day)(?= (?:[.,] )*$)",
        r"(?<=^ )(?:it's|it is) time(?= (?:[.,] )*$)",
        r"(?:ending|end|doing|do) it (?:[.,] )?(?:my life|myself|my own life) i mean",
    ),
    _rule(
        "self_harm_urge_named",
        "concern",
        "selfharm",
        "urges to self-harm named as such",
        r"(?:urge|urges|want|wanted|wanting|need|needing|itching|tempted|craving|close to) ~2 to (?:self harm|self"
        r" injure|hurt myself again|cut again|burn again)",
    ),
    _rule(
        "euphemism_intent",
        "urgent",
        "intent active ideation",
        "announces dying in a euphemism (logging off permanently, joining someone who has died)",
        r"{FUT} ~2 (?:{EUPH}|{EUPH_WEAK})",
        unless=r"\b(?:holiday|shift|work|job|office|laptop|computer|phone|account|app|social media|instagram"
        r"|facebook|twitter|club|team|gym|for the (?:night|day|weekend)|smoking|drinking|vaping|booze|alcohol"
        r"|cigarettes|drugs|dating|relationship|noise|alarm|crying|him|her)\b|\bif\b(?! i ever)",
        unless_before=r"\b(?:wish|wishing|wished|hope|hoping|dream|dreaming|pray|praying|could|want|wanted"
        r"|wanting)\b(?: [a-z']+){0,3} ?$",
    ),
    _rule(
        "euphemism_wish",
        "concern",
        "ideation",
        "a wish or a thought of dying in a euphemism (sleeping and never waking, being done with everything)",
        r"{STANCE} ~~6 {EUPH}",
        r"(?:i|i'm|i'd|me|my) ~g6 (?:{EUPH})",
        r"(?:about|is|means|just|more|less) (?:switching|shutting|turning|clocking|logging) (?:off|out|down) (?:for"
        r" good|forever|permanently)",
        unless=r"\b(?:holiday|shift|work|job|office|laptop|computer|phone|account|app|social media|instagram"
        r"|facebook|twitter|for the (?:night|day|weekend))\b|\bif i (?:ever )?(?:feel|start|get)\b",
    ),
    _rule(
        "held_back_by",
        "concern",
        "ideation",
        "only something or someone keeps them alive (a pet, the children)",
        r"(?:the )?only (?:thing|things|reason|one|person) (?:stopping me|keeping me (?:here|alive|going|around)"
        r"|holding me back|that stops me|that keeps me (?:here|alive|going))(?= [.,] |\s*$| is| are| now| right now)",
    ),
    _rule(
        "ideation_in_other_words",
        "concern",
        "ideation",
        "dying described another way: overstaying a welcome, death as the answer, life as something to cancel, an"
        " accident or illness they half wish for",
        r"(?:outstayed|overstayed|outstaying|overstaying) my welcome(?! (?:at|with) (?:the|my|her|his|their) \w+)",
        r"(?:death|dying|suicide|killing myself|ending it|not existing) (?:as|is|was|being) (?:the|a|an|my) (?:only )?"
        r"(?:solution|answer|way out|escape|option|fix|exit)",
        r"(?:living|life|being alive|existing) (?:feels like|is like|is|feels) (?:a|an) (?:\w+ )?\w+ (?:i|i'd) (?:want"
        r"|wanna|like|would like|need|wish i could) to (?:quit|leave|resign from|cancel|end|stop|walk away from)",
        r"(?:keeping on living|keep living|living|staying alive|being alive|carrying on|going on|existing|life)"
        r" (?:doesn't|does not|no longer|just doesn't|really doesn't) appeal",
        r"(?:being alive|living|life|existing|staying alive|being here) (?:feels|seems|is|has become) ~2 optional",
        r"(?:wish|wishing|hope|hoping|pray|praying|want) ~2 (?:someone|somebody|something|god|a (?:lorry|bus|car"
        r"|truck|train|van|driver)) (?:would|could|will|to|might) (?:just )?(?:switch me off|turn me off|pull (?:my|the)"
        r" plug|put me down|take me out|run me over|flatten me|end me)",
        r"(?:want|wish|need|wanting|wishing) (?:everything|it all|the world|things|the lights) to (?:go black|go dark"
        r"|fade to black|go out)(?! (?:for (?:a|the) (?:bit|while|minute|night|day)))",
        r"(?:hope|hoping|wish|wishing|pray|praying) (?:that )?i (?:will|do|would|could|might|'ll) (?:\w+ )?too(?= [.,]"
        r" |\s*$)",
        r"(?:think|thinking|thought) (?:about|of) (?:following|joining) (?:him|her|them|my \w+)(?= [.,] |\s*$| one"
        r" day| soon| there)",
        r"(?:opt|opting|bow|bowing|tap|tapping) out of (?:life|living|existence|it all|everything|this world|being"
        r" alive)|(?:life|living|existence|being alive) ~6 (?:opt|bow|tap) out of(?= [.,] |\s*$)",
        r"(?:hope|hopes|hoping|wish|wishes|wishing|pray|prays|praying) ~4 (?:the|my|a) (?:plane|car|train|bus|boat"
        r"|ferry) (?:would )?(?:go down|goes down|went down|crash|crashes|crashed|sink|sinks|sank)",
        r"if (?:a|the) (?:bus|car|lorry|train|truck|van|plane) (?:hit|hits|ran over|runs over|took|takes|crashed"
        r"|crashes)(?: me)? ~o8 (?:{ACCEPT}|alright with that|okay with that|fine with that|ok with that|good with"
        r" that)",
        r"(?:hope|hoping|wish|wishing|pray|praying) ~6 (?:happens|happen|goes on|go on|carries on|comes|arrives"
        r"|would happen|came) without me",
        r"(?:then|so) (?:i'd|i would|i could) (?:have (?:an|my|a) (?:exit|way out|excuse to go|reason to stop)|be done"
        r"(?= [.,] |\s*$| with (?:it all|everything|life)))",
        r"(?:imagined|imagine|imagining|pictured|picturing) (?:my|the) (?:own )?(?:funeral|wake|memorial) ~s14"
        r" (?:relief|relieved|peace|glad|happy|out of it)",
        r"(?:wish|wishing|wished|hope|hoping) (?:i )?(?:could|can) (?:just )?(?:be unborn|be erased|be unmade|undo"
        r" my existence|not have existed)",
        unless=_WORRY + r"|\b(?:game|video|film|movie|book|character)\b",
        negatable=False,
    ),
    _rule(
        "attempt_other_words",
        "concern",
        "attempt act",
        "a past attempt said another way ('made an attempt on my life')",
        r"(?:had a go at|made an attempt (?:at|on)|have a go at|had a try at) (?:{KILLME}|my (?:own )?life|ending it"
        r"|ending things|ending my life)",
        r"(?:jumped|threw myself|stepped) (?:off|from|in front of|out in front of) (?:a|the) (?:\w+ )?(?:bridge|building"
        r"|roof|cliff|car park|multistorey|balcony|train|bus|lorry|car|tower)",
    ),
    _rule(
        "would_take_death",
        "concern",
        "ideation",
        "would take or welcome a death that came to them (a stroke, an accident)",
        r"(?:i'd|i would) (?:happily |gladly |honestly |quite happily )?(?:take|accept|welcome|settle for) (?:a |an )?"
        r"(?:\w+ ){0,2}(?:heart attack|stroke|aneurysm|accident|car crash|crash|death|lorry|bus)(?= [.,] |\s*$| in my"
        r" sleep| tomorrow| tonight| any day| right now| if)",
        r"if i (?:just )?(?:{DIED}) ~o6 (?:it |that )?(?:would|'d|will) (?:solve|fix|end|sort|sort out) (?:everything"
        r"|it all|all of this|the problem|things|all my problems)|(?:dying|my death|killing myself|being dead) (?:would"
        r"|'d|will) (?:solve|fix|sort) (?:everything|it all|all of this|all my problems)",
        r"(?:lost|losing|have no|got no|there's no) (?:the |my |all )?will to (?:live|go on|carry on|keep going)",
        r"taking up (?:space|room|oxygen|air) (?:that|which) (?:someone|somebody) ~3 (?:could|should|deserves?|would)",
        r"(?:hope|hoping|wish|wishing|pray|praying) (?:that )?i (?:get|got|catch|develop|have) (?:cancer|something"
        r" terminal|a tumour|a tumor|something fatal|sepsis|a terminal \w+)",
        negatable=False,
    ),
    _rule(
        "critic_won",
        "concern",
        "ideation critic",
        "giving in to the critic or the voice that tells them to die",
        r"(?:the |my )?(?:critic|voice|voices|inner critic|bully) (?:won|wins|has won|is winning|got me)(?= [.,] |\s*$"
        r"| tonight| today| again| this time)",
        attributable=False,
    ),
    _rule(
        "critic_in_dialogue",
        "concern",
        "ideation critic",
        "the critic's lines in a dialogue: urging harm, telling them to remove themselves from others' lives, that"
        " they do not get to live, that others would celebrate, that they are a burden",
        r"(?:hurt|cut|burn|starve|punish|bleed) yourself(?! by accident)",
        r"(?:remove|erase|delete|take|cut) yourself (?:loose )?(?:from|out of) ~4 (?:permanently|for good|forever|the"
        r" world|this world|existence|everyone's lives|their lives|the picture)",
        r"do (?:them|everyone|us all|the world|everybody|your family|my family|my kids|your kids) a (?:kindness"
        r"|favou?r) (?:and|by)",
        r"(?:stop existing|disappear|vanish|die|go away forever|drop dead) and (?:the whole|everyone|everybody|they"
        r"|the world|see who cares|nobody|no one|the office|your family)",
        r"(?:doesn't|does not|don't|do not) (?:get to|deserve to) (?:keep living|live|exist|be alive|keep breathing"
        r"|wake up)",
        r"(?:they'd|they would|everyone would|people would|they'll|everyone'll) (?:throw a party|celebrate|be relieved"
        r"|be happier|be better off|be fine|cheer) if (?:you|u) (?:died|were gone|were dead|disappeared|weren't"
        r" here|weren't around|killed yourself)",
        r"(?:you're|you are|ur|youre) (?:just )?(?:a |such a )?(?:burden|dead weight)(?! (?:at|on) (?:work|the team))",
        r"people like (?:you|u) (?:are|should) (?:dead weight|a burden|better off dead|not exist|be gone)",
        unless=r"^(?!.*\b(?:critic|critic's|voice|voices|my head|inner|the bully|it says|it tells me|it said|it"
        r" whispers)\b)",
        attributable=False,
    ),
    _rule(
        "self_harm_other_words",
        "concern",
        "selfharm act",
        "self-harm said another way: fist through a mirror, knuckles split on the wall, scraped or pinched skin",
        r"(?:smashed|smash|smashing|punched|punch|punching|put) my (?:fist|fists|hand|hands|head) (?:into|through"
        r"|against) (?:the |a )?(?:mirror|wall|window|door|glass)(?= ~s10 (?:just now|on purpose|deliberately|until"
        r"|till|til|bled|split|blood|glass|tonight|today|now|again))",
        r"(?:i'm|i am) still (?:cutting|burning myself|hurting myself|scratching|hitting myself)",
        r"(?:took|take|taking|put|putting|held|holding) (?:a|the|my) (?:razor|blade|knife|lighter|scissors|compass"
        r"|broken glass|glass) to (?:my )?(?:\w+ )?(?:arm|arms|wrist|wrists|leg|legs|thigh|thighs|skin|stomach|body"
        r"|myself|hip|hips|chest)",
        r"(?:punch|punched|punching|hit|hitting|smash|smashed|smashing|thump|thumped|thumping) (?:the |a )?(?:wall"
        r"|walls|door|doors|mirror|window) ~s12 (?:knuckles|hand|hands|fists?) ~3 (?:split|bleeding|bled|bruised"
        r"|broken|swollen|open)|split (?:open )?my knuckles",
        unless=_ACCIDENT,
        unless_scope="clause",
    ),
    _rule(
        "self_harm_second_person",
        "concern",
        "selfharm act",
        "self-harm told in a letter to oneself, in the second person",
        r"(?:you|u) (?:cut|burned|burnt|hurt|hit|scratched|harmed|punched|bruised|carved|bit) (?:into )?(?:your|ur)"
        r" (?:own )?(?:arms?|wrists?|legs?|thighs?|skin|stomach|body|self|hips?|hands?|face|chest)",
        unless=r"^(?!.*\b(?:again|on purpose|deliberately|punish\w*|deserved?|hated?|because you|to feel)\b)",
        attributable=False,
    ),
    _rule(
        "self_harm_urge_other_words",
        "concern",
        "selfharm",
        "self-harm urges said another way: wanting new scars, a coping skill used instead of harm, wanting more",
        r"(?:scars|cuts|burns|marks) ~s12 (?:want|wants|wanting|need|needs|crave|craves|craving) (?:new|more|fresh)"
        r" ones",
        r"(?:instead of|rather than) (?:cutting|burning myself|self harming|hurting myself|scratching|hitting myself)",
        r"(?:bled|bleed|bleeding|cut|cuts|burned|burnt) ~s8 still (?:want|need|crave) (?:more|to)(?= [.,] |\s*$| again)",
    ),
    _rule(
        "goodbye_other_words",
        "signal",
        "goodbye farewell",
        "goodbyes said another way: a pet handed on for good, a promise to care for a pet, a final entry, a will"
        " sorted, a last message of love",
        r"(?:asked|ask|got|getting|made) ~4 (?:to )?(?:keep|look after|have|take) (?:\w+ ){0,2}(?:for good|permanently"
        r"|forever)",
        r"(?:made|asked|got) (?:my |the )?\w+ (?:to )?promise (?:to|me (?:to|she'd|he'd|they'd)) ~1 (?:look after|take"
        r" care of|keep|feed|have|mind) (?:my|the) \w+",
        r"(?:logging|writing|posting|leaving|this is|here's) (?:one|a|my|the) (?:last|final) (?:entry|message|note|post"
        r"|journal|log)(?! (?:of|for|before|in|on) (?:the|this|my|a) \w+)(?! ~s8 (?:fresh|new|next) (?:one|notebook|book"
        r"|journal|diary))",
        r"(?:sorted|wrote|written|finished|did|done|made|updated) (?:out )?the will|(?:told|telling|texted|rang|called)"
        r" (?:my )?(?:mum|mom|dad|kids|sister|brother|partner|wife|husband|family|\w+) (?:that )?i (?:love|loved)"
        r" (?:her|him|them|you)",
        r"(?:gave|given|giving|give) (?:my|all my|most of my) (?:\w+ ){1,2}away|rehom(?:e|ed|ing) (?:my |the |our )?\w+",
        r"(?:found|finding|find) (?:the|my|our) (?:cat|dog|pets?|rabbit|hamster|budgie|\w+) (?:a )?(?:new )?home",
        r"(?:notes?|letters?|cards?) (?:to|for) ~4 (?:are|is) (?:in|under|on|ready|by|next to)",
        unless=r"\b(?:holiday|trip|travel|travelling|moving|move|new job|leaving do|clear out|clearing out|declutter"
        r"|decluttering|charity shop|outgrown|too small|car boot|allergic|allergy|landlord)\b",
        attributable=False,
    ),
    _rule(
        "announced_soon",
        "signal",
        "intent",
        "an act announced for soon: later today, now that something is done, before a date",
        r"(?:later|tonight|today|tomorrow|later today|this (?:evening|afternoon|weekend)|{DAY}) (?:i'm|i am) (?:going"
        r"|off|out of here)(?= [.,] |\s*$)",
        r"(?:now )?i can (?:finally )?(?:end it|go|do it|end things)(?= (?:tomorrow|tonight|later|today|on|this|after"
        r"|{DAY}|when|once)\b)",
        r"(?:it's|it is|it's happening|it'll happen|it will happen) (?:happening )?(?:this (?:arvo|afternoon|evening"
        r"|morning|weekend)|before then|later today|in (?:an|one|two|a few) hours?)(?= [.,] |\s*$)",
        r"(?:(?<=^ )|(?<=[.,] )|(?<=[.,] and ))(?:{ACT_MEANS})(?= ~s10 (?:after|tonight|when|once|at \d|tomorrow|today|later"
        r"|before))",
        r"(?:waiting for|been waiting for) the right (?:moment|time|day|night)",
        r"(?:is|feels like|seems like|'s|feels) the (?:night|day|time) to (?:use (?:it|them)|do it|end it|go|take"
        r" (?:them|it))",
        r"(?:is|'s|will be) (?:when|the day|the night) i (?:check out|go|do it|end it|die|leave|log off|clock out)"
        r"(?= [.,] |\s*$)",
        r"(?:tonight|today|tomorrow|{DAY}|this weekend)(?:'s| is) when(?= [.,] |\s*$)",
        r"(?:working|psyching|building) (?:myself )?up to it|(?:plucking|plucked|building|getting|finding) up the"
        r" (?:courage|nerve) to (?:do it|go|jump|step)",
        r"(?:it'll|it will) (?:all )?be (?:over|done|finished)(?= [.,] |\s*$)",
        r"(?:i'll|i will) have (?:ended it|ended things|done it|killed myself|gone through with it|ended my life)",
        r"(?:i'll|i will) be gone (?:by|before) (?:the )?(?:weekend|end of the (?:week|month)|then|christmas|my"
        r" birthday)",
        unless=_HABIT,
        attributable=False,
    ),
    _rule(
        "plan_other_words",
        "urgent",
        "plan intent",
        "a plan said another way: a rehearsal with intent next time, a spot chosen, the next train, tablets already"
        " taken",
        r"next time (?:i|i'll) (?:won't|will not|wont|don't|am not going to) (?:get down|stop|step back|climb down"
        r"|chicken out|bottle it|pull back|stop myself)",
        r"i know (?:exactly )?(?:where|which spot|the spot where|the place where) (?:i'll|i will|i'm going to) (?:stand"
        r"|jump|do it|go over|step off|go in)",
        r"next (?:one|train|express|bus) ~1 (?:i'm|i am|i'll|i will) (?:going|stepping|jumping|doing it|going in"
        r"|going under)",
        r"already (?:took|taken|swallowed|had|downed|necked) (?:the|my|all|some|them|a few|half|loads|a load|most)"
        r"(?! (?:of )?(?:the )?(?:antibiotics|vitamins|dose|morning|evening))",
        r"emptied (?:the |my )?(?:\w+ )?(?:cupboard|cabinet|bottle|packets?|box|tub|drawer) into my mouth",
        r"(?:cut|cuts|cutting|sliced|gash|wound) ~6 (?:can see (?:inside|fat|bone|the fat|the bone|white)|(?:can't"
        r"|cannot|won't) (?:get it to )?stop(?= [.,] |\s*$))",
        r"so (?:that )?(?:nobody|no one|noone|the kids|my kids|my family|they|mum|my partner|my wife|my husband)"
        r" (?:finds|find|will find|has to find|sees|see|walks in on|(?:don't|won't|doesn't) (?:have to )?find) me",
        r"(?:there's|there is|there was) (?:so much |loads of |a lot of )?blood (?:on|all over) (?:the|my) (?:floor|bed"
        r"|sheets|carpet|sink|bath|duvet|desk)",
        r"(?:the|my) plan is (?:the |my )?{MEANS}",
        r"(?:everything|it all|it)(?:'s| is) (?:ready|set|sorted|in place)(?: ,)? (?:for me to|so i can|so that i can)"
        r" (?:die|go|do it|end it)",
        r"(?:nobody|no one|noone|nothing) (?:can|will|could|is going to) stop me (?:from )?(?:killing myself|doing it"
        r"|ending it|ending my life|now)",
        r"(?:logging|writing|posting|leaving|here's|this is) (?:one|my|the) (?:last|final) (?:entry|message|note|post"
        r"|journal|log)(?! (?:of|for|before|in|on) (?:the|this|my|a) \w+)(?= [.,] |\s*$| so| for| to| before)",
        r"(?:after this|after today|after tonight) ~2 (?:won't|will not|wont) need (?:anything|it|them|any of (?:it"
        r"|this|them)|my \w+)",
        unless=r"\b(?:prescribed|headache|period|cold|flu|dentist|like always|as usual|with food)\b",
        negatable=False,
    ),
    _rule(
        "not_here_soon",
        "urgent",
        "plan intent",
        "says they will not be here tomorrow or by then (and no trip or shift explains it)",
        r"(?:(?<=^ )|(?<=[.,] )|(?<=i ))(?:not going to|won't|will not|not gonna) be (?:here|around|alive) (?:tomorrow"
        r"|tonight|next week|by then|after (?:tonight|today|this week|{DAY}))",
        unless=r"\b(?:holiday|trip|work|shift|office|conference|away|visiting|staying|travel|travelling|flight"
        r"|moving|hospital|course|leave)\b",
        negatable=False,
    ),
    _rule(
        "intrusive_method_thought",
        "concern",
        "ideation",
        "catches themselves thinking they could step off, jump or swerve (even when the thought scares them)",
        r"(?:thinking|thought|think|caught myself thinking|imagined|imagining|pictured|picturing) ~3 (?:i could"
        r"|i might|what if i|how i could) (?:just )?(?:step|jump|walk|drive|swerve|fall|let go|go over|throw"
        r" myself) (?:off|out|in front|into|over|under)",
        r"(?:then|so) (?:i'd|i would|i could) have (?:an|my|a) (?:exit|way out|excuse to go|reason to stop)",
        r"(?:life|life's|the world|the world's|this world|existence) ~6 (?:i'd|i would) (?:rather|sooner) not be in"
        r" it",
        r"(?:would|will|they'd|she'd|he'd|mum'd|everyone'd) (?:cry|grieve|be sad|mourn|miss me|be upset|be gutted|be"
        r" devastated|be heartbroken) ~o6 (?:then"
        r"|and then|but then|but) ~2 (?:be relieved|be fine|move on|get over it|forget me|be happier|be better off"
        r"|feel lighter)",
        r"(?:brain|head|mind|voice|thoughts?) ~3 (?:telling|tells|told|says|saying|keeps saying|keeps telling) ~2"
        r" (?:everyone|everybody|they|my family|the world|the kids) (?:would|'d) be (?:better off|happier|fine)",
        r"worth more dead than alive|(?:not|no longer) (?:scared|afraid|frightened) of (?:dying|death|being dead) ~o8"
        r" (?:want|wants|wanting|welcome|ready|looking forward|appeals|long for)",
        r"(?:better off|happier|easier|calmer|better) ~s8 (?:and|with) me (?:gone|out of the picture|out of the"
        r" way)(?= [.,] |\s*$)",
        attributable=False,
    ),
    # Passive wishes said without the lexicon's usual verbs.
    _rule(
        "passive_wish",
        "concern",
        "ideation",
        "a passive wish to die in other words: sleep 'forever', a body that stops, an illness they would not"
        " recover from, god taking them",
        r"{STANCE} ~6 (?:swallow me up|take me|sleep|asleep|rest|eyes (?:closed|shut)|switch off|go dark) ~4 (?:or )?(?:forever"
        r"|for ever|for good|permanently)(?! (?:to|on)\b)(?! [.,] (?:nah|no|not really|jk|lol|haha)\b)(?! (?:lol|haha|jk)\b)",
        r"(?:pretend|imagine|pretending|imagining) (?:it's|it is|it was|it'll be|this is) (?:forever|for ever|the end"
        r"|permanent)",
        r"if (?:my (?:heart|eyes|body|lungs|breathing)|i) (?:just )?(?:stayed shut|stay shut|didn't open|never"
        r" opened|stopped|gave out|gives out|packed in|stopped beating|didn't come round|never came round|went in my"
        r" sleep|slipped away|didn't come to) ~o10 (?:{ACCEPT}|alright with that|okay with that|ok with that|fine"
        r" with that|good with that|welcome it)",
        r"(?:{ACCEPT}|welcome it|alright with it|okay with it|fine with it) ~4 if (?:my (?:heart|eyes|body|lungs"
        r"|breathing)|i) (?:just )?(?:stayed shut|stay shut|didn't open|stopped|gave out|gives out|packed in"
        r"|stopped beating|didn't come round|went in my sleep|slipped away|went (?:one|some) night)",
        r"(?:glad|relieved|fine|okay|ok|happy|grateful|wouldn't mind|don't mind|wouldn't care) ~4 if something"
        r" (?:bad )?(?:happened|happens|were to happen) to me|(?:hope|hoping|wish|wishing|pray|praying) (?:that )?"
        r"something (?:bad )?(?:happens|would happen|will happen) to me",
        r"(?:hope|hoping|hoped|wish|wishing|pray|praying) ~10 (?:don't|do not|won't|never|not|didn't) (?:wake up"
        r"|come round|come around|come to|recover|get better|pull through|survive|make it(?! (?:to|in|on|back"
        r"|home|through the)))",
        r"(?:hope|hoping|wish|wishing|pray|praying) ~8 (?:it's|it is|its|it'll be|it turns out|it was|to be)"
        r" (?:terminal|incurable|fatal|inoperable|the end)",
        r"(?:pray|praying|prayed|hope|hoping|wish|wishing|ask|asking) (?:that )?(?:god|the universe|death|the lord"
        r"|someone up there) ~2 (?:takes|would take|will take|take|comes for|would come for|come for|lets|let)"
        r" me",
        r"(?:how|so) (?:easy|simple|quick|peaceful|easily) (?:it )?(?:would|could|'d|might|is) (?:be )?(?:to"
        r" )?(?:just )?(?:{DIE}|{DIE_WEAK}|step (?:off|out|in front)|jump|let go|swerve|drive off|go under)",
        r"(?:thinking|thought|think|caught myself thinking|imagined|imagining|pictured|picturing) ~3 (?:i could"
        r"|i might|what if i|how i could) (?:just )?(?:step|jump|walk|drive|swerve|fall|let go|go over|throw"
        r" myself) (?:off|out|in front|into|over|under)",
        r"(?:can't|cannot|couldn't|can not) (?:think of|find|see|come up with|name) (?:a|one|any|a single|a good)"
        r" (?:\w+ )?reason ~2 (?:to|for) ~3 (?:living|live|alive|going on|go on|carry on|carrying on|keep going"
        r"|be here|stay|staying)",
        r"(?:living|being alive|existing|life|being here|staying alive|waking up) (?:isn't|is not|is no longer"
        r"|isn't really) (?:something|anything) (?:i (?:want|wanna|care|wish|need|plan)|worth)",
        r"(?:being dead|dead|not being here|not being alive|not existing|not waking up|the grave|nothingness)"
        r" (?:would be|'d be|sounds|seems|feels|looks|is) ~2 (?:better|easier|simpler|nicer|kinder|more peaceful"
        r"|peaceful|restful|quieter|calmer|preferable|appealing|a relief|like relief|like rest)(?! (?:in|at|for)"
        r" (?:the|a|my) (?:game|film|show|book))",
        r"(?:(?<=^ )|(?<=[.,] ))(?:just )?(?:stop|stopped|stopping) being alive",
        r"(?:better|easier|best|kinder) ~3 if i (?:was|were|had|'d) never (?:been )?born|(?:wish|wished|wishing)"
        r" (?:my )?(?:mum|mom|mother|parents|dad|father) (?:had )?(?:never|not) (?:had|have) me",
        negatable=False,
        unless=_WORRY + r"|\b(?:holiday|weekend|lie in|nap|hibernate|hibernating|nah|till noon|until noon)\b",
    ),
    # Others would be better off, said through what they would do after.
    _rule(
        "burden_after_me",
        "concern",
        "ideation",
        "others would be relieved, free, happier or would not notice if they died or were not around",
        r"if i (?:just )?(?:died|was gone|were gone|wasn't (?:here|around|alive)|weren't (?:here|around|alive)"
        r"|disappeared|was dead|were dead|didn't exist|killed myself|stopped existing) ~s12 (?:party|celebrate"
        r"|relieved|relief|happier|better off|easier|free|freer|forget (?:me|about me)|move on|get over (?:it|me)"
        r"|manage|cope|fine|lighter|stop dealing|clocks?|notice|noticed|realise|realize|the smell)",
        r"(?:party|celebrate|relieved|relief|happier|better off|easier|be free|freer|forget (?:me|about me)|move on"
        r"|get over (?:it|me)|lighter|stop (?:dealing|having to deal) with me|heal|calmer|quieter|more peaceful"
        r"|simpler|better|get their peace) ~s8 (?:if i (?:just )?(?:died|was gone|were gone|wasn't (?:here|around"
        r"|alive|in it)|weren't (?:here|around|alive|in it)|disappeared|was dead|were dead|didn't exist|killed"
        r" myself|stopped existing)|with me (?:gone|dead|out of the picture|out of the way|not here|not around))",
        r"(?:picture|imagine|see|imagining|picturing) (?:my |the )?(?:family|kids|partner|wife|husband|friends"
        r"|everyone|them|mum|parents) without me ~s8 (?:happier|better|fine|okay|relieved|lighter|easier)",
        r"(?:once|when|after) i'm (?:gone|dead|not here|not around) ~o6 (?:happy|happier|better|better off|relieved"
        r"|free|fine|okay|easier|lighter|at peace)",
        r"(?:would|will|'d) (?:anyone|anybody|people|they|nobody|no one) (?:even )?(?:notice|care|miss me|come|cry"
        r"|realise|realize) ~3 if i (?:just )?(?:{DIED})",
        r"(?:{DIE_WEAK}|fade out) ~o6 (?:and )?(?:the world|everyone|everybody|they|life) (?:would|will|'d)"
        r" (?:keep going|carry on|go on|be fine|move on|be better)",
        r"(?:would|will|they'd|she'd|he'd|mum'd|everyone'd) (?:cry|grieve|be sad|mourn|miss me|be upset) ~o6 (?:then|and then|but then|but) ~2 (?:be"
        r" relieved|be fine|move on|get over it|forget me|be happier|be better off|feel lighter)",
        r"better off with (?:a|another|someone|somebody|a different|a new|a better|a proper|a normal) (?:\w+ )?(?:mum"
        r"|mom|dad|mother|father|parent|wife|husband|partner|daughter|son|sister|brother|friend|person)",
        r"(?:manage|cope|be fine|be okay|be ok|be alright|get by|get on) ~1 without me ~s8 (?:better|happier"
        r"|easier|probably|even|anyway)",
        unless=_WORRY + r"|\b(?:on leave|holiday|while i'm|when i'm (?:away|off|on)|for (?:a|the|two|one) (?:day|days"
        r"|week|weeks|weekend|night)|cover(?:ing)? for me|the meeting|my shift|trip|will|insurance|pension)\b",
        attributable=False,
    ),
    # The inner critic's imperatives and sentences of death.
    _rule(
        "critic_imperative",
        "concern",
        "ideation critic",
        "the critic's imperatives: to go, vanish or stop breathing, that everyone would be done a favour, that they"
        " do not deserve to live",
        r"(?:(?<=^ )|(?<=[.,] )|(?<=to )|(?<=should )|(?<=just ))(?:just )?(?:go|disappear|vanish|rest forever"
        r"|sleep forever|stop breathing|stop existing|stop wasting (?:oxygen|air|space|everyone's time)|get it over"
        r" with|end it|jump|give up on life)(?= [.,] |\s*$| then| already| now| forever| for good| and (?:see|let|save"
        r"|spare|give|stop|do))",
        r"(?:you'd|you would|you'll|you) be doing (?:everyone|everybody|us all|the world|them all|your family|them)"
        r" a favou?r(?= [.,] |\s*$| by (?:dying|going|disappearing))",
        r"(?:you|u) (?:don't|do not) (?:even |really )?deserve to (?:live|exist|be alive|be here|breathe|see"
        r" (?:christmas|another|tomorrow|your|the)|live to see|make it to)",
        r"(?:you're|you are|ur) (?:just )?(?:a |such a )?(?:burden|dead weight|waste of (?:space|oxygen|air"
        r"|skin))(?= ~4 (?:go|die|disappear|just go|end it|do it)(?= [.,] |\s*$))",
        unless=r"^(?!.*\b(?:critic|critic's|voice|voices|my head|inner|the bully|it says|it tells me|it said)\b)",
        attributable=False,
    ),
    # Self-harm said another way: until it bled, hands against doors, urges with "it" and "again".
    _rule(
        "self_harm_until",
        "concern",
        "selfharm act",
        "scratched, picked, raked or hit themselves until they bled or bruised, or hurt their body against something"
        " because they hate themselves",
        r"(?:scratched|scratching|scratch|picked|picking|pick|raked|raking|clawed|clawing|dug|digging|rubbed|rubbing"
        r"|squeezed|squeezing|twisted|twisting"
        r"|bit|biting|pinched|pinching|punched|punching|hit|hitting|scrubbed|scrubbing) ~5 (?:till|until|til)"
        r" ~3 (?:bled|bleed|bleeds|bleeding|blood|purple|black and blue|blue|marked|welts|red raw"
        r"|bruised|bruise|bruises|raw|broke the skin|split)",
        r"(?:smashed|smash|smashing|punched|punching|hit|hitting|banged|banging|slammed|slamming|thumped|whacked)"
        r" my (?:hand|hands|fist|fists|arm|arms|wrist|wrists|knuckles|leg|legs|foot|head) ~5 (?:against|into|on"
        r"|off|with) ~o8 (?:because|cos|cause|since|to) ~3 (?:i )?(?:hate|hated|hating|punish|deserve|deserved|feel"
        r" something|stop feeling|was so angry at myself|loathe)",
        unless=_ACCIDENT,
        unless_scope="clause",
    ),
    _rule(
        "self_harm_urge_elliptic",
        "signal",
        "return",
        "an urge with the act unnamed ('I want to do it again', 'the pull is back')",
        r"(?:want|wanted|wanting|need|needed|itch|itching|urge|urges|craving|tempted|pull) (?:to )?(?:(?:do (?:it|that)"
        r"|start|go back to it) )?(?:again|so much|so badly|so bad|really badly|so often)(?= [.,] |\s*$| this| tonight| today)",
        r"(?:itch|urge|pull|craving|need) to do (?:it|that) (?:again )?(?:is|'s|has|are) (?:back|returned|come back"
        r"|coming back)",
        attributable=False,
    ),
    _rule(
        "self_harm_past",
        "signal",
        "shhistory",
        "self-harm in their past (they stopped, or used to)",
        r"(?:stopped|quit|gave up|clean from|free from) (?:cutting|self harming|self harm|burning myself|hurting"
        r" myself|scratching)|used to (?:cut|burn|scratch|hit|hurt|self harm|sh)",
        negatable=False,
        attributable=False,
    ),
    _rule(
        "earned_food",
        "concern",
        "selfharm act",
        "food withheld as something to be earned, or meals skipped after a mistake",
        r"(?:haven't|have not|didn't|don't|do not|not) (?:yet )?earned (?:food|a meal|my meal|dinner|lunch|breakfast"
        r"|brekkie|tea|eating|the right to eat|my dinner|my lunch|supper)",
        r"(?:skip|skipping|skipped|miss|missing|no|cut out|go without|went without) (?:meals?|food|brekkie|breakfast"
        r"|lunch|dinner|tea|supper|eating) ~s10 (?:earn|earned|earning|done something wrong|did something wrong|do"
        r" something wrong|mess up|messed up|screw up|screwed up|failed|fail|been bad|deserve|deserved)",
        negatable=False,
        unless=r"\b(?:fast|fasting|ramadan|diet|dieting|surgery|blood test|operation|busy|no time|forgot)\b",
    ),
    # ---- third pass (26 November 2026): classes from four more writers' odd ids -----------------------
    _rule(
        "past_attempt_named",
        "concern",
        "attempt act",
        "a past attempt named plainly ('past attempt in 2016', 'attempted at 19', 'failed at dying')",
        r"(?:(?<=^ )|(?<=[.,] ))attempted(?= (?:at|in|when|aged|age|twice|once|before|after|back|years|last)\b)",
        r"(?:past|previous|prior|earlier|former) (?:suicide )?attempts?(?! (?:at|to|on)\b)",
        r"(?:failed|fail|failing) at dying|(?:couldn't|could not|cant|can't) even (?:die|kill (?:yourself|myself)"
        r"|do that|do it) (?:right|properly)",
    ),
    _rule(
        "overdose_now_other_words",
        "urgent",
        "attempt act",
        "tablets taken all at once now or minutes ago, poison from under the sink, a packet 'inside me'",
        r"(?:take|taking|took|taken|swallow|swallowing|swallowed) (?:all|every one of|the whole lot of) (?:of )?(?:my"
        r"|the|his|her|their|[a-z]+s|[a-z]+'s) (?:[a-z']+ )?(?:pills|tablets|meds|medication|medicine)(?: now| tonight| at once"
        r"| in one go| together)(?= [.,] |\s*$)",
        r"(?:took|taken|swallowed|downed|had) (?:my |the |all (?:of )?(?:my |the )?)?(?:[a-z']+ )?(?:pills|tablets|meds"
        r"|them|the lot|everything|it all|the packet|the bottle) ~2 (?:\d+|an|a|half an|about|like|twenty|ten"
        r"|thirty|fifteen|few) ~2 (?:min|mins|minutes|hour|hours|hr|hrs) ago",
        r"(?:drank|drunk|swallowed|downed) ~4 (?:from )?under the (?:kitchen )?sink",
        r"(?:packet|packets|bottle|box|strip|strips|blister|tub|pills|tablets) (?:is|are|'s) (?:all )?(?:gone|empty"
        r"|finished) ~s3 (?:inside me|in me|down me)",
        unless=r"\b(?:headache|period|cramps?|prescribed|for the pain|paracetamol for|school|nursery|the park|the vet"
        r"|swimming|football|the shops|home|the car|the dog|the kids|doctor said|gp said|as usual|like always)\b",
    ),
    _rule(
        "finish_it_intent",
        "urgent",
        "intent",
        "stated intent to finish or end their life, or that it ends or happens tonight after deciding",
        r"(?:i|i'm|im|i am|i'll|ill|i will|i'm going to|im going to|gonna|going to|i shall) (?:finish|finishing|end"
        r"|ending) (?:my life|myself|my self)",
        r"(?:i'm|im|i am|i'll be|i will be|i shall be) finishing it (?:tonight|today|tomorrow|now|this (?:week"
        r"|weekend|evening)|when|after)",
        r"it (?:ends|'ll end|will end|all ends|finishes) (?:tonight|today|tomorrow)(?= [.,] |\s*$| when| after| once"
        r"| at)",
        r"(?:made up my mind|decided|my mind is made up|i've decided) ~s8 (?:it's|its|it is|it'll be|doing it)"
        r" (?:happening )?(?:tonight|today|tomorrow)",
        r"(?:tonight|tomorrow|tmrw|tmr|after (?:my|the|this) \w+) ~s6 (?:i'm|im|i am|i'll be|ill be) (?:done|gone)"
        r" for good",
        r"this time (?:i'm not|im not|i am not|i'll not|i will not|i won't|i wont|i'm never|i'll never|i never)"
        r" (?:calling|call|telling|tell|ringing|ring) (?:anyone|anybody|an ambulance|999|911|112)",
        r"dear future me ,? there (?:won't|wont|will not|isn't|is no) (?:be )?(?:one|a future|any)",
        r"nobody (?:will|'ll|would|is going to|gonna) find me (?:till|until|before|for)",
        unless=r"\b(?:show|series|season|episode|sale|offer|festival|game|match|film|exhibition|deal|competition"
        r"|auction|job|course|uni|contract|twitter|instagram|social media|dating|diet|drinking|smoking|alcohol"
        r"|essay|thesis|book|project|shift pattern)\b",
    ),
    _rule(
        "gone_by_a_day",
        "urgent",
        "intent",
        "they will be gone by a day, or not here to see or collect something, said of themselves",
        r"(?:i'll|ill|i will|i'm going to|i shall) be gone by (?:monday|tuesday|wednesday|thursday|friday|saturday"
        r"|sunday|tonight|tomorrow|the weekend|morning|then|christmas|next week)",
        r"(?:won't|wont|will not) be (?:here|around|alive) (?:to|for|when|by) ~3 (?:pick|collect|see|celebrate"
        r"|birthday|bday|christmas|results|wedding)",
        unless=r"\b(?:trip|holiday|flight|work|working|shift|conference|visit|visiting|moving|move|abroad|travel"
        r"|travelling|away|camp|festival|hospital for|op|operation|surgery)\b",
    ),
    _rule(
        "not_being_a_person",
        "concern",
        "ideation",
        "wishing not to be a person any more, to switch off permanently, or that their heart would just stop",
        r"(?:wish|want|wanna|wanted|rather|prefer|could|would|just) ~3 (?:not|stop|stopped|quit) (?:be|being)"
        r" (?:a person|anyone|anybody|a human|human|alive)(?= [.,] |\s*$| any| forever| permanently| at all| and"
        r"| or| for good)",
        r"(?:pressing|press|hit|hitting) pause on (?:being a person|being alive|existing|life|being me|me) forever",
        r"(?:switch|switched|turn|turned|shut) (?:myself |me )?off ~s3 (?:permanently|for good|forever)",
        r"(?:rather|prefer) (?:just )?not (?:be|exist)(?= [.,] |\s*$)",
        r"(?:nice|good|easier|a relief|peaceful|wish|hope|hoping) ~6 (?:if )?my heart (?:just )?(?:stopped|stops"
        r"|would stop|gave out|gives out)",
        r"(?:i am|i'm|im) no more(?= [.,] |\s*$)",
        r"(?:non ?existence|nonexistence|not existing|oblivion) (?:sounds|seems|feels|looks) ~2 (?:cosy|cozy|nice"
        r"|good|peaceful|lovely|appealing|tempting|inviting|restful)",
        r"stop breathing (?:altogether|forever|for good|permanently|completely)",
        r"(?:slide|slip|go|sink) under (?:the water )?and (?:not|never) (?:come|coming) (?:up|back)",
        r"(?:don't|dont|do not) want (?:a|one|any) future(?= [.,] |\s*$)|(?:can't|cant|cannot) see a future and"
        r" (?:i )?(?:don't|dont|do not) want one",
        r"(?:don't|dont|do not) want (?:a|this|my) life(?= [.,] |\s*$| any ?more)",
        r"(?:hope|wish|hoping|wishing) (?:i )?(?:miss|never hear|sleep through) (?:it|the alarm|my alarm) (?:forever"
        r"|for good|permanently)",
        unless=r"\b(?:phone|laptop|notifications|telly|tv|for a (?:day|bit|while|week|weekend)|holiday|game|diet)\b",
    ),
    _rule(
        "better_if_gone_other_words",
        "concern",
        "ideation",
        "their death would solve things, be no loss, or bring others relief, said another way",
        r"if i (?:got ill and |got sick and )?(?:died|was dead|were dead|was gone|were gone) ~s4 (?:it'd|it would"
        r"|that would|would|it'll|it will) (?:solve|fix|sort) (?:everything|it all|things|all|so much)",
        r"if i died ~s4 (?:i'd|id|i would) (?:shrug|be fine with it|be ok with it|be okay with it|not care|not mind)",
        r"if ~6 (?:fell on me|hit me|killed me|took me) ~s6 (?:i'd|id|i would) be (?:grateful|glad|happy|relieved"
        r"|fine with it|ok with it|okay with it)",
        r"only (?:way|thing|answer|solution|option) ~6 (?:is )?(?:if|that) (?:i'm|im|i am|i was|i were) (?:gone|dead"
        r"|not here|not around)",
        r"(?:me|i'm|im) gone (?:would be |means |equals |is )?(?:less|fewer) (?:drama|stress|hassle|problems"
        r"|trouble|burden|worry)",
        r"better off without (?:a|an|the) (?:\w+ ){0,2}like me",
        r"(?:wouldn't|wouldnt|would not|won't|wont) (?:even )?(?:give a (?:toss|damn|shit|crap|monkey's)|skip a"
        r" beat|blink) ~s4 if i (?:wasn't|weren't|was not|were not) (?:here|around|alive)",
        r"(?:i|u|you) could (?:just )?(?:vanish|disappear|die) and ~6 (?:wouldn't|wouldnt|won't|wont|would not)"
        r" (?:even )?(?:skip a beat|notice|care|blink)",
        r"(?:better|wish|wished|wishing) ~4 (?:if )?(?:god|allah|the lord) (?:had )?(?:not|never) (?:made|created) me",
        r"(?:wish|hope|pray|praying|hoping|wishing) ~4 (?:the |this |my )?(?:plane|bus|train|car|lorry|coach)"
        r" (?:would |will |to )?(?:just )?(?:go down|crash|come off|hit me|take me)",
        unless=_WORRY + r"|\b(?:on leave|holiday|while i'm|cover(?:ing)? for me|the meeting|my shift|insurance"
        r"|pension|job|team|project)\b",
        attributable=False,
    ),
    _rule(
        "critic_death_lines",
        "concern",
        "ideation critic",
        "the critic's lines of death: should have stayed dead, better dead, die die die, out of everyone's way for good",
        r"(?:should|shouldve|should've|ought to) (?:have )?(?:stayed|been|be) (?:dead|in the (?:coffin|ground"
        r"|grave))",
        r"should have been (?:me|the one|you) (?:in the (?:coffin|ground|grave)|who died|that died)",
        r"die ,? die",
        r"better (?:for (?:them|everyone|everybody|\w+) )?(?:if )?(?:you|u|i) (?:are|were|was|'re|'d be) dead",
        r"(?:get|getting|got) out of (?:everyone's|everybody's|their|the) way for good",
        r"(?:doing|do) (?:them|everyone|everybody|the world|us) a kindness by (?:going|dying|disappearing|leaving"
        r"|not being)",
        r"imagine (?:christmas|\w+) without you ~s3 (?:peaceful|better|quieter|nicer|lovely|bliss)",
        unless=r"\b(?:game|song|lyrics|film|movie|level|boss|zombie|character|villain|plant|plants)\b",
        attributable=False,
        negatable=False,
    ),
    _rule(
        "take_me_home",
        "concern",
        "ideation",
        "asking God or someone who has died to take them, bring them home or come and get them",
        r"(?:lord|god|jesus|allah|father in heaven|heavenly father) ~s10 (?:bring|take|call|fetch) me (?:home|away"
        r"|to (?:you|him|heaven))",
        r"(?:bring|take|call) me home ~3 (?:lord|god|jesus|allah)",
        r"(?:asked|ask|asking|begged|begging|prayed|praying|told|tell) (?:my )?(?:\w+ )?(?:\w+ )?(?:in heaven|up"
        r" there|who died|who passed) ~3 (?:to )?(?:come and get me|come for me|take me|fetch me)",
    ),
    _rule(
        "at_the_edge_now",
        "urgent",
        "intent",
        "at a pier, platform, ledge or reservoir now and going in, counting down, or saying goodbye",
        r"(?:on|at|up at|by|standing on|stood on|sat on|sitting on) the (?:pier|reservoir|platform|cliff edge|cliff"
        r"|bridge edge|bridge|ledge|balcony|roof|quarry|viaduct|edge) ~s10 (?:i'm going in|im going in|going in"
        r"|goodbye|bye|count(?:ing)? to (?:ten|10|three|3)|let go|letting go|next train)",
        r"(?:swim|swimming|walk|walking|wade|wading) out (?:until|till|til|so) (?:i )?(?:can't|cant|cannot|won't"
        r"|wont) (?:come|get|swim) back",
        r"next train (?:that )?(?:doesn't|doesnt|does not|won't|wont) stop",
        r"(?:stand|standing|i'm|im|sitting|sat|i stand) ~2 on the (?:balcony|ledge|roof|bridge edge|edge|railing)"
        r" ~s3 (?:\d+(?:st|nd|rd|th) floor|now) ~s4 (?:count|jump|goodbye|let go)",
        unless=r"\b(?:holiday|view|sunset|photo|photos|picture|fishing|swim club|lesson|race|training)\b",
    ),
    _rule(
        "self_harm_third_pass",
        "concern",
        "selfharm act",
        "self-harm in other words: a cigarette put out on the skin, cutting 'instead', skin scratched with a point",
        r"(?:put|stubbed) (?:it|the cig|my cig|a cigarette|the cigarette|my cigarette|the fag|a fag|my fag) out on"
        r" my (?:wrist|arm|hand|leg|skin|thigh)",
        r"(?:got up|went|go|went upstairs|went to the bathroom) and cut(?= [.,] |\s*$| instead| again)",
        r"(?:scratching|scratched|scratch|carving|carved|digging|dug) ~4 (?:my )?(?:arm|arms|wrist|wrists|thigh"
        r"|thighs|skin|leg|legs|stomach) with (?:a |the |my )?(?:compass|pin|needle|blade|razor|scissors"
        r"|sharpener|safety pin|knife|glass|nail|key)",
        r"(?:rubbing|rubbed|rub|scrubbing|scrubbed) my skin ~4 (?:till|until|til) (?:it )?(?:burns|burned|burnt"
        r"|stings|bleeds|bled)",
        r"self ?harm (?:urges?|cravings?) (?:are|r|is|were) (?:screaming|loud|back|bad|strong|so strong|everywhere)",
        r"(?:didn't|didnt|did not|don't|dont|haven't|havent) eat ~6 on purpose ~s8 (?:hate|hated|deserve"
        r"|deserved|punish)",
        unless=_ACCIDENT,
        unless_scope="clause",
    ),
)

# When findings with two tags meet, in the same sentence or anywhere in the entry, a new finding is
# made: (id, level, tag of the first finding, tag of the second, scope, description).
_COMBINATION_TABLE = """
intent_with_time       urgent  active            time|later sentence  suicidal intent with a time (tonight, at 2am)
act_with_time          urgent  intent            time|later sentence  an announced act with a time ("doing it tonight")
act_with_means         urgent  intent|weakintent means     entry     an announced act, and the means at hand
act_with_place         urgent  intent|weakintent place     entry     an announced act, at a bridge, cliff, railway ...
act_with_ideation      urgent  intent|weakintent ideation  entry     an announced act, and suicidal ideation
act_with_goodbye       urgent  intent|weakintent goodbye   entry     an announced act, and goodbye behaviours
act_with_distress      urgent  intent|weakintent distress  entry     an announced act, and "I can't take it anymore"
act_with_finality      urgent  intent|weakintent final     entry     an announced act, and "for good", "not coming back"
decision_with_time     urgent  decision          time|later entry     "I've decided", and a time soon anywhere in the entry
act_with_plan          urgent  intent|weakintent plan      entry     an announced act, and a plan, a place found or research
goodbye_with_finality  urgent  goodbye           final     entry     goodbye behaviours, and calm resolve or "not coming back"
goodbye_with_plan      urgent  goodbye           plan      entry     goodbye behaviours, and a plan or a place found
ideation_with_means    urgent  ideation          means     entry     suicidal ideation, and the means at hand
ideation_with_goodbye  urgent  ideation          goodbye   entry     suicidal ideation, and goodbye behaviours
means_with_plan        urgent  means             plan      entry     means at hand, and a place found or it hidden
means_at_place         urgent  means             place     entry     means at hand, at or going to a bridge, river ...
means_ready_with_time  urgent  ready             time      entry     means laid out beside them, and a time
means_with_time        urgent  held              time      sentence  means at hand, and a time soon in the same sentence
at_risky_place_now     urgent  place             present   sentence  at a bridge, cliff, roof or railway now
at_strong_place_now    urgent  splace            spresent  entry     at a bridge, cliff or roof, and "standing here now" in the entry
self_harm_earlier_today urgent act               recent    entry     self-harm or an attempt in an entry about today (no other day named)
self_harm_today        urgent  act               recent    sentence  self-harm or an attempt today, tonight, just now
attempt_last_night     urgent  attempt           lastnight sentence  a suicide attempt or overdose last night
attempt_again          urgent  attempt           retry     entry     an attempt, and "I'll try again"
taken_with_goodbye     urgent  taken             sorry|goodbye entry  "I took the tablets", and an apology or goodbye
act_with_apology       urgent  intent            sorry     entry     an announced act ("I'm doing it now"), and "I'm sorry"
goodbye_with_time      urgent  farewell          time      entry     goodbye behaviours with a time ("saying goodbye tonight")
death_as_relief        concern relief            death     entry     death described as a relief or longed for
starving_as_punishment concern noeat             punish    sentence  not eating, and saying they deserve it
survivor_wish          concern survivor          deathctx  entry     "it should have been me", with a death named
urges_returning        concern shhistory         return    entry     self-harm in their history, and it coming back
means_with_finality    urgent  ready             final     entry     the means set up, and a last message
goodbye_with_means     urgent  goodbye           means     entry     goodbye behaviours, and the means at hand
means_with_distress    urgent  ready             distress  entry     the means set up or ready, and being unable to go on
goodbye_with_distress  urgent  farewell          distress  entry     goodbye words, and being unable to go on
"""


@dataclass(frozen=True)
class Combination:
    """Findings tagged ``first`` and ``second`` ("a|b" = either tag) in the same sentence or anywhere
    in the entry (``scope``) make a new finding ``id`` at ``level``."""

    id: str
    level: str
    first: frozenset[str]
    second: frozenset[str]
    scope: str
    description: str


# When tagged findings meet, a new finding is made; the table above is the audit copy.
COMBINATIONS: tuple[Combination, ...] = tuple(
    Combination(row[0], row[1], frozenset(row[2].split("|")), frozenset(row[3].split("|")), row[4], row[5])
    for row in (line.split(None, 5) for line in _COMBINATION_TABLE.strip().splitlines())
)
_REPORTED_LEVELS = frozenset({"concern", "urgent"})

# Urgent findings in these clauses are history, reported as concern.
_DISTANT_PAST = re.compile(
    r"\b(?:years|months|weeks) ago\b|\blast (?:year|month|summer|winter|spring|autumn|christmas)\b"
    r"|\bwhen i was (?:\d+|a|younger|little|at|in|a teenager|a kid|a child|a student)\b|\bas a (?:teen"
    r"|teenager|kid|child|student)\b|\bin (?:19|20)\d\d\b|\bback (?:then|in)\b|\bused to\b|\bin my (?:teens"
    r"|twenties|thirties|20s|30s)\b|\bpreviously\b|\bin the past\b|\ba long time ago\b|\b(?:was|were|while"
    r"|back) at (?:uni|university|school|college)\b|\bever since\b|\b(?:years|months|a year) since\b"
    r"|\banniversary\b"
)

# Words that make a sentence about the client's own critic: no attribution discount there.
_CRITIC = re.compile(
    r"\b(?:critic|critic's|critical voice|inner|voice|voices|my head|my brain|my mind|depression|part of me"
    r"|gremlin|bully|self talk|my thoughts|it tells me|the chair)\b"
)

# Someone else's words being reported ("my flatmate said ...", "the film says ...").
_OTHERS = (
    r"(?:he|she|they|we|his|her|their|friend|friends|mum|mom|mother|dad|father|sister|brother|partner"
    r"|boyfriend|girlfriend|husband|wife|son|daughter|aunt|uncle|cousin|nan|gran|grandma|grandad|colleague"
    r"|colleagues|coworker|boss|manager|teacher|client|patient|student|kid|kids|character|protagonist"
    r"|narrator|author|writer|book|novel|film|movie|show|series|documentary|article|song|lyrics|podcast"
    r"|someone|somebody|people|person|guy|girl|man|woman|teenager|lad|bloke|mate|mates|group|flatmate"
    r"|roommate|housemate|speaker|trainer|lecturer|presenter|post|video|tiktok|meme|nurse|doctor|gp|therapist"
    r"|counsellor|psychiatrist|lads|guys|boys|girls|team|teammates|everyone|everybody|clients|patients|students"
    r"|callers|caller|pupils|residents|service users)"
)
_REPORTED = re.compile(
    r"\b(?:" + _OTHERS + r"|my [a-z]+|[a-z]+'s)(?: (?!(?:i|i'm|i've|i'd|i'll|me|my)\b)[a-z']+){0,3} (?:said|says|say"
    r"|saying|joked|jokes|joking"
    r"|joke|told|tells|telling|texted|texts|wrote|writes|posted|posts|tweeted|messaged|mentioned|admitted"
    r"|admits|confided|confessed|asked|asks|shouted|screamed|yelled|claimed|claims|explained|described"
    r"|talked about|talks about|spoke about|speaks about|discussed|kept saying|keeps saying|keep saying|sang|sings|quoted"
    r"|went on about|was like|is like|goes)\b"
)

_FIRST_PERSON = frozenset(
    {"i", "i'm", "i've", "i'd", "i'll", "me", "my", "myself", "mine", "you", "you're", "your", "yourself"}
)
# Object pronouns ("doing them a favour by not existing") and "her" are left out: they are rarely the
# subject of what follows.
# "they" is left out too: in an entry it is as often things ("they're in the drawer") as people.
_OTHER_SUBJECTS = (
    frozenset(re.findall(r"[a-z]+", _OTHERS)) - {"her", "they", "everyone", "everybody", "team"}
) | frozenset(
    {
        "he's",
        "she's",
        "he'd",
        "she'd",
        "he'll",
        "she'll",
        "we're",
        "we'd",
        "who",
        "anyone",
    }
)
# Words that make what follows a topic, not a confession ("a documentary about self harm").
_TOPIC_WORDS = frozenset(
    {"ward", "round", "assessment", "assessments", "policy", "guidance", "protocol", "handover", "audit"}
) | frozenset(
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
        "exam",
        "diploma",
        "covers",
        "caseload",
        "paramedic",
        "callout",
        "stoics",
    }
)
_NEGATORS = frozenset({"not", "never", "no", "nor", "without", "stopped", "quit"})
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
    }
)
# After "no", only these words keep the negation ("no plans to", "no longer", "no urge to").
_NO_FOLLOWERS = frozenset(
    {
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
    }
)
_NEGATION_WINDOW = 5

# Each alternative pattern of a rule is compiled and gated on its own: one broad alternative does not
# make the whole rule run on every text.
_Part = tuple[Gate | None, re.Pattern[str]]
_COMPILED: tuple[tuple[Rule, tuple[_Part, ...], re.Pattern[str] | None, re.Pattern[str] | None], ...] = tuple(
    (
        rule,
        tuple((Gate.of_pattern(_expand(part)), re.compile(_expand(part))) for part in rule.parts),
        re.compile(rule.unless) if rule.unless else None,
        re.compile(rule.unless_before) if rule.unless_before else None,
    )
    for rule in RULES
)
_VOCABULARY: frozenset[str] = (
    frozenset(word for rule in RULES for word in re.findall(r"[a-z][a-z']+", rule.pattern))
    | frozenset(word for value in V.values() for word in re.findall(r"[a-z][a-z']+", value))
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
    clause_start: int


def _overlap(one: _Finding, other: _Finding) -> bool:
    """True when two findings share words ("i'll walk into the sea" and "walk into the sea")."""
    return one.start < other.start + len(other.words) and other.start < one.start + len(one.words)


def _overlap_span(one: _Finding, start: int, length: int) -> bool:
    return one.start < start + length and start < one.start + len(one.words)


def _boundaries(text: str, mark: str) -> list[int]:
    """Offsets where a new span starts after each mark (" . " or " , ")."""
    found = [0]
    position = text.find(mark)
    while position != -1:
        found.append(position + len(mark) - 1)
        position = text.find(mark, position + 1)
    return found


_SUBJECTS = frozenset({"i", "i've", "i'm", "i'd", "i'll", "you", "you're", "he", "she", "they", "we", "it"})
_NEG_RAISING = frozenset({"think", "believe", "reckon", "suppose", "expect", "imagine", "feel", "say", "mean", "guess"})
_CONJUNCTIONS = frozenset({"and", "or", "so", "then", "but", "because", "cos", "cause", "while", "when", "except"})


def _is_negated(before: list[str]) -> bool:
    """True when a negator sits among the last few words before a match, in the same clause and not
    behind a conjunction ("I haven't slept and want to die" is not negated)."""
    window = before[-_NEGATION_WINDOW:]
    for index in range(len(window) - 1, -1, -1):
        if window[index] in _CONJUNCTIONS:
            window = window[index + 1 :]
            break
        # a new subject ends the negation's reach ("doesn't know I've been cutting"), except after verbs
        # that carry it ("I don't think I'd ever want to die")
        if window[index] in _SUBJECTS and index > 0 and window[index - 1] not in _NEG_RAISING:
            window = window[index:]
            break
    for index, word in enumerate(window):
        if word == "no":
            follower = window[index + 1] if index + 1 < len(window) else ""
            if follower in _NO_FOLLOWERS:
                return True
        elif word in _NEGATORS or word in _NEGATED_AUX:
            return True
    return False


# Words after which a person is an object, not the subject ("I told my partner about the attempt").
_OBJECT_MARKERS = frozenset(
    {
        "told",
        "tell",
        "telling",
        "asked",
        "ask",
        "showed",
        "show",
        "texted",
        "called",
        "rang",
        "messaged",
        "gave",
        "give",
        "with",
        "to",
        "for",
        "about",
        "from",
        "at",
        "by",
        "than",
        "like",
        "let",
        "saw",
        "see",
        "hugged",
        "met",
        "visited",
        "without",
        "of",
    }
)
_DETERMINERS = frozenset({"my", "the", "a", "an", "our", "new", "old", "best", "little", "big", "own", "poor"})


def _subject_is_other(before: list[str]) -> bool:
    """Walk back from the match to the nearest subject-like word: someone else, or a topic word
    (a course, a book), means the words are not the client's own. A person named as an object
    ("I told my partner ...") is walked past."""
    for index in range(len(before) - 1, -1, -1):
        word = before[index]
        if word in _FIRST_PERSON:
            return False
        if word in _TOPIC_WORDS:
            return True
        if word in _OTHER_SUBJECTS or (word.endswith("'s") and word[:-2] in _OTHER_SUBJECTS):
            previous = index - 1
            while previous >= 0 and before[previous] in _DETERMINERS:
                previous -= 1
            if previous >= 0 and before[previous] in _OBJECT_MARKERS:
                continue
            return True
    return False


_AFFIRMED = re.compile(
    r"\bi (?:said|told (?:her|him|them)|admitted|answered|nodded)(?: that)? (?:yes|i (?:had|have|do|did|am"
    r"|was))|\bwhich (?:was|is) a lie\b|\bi lied\b|\bi couldn't say no\b|\bi said (?:every day|all the time|often"
    r"|most days|daily|a lot|sometimes|yes)\b|\bi said no , but i (?:do|did|have|am|was|still)\b"
)
# A quotation named by the word before it: a lyric, a title, a caption.
_TITLE_BEFORE = re.compile(
    r"(?<!yellow)(?<!train)(?<!railway)(?<!white)(?<!front)(?<!finish)(?<!phone)(?<!bottom)(?<!fine)(?<!tram) "
    + V["MEDIA"]
    + r" , $"
)
_MEDIA_SAYS = re.compile(r" " + V["MEDIA"] + r"(?: [a-z0-9']+){0,6} (?:goes|says|went|said|sings|sang|reads) (?:, )?")
# A safety plan or a hypothetical ("if I ever feel suicidal I'll ring ...") is not a present risk.
# "I used to wish I was dead, I don't anymore": ideation in the past, resolved in the same sentence.
_USED_TO = re.compile(
    r"\b(?:used to|as a (?:teen|teenager|kid|child)|in my (?:teens|twenties|thirties)|years (?:back|ago)|back then"
    r"|at the time|when i was)\b"
)
_RESOLVED = re.compile(
    r"\b(?:don't|do not|haven't|have not|hasn't|isn't|not|no longer|never) (?:\w+ ){0,3}(?:anymore|any more|in"
    r" years|for years|since|these days|now|in ages|for ages|in a long time|for a long time)\b|\bin a (?:good|better)"
    r" place now\b|\bno longer\b|\bthat's (?:behind me|in the past)\b"
    r"|\b(?:don't|do not) (?:believe|think|feel) (?:that|it|this|so)(?: \w+)? (?:now|anymore|any more)\b"
    r"|\b(?:that's|it's|that is|those days are) (?:long )?(?:gone|over|behind me|in the past)\b"
)
_HYPOTHETICAL = re.compile(
    r"\b(?:if|in case|should|whenever) i (?:ever|start|begin|notice)\b|\bsafety plan\b|\bwhat to do if\b"
    r"|\bwarning signs?\b"
)


# "I want to die, I sent the email to the wrong person lol": a death wish about an embarrassing or
# trivial moment is hyperbole - unless the writer insists they mean it.
_TRIVIAL = re.compile(
    r"\b(?:embar+as+\w*|cringe\w*|mortified|awkward|wrong person|reply all|mic was on|on mute|typo|hungover"
    r"|hangover|karaoke|group project|traffic|queue|spreadsheet|powerpoint|so much homework|whole company"
    r"|whole office|instead of just|boss fight|respawn|video game|gaming|died \w+ times|the raid)\b"
    r"|\bkill myself (?:lol|lmao|haha)\b"
    r"|\bif i (?:have to|had to|hear|heard|see|saw|get|got|do|did) (?:\w+ ){0,4}(?:one more|another|again)\b"
    # an explicit joke
    r"|\b(?:jk|just kidding|only joking|just joking|i'm joking|i'm kidding|as a joke|dark humou?r|we both"
    r" cracked up|we both laughed)\b"
)
_SERIOUS = re.compile(
    r"\bnot just (?:embar+as+\w*|cringe\w*|awkward|mortified)\b|\b(?:actually|seriously|for real|fr|not joking|genuinely|i mean it|really do|the thought|pops up|whenever"
    r"|every time|keeps coming)\b"
)
# The writer says a "joke" (theirs or quoted) is meant: no hyperbole or reported-speech discount anywhere.
_MEANT = re.compile(
    r"\b(?<!no to both and )(?<!said no and )(?:i )?meant it\b|\bwasn't (?:a |totally |really |entirely |just )?jok|\bnot (?:totally |really"
    r" |entirely |just )joking\b|\bnot sure it's (?:a joke|a joke anymore|just a joke)\b|\bisn't a joke\b|\bfor me"
    r" it's (?:just )?true\b|\bit's (?:just )?true for me\b"
)


def _is_hyperbole(sentence: str) -> bool:
    return bool(_TRIVIAL.search(sentence)) and not _SERIOUS.search(sentence)


def _attributed(norm: str, sentence_start: int, clause_start: int, start: int, words: str, sentence: str) -> bool:
    """True when a match is someone else's words or a topic, not the client's (see the module doc)."""
    if _TITLE_BEFORE.search(norm, max(0, clause_start - 24), clause_start + 1):
        return True  # that lyric "I wanna die in your arms tonight"
    quoted = _MEDIA_SAYS.search(norm, max(sentence_start, start - 90), start + len(words))
    if quoted and start + len(words) - quoted.end() < 40:
        return True  # the song I've had on repeat goes "let me die in the rain"
    if _CRITIC.search(sentence):
        return False
    reported = _REPORTED.search(norm, sentence_start, start)
    if (
        reported
        and reported.end() <= clause_start
        and norm[reported.end() : clause_start].strip(" ,")  # not a direct quote: "my mate said , i'm ..."
        and _FIRST_PERSON.intersection(norm[clause_start:start].split())
    ):
        reported = None  # "my mate jokes about it , and i've been thinking about doing it myself"
    if reported:
        # "she asked if I'd tried to kill myself and I said yes": the client's answer makes it theirs.
        return not (" ask" in reported.group() and _AFFIRMED.search(sentence))
    if any(word in _FIRST_PERSON for word in words.split()):
        return False
    if _subject_is_other(norm[clause_start:start].split()):
        return True
    # Earlier clauses of the sentence count only for a topic: "Reading for my clinical module: the
    # difference between passive and active suicidal ideation" is about a module.
    for word in reversed(norm[sentence_start:clause_start].split()):
        if word in _FIRST_PERSON - {"my"}:
            return False
        if word in _TOPIC_WORDS:
            return True
    return False


def _span_end(norm: str, position: int, marks: tuple[str, ...]) -> int:
    ends = [index for index in (norm.find(mark, position) for mark in marks) if index != -1]
    return min(ends) if ends else len(norm)


_GATE_INDEXES: dict[int, _GateIndex] = {}


def _gate_index(compiled: tuple[tuple[Any, tuple[_Part, ...], Any, Any], ...]) -> _GateIndex:
    """The gate index of ``compiled`` (built once; rebuilt if ``_COMPILED`` is replaced, as in tests)."""
    index = _GATE_INDEXES.get(id(compiled))
    if index is None:
        index = _GateIndex.of(
            [gate for _, parts, _, _ in compiled for gate, _ in parts],
            tuple((at, offset) for at, (_, parts, _, _) in enumerate(compiled) for offset in range(len(parts))),
        )
        _GATE_INDEXES.clear()
        _GATE_INDEXES[id(compiled)] = index
    return index


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
    clauses = sorted(set(_boundaries(norm, " , ")) | set(sentences))

    findings: list[_Finding] = []
    meant: bool | None = None  # computed on first need: "I typed it and meant it"
    compiled = _COMPILED
    index = _gate_index(compiled)
    # Only the rules with an opened part are visited, in their order (a fallback rule looks at what the
    # rules before it found), and each one's opened parts in theirs.
    opened_by_rule: dict[int, list[int]] = {}
    for number in sorted(index.open_parts(norm, _token_prefixes(norm))):
        at, offset = index.owner[number]
        opened_by_rule.setdefault(at, []).append(offset)
    for at, offsets in opened_by_rule.items():
        rule, parts, unless, unless_before = compiled[at]
        matches = [match for offset in offsets for match in parts[offset][1].finditer(norm)]
        if len(matches) > 1:
            matches.sort(key=lambda m: (m.start(), -m.end()))
        taken: list[tuple[int, int]] = []  # spans this rule has reported: alternatives do not repeat them
        for match in matches:
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            start = match.start() + 1  # patterns begin with the space before their first word
            sentence_index = bisect_right(sentences, start) - 1
            sentence_start = sentences[sentence_index]
            clause_start = clauses[bisect_right(clauses, start) - 1]
            sentence = norm[sentence_start : _span_end(norm, start, (" . ",))]
            if unless is not None:
                if rule.unless_scope == "sentence":
                    scope = sentence
                elif rule.unless_scope == "before":
                    scope = norm[clause_start:start]
                else:
                    scope = norm[clause_start : _span_end(norm, start, (" . ", " , "))]
                if unless.search(scope):
                    continue
            if unless_before is not None and unless_before.search(norm, clause_start, start):
                continue
            before = norm[clause_start:start].split()
            words = match.group().strip()
            if rule.negatable and _is_negated(before):
                continue
            if rule.level == "concern" and _HYPOTHETICAL.search(norm, clause_start, start):
                continue
            if (
                "ideation" in rule.tags
                and rule.level == "concern"
                and _USED_TO.search(norm, clause_start, start + len(words) + 24)
                and _RESOLVED.search(sentence)
            ):
                continue
            if meant is None:
                meant = bool(_MEANT.search(norm))
            if (
                "ideation" in rule.tags
                and rule.level == "concern"
                and not meant
                and _is_hyperbole(sentence)
                and not _CRITIC.search(sentence)
            ):
                continue
            if (
                rule.attributable
                and not meant
                and _attributed(norm, sentence_start, clause_start, start, words, sentence)
            ):
                continue
            if rule.fallback and any(
                _overlap_span(f, start, len(words)) for f in findings if f.level in _REPORTED_LEVELS
            ):
                continue  # a broad lexicon rule adds a reason only where no specific rule found these words
            level = rule.level
            if level == "urgent" and _DISTANT_PAST.search(norm, clause_start, _span_end(norm, start, (" . ", " , "))):
                level = "concern"
            findings.append(_Finding(rule.id, level, rule.tags, words, sentence_index, start, clause_start))
            taken.append((match.start(), match.end()))

    findings.extend(_combine(findings, norm))
    reported = sorted((f for f in findings if f.level in _REPORTED_LEVELS), key=lambda f: f.start)
    if not reported:
        return _NONE
    level = max((f.level for f in reported), key=_RANK.__getitem__)
    reasons = tuple(dict.fromkeys(f"{f.rule_id}: {f.words}" for f in reported))
    return Screening(level, reasons)


_TIME_TAGS = frozenset({"time", "recent", "later", "lastnight"})
# Acts an entry about today dates (starving "today" is usually about eating, not about a fresh injury).
_DATED_ACTS = frozenset({"self_harm", "head_banging", "attempt_in_progress", "past_attempt"})
# Any other day named in an entry: then "today" elsewhere does not date a self-harm act.
_OTHER_DAY = re.compile(
    r"\b(?:yesterday|last (?:night|week|weekend|month|year|time)|(?:on )?(?:monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday)|at the weekend|the other day|days ago|weeks ago|months ago|years ago|earlier this week|this"
    r" week|in (?:19|20)\d\d|when i was|used to|tomorrow|tonight|at \d\d|aged? \d+|at (?:thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty))\b"
)


def _combine(findings: list[_Finding], norm: str) -> list[_Finding]:
    """Apply COMBINATIONS: two findings from different rules with the given tags, in one sentence or
    one entry, add one finding (at most one per combination). Reported as concern when set in the
    distant past."""
    made: list[_Finding] = []
    urgent = [f for f in findings if f.level == "urgent"]
    for combo in COMBINATIONS:
        for first in findings:
            if not combo.first & first.tags:
                continue
            if first.level == "signal" and any(_overlap(first, other) for other in urgent):
                continue  # those words are already reported as urgent by a rule of their own
            clause = norm[first.clause_start : _span_end(norm, first.start, (" . ", " , "))]
            if combo.id == "intent_with_time" and _THOUGHT_NOT_INTENT.search(clause):
                continue
            if combo.id == "self_harm_earlier_today" and (first.rule_id not in _DATED_ACTS or _OTHER_DAY.search(norm)):
                continue
            partner = next(
                (
                    second
                    for second in findings
                    if combo.second & second.tags
                    and second.rule_id != first.rule_id
                    and (not _overlap(first, second) or second.tags <= _TIME_TAGS)
                    and (
                        combo.scope == "entry"
                        or combo.scope == "sentence"
                        and second.sentence == first.sentence
                        or combo.scope == "clause"
                        and second.clause_start == first.clause_start
                    )
                ),
                None,
            )
            if partner is None:
                continue
            level = "concern" if _DISTANT_PAST.search(clause) else combo.level
            words = f"{first.words} + {partner.words}"
            start = min(first.start, partner.start)
            made.append(_Finding(combo.id, level, frozenset(), words, first.sentence, start, first.clause_start))
            break
    return made


_NONE = Screening("none", ())


def rule_table() -> list[tuple[str, str, str]]:
    """(id, level, description) for every rule and combination: the audit list for clinicians.
    Level "signal" marks rules that only count in combinations."""
    return [(rule.id, rule.level, rule.description) for rule in RULES] + [
        (combo.id, combo.level, combo.description) for combo in COMBINATIONS
    ]
