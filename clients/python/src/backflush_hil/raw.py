"""The raw hardware signals of a sensor frame (hello with ``raw=True``), back in engineering units.

These invert the models in docs/protocol.md ("Raw signals"), as a firmware's drivers would.
"""

from __future__ import annotations

from typing import Optional

ADS1115_COUNTS_AT_0_BAR = 2666
"""0.5 V into an ADS1115 at ±6.144 V full scale is 0.5 · 32768 / 6.144 = 2666.7 counts; the server
rounds (0 bar reads 2667) and the conversion firmware uses (Gaggiuino's, as docs/protocol.md
gives it) takes 2666, so readings carry a bias of about 0.7 count (0.0004 bar)."""

ADS1115_COUNTS_PER_BAR = 1777.8
"""(4.5 V − 0.5 V) / 12 bar · 32768 / 6.144."""

THERMOCOUPLE_NO_DATA = -32768
"""The quarter-degree reading of an open or dropped-out thermocouple."""


def pressure_bar(counts: int) -> float:
    """Bar from the transducer's ADS1115 counts (0 counts: no signal, reads about −1.5 bar)."""
    return (counts - ADS1115_COUNTS_AT_0_BAR) / ADS1115_COUNTS_PER_BAR


def thermocouple_c(quarter_degrees: int) -> Optional[float]:
    """°C from a MAX6675-style reading in quarter degrees; None when the thermocouple gives no data."""
    if quarter_degrees == THERMOCOUPLE_NO_DATA:
        return None
    return quarter_degrees / 4.0
