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

1. ``normalise`` lower-cases, straightens apostrophes, undoes leetspeak and censoring ("k*ll"),
   maps misspellings and slang ("wnat", "kms", "unalive", "sh", "rn") to canonical words, corrects
   near misses of long key words ("tabelts" -> "tablets") and blanks out figures of speech ("died
   laughing", "I'd rather die than sing karaoke") so they never reach the rules. Punctuation becomes
   clause (",") and sentence (".") marks; clause marks also go before "but", "though", "and I" ...
2. Every rule in ``RULES`` (id, level, tags, one-line description, pattern) is a regular expression
   over that text. Each match is then checked in its clause and sentence:
   - *negation*: "not", "never", "n't", "no longer", "stopped" ... shortly before the match in the
     same clause drops it ("I'm not suicidal"); disclaimers such as "not going to lie" negate nothing;
   - *attribution*: a match inside other people's reported words ("my flatmate said ...") is
     dropped, and so is one that names no first person whose nearest subject is someone else
     ("she wanted to die") or a topic ("a documentary about self harm") - never when the sentence is
     about the client's own critic, inner voice or head;
   - *exceptions*: a rule may carry an ``unless`` pattern (cutting myself *while cooking*), and
     concern-level matches in a hypothetical or safety plan ("if I ever feel suicidal") are dropped.
   Rules of level "signal" (a time, means at hand, a risky place, goodbyes, an unnamed act such as
   "I'm doing it") are never reported alone.
3. ``COMBINATIONS`` make new findings when tagged findings meet in one sentence or one entry:
   ideation with means at hand, an announced act with a time, self-harm with "today" ...
4. Urgent findings set in the distant past ("years ago", "when I was 15") are reported as concern.

The level is the highest of all findings; ``reasons`` lists each as ``"rule_id: matched words"`` in
text order. ``rule_table()`` lists every rule and combination id with its level and description, for
clinical audit. Each rule is run only on texts that pass its ``Gate``, a set test derived from the
literal strings its pattern cannot match without, which keeps ordinary entries fast.
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


_KEY_LENGTH = 5


@dataclass(frozen=True)
class Gate:
    """A cheap test that a rule might match: some token of the text starts with one of ``keys``, or
    the text contains one of ``pieces``. Built from ``required_literals``: for each literal, the start
    (up to five letters) of its longest word that begins a token, or the literal itself when none
    of its words is known to begin a token."""

    keys: frozenset[str]
    pieces: tuple[str, ...]

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

    def may_match(self, norm: str, prefixes: set[str]) -> bool:
        return not self.keys.isdisjoint(prefixes) or any(piece in norm for piece in self.pieces)


def _token_prefixes(norm: str) -> set[str]:
    return {token[:length] for token in set(norm.split()) for length in range(1, _KEY_LENGTH + 1)}


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
tablets:         tabelts tablest
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
life:            lfie
better:          beter
without:         witout withouth
everyone:        every1 evry1
someone:         some1
no one:          no1 noone
anyone:          any1
goodbye:         goodby
anymore:         anymroe
a lot:           alot
minutes:         mins
hours:           hrs
i'm:             im
i've:            ive
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
trying to:       tryna
got to:          gotta
because:         cuz coz cos bc
right now:       rn
at the moment:   atm
tonight:         tonite 2nite tnite tonigh
today:           2day tdy
tomorrow:        tmrw tmr tmw 2moro 2morrow tomoz tomorow tommorow tommorrow
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
    (r"\b(want|wanna|going|need|have|got|trying|ready|wish|decided|planning|plan) 2 (?=[a-z])", r"\1 to "),
    # "unalive" was expanded to "kill myself"; drop the object the writer gave it.
    (r"\b(kill|killing|killed|kills) myself (?:myself|me)\b", r"\1 myself"),
    (r"\b(kill|killing|killed|kills) myself (?=himself|herself|themselves|themself|yourself)", r"\1 "),
    (r"\bself harms\b", "self harm"),
    (r"\b(?:can't|couldn't|can not) (?:stop|help|shake|get rid of)\b(?! (?:the )?bleeding)", "keep"),
    (r"\bwhy (?:don't|not) i just\b", "maybe i should just"),
    (r"\b(?:not|never) (?:even )?(?:sure|certain)(?: if| whether| that)?\b", "unsure if"),
    (r"\bdon't (?:even )?know (?:if|whether|why)\b", "unsure if"),
    (r"\bnever (?:felt|been) (?:so|this|more)\b", "really"),
    # Disclaimers that contain a negation but negate nothing.
    (
        r"\b(?:i'm |i am )?(?:not|never) (?:going to|gonna) lie\b|\bi (?:won't|can't) lie\b|\bno lie\b"
        r"|\bno word of a lie\b|\b(?:i'm |i am )?not (?:even )?(?:joking|kidding|exaggerating)\b|\bno joke\b"
        r"|\bi kid you not\b|\bnot to be (?:dramatic|funny)(?: but)?\b|\bnot going to pretend\b",
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
        r"\bto die for\b(?= [.,] |\s*$| and | but | lol | honestly )|\bdying to (?:see|know|meet|try|go|get"
        r"|hear|tell|read|watch|eat|visit|find out|have|show|start|talk)\b",
        _NEUTRAL,
    ),
    (r"\b(?:crawl|curl|crawled|curled) (?:up )?(?:into|in)? ?(?:a )?(?:hole )?(?:and|n) die\b", _NEUTRAL),
    (
        r"\b(?:rather|sooner) (?:die|be dead) than (?:give|do|speak|sing|eat|wear|sit|be seen|call|ask"
        r"|present|talk|watch|listen|drive|dance|go (?:to|back to|out|in|shopping|running)|work|phone"
        r"|make small|admit|apologi[sz]e|lose)\b",
        _NEUTRAL,
    ),
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
        r"\bkill(?:ing)? myself (?:at|in) (?:the )?(?:gym|spin|class|training|work|office)\b"
        r"|\bkill(?:ing)? myself (?:trying|working|studying|revising|to (?:finish|get|meet|make|keep"
        r"|please))\b|\bwork(?:ing|ed)? myself (?:into the ground|to the bone)\b",
        _NEUTRAL,
    ),
    (
        r"\bcould (?:happily |honestly |literally )?sleep (?:forever|for a week|for days|for a year"
        r"|for ever)\b",
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

# Shared vocabulary for the patterns below: "{NAME}" is replaced by V[NAME], and "~N" means "up to N
# more words" (never across a clause or sentence mark).
V = {
    "WANT": r"(?:want|wants|wanted|wanting|wish|wishes|wished|wishing|would like|need|needed|tempted)",
    "DIE": r"(?:die|be dead|not be alive|not exist|stop existing|cease to exist|not be here|not be around"
    r"|disappear forever|disappear for good|disappear permanently|be gone forever|not wake up)",
    "KILLME": r"(?:kill(?:ing)? myself|end(?:ing)? (?:it all|my (?:own )?life|everything|my existence)"
    r"|tak(?:e|ing) my (?:own )?life|hang(?:ing)? myself|commit(?:ting)? suicide|do(?:ing)? myself in"
    r"|off(?:ing)? myself|drown(?:ing)? myself|jump(?:ing)? (?:off|from) (?:a|the) (?:bridge|building|roof"
    r"|cliff|car park|multistorey)|(?:jump|jumping|step|stepping|throw myself"
    r"|throwing myself) in front of (?:a |the )?(?:it|train|bus|lorry|truck|car|traffic)"
    r"|throw(?:ing)? myself (?:off|from|under)|walk(?:ing)? into the (?:sea|river|water|waves|ocean|lake"
    r"|traffic)|overdos(?:e|ing)(?: on (?:my )?\w+)?|drive (?:my car |the car )?(?:into|off) (?:a"
    r"|the) (?:wall|tree|bridge|cliff|river|lorry|truck|motorway)|crash(?:ing)? (?:my|the) car (?:on purpose"
    r"|deliberately))",
    "FUT": r"(?:i'm going to|i am going to|going to|i'm gonna|i'll|i will|i'm about to|about to|i'm ready to"
    r"|ready to|i've decided to|i decided to|i'm planning to|planning to|i plan to|i'm|i am|i think i'll"
    r"|i'll finally|i finally|finally|gonna|i'm just going to|i'm actually going to|i'm really going to"
    # letters to oneself are written to "you"
    r"|you're going to|you are going to|you plan to|you're planning to|you'll)",
    # Acts with the means named: never ordinary ("going to take the pills at 2am").
    "ACT_MEANS": r"(?:(?:take|taking|swallow|swallowing|use|using|down|downing) (?:all |every |the whole "
    r"|the rest )?(?:of )?(?:my |the |his |her |those |these |them |mum's |dad's )?(?:old )?{MEANS}"
    r"|take (?:the pills|the tablets|all of them|them all|it all|everything|the lot|my pills|my tablets"
    r"|my meds|all my \w+)|taking (?:the pills|the tablets|all of them|them all|it all|everything|the lot"
    r"|my pills|my tablets|my meds)|swallow(?:ing)? (?:them|it|the lot|the pills|the tablets)|us(?:e"
    r"|ing) the (?:rope|knife|blade|pills|tablets|belt|gun)|us(?:e|ing) (?:it|them|the \w+) on myself|tak(?:e"
    r"|ing) them(?= (?:all|when|tonight|now|at|after|once|later|today|tomorrow|on)\b| [.,]|\s*$)"
    r"|us(?:e|ing) (?:it|them)(?= (?:tonight|today|tomorrow|now|later|when|after|on|this|then)\b| [.,]|\s*$))",
    # Acts that are ordinary in other contexts ("going to do it after tea", "going to jump in the pool").
    "ACT": r"(?:do it|doing it|end it|ending it|end it all|go through with it|going through with it|jump"
    r"|jumping|step off|step out|walk off|walk into the (?:sea|river|water|traffic)|drive (?:into|off)"
    r"|drive in(?= [.,]|\s*$)|cut(?= [.,]|\s*$| myself| tonight| again| deep)|hurt myself|burn myself"
    r"|crash (?:the|my) car|do this)(?! (?:with|for|off|up|out|shopping|home|back|on|in|into|at|to|over"
    r"|around|ship|aboard|the bus|the train|a bath|a shower|the queue|easy)\b)",
    "MEANS": r"(?:tablets|pills|meds|medication|medications|paracetamol|painkillers|sleeping pills"
    r"|sleeping tablets|antidepressants|sertraline|citalopram|fluoxetine|mirtazapine|amitriptyline|codeine"
    r"|co codamol|ibuprofen|aspirin|insulin|rope|noose|razor|razors|razor blades|blade|blades|ligature|knife"
    r"|gun|belt|cord|charcoal|hose|exhaust pipe)",
    # Means with no everyday use in an entry about the client: a time anywhere in the entry makes it urgent.
    "STRONG_MEANS": r"(?:rope|noose|ligature|charcoal|hose|gun|shotgun|razor blades)",
    "PREP": r"(?:lined up|laid out|counted out|counted|saved up|saving up|been saving|stockpiled|stockpiling"
    r"|stockpile|hoarded|hoarding|stashed|hidden away|set aside|put aside|ready to go|all ready"
    r"|ready for tonight|ready|collected|gathered|in a bowl|in my hand|in my hands|saved|saving|collecting"
    r"|keeping hold of)",
    "DAY": r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
    "TIME": r"(?:tonight|tonight's|right now|this evening|later today|later tonight|later on|later|tomorrow"
    r"|tomorrow night|tomorrow morning|this weekend|at the weekend|(?:on |this |next |by "
    r"|until )?{DAY}(?: night| morning| evening| afternoon| is the day)?|at \d+(?: ?(?:am|pm|o'clock))?"
    r"|at (?:midnight|noon|lunch|lunchtime|dawn|dusk|bedtime|night)|in (?:an|one|two|a few|a couple of"
    r"|\d+) (?:hours?|minutes?)|before (?:morning|the morning|sunrise|dawn|anyone wakes|they wake)"
    r"|by (?:the )?morning|(?:after|when|once|as soon as|while|until) ~4 (?:asleep|gone|out|leaves|leave|left"
    r"|in bed|to bed|at work|away|dark|finish this|finishes|finished|payday|shift|home|is out|are out)"
    r"|after (?:work|payday|my shift|the funeral|school|the exam|everyone)|waiting for (?:the house|everyone"
    r"|them|him|her|my \w+|the kids) to (?:go quiet|fall asleep|go to sleep|leave|go out|go to bed))",
    "RECENT": r"(?:tonight|today|this morning|this afternoon|this evening|just now|an hour ago|earlier today"
    r"|right now|a few minutes ago|\d+ minutes ago|minutes ago|again today|again tonight|third time today"
    r"|twice today|all day today|(?:\d+|a few|two|three) hours ago)",
    "PLACE": r"(?:bridge|cliff|cliffs|cliff edge|roof|rooftop|ledge|edge|pier|multistorey|multi storey"
    r"|car park roof|top floor|balcony|tracks|railway|train line|level crossing|station|platform"
    r"|motorway bridge|river bank|riverbank|river|canal|quarry|woods|reservoir|lake|sea front|seafront|beach"
    r"|sea)",
}

# Words that make the clause before a match a report of the past or of a thought, not an intent: they
# stop "I thought about killing myself at 3am" becoming intent_with_time.
_THOUGHT_NOT_INTENT = re.compile(
    r"\b(?:thought|thinking|think|thoughts|wanted|tried|dreamt|dreamed|dream|considered|urge|urges|used to"
    r"|imagine|imagined|imagining|wondered|wonder|feel like|felt like)\b"
)


def _expand(source: str) -> str:
    for _ in range(2):  # vocabularies may refer to each other once ({TIME} uses {DAY})
        for name, value in V.items():
            source = source.replace("{" + name + "}", value)
    source = re.sub(r" ~(\d+)", lambda m: rf"(?: [a-z0-9']+){{0,{m.group(1)}}}", source)
    # Every token is preceded by a space in normalised text; starting each pattern with that literal
    # space lets the regex engine skip straight to token starts (much faster than a lookbehind).
    return r" (?:" + source + r")(?![a-z0-9'])"


@dataclass(frozen=True)
class Rule:
    """One rule: a stable id, a level ("concern", "urgent", or "signal": found only to take part in
    COMBINATIONS), tags naming what it found, a one-line description for clinicians, the pattern
    (regex over normalised text with {VOCABULARY} names and ~N word gaps), an optional ``unless``
    regex that cancels a match when found in the same clause (or sentence), and whether negation and
    attribution to other people apply."""

    id: str
    level: str
    tags: frozenset[str]
    description: str
    pattern: str
    unless: str | None = None
    unless_scope: str = "sentence"
    negatable: bool = True
    attributable: bool = True


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
    )


# Clause contexts in which cutting or burning oneself is an accident, unless done on purpose.
_ACCIDENT = (
    r"^(?!.*\b(?:on purpose|deliberately|intentionally|punish|to feel))(?:.*\b(?:(?:while|when"
    r"|whilst) (?:i was )?(?:shaving|cooking|chopping|baking|ironing|gardening)|by (?:accident|mistake)"
    r"|accidentally|on (?:the|a|my) (?:oven|iron|stove|hob|pan|tray|kettle|radiator|grill|barbecue|bbq|glass"
    r"|tin|can|paper|nail|fence)|shaving|cooking|chopping|kitchen|gym|football|rugby|running|training|workout"
    r"|exercise|yoga|climbing|hiking|skiing|cycling|bike|fell|fall|slipped|tripped|sunburn|sunburnt|sprained?"
    r"|pulled a|brambles?|thorns?|roses?|cat|kitten|dog|puppy|nettles?|hurt my (?:back|knee|ankle|neck"
    r"|shoulder)|hair|fringe|nails|hedge|grass|lawn|veg|onions?|bread)\b)"
)
# Fear of dying (health anxiety) is not a wish to die.
_WORRY = r"\b(?:scared|afraid|terrified|fear|frightened|worried|anxious|panic|panicking|heart attack|cancer)\b"
_NOT_MEDICATION_TALK = (
    r"\b(?:pharmacy|chemist|prescription|as prescribed|pick up|pick them up|collect|collected from|gp|doctor"
    r"|organi[sz]er|dosette|holiday|trip|suitcase|travel|camping|headache|migraine|period|cold|flu|dentist"
    r"|vet|dog|cat|hayfever|allergy|inhaler|forgot|forgetting|remember to|reminder|dose|doses|daily)\b"
)

RULES: tuple[Rule, ...] = (
    # ---- urgent: intent, plans, means at hand, an attempt or self-harm in progress ----------------------
    _rule(
        "stated_intent",
        "urgent",
        "intent active ideation",
        "says they are going to kill themselves / end their life (current intent)",
        r"{FUT}(?: going to| gonna| really| actually| finally| just| definitely| do| to){0,3} {KILLME}",
        r"stopped (?:eating|drinking|taking my \w+|my meds"
        r"|my medication)(?: and \w+)? ~4 (?:so (?:that )?i (?:can|will|would|could) die|to die"
        r"|because i want to die|so i die)",
        r"(?:i've|i have) (?:decided|made up my mind|made my decision|made a decision) (?:to (?:die|go)"
        r"|that i(?:'m| am| will|'ll) ~3 (?:die|kill myself|end))",
        r"{DAY} (?:night |morning )?is the day i ~2 {KILLME}",
        unless=r"\bif\b(?! i ever)|\bunless\b",
    ),
    _rule(
        "plan_with_means",
        "urgent",
        "means",
        "means prepared: tablets lined up, pills saved or hoarded, a noose tied",
        r"{MEANS} ~4 {PREP}",
        r"{PREP} ~4 {MEANS}",
        r"(?:tied|tying|made|making|bought|buying|got|have) (?:a|the|my) noose|noose ~3 (?:ready|tied|up)",
        r"tied (?:the|a|my) (?:rope|belt|ligature|cord)|(?:rope|belt|cord|ligature) ~3 (?:tied|attached"
        r"|hanging|hung) (?:to|from|around|over|on)",
        r"enough (?:pills|tablets|meds|paracetamol|painkillers|medication) ~3 (?:to|for) (?:kill|die|end"
        r"|overdose|do it|not wake up)",
        r"(?:stash|stockpile|hoard) of ~3 {MEANS}",
        unless=_NOT_MEDICATION_TALK,
    ),
    _rule(
        "method_research",
        "urgent",
        "plan",
        "researching or choosing a method, dose, place or date",
        r"(?:googled|googling|google|researched|researching|looked up|looking up|searched|searching"
        r"|read up on|reading up on|reading up|looking into|looked into|worked out|working out|figured out"
        r"|planned|planning|picked|chose|chosen) ~2 (?:how|ways|the best way|the easiest way|a way|methods?"
        r"|painless ways?|the quickest way|how many|which|what) ~5 (?:to|i could|i'd|i would|i can"
        r"|it takes to|would|could|will) ~1 (?:die|kill myself|end it|end my life|overdose|hang myself|do it"
        r"|not wake up|kill you|kill me|be fatal|be enough)",
        r"how many (?:pills|tablets|paracetamol|painkillers|sleeping pills) ~4 (?:kill|die|fatal|lethal"
        r"|overdose|it would take|to take)",
        r"lethal dose|fatal dose|(?:which|the right|the best) (?:bridge|building|height) to (?:jump|use)",
        r"(?:i've|i have) (?:picked|chosen|set) (?:a|the) (?:date|day|time|place|spot|bridge)",
        r"(?:i've|i have|i've got|i have got|i made|i've made) (?:a|the) plan (?:to|for how|for when|of how)",
    ),
    _rule(
        "final_goodbye",
        "urgent",
        "plan goodbye",
        "a final goodbye: suicide note, 'by the time you read this', 'I'll be gone by morning'",
        r"suicide note|(?:this is|it's) (?:my )?(?:goodbye|the end) (?:everyone|world|all|to you all)",
        r"(?:this is|this will be|it's) my (?:last|final) (?:entry|message|note|letter|post|words)",
        r"(?:last|final) (?:message|words|entry)(?=\s*$| [.,] )",
        r"(?:you|you'll|nobody|no one|anyone) ~1 (?:won't|will not|will never|never) (?:hear from|see) me again",
        r"by the time (?:you|anyone|someone|they) (?:read|reads|find|finds|see|sees) this",
        r"(?:i|i'll|i will|i'm|i am) ~1 (?:won't|will not|not going to) (?:be )?(?:here|around"
        r"|alive) (?:tomorrow|much longer|by (?:tomorrow|morning|the morning|the weekend|{DAY})"
        r"|in the morning|next week|for long)",
    ),
    _rule(
        "attempt_in_progress",
        "urgent",
        "attempt act",
        "an overdose just taken, or an attempt or dangerous self-harm happening right now",
        r"(?:(?:i've|i have|i just|just|i|i've just|i have just) )?(?:taken|took|swallowed|downed|had) (?:all"
        r"|a lot of|loads of|a load of|lots of|\d\d+|too many|the whole|a whole|my whole|my entire|the entire"
        r"|a handful of|a bunch of|all of|all my|all the|a bottle of|a box of|a packet of|a pack of|every"
        r"|a fistful of|(?:\d+|two|three|four|five) (?:boxes|packets|packs|bottles|strips) of) ~3 (?:pills?"
        r"|tablets?|meds|medication|paracetamol|painkillers|sleeping pills|sleeping tablets|antidepressants"
        r"|them|in the house|prescription|supply|stash|medicine cabinet)",
        r"(?:took|taken|swallowed|downed) (?:the lot|them all|all of them|everything|every (?:pill|tablet))",
        r"(?:i've|i have|i've just|i just|just) (?:taken|had|done) an overdose|(?:i've|i have|i've just"
        r"|i just) overdosed",
        r"(?:i'm|i am|i've started) (?:bleeding|cutting|burning myself|hurting myself"
        r"|overdosing) ~2 (?:right now|now|as i (?:write|type)|and can't stop|a lot|so much|everywhere)",
        r"(?:can't|won't) stop (?:the )?bleeding|(?:a lot of|so much|loads of) blood|blood everywhere"
        r"|soaked through",
        r"rope is (?:around|round|on) my neck|(?:car|engine) ~4 running ~4 (?:garage|hose|closed|shut)"
        r"|hose (?:from|on|in|into) the exhaust",
        r"(?:sitting|sat|standing|stood|lying|lay|i'm|i am) (?:on|in the middle of) the (?:train "
        r"|railway )?(?:tracks|line|rails)",
        r"(?:i'm|i am) (?:standing |sitting |sat |stood )?(?:on|at) (?:the )?(?:top of (?:the|a) "
        r"|edge of (?:the|a) )?(?:bridge|cliff|cliffs|cliff edge|roof|rooftop|ledge|multistorey"
        r"|car park roof)(?! (?:terrace|garden|bar|party|of the ship|of my nose|club|top bar))",
        unless=r"\b(?:prescribed|as prescribed|for my (?:headache|back|period|pain|cold|migraine)|nosebleed"
        r"|period|dentist|tooth|nose)\b",
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
        r"{MEANS} ~3 (?:in my hand|in my hands|in front of me|on my lap|in my lap)|(?:i'm|i am) holding ~2 {MEANS}",
        r"make it look like an accident",
        unless=r"\b(?:dose|daily|morning dose|evening dose|with food|prescribed|pharmacy|chemist|kitchen"
        r"|chopping|cooking|shaving|dinner|tea|breakfast|lunch)\b",
    ),
    _rule(
        "stockpiling",
        "urgent",
        "means",
        "buying or collecting large amounts of tablets, or from several shops",
        r"(?:bought|buying|buy|collected|collecting|got|getting) (?:as many|loads of|lots of|all the|several"
        r"|multiple) ~3 {MEANS}",
        r"(?:bought|buying|collected|collecting|got|getting) (?:three|four|five|six|several|multiple|[3-9]|\d\d)"
        r" (?:packs|packets|boxes|bottles) ~3 {MEANS}",
        r"(?:another|different|several|multiple|two|three|four) (?:chemists|chemist|shops|pharmacies|pharmacy"
        r"|supermarkets) ~4 (?:so|because|to|without)|(?:and then|then) another (?:chemist|shop|pharmacy)",
        unless=r"\bfor (?:my|the|our) (?:headache|cold|flu|period|back|migraine|kids|family|first aid|holiday"
        r"|trip|mum|dad|nan)\b",
    ),
    _rule(
        "cannot_stay_safe",
        "urgent",
        "intent",
        "says they cannot keep themselves safe",
        r"(?:can't|won't be able to|don't think i can|unsure if i can) keep myself safe",
        r"(?:i'm|i am|i feel) not safe (?:tonight|right now|with myself|around myself|from myself"
        r"|at the moment)",
        r"don't (?:feel|think i'm) safe (?:with|from|around|by) myself",
        r"don't trust myself (?:tonight|right now|to stay safe|not to (?:do|hurt|act))",
        r"(?:i|i'm|i am) (?:don't|do not) think i'm coming (?:down|back|home)",
        unless=r"\b(?:drive|driving|walk home|at night alone)\b",
    ),
    # ---- concern: ideation, wishing to be dead, burden ------------------------------------------------
    _rule(
        "wish_to_die",
        "concern",
        "ideation",
        "wants or wishes to die, to be dead, not to exist or not to be here",
        r"{WANT} ~2 to {DIE}",
        r"(?:wish|wished|wishing|wishes) (?:that )?(?:i|i'd|i had|i could|to) ~3 (?:dead|die|died|not exist"
        r"|not existed|stop existing|cease to exist|(?:wasn't|weren't|was not|were not) (?:alive|here|around"
        r"|born)|never (?:been )?born|not (?:been )?born|disappear|vanish|not be (?:here|alive|around)"
        r"|be gone|not wake up|not woken up|never woken up|never woke up|never wake up|sleep forever"
        r"|fade away|stop waking up|not be me)",
        r"(?:wish|wishing|longing|long|pray|praying|hope|hoping) (?:for|to) (?:death|die|be dead"
        r"|it all to end|everything to end)",
        r"(?:want|wanted|wanting|need) (?:it all|everything|all of it|my life|life) ~1 to (?:end|be over"
        r"|stop)",
        r"ready to die|(?:i|i'd|i would) (?:rather|sooner) (?:be dead|die|not exist|not be here"
        r"|not be alive)",
        r"better off dead",
        r"(?:i|i'm|i am|i just) (?:just )?(?:want|wanna|wanted) to (?:disappear|vanish|not be here"
        r"|not be alive|stop being alive|stop living|be gone|go to sleep forever|fade away)(?! from| to| into"
        r"| off| under)",
        r"(?:don't|do not|didn't|no longer|never) (?:really )?(?:want|wanna|wish) (?:to )?(?:live|be alive"
        r"|exist|be here|go on|carry on|keep going|keep living|be around|be on this earth|wake up)(?=\s*$"
        r"| [.,] | (?:anymore|any more|now|like this|much longer|another day|tomorrow|at all|ever|again)\b)",
        r"(?:i|i'm|i am|i just) (?:just )?(?:don't|do not|no longer) want to be (?:alive|here|around)",
        r"(?:tired|sick|exhausted|done|finished|weary) (?:of|with) (?:living|being alive|existing|life"
        r"|my life|being here|this life)(?! (?:of|in|at|from|being|as|here|right now|feeling|going|so))",
        r"(?:don't|can't|do not|cannot) see (?:the|any) point (?:in|of) (?:living|being alive|life|going on"
        r"|existing|being here|carrying on|me being here)",
        r"unsure if i (?:want to|can) (?:live|go on|keep going|be alive|be here|carry on)",
        r"(?:just )?waiting to die|waiting for death|counting down (?:the days )?(?:until"
        r"|till) i (?:can )?(?:die|go|stop)",
        r"only reason (?:i'm|i am) (?:still )?(?:here|alive|around)|(?:i'm|i am) only (?:still )?(?:alive"
        r"|here) (?:because|for)|if it (?:wasn't|weren't) for ~4 i'd (?:be gone|be dead|have killed myself"
        r"|have ended it|not be here)|i'd (?:be gone|be dead|have done it) (?:already|by now)",
        r"(?:swerv|swerve|swerving|crash|crashing|steer|steering|drive|driving) ~2 into (?:a|the|an"
        r"|oncoming) (?:lorry|truck|tree|wall|traffic|bus|oncoming)",
        r"(?:think|thought|thinking) about (?:stepping|jumping|falling|throwing myself) (?:forward|off"
        r"|in front|under)",
        r"(?:wouldn't|don't|won't|would not) (?:care|mind) if (?:the|my) (?:plane|car|bus|train) (?:went down"
        r"|crashed|crashes|hit me|goes down)",
        r"(?:no|see no|can't see a|there's no|there is no) (?:reason|point|purpose) (?:to|in|of) (?:live"
        r"|living|go on|going on|carry on|carrying on|being alive|being here|existing|keep going"
        r"|keeping going|my life)",
        r"what's the point (?:of|in) (?:living|life|going on|being alive|existing|carrying on|me)",
        r"(?:life|my life|living) (?:is|isn't|is not|feels|doesn't feel"
        r"|isn't really) ~1 (?:not )?worth (?:living|it anymore)|not worth living",
        r"(?:can't|can not) (?:go on|keep going|carry on) (?:anymore|any more|much longer|living|like this)",
        r"don't know how (?:much|many) (?:longer|more) ~2 (?:can|could) (?:go on|keep going|do this"
        r"|take (?:it|this)|hold on|carry on|last)",
        r"giv(?:e|ing|en) up on (?:life|living|being alive)",
        r"(?:want|wish|wishing|hope|hoping|pray|praying) (?:someone|somebody|something|a car|a bus|a lorry"
        r"|an accident|god) (?:to|would|could|will|might) (?:just )?(?:kill me|happen to me|hit me|take me)"
        r"|(?:let|make) me die|please (?:let|make) me (?:die|not wake up)",
        r"(?:hope|hoping|wish|wishing|pray|praying) (?:that )?i (?:get|got|'d get|would get) (?:hit|run over"
        r"|killed|knocked down)|(?:hope|hoping|wish|wishing) (?:the|my|a) (?:bus|car|plane|train) (?:crashes"
        r"|would crash|hits me|would hit me)",
        r"if i (?:got|get|was|were) (?:hit|run over|killed|knocked down) ~6 (?:wouldn't|would not|won't"
        r"|don't) (?:mind|care)",
        r"(?:no|don't see a|can't see a|the only|see no) way out ~4 (?:dying|death|die|suicide|killing myself"
        r"|ending it)|(?:dying|death|suicide) (?:is|seems|feels like) (?:the|my) only (?:way out|option"
        r"|answer|escape)",
        r"so (?:that )?i (?:can|could|would|will) (?:die|be dead|not wake up)",
        r"so i (?:didn't|wouldn't|don't|would not) have to (?:keep going|wake up|be here|exist|live|go on)",
        r"(?:hope|hoping|wish|wishing|pray|praying) ~3 my heart ~2 stop(?:s|ped)?",
        r"(?:hope|hopes|hoping|wish|wishing|pray|praying) ~3 (?:don't|do not|won't|wouldn't|didn't) (?:survive|make"
        r" it through|pull through)",
        r"(?:i'd|it'd|it would|i would|everything would|life would|things would) ~4 if i (?:just )?(?:didn't exist"
        r"|died|wasn't here|weren't here|wasn't alive|weren't alive|never woke up|didn't wake up|stopped existing"
        r"|was gone|were gone|was dead|were dead|disappeared)",
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
        r"why (?:am i|am i even|do i even|do i still|should i even) (?:alive|exist|bother living|keep living|keep"
        r" going|wake up|still here|on this earth)",
        r"(?:don't|do not) think i'll (?:be (?:here|around|alive)|last|make it) (?:much longer|for long|another"
        r" (?:week|year|month))",
        r"burden ~3 (?:permanently|for good|forever)|(?:want|wish|need) to stop being (?:alive|here|around)",
        r"(?:think|thinking|thought) about (?:not coming (?:back )?up|not coming back|going under|not waking up"
        r"|never coming back|disappearing forever)",
        unless=r"\bif i (?:ever )?(?:feel|start|get|have|notice)\b",
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
    ),
    _rule(
        "burden_without_me",
        "concern",
        "ideation",
        "feels others or the world would be better off without them",
        r"(?:better|happier|easier|lighter|brighter|simpler|freer|kinder|relieved|cope better"
        r"|favou?r) ~6 (?:without me|if i (?:just )?(?:was|were|wasn't|weren't|was not|were not) (?:gone|dead"
        r"|here|around|alive|in the picture|born|in their lives|not here|not around)|if i (?:just )?(?:died"
        r"|disappeared|didn't exist|left for good|killed myself|didn't wake up|never woke up)"
        r"|by (?:not existing|dying|disappearing|not being here|being gone))",
        r"(?:nobody|no one|noone|no body|not one person|none of them|nobody at all) (?:would|will"
        r"|'d) (?:even )?(?:miss|notice|care|mourn) ~3 if i (?:died|was dead|were dead|was gone|were gone"
        r"|disappeared|vanished|went missing|killed myself|wasn't here|weren't here|wasn't around"
        r"|didn't wake up|never came back)",
        r"if i (?:died|was gone|were gone|disappeared|killed myself|wasn't here|weren't here) ~3 (?:nobody"
        r"|no one|noone) (?:would|will) (?:even )?(?:miss|notice|care)",
        r"(?:nobody|no one|noone) (?:would|will) (?:even )?miss me",
        r"(?:i'm|i am|i feel like|i'm just|i am just|i'm nothing but) (?:such |just |only "
        r"|nothing but )?a (?:burden|drain|waste of space|waste of oxygen|waste of air) (?:to|on"
        r"|for) (?:everyone|everybody|my family|my kids|my partner|the people|them all|all of them|the world"
        r"|this world)",
        r"waste of (?:oxygen|air|a life)|(?:shouldn't|should not|don't deserve to) (?:be alive|exist|be here"
        r"|be born|have been born|live)\b|(?:i|i'm|i) deserve to (?:die|be dead)|(?:should"
        r"|shouldn't) have (?:died|been born|survived)",
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
        r"(?:thoughts|thinking|thought|think|dreams?|dreaming|daydream|daydreams|daydreaming|fantasi[sz]e"
        r"|fantasi[sz]ing|obsessing|obsessed) (?:about|of) (?:just )?(?:suicide|killing myself|dying"
        r"|being dead|death|my death|my own death|not being here|not existing|ending (?:it|things|my life)"
        r"|taking my (?:own )?life|how i would die)",
        r"(?:thoughts|thinking|thought|think|dreams?|dreaming|fantasi[sz]e|fantasi[sz]ing|obsessing"
        r"|obsessed) (?:about|of) (?:suicide|killing myself|dying|being dead|death|my death|my own death"
        r"|not being here|not existing|ending (?:it|things|my life)|taking my (?:own )?life|how i would die)",
        r"(?:considering|considered|contemplating|contemplated|attempt|commit|committing|planning) suicide"
        r"|suicide (?:seems|feels|is) (?:like )?(?:the|my|an|a) (?:only|best|easiest|answer|option|way)"
        r"|suicide (?:thoughts|urges|ideation|feelings)",
        unless=_WORRY,
    ),
    # ---- concern: the inner critic telling them to die ----------------------------------------------
    _rule(
        "critic_says_die",
        "concern",
        "ideation critic",
        "the inner critic (or an unattributed voice) tells them to die, that they deserve to, or that others"
        " would be better off without them",
        r"kill(?:ing)? yourself",
        r"(?:you|u) (?:should|ought to|need to|deserve to|might as well|may as well) (?:just )?(?:die|be dead"
        r"|not exist|disappear|not be here|not be alive|end it|do everyone a favou?r|go away forever|starve"
        r"|starve yourself|stop eating)",
        r"(?:you|u) should (?:have|'ve) died",
        r"(?:wish|wished|wishing) (?:you|u) (?:were|was) dead|wish(?:ed)? (?:you|u) (?:had"
        r"|'d) never been born",
        r"(?:better|happier|lighter|easier|nicer|kinder) ~4 (?:dead|without you|if you (?:were|was|weren't"
        r"|wasn't) (?:gone|dead|here|around|alive|born)|if you (?:died|disappeared))|favou?r if you (?:died"
        r"|disappeared|were gone|were dead|killed yourself)",
        r"(?:you|u) (?:don't|do not) deserve to (?:live|exist|be alive|be here)",
        r"(?:nobody|no one) (?:would|will) (?:even )?(?:miss|notice) (?:you|if you)",
        r"(?:go|just) (?:die|drop dead)|do (?:everyone|us all|the world|them) a favou?r and (?:die|disappear"
        r"|kill yourself|end it)|(?:go|just|should) (?:away|disappear) (?:forever|for good|permanently)",
        r"(?:says?|said|tells? me|told me|keeps saying|whispers?|screams?|shouts?"
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
        r"self (?:harm|harming|harmed|injury|injuring|injured|mutilation|mutilating)",
        r"(?:cut|cuts|cutting|burn|burns|burned|burnt|burning|hit|hits|hitting|punch|punched|punching|scratch"
        r"|scratched|scratching|slap|slapped|slapping|bite|bit|biting|stab|stabbed|stabbing|carve|carved"
        r"|carving|carved into|carve into|carving into|hurt|hurts|hurting|harm|harmed|harming|bruise|bruised"
        r"|injure|injured|injuring|scald|scalded|pick|picked|picking|pinch|pinched|pinching|claw|clawed"
        r"|clawing) (?:at )?(?:myself|my (?:own )?(?:arms?|wrists?|thighs?|legs?|skin|stomach|body|hips?"
        r"|hands?|face|chest|ankles?|shoulders?))(?! (?:off|out|free|loose|some slack|a slice|a piece|a break"
        r"|short))",
        r"(?:been|started|start|keep|kept|went back to|back to|relapsed (?:on|with|into)) (?:cutting"
        r"|burning myself|self harming)|cutting again|cut again|relapsed and (?:cut|burned|hurt)",
        r"(?:i|i've|i have|i just|just) (?:cut|burned|burnt)(?= (?:tonight|today|again|last night"
        r"|this morning|just now|deep|deeper|really|so|too|worse)\b| [.,] |\s*$)|cut (?:really |so "
        r"|too )?(?:deep|deeper)|cut(?= (?:tonight|today|again|last night|this morning|just now)\b)",
        r"(?:fresh|new|deep|old) (?:cuts|scars|wounds|burns) (?:on|from|up) (?:my|me)|cuts on my|(?:hide"
        r"|hiding|hid|cover|covering) (?:my|the) (?:cuts|scars|burns|wounds)|my (?:arms?|legs?|thighs?"
        r"|wrists?|skin|stomach|hips?) (?:are|is) (?:covered in|full of) (?:cuts|scars|burns)",
        r"(?:bang|banged|banging|hit|hitting|smash|smashed|smashing) my head (?:against|on|into) (?:the"
        r"|a) (?:wall|floor|desk|door|table)",
        r"my (?:skin|arms?|legs?|hands?|face|scalp) ~3 (?:till|until) (?:it|they|i) (?:bleeds?|bled|bleed)",
        r"(?:digging|dug|dig) my nails into (?:my )?(?:skin|arms?|hands?|palms?|legs?)",
        unless=_ACCIDENT,
        unless_scope="clause",
    ),
    _rule(
        "self_harm_urge",
        "concern",
        "selfharm",
        "urges or wishes to self-harm, or urges coming back",
        r"(?:urge|urges|urging|want|wanted|wanting|itching|tempted|need|needed|craving|crave|think about"
        r"|thinking about|thought about) ~2 to (?:cut|burn|hurt|harm|hit|punch|scratch"
        r"|punish)(?: myself)?(?! (?:him|her|them|someone|somebody|the|my \w+|hair|back|down|out|ties"
        r"|corners))",
        r"(?:urge|urges|cravings) (?:to self harm|for self harm|are back|came back|have returned|has returned"
        r"|have come back|has come back|returned|back again|are getting stronger|are strong)",
        r"(?:thinking|thought) about (?:cutting|burning|hurting|harming) (?:myself|again)",
        r"(?:the|my) (?:cutting|self harm|self harming|burning)(?! (?:board|edge|room|of|tool|sensation|pain in))"
        r" ~2 (?:has|is|got|getting|was|started|keeps|won't|again)",
        r"(?:sat|sitting|stared|staring) (?:with|at) (?:the|a|my) (?:scissors|blade|razor|knife|lighter)",
        r"deserve (?:the )?(?:pain|to hurt|to suffer|to bleed|to be hurt|to feel pain)",
        r"(?:pulling|pull|pulls) at me again",
        unless=r"\burges? to (?:eat|binge|drink|smoke|buy|shop|text|call|check|scroll|vape|gamble)\b",
    ),
    _rule(
        "self_punishment",
        "concern",
        "selfharm",
        "hurting themselves physically as a punishment",
        r"to punish myself|as (?:a )?punishment|as penance",
        # ... but only where the sentence names something done to the body.
        unless=r"^(?!.*\b(?:hurt|hit|pull|pulled|pulling|punch|pinch|slap|scratch|bite|bit|burn|burnt|burned"
        r"|cut|starv|bang|hair|skin|nails|wall|walls|eat|ate|food|meal|meals|dinner|lunch|breakfast|bleed"
        r"|bled)).*$",
    ),
    _rule(
        "told_to_die",
        "concern",
        "ideation critic",
        "their thoughts or head tell them to die (someone else saying it is discounted as reported speech)",
        r"(?:telling|tell|tells|told|keeps telling|keep telling) me (?:to|i should) (?:just )?(?:die|kill myself"
        r"|end it|disappear|not exist|stop existing|go away forever)",
        r"(?:thinking|thought|think|wondering|wondered) (?:of|about) (?:ways|how|methods) (?:to|i could|i would)"
        r" (?:die|kill myself|end it|end my life|do it)",
    ),
    _rule(
        "self_starving",
        "concern",
        "selfharm",
        "starving themselves or skipping meals as self-punishment",
        r"starv(?:e|ed|ing) myself",
        r"(?:skip|skipped|skipping|miss|missed|missing|refuse|refused|refusing|not eating|didn't eat"
        r"|won't eat|haven't eaten|stopped eating|no food|not letting myself eat) ~8 (?:punish|punishment"
        r"|deserve|don't deserve|earned|earn it|penance)",
        r"(?:punish|punishing|punished|punishment) ~5 (?:skip|skipping|skipped|not eat|not eating|starv"
        r"|no food|no dinner|no lunch|didn't eat|won't eat|refuse to eat)",
        r"(?:don't|do not|didn't) deserve (?:to eat|food|dinner|lunch|breakfast|meals?|a meal)",
        r"(?:not|won't|wouldn't|don't|didn't) (?:let|letting|allow|allowing) myself (?:to )?eat",
        r"hungry ~5 (?:deserve|punish)|restricting (?:again|food|my food|what i eat)",
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
        r"overdosed(?! on (?:chocolate|sugar|caffeine|coffee|cake|sweets|carbs|netflix|tv|telly|\w+ content))"
        r"|took an overdose|had an overdose",
        r"(?:hospitali[sz]ed|sectioned|admitted|in a (?:and )?e|in hospital|stomach pumped) ~3 (?:after|for"
        r"|following|because of) (?:my |an |the )?(?:overdose|attempt|taking (?:pills|tablets))",
    ),
    # ---- signals: found only to take part in COMBINATIONS ------------------------------------------
    _rule(
        "intent_to_act",
        "signal",
        "intent",
        "says they will do an unnamed act ('I'm doing it tonight', 'going to take them all', 'going to jump')",
        r"{FUT} ~1 (?:{ACT}|{ACT_MEANS})",
        r"(?:doing|do) it(?= (?:on|this|tonight|tomorrow|at|after|when|once|while|today|now|later|{DAY})\b)",
        r"(?:going|leaving) now(?=\s*$| [.,] )|it's time(?=\s*$| [.,] )",
        r"(?:i've|i have) (?:decided|made a decision|made my decision)(?=\s*$| [.,] )",
    ),
    _rule(
        "weak_intent",
        "signal",
        "weakintent",
        "'tonight is the night', 'I'm going on friday': intent only in an entry with means, goodbyes or ideation",
        r"(?:i'm|i am) going(?= (?:on|this|tonight|tomorrow|{DAY}|at \d|when|after|once)\b)",
        r"(?:this is it|i'm ready|i am ready|i'm done|it's time)(?=\s*$| [.,] )",
        r"it's happening|it'll happen|(?:going to|gonna|i'll|i will|i'm) finish (?:it|it all|things|myself off)"
        r"(?= [.,] |\s*$| tonight| today| tomorrow| now| when| after)",
        r"(?:when|once|after|before) i (?:go|get|walk|drive|head) (?:back )?(?:to|down to|up to) the {PLACE}",
        r"(?:i've|i have|i've got|i have got) a plan(?=\s*$| [.,] )",
        # "I'll be gone by the morning" is a goodbye only beside notes, means or ideation (not a flight).
        r"(?:i'll|i will) be gone (?:(?:by|before|in) (?:the )?(?:morning|tomorrow|tonight|the time|an hour"
        r"|{DAY})|soon|tonight|forever|by then)",
        r"(?:i'll|i will|i'm going to|going to|gonna|then i'll) (?:go|walk|drive|head) (?:back )?(?:to|up to"
        r"|down to|off to) the {PLACE}",
        r"(?:tonight|today|tomorrow|{DAY})(?:'s| is| will be) the (?:night|day)(?! (?:of|for|we|before|after"
        r"|i (?:tell|ask|start|get|meet|finally tell)))",
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
        "a time within the day: today, tonight, just now",
        r"{RECENT}|just(?= (?:cut|burned|burnt|hit|took|taken|swallowed|overdosed|did it|done it))",
        negatable=False,
        attributable=False,
    ),
    _rule(
        "means_ready",
        "signal",
        "means ready",
        "the means laid out beside them right now",
        r"{MEANS} ~3 (?:next to me|beside me|in front of me|in my hand|in my hands|laid out|on the bed"
        r"|by the bed|on the bedside table|on my bedside table|on the bedside|on the nightstand|by my bed"
        r"|on my bed|ready)|(?:laid out|lined up|counted out|got) ~2 (?:everything|it all)(?! for)",
        unless=_NOT_MEDICATION_TALK,
        attributable=False,
    ),
    _rule(
        "strong_means_held",
        "signal",
        "means ready",
        "has bought or keeps means with no everyday use in the entry: rope, noose, charcoal, hose ...",
        r"(?:have|has|got|bought|buy|buying|keep|kept|hid|hidden|hide|stashed|ordered|found"
        r"|holding) ~3 {STRONG_MEANS}|{STRONG_MEANS} (?:is|are) (?:ready|in|under|hidden|up)",
        unless=r"\b(?:bbq|barbecue|camping|climbing|garden|tent|swing|boat|sailing|dog|hosepipe|watering"
        r"|car wash|allotment|skipping|gym|tug of war|washing line)\b",
        attributable=False,
    ),
    _rule(
        "means_at_hand",
        "signal",
        "means",
        "has, bought or keeps the means (pills, rope, blade ...) or stopped vital medication",
        r"(?:have|has|got|bought|buy|buying|keep|kept|hid|hidden|hide|stashed|saved|collected|ordered|found"
        r"|holding|stash of|with|bringing|packed|packing) ~3 {MEANS}",
        r"{MEANS} ~3 (?:in|under|inside|at|on) (?:my|the) (?:drawer|bag|room|car|bedroom|bathroom|cupboard"
        r"|cabinet|pocket|bed|desk|hand|hands|lap|table|wardrobe|loft|garage|shed|glovebox)|{MEANS} (?:here"
        r"|with me|next to me|beside me|in front of me)",
        r"(?:got|have|laid out|ready|sorted) everything|everything(?:'s| is) (?:in place|ready|sorted|set)"
        r"|bought (?:two|three|\d+|extra|more) ~1 (?:packs|boxes|packets|bottles)",
        r"stopped (?:taking )?(?:my )?(?:\w+ )?(?:medication|meds|insulin|tablets|pills) (?:on purpose"
        r"|deliberately)|stopped (?:eating|drinking)(?: and (?:eating|drinking))?",
        unless=_NOT_MEDICATION_TALK,
        attributable=False,
    ),
    _rule(
        "risky_place",
        "signal",
        "place",
        "at a bridge, cliff, roof, railway or similar",
        r"(?:on|at|from|to|near|off|over|in|into|by) (?:the )?(?:top of (?:the|a) |edge of (?:the|a) )?{PLACE}",
        attributable=False,
    ),
    _rule(
        "present_there",
        "signal",
        "present",
        "being somewhere now: 'now', 'been here an hour', 'looking over the edge'",
        r"now|right now|been here (?:since|for)|for (?:an|half an|over an) hour|looking (?:over|down)"
        r"|writing (?:this )?from|the edge|coming down",
        negatable=False,
        attributable=False,
    ),
    _rule(
        "goodbye_signs",
        "signal",
        "goodbye",
        "goodbye behaviours: goodbye letters, giving away pets or things, 'last message, love you all'",
        r"goodbye (?:letters?|notes?|messages?|texts?|videos?)|(?:wrote|written|writing"
        r"|left) (?:a )?(?:notes?|letters?) (?:for|to) (?:my|mum|dad|everyone|them|my \w+)",
        r"(?:giving|gave|give|given) (?:away )?(?:my|all my) ~2 (?:things|stuff|belongings|possessions|dog"
        r"|cat|pets?|bike|car|plants|books|clothes)",
        r"(?:last|final) (?:message|entry|words|post)|love you all|not your fault|please forgive me"
        r"|(?:none of this is|it's not|it isn't|this isn't|this is not) your fault|look after (?:each other"
        r"|mum|dad|the kids|the dog|the cat|my \w+ for me)|(?:said|saying|say) (?:my )?goodbyes?"
        r"|don't (?:call|tell) anyone|don't try to (?:find|stop) me|please don't look for me|(?:sorted"
        r"|sorting|put) (?:out )?my affairs|(?:made|updated|wrote|written|writing) (?:a|my) will"
        r"|sorted (?:out )?my passwords",
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
        r"|stop me|find me)|(?:filled|ran|run) (?:a|the) bath",
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
)

# When findings with two tags meet, in the same sentence or anywhere in the entry, a new finding is
# made: (id, level, tag of the first finding, tag of the second, scope, description).
_COMBINATION_TABLE = """
intent_with_time       urgent  active            time      sentence  suicidal intent with a time (tonight, at 2am)
act_with_time          urgent  intent            time      sentence  an announced act with a time ("doing it tonight")
act_with_means         urgent  intent|weakintent means     entry     an announced act, and the means at hand
act_with_place         urgent  intent|weakintent place     entry     an announced act, at a bridge, cliff, railway ...
act_with_ideation      urgent  intent|weakintent ideation  entry     an announced act, and suicidal ideation
act_with_goodbye       urgent  intent|weakintent goodbye   entry     an announced act, and goodbye behaviours
act_with_distress      urgent  intent|weakintent distress  entry     an announced act, and "I can't take it anymore"
ideation_with_means    urgent  ideation          means     entry     suicidal ideation, and the means at hand
ideation_with_goodbye  urgent  ideation          goodbye   entry     suicidal ideation, and goodbye behaviours
means_with_plan        urgent  means             plan      entry     means at hand, and a place found or it hidden
means_at_place         urgent  means             place     entry     means at hand, at or going to a bridge, river ...
means_ready_with_time  urgent  ready             time      entry     means laid out beside them, and a time
at_risky_place_now     urgent  place             present   sentence  at a bridge, cliff, roof or railway now
self_harm_today        urgent  act               recent    sentence  self-harm or an attempt today, tonight, just now
attempt_last_night     urgent  attempt           lastnight sentence  a suicide attempt or overdose last night
death_as_relief        concern relief            death     entry     death described as a relief or longed for
starving_as_punishment concern noeat             punish    sentence  not eating, and saying they deserve it
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
    r"|twenties|thirties|20s|30s)\b|\bpreviously\b|\bin the past\b|\ba long time ago\b|\bat (?:uni|university"
    r"|school|college)\b|\bever since\b"
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
    r"|counsellor|psychiatrist)"
)
_REPORTED = re.compile(
    r"\b(?:" + _OTHERS + r"|my [a-z]+|[a-z]+'s)(?: [a-z']+){0,3} (?:said|says|say|saying|joked|jokes|joking"
    r"|joke|told|tells|telling|texted|texts|wrote|writes|posted|posts|tweeted|messaged|mentioned|admitted"
    r"|admits|confided|confessed|asked|asks|shouted|screamed|yelled|claimed|claims|explained|described"
    r"|talked about|talks about|spoke about|speaks about|discussed|kept saying|keeps saying|sang|sings|quoted"
    r"|went on about|was like|is like|goes)\b"
)

_FIRST_PERSON = frozenset(
    {"i", "i'm", "i've", "i'd", "i'll", "me", "my", "myself", "mine", "you", "you're", "your", "yourself"}
)
# Object pronouns ("doing them a favour by not existing") and "her" are left out: they are rarely the
# subject of what follows.
_OTHER_SUBJECTS = (frozenset(re.findall(r"[a-z]+", _OTHERS)) - {"her"}) | frozenset(
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

_COMPILED: tuple[tuple[Rule, Gate | None, re.Pattern[str], re.Pattern[str] | None], ...] = tuple(
    (
        rule,
        Gate.of(required_literals(_expand(rule.pattern))),
        re.compile(_expand(rule.pattern)),
        re.compile(rule.unless) if rule.unless else None,
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
        if word == "no":
            follower = window[index + 1] if index + 1 < len(window) else ""
            if follower in _NO_FOLLOWERS:
                return True
        elif word in _NEGATORS or word in _NEGATED_AUX:
            return True
    return False


def _subject_is_other(before: list[str]) -> bool:
    """Walk back from the match to the nearest subject-like word: someone else, or a topic word
    (a course, a book), means the words are not the client's own."""
    for word in reversed(before):
        if word in _FIRST_PERSON:
            return False
        if word in _OTHER_SUBJECTS or word in _TOPIC_WORDS:
            return True
        if word.endswith("'s") and word[:-2] in _OTHER_SUBJECTS:
            return True
    return False


_AFFIRMED = re.compile(
    r"\bi (?:said|told (?:her|him|them)|admitted|answered|nodded)(?: that)? (?:yes|i (?:had|have|do|did|am"
    r"|was))|\bwhich (?:was|is) a lie\b|\bi lied\b|\bi couldn't say no\b"
)
# A safety plan or a hypothetical ("if I ever feel suicidal I'll ring ...") is not a present risk.
_HYPOTHETICAL = re.compile(
    r"\b(?:if|in case|should|whenever) i (?:ever|start|begin|notice)\b|\bsafety plan\b|\bwhat to do if\b"
    r"|\bwarning signs?\b"
)


# "I want to die, I sent the email to the wrong person lol": a death wish about an embarrassing or
# trivial moment is hyperbole - unless the writer insists they mean it.
_TRIVIAL = re.compile(
    r"\b(?:embarrass\w*|cringe\w*|mortified|awkward|wrong person|reply all|mic was on|on mute|typo|hungover"
    r"|hangover|karaoke|group project|traffic|queue|spreadsheet|powerpoint|so much homework)\b"
    r"|\bif i (?:have to|hear|see|get) (?:\w+ ){0,4}(?:one more|another|again)\b"
)
_SERIOUS = re.compile(r"\b(?:actually|seriously|for real|fr|not joking|genuinely|i mean it|really do)\b")


def _is_hyperbole(sentence: str) -> bool:
    return bool(_TRIVIAL.search(sentence)) and not _SERIOUS.search(sentence)


def _attributed(words: str, before: list[str], norm: str, sentence_start: int, start: int, sentence: str) -> bool:
    """True when a match is someone else's words or a topic, not the client's (see the module doc)."""
    if _CRITIC.search(sentence):
        return False
    reported = _REPORTED.search(norm, sentence_start, start)
    if reported:
        # "she asked if I'd tried to kill myself and I said yes": the client's answer makes it theirs.
        return not (" ask" in reported.group() and _AFFIRMED.search(sentence))
    if any(word in _FIRST_PERSON for word in words.split()):
        return False
    return _subject_is_other(before)


def _span_end(norm: str, position: int, marks: tuple[str, ...]) -> int:
    ends = [index for index in (norm.find(mark, position) for mark in marks) if index != -1]
    return min(ends) if ends else len(norm)


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
    prefixes = _token_prefixes(norm)
    for rule, gate, regex, unless in _COMPILED:
        if gate is not None and not gate.may_match(norm, prefixes):
            continue
        for match in regex.finditer(norm):
            start = match.start() + 1  # patterns begin with the space before their first word
            sentence_index = bisect_right(sentences, start) - 1
            sentence_start = sentences[sentence_index]
            clause_start = clauses[bisect_right(clauses, start) - 1]
            sentence = norm[sentence_start : _span_end(norm, start, (" . ",))]
            if unless is not None:
                scope = (
                    sentence
                    if rule.unless_scope == "sentence"
                    else norm[clause_start : _span_end(norm, start, (" . ", " , "))]
                )
                if unless.search(scope):
                    continue
            before = norm[clause_start:start].split()
            words = match.group().strip()
            if rule.negatable and _is_negated(before):
                continue
            if rule.level == "concern" and _HYPOTHETICAL.search(norm, clause_start, start):
                continue
            if "ideation" in rule.tags and rule.level == "concern" and _is_hyperbole(sentence):
                continue
            if rule.attributable and _attributed(words, before, norm, sentence_start, start, sentence):
                continue
            level = rule.level
            if level == "urgent" and _DISTANT_PAST.search(norm, clause_start, _span_end(norm, start, (" . ", " , "))):
                level = "concern"
            findings.append(_Finding(rule.id, level, rule.tags, words, sentence_index, start, clause_start))

    findings.extend(_combine(findings, norm))
    reported = sorted((f for f in findings if f.level in _REPORTED_LEVELS), key=lambda f: f.start)
    if not reported:
        return _NONE
    level = max((f.level for f in reported), key=_RANK.__getitem__)
    reasons = tuple(dict.fromkeys(f"{f.rule_id}: {f.words}" for f in reported))
    return Screening(level, reasons)


def _combine(findings: list[_Finding], norm: str) -> list[_Finding]:
    """Apply COMBINATIONS: two findings from different rules with the given tags, in one sentence or
    one entry, add one finding (at most one per combination). Reported as concern when set in the
    distant past."""
    made: list[_Finding] = []
    for combo in COMBINATIONS:
        for first in findings:
            if not combo.first & first.tags:
                continue
            clause = norm[first.clause_start : _span_end(norm, first.start, (" . ", " , "))]
            if combo.id == "intent_with_time" and _THOUGHT_NOT_INTENT.search(clause):
                continue
            partner = next(
                (
                    second
                    for second in findings
                    if combo.second & second.tags
                    and second.rule_id != first.rule_id
                    and not _overlap(first, second)
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
