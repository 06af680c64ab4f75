"""Drafts out: DOCX (python-docx), Markdown, JSON, and the editable Markdown body the app lets a
person edit (sentences followed by [n] references, read back by
:func:`disclosure.drafting.validation.parse_edited_text`)."""
from __future__ import annotations

import io
import json
from pathlib import Path

from .models import Draft, Paragraph, Sentence
from .validation import reference_numbers, sentence_with_markers

CJK_FONT = "Microsoft JhengHei"  # Word on Windows; LibreOffice falls back to an installed CJK font
from ..language import is_zh  # noqa: E402

LATIN_FONT = "Calibri"
PLACEHOLDER_HIGHLIGHT = "YELLOW"


def _zh(draft: Draft) -> bool:
    return is_zh(draft.lang)


def _labels(draft: Draft) -> dict[str, str]:
    if _zh(draft):
        return {"frameworks": "對應準則", "mode": "撰寫模式", "year": "報導年度", "generated": "產出時間",
                "references": "資料來源", "appendix": "附錄：段落與準則要求對照", "gaps": "待補事項",
                "section": "章節", "paragraph": "段落", "requirements": "對應準則要求", "excerpt": "段落摘要",
                "requirement": "準則要求", "missing": "缺少之資訊", "required": "必要",
                "notes": "審閱提醒", "rejected": "經檢核剔除之句子", "grounded": "依據證據撰寫", "llm": "語言模型撰寫",
                "draft_note": "本草稿由系統依公司文件產生，每句均附出處；【待補】處須由權責單位補充後方可使用。",
                "computed": "依盤查清冊計算", "yes": "是", "no": "否", "reason": "原因"}
    return {"frameworks": "Frameworks", "mode": "Mode", "year": "Reporting year", "generated": "Generated",
            "references": "Sources", "appendix": "Appendix: paragraphs and the requirements they cover",
            "gaps": "Items to fill", "section": "Section", "paragraph": "Paragraph", "requirements": "Requirements",
            "excerpt": "Excerpt", "requirement": "Requirement", "missing": "Missing information", "required": "Required",
            "notes": "Review notes", "rejected": "Sentences refused by the check", "grounded": "grounded in evidence",
            "llm": "language model", "draft_note": "Drafted from the company's documents; every sentence cites its "
            "source. [TO FILL] items must be completed by the responsible team before use.",
            "computed": "computed from the inventory", "yes": "yes", "no": "no", "reason": "reason"}


def _section_title(draft: Draft, sec) -> str:
    if sec.number:
        return f"{sec.number}、{sec.title}" if _zh(draft) else f"{sec.number}. {sec.title}"
    return sec.title


def _ref_label(draft: Draft, ref: str, quote_len: int = 160) -> str:
    item = draft.evidence.get(ref)
    if item is None:
        return ref
    c = item.citation()
    label = c.label()
    if item.kind == "computed":
        label += f"（{_labels(draft)['computed']}）" if _zh(draft) else f" ({_labels(draft)['computed']})"
    text = " ".join(item.text.split())
    quote = _quote_for(draft, ref) or text
    quote = " ".join(quote.split())
    if len(quote) > quote_len:
        quote = quote[: quote_len - 1] + "…"
    return f"{label} — “{quote}”"


def _quote_for(draft: Draft, ref: str) -> str:
    for s in draft.sentences():
        for c in s.citations:
            if c.ref == ref and c.quote:
                return c.quote
    return ""


def _paragraph_excerpt(p: Paragraph, n: int = 36) -> str:
    text = p.text
    return text if len(text) <= n else text[: n - 1] + "…"


def _ordered_blocks(sec):
    """(kind, item) in reading order: paragraphs by topic, each topic's tables after its paragraphs."""
    blocks = []
    placed = set()
    last_topic = None
    for p in sec.paragraphs:
        if last_topic is not None and p.topic != last_topic:
            for i, t in enumerate(sec.tables):
                if t.after_topic == last_topic and i not in placed:
                    blocks.append(("table", t))
                    placed.add(i)
        blocks.append(("paragraph", p))
        last_topic = p.topic
    for i, t in enumerate(sec.tables):
        if i not in placed:
            blocks.append(("table", t))
    return blocks


# ----------------------------------------------------------------------------------------------- Markdown


def editable_markdown(draft: Draft) -> str:
    """The draft body as Markdown a person can edit: '## ' sections, '### ' headings, paragraphs whose
    sentences end with [n] references (see the sources list of :func:`to_markdown`)."""
    refs = reference_numbers(draft)
    lines: list[str] = []
    for sec in draft.sections:
        lines += [f"## {_section_title(draft, sec)}", ""]
        heading = None
        for p in sec.paragraphs:
            if p.heading and p.heading != heading:
                lines += [f"### {p.heading}", ""]
                heading = p.heading
            sep = "" if _zh(draft) else " "
            lines += [sep.join(sentence_with_markers(s, refs) for s in p.sentences), ""]
    return "\n".join(lines).rstrip() + "\n"


def _md_table(t) -> list[str]:
    out = [f"**{t.title}**", "", "| " + " | ".join(t.columns) + " |", "|" + "---|" * len(t.columns)]
    out += ["| " + " | ".join(c.replace("|", "／") for c in row) + " |" for row in t.rows]
    if t.note:
        out += ["", f"*{t.note}*"]
    return out + [""]


def to_markdown(draft: Draft) -> str:
    """The whole draft as Markdown: body with [n] references, tables, sources, gaps, appendix."""
    L = _labels(draft)
    refs = reference_numbers(draft)
    lines = [f"# {draft.title}", "",
             f"*{L['frameworks']}: {', '.join(draft.frameworks)} · {L['mode']}: {L.get(draft.mode, draft.mode)}"
             + (f" · {L['year']}: {draft.provenance.reporting_year}" if draft.provenance.reporting_year else "")
             + (f" · {L['generated']}: {draft.provenance.timestamp}" if draft.provenance.timestamp else "") + "*", "",
             f"> {L['draft_note']}", ""]
    for sec in draft.sections:
        lines += [f"## {_section_title(draft, sec)}", ""]
        heading = None
        for kind, item in _ordered_blocks(sec):
            if kind == "table":
                lines += _md_table(item)
                continue
            p = item
            if p.heading and p.heading != heading:
                lines += [f"### {p.heading}", ""]
                heading = p.heading
            sep = "" if _zh(draft) else " "
            lines += [sep.join(_md_sentence(s, refs) for s in p.sentences), ""]
    for t in draft.tables:
        lines += _md_table(t)
    lines += [f"## {L['references']}", ""]
    for ref, n in sorted(refs.items(), key=lambda kv: kv[1]):
        lines.append(f"{n}. {_ref_label(draft, ref)}")
    lines.append("")
    if draft.gaps:
        lines += [f"## {L['gaps']}", "", f"| {L['requirement']} | {L['missing']} | {L['required']} |", "|---|---|---|"]
        for g in draft.gaps:
            lines.append(f"| {g.requirement_id} | {g.missing} | {L['yes'] if g.required else L['no']} |")
        lines.append("")
    if draft.review_notes:
        lines += [f"## {L['notes']}", ""] + [f"- {n}" for n in draft.review_notes] + [""]
    if draft.rejected:
        lines += [f"## {L['rejected']}", ""] + [f"- ~~{r.text}~~ — {'; '.join(r.reasons)}" for r in draft.rejected] + [""]
    lines += [f"## {L['appendix']}", "", f"| {L['section']} | {L['paragraph']} | {L['excerpt']} | {L['requirements']} |",
              "|---|---|---|---|"]
    for sec, i, p in _numbered_paragraphs(draft):
        lines.append(f"| {_section_title(draft, sec)} | {i} | {_paragraph_excerpt(p)} | {', '.join(p.requirement_ids) or '—'} |")
    return "\n".join(lines).rstrip() + "\n"


def _md_sentence(s: Sentence, refs: dict[str, int]) -> str:
    text = sentence_with_markers(s, refs)
    return f"**{text}**" if s.placeholder else text


def _numbered_paragraphs(draft: Draft):
    for sec in draft.sections:
        for i, p in enumerate(sec.paragraphs, 1):
            yield sec, i, p


def to_json(draft: Draft) -> str:
    return json.dumps(draft.as_json(), ensure_ascii=False, indent=2)


# ----------------------------------------------------------------------------------------------- DOCX


def _set_fonts(run, size: float | None = None, bold: bool | None = None):
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = LATIN_FONT
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), CJK_FONT)
    if size:
        run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold


def _style_fonts(doc) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Table Grid"):
        try:
            st = doc.styles[name]
        except KeyError:
            continue
        st.font.name = LATIN_FONT
        rpr = st.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.append(fonts)
        fonts.set(qn("w:eastAsia"), CJK_FONT)
        fonts.set(qn("w:ascii"), LATIN_FONT)
        fonts.set(qn("w:hAnsi"), LATIN_FONT)
        if name.startswith("Heading") or name == "Title":
            st.font.color.rgb = RGBColor(0x1F, 0x4E, 0x3D)
    doc.styles["Normal"].font.size = Pt(10.5)
    pf = doc.styles["Normal"].paragraph_format
    pf.space_after = Pt(6)
    pf.line_spacing = 1.25


def _table(doc, columns: list[str], rows: list[list[str]], widths_cm: list[float] | None = None, size: float = 9):
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml.ns import qn
    from docx.shared import Cm

    t = doc.add_table(rows=1 + len(rows), cols=len(columns))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for j, c in enumerate(columns):
        cell = t.cell(0, j)
        cell.text = ""
        run = cell.paragraphs[0].add_run(c)
        _set_fonts(run, size, True)
        tc_pr = cell._element.get_or_add_tcPr()
        shd = tc_pr.makeelement(qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): "DCEBE4"})
        tc_pr.append(shd)
    for i, row in enumerate(rows, 1):
        for j, val in enumerate(row):
            cell = t.cell(i, j)
            cell.text = ""
            run = cell.paragraphs[0].add_run(str(val))
            _set_fonts(run, size)
            if j > 0 and _numeric(val):
                from docx.enum.text import WD_ALIGN_PARAGRAPH

                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if widths_cm:
        for j, w in enumerate(widths_cm):
            for r in t.rows:
                r.cells[j].width = Cm(w)
    return t


def _numeric(v: str) -> bool:
    import re

    return bool(re.fullmatch(r"[-+]?[\d,]+(?:\.\d+)?%?|—", str(v).strip()))


def to_docx(draft: Draft) -> bytes:
    """The draft as a Word document: title, headings, paragraphs with bracketed [n] references, data
    tables, sources, items to fill, review notes, and an appendix mapping each paragraph to the
    framework requirements it covers."""
    import docx
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import Pt, RGBColor

    L = _labels(draft)
    refs = reference_numbers(draft)
    doc = docx.Document()
    _style_fonts(doc)
    title = doc.add_heading(draft.title, level=0)
    for r in title.runs:
        _set_fonts(r)
    meta = doc.add_paragraph()
    run = meta.add_run(f"{L['frameworks']}: {', '.join(draft.frameworks)}　·　{L['mode']}: {L.get(draft.mode, draft.mode)}"
                       + (f"　·　{L['year']}: {draft.provenance.reporting_year}" if draft.provenance.reporting_year else "")
                       + (f"　·　{L['generated']}: {draft.provenance.timestamp}" if draft.provenance.timestamp else ""))
    _set_fonts(run, 8.5)
    run.font.color.rgb = RGBColor(0x60, 0x60, 0x60)
    note = doc.add_paragraph()
    run = note.add_run(L["draft_note"])
    _set_fonts(run, 8.5)
    run.italic = True

    para_no: dict[int, str] = {}
    for sec in draft.sections:
        h = doc.add_heading(_section_title(draft, sec), level=1)
        for r in h.runs:
            _set_fonts(r)
        heading = None
        n = 0
        for kind, item in _ordered_blocks(sec):
            if kind == "table":
                cap = doc.add_paragraph()
                r = cap.add_run(item.title)
                _set_fonts(r, 9.5, True)
                cap.paragraph_format.space_before = Pt(6)
                _table(doc, item.columns, item.rows)
                cites = sorted({refs[c.ref] for c in item.citations if c.ref in refs})
                src = doc.add_paragraph()
                text = (item.note or "") + ("　" if item.note else "") + ("".join(f"[{x}]" for x in cites[:8]) +
                                                                         ("…" if len(cites) > 8 else ""))
                r = src.add_run(text.strip())
                _set_fonts(r, 8)
                r.font.color.rgb = RGBColor(0x60, 0x60, 0x60)
                continue
            p = item
            if p.heading and p.heading != heading:
                hh = doc.add_heading(p.heading, level=2)
                for r in hh.runs:
                    _set_fonts(r)
                heading = p.heading
            n += 1
            para_no[id(p)] = f"{sec.number + '.' if sec.number else ''}{n}"
            dp = doc.add_paragraph()
            dp.paragraph_format.first_line_indent = Pt(21) if _zh(draft) else None
            for k, s in enumerate(p.sentences):
                if k and not _zh(draft):
                    _set_fonts(dp.add_run(" "))
                r = dp.add_run(s.text)
                _set_fonts(r)
                if s.placeholder:
                    r.font.highlight_color = getattr(WD_COLOR_INDEX, PLACEHOLDER_HIGHLIGHT)
                    r.bold = True
                nums = sorted({refs[c.ref] for c in s.citations if c.ref in refs})
                if nums:
                    rr = dp.add_run("".join(f"[{x}]" for x in nums))
                    _set_fonts(rr)
                    rr.font.superscript = True
                    rr.font.color.rgb = RGBColor(0x1F, 0x4E, 0x79)
    for t in draft.tables:
        h = doc.add_heading(t.title, level=1)
        for r in h.runs:
            _set_fonts(r)
        _table(doc, t.columns, t.rows)

    h = doc.add_heading(L["references"], level=1)
    for r in h.runs:
        _set_fonts(r)
    for ref, n in sorted(refs.items(), key=lambda kv: kv[1]):
        rp = doc.add_paragraph()
        rp.paragraph_format.space_after = Pt(2)
        r = rp.add_run(f"[{n}] {_ref_label(draft, ref)}")
        _set_fonts(r, 8.5)

    if draft.gaps:
        h = doc.add_heading(L["gaps"], level=1)
        for r in h.runs:
            _set_fonts(r)
        _table(doc, [L["requirement"], L["missing"], L["required"]],
               [[g.requirement_id, g.missing, L["yes"] if g.required else L["no"]] for g in draft.gaps])
    if draft.review_notes:
        h = doc.add_heading(L["notes"], level=1)
        for r in h.runs:
            _set_fonts(r)
        for text in draft.review_notes:
            r = doc.add_paragraph(style="List Bullet").add_run(text)
            _set_fonts(r, 9.5)
    if draft.rejected:
        h = doc.add_heading(L["rejected"], level=1)
        for r in h.runs:
            _set_fonts(r)
        _table(doc, [L["excerpt"], L["reason"]], [[r.text, "; ".join(r.reasons)] for r in draft.rejected])

    h = doc.add_heading(L["appendix"], level=1)
    for r in h.runs:
        _set_fonts(r)
    rows = []
    for sec, _i, p in _numbered_paragraphs(draft):
        rows.append([para_no.get(id(p), ""), (p.heading or sec.title), _paragraph_excerpt(p, 40),
                     "\n".join(p.requirement_ids) or "—"])
    _table(doc, [L["paragraph"], L["section"], L["excerpt"], L["requirements"]], rows, size=8.5)

    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def write(draft: Draft, path: str | Path) -> Path:
    """Write the draft in the format the file name asks for (.docx, .md, .json)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        path.write_bytes(to_docx(draft))
    elif suffix in (".md", ".markdown"):
        path.write_text(to_markdown(draft), encoding="utf-8")
    elif suffix == ".json":
        path.write_text(to_json(draft), encoding="utf-8")
    else:
        from ..errors import DisclosureError

        raise DisclosureError(f"cannot write '{path.name}': use a .docx, .md or .json file name")
    return path
