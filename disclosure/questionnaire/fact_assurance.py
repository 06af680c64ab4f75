"""Methodology and assurance facts of a questionnaire: the inventory standard, consolidation approach
and GWP source; who verified the inventory, under which standard, at which level of assurance."""
from __future__ import annotations

import re

from ..citing.sentences import clean_sentence
from ..citing.statements import nfkc
from ..facts.statements import ASSURANCE_STD, LEVEL
from ..normalization import find_years
from .fact_base import FactResult, ResolverBase


class AssuranceFacts(ResolverBase):
    def _first_sentence(self, queries: tuple[str, ...], pattern: re.Pattern, prefer_year: int | None = None):
        best = None
        for query in queries:
            for rank, ev in enumerate(self.ctx.search(query, k=8)):
                for sent in self.ctx.sentences_for(ev):
                    s = nfkc(sent)
                    m = pattern.search(s)
                    if not m or len(s) > 500:
                        continue
                    yrs = set(find_years(s)) | set(find_years(ev.source))
                    score = rank + (0 if prefer_year is None or prefer_year in yrs else 3 if not yrs else 6)
                    if " | " in s:
                        score += 2
                    if best is None or score < best[0]:
                        best = (score, ev, sent, m)
        return best

    def fact_ghg_methodology(self, q):
        year = self.year_for(q)
        parts, cites = [], []
        std = self._first_sentence(("盤查 依據 ISO 14064-1 標準", "GHG inventory standard ISO 14064-1 GHG Protocol"),
                                   re.compile(r"ISO\s?14064-1(?::\s?2018|:\s?2006)?|GHG Protocol|溫室氣體盤查議定書", re.I), year)
        if std:
            parts.append(self.t(f"盤查依據{std[3].group(0)}", f"standard: {std[3].group(0)}"))
            cites.append(self.ctx.cite(std[1], clean_sentence(std[2], self.ctx)))
        cons = self._first_sentence(("組織邊界 營運控制權法", "organisational boundary operational control consolidation"),
                                    re.compile(r"營運控制權?法?|財務控制權?法?|股權比例法?|operational control|financial control|equity share", re.I),
                                    year)
        if cons:
            w = cons[3].group(0)
            en = "operational control" if re.search(r"營運|operational", w, re.I) else \
                 "financial control" if re.search(r"財務|financial", w, re.I) else "equity share"
            zh = {"operational control": "營運控制權法", "financial control": "財務控制權法", "equity share": "股權比例法"}[en]
            parts.append(self.t(f"組織邊界採{zh}", f"consolidation approach: {en}"))
            cites.append(self.ctx.cite(cons[1], clean_sentence(cons[2], self.ctx)))
        gwp = self._first_sentence(("全球暖化潛勢 GWP AR5", "global warming potential GWP IPCC AR5"),
                                   re.compile(r"AR[456]|第[五六四]次評估報告", re.I), year)
        if gwp:
            g = gwp[3].group(0)
            g = {"第五次評估報告": "AR5", "第六次評估報告": "AR6", "第四次評估報告": "AR4"}.get(g, g.upper())
            parts.append(self.t(f"GWP採IPCC {g}", f"GWP: IPCC {g}"))
            cites.append(self.ctx.cite(gwp[1], clean_sentence(gwp[2], self.ctx)))
        elif self.inv is not None and self.inv.gwp_report:
            pass  # the inventory's GWP column is checked against a table, not stated; say nothing we cannot cite
        if not parts:
            return None
        text = self.t("；".join(parts) + "。", "; ".join(parts)[:1].upper() + "; ".join(parts)[1:] + ".")
        return FactResult(text, None, None, year, [self.cite(c) for c in cites], "high" if len(parts) == 3 else "medium",
                          partial=len(parts) < 2)

    _VERIFIER = re.compile(r"(?:經|由|委託|委請|透過)\s*([\u4e00-\u9fff]{2,12}?(?:驗證|檢驗|認證|標準|品質)[\u4e00-\u9fff]{0,6}?(?:股份有限公司|有限公司|公司))|"
                           r"(?:by|from)\s+((?:[A-Z][\w&.\-]*\s){0,4}(?:Verification|Certification|Assurance|Services?|Ltd\.?|Limited|Inc\.?|GmbH|AG|SA|LLP)\b)")
    _ASSURANCE_STD = ASSURANCE_STD
    _LEVEL = LEVEL
    _VERIF_SENT = re.compile(r"(?=.*(?:查證|保證|verif|assur))(?=.*(?:ISO\s?14064-3|ISAE|合理保證|有限保證|reasonable|limited))",
                             re.I | re.S)

    def _levels(self, s: str) -> list[str]:
        levels = []
        for m in self._LEVEL.finditer(s):
            if m.group(1):
                cats = re.sub(r"\s", "", m.group(1))
                cats_en = re.sub("類別", "category ", cats).replace("及", " and ").replace("至", " to ").replace("、", ", ")
                levels.append(self.t(f"{cats}{m.group(2)}保證",
                                     f"{'reasonable' if m.group(2) == '合理' else 'limited'} assurance for {cats_en}"))
            elif m.group(3):
                levels.append(self.t(f"{m.group(3)}保證", f"{'reasonable' if m.group(3) == '合理' else 'limited'} assurance"))
            elif m.group(4):
                levels.append(self.t(f"{'合理' if m.group(4).lower() == 'reasonable' else '有限'}保證", f"{m.group(4).lower()} assurance"))
        return list(dict.fromkeys(levels))

    def _assurance_sentence(self, who, std_text: str, levels: list[str], verb_en: str) -> str:
        """"經…依…查證，…保證。" / "Verified by … under …; … assurance." from what the evidence names."""
        verifier = ((who.group(1) or who.group(2)) if who else "").strip()
        if self.zh:
            return ((f"經{verifier}" if verifier else "經第三方") + (f"依{std_text}" if std_text else "") + "查證"
                    + ("，" + "、".join(levels) if levels else "") + "。")
        return (f"{verb_en} " + (verifier or "a third party") + (f" under {std_text}" if std_text else "")
                + ("; " + ", ".join(levels) if levels else "") + ".")

    def _verification_text(self, p, year: int | None):
        """The assurance statement of a fact's sentence; a standard or a level it does not name is taken
        from another assurance sentence of the same page (an auditor's report spreads them over a page)."""
        s = nfkc(p.sentence)
        who, std, levels = self._VERIFIER.search(s), self._ASSURANCE_STD.search(s), self._levels(s)
        cites = [self.ctx.cite_fact(p)]
        for f in self.fb.facts:
            o = f.provenance
            if f.metric != "verification" or o.source != p.source or o.page != p.page or o is p:
                continue
            t = nfkc(o.sentence)
            if std is None and self._ASSURANCE_STD.search(t):
                std = self._ASSURANCE_STD.search(t)
                cites.append(self.ctx.cite_fact(o))
            if not levels and self._levels(t):
                levels = self._levels(t)
                cites.append(self.ctx.cite_fact(o))
        for f in self.fb.facts:  # the standard stated elsewhere in the same document (the auditor's report)
            o = f.provenance
            if std is not None or levels == [] or f.metric != "verification" or o.source != p.source:
                continue
            if self._ASSURANCE_STD.search(nfkc(o.sentence)):
                std = self._ASSURANCE_STD.search(nfkc(o.sentence))
                cites.append(self.ctx.cite_fact(o))
        if not (who or std or levels):
            return None
        std_text = re.sub(r"\s*[()]\s*", " ", std.group(0)).strip() if std else ""
        text = self._assurance_sentence(who, std_text, levels, "Externally assured by")
        yrs = find_years(s) + find_years(p.source)
        y = year if year in yrs else (max(yrs) if yrs else None)
        return FactResult(text, None, None, y, [self.cite(c) for c in cites], "high" if (std and levels) else "medium",
                          keywords=["reasonable", "合理"] if any("合理" in x or "reasonable" in x for x in levels) else
                          ["limited", "有限"] if levels else [], partial=not (std and levels))

    def fact_verification(self, q):
        """Who verified the inventory, under which standard, at which assurance level: the sentence that
        names most of these (for the reporting year when a sentence or its file says which year)."""
        year = self.year_for(q)
        best = None
        # the assurance statements the facts layer read at ingestion, then retrieval
        statements = [f for f in self.fb.facts if f.metric == "verification"]
        page_std = {(f.provenance.source, f.provenance.page) for f in statements if self._ASSURANCE_STD.search(nfkc(f.provenance.sentence))}
        page_level = {(f.provenance.source, f.provenance.page) for f in statements if self._levels(nfkc(f.provenance.sentence))}
        for f in statements:
            s = nfkc(f.provenance.sentence)
            at = (f.provenance.source, f.provenance.page)
            parts = sum(bool(x) for x in (self._VERIFIER.search(s), self._ASSURANCE_STD.search(s) or at in page_std,
                                          self._levels(s) or at in page_level))
            yrs = set(find_years(s)) | set(find_years(f.provenance.source))
            off_year = 0 if year is None or year in yrs else (2 if not yrs else 6)
            score = (3 - parts) * 3 + off_year - (1 if re.search(r"温室|溫室|GHG|emission|environmental|sustainab|永續|ESG", s, re.I) else 0)
            if best is None or score < best[0]:
                best = (score, f.provenance, f.provenance.sentence)
        if best is not None:
            return self._verification_text(best[1], year)
        for query in ("溫室氣體 查證 ISO 14064-3 合理保證 有限保證 查證機構", "GHG verification assurance ISO 14064-3 verifier"):
            for rank, ev in enumerate(self.ctx.search(query, k=8)):
                for sent in self.ctx.sentences_for(ev):
                    s = nfkc(sent)
                    if not self._VERIF_SENT.search(s) or len(s) > 500 or re.search(r"產品|碳足跡|product", s, re.I):
                        continue
                    parts = sum(bool(x) for x in (self._VERIFIER.search(s), self._ASSURANCE_STD.search(s), self._levels(s)))
                    yrs = set(find_years(s)) | set(find_years(ev.source))
                    off_year = 0 if year is None or year in yrs else (2 if not yrs else 6)
                    score = (3 - parts) * 3 + off_year + rank * 0.1 + (2 if " | " in s else 0)
                    if best is None or score < best[0]:
                        best = (score, ev, sent)
        if best is None:
            return None
        _score, ev, sent = best
        s = nfkc(sent)
        who = self._VERIFIER.search(s)
        std = self._ASSURANCE_STD.search(s)
        levels = self._levels(s)
        cite = self.ctx.cite_fact(ev) if hasattr(ev, "channel") else self.ctx.cite(ev, clean_sentence(sent, self.ctx))
        if not (who or std):
            return FactResult(clean_sentence(sent, self.ctx)[:340], None, None, year, [self.cite(cite)], "low", partial=True)
        text = self._assurance_sentence(who, std.group(0) if std else "", levels, "Verified by")
        yrs = find_years(s) + find_years(ev.source)
        y = year if year in yrs else (max(yrs) if yrs else None)
        return FactResult(text, None, None, y, [self.cite(cite)], "high" if (who and std and levels) else "medium",
                          keywords=["reasonable", "合理"] if any("合理" in x or "reasonable" in x for x in levels) else
                          ["limited", "有限"] if levels else [])
