"""The one list of extractors, in the order they run (later ones may read what earlier
ones put in the summary: tiers close their top band at the commitment)."""

from __future__ import annotations

from . import (cap, claim, commitments, credit_form, downtime, exclusions, maintenance, provider,
               sole_remedy, terms, tiers)

REGISTRY = (
    provider,
    commitments,
    tiers,
    cap,
    claim,
    credit_form,
    sole_remedy,
    downtime,
    maintenance,
    exclusions,
    terms,
)
