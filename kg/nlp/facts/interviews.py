"""A news outlet interviewed a person: "said in an interview with the daily Le Phare",
"told Norpress", "speaking to the Harbour Bay Times", "Norpress interviewed ...". Not "told
reporters", not "said in a statement", not an outlet reporting or citing."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from spacy.tokens import Doc, Span, Token

from kg.model import Entity, Evidence, Interview
from kg.nlp import gazetteer
from kg.nlp.cached import ents_in, tokens_with_lemma
from kg.nlp.dates import normalise_date
from kg.nlp.entities import ArticleEntities
from kg.nlp.facts.meetings import INTERVIEW_NOUNS, MEETING_NOUNS
from kg.nlp.facts.mention import evidence_of, indefinite, prep_objects
from kg.nlp.facts.parties import governing_verb, resolve_mention, subjects_of
from kg.nlp.facts.quotes import TITLE_SMALL_WORDS, pronoun_person, quoting_subject
from kg.nlp.facts.speakers import PERSON_NOUNS, QUESTIONING_VERBS, UNNAMED_SOURCES, named_as
from kg.nlp.facts.surname_speakers import surname_bearer
from kg.nlp.facts.title_words import ORGANISATION_WORDS
from kg.nlp.factuality import is_light_verb_object
from kg.nlp.gender import is_given_name
from kg.nlp.lexicon import phrasal_verbs, single_words, words
from kg.nlp.outlets import MASTHEAD_WORDS, after_affiliate_noun
from kg.nlp.pronouns import is_person_pronoun, person_before

SPEAKING_TO_VERBS = words("speaking-to-verbs")
EDITORIAL_NOUNS = words("editorial-nouns")
PROGRAMME_NOUNS = words("programme-nouns")
REMARK_NOUNS = words("remark-nouns")
APPEARING_WORDS = single_words("appearing-words")
SITTING_DOWN = phrasal_verbs("appearing-words")
DEBATE_WORDS = words("debate-words")
# Words that make a name a body's, not an outlet's ("told the Harbour Assembly"): the
# organisation and body words that are no outlet's kind or masthead word.
_BODY_WORDS = (ORGANISATION_WORDS | words("occasion-nouns")) - gazetteer.OUTLET_NOUNS - MASTHEAD_WORDS
# The lemmas _interview_at reads (no other word is an interview): looked up in the story's
# lemma index rather than tested on every token.
_INTERVIEW_LEMMAS = frozenset(
    {
        *INTERVIEW_NOUNS,
        "tell",
        "on",
        *SPEAKING_TO_VERBS,
        *MEETING_NOUNS,
        *REMARK_NOUNS,
        *APPEARING_WORDS,
        *SITTING_DOWN,
        *QUESTIONING_VERBS,
    }
)


def extract_interviews(
    doc: Doc, index: ArticleEntities, article_id: str, published: date | None
) -> list[Interview]:
    found: dict[tuple[Entity, Entity], list[Evidence]] = {}
    dates: dict[tuple[Entity, Entity], str | None] = {}
    for token in tokens_with_lemma(doc, _INTERVIEW_LEMMAS):
        pair = _interview_at(token, index)
        if pair is None:
            continue
        outlet, person, verb = pair
        outlet = _without_interviewer(outlet, index)
        if len(index.surname_bearers(person)) >= 2:
            # "Weber told the Courier" where the story names two Webers: the one the
            # quotations' reader makes of it (the Weber last reported speaking), else no one.
            bearer = surname_bearer(person, verb, index)
            if bearer is None:
                continue
            person = bearer
        key = (outlet, person)
        evidence = evidence_of(article_id, token.sent)
        found.setdefault(key, [])
        if evidence not in found[key]:
            found[key].append(evidence)
        if dates.get(key) is None:
            dates[key] = _date_of(verb, published)
    return [
        Interview(outlet=o, person=p, date=dates[(o, p)], evidence=tuple(sorted(ev)))
        for (o, p), ev in found.items()
    ]


def _without_interviewer(outlet: Entity, index: ArticleEntities) -> Entity:
    """ "told Harbour News' Ana Ruiz", "an interview with Norpress’s Karel Brandt": where the
    tagger ran the outlet's name on into its interviewer's (a given name after the possessive),
    the outlet is the words before the possessive."""
    words = outlet.name.split()
    for i, word in enumerate(words[:-1]):
        if not word.endswith(("'", "’", "'s", "’s")):
            continue
        after = words[i + 1 :]
        if len(after) > 3 or not all(w[:1].isupper() for w in after):
            continue
        if not is_given_name(after[0]):
            continue
        last = word[:-2] if word.endswith(("'s", "’s")) else word[:-1]
        name = " ".join([*words[:i], last])
        return index.named(name) or Entity(name, "outlet")
    return outlet


def _at_a_debate(sentence: Span) -> bool:
    """Does the sentence tell of a question put at a debate: its moderator or panelist, or
    the debate as the occasion ("in/at/during the debate", "the debate stage")? Not a debate
    as a topic ("pressed Varga on the debate over taxes")."""
    for t in sentence:
        word = t.lemma_.lower()
        if word not in DEBATE_WORDS:
            continue
        if word != "debate" or t.dep_ == "compound":
            return True
        if t.dep_ == "pobj" and t.head.lower_ in ("in", "at", "during"):
            return True
    return False


def _interview_at(token: Token, index: ArticleEntities) -> tuple[Entity, Entity, Token] | None:
    lemma = token.lemma_.lower()
    if lemma in INTERVIEW_NOUNS and token.pos_ == "NOUN":
        return _interview_noun(token, index)
    if lemma in MEETING_NOUNS and token.pos_ == "NOUN":
        return _interview_noun(token, index) if _with_editors(token) else None
    if lemma in REMARK_NOUNS and token.pos_ == "NOUN":
        return _remarks_made_on(token, index)
    if lemma in APPEARING_WORDS or lemma in SITTING_DOWN:
        return _appearance(token, index)
    if lemma == "on":
        return _opening_show(token, index) or _closing_show(token, index)
    if token.pos_ != "VERB":
        return None
    if lemma == "tell":
        objects = [c for c in token.children if c.dep_ in ("dobj", "dative")]
        # "told the weekly Harbour am Sonntag": the parser may make the outlet noun the object
        # and scatter the name after it.
        near = [t for o in objects for t in token.doc[o.left_edge.i : min(o.i + 4, token.sent.end)]]
        # "told Norpress Stockholm itself would ...": the outlet right after the verb, parsed into
        # the reported clause.
        near += [t for t in token.doc[token.i + 1 : min(token.i + 3, token.sent.end)] if t.pos_ == "PROPN"][
            :1
        ]
        outlet = (
            _show_among(objects, index)
            or _outlet_among(objects + near, index, strict=True)
            or _name_told(token, objects, index)
            or _interviewer_outlet(objects, index)
            or _short_outlet(objects, index)
            # "told Anna Lind on 'Harbour Mornings'": the show the one told hosts.
            or _broadcast_on(token, index)
        )
        # "..., told Norpress's Ana Ruiz": the parser may take the one told for the subject.
        person = person_before(token, index) if _subject_told(token, index) else _speaker(token, index)
        return (outlet, person, token) if outlet and person else None
    if lemma in SPEAKING_TO_VERBS:
        to_objects = prep_objects(token, ("to", "with"))
        # "spoke with Courier senior writer X": the outlet among the name's premodifiers.
        premodifiers = [t for p in to_objects for t in token.doc[p.left_edge.i : p.i]]
        outlet = (
            _outlet_among(to_objects + premodifiers, index, strict=True)
            or _broadcast_on(token, index)
            or _interviewer_outlet(to_objects, index)
        )
        person = _speaker(token, index)
        return (outlet, person, token) if outlet and person else None
    if lemma in QUESTIONING_VERBS:
        # "Lind pressed Varga on the budget", where the story names Lind as Norpress's anchor
        # (not a request: "Lind asked Varga to stay"). The one questioned first: the outlet's
        # reader looks through the story's names.
        if any(c.dep_ == "xcomp" for c in token.children):
            return None
        if _at_a_debate(token.sent):
            return None  # "In the debate, Norvale Radio moderator Ana Ruiz asked Varga ...": no interview
        person = _asked(token, index)
        outlet = _interviewer_outlet(subjects_of(token), index) if person else None
        return (outlet, person, token) if outlet and person else None
    return None


def _name_told(verb: Token, objects: list[Token], index: ArticleEntities) -> Entity | None:
    """An organisation the story knows as nothing else, told what was said: "X told
    Norpress that ...", "X told the Harbour Record". Not a body or an occasion ("told the
    Harbour Assembly", "told the Budget Committee", "told the Harbour Forum"), an acronym
    ("told the UN"), an instruction ("told Norcorp to stop"), or a name that only qualifies
    the one told ("told Norcorp staff")."""
    if any(c.dep_ == "xcomp" for c in verb.children):
        return None
    for obj in (o for o in objects if o.dep_ == "dobj"):
        entity, span = index.entity_at(obj), index.span_of(obj)
        # (an organisation to the tagger too, not an event: "told the Harbour Games")
        if entity is None or span is None or entity.type != "organization" or span.label_ != "ORG":
            continue
        name_words = entity.name.split()
        if entity.name.isupper() or not all(w[:1].isupper() for w in name_words if w.lower() != "the"):
            continue
        if any(w in _BODY_WORDS for w in entity.name.lower().replace("-", " ").split()):
            continue
        return Entity(entity.name, "outlet")
    return None


def _short_outlet(tokens: Iterable[Token], index: ArticleEntities) -> Entity | None:
    """An outlet the story names in full, told by the first word of its name alone: "told
    Norvale" in a story with "a Norvale Radio poll" (the tagger may take the word for a
    person's name). The name as written."""
    for token in tokens:
        entity = index.entity_at(token)
        if entity is None or entity.type in ("country", "place") or " " in entity.name:
            continue
        opening = entity.name + " "
        if any(e.type == "outlet" and e.name.startswith(opening) for e in index.entities):
            return Entity(entity.name, "outlet")
    return None


def _interviewer_outlet(tokens: Iterable[Token], index: ArticleEntities) -> Entity | None:
    """The outlet of the person a phrase names, where the story names them as its staff:
    "told Lind", "pressed by Lind", with "Norpress's Anna Lind", "Norpress anchor Anna Lind"
    or "Anna Lind of Norpress" elsewhere in the story."""
    for token in tokens:
        person = index.entity_at(token)
        if person is not None and person.type == "person" and token.pos_ == "PROPN":
            return _staff_outlet(person, index)
    return None


def _staff_outlet(person: Entity, index: ArticleEntities) -> Entity | None:
    doc = index.doc
    for i, entity in index.by_token.items():
        if entity != person:
            continue
        span = index.span_of(doc[i])
        if span is None or i != span.end - 1:
            continue
        root = span.root
        owners = [*doc[root.left_edge.i : span.start], *prep_objects(root, ("of",))]
        outlet = next((t for t in owners if _is_outlet(t, index)), None)
        if outlet is not None:
            return index.entity_at(outlet)
    return None


def _interview_noun(noun: Token, index: ArticleEntities) -> tuple[Entity, Entity, Token] | None:
    objects = prep_objects(noun, ("with", "to", "for", "by", "in", "on"))
    # "an interview published by X", "an interview given to X"
    for acl in (c for c in noun.children if c.dep_ == "acl"):
        objects += [
            p
            for c in acl.children
            if c.dep_ in ("prep", "agent") and c.lower_ in ("to", "by", "in")
            for p in c.children
            if p.dep_ == "pobj"
        ]
    possessors = [c for c in noun.children if c.dep_ == "poss"]
    # "said in a Courier interview": a known outlet before the noun (strict: "a police
    # interview" is no outlet's).
    # "an interview with host Y on Courier radio", "with Y of the Courier": the outlet the
    # interviewer speaks for (strict: "Y of the Farmers' Union" is no outlet).
    staff = [p for o in objects for p in prep_objects(o, ("on", "of"))]
    outlet = (
        _show_among(objects, index)
        or _title_after_preposition(noun, ("with", "to", "on"), index)
        or _title_before(noun)
        or _outlet_among(objects + possessors, index, strict=False)
        or _outlet_among([*(c for c in noun.children if c.dep_ == "compound"), *staff], index, strict=True)
        or _interviewer_outlet(prep_objects(noun, ("with",)), index)
    )
    return _given_by(noun, outlet, index) if outlet is not None else None


def _given_by(noun: Token, outlet: Entity, index: ArticleEntities) -> tuple[Entity, Entity, Token] | None:
    """The one who gave the interview (or appearance) `noun` names, with the verb it hangs on:
    its possessor, or the one questioned or speaking in the clause it closes or opens."""
    person = _person_among([c for c in noun.children if c.dep_ == "poss"], index)
    verb = governing_verb(noun)
    if person is None and noun.dep_ == "pobj" and noun.head.lower_ in ("in", "during"):
        person = _questioned(verb, index) or _asked(verb, index) or _speaker(verb, index)
        if person is None and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in gazetteer.SPEECH_LEMMAS:
            # "X said talks would resume, in an interview with the Courier": the parser
            # hangs the closing phrase on the words reported; the one saying them gave it.
            person = _speaker(verb.head, index)
    if person is None and noun.lemma_.lower() in APPEARING_WORDS and is_light_verb_object(noun):
        # "X made an appearance on 'Harbour Mornings'": the one who made it.
        person = _speaker(noun.head, index)
    if person is None and noun.dep_ == "dobj" and noun.head.lemma_.lower() in SPEAKING_TO_VERBS:
        # "X gave an interview to the Courier": the parser hangs "to the Courier" on the
        # noun; the one who gave it is the one interviewed.
        person = _speaker(noun.head, index)
    return (outlet, person, verb) if person else None


def _broadcast_on(verb: Token, index: ArticleEntities) -> Entity | None:
    """Speaking "on" an outlet or its broadcast: "said on Courier TV", "said on the Courier's
    'Morning Hour' program" (the programme, where named, is the outlet), "said on Harbour 1
    television" (the name before the outlet's kind noun, not a mere nationality)."""
    titled = _title_after_preposition(verb, ("on",), index)
    if titled is not None:
        return titled
    for obj in prep_objects(verb, ("on",)):
        owned = _owned_title(obj, index)
        if owned is not None:
            return owned
        entity = index.entity_at(obj)
        if entity is not None and entity.type == "outlet":
            return entity
        title = _bare_show(obj)
        if title is not None:
            return Entity(title, "outlet")
        if obj.lemma_.lower() not in PROGRAMME_NOUNS and obj.lower_ not in gazetteer.OUTLET_NOUNS:
            continue
        before = list(obj.doc[obj.left_edge.i : obj.i])
        quoted = _programme_title(obj)
        if quoted is not None:
            return Entity(quoted, "outlet")
        outlet = _outlet_among([obj], index, strict=True)
        if outlet is not None:
            return outlet
        k = len(before)
        while k > 0 and (before[k - 1].is_title or before[k - 1].is_upper or before[k - 1].like_num):
            k -= 1
        name = " ".join(t.text for t in before[k:])
        if (
            any(t.is_alpha for t in before[k:])
            and not gazetteer.country_of(name)
            and not all(t.ent_type_ in ("NORP", "GPE") and not t.like_num for t in before[k:])
        ):
            return Entity(name, "outlet")
    return None


def _appearance(token: Token, index: ArticleEntities) -> tuple[Entity, Entity, Token] | None:
    """Going on a broadcast: "X appeared on the Courier's 'Morning Hour'", "in an appearance on
    Harbour TV, X said", "sitting down with the Courier's 'Morning Hour', X remarked". What one
    goes on must be a known outlet or a programme the reader names ("appeared on the ballot",
    "sat down with the mayor" are none)."""
    lemma = token.lemma_.lower()
    if lemma in SITTING_DOWN:
        particles = [c for c in token.children if c.dep_ == "prt" and c.lower_ in SITTING_DOWN[lemma]]
        if token.pos_ != "VERB" or not particles:
            return None
        objects = prep_objects(token, ("with",))
    else:
        objects = prep_objects(token, ("on",))
    outlet = (
        _show_among(objects, index)
        or _title_after_preposition(token, ("with",) if lemma in SITTING_DOWN else ("on",), index)
        or next((t for t in (_owned_title(o, index) for o in objects) if t is not None), None)
        or _outlet_among(objects, index, strict=True)
    )
    if outlet is None:
        return None
    if token.pos_ == "NOUN":
        return _given_by(token, outlet, index)
    if token.pos_ != "VERB":
        return None
    if any(c.dep_ == "aux" and (c.tag_ == "MD" or c.lower_ == "to") for c in token.children):
        # "X will appear on 'Harbour Mornings'", "X is scheduled to appear on ...": a plan.
        return None
    # "Sitting down with ..., X remarked": the participle's subject is the clause's it opens.
    verb = token.head if token.dep_ == "advcl" and not subjects_of(token) else token
    # Only the subject: "a photo of X appeared on Harbour TV" is no interview of X.
    person = _speaker(verb, index, named_near=False)
    return (outlet, person, token) if person else None


def _opening_show(on: Token, index: ArticleEntities) -> tuple[Entity, Entity, Token] | None:
    """A sentence that opens on a show: "On 'Meet the Harbour,' X said ...", "Tuesday on Harbour
    TV's 'Morning Hour,' X discussed ...": what the one it names as the main clause's subject
    did there, they did as the show's guest. Only a quoted title counts (the parser scatters
    these openings, so the words are read in order): "On Harbour TV, X ..." and "On Tuesday,
    X ..." name no show; the opening is all that comes before the first comma after the title."""
    doc, sent = on.doc, on.sent
    before = doc[sent.start : on.i]
    if any(t.ent_type_ != "DATE" for t in before):
        return None
    found = _show_title_at(doc, on.i + 1, sent, index, outlet_owner=True)
    if found is None:
        return None
    title, close = found
    if not any(t.text == "," for t in doc[close - 1 : min(close + 2, sent.end)]):
        return None
    root = sent.root
    if root.pos_ != "VERB" or root.i < close:
        return None
    person = _speaker(root, index, named_near=False)
    return (Entity(title, "outlet"), person, root) if person else None


def _closing_show(on: Token, index: ArticleEntities) -> tuple[Entity, Entity, Token] | None:
    """A statement that closes on a show: 'X argued that ... would be elected on Tuesday's
    "Harbour Hour."', 'X stated that the story has moved on Friday's broadcast of Harbour
    TV's "Late Hour."' The parser hangs the phrase on a verb of the words reported; where it
    ends the sentence of a verb of saying, it says where they were said. Only a quoted
    title counts, and not on a verb of appearing ("X said he would appear on ..." is a
    plan)."""
    doc, sent = on.doc, on.sent
    root = sent.root
    if (
        on.head == root
        or root.tag_ not in ("VBD", "VBZ")
        or root.lemma_.lower() not in gazetteer.SPEECH_LEMMAS
        or on.head.lemma_.lower() in APPEARING_WORDS
        or on.i < root.i
    ):
        return None
    k = on.i + 1
    if k + 1 < sent.end and doc[k].ent_type_ == "DATE" and _is_possessive(doc[k + 1]):
        k += 2  # "Tuesday's"
    if k + 1 < sent.end and doc[k].lemma_.lower() in PROGRAMME_NOUNS and doc[k + 1].lower_ == "of":
        k += 2  # "broadcast of"
    found = _show_title_at(doc, k, sent, index, outlet_owner=False)
    if found is None:
        return None
    title, close = found
    if not all(t.is_punct or t.is_space for t in doc[close + 1 : sent.end]):
        return None
    person = _speaker(root, index, named_near=False)
    return (Entity(title, "outlet"), person, root) if person else None


def _show_title_at(
    doc: Doc, k: int, sent: Span, index: ArticleEntities, outlet_owner: bool
) -> tuple[str, int] | None:
    """The quoted show title that starts at `k`, after the possessive of whoever airs it where
    one comes first ("Harbour TV's 'Morning Hour'"): the title and the index of its closing
    mark. With `outlet_owner`, the words before the possessive must be a known outlet or end
    in an outlet's kind ("Harbour News Channel's")."""
    if k < sent.end and not doc[k].is_quote:
        start = k
        while k < sent.end and (doc[k].is_title or doc[k].is_upper) and not _is_possessive(doc[k]):
            k += 1
        if k == start:
            return None
        if outlet_owner and not (
            _is_outlet(doc[start], index) or doc[k - 1].lower_ in gazetteer.OUTLET_NOUNS
        ):
            return None
        if k < sent.end and _is_possessive(doc[k]):
            k += 1
        elif not _is_outlet(doc[start], index):
            # (no possessive: only after an outlet's own name, 'on Harbour TV "Late Hour"')
            return None
    if k >= sent.end or not doc[k].is_quote:
        return None
    close = next((t.i for t in doc[k + 1 : min(k + 12, sent.end)] if t.is_quote), None)
    if close is None:
        return None
    title = _title_words(list(doc[k + 1 : close]))
    return (title, close) if title is not None else None


def _title_after_preposition(head: Token, preps: tuple[str, ...], index: ArticleEntities) -> Entity | None:
    """The quoted title of a show right after one of the head's prepositions, read from the
    words themselves: the parser may make a title a clause of its own ('on "Meet the
    Harbour"', with "Meet" a verb) or hang it elsewhere. After the possessive or the name
    of the outlet that airs it where one comes first ('on Harbour TV "Late Hour"')."""
    doc = head.doc
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in preps:
            continue
        found = _show_title_at(doc, prep.i + 1, prep.sent, index, outlet_owner=True)
        if found is not None:
            return Entity(found[0], "outlet")
    return None


def _owned_title(obj: Token, index: ArticleEntities) -> Entity | None:
    """A show's unquoted title after the possessive of the outlet that airs it: "on Harbour
    TV's Meet the Harbour", "on Harbour TV's Harbour Week" (the possessor hung on the title's
    head, or the tagger's one name for both). Every word a title's; not a person ("on
    Harbour TV's Anna Lind" is its host)."""
    doc = obj.doc
    entity = index.entity_at(obj)
    if entity is not None and entity.type == "person":
        return None
    span = index.span_of(obj)
    owners = [c for c in obj.children if c.dep_ == "poss" and _is_outlet(c, index)]
    if owners:
        start, end = owners[0].right_edge.i + 1, obj.i + 1
    elif span is not None and entity is not None and entity.type != "outlet":
        marks = [t.i for t in span if _is_possessive(t)]
        if not marks or not gazetteer.is_known_outlet(doc[span.start : marks[0]].text):
            return None
        start, end = marks[0] + 1, span.end
    else:
        return None
    if start >= end or not _is_possessive(doc[start - 1]) or any(t.is_quote for t in doc[start:end]):
        return None  # (a quoted title is read whole where its marks are: _show_title_at)
    title = _title_words(list(doc[start:end]))
    return Entity(title, "outlet") if title is not None else None


def _title_before(noun: Token) -> Entity | None:
    """The quoted title of a show right before the noun: 'in a "Harbour Mornings" interview',
    'in her "Late Hour" appearance'."""
    doc, sent = noun.doc, noun.sent
    close = noun.i - 1
    if close <= sent.start or not doc[close].is_quote or doc[close].tag_ == "POS":
        return None  # (a plural's possessive mark, "the leaders' interview", closes no title)
    marks = [k for k in range(max(sent.start, close - 11), close) if doc[k].is_quote]
    opening = marks[-1] if marks else None
    if opening is None:
        return None
    title = _title_words(list(doc[opening + 1 : close]))
    return Entity(title, "outlet") if title is not None else None


def _remarks_made_on(noun: Token, index: ArticleEntities) -> tuple[Entity, Entity, Token] | None:
    """Remarks made on an outlet: "X made the comments on Courier TV", "X's remarks made on
    the Courier's 'Morning Hour'". Not "comments on Courier TV" alone, which may be about it."""
    makers = [c for c in noun.children if c.dep_ == "acl"]
    light = is_light_verb_object(noun)
    if light:
        makers.append(noun.head)
    for verb in makers:
        outlet = _broadcast_on(verb, index)
        if outlet is None:
            continue
        person = _person_among([c for c in noun.children if c.dep_ == "poss"], index)
        if person is None and light:
            person = _speaker(noun.head, index)
        return (outlet, person, verb) if person else None
    return None


def _show_among(tokens: Iterable[Token], index: ArticleEntities) -> Entity | None:
    """A programme a phrase names by its quoted title, which is the outlet: "an interview on
    the Courier's 'Morning Hour'", "on a talk radio program, 'Harbour Morning Radio'". The
    phrase is a programme noun or an outlet's possession, or the quoted title itself ("an
    interview with 'Harbour Mornings'"); an unquoted one names no show."""
    for token in tokens:
        bare = _bare_show(token)
        if bare is not None:
            return Entity(bare, "outlet")
        owned = any(_is_outlet(c, index) for c in token.children if c.dep_ == "poss")
        # "on Harbour TV's 'Face the Harbour'", which the parser may leave the outlet's object.
        owner = _possessive_after(token) and _is_outlet(token, index)
        if token.lemma_.lower() in PROGRAMME_NOUNS or owned or owner:
            title = _programme_title(token)
            if title is not None:
                return Entity(title, "outlet")
    return None


def _programme_title(obj: Token) -> str | None:
    """The title a programme phrase quotes: "the Courier's 'Morning Hour' program", "the
    Courier's 'The Karl Brenner Show'" (the head word inside the quotation marks), "the
    Courier's talk radio program, 'Harbour Morning Radio,'" (the title in apposition)."""
    doc, sent = obj.doc, obj.sent
    quoted = _quoted_title(list(doc[obj.left_edge.i : obj.i]))
    if quoted is not None:
        return quoted
    opening = [t for t in doc[obj.left_edge.i : obj.i] if t.is_quote]
    if opening:
        # the head inside the quotation marks: "'The Karl Brenner Show'", "'Face the Harbour'"
        return _quoted_title(list(doc[opening[-1].i : min(opening[-1].i + 12, sent.end)]))
    k = obj.i + 1
    if k < sent.end and (doc[k].text == "," or _possessive_after(obj)):
        k += 1
    return _quoted_title(list(doc[k : min(k + 12, sent.end)])) if k < sent.end and doc[k].is_quote else None


def _bare_show(obj: Token) -> str | None:
    """The title where the whole phrase is one inside quotation marks: "told 'Harbour
    Mornings'", "an appearance on 'Meet the Harbour'". Every word a capitalised one or a small
    word of a title ("told 'We will win'" is speech, not a show)."""
    doc, sent = obj.doc, obj.sent
    start = obj.left_edge.i
    if start - 1 < sent.start or not doc[start - 1].is_quote:
        return None
    end = start
    while end < min(start + 10, sent.end) and not doc[end].is_quote:
        end += 1
    if end >= sent.end or not doc[end].is_quote or not start <= obj.i < end:
        return None
    return _title_words(list(doc[start:end]))


def _title_words(tokens: list[Token]) -> str | None:
    """The words of a programme's title: each capitalised or a title's small word, the first
    and last capitalised ("Meet the Harbour", "Harbour & Friends"); else None."""
    inner = [t for t in tokens if not t.is_punct or t.text == "&"]
    if not inner or not _title_word(inner[0]) or not _title_word(inner[-1]):
        return None
    if not all(_title_word(t) or t.text == "&" or t.lower_ in TITLE_SMALL_WORDS for t in inner):
        return None
    return _as_written(tokens).strip(" ,.")


def _title_word(token: Token) -> bool:
    """A capitalised word of a title, or a number ("Harbour 24", "'48 Harbours'")."""
    return token.text[:1].isupper() or token.text[:1].isdigit()


def _as_written(tokens: list[Token]) -> str:
    """The words as the text spells them, with its own spacing ("Harbour’s Hour", not the
    tokens' "Harbour ’s Hour")."""
    return tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text


def _is_outlet(token: Token, index: ArticleEntities) -> bool:
    entity = index.entity_at(token)
    return entity is not None and entity.type == "outlet"


def _is_possessive(token: Token) -> bool:
    return token.lower_ in ("'s", "’s")


def _possessive_after(token: Token) -> bool:
    following = token.nbor(1) if token.i + 1 < token.sent.end else None
    return following is not None and _is_possessive(following)


def _quoted_title(tokens: list[Token]) -> str | None:
    """The capitalised words between quotation marks in `tokens`: a programme's title."""
    marks = [k for k, t in enumerate(tokens) if t.is_quote]
    if len(marks) < 2:
        return None
    words_ = tokens[marks[0] + 1 : marks[1]]
    if not words_ or not words_[0].text[:1].isupper():
        return None
    return _as_written(words_).strip(" ,.")


def _with_editors(noun: Token) -> bool:
    """A meeting with an outlet's editors: "a meeting with the Courier's editorial board"."""
    for obj in prep_objects(noun, ("with",)):
        modifiers = [c.lower_ for c in obj.children if c.dep_ in ("amod", "compound") and c.i < obj.i]
        if " ".join([*modifiers, obj.lemma_.lower()]) in EDITORIAL_NOUNS:
            return True
    return False


def _outlet_among(tokens: Iterable[Token], index: ArticleEntities, strict: bool) -> Entity | None:
    """The outlet a phrase names. After "interview with" an organisation that is not known
    as anything else counts as an outlet (strict=False); after "told", only a known or
    introduced outlet does ("told parliament" is no interview)."""
    for token in tokens:
        # "the Courier's 'Morning Show'", "the Courier's editor": a programme or staff of the outlet.
        candidates = [token, *[c for c in token.children if c.dep_ in ("appos", "compound", "poss")]]
        for candidate in candidates:
            entity = index.entity_at(candidate)
            if entity is None:
                continue
            if entity.type == "outlet":
                return _affiliate_named_after(candidate, index) or entity
            if not strict and entity.type == "organization":
                return Entity(entity.name, "outlet")
    return None


def _affiliate_named_after(token: Token, index: ArticleEntities) -> Entity | None:
    """The local outlet a network's name and an affiliate noun come before: "KVBN" in "told
    Norpress affiliate KVBN" (the one that was told)."""
    doc = token.doc
    span = index.span_of(token)
    end = span.end if span is not None else token.i + 1
    if end + 1 < len(doc) and after_affiliate_noun(doc, end + 1):
        entity = index.entity_at(doc[end + 1])
        if entity is not None and entity.type == "outlet":
            return entity
    return None


def _person_among(tokens: list[Token], index: ArticleEntities) -> Entity | None:
    for token in tokens:
        entity = resolve_mention(token, index)
        if entity is not None and entity.type == "person":
            return entity
    return None


def _speaker(verb: Token, index: ArticleEntities, named_near: bool = True) -> Entity | None:
    """The verb's subject; where `named_near`, else a person named right before it, or the
    name its clause opens on (`_opening_name`)."""
    if _unnamed_source_before(verb, index):
        return None
    subjects = subjects_of(verb)
    pronouns = [s for s in subjects if is_person_pronoun(s)]
    if pronouns:
        # "..., he told the Gazette": the person the quotations' reader makes of the pronoun, as the
        # quotation told has it; no one where it abstains (one owner for who "he" is).
        return pronoun_person(pronouns[0], index)
    person = _person_among(subjects, index) or _described(subjects, index)
    if person is not None or not named_near:
        return person
    if any(_names_no_one(s, index) for s in subjects):
        # "A spokesman for Ana Ruiz told the Courier": the name near it is someone else's.
        return None
    return person_before(verb, index) or _opening_name(verb, index)


# Words that open an indefinite description of a source ("a source", "one official").
_INDEFINITE = words("indefinite-openers")


def _unnamed_source_before(verb: Token, index: ArticleEntities) -> bool:
    """ "..., a source familiar with the plans told the Courier", "“...,” one source present
    with Varga told the Courier": an indefinite source's description written right before
    the verb is its subject, however the parser hung it (on a name before the comma, or with
    a name of its own inside it); it names no one. Not a description set after a person's
    name ("Ana Ruiz, a senior official told the Courier")."""
    doc = verb.doc
    start = verb.i
    while start > verb.sent.start and doc[start - 1].text not in (",", ";") and not doc[start - 1].is_quote:
        start -= 1
        if verb.i - start > 10:
            return False
    stretch = doc[start : verb.i]
    if len(stretch) < 2 or stretch[0].lower_ not in _INDEFINITE:
        return False
    if any(t.pos_ in ("VERB", "AUX") for t in stretch):
        return False
    head = stretch[1] if stretch[1].pos_ == "NOUN" else None
    if head is None or head.lemma_.lower() not in UNNAMED_SOURCES or index.entity_at(head) is not None:
        return False
    if start > verb.sent.start and doc[start - 1].text == ",":
        before = index.entity_at(doc[start - 2]) if start - 2 >= verb.sent.start else None
        if before is not None and before.type == "person":
            return False  # "Ana Ruiz, a senior official told ...": the description is hers
    return True


def _names_no_one(subject: Token, index: ArticleEntities) -> bool:
    """ "a spokesman for X", "sources": a common noun subject, indefinite or plural, with no
    name of its own, in apposition or given ("his partner, the politician X", "a miner
    called X" name X)."""
    if subject.pos_ != "NOUN" or index.entity_at(subject) is not None:
        return False
    if any(c.dep_ == "appos" or (c.dep_ == "acl" and c.lemma_ in ("call", "name")) for c in subject.children):
        return False  # "his partner, the politician X", "a miner called X"
    return subject.tag_ == "NNS" or indefinite(subject)


def _described(subjects: list[Token], index: ArticleEntities) -> Entity | None:
    """ "“...,” the Vardsund senator told the Gazette", "the senator told the Gazette" after
    "Senator Ana Ruiz": the person a description names, as the quotations' reader has it
    where the verb attributes a quotation (one owner for who the speaker is, no one where it
    abstains), else the one the story called so before."""
    for subject in subjects:
        # "the senator", and "the Ohio Democrat" (a party's member, capitalised).
        described = subject.is_lower or any(c.dep_ == "det" for c in subject.children)
        if not described or subject.lemma_.lower() not in PERSON_NOUNS:
            continue
        attributes, speaker = quoting_subject(subject, index)
        person = speaker if attributes else named_as(subject, index)
        return person if person is not None and person.type == "person" else None
    return None


def _opening_name(verb: Token, index: ArticleEntities) -> Entity | None:
    """The person a subjectless verb's clause opens on, where the parser hung the name
    elsewhere: "Anna Lind from the city's university told Norpress", '"...," Colonel Varga,
    police chief of Harbourtown told Norpress'. The words between the sentence's start (or
    the quotation's end) and the verb, with no verb among them."""
    doc = verb.doc
    start = verb.i
    while start > verb.sent.start and not doc[start - 1].is_quote and verb.i - start <= 12:
        start -= 1
    stretch = doc[start : verb.i]
    opened = start == verb.sent.start or doc[start - 1].is_quote
    if not stretch or not opened or any(t.pos_ in ("VERB", "AUX") for t in stretch):
        return None
    found = next(((t, e) for t in stretch if (e := index.entity_at(t)) is not None), None)
    if found is None:
        return None
    first, entity = found
    span = index.span_of(first)
    if entity.type != "person" or span is None:
        return None
    # The one speaking, not an owner or a modifier: "Varga's former adviser", "Former Varga
    # aides told ...".
    after = doc[span.end]
    if _is_possessive(span[-1]) or _is_possessive(after) or after.pos_ in ("NOUN", "PROPN"):
        return None
    return entity


def _questioned(verb: Token, index: ArticleEntities) -> Entity | None:
    """The one a passive verb of questioning was put to: "X was asked during an interview
    with the Courier"; the name right before the auxiliary where the parser gave the verb
    no subject ("In an interview with the Courier's Y, X was asked")."""
    auxiliaries = [c for c in verb.children if c.dep_ == "auxpass"]
    if verb.lemma_.lower() not in QUESTIONING_VERBS or not auxiliaries:
        return None
    person = _person_among([c for c in verb.children if c.dep_ == "nsubjpass"], index)
    first = min([verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))], key=lambda t: t.i)
    return person or person_before(first, index)


def _subject_told(verb: Token, index: ArticleEntities) -> bool:
    """ "“...,” Ruiz, author of a new book, told Norpress's Karel Brandt": a subject the
    parser found after "told" that an outlet owns is its interviewer, the one told, not the
    one speaking (who is then the person named right before the verb, or no one)."""
    return any(
        s.i > verb.i and any(c.dep_ == "poss" and _is_outlet(c, index) for c in s.children)
        for s in subjects_of(verb)
    )


def _asked(verb: Token, index: ArticleEntities) -> Entity | None:
    """The one an active verb of questioning was put to: "In an appearance on 'Harbour
    Mornings', co-host Ana Ruiz asked Varga ..." (Varga was interviewed, not the host)."""
    if verb.lemma_.lower() not in QUESTIONING_VERBS or any(c.dep_ == "auxpass" for c in verb.children):
        return None
    return _person_among([c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "PROPN"], index)


def _date_of(verb: Token, published: date | None) -> str | None:
    for ent in ents_in(verb.sent):
        if ent.label_ == "DATE" and (ent.root.head == verb or ent.root.head.head == verb):
            return normalise_date(ent.text, published, "past")
    return None
