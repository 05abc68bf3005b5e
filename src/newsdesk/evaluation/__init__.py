"""Quality measured on the shared real-news corpora (`newsdesk eval`).

Modules: `aeb` (body extraction, scrapinghub benchmark metric), `fundus` (title / date / authors / body),
`meantime` (actors and dates on MEANTIME), `timebank` (TimeML time expressions on TimeBank and AQUAINT), `topics`
(our labelled IPTC set), `german` (our German labels), and `report`, which runs them and puts every figure beside its
same-run baseline. The corpora are read where they are (NEWSDESK_CORPORA, default ../shared/corpora); nothing from
them is copied into the project.
"""

from __future__ import annotations

from newsdesk.evaluation.report import PARTS, format_table, run

__all__ = ["PARTS", "format_table", "run"]
