"""Citing the evidence: the layer below drafting and the questionnaire, above the evidence base and
the facts layer.

- :mod:`.context`: :class:`~.context.DraftContext`, retrieval with instruction-like text removed and
  the register of the evidence a draft or an answer sheet cites.
- :mod:`.models`: :class:`~.models.Citation` and :class:`~.models.EvidenceItem`.
- :mod:`.statements`: facts read out of passages (committees, meetings, frequencies, targets,
  scenarios, quantities).
- :mod:`.sentences`: evidence sentences made fit to quote, and the screen of what is a sentence.
- :mod:`.figures`: inventory figures and targets as cited facts, corroborated by the documents.
- :mod:`.numbers`: the numbers a text states and supports (the guard's vocabulary).
- :mod:`.inventory`: which workbook is the GHG inventory.
"""
