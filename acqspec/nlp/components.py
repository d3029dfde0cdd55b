"""spaCy components registered by acqspec.

Importing this module registers the factories, which must happen before a
saved pipeline that uses them is loaded (``load_pipeline`` does it).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from acqspec.nlp.rules import read_sentence

if not Doc.has_extension("reading"):
    Doc.set_extension("reading", default=None)
if not Doc.has_extension("aliases"):
    Doc.set_extension("aliases", default=None)


@Language.factory("acqspec_rules", default_config={})
def make_rules(nlp: Language, name: str):
    """Attach the rule reading (modal, party, hedges...) of a sentence doc as ``doc._.reading``."""

    def apply(doc: Doc) -> Doc:
        doc._.reading = read_sentence(doc.text, doc._.aliases)
        return doc

    return apply
