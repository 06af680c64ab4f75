"""CJK-aware chunking: split at sentence ends (。！？；and English . ! ? ;) and line breaks, then
pack sentences into chunks of about ``chunk_size`` characters with ``overlap`` characters of
trailing sentences carried into the next chunk. Character offsets are kept for provenance."""
from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends after CJK terminal punctuation, after English terminal punctuation followed by
# whitespace, or at a line break (tables and lists are line-structured).
_BOUNDARY = re.compile(r"(?<=[。！？；!?;])|(?<=[.](?=\s))|\n")


@dataclass(frozen=True)
class TextSpan:
    text: str
    start: int
    end: int


def split_sentences(text: str) -> list[TextSpan]:
    spans: list[TextSpan] = []
    pos = 0
    for m in _BOUNDARY.finditer(text):
        end = m.start() if m.group(0) == "\n" else m.end()
        if end > pos:
            spans.append(TextSpan(text[pos:end], pos, end))
        pos = m.end()
    if pos < len(text):
        spans.append(TextSpan(text[pos:], pos, len(text)))
    return [s for s in (_strip(s) for s in spans) if s.text]


def _strip(s: TextSpan) -> TextSpan:
    lead = len(s.text) - len(s.text.lstrip())
    stripped = s.text.strip()
    return TextSpan(stripped, s.start + lead, s.start + lead + len(stripped))


def _hard_split(s: TextSpan, size: int) -> list[TextSpan]:
    out = []
    for i in range(0, len(s.text), size):
        piece = s.text[i : i + size]
        out.append(TextSpan(piece, s.start + i, s.start + i + len(piece)))
    return out


def chunk_text(text: str, chunk_size: int, overlap: int) -> list[TextSpan]:
    """Chunks of ``text`` (offsets into ``text``). Chunks join sentences with the text between them."""
    sentences: list[TextSpan] = []
    for s in split_sentences(text):
        sentences.extend(_hard_split(s, chunk_size) if len(s.text) > chunk_size else [s])
    chunks: list[TextSpan] = []
    i = 0
    fresh = 0  # first sentence not yet in any chunk
    while fresh < len(sentences):
        j = _pack(sentences, i, chunk_size)
        if j <= fresh:  # the overlap left no room for a new sentence: drop the overlap
            i = fresh
            j = _pack(sentences, i, chunk_size)
        start, end = sentences[i].start, sentences[j - 1].end
        chunks.append(TextSpan(text[start:end], start, end))
        fresh = j
        # Carry trailing sentences (up to ``overlap`` chars) into the next chunk.
        k = j
        while k - 1 > i and end - sentences[k - 1].start <= overlap:
            k -= 1
        i = k
    return chunks


def _pack(sentences: list[TextSpan], i: int, chunk_size: int) -> int:
    """Index one past the last sentence that fits in a chunk starting at sentence ``i`` (≥ i+1)."""
    start = sentences[i].start
    j = i
    while j < len(sentences) and sentences[j].end - start <= chunk_size:
        j += 1
    return max(j, i + 1)
