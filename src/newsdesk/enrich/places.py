"""The gazetteer moved to `newsdesk.lang.places` (the clean step reads it too); this name stays importable."""

from __future__ import annotations

from newsdesk.lang.places import (  # noqa: F401
    ALTERNATE_MIN_POPULATION,
    EXTRA_FORMS,
    PREFERRED_NAMES,
    STOP_FORMS,
    Place,
    country_name,
    gazetteer,
    lookup,
)
