"""Builders for small real test documents. Every file the tests ingest is generated here."""
from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

_FONT_READY = False


def _cjk_font() -> str:
    global _FONT_READY
    if not _FONT_READY:
        pdfmetrics.registerFont(UnicodeCIDFont("MSung-Light"))  # Adobe CNS1: Traditional Chinese
        _FONT_READY = True
    return "MSung-Light"


def make_pdf(pages: list[str]) -> bytes:
    """A PDF with one page per string (lines split on newlines); empty string → blank page."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    font = _cjk_font()
    for text in pages:
        c.setFont(font, 11)
        y = 800
        for line in text.split("\n"):
            c.drawString(50, y, line)
            y -= 16
        c.showPage()
    c.save()
    return buf.getvalue()


def make_image_only_pdf(n_pages: int = 2) -> bytes:
    """Pages with drawn shapes but no text layer, like a scan."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for i in range(n_pages):
        for k in range(20):
            c.rect(50 + k * 10, 500 + i * 5, 8, 200)
        c.showPage()
    c.save()
    return buf.getvalue()


def encrypt_pdf(data: bytes, user_password: str = "", owner_password: str = "owner") -> bytes:
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    w.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-256")
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def make_docx(paragraphs: list[str], table: list[list[str]] | None = None, nested: bool = False,
              heading: str | None = None) -> bytes:
    import docx

    d = docx.Document()
    if heading:
        d.add_heading(heading, level=1)
    for p in paragraphs:
        d.add_paragraph(p)
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, val in enumerate(row):
                t.cell(r, c).text = val
        if nested:
            inner = t.cell(1, 0).add_table(rows=1, cols=2)
            inner.cell(0, 0).text = "內層"
            inner.cell(0, 1).text = "巢狀表格值 777"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def make_xlsx(sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for rng in (merges or {}).get(name, []):
            ws.merge_cells(rng)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def make_layout_pdf(pages: list[list[tuple[float, float, str, float]]]) -> bytes:
    """A PDF whose text is placed at given positions: each page a list of (x, y from the top, text,
    font size) — for tables (columns at fixed x) and superscript footnote markers (a smaller size)."""
    from reportlab.lib.pagesizes import A4

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    font = _cjk_font()
    height = A4[1]
    for items in pages:
        for x, y, text, size in items:
            c.setFont(font, size)
            c.drawString(x, height - y, text)
        c.showPage()
    c.save()
    return buf.getvalue()
