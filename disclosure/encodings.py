"""Decoding the bytes of CSV and text files, as Taiwanese offices save them: UTF-8 with or
without BOM, UTF-16 with or without BOM (Excel's "Unicode text"), Big5/cp950, else a best guess.

One function for every reader (documents, checklists, GHG inventories); each caller turns a
failure into its own domain error.
"""
from __future__ import annotations

import codecs


class UnknownEncodingError(ValueError):
    """No encoding decodes the bytes cleanly."""


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """(text, encoding name). UTF-16 without BOM is checked before UTF-8 because ASCII in UTF-16
    is also valid UTF-8 (full of NULs)."""
    if raw.startswith(codecs.BOM_UTF8):
        return raw[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16"), "utf-16"
    head = raw[:4000]
    if head and head.count(0) > len(head) // 4:
        # ASCII characters in UTF-16 leave a NUL in the high byte: which half holds them tells the order.
        enc = "utf-16-be" if head[0::2].count(0) > head[1::2].count(0) else "utf-16-le"
        try:
            return raw.decode(enc), enc
        except UnicodeDecodeError:
            pass
    for enc in ("utf-8", "cp950", "big5hkscs"):
        try:
            return raw.decode(enc), enc
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise UnknownEncodingError("the text encoding could not be recognised")
    return str(best), best.encoding
