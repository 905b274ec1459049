"""Never issue what another system issues: no agency product Balai prints may be one whose
standard says OSS issues it (PP 28/2025)."""

from __future__ import annotations

from pathlib import Path

import yaml

from balai.documents.agency_products import PRODUCTS

SERVICES = Path(__file__).resolve().parents[2] / "src/balai/catalog/data/services"


def _issued_through_oss(service: dict) -> bool:
    steps = " ".join(service.get("procedure") or []).lower()
    return "diterbitkan melalui oss" in steps or "terbit dari sistem oss" in steps


def test_no_product_issued_through_oss_is_printed_by_balai():
    offenders = []
    for path in sorted(SERVICES.glob("*.yaml")):
        for service in yaml.safe_load(path.read_text())["services"]:
            product = (service.get("agency"), service["product"]["document_type"])
            if _issued_through_oss(service) and product in PRODUCTS:
                offenders.append((service["code"], product))
    assert offenders == []


def test_the_health_facility_licence_is_not_a_balai_document():
    assert ("dpmptsp", "izin-fasyankes") not in PRODUCTS
    assert not any(code == "nib" for _agency, code in PRODUCTS)
