"""Phone, telephone and video calls: "phoned", "held a phone call", "telephone
conversation", "spoke by telephone with", "telephonic talks"."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from kg.nlp.facts.mention import Finder, Trigger, prep_objects, slipped_with_party
from kg.nlp.facts.speakers import PERSON_NOUNS
from kg.nlp.factuality import has_particle, has_to, is_light_verb_object
from kg.nlp.gazetteer import TITLE_HEADS
from kg.nlp.lexicon import words

PHONE_WORDS = words("phone-words")
CALL_VERBS = words("call-verbs")
CONVERSATION_NOUNS = words("conversation-nouns")
SPEAKING_VERBS = words("speaking-verbs")
# "spoke telephonically", "met virtually": adverbs of the medium.
MEDIUM_ADVERBS = ("telephonically", "virtually")
# "a courtesy call on X": a visit in person.
COURTESY_WORDS = words("courtesy-words")
CALLING_OUT_PREPS = words("calling-out-prepositions")
VOTE_CALL_WORDS = words("vote-call-words")
# "a call to X", "a call from X": the party rung, or who rang.
CALLED_PREPS = ("to", "from")


def has_phone_cue(token: Token) -> bool:
    """'phone call', 'telephone conversation', 'spoke by phone', 'talked over the telephone',
    'a virtual meeting', 'met virtually', 'by video link'; of a noun, also told in the
    participle that describes it: 'the meeting done via video-conferencing', or on the verb
    that only carries it: 'held a meeting, via videoconference, with X' (the parser hangs the
    medium from the verb)."""
    if token.pos_ in ("NOUN", "PROPN") and is_light_verb_object(token) and has_phone_cue(token.head):
        return True
    for child in token.children:
        if child.dep_ in ("compound", "amod", "nmod") and child.lower_ in PHONE_WORDS:
            return True
        if (
            child.dep_ == "prep"
            and child.lower_ in ("by", "over", "on", "via")
            and any(
                p.lower_ in PHONE_WORDS or p.lemma_ in PHONE_WORDS or _phone_compound(p)
                for p in child.children
            )
        ):
            return True
        # "virtually" beside a verb of meeting is its medium, not "almost" ("virtually all");
        # in "met virtually today" the parser may hang it from the day.
        if child.dep_ == "advmod" and child.lower_ in MEDIUM_ADVERBS:
            return True
        if child.dep_ == "npadvmod" and any(
            g.dep_ == "advmod" and g.lower_ in MEDIUM_ADVERBS for g in child.children
        ):
            return True
        if token.pos_ in ("NOUN", "PROPN") and child.dep_ == "acl" and has_phone_cue(child):
            return True  # "a summit held by video link"
        if token.pos_ == "VERB" and child.dep_ == "prep" and any(_call_as_medium(p) for p in child.children):
            return True  # "spoke with X on a call", "had spoken with X in a brief call"
    return False


def _call_as_medium(noun: Token) -> bool:
    """ "on a call", "in a congratulatory call", "during Monday's call": the call noun as the
    occasion a verb of speaking is set in. Not an appeal ("in a call for calm") nor a vote
    ("during the roll call")."""
    return (
        noun.dep_ == "pobj"
        and noun.head.lower_ in ("on", "in", "during", "over")
        and noun.pos_ == "NOUN"
        and noun.lemma_.lower() == "call"
        and not any(c.dep_ == "prep" and c.lower_ in ("for", "to") for c in noun.children)
        and not any(c.dep_ == "compound" and c.lower_ in VOTE_CALL_WORDS for c in noun.children)
    )


def _phone_compound(noun: Token) -> bool:
    """ "by video link", "via video-conferencing": the medium named by the compound."""
    return any(c.dep_ == "compound" and c.lower_ in PHONE_WORDS for c in noun.children)


def find_call(token: Token) -> Trigger | None:
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB":
        if lemma in CALL_VERBS:
            # "will ring in the New Year with his wife", "ringing it in": a season is rung in,
            # no one is rung.
            return None if has_particle(token, "in") else Trigger("call", token)
        if lemma == "call" and _calls_someone(token):
            return Trigger("call", token)
        if lemma in SPEAKING_VERBS and has_phone_cue(token):
            return Trigger("call", token)
        if (
            lemma in HEADLINE_MEDIUM_VERBS
            and (prep_objects(token, ("with",)) or slipped_with_party(token))
            and headline_tells_call(token.doc)
        ):
            return Trigger("call", token)
        return None
    if token.pos_ in ("NOUN", "PROPN") and (
        lemma in CONVERSATION_NOUNS or token.lower_ in CONVERSATION_NOUNS
    ):
        if is_courtesy_call(token):
            return None  # a meeting (meetings.py)
        if has_phone_cue(token):
            return None if _traffic(token) else Trigger("call", token)
        # "a call with X" held or received: the noun alone is too vague elsewhere ("a call for peace").
        if (
            lemma == "call"
            and token.dep_ == "dobj"
            and token.head.lemma_ in ("hold", "have", "receive", "make")
            and any(c.dep_ == "prep" and c.lower_ in ("with", "from") for c in token.children)
        ):
            return Trigger("call", token)
        # "in a call with Weber", "the call between Weber and Varga": a call with a named
        # party is a conversation, whatever the clause does with it.
        if lemma == "call" and _named_party(token):
            return Trigger("call", token)
        # "the call", "Thursday's call": only ever a call the story has told (assembly.py
        # links it there; on its own it names too few parties to be a fact).
        if lemma == "call" and is_definite_call(token):
            return Trigger("call", token)
    return None


# "spoke with X", "talked with X": the verbs whose medium the story's headline may give.
HEADLINE_MEDIUM_VERBS = ("speak", "talk")
CALL_FINDER = Finder(
    find_call,
    lemmas=CALL_VERBS | SPEAKING_VERBS | CONVERSATION_NOUNS | {"call", *HEADLINE_MEDIUM_VERBS},
    forms=CONVERSATION_NOUNS,
)
_HEADLINE_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")


def headline_tells_call(doc: Doc) -> bool:
    """The headline names a call: "X's Call with Y", "Calls between X and Y", "phone
    conversation", "talk by phone". A readout or report so headed tells the call in its body
    as "X spoke with Y" and gives the medium nowhere else; the headline is the story's own
    word for that conversation ("a call for", "Call to Action" are appeals, no call)."""
    told = doc.user_data.get("kg_headline_tells_call")
    if told is None:  # once per story, not for each verb that asks
        told = doc.user_data["kg_headline_tells_call"] = _names_a_call(doc.user_data.get("kg_title") or "")
    return bool(told)


def _names_a_call(headline: str) -> bool:
    words = _HEADLINE_WORD.findall(headline.lower())
    for i, word in enumerate(words):
        before = words[i - 1] if i else ""
        after = words[i + 1] if i + 1 < len(words) else ""
        if word in ("call", "calls") and after in ("with", "between"):
            return True
        if word in PHONE_WORDS and (after in CONVERSATION_NOUNS or before in ("by", "over", "via")):
            return True
    return False


def is_courtesy_call(noun: Token) -> bool:
    """ "paid a courtesy call on the president": a visit in person, not a phone call."""
    return (
        noun.pos_ == "NOUN"
        and noun.lemma_.lower() == "call"
        and any(c.dep_ in ("amod", "compound") and c.lower_ in COURTESY_WORDS for c in noun.children)
    )


def is_definite_call(noun: Token) -> bool:
    """ "the call", "Thursday's call", "the Monday call with X"; not "the call for
    elections", "his call to resign" (an appeal) nor "the calls"."""
    return (
        noun.lemma_.lower() == "call"
        and noun.tag_ == "NN"
        and any(
            c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "that"))
            for c in noun.children
        )
        and not any(
            c.dep_ in ("acl", "relcl")
            and c.tag_ == "VB"
            or c.dep_ == "prep"
            and c.lower_ in ("for", "to", "on", "by")
            for c in noun.children
        )
    )


def _named_party(noun: Token) -> bool:
    """ "with Weber", "between Weber and Varga": a proper name after the noun's partner word
    (of one call: "calls between the two countries" are traffic); "a call to Weber", "a
    call from Weber": a person's name (not "a call to arms", "a call to Weber to resign",
    "a call to Weber for restraint", which are appeals)."""
    if noun.tag_ == "NNS":
        # "Weber's calls with Ambassador Varga", "was arranging calls with both Ruiz and
        # Lind": calls with a person named are conversations, however many.
        return any(
            t.pos_ == "PROPN" and t.ent_type_ == "PERSON"
            for p in prep_objects(noun, ("with",))
            for t in (p, *p.conjuncts)
        )
    if noun.tag_ != "NN":
        return False
    partners = prep_objects(noun, ("with", "between"))
    if any(any(t.pos_ == "PROPN" for t in (p, *p.conjuncts)) for p in partners):
        return True
    return any(p.ent_type_ == "PERSON" for p in prep_objects(noun, CALLED_PREPS)) and not _appeal(noun)


def _appeal(noun: Token) -> bool:
    """ "a call to X to resign", "a call to X for restraint": an infinitive or a "for" in
    the phrase, or an infinitive right after it (the parser may hang it from the clause),
    makes the call an appeal."""
    end = noun.right_edge.i + 1
    after = noun.doc[end] if end < len(noun.doc) else None
    if after is not None and after.tag_ == "TO" and after.head.tag_ == "VB":
        return True
    return any(t.tag_ == "VB" and has_to(t) or t.dep_ == "prep" and t.lower_ == "for" for t in noun.subtree)


def _calls_someone(verb: Token) -> bool:
    """'called Revik on Tuesday to congratulate him', not 'called for talks', 'called on
    Revik to resign', 'called him a liar', 'called off'."""
    children = list(verb.children)
    named = named_callee(verb)
    if any(c.dep_ in ("prt", "xcomp", "oprd", "ccomp", "acomp") and c != named for c in children):
        return False
    objects = [c.i for c in children if c.dep_ == "dobj" or c == named]
    if any(
        c.dep_ == "prep"
        and (
            c.lower_ in CALLING_OUT_PREPS
            # "called on X" appeals to X; "called X on Monday" rang X, the day after its object,
            # and so did "On Monday, Y called X", the day before the verb.
            or c.lower_ in ("on", "upon")
            and c.i > verb.i
            and not any(i < c.i for i in objects)
        )
        for c in children
    ):
        return False
    if verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in children):
        return False  # "a meeting called by ...", "so-called"
    if _voted_on(verb):
        return False  # "voted against calling X": a summons put to a vote, no one rung
    if sum(c.dep_ in ("dobj", "dative") for c in children) > 1:
        return False  # "calling Revik the 'most valuable player'": two objects name, not phone
    if any(c.dep_ == "dobj" and _named_as(c) for c in children):
        return False  # "calling Revik 'my partner'", "called Revik, a former judge, a great man"
    if any(c.dep_ == "dobj" and (_possessor(c) or _description_follows(c)) for c in children):
        return False  # "called Revik's plan a folly", "called the minister a liar"
    if any(c.dep_ == "dobj" and _name_ends_sentence(c) for c in children):
        return False  # "calls Revik and Lind, two judges who ..., traitors."
    return named is not None or any(
        c.dep_ == "dobj" and (c.pos_ in ("PROPN", "PRON") or _described_person(c)) for c in children
    )


# "voted against calling X", "forced votes on calling X": a call voted on is a summons (of a
# witness, an assembly), a procedure, never a conversation.
VOTE_WORDS = words("vote-words")


def _voted_on(verb: Token) -> bool:
    """Is the verb a gerund that a vote is taken on ("vote on calling X", "forced votes on
    calling X", "the motion for calling X")? The preposition may hang from the vote itself
    or from the verb whose object the vote is."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.dep_ != "prep":
        return False
    holder = prep.head
    return holder.lemma_.lower() in VOTE_WORDS or any(
        c.dep_ == "dobj" and c.lemma_.lower() in VOTE_WORDS for c in holder.children
    )


def named_callee(verb: Token) -> Token | None:
    """ "called Anna Lind on Friday to discuss the dispute": the parser may read the person
    rung as a complement ("called X a liar" has two); one person's name as the only
    complement, with a purpose ("to discuss", "to congratulate her"), is whom the call was to.
    So is a lone complement that describes a person and gives the name in apposition ("called
    a local party chairman, Jan Weber, and asked him to run"): a name given as what someone
    is called is no apposition of a noun for a person."""
    if verb.lemma_.lower() != "call":
        return None
    complements = [c for c in verb.children if c.dep_ in ("oprd", "xcomp", "ccomp", "acomp", "dobj")]
    if len(complements) != 1:
        return None
    callee = complements[0]
    if callee.dep_ == "oprd" and _described_person(callee):
        return callee
    purpose = any(c.dep_ == "advcl" and c.tag_ == "VB" and has_to(c) for c in verb.children)
    if purpose and callee.dep_ == "oprd" and callee.pos_ == "PROPN" and callee.ent_type_ == "PERSON":
        return callee
    if _name_called_name(verb, callee):
        return callee
    return None


def _name_called_name(verb: Token, callee: Token) -> bool:
    """ "Weber called Varga in August and told him": the parser may read the person rung as
    what someone was called, a complement ("Weber called Varga"), and may even read a surname
    right before "called" as a noun the participle names ("a man called Varga"). A person's
    name with nothing after it that could be what Varga was called ("a liar", a quotation),
    alone after a clause's subject or after another person's name, is whom the call was to."""
    if not (callee.dep_ == "oprd" and callee.pos_ == "PROPN" and callee.ent_type_ in ("PERSON", "")):
        return False  # (a surname the tagger left bare is read through the story's names)
    head = verb.head
    misread = (
        verb.dep_ == "acl" and verb.i == head.i + 1 and head.pos_ == "PROPN" and head.ent_type_ == "PERSON"
    )
    if not misread and not any(c.dep_ == "nsubj" for c in verb.children):
        return False
    if any(c.dep_ == "appos" for c in callee.children):
        return False  # "called Weber, his rival, a fraud": described, then named
    # What follows the name must go on with the clause ("in August", "20 minutes before",
    # "and told him") or end it; a comma may open a description and then what he was called
    # ("called Weber, his rival, a fraud").
    after = callee.right_edge.i + 1
    if after >= verb.sent.end:
        return True
    token = verb.doc[after]
    if token.is_quote or token.text == "," or _description_follows(callee):
        return False
    return token.is_punct or token.pos_ in _AFTER_CALLEE_POS or token.ent_type_ in ("DATE", "TIME")


def _described_person(obj: Token) -> bool:
    """ "his allies, the Velonian prime minister, Ana Ruiz, and ...", "a delegate candidate,
    Jan Weber": a common noun whose apposition (or the apposition of a title in apposition to
    it) is a person's name. The parser reads the description of the person rung as the object
    and hangs the name below it; "called the plan a disaster" has no name there, and "called
    his rival, Jan Weber, a liar" describes the name after it: what he was called."""
    if obj.pos_ != "NOUN" or not _nothing_given_after(obj):
        return False
    stack, seen = [obj], 0
    while stack and seen < 6:
        token = stack.pop()
        seen += 1
        for child in token.children:
            if child.dep_ != "appos":
                continue
            if child.pos_ == "PROPN" and child.ent_type_ == "PERSON":
                # "the next Karel Vondrak", "a new Vondrak": a name with an article is a
                # likeness, what the person is called.
                if not any(
                    g.dep_ == "det" or (g.dep_ == "appos" and g.pos_ == "NOUN") for g in child.children
                ):
                    return True
            elif child.pos_ == "NOUN" and child.lemma_.lower() in PERSON_NOUNS:
                stack.append(child)
    return False


# What may follow the description of the one rung: the clause goes on ("and asked", "to
# discuss", "on Monday", "as soon as") or ends.
_AFTER_CALLEE_POS = frozenset({"ADP", "SCONJ", "CCONJ", "PART", "ADV"})


def _nothing_given_after(obj: Token) -> bool:
    """ "called the party's chairman, Jan Weber, 'a loyal ally'", "called his rival, Jan
    Weber, dishonest": a quotation, an adjective or a noun phrase after the described person
    is what they were called, so the person was named, not rung. A date, a preposition, a
    conjunction or the sentence's end after it leave the call."""
    names = [t.right_edge.i for t in obj.subtree if t.dep_ == "appos" and t.pos_ == "PROPN"]
    # From the last name on: the parser may hang what follows it inside the object's phrase.
    for token in obj.doc[max(names, default=obj.right_edge.i) + 1 : obj.sent.end]:
        if token.is_quote:
            return False
        if token.is_punct and token.text in (",", "-", "\u2013", "\u2014"):
            continue
        return token.is_punct or token.pos_ in _AFTER_CALLEE_POS or token.ent_type_ in ("DATE", "TIME")
    return True


def _name_ends_sentence(obj: Token) -> bool:
    """ "calls Revik and Lind, two judges who sat on the case, traitors.", "a billboard calling
    Revik and other members of the council racists.": a bare plural noun (no article,
    possessor or number) that ends the sentence after the object, with no verb between them
    but those of the object's own phrase, is what the object was called, however the parser
    hung it."""
    sent = obj.sent
    words = [t for t in sent if not t.is_punct and not t.is_space]
    if not words:
        return False
    last = words[-1]
    if last.i <= obj.i or last.tag_ != "NNS" or last in obj.head.children:
        return False
    # "the Zelin Caucus racists": the parser may take a name before the noun as its
    # compound, and the name's article as the noun's.
    named = any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in last.children)
    if any(
        c.dep_ in ("nummod", "amod", "poss")
        or (c.dep_ == "det" and not named)
        or (c.dep_ == "compound" and c.pos_ != "PROPN")
        for c in last.children
    ):
        return False
    own = {t.i for t in obj.subtree}
    return not any(t.pos_ in ("VERB", "AUX") and t.i not in own for t in obj.doc[obj.i + 1 : last.i])


def _possessor(obj: Token) -> bool:
    """ "has called Revik's decision the worst mistake": an object that is a possessor is
    the parser's cut of the thing possessed after it ("decision", read as a verb), which is
    what was named; no one rung is a possessor."""
    return any(c.dep_ == "case" and c.tag_ == "POS" for c in obj.children)


# What may open the second noun phrase of "called X a liar", "called X the best": an article,
# a determiner, an adjective or a noun right after the object.
_NAMING_POS = frozenset({"DET", "ADJ", "NOUN"})


def _description_follows(obj: Token) -> bool:
    """ "the idea I ever called the minister an idiot", "called Revik dishonest": a noun
    phrase or an adjective right after the object (the parser may hang it anywhere, even as
    the subject of the next verb) is what the object was called. A day or a time there
    ("called Revik this morning", "called Revik last night"), or how often ("called Revik
    several times"), is when the call was made."""
    after = obj.right_edge.i + 1
    if after >= obj.sent.end:
        return False
    token = obj.doc[after]
    if token.ent_type_ in ("DATE", "TIME") or "npadvmod" in (token.dep_, token.head.dep_):
        return False
    return token.pos_ in _NAMING_POS


def _traffic(noun: Token) -> bool:
    """ "telephone calls between the two countries": calls between places, not people, are
    traffic (rates, volumes), no conversation of anyone's."""
    between = prep_objects(noun, ("between",))
    return (
        noun.tag_ == "NNS"
        and bool(between)
        and not any(p.ent_type_ == "PERSON" or p.lemma_.lower() in TITLE_HEADS for p in between)
    )


def _named_as(obj: Token) -> bool:
    """What "called X" names X, where the parser hung the name given elsewhere: a quotation
    opening right after the object ("calling Revik "my partner""), or a second description
    after the object's own apposition ("called Revik, a former judge, a great man": the
    first says who Revik is, the second what he is called)."""
    after = obj.right_edge.i + 1
    if after < len(obj.doc) and obj.doc[after].is_quote and obj.doc[after].tag_ == "``":
        return True
    # "called Revik the "iron broom"", "called Revik, a former judge, "Mr. No"": the parser may
    # hang the quoted name as an apposition inside the object's own phrase.
    if any(
        t.tag_ == "``" and t.i > obj.i and (t.head == obj or (t.head.dep_ == "appos" and t.head.head == obj))
        for t in obj.subtree
    ):
        return True
    # The name given ends the clause: "called X, the minister, a close ally, on Monday" rang X.
    ends = not any(c.i > obj.i and not c.is_punct for c in obj.head.children)
    return ends and sum(t.dep_ == "appos" and t.pos_ == "NOUN" for t in obj.subtree) > 1
