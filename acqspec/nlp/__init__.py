"""NLP layer: sentences, obligations and their attributes.

``import spacy`` happens only inside this package, and only when a command
needs it; everything here can also run on a blank English pipeline so unit
tests never need the trained model in ``nlp_models/``.
"""
