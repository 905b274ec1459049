"""Scale and risk: the rules of PP 7/2021 and PP 28/2025 that a registration applies."""

from __future__ import annotations

from balai.licensing.choices import RISK_ORDER, Certificate, RiskLevel, Scale

MILLION = 1_000_000
# PP 7/2021 art. 35(3): capital excluding land and buildings.
MICRO_MAX = 1_000 * MILLION
SMALL_MAX = 5_000 * MILLION
MEDIUM_MAX = 10_000 * MILLION


def scale_for(capital: int) -> str:
    if capital <= MICRO_MAX:
        return Scale.MICRO
    if capital <= SMALL_MAX:
        return Scale.SMALL
    if capital <= MEDIUM_MAX:
        return Scale.MEDIUM
    return Scale.LARGE


def risk_highest(levels: list[str]) -> str:
    """A business with several activities carries the highest risk among them."""
    return max(levels, key=RISK_ORDER.index) if levels else RiskLevel.LOW


# PP 28/2025: what each level yields beyond the NIB.
CERTIFICATE_FOR: dict[str, str] = {
    RiskLevel.LOW: Certificate.NONE,
    RiskLevel.MEDIUM_LOW: Certificate.SELF_DECLARED,
    RiskLevel.MEDIUM_HIGH: Certificate.VERIFICATION,
    RiskLevel.HIGH: Certificate.PERMIT,
}
