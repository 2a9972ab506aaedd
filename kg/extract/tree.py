"""Reading a parsed sentence in the label scheme of its language.

The extractor's small tree helpers: the grammar file of each language maps roles (subject,
object, preposition, particle...) to the labels of its parser (UD for Dutch, ClearNLP for
English), so the rules above them never name a label themselves.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from kg.lexicon import Grammar, Lexicon


class TreeReader:
    """Children by role, prepositional arguments, coordination and verb keys."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.g: Grammar = lexicon.grammar

    @staticmethod
    def before(tok: Token) -> Span:
        """The words of ``tok``'s sentence before it."""
        return tok.doc[tok.sent.start:tok.i]

    @staticmethod
    def after(tok: Token) -> Span:
        """The words of ``tok``'s sentence after it."""
        return tok.doc[tok.i + 1:tok.sent.end]

    def kids(self, tok: Token, role: str) -> list[Token]:
        labels = self.g.labels.get(role, ())
        return [c for c in tok.children if c.dep_ in labels]

    def preps(self, tok: Token) -> Iterator[tuple[str, Token]]:
        """(preposition, noun) pairs under ``tok`` in either scheme."""
        if self.g.scheme == "ud":
            for c in tok.children:
                if c.dep_ in self.g.labels["prep"] or c.dep_ in self.g.labels["agent"]:
                    case = [g.lower_ for g in c.children if g.dep_ in self.g.labels["case"]]
                    if case:  # "op tot": a stray particle before the real preposition
                        yield " ".join(case), c
                        if len(case) > 1:
                            yield case[-1], c
        else:
            for c in tok.children:
                # "sent weapons to Syria": ClearNLP labels a recipient's "to" dative
                if c.dep_ not in ("prep", "agent") and not (c.dep_ == "dative"
                                                            and c.pos_ == "ADP"):
                    continue
                for g in c.children:
                    if g.dep_ in ("pobj", "pcomp"):
                        yield c.lower_, g
                    elif g.dep_ == "prep":  # "according to", "because of"
                        for gg in g.children:
                            if gg.dep_ == "pobj":
                                yield f"{c.lower_} {g.lower_}", gg

    def coordinated(self, tok: Token) -> list[Token]:
        """``tok`` and the nouns coordinated with it (Duitsland of Polen -> both)."""
        out = [tok]
        for c in tok.children:
            if c.dep_ in self.g.labels["conj"] and c.pos_ not in ("VERB", "AUX") and not any(
                    g.dep_ == "cc" and g.lower_ in self.g.contrast for g in c.children):
                out.extend(self.coordinated(c))  # "niet A maar B" is no list: see contrasted
        return out

    def verb_key(self, tok: Token) -> str:
        lemma = tok.lemma_.lower()
        particles = self.particles(tok)
        prefix, sep, rest = lemma.partition("_")
        if sep and not particles and not tok.lower_.startswith(prefix):
            lemma = rest  # "eiste" lemmatised op_eisen: no particle in sight, so eisen
        lemma = lemma.replace("_", "")
        if not particles:
            return lemma
        prt = particles[0]
        if self.g.scheme == "ud":
            return lemma if lemma.startswith(prt) else prt + lemma
        return f"{lemma} {prt}"

    def particles(self, tok: Token) -> list[str]:
        """Separable-verb particles of ``tok``; a noun the parser hung there ("wraak genomen"
        as if "wraaknemen") is the verb's object, not part of its name."""
        return [c.lower_ for c in self.kids(tok, "particle") if self.g.scheme != "ud"
                or c.pos_ in ("ADP", "ADV") or c.lower_ in self.g.particles]

    def is_passive(self, verb: Token) -> bool:
        """A passive subject, or a participle modifying a noun ("de door Israël bezette
        Golanhoogten").  A "passive" subject with only a perfect auxiliary (hebben/have) and
        no door/by agent is a parser slip and counts as active."""
        if verb.dep_ in ("acl", "amod") and verb.head.pos_ in ("NOUN", "PROPN"):
            return any(p in ("door", "by") for p, _ in self.preps(verb)) or (
                self.hyphen_agent(verb) is not None)
        if not self.kids(verb, "subj_pass"):
            return False
        return any(c.dep_ in ("aux:pass", "auxpass") for c in verb.children) or any(
            p in ("door", "by") for p, _ in self.preps(verb))

    @staticmethod
    def hyphen_agent(verb: Token) -> Token | None:
        """The agent glued to a participle by a hyphen: "Moscow-backed separatists",
        "Iran-backed Houthis" (Moscow backs them), as "door Iran gesteunde" says in Dutch."""
        if verb.dep_ not in ("amod", "acl") or "Part" not in verb.morph.get("VerbForm") and (
                verb.tag_ != "VBN"):
            return None
        doc = verb.doc
        for c in verb.children:
            if (c.i + 2 == verb.i and doc[c.i + 1].text == "-" and c.pos_ == "PROPN"
                    and c.dep_ in ("npadvmod", "compound", "nmod", "obl")):
                return c
        return None

    def subject_kids(self, verb: Token) -> list[Token]:
        """The verb's subjects in sentence order; a "passive" subject of an active verb (a
        parser slip, see ``is_passive``) counts as a subject."""
        subj = self.kids(verb, "subj")
        if not self.is_passive(verb):
            subj = sorted(subj + self.kids(verb, "subj_pass"), key=lambda t: t.i)
        return subj
