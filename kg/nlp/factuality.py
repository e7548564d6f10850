"""Did it happen? `occurred`, `planned` or `not_occurred`, from modality, negation,
planning and cancelling predicates, conditionals and tense along the dependency path."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import Literal

from spacy.tokens import Token

from kg.model import Status
from kg.nlp import gazetteer
from kg.nlp.dates import Tense
from kg.nlp.lexicon import phrasal_verbs, single_words, words

MODALS = words("modals")
# Verbs whose object is the event itself ("held talks", "the meeting he had").
LIGHT_VERBS = words("light-verbs")
# Words that put what they govern in the future: "agreed to meet", "plans for talks",
# "ready for a summit", "an invitation to talks".
PLANNING_LEMMAS = words("planning")
# "is due (expected, scheduled) to ...": what happens during an encounter at a time set
# ahead puts the encounter ahead too, unlike a decision ("agreed to X during a call").
SCHEDULING_LEMMAS = words("scheduling-verbs")
# "arrived for talks", "flew to Paris for a summit": the talks come after the journey,
# unless the article later reports them as held ("after the meeting", events.py).
MOTION_LEMMAS = words("motion-verbs")
# Words that say it did not, or will not, happen.
CANCELLING_LEMMAS = single_words("cancelling")
PHRASAL_CANCELLING = phrasal_verbs("cancelling")
POSTPONING_LEMMAS = single_words("postponing")
PHRASAL_POSTPONING = phrasal_verbs("postponing")
REPORTING_NOUNS = words("reporting-nouns")
REMARKING_LEMMAS = words("remarking-verbs")
NECESSITY_LEMMAS = words("necessity-verbs")
PLANNED_ADJECTIVES = words("planned-adjectives")
CONDITIONAL_MARKS = words("conditional-marks")
PROSPECTIVE_PHRASES = words("prospective-phrases")
NEGATING_PREPOSITIONS = words("negating-prepositions")
JOURNEY_VERBS = words("journey-verbs")
# What an encounter is about: a place under it is no venue (anchoring.py), and a remark
# on it takes the encounter for granted (below).
TOPIC_PREPS = words("topic-prepositions")
ENGAGING_LEMMAS = words("engaging-verbs")
CONDITIONING_LEMMAS = words("conditioning-words")
# "regularly met X", "weekly breakfasts with X": a habit, no one occasion (_habitual).
HABITUAL_WORDS = words("habitual-words")
# "intensified talks with X", "compared talks with X to ...": an activity, no occasion.
PROCESS_VERBS = single_words("process-verbs")
PHRASAL_PROCESS = phrasal_verbs("process-verbs")
# "still open to talks with X": a disposition towards an encounter still to come.
READINESS_ADJECTIVES = words("readiness-adjectives")
# "urged X to cancel the summit": asked for, wished or threatened, not done.
WISHING_WORDS = words("wishing-words")
# Modals that tell a possibility or an obligation, not what will be done ("should cancel").
IRREALIS_MODALS = words("irrealis-modals")
# Determiners (and possessive pronouns) that make a noun phrase definite: what it names is
# taken to exist, or is one told before ("the meeting", "their call").
ANAPHORIC_DETS = {"the", "this", "that", "their", "its", "these", "those"}
# How a complement hangs from the word that governs it.
COMPLEMENT_DEPS = {"xcomp", "ccomp", "dobj", "nsubjpass", "attr", "oprd", "pcomp", "acomp"}
COMPLEMENT_PREPS = {"for", "on", "to", "of", "about", "toward", "towards", "into"}
# Clauses whose factuality is their own: the walk up stops there.
CLAUSE_BOUNDARIES = {"advcl", "relcl", "parataxis", "conj", "acl", "appos", "csubj"}
FINITE_TAGS = {"VBD", "VBZ", "VBP", "VBN", "VBG", "MD"}


def base_form(token: Token) -> str:
    """The lemma, lower case; a plural the tagger took for a proper noun made singular."""
    lemma = token.lemma_.lower()
    if token.tag_ == "NNPS" and lemma.endswith("s"):
        lemma = lemma[:-1]
    return lemma


def _any_form_in(token: Token, lemmas: AbstractSet[str]) -> bool:
    """Is the word one of `lemmas`? The lemmatiser slips on some past forms ("hoped" ->
    "hop"), so the word's own regular stems are tried too."""
    if base_form(token) in lemmas:
        return True
    word = token.lower_
    stems = {word}
    for suffix, replacement in (("ied", "y"), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stems.add(word[: -len(suffix)] + replacement)
    return not stems.isdisjoint(lemmas)


def _has_modal(token: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in MODALS for c in token.children)


def has_to(verb: Token) -> bool:
    """ "to meet": the verb has an infinitive's "to" of its own."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _is_negated(token: Token) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in token.children)


def is_conditional(token: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in token.children)


def _governs(head: Token, child: Token) -> bool:
    """Is `child` (on the path) a complement of `head`, not an adjunct?"""
    if child.dep_ in COMPLEMENT_DEPS or child.dep_ == "acl" or shares_clause(child) or _is_infinitive(child):
        return True
    if child.dep_ == "prep" and child.lower_ == "in" and base_form(head) in ENGAGING_LEMMAS:
        return True  # "agreed to engage in talks with X": the talks are what is engaged in
    return child.dep_ == "prep" and child.lower_ in COMPLEMENT_PREPS


def has_particle(token: Token, particle: str) -> bool:
    # The parser takes some particles for adverbs after the verb ("were pushed back to
    # Friday": "back" an advmod); one before it ("back pushed") is no particle.
    return any(
        (c.dep_ in ("prt", "prep") or (c.dep_ == "advmod" and c.i > token.i)) and c.lower_ == particle
        for c in token.children
    )


def shares_clause(verb: Token) -> bool:
    """Is a coordinated verb part of its head's clause? "will travel to Chile and hold talks",
    "is expected to fly in and meet": with no subject and no auxiliary of its own, the second
    verb is under the first one's modal, planning verb and tense."""
    return (
        verb.dep_ == "conj"
        and verb.pos_ in ("VERB", "AUX")
        and verb.head.pos_ in ("VERB", "AUX")
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "expl") for c in verb.children)
    )


def adjunct_head(prep: Token) -> Token:
    """The word a prepositional phrase belongs to. "Lisbon would invest in it, Weber said,
    after meeting Varga": the parser hangs a phrase that follows a reporting clause put
    inside the sentence on the reported verb; it tells when the one reporting spoke."""
    head = prep.head
    if prep.dep_ != "prep" or head.pos_ not in ("VERB", "AUX"):
        return head
    for child in head.children:
        if (
            child.dep_ == "parataxis"
            and head.i < child.i < prep.i
            and child.lemma_.lower() in gazetteer.SPEECH_LEMMAS
            and all(t.is_punct for t in prep.doc[child.right_edge.i + 1 : prep.i])
        ):
            return child
    return head


def governing_path(trigger: Token) -> list[tuple[Token, Token]]:
    """(child, head) pairs from the trigger up to the end of its clause chain. A noun that
    only reports on the event ("details of the meeting") ends the chain: what is said of
    the details (declined to give them) is not said of the meeting, whose existence the
    phrase takes for granted."""
    pairs: list[tuple[Token, Token]] = []
    child = trigger
    while child.head != child and len(pairs) < 20:
        if child.dep_ == "acl" and child.head.pos_ in ("NOUN", "PROPN") and child.pos_ in ("VERB", "AUX"):
            # "his refusal to meet", "an expectation to meet again": the noun the infinitive
            # completes governs it, and the walk ends there.
            pairs.append((child, child.head))
            break
        if (
            child.dep_ in CLAUSE_BOUNDARIES
            and not shares_clause(child)
            and not _is_infinitive(child)
            and not object_purpose(child)
        ):
            break
        head = child.head
        if child.dep_ == "pobj" and (
            (head.head.pos_ in ("NOUN", "PROPN") and base_form(head.head) in REPORTING_NOUNS)
            or (
                # "refused to comment on his meeting with X": the refusal is of the comment
                head.lower_ in TOPIC_PREPS
                and head.head.pos_ == "VERB"
                and base_form(head.head) in REMARKING_LEMMAS
            )
        ):
            pairs.append((child, head))
            break
        if child.dep_ == "prep":
            head = adjunct_head(child)
        pairs.append((child, head))
        child = head
    return pairs


def status_of(trigger: Token, predicate: Token | None = None) -> Status | None:
    """The factuality of the event that `trigger` names.

    `predicate` is the verb that carries the event's tense when the trigger is a noun
    ("held talks", "the meeting took place"). None when nothing says whether it happened,
    such as a bare headline noun phrase.
    """
    if trigger.sent.text.rstrip().endswith("?"):
        return "planned"  # a question is no report that it happened
    own = [trigger] + ([predicate] if predicate is not None and predicate != trigger else [])
    if _said_of(trigger, predicate):
        # "his meeting with X is not an endorsement", "the talks were not political": the
        # clause says what the encounter was, taking for granted that it was; its negation
        # denies the description, not the encounter. The mention tells no status; the
        # story's other mentions of the encounter do.
        return None
    negated = [t for t in own if _is_negated(t)]
    if negated:
        # "X should never sit down with Y", "urged X not to meet Y": a refusal only advised or
        # wished tells an encounter still in question, not one that failed to take place.
        return "planned" if any(_only_wished(t, negated=True) for t in negated) else "not_occurred"
    if any(_has_modal(t) or is_conditional(t) for t in own):
        return "planned"
    if _habitual(trigger, predicate):
        # "he regularly met X", "they often meet", "recalling weekly breakfasts with X": a
        # habit tells no one encounter; the story's other mentions may tell one.
        return None
    if _talks_as_activity(trigger):
        # "intensified talks with X about Y", "compared talks with X to haggling"
        return None
    # The verb that carries a noun trigger says what became of it: "the summit was called
    # off", "the planned meeting was shelved", "talks were postponed until Friday".
    # Not where the event is the verb's subject: talks that "failed" took place.
    if predicate is not None and predicate != trigger and trigger.dep_ != "nsubj":
        verdict = _done_status(predicate)
        if verdict is not None:
            return verdict
    if _made_conditional(trigger):
        return "planned"
    if predicate is not None and trigger.dep_ == "nsubjpass" and base_form(predicate) in SCHEDULING_LEMMAS:
        # "a meeting with X was scheduled (set) for Monday": set ahead, whatever the tense of
        # the setting; that it then took place the story must say.
        return "planned"
    held = _held_in_own_clause(trigger)
    if held is not None:
        # "will describe a meeting he had with X": the relative clause that holds the
        # encounter tells its time; what governs the noun (a testimony to come) does not.
        return held
    if (
        any(c.dep_ == "amod" and c.lower_ in PLANNED_ADJECTIVES for c in trigger.children)
        # "did have a previously scheduled meeting", "held their planned talks": the verb that
        # holds the encounter in the past says the plan came about.
        and not (predicate is not None and is_light_verb_object(trigger) and _past(predicate))
    ):
        # "the planned visit" is planned, unless what governs it calls it off ("hinted at
        # cancelling his planned visit").
        governing = [head for child, head in governing_path(trigger) if _governs(head, child)]
        if any(_done_status(head) == "not_occurred" for head in governing):
            return "not_occurred"
        return "planned"
    path = governing_path(trigger)
    adjunct = False
    for child, head in path:
        if head == predicate:
            continue
        if _reported_past(child, head):
            # "will say that she received calls from X": a past told in a report is the
            # report's content, whatever the time of the telling; the past verb carries it.
            break
        lemma = base_form(head)
        if child.dep_ == "pobj" and _is_prospective(head):
            return "planned"  # "ahead of the summit", "progress toward a meeting"
        if child.dep_ in ("pobj", "pcomp") and _negates(head):
            return "not_occurred"  # "left without meeting X", "instead of talks with X"
        if not _governs(head, child) and child.dep_ != "pobj":
            # An adjunct ("during the meeting", "after talks"): the head's own tense and
            # modality still apply, its meaning does not, and neither does the meaning of
            # anything above it: "agreed to meet during a phone call" does not plan the call.
            # "After his talks with Y, X is to fly on": told beside what is still to come.
            if _has_modal(head) or is_conditional(head) or (child.dep_ == "prep" and _is_to(head)):
                return "planned"
            if base_form(head) in SCHEDULING_LEMMAS:
                return "planned"  # "are expected to discuss X during their meeting"
            if _is_negated(head):
                return None
            adjunct = True
            continue
        if adjunct:
            if _has_modal(head) or is_conditional(head):
                return "planned"
            if child.dep_ == "xcomp" and _looks_ahead_now(head):
                # "hope to discuss trade during a meeting next week": what they hope for now
                # is to come, and the meeting it happens at with it ("agreed to meet during
                # a phone call", a past agreement, still says nothing of the call).
                return "planned"
            continue
        if child.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() in MOTION_LEMMAS:
            return "planned"
        if child.dep_ == "pobj" and head.lower_ not in COMPLEMENT_PREPS:
            continue  # "during the meeting": the preposition is an adjunct, handled above
        verdict = _done_status(head)
        if verdict is not None:
            return verdict
        if _is_negated(head):
            # "did not need to meet X": no word on whether they met. "wasn't ready to give X
            # credit for his meeting with Y", "didn't dwell on the summit": a definite
            # encounter in a phrase of the clause is taken for granted, and the negation
            # denies only what is said of it.
            if base_form(head) in NECESSITY_LEMMAS or presupposed(trigger):
                return None
            return "planned" if _only_wished(head, negated=True) else "not_occurred"
        if _any_form_in(head, PLANNING_LEMMAS) and not (lemma == "call" and not has_particle(head, "for")):
            return "planned"
        if _for_planning_object(child, head):
            return "planned"
        if head.pos_ == "ADJ" and lemma in READINESS_ADJECTIVES:
            return "planned"  # "he was still open to talks with X"
        if lemma == "go" and head.tag_ == "VBG" and child.dep_ == "xcomp":
            return "planned"  # "going to meet"
        if lemma == "be" and child.dep_ == "xcomp":
            return "planned"  # "is to meet"
        if _has_modal(head) or is_conditional(head):
            return "planned"
        if any(c.dep_ in ("nsubj", "nsubjpass") and base_form(c) in PLANNING_LEMMAS for c in head.children):
            return "planned"  # "Preparations are underway for a meeting"
    if _in_future_time_clause(predicate or trigger) or _is_purpose(predicate or trigger):
        return "planned"
    carrier = _tense_carrier(trigger, predicate, path)
    if (
        carrier is not None
        and carrier.tag_ in ("VBZ", "VBP")
        and _infinitive_off_a_verb(predicate or trigger)
    ):
        return None
    if carrier is None:
        return None
    status = _tense_status(carrier)
    if status == "not_occurred" and carrier != predicate and presupposed(trigger):
        return None  # "wasn't ready to give X credit for his meeting with Y"
    return status


def _habitual(trigger: Token, predicate: Token | None) -> bool:
    """Is the encounter told as a habit (HABITUAL_WORDS)? An adverb of frequency on the verb
    that tells it ("regularly met", "often meet", "usually held talks with X"), "every" or
    "each" on a time it recurs at ("meets X every week"), or an adjective of frequency on a
    plural encounter noun ("weekly breakfasts with X", "regular meetings"). A single
    occasion so named ("the weekly meeting on Tuesday") stays one."""
    verbs = [t for t in (trigger, predicate) if t is not None and t.pos_ in ("VERB", "AUX")]
    for verb in verbs:
        for child in verb.children:
            if child.dep_ == "advmod" and child.lower_ in HABITUAL_WORDS:
                return True
            if child.dep_ in ("npadvmod", "advmod") and any(
                d.dep_ == "det" and d.lower_ in ("every", "each") for d in child.children
            ):
                return True
    return trigger.tag_ in ("NNS", "NNPS") and any(
        c.dep_ == "amod" and c.lower_ in HABITUAL_WORDS for c in trigger.children
    )


def tells_one_occasion(trigger: Token, predicate: Token | None) -> bool:
    """Is the encounter one occasion, for all status_of could tell, rather than a habit or
    an activity running on? Where status_of has no verdict, a date before the story's own
    may still place it in the past (events.py)."""
    return not (_habitual(trigger, predicate) or _talks_as_activity(trigger))


def _talks_as_activity(trigger: Token) -> bool:
    """ "he intensified talks with X", "compared talks with X to haggling": a plural
    encounter noun with no article, possessor or number, the object of a verb that takes it
    as an activity running on or as a kind (PROCESS_VERBS; PHRASAL_PROCESS: "stepped up",
    with its particle), is no one occasion."""
    if not (trigger.tag_ == "NNS" and trigger.dep_ == "dobj" and trigger.head.pos_ == "VERB"):
        return False
    if any(c.dep_ in ("det", "poss", "nummod") for c in trigger.children):
        return False
    verb = trigger.head
    lemma = base_form(verb)
    return lemma in PROCESS_VERBS or any(has_particle(verb, p) for p in PHRASAL_PROCESS.get(lemma, ()))


def _made_conditional(trigger: Token) -> bool:
    """ "a meeting conditioned on a concession", "the summit is contingent on a ceasefire":
    an encounter made to hang on something still to be done is not held while it hangs
    (CONDITIONING_LEMMAS, on a word that governs it or said of it as its subject)."""
    for child, head in governing_path(trigger):
        if _governs(head, child) and _conditioning(head):
            return True
        if child.dep_ in ("nsubj", "nsubjpass") and any(
            c.dep_ in ("acomp", "attr") and _conditioning(c) for c in head.children
        ):
            return True
    return False


def _conditioning(word: Token) -> bool:
    """A verb or adjective of CONDITIONING_LEMMAS ("conditioned", "contingent"), or a word of
    theirs with its "on" ("hinges on the vote", which the tagger may read as a noun). Not the
    noun alone: "the conditions for the talks" are the talks' circumstances, held or not."""
    if not _any_form_in(word, CONDITIONING_LEMMAS):
        return False
    return word.pos_ in ("VERB", "ADJ", "AUX") or any(
        c.dep_ == "prep" and c.lower_ in ("on", "upon") for c in word.children
    )


def is_light_verb_object(noun: Token) -> bool:
    """ "held talks", "had a meeting", "paid a visit": the noun is the object of a verb that
    only carries it, so the verb's subject and its "with" objects are the noun's parties."""
    return noun.dep_ == "dobj" and noun.head.lemma_.lower() in LIGHT_VERBS


def _past(verb: Token) -> bool:
    """A simple past ("held") or an emphatic one ("did have"), not negated, no modal."""
    return (verb.tag_ == "VBD" or _emphatic(verb)) and _tense_status(verb) == "occurred"


def _held_in_own_clause(noun: Token) -> Status | None:
    """ "a meeting he had with X", "the talks they held": a relative clause whose light verb
    takes the noun as its own object, in the past, says the encounter took place. So does
    one told inside it, in the past: "the call in which X asked Y", "the meeting at which X
    urged Y" ("does not remember the meeting in which X asked Y" denies the memory, not the
    meeting)."""
    for clause in noun.children:
        if clause.dep_ != "relcl" or not _past(clause):
            continue
        if clause.lemma_.lower() in LIGHT_VERBS and not any(
            c.dep_ in ("dobj", "ccomp", "xcomp") for c in clause.children
        ):
            return "occurred"
        if opens_within(clause):
            return "occurred"
    return None


# "the call in which ...", "the meeting at which ...", "the talks during which ...".
_WITHIN_PREPS = ("in", "during", "at")


def opens_within(clause: Token) -> bool:
    """Does the relative clause open with "in which", "at which" or "during which", and so
    tell what happened inside the noun it hangs from ("the call in which X asked Y")?"""
    return any(
        p.dep_ == "prep"
        and p.lower_ in _WITHIN_PREPS
        and p.i < clause.i
        and any(w.dep_ == "pobj" and w.tag_ == "WDT" for w in p.children)
        for p in clause.children
    )


def _for_planning_object(prep: Token, verb: Token) -> bool:
    """ "laid the groundwork for the meeting", "made preparations for talks": the parser hangs
    the phrase on the verb, but it completes the verb's object, a noun of planning, whose
    encounter is still to come."""
    return (
        prep.dep_ == "prep"
        and prep.lower_ in COMPLEMENT_PREPS
        and verb.pos_ in ("VERB", "AUX")
        and any(
            c.dep_ == "dobj" and c.i < prep.i and c.pos_ == "NOUN" and _any_form_in(c, PLANNING_LEMMAS)
            for c in verb.children
        )
    )


def presupposed(noun: Token) -> bool:
    """Is the encounter a definite noun inside a prepositional phrase ("credit for his meeting
    with X", "dwelt on the summit", "a date for the Lind-Varga meeting")? Such a phrase takes
    its encounter for granted, whatever the clause above it denies; a bare or indefinite one
    ("did not ask for a meeting") does not, nor does a direct object ("did not attend the
    summit", whose subject did not meet its parties)."""
    if noun.dep_ != "pobj" or noun.pos_ not in ("NOUN", "PROPN"):
        return False
    return any((c.dep_ == "det" and c.lower_ in ANAPHORIC_DETS) or c.dep_ == "poss" for c in noun.children)


def _reported_past(child: Token, head: Token) -> bool:
    """ "X will say that Y met Z": a reported clause in the simple past under a verb of
    speech (not one that denies it, "denied that they met")."""
    return (
        child.dep_ == "ccomp"
        and child.tag_ == "VBD"
        and base_form(head) in gazetteer.SPEECH_LEMMAS
        and _lexical_status(head) is None
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
    )


# "the first leader to meet X", "the only one to visit": an infinitive after these tells what
# was done, the present of the clause notwithstanding.
RANK_OF_ACT = {"first", "last", "only", "next"}


def _infinitive_off_a_verb(verb: Token) -> bool:
    """ "Y is ashamed to meet me", "among the executives to attend the summit are A and B": an
    infinitive hung from an adjective, a noun or a preposition, under a present, tells a
    disposition or who is to come, not that the encounter took place ("was glad to meet Y
    on Monday", in the past, still tells it); nothing here says whether it did."""
    if not (verb.tag_ == "VB" and has_to(verb)):
        return False
    head = verb.head
    if head.pos_ not in ("ADJ", "NOUN", "PROPN", "ADP"):
        return False
    ranked = [head] + ([head.head] if head.pos_ == "ADP" else [])
    return not any(
        c.lower_ in RANK_OF_ACT or c.tag_ in ("JJS", "RBS") for t in ranked for c in t.subtree if c.i < verb.i
    )


def _said_of(trigger: Token, predicate: Token | None) -> bool:
    """Is the encounter the subject of a negated "be" that describes it ("the meeting was
    not a success", "was not political")?"""
    return (
        predicate is not None
        and trigger.dep_ == "nsubj"
        and trigger.head == predicate
        and base_form(predicate) == "be"
        and _is_negated(predicate)
        and not _has_modal(predicate)
        and any(
            c.dep_ in ("attr", "acomp")
            and c.pos_ in ("NOUN", "ADJ")
            and base_form(c) not in PLANNED_ADJECTIVES
            for c in predicate.children
        )
    )


PRESENT_BE = {"is", "are", "am", "'s", "’s", "'re", "’re", "'m", "’m"}


def _looks_ahead_now(verb: Token) -> bool:
    """A planning or scheduling verb in the present ("hope", "plans", "are expected",
    "is hoping"): it puts what it governs ahead of the story's day."""
    if not (_any_form_in(verb, PLANNING_LEMMAS) or base_form(verb) in SCHEDULING_LEMMAS):
        return False
    auxes = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ in ("VBP", "VBZ"):
        return not auxes
    return verb.tag_ in ("VBG", "VBN") and any(a in PRESENT_BE for a in auxes)


def _is_prospective(prep: Token) -> bool:
    return prep.lower_ in PROSPECTIVE_PHRASES or f"{prep.head.lower_} {prep.lower_}" in PROSPECTIVE_PHRASES


def _negates(prep: Token) -> bool:
    """ "without", "instead of": the preposition says its object did not happen."""
    if prep.pos_ != "ADP":
        return False
    phrases = [prep.lower_] + [f"{c.lower_} {prep.lower_}" for c in prep.children if c.dep_ == "advmod"]
    return any(phrase in NEGATING_PREPOSITIONS for phrase in phrases)


def _is_infinitive(word: Token) -> bool:
    """ "is set to host talks": an infinitive the parser hung as an adverbial clause (or took
    for a noun) is still its head's complement, under its planning verb and modal."""
    return (
        word.dep_ == "advcl"
        and has_to(word)
        and not any(c.dep_ in ("mark", "nsubj", "nsubjpass") for c in word.children)
    )


def object_purpose(word: Token) -> bool:
    """ "vowed to deepen ties to deter threats during a meeting": an infinitive the parser
    hung on the object as a relative clause says what the verb above is for; it is told in
    that verb's clause, whose subject acts and whose tense holds."""
    return (
        word.dep_ == "relcl"
        and word.head.dep_ == "dobj"
        and has_to(word)
        and not any(c.dep_ in ("mark", "nsubj", "nsubjpass") for c in word.children)
    )


TIME_MARKS = {"when", "once", "after", "before", "until", "till", "as", "while"}


def _is_purpose(verb: Token) -> bool:
    """ "made a trip to Kyiv to meet X", "would stop in Beijing to meet X": an infinitive of
    purpose says what the journey was for, not that it came about (a later "after the
    meeting" says that, see events.py)."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VB"
        and has_to(verb)
        and not any(c.dep_ == "mark" for c in verb.children)
        and not _visit_over(verb.head)
    )


def _visit_over(verb: Token) -> bool:
    """ "visited the capital on Thursday to meet with X": a visit told in the simple past,
    not negated, is over, and what it was for came about with it."""
    return (
        verb.tag_ == "VBD"
        and base_form(verb) in JOURNEY_VERBS
        and not _is_negated(verb)
        and not _has_modal(verb)
        and not is_conditional(verb)
    )


def _in_future_time_clause(verb: Token) -> bool:
    """ "would be raised when the two leaders meet", "by the time X meets Y": a present tense
    in a clause of time is the future when the clause it belongs to is."""
    clause = verb
    for _ in range(3):
        if clause.dep_ == "advcl" or clause.head == clause:
            break
        clause = clause.head
    if clause.dep_ != "advcl" or clause.tag_ not in ("VBP", "VBZ"):
        return False
    marked = any(c.dep_ in ("advmod", "mark") and c.lower_ in TIME_MARKS for c in clause.children)
    by_the_time = any(c.dep_ == "advmod" and c.lower_ == "time" for c in clause.children) or any(
        t.lower_ == "time" for t in clause.doc[max(clause.sent.start, clause.left_edge.i - 1) : clause.i]
    )
    if not (marked or by_the_time):
        return False
    head = clause.head
    return (
        _has_modal(head)
        or is_conditional(head)
        or any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "’ll") for c in head.children)
        # "wants to wait until they meet": what an infinitive tells has not happened yet
        or (head.tag_ == "VB" and has_to(head))
        or _is_to(head)
        # "pointed to X endorsing Y after he meets Z", "said on Monday, when he meets Z":
        # under a gerund of no tense or a past, a present in a clause of time is no report
        # of what was (that is "after he met").
        or _is_bare_participle(head)
        or head.tag_ == "VBD"
    )


def _is_to(verb: Token) -> bool:
    """ "X is to fly to Rome", "are to be received": a present "be" with an infinitive tells
    what is arranged to come ("the aim was to ..." tells no plan)."""
    return (
        base_form(verb) == "be"
        and verb.tag_ in ("VBZ", "VBP")
        and any(c.dep_ == "xcomp" and has_to(c) for c in verb.children)
    )


def _done_status(word: Token) -> Status | None:
    """What a governing word's meaning says of the event under it (_lexical_status), where
    the word is told as done. A cancelling word only asked for, wished, threatened or weighed
    ("urged X to cancel the summit", "X should cancel the meeting", "calls for X to scrap
    the talks") cancels nothing: the encounter it would cancel is still planned."""
    verdict = _lexical_status(word)
    if verdict == "not_occurred" and _only_wished(word):
        return "planned"
    return verdict


def _only_wished(verb: Token, negated: bool = False) -> bool:
    """Is the verb told under a modal of possibility or obligation ("should cancel"), or as
    the infinitive or "that" clause of a word of WISHING_WORDS ("urged X to cancel",
    "demanded that X cancel", "calls from lawmakers for X to cancel", where the parser hangs
    the infinitive on the verb whose object the calls are)? A negated verb under "could"
    tells what was not possible, so happened not ("could not meet X"): not wished."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    modals = IRREALIS_MODALS - {"could", "ca"} if negated else IRREALIS_MODALS
    if any(c.dep_ == "aux" and c.lower_ in modals for c in verb.children):
        return True
    if verb.tag_ != "VB" or verb.dep_ not in ("xcomp", "ccomp", "advcl", "acl"):
        return False
    if not has_to(verb) and not any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children):
        return False
    head = verb.head
    if base_form(head) in WISHING_WORDS:
        return True
    return verb.dep_ == "advcl" and any(
        c.dep_ == "dobj" and c.i < verb.i and base_form(c) in WISHING_WORDS for c in head.children
    )


def _lexical_status(word: Token) -> Status | None:
    """What a governing word's meaning says of the event under it: called off, shelved or
    refused -> not_occurred; postponed or put off -> planned (it is to come, later)."""
    lemma = base_form(word)
    if lemma in PHRASAL_CANCELLING and any(has_particle(word, p) for p in PHRASAL_CANCELLING[lemma]):
        return "not_occurred"
    if lemma in PHRASAL_POSTPONING and any(has_particle(word, p) for p in PHRASAL_POSTPONING[lemma]):
        return "planned"
    if _any_form_in(word, CANCELLING_LEMMAS):
        return "not_occurred"
    if _any_form_in(word, POSTPONING_LEMMAS):
        return "planned"
    return None


def postpones(word: Token) -> bool:
    """Does the word move what it governs to a later time ("postponed", "put off")?"""
    return _lexical_status(word) == "planned"


def _tense_carrier(trigger: Token, predicate: Token | None, path: list[tuple[Token, Token]]) -> Token | None:
    if predicate is not None and predicate.tag_ in FINITE_TAGS and not _is_bare_participle(predicate):
        return predicate
    for verb in (predicate, trigger):
        if verb is not None and _emphatic(verb):
            return verb
    if trigger.tag_ in FINITE_TAGS and trigger.pos_ in ("VERB", "AUX") and not _is_bare_participle(trigger):
        return trigger
    for _, head in path:
        if _is_bare_participle(head):
            continue  # "told reporters before heading into talks": the gerund has no tense
        if head.pos_ in ("VERB", "AUX") and head.tag_ in FINITE_TAGS:
            return head
    # A verb in a clause the walk stopped at: "went to Beijing to meet X"; a participle
    # takes the tense of the clause it hangs from ("Weber, speaking after a meeting, said").
    head = (predicate or trigger).head
    for _ in range(4):
        if head.pos_ in ("VERB", "AUX") and head.tag_ in FINITE_TAGS and not _is_bare_participle(head):
            return head
        if head.head == head:
            break
        head = head.head
    return None


def _emphatic(verb: Token) -> bool:
    """ "A and B did meet on Tuesday", "they do meet": "do" carries the tense of the bare
    verb after it (not a question's "did A meet B?", where "do" comes before the subject)."""
    subjects = [c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return verb.tag_ == "VB" and any(
        a.dep_ == "aux"
        and a.lemma_ == "do"
        and a.tag_ in ("VBD", "VBZ", "VBP")
        and all(a.i > i for i in subjects)
        for a in verb.children
    )


def _is_bare_participle(verb: Token) -> bool:
    return verb.tag_ == "VBG" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def present_tense(trigger: Token, predicate: Token | None = None) -> Literal["simple", "progressive"] | None:
    """Is the event told in the simple present ("X meets Y") or the present progressive ("X is
    meeting Y", "where he's hosting Y")? With a time to come, either tells what is arranged
    ("meets Y on Friday", "are meeting next week"), which events.py reads forward from the
    story's date; with no day named, the progressive is the story's own day."""
    carrier = _tense_carrier(trigger, predicate, governing_path(trigger))
    if carrier is None:
        return None
    if _present_progressive(carrier):
        return "progressive"
    return "simple" if _simple_present(carrier) else None


def _simple_present(carrier: Token) -> bool:
    return (
        carrier.tag_ in ("VBZ", "VBP")
        and carrier.pos_ == "VERB"
        and not any(c.dep_ in ("aux", "auxpass") for c in carrier.children)
    )


def _present_progressive(carrier: Token) -> bool:
    return carrier.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") and c.lemma_ == "be" for c in carrier.children
    )


def clause_tense(verb: Token) -> Tense:
    """The time a verb's own clause speaks of: "flew" the past, "will fly" the future."""
    status = _tense_status(verb)
    return "future" if status == "planned" else "past" if status == "occurred" else None


def _tense_status(verb: Token) -> Status | None:
    tag = verb.tag_
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if _has_modal(verb) or is_conditional(verb):
        return "planned"
    if _is_negated(verb):
        return "not_occurred"
    if tag == "VBD":
        return "occurred"
    if _emphatic(verb):
        return "occurred"
    if tag == "VBN":
        # "has met", "was held": reported past; "to be held": to come.
        return "planned" if any(a.lower_ == "to" for a in auxes) else "occurred"
    if tag == "VBG":
        # "are meeting", "were holding": taking place or took place.
        return "occurred" if any(a.lemma_ == "be" for a in auxes) else None
    if tag in ("VBZ", "VBP"):
        # The present of headlines and of ongoing talks reports what is happening.
        return "occurred"
    return None
