"""spaCy components registered by acqspec.

Importing this module registers the factories, which must happen before a
saved pipeline that uses them is loaded (``load_pipeline`` does it).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import registry

from acqspec.nlp.names import DISK_TOKENIZER, RULES_COMPONENT
from acqspec.nlp.reading import read_sentence

if not Doc.has_extension("reading"):
    Doc.set_extension("reading", default=None)
if not Doc.has_extension("aliases"):
    Doc.set_extension("aliases", default=None)


@Language.factory(RULES_COMPONENT, default_config={})
def make_rules(nlp: Language, name: str):
    """Attach the rule reading (modal, party, hedges...) of a sentence doc as ``doc._.reading``."""

    def apply(doc: Doc) -> Doc:
        doc._.reading = read_sentence(doc.text, doc._.aliases)
        return doc

    return apply


@registry.tokenizers(DISK_TOKENIZER)
def make_disk_tokenizer():
    """A tokenizer without rules of its own, for a pipeline that loads its tokenizer from disk.

    The default factory first builds spaCy's English tokenizer (thousands of
    special cases and the affix regexes), which loading then throws away and
    replaces with the saved one: a tenth of a second of every cold start.
    """

    def create(nlp: Language) -> Tokenizer:
        return Tokenizer(nlp.vocab)

    return create
