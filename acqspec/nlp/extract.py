"""Document → statements: every sentence with its modality, party, numbers and topic."""

from __future__ import annotations

import re
from collections.abc import Iterator

from acqspec.models import Block, Document, QuantityModel, Statement
from acqspec.nlp.names import RULES_COMPONENT
from acqspec.nlp.pipeline import MODALITY_PREFIX, TOPIC_PREFIX
from acqspec.nlp.quantities import find_quantities
from acqspec.nlp.reading import defined_parties, proper_names, read_sentence
from acqspec.nlp.segment import sentence_spans

# Blocks that carry requirements.  Headers, footers and headings rarely do,
# and reading them would put "CONFIDENTIAL" in every report.
_READ_KINDS = {"paragraph", "list_item", "table_cell", "footnote"}
# Modal words whose meaning the classifier may overrule ("will" as plain future,
# "may"/"can" as possibility).
_AMBIGUOUS_MODALS = {"will", "may", "can"}
_ITEM_START = re.compile(r"^\s*\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})[.)]\s")
MAX_SENTENCE_CHARS = 5_000


def _sentences(document: Document) -> Iterator[tuple[Block, int, int, str]]:
    for block in document.blocks:
        if block.kind not in _READ_KINDS:
            continue
        for start, end in sentence_spans(block.text):
            # A pathological "sentence" (a table dumped as one line) is capped so
            # the rules stay linear; the rest of it is still read in pieces.
            while end - start > MAX_SENTENCE_CHARS:
                yield block, start, start + MAX_SENTENCE_CHARS, block.text[start:start + MAX_SENTENCE_CHARS]
                start += MAX_SENTENCE_CHARS
            yield block, start, end, block.text[start:end]


_MODALITY_NONE = f"{MODALITY_PREFIX}none"


def _topic_labels(labels: tuple[str, ...]) -> list[tuple[str, str]]:
    """``(topic, label)`` for the topic labels of a classifier, sorted by topic."""
    return sorted((label[len(TOPIC_PREFIX):], label) for label in labels if label.startswith(TOPIC_PREFIX))


_LONG_RUN = re.compile(r"\S{64}")


def _tokenizable(text: str) -> str:
    """``text`` with no token longer than 63 characters, for the classifier only.

    spaCy's tokenizer strips suffixes from a token one at a time and searches
    the rest again each time: a run of 20,000 "€" or ")" without a space
    takes minutes.  A space in place of every 64th character of such a run
    keeps the length (and every offset) and the classifier's view of it.
    """
    return _LONG_RUN.sub(lambda m: m.group()[:63] + " ", text) if len(text) >= 64 else text


def extract_statements(document: Document, nlp=None, *, batch_size: int = 512) -> list[Statement]:
    """Read every sentence of ``document`` (obligations and everything else).

    ``nlp`` is what scores each sentence's modality and topic: the shipped classifier by default
    (:func:`acqspec.nlp.pipeline.load_classifier`), or any spaCy pipeline with the same labels.
    """
    if nlp is None:
        from acqspec.nlp.pipeline import load_classifier

        nlp = load_classifier()
    head = " ".join(b.text for b in document.blocks[:60])
    aliases = {**proper_names(" ".join(b.text for b in document.blocks)), **defined_parties(head)}
    items = list(_sentences(document))

    # The rule component (``acqspec_rules``) is applied here to the sentence
    # text directly: going through the pipeline would cost a ``doc.text``
    # rebuild (one Token object per token) for every sentence.  The other
    # components (the text classifier) still run batched; a pipeline with
    # the rules alone is not run at all, since its tokens would go unused.
    if hasattr(nlp, "cats"):  # the numpy export (acqspec.nlp.textcat.StaticClassifier): no spaCy
        cats_stream = iter(nlp.cats(_tokenizable(text) for _, _, _, text in items))
    elif any(name != RULES_COMPONENT for name in nlp.pipe_names):
        cats_stream = (doc.cats for doc in nlp.pipe((nlp.make_doc(_tokenizable(text)) for _, _, _, text in items),
                                                    batch_size=batch_size, disable=[RULES_COMPONENT]))
    else:
        cats_stream = ({} for _ in items)

    statements: list[Statement] = []
    lead_in: Statement | None = None
    labels_seen: tuple[str, ...] | None = None
    topics: list[tuple[str, str]] = []
    for (block, start, end, text), cats in zip(items, cats_stream):
        reading = read_sentence(text, aliases)
        modality, strength, modal = reading.modality, reading.strength, reading.modal
        topic, topic_score = "other", 0.0
        if cats:
            keys = tuple(cats)
            if keys != labels_seen:
                labels_seen, topics = keys, _topic_labels(keys)
            if topics:
                # the best-scoring topic; on a tie, the first by name
                topic, key = max(topics, key=lambda name_key: cats[name_key[1]])
                topic_score = cats[key]
            if modal in _AMBIGUOUS_MODALS and cats.get(_MODALITY_NONE, 0.0) > 0.5:
                modality, strength = "none", "none"
        party, party_text, inherited = reading.party, reading.party_text, None
        action = reading.action
        # "(b) keep audit logs;" after "The Contractor shall:" inherits the lead-in.
        is_item = block.kind == "list_item" or bool(_ITEM_START.match(text))
        if modality == "none" and lead_in is not None and is_item and not reading.is_definition:
            modality, strength, modal = lead_in.modality, lead_in.strength, lead_in.modal
            party, party_text, inherited = lead_in.party, lead_in.party_text, lead_in.block
            words = _ITEM_START.sub("", text).split()
            if words and words[0].lower() in ("not", "never") and modality == "obligation":
                modality, modal = "prohibition", f"{modal} {words[0].lower()}"
                words = words[1:]
            action = words[0].strip(",;:.").lower() if words else None
        quantities = tuple(QuantityModel(kind=q.kind, value=q.value, display=q.display, text=q.text, bound=q.bound)
                           for q in find_quantities(text))
        statement = Statement(
            block=block.index, start=start, end=end, text=text, section_path=block.section_path, label=block.label,
            page=block.page, line=block.line_at(start), source=block.source, modality=modality, strength=strength,
            modal=modal, negated=reading.negated, party=party, party_text=party_text, hedges=reading.hedges,
            conditions=reading.conditions, quantities=quantities, topic=topic, topic_score=round(topic_score, 4),
            action=action or None, object=reading.object, inherited_from=inherited)
        statements.append(statement)
        if text.rstrip().endswith(":") and modality != "none":
            lead_in = statement
        elif not is_item:
            lead_in = None
    return statements
