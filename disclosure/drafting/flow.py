"""Sentences of one paragraph read as a paragraph: the subject named once, then referred to.

Only the subject changes (the committee's name → 該委員會 / the committee); figures, years and
citations stay as written, so the numeric guard judges the same sentence.
"""
from __future__ import annotations

import re

from ..citing.context import DraftContext
from ..citing.sentences import is_zh
from .models import Sentence


def name_once(sentences: list[Sentence], ctx: DraftContext) -> list[Sentence]:
    """The committee named in full where a paragraph first mentions it, and referred to after that
    (zh-TW 該委員會, English 'the committee'), as a reader expects."""
    name = ctx.committee
    if not name:
        return sentences
    names = [name] + ([ctx.committee_en] if ctx.committee_en and ctx.committee_en != name else [])
    named = False
    out = []
    for s in sentences:
        if s.placeholder:
            out.append(s)
            continue
        text = s.text
        if named:
            if is_zh(ctx.lang):
                text = re.sub(f"^{re.escape(name)}", "該委員會", text)
                text = re.sub(f"^(\\d{{4}}年){re.escape(name)}", r"\1該委員會", text)
            else:
                for n in names:
                    text = re.sub(f"^The {re.escape(n)}\\b", "The committee", text)
        if any(n in s.text for n in names):
            named = True
        out.append(s if text == s.text else s.model_copy(update={"text": text}))
    return out
