"""File → text segments with locations. One converter per format; each raises an
``IngestionError`` subclass with a message a person can act on.

PDF: page by page (pypdf). DOCX: paragraphs and tables in body order. XLSX/CSV: row by row,
each row written with its header context so that a cell is findable by its row and column labels.
"""
from __future__ import annotations

import csv
import io
import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable, Iterable

from .encodings import UnknownEncodingError, decode_bytes
from .errors import (
    CorruptFileError,
    EmptyDocumentError,
    FileTooLargeError,
    IngestionError,
    PasswordRequiredError,
    ScannedPdfError,
    UnsupportedFileError,
)
from .models import DocumentKind, Location, Segment
from .normalization import normalize_text

log = logging.getLogger(__name__)

EXTENSIONS: dict[str, DocumentKind] = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".csv": "csv",
    ".txt": "text",
    ".md": "text",
    ".markdown": "text",
}
LEGACY_HINTS = {
    ".doc": "save it as .docx in Word and upload that",
    ".xls": "save it as .xlsx in Excel and upload that",
    ".ppt": "export it to PDF and upload that",
    ".pptx": "export it to PDF and upload that",
}
# Rows of a sheet packed into one segment; each row still carries its headers.
ROWS_PER_SEGMENT = 8
# Below this many extracted characters per page on average, a PDF is treated as scanned.
MIN_CHARS_PER_PAGE = 15


@dataclass
class ConvertedDocument:
    kind: DocumentKind
    segments: list[Segment]
    pages: int | None = None
    warnings: list[str] = field(default_factory=list)


def kind_for(name: str) -> DocumentKind:
    ext = Path(name).suffix.lower()
    if ext in EXTENSIONS:
        return EXTENSIONS[ext]
    if ext in LEGACY_HINTS:
        raise UnsupportedFileError(name, f"the old {ext} format is not supported", LEGACY_HINTS[ext])
    supported = ", ".join(sorted(EXTENSIONS))
    raise UnsupportedFileError(name, f"unsupported file type '{ext or '(none)'}'", f"supported: {supported}")


def convert(data: bytes, name: str, *, max_bytes: int | None = None) -> ConvertedDocument:
    """Read ``data`` (the bytes of file ``name``) into text segments."""
    kind = kind_for(name)
    if not data:
        raise EmptyDocumentError(name, "the file is empty (0 bytes)", "check the upload or export it again")
    if max_bytes is not None and len(data) > max_bytes:
        raise FileTooLargeError(
            name,
            f"the file is {len(data) / 1048576:.1f} MB, over the {max_bytes / 1048576:.0f} MB limit",
            "split it, or raise max_upload_mb in settings",
        )
    converter: Callable[[bytes, str], ConvertedDocument] = {
        "pdf": pdf_to_segments,
        "docx": docx_to_segments,
        "xlsx": xlsx_to_segments,
        "csv": csv_to_segments,
        "text": text_to_segments,
    }[kind]
    doc = converter(data, name)
    if not any(s.text.strip() for s in doc.segments):
        raise EmptyDocumentError(name, "no text could be read from the file", "check that it has content")
    return doc


# ---------------------------------------------------------------- PDF
def pdf_to_segments(data: bytes, name: str) -> ConvertedDocument:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    # pypdf logs a warning per odd object; a real report can produce thousands.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    if not data.lstrip()[:1024].startswith(b"%PDF") and b"%PDF" not in data[:1024]:
        raise CorruptFileError(name, "this is not a PDF file (no %PDF header)", "check the file or export it again")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception as exc:  # missing AES backend, unknown handler
                raise PasswordRequiredError(name, f"the PDF is encrypted and could not be opened ({exc})",
                                            "remove the password (print to PDF) and upload again") from exc
            if not ok:
                raise PasswordRequiredError(name, "the PDF is password-protected (password required)",
                                            "remove the password or upload an unprotected copy")
        n_pages = len(reader.pages)
    except IngestionError:
        raise
    except FileNotDecryptedError as exc:
        raise PasswordRequiredError(name, "the PDF is password-protected (password required)",
                                    "remove the password or upload an unprotected copy") from exc
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        raise CorruptFileError(name, f"the PDF is damaged or truncated ({type(exc).__name__}: {exc})",
                               "open and re-save it, or export it again") from exc
    if n_pages == 0:
        raise EmptyDocumentError(name, "the PDF has no pages")

    segments: list[Segment] = []
    warnings: list[str] = []
    failed: list[int] = []
    blank: list[int] = []
    total_chars = 0
    for i in range(n_pages):
        try:
            raw = reader.pages[i].extract_text() or ""
        except Exception as exc:  # one bad page must not lose the rest of the document
            failed.append(i + 1)
            log.warning("%s: page %d unreadable: %s", name, i + 1, exc)
            continue
        text = normalize_text(raw)
        total_chars += len(text)
        if len(text) < MIN_CHARS_PER_PAGE:
            blank.append(i + 1)
        if text:
            segments.append(Segment(text=text, location=Location(page=i + 1)))
    if total_chars < MIN_CHARS_PER_PAGE * n_pages and len(blank) >= max(1, int(0.8 * n_pages)):
        raise ScannedPdfError(name, f"no text layer on {len(blank)} of {n_pages} pages (scanned: needs OCR)",
                              "run OCR first (e.g. ocrmypdf) or upload the source DOCX/PDF")
    if failed:
        warnings.append(f"pages {_ranges(failed)} could not be read and were skipped")
    if blank:
        warnings.append(f"pages {_ranges(blank)} have little or no text (images or scanned)")
    return ConvertedDocument("pdf", segments, pages=n_pages, warnings=warnings)


def _ranges(nums: list[int]) -> str:
    out, start, prev = [], None, None
    for n in nums:
        if start is None:
            start = prev = n
        elif n == prev + 1:
            prev = n
        else:
            out.append(f"{start}-{prev}" if start != prev else str(start))
            start = prev = n
    if start is not None:
        out.append(f"{start}-{prev}" if start != prev else str(start))
    return ", ".join(out)


# ---------------------------------------------------------------- DOCX
_HEADING_STYLE = re.compile(r"^(heading|標題|title)", re.I)


def docx_to_segments(data: bytes, name: str) -> ConvertedDocument:
    import zipfile

    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise CorruptFileError(name, f"the Word file is damaged or not a .docx ({type(exc).__name__})",
                               "open and re-save it in Word") from exc
    except PackageNotFoundError as exc:
        raise CorruptFileError(name, "the Word file is damaged or not a .docx", "open and re-save it in Word") from exc
    except Exception as exc:
        if "encrypt" in str(exc).lower():
            raise PasswordRequiredError(name, "the Word file is password-protected", "remove the password") from exc
        raise CorruptFileError(name, f"the Word file could not be read ({type(exc).__name__}: {exc})",
                               "open and re-save it in Word") from exc

    segments: list[Segment] = []
    buf: list[str] = []
    buf_start = 0
    heading: str | None = None

    def flush() -> None:
        nonlocal buf
        text = normalize_text("\n".join(buf))
        if text:
            segments.append(Segment(text=text, location=Location(paragraph=buf_start), heading=heading))
        buf = []

    for idx, block in enumerate(_docx_blocks(document)):
        if isinstance(block, str):  # paragraph
            text, is_heading = block[1:], block[0] == "H"
            if not text.strip():
                continue
            if is_heading:
                flush()
                heading = normalize_text(text)
                buf_start = idx
                buf.append(text)
                continue
            if not buf:
                buf_start = idx
            buf.append(text)
        else:  # table rows
            flush()
            for seg_text in _rows_to_texts(block, context=heading):
                segments.append(Segment(text=seg_text, location=Location(paragraph=idx), heading=heading))
    flush()
    return ConvertedDocument("docx", segments)


def _docx_blocks(document) -> Iterable[Any]:
    """Body blocks in order: paragraphs as 'H…'/'P…' strings, tables as lists of rows.
    Nested tables are flattened into the text of their cell."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            style = (block.style.name if block.style is not None else "") or ""
            yield ("H" if _HEADING_STYLE.match(style) else "P") + block.text
        elif isinstance(block, Table):
            yield _table_rows(block)


def _table_rows(table) -> list[list[str]]:
    rows: list[list[str]] = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # merged cells repeat the same element
                continue
            seen.add(id(cell._tc))
            parts = [p.text for p in cell.paragraphs if p.text.strip()]
            for inner in cell.tables:
                parts.extend(" | ".join(r) for r in _table_rows(inner))
            cells.append(" ".join(parts))
        rows.append(cells)
    return rows


# ---------------------------------------------------------------- sheets (XLSX, CSV)
def _is_numberlike(v: Any) -> bool:
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return True
    if isinstance(v, str):
        return bool(re.fullmatch(r"[-+]?[\d,]+(\.\d+)?%?", v.strip()))
    return False


def _find_header(rows: list[list[Any]]) -> int | None:
    """Index of the header row: the first of the top rows with ≥2 filled cells, mostly text,
    followed by a row with at least one filled cell."""
    for i, row in enumerate(rows[:15]):
        filled = [v for v in row if v not in (None, "")]
        if len(filled) < 2:
            continue
        text_cells = [v for v in filled if not _is_numberlike(v) or _looks_like_year(v)]
        if len(text_cells) >= 0.6 * len(filled):
            return i
        return None  # first substantial row is data: no header
    return None


def _looks_like_year(v: Any) -> bool:
    s = str(v).strip()
    if re.fullmatch(r"(19|20)\d\d(\.0)?", s):
        return True
    return bool(re.fullmatch(r"(民國)?1[0-4]\d\s*年度?", s))


def _fmt(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, int):
        return f"{v:,}" if abs(v) >= 10000 or not (1900 <= v <= 2100) else str(v)
    if isinstance(v, float):
        if v.is_integer():
            iv = int(v)
            return str(iv) if 1900 <= iv <= 2100 else f"{iv:,}"
        return f"{v:,.6f}".rstrip("0").rstrip(".")
    if isinstance(v, (datetime, date)):
        return v.strftime("%Y-%m-%d")
    return str(v).strip()


def _col_letter(n: int) -> str:
    s = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


@dataclass
class _RowText:
    text: str
    row: int  # 0-based row index in the sheet
    last_col: int


def _row_lines(rows: list[list[Any]]) -> tuple[str, list[_RowText]]:
    """Header line and one text line per data row: 'label | header: value | header: value'."""
    header_idx = _find_header(rows)
    headers: list[str] = []
    if header_idx is not None:
        headers = [_fmt(v) for v in rows[header_idx]]
    preamble = [" ".join(_fmt(v) for v in r if v not in (None, "")) for r in rows[: header_idx or 0]]
    out: list[_RowText] = []
    start = 0 if header_idx is None else header_idx + 1
    for ri in range(start, len(rows)):
        row = rows[ri]
        cells = [(ci, _fmt(v)) for ci, v in enumerate(row) if v not in (None, "")]
        if not cells:
            continue
        parts = []
        for ci, val in cells:
            h = headers[ci] if ci < len(headers) else ""
            parts.append(f"{h}: {val}" if h and h != val else val)
        out.append(_RowText(" | ".join(parts), ri, max(ci for ci, _ in cells)))
    head = " | ".join(h for h in headers if h)
    context = " ".join(p for p in preamble if p)
    return (context + ("\n" if context and head else "") + head), out


def _rows_to_texts(rows: list[list[Any]], context: str | None = None) -> list[str]:
    head, lines = _row_lines(rows)
    prefix = "\n".join(p for p in (context, head) if p)
    texts = []
    for i in range(0, len(lines), ROWS_PER_SEGMENT):
        body = "\n".join(ln.text for ln in lines[i : i + ROWS_PER_SEGMENT])
        texts.append(normalize_text((prefix + "\n" if prefix else "") + body))
    return texts


def _sheet_segments(rows: list[list[Any]], sheet: str | None) -> list[Segment]:
    head, lines = _row_lines(rows)
    label = f"[{sheet}]" if sheet else ""
    prefix = "\n".join(p for p in (label, head) if p)
    segments = []
    for i in range(0, len(lines), ROWS_PER_SEGMENT):
        group = lines[i : i + ROWS_PER_SEGMENT]
        last_col = max(ln.last_col for ln in group)
        cell_range = f"A{group[0].row + 1}:{_col_letter(last_col)}{group[-1].row + 1}"
        body = "\n".join(ln.text for ln in group)
        text = normalize_text((prefix + "\n" if prefix else "") + body)
        segments.append(Segment(text=text, location=Location(sheet=sheet, cell_range=cell_range), heading=sheet))
    return segments


def xlsx_to_segments(data: bytes, name: str) -> ConvertedDocument:
    import zipfile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        msg = str(exc).lower()
        if "encrypt" in msg or (isinstance(exc, zipfile.BadZipFile) and data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
            raise PasswordRequiredError(name, "the workbook is password-protected or in the old .xls format",
                                        "remove the password and save as .xlsx") from exc
        raise CorruptFileError(name, f"the workbook is damaged or not an .xlsx ({type(exc).__name__})",
                               "open and re-save it in Excel") from exc
    except Exception as exc:  # a damaged part inside the zip: zlib, XML or openpyxl's own errors
        raise CorruptFileError(name, f"the workbook is damaged ({type(exc).__name__})",
                               "open and re-save it in Excel") from exc
    segments: list[Segment] = []
    warnings: list[str] = []
    for ws in wb.worksheets:
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        # Merged cells: openpyxl keeps the value only in the top-left cell; repeat it so that every
        # row of a merged label carries the label.
        for rng in ws.merged_cells.ranges:
            top = rows[rng.min_row - 1][rng.min_col - 1] if rng.min_row - 1 < len(rows) else None
            for r in range(rng.min_row - 1, min(rng.max_row, len(rows))):
                for c in range(rng.min_col - 1, rng.max_col):
                    if c < len(rows[r]) and rows[r][c] is None:
                        rows[r][c] = top
        if not any(v not in (None, "") for r in rows for v in r):
            warnings.append(f"sheet '{ws.title}' is empty")
            continue
        segments.extend(_sheet_segments(rows, ws.title))
    return ConvertedDocument("xlsx", segments, warnings=warnings)


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode bytes of a text/CSV file (see :mod:`disclosure.encodings`). Returns (text, encoding)."""
    try:
        return decode_bytes(data)
    except UnknownEncodingError as exc:
        raise CorruptFileError(name, "the text encoding could not be recognised",
                               "save it as UTF-8 (Excel: CSV UTF-8) and upload again") from exc


def csv_to_segments(data: bytes, name: str) -> ConvertedDocument:
    text, enc = decode_text(data, name)
    sample = text[:20000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    try:
        # newline="": a bare CR (old Mac/Excel exports) ends a row instead of breaking the reader
        rows = [list(r) for r in csv.reader(io.StringIO(text, newline=""), dialect)]
    except csv.Error as exc:
        raise CorruptFileError(name, f"the CSV cannot be read ({exc})", "open it in Excel and save it as CSV UTF-8") from exc
    rows = [[c if c.strip() else None for c in r] for r in rows]
    if not any(v for r in rows for v in r):
        raise EmptyDocumentError(name, "the CSV has no values")
    doc = ConvertedDocument("csv", _sheet_segments(rows, None))
    if enc not in ("utf-8", "utf-8-sig"):
        doc.warnings.append(f"read as {enc}")
    return doc


# ---------------------------------------------------------------- text / Markdown
def text_to_segments(data: bytes, name: str) -> ConvertedDocument:
    text, enc = decode_text(data, name)
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    segments: list[Segment] = []
    heading = None
    buf: list[str] = []
    start = 0
    for idx, block in enumerate(blocks):
        b = block.strip()
        if not b:
            continue
        if b.startswith("#"):
            if buf:
                segments.append(Segment(text=normalize_text("\n\n".join(buf)), location=Location(paragraph=start), heading=heading))
                buf = []
            heading = normalize_text(b.splitlines()[0].lstrip("#").strip())
        if not buf:
            start = idx
        buf.append(b)
    if buf:
        segments.append(Segment(text=normalize_text("\n\n".join(buf)), location=Location(paragraph=start), heading=heading))
    doc = ConvertedDocument("text", [s for s in segments if s.text])
    if enc not in ("utf-8", "utf-8-sig"):
        doc.warnings.append(f"read as {enc}")
    return doc
