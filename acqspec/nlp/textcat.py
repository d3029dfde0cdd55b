"""The shipped sentence classifier without spaCy at run time: its tokenizer and bag-of-words head in numpy.

The classifier is trained with spaCy (``acqspec model train``: a ``textcat_multilabel``
head, ``spacy.TextCatBOW.v3`` over unigrams), but reading a document needs only
its arithmetic: split the sentence into tokens as spaCy's tokenizer does, hash
each token's text, look two weights per label up in a hashed table, add the
bias and apply the logistic function.  Importing and loading spaCy for that
costs ~0.5 s per run, more than the whole check of a 10-page document, so
:func:`export` writes the trained tokenizer rules and weights to two plain
files next to the spaCy model (``static-tokenizer.json``, ``static-weights.npz``)
and :class:`StaticClassifier` reads them with numpy alone.

The results equal spaCy's: ``tests/nlp/test_textcat.py`` compares tokens and
scores on every annotated sentence.  What is not reproduced is spaCy's
"special matcher" pass, which re-joins tokenizer exceptions that contain spaces
or punctuation split off elsewhere (emoticons, "o.O"); the test measures how
rarely that changes a sentence's tokens.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

TOKENIZER_FILE = "static-tokenizer.json"
WEIGHTS_FILE = "static-weights.npz"
_MASK64 = (1 << 64) - 1


def murmurhash64a(data: bytes, seed: int = 1) -> int:
    """MurmurHash64A, the 64-bit hash spaCy's ``StringStore`` keys strings with (seed 1)."""
    m, r = 0xC6A4A7935BD1E995, 47
    h = (seed ^ (len(data) * m)) & _MASK64
    tail = len(data) - len(data) % 8
    for i in range(0, tail, 8):
        k = int.from_bytes(data[i:i + 8], "little")
        k = (k * m) & _MASK64
        k ^= k >> r
        k = (k * m) & _MASK64
        h ^= k
        h = (h * m) & _MASK64
    rest = data[tail:]
    if rest:
        h ^= int.from_bytes(rest, "little")
        h = (h * m) & _MASK64
    h ^= h >> r
    h = (h * m) & _MASK64
    h ^= h >> r
    return h


@lru_cache(maxsize=65536)
def string_key(text: str) -> int:
    """spaCy's ``hash_string`` of ``text`` (a token's ORTH id, unless the text is one of spaCy's symbols)."""
    return murmurhash64a(text.encode("utf-8"))


def _murmur3_32(key: int, seed: int) -> int:
    """thinc's ``MurmurHash3_x86_32_uint64`` of one 64-bit key (SparseLinear's bucket hash)."""
    mask = 0xFFFFFFFF
    h = seed
    for k in (key & mask, key >> 32):
        k = (k * 0xCC9E2D51) & mask
        k = ((k << 15) | (k >> 17)) & mask
        k = (k * 0x1B873593) & mask
        h ^= k
        h = ((h << 13) | (h >> 19)) & mask
        h = (h * 5 + 0xE6546B64) & mask
    h ^= 8
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & mask
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & mask
    h ^= h >> 16
    return h


def has_export(folder: Path) -> bool:
    """Whether ``folder`` holds an exported classifier (see :func:`export`)."""
    return (folder / TOKENIZER_FILE).is_file() and (folder / WEIGHTS_FILE).is_file()


class StaticTokenizer:
    """spaCy's rule-based tokenizer algorithm (``Tokenizer.__call__``) over the exported rules."""

    def __init__(self, rules: dict) -> None:
        never = re.compile("a^")
        self.prefix = re.compile(rules["prefix_search"]).search if rules.get("prefix_search") else never.search
        self.suffix = re.compile(rules["suffix_search"]).search if rules.get("suffix_search") else never.search
        self.infix = re.compile(rules["infix_finditer"]).finditer if rules.get("infix_finditer") else never.finditer
        self.token_match = re.compile(rules["token_match"]).match if rules.get("token_match") else None
        self.url_match = re.compile(rules["url_match"]).match if rules.get("url_match") else None
        self.specials: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in rules["exceptions"].items()}
        self._cache: dict[str, tuple[str, ...]] = {}
        self._patterns: dict[str, list[tuple[tuple[str, ...], str]]] | None = None

    def __call__(self, text: str) -> list[str]:
        tokens: list[str] = []
        ends: list[int] = []  # index in ``tokens`` after each whitespace-delimited span
        spaced: list[bool] = []  # whether a consumed space follows that span
        if not text:
            return tokens
        in_ws = text[0].isspace()
        start = 0
        for i, char in enumerate(text):
            if char.isspace() != in_ws:
                if start < i:
                    tokens.extend(self._span(text[start:i]))
                    ends.append(len(tokens))
                    spaced.append(char == " ")
                start = i + 1 if char == " " else i
                in_ws = not in_ws
        if start < len(text):
            tokens.extend(self._span(text[start:]))
        return self._apply_special_cases(tokens, dict(zip(ends, spaced)))

    def _matcher(self) -> dict[str, list[tuple[tuple[str, ...], str]]]:
        """First token → (tokens, exception) for the exceptions spaCy's special matcher re-joins: those
        containing an affix, an infix or a space, as the affix rules alone would split them."""
        if self._patterns is None:
            patterns: dict[str, list[tuple[tuple[str, ...], str]]] = {}
            for key in self.specials:
                if self.prefix(key) or self.suffix(key) or any(True for _ in self.infix(key)) or " " in key:
                    # spaCy tokenizes the exception without exceptions (_tokenize_affixes(key, False))
                    pieces = tuple(piece for chunk in key.split(" ") if chunk for piece in self._tokenize(chunk, {}))
                    if pieces:
                        patterns.setdefault(pieces[0], []).append((pieces, key))
            self._patterns = patterns
        return self._patterns

    def _apply_special_cases(self, tokens: list[str], space_after: dict[int, bool]) -> list[str]:
        """Tokenizer._apply_special_cases: the longest (then leftmost) runs of tokens that spell an
        exception with no space inside are replaced by the exception's tokens."""
        patterns = self._matcher()
        matches = []
        for i, token in enumerate(tokens):
            for pieces, key in patterns.get(token, ()):
                n = len(pieces)
                if tuple(tokens[i:i + n]) == pieces:
                    matches.append((i, i + n, key))
        if not matches:
            return tokens
        seen: set[int] = set()
        chosen = []
        for start, end, key in sorted(matches, key=lambda m: (-(m[1] - m[0]), m[0])):
            if start not in seen and end - 1 not in seen:
                chosen.append((start, end, key))
            seen.update(range(start, end))
        out: list[str] = []
        i = 0
        by_start = {start: (end, key) for start, end, key in chosen}
        while i < len(tokens):
            if i in by_start:
                end, key = by_start[i]
                spelled = "".join(t + (" " if space_after.get(k + 1) else "") for k, t in enumerate(tokens[i:end - 1], i))
                if spelled + tokens[end - 1] == key:
                    out.extend(self.specials[key])
                    i = end
                    continue
            out.append(tokens[i])
            i += 1
        return out

    def _span(self, span: str) -> tuple[str, ...]:
        cached = self._cache.get(span)
        if cached is None:
            cached = self.specials.get(span) or self._tokenize(span)
            if len(self._cache) < 100_000:
                self._cache[span] = cached
        return cached

    def _find_prefix(self, string: str) -> int:
        match = self.prefix(string)
        return match.end() - match.start() if match is not None else 0

    def _find_suffix(self, string: str) -> int:
        match = self.suffix(string)
        return match.end() - match.start() if match is not None else 0

    def _tokenize(self, string: str, specials: dict[str, tuple[str, ...]] | None = None) -> tuple[str, ...]:
        """Tokenizer._tokenize over ``specials`` (default: the exceptions)."""
        prefixes: list[str] = []
        suffixes: list[str] = []
        specials = self.specials if specials is None else specials
        last_size = 0
        while string and len(string) != last_size:  # Tokenizer._split_affixes
            if self.token_match and self.token_match(string):
                break
            if string in specials:
                break
            last_size = len(string)
            pre_len = self._find_prefix(string)
            if pre_len:
                prefix, minus_pre = string[:pre_len], string[pre_len:]
                if minus_pre and minus_pre in specials:
                    string = minus_pre
                    prefixes.append(prefix)
                    break
            suf_len = self._find_suffix(string[pre_len:])
            if suf_len:
                suffix, minus_suf = string[-suf_len:], string[:-suf_len]
                if minus_suf and minus_suf in specials:
                    string = minus_suf
                    suffixes.append(suffix)
                    break
            if pre_len and suf_len and pre_len + suf_len <= len(string):
                string = string[pre_len:-suf_len]
                prefixes.append(prefix)
                suffixes.append(suffix)
            elif pre_len:
                string = minus_pre
                prefixes.append(prefix)
            elif suf_len:
                string = minus_suf
                suffixes.append(suffix)
        tokens = prefixes
        if string:  # Tokenizer._attach_tokens
            if string in specials:
                tokens.extend(specials[string])
            elif (self.token_match and self.token_match(string)) or (self.url_match and self.url_match(string)):
                tokens.append(string)
            else:
                start = 0
                for match in self.infix(string):
                    infix_start, infix_end = match.start(), match.end()
                    if infix_start == 0:
                        continue
                    if infix_start != start:
                        tokens.append(string[start:infix_start])
                    if infix_start != infix_end:
                        tokens.append(string[infix_start:infix_end])
                    start = infix_end
                if string[start:]:
                    tokens.append(string[start:])
        tokens.extend(reversed(suffixes))
        return tuple(tokens)


class StaticClassifier:
    """The trained multi-label sentence classifier: ``cats(texts)`` gives spaCy's ``doc.cats`` for each text."""

    def __init__(self, folder: Path) -> None:
        import numpy as np

        rules = json.loads((folder / TOKENIZER_FILE).read_text(encoding="utf-8"))
        self.tokenizer = StaticTokenizer(rules)
        # spaCy's StringStore gives its ~450 symbols ("number", "dep", "PERSON"...) their symbol id, not a hash.
        self._symbols: dict[str, int] = rules["symbols"]
        with np.load(folder / WEIGHTS_FILE, allow_pickle=False) as data:
            self.labels: tuple[str, ...] = tuple(str(label) for label in data["labels"])
            self._bias = data["b"].astype(np.float32)
            length = int(data["length"])
            self._weights = data["W"].astype(np.float32).reshape(len(self.labels), length).T.copy()
        self._length = length
        self._buckets: dict[str, tuple[int, int]] = {}

    def cats(self, texts: Iterable[str]) -> list[dict[str, float]]:
        """Label → probability for each text, as spaCy's ``textcat_multilabel`` scores it.

        One pass over the batch: every token occurrence becomes its two weight rows (a repeated
        token counts as often as it occurs, which is spaCy's count-weighted unique key), the rows
        are summed per text with ``numpy.add.reduceat``, then bias and logistic.  Sums run in a
        different order from thinc's, so scores may differ from spaCy's in the seventh decimal.
        """
        import numpy as np

        first: list[int] = []
        second: list[int] = []
        starts: list[int] = []
        buckets = self._buckets
        for text in texts:
            starts.append(len(first))
            for token in self.tokenizer(text):
                pair = buckets.get(token)
                if pair is None:
                    pair = buckets[token] = self._bucket_pair(token)
                first.append(pair[0])
                second.append(pair[1])
        if not starts:
            return []
        scores = np.tile(self._bias, (len(starts), 1))
        if first:
            rows = self._weights[np.asarray(first)] + self._weights[np.asarray(second)]
            bounds = np.asarray(starts)
            nonempty = np.append(bounds[1:], len(first)) > bounds
            scores[nonempty] += np.add.reduceat(rows, bounds[nonempty], axis=0)
        probabilities = 1.0 / (1.0 + np.exp(-np.clip(scores, -80.0, 80.0)))
        labels = self.labels
        return [dict(zip(labels, row)) for row in probabilities.tolist()]

    def _bucket_pair(self, token: str) -> tuple[int, int]:
        """The two weight rows thinc's SparseLinear_v2 reads for a token (its ORTH key's bucket hashes)."""
        key = self._symbols.get(token) or string_key(token)
        return _murmur3_32(key, 0) % self._length, _murmur3_32(key, 1) % self._length


def export(nlp, folder: Path) -> None:
    """Write the tokenizer rules and the classifier weights of a trained spaCy pipeline to ``folder``."""
    import numpy as np
    from spacy.symbols import IDS

    from acqspec.io.atomic import write_atomic

    tokenizer = nlp.tokenizer

    def pattern(regex) -> str | None:
        return None if regex is None else regex.__self__.pattern

    rules = {"prefix_search": pattern(tokenizer.prefix_search), "suffix_search": pattern(tokenizer.suffix_search),
             "infix_finditer": pattern(tokenizer.infix_finditer), "token_match": pattern(tokenizer.token_match),
             "url_match": pattern(tokenizer.url_match),
             "exceptions": {text: [piece["ORTH"] if "ORTH" in piece else piece[65] for piece in pieces]
                            for text, pieces in sorted(tokenizer.rules.items())},
             "symbols": {name: int(key) for name, key in sorted(IDS.items()) if name and int(key)}}
    write_atomic(folder / TOKENIZER_FILE, json.dumps(rules, ensure_ascii=False, sort_keys=True, indent=0) + "\n")
    textcat = nlp.get_pipe("textcat_multilabel")
    layer = next(node for node in textcat.model.walk() if node.name == "sparse_linear")
    if layer.attrs.get("v1_indexing"):
        raise ValueError("the classifier uses thinc's v1 indexing, which StaticClassifier does not reproduce")
    arrays = {"W": np.asarray(layer.get_param("W"), dtype=np.float32),
              "b": np.asarray(layer.get_param("b"), dtype=np.float32),
              "length": np.int64(layer.get_dim("length")), "labels": np.array(textcat.labels, dtype=str)}
    write_atomic(folder / WEIGHTS_FILE, _npz_bytes(arrays))


def _npz_bytes(arrays: dict) -> bytes:
    """``numpy.savez_compressed`` with fixed member dates, so the same weights give the same bytes."""
    import io
    import zipfile

    import numpy as np

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, array in arrays.items():
            member = io.BytesIO()
            np.lib.format.write_array(member, np.asanyarray(array), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, member.getvalue())
    return buffer.getvalue()


def agreement(nlp, classifier: StaticClassifier, texts: Sequence[str]) -> dict[str, float]:
    """How closely the static classifier reproduces the spaCy pipeline on ``texts`` (for tests and
    the model card): share of texts with the same tokens, largest score difference."""
    same_tokens = 0
    largest = 0.0
    for text, doc in zip(texts, nlp.pipe(texts)):
        same_tokens += [t.text for t in doc] == classifier.tokenizer(text)
        mine = classifier.cats([text])[0]
        largest = max(largest, max(abs(mine[label] - doc.cats[label]) for label in classifier.labels))
    return {"texts": len(texts), "same_tokens": same_tokens / max(len(texts), 1), "max_score_difference": largest}
