"""Quality measured on the shared real-news corpora (`newsdesk eval`).

Modules: `aeb` (body extraction, scrapinghub benchmark metric), `fundus` (title / date / authors / body),
`topics` (our labelled IPTC set), `meantime` (actors and dates, when present), and `report`, which runs them and
puts every figure beside its same-run baseline. The corpora are read where they are (NEWSDESK_CORPORA, default
../shared/corpora); nothing from them is copied into the project.
"""

from newsdesk.evaluation.report import PARTS, format_table, run

__all__ = ["PARTS", "format_table", "run"]
