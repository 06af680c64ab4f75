"""Target facts of a questionnaire: near-term reduction targets, the net-zero commitment and the SBTi
status, from the target register (each cited with what corroborates it) or the sentences stating them."""
from __future__ import annotations

import re

from ..citing.figures import cite_target, scope_desc, target_corroboration
from ..citing.sentences import clean_sentence
from ..citing.statements import extract_targets, nfkc
from .fact_base import SCOPE12, FactResult, ResolverBase
from .models import Question


class TargetFacts(ResolverBase):
    def _target_text(self, t) -> str:
        scope = scope_desc(t, self.zh)
        if t.net_zero:
            return self.t(f"{t.target_year}年達成淨零排放，{scope}絕對排放量較{t.base_year}年減少至少{t.reduction_pct:g}%",
                          f"net-zero by {t.target_year}, cutting absolute {scope} emissions at least {t.reduction_pct:g} % "
                          f"from {t.base_year}")
        kind = "絕對" if t.type == "absolute" else "密集度"
        return self.t(f"{scope}{kind}排放量於{t.target_year}年前較{t.base_year}年減少{t.reduction_pct:g}%",
                      f"{'absolute' if t.type == 'absolute' else 'intensity'} {scope} emissions −{t.reduction_pct:g} % "
                      f"by {t.target_year} from {t.base_year}")

    def _sbti_validated(self, t) -> bool:
        return bool(t.sbti_status and re.search(r"通過|確認|validated|approved", t.sbti_status, re.I))

    def fact_near_term_target(self, q):
        targets = [t for t in self.ctx.targets if not t.net_zero]
        if targets:
            targets.sort(key=lambda t: (-t.target_year, t.name))
            cites, parts, rows = [], [], []
            for t in targets:
                cites.append(cite_target(self.ctx, t))
                cites += target_corroboration(self.ctx, t)
                parts.append(self._target_text(t) + (self.t("（已通過SBTi確認）", " (SBTi-validated)") if self._sbti_validated(t) else ""))
                rows.append({"target": t.name, "scopes": "+".join(map(str, t.scopes)), "base_year": t.base_year,
                             "target_year": t.target_year, "reduction_pct": t.reduction_pct, "sbti_status": t.sbti_status})
            text = self.t("減量目標：" + "；".join(parts) + "。", "Reduction targets: " + "; ".join(parts) + ".")
            return FactResult(text, rows, None, None, [self.cite(c) for c in cites], "high",
                              keywords=["absolute", "絕對"])
        return self._targets_from_evidence(q, ("reduction", "renewable"))

    def _targets_from_evidence(self, q: Question, kinds: tuple[str, ...]) -> FactResult | None:
        """Targets the documents state: the sentence(s) naming the asked scope with a percentage, a
        target year and a base year first; an answer of one or two sentences, each cited."""
        asked = nfkc(" ".join(filter(None, (q.text, q.text_alt))))
        scope = "scope3" if re.search(r"範疇三|範疇3|scope 3", asked, re.I) else \
            "scope12" if re.search(SCOPE12 + r"|範疇一.{0,3}範疇二|scope 1.{0,8}2", asked, re.I) else None
        facts = []
        queries = (q.text[:300], "減量目標 基準年 減少 %", "emissions reduction target base year %", "淨零排放 承諾 2050", "net-zero target")
        for qi, query in enumerate(queries):
            for rank, ev in enumerate(self.ctx.search(query, k=8)):
                for tf in extract_targets(ev.text):
                    if tf.kind in kinds and tf.target_year:
                        score = (2 if tf.percent is not None else 0) + (1.5 if tf.base_year else 0) - 0.05 * rank - 0.1 * qi
                        if scope and tf.scope:
                            score += 2 if tf.scope == scope else -3
                        if len(tf.sentence) > 300:
                            score -= 1
                        facts.append((score, tf, ev))
        if scope:  # a target of another scope does not answer the asked one
            facts = [f for f in facts if f[1].scope in (scope, None)]
        if not facts:
            return None
        facts.sort(key=lambda f: -f[0])
        seen, cites, parts = set(), [], []
        for _score, tf, ev in facts:
            key = (tf.kind, tf.target_year, tf.percent)
            if key in seen:
                continue
            seen.add(key)
            sent = clean_sentence(tf.sentence, self.ctx)
            if len(sent) > 300:
                sent = sent[:297].rstrip() + "…"
            if parts and (sum(map(len, parts)) + len(sent) > 340 or _score < facts[0][0] - 1.5):
                break
            cites.append(self.ctx.cite(ev, sent))
            parts.append(sent)
            if len(parts) >= 2:
                break
        nz = next((tf for _s, tf, _ in facts if tf.kind == "net_zero"), None)
        value = float(nz.target_year) if nz and kinds == ("net_zero",) else None
        return FactResult(" ".join(parts) if not self.zh else "".join(parts), value, "year" if value else None,
                          nz.target_year if value else None, [self.cite(c) for c in cites], "medium")

    def fact_net_zero_target(self, q):
        nz = [t for t in self.ctx.targets if t.net_zero]
        if nz:
            t = nz[0]
            cites = [cite_target(self.ctx, t)] + target_corroboration(self.ctx, t)
            text = self.t(f"承諾{self._target_text(t)}。", f"Commitment: {self._target_text(t)}.")
            return FactResult(text, float(t.target_year), "year", t.target_year, [self.cite(c) for c in cites], "high")
        return self._targets_from_evidence(q, ("net_zero",))

    def fact_sbti_status(self, q):
        cites, statuses = [], []
        for t in self.ctx.targets:
            if t.sbti_status and not re.search(r"不適用|n/?a|not applicable", t.sbti_status, re.I):
                cites.append(cite_target(self.ctx, t))
                statuses.append(t.sbti_status)
        doc_sent = None
        for query in ("SBTi 科學基礎減量目標倡議 確認 通過", "targets validated by the Science Based Targets initiative SBTi"):
            for ev in self.ctx.search(query, k=6):
                for sent in self.ctx.sentences_for(ev):
                    s = nfkc(sent)
                    if re.search(r"SBTi|Science Based Targets|科學基礎減量目標", s, re.I) and \
                            re.search(r"validat|approv|commit|通過|確認|核准|承諾", s, re.I) and len(s) < 400:
                        doc_sent = doc_sent or (ev, sent)
                        break
        if doc_sent:
            cites.append(self.ctx.cite(doc_sent[0], clean_sentence(doc_sent[1], self.ctx)))
        if not cites:
            return None
        blob = " ".join(statuses) + " " + (nfkc(doc_sent[1]) if doc_sent else "")
        if re.search(r"validat|approv|通過|確認|核准", blob, re.I):
            kw = ["validated", "approved", "通過", "確認", "核准", "set"]
            when = re.search(r"(20\d{2})[-/年.]\s*(\d{1,2})", " ".join(statuses))
            text = self.t("減量目標已通過SBTi確認" + (f"（{when.group(1)}年{int(when.group(2))}月）" if when else "") + "。",
                          "Targets validated by the SBTi" + (f" ({when.group(1)}-{int(when.group(2)):02d})" if when else "") + ".")
        elif re.search(r"commit|承諾", blob, re.I):
            kw = ["committed", "commitment", "承諾"]
            text = self.t("已向SBTi承諾設定科學基礎減量目標。", "Committed to set science-based targets with the SBTi.")
        else:
            return FactResult(clean_sentence(doc_sent[1], self.ctx) if doc_sent else "; ".join(statuses), None, None, None,
                              [self.cite(c) for c in cites], "low", partial=True)
        return FactResult(text, None, None, None, [self.cite(c) for c in cites], "high" if len(cites) > 1 else "medium",
                          keywords=kw)

