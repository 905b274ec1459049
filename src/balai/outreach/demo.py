"""The demo's outreach day: KBLI sample codes with their example risks, and a planned day of
the licensing office (DPMPTSP) in a Banyuwangi village two weeks ahead."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

DEMO_VILLAGE = "35.10.05.2001"  # Sumberberas, Muncar


def outreach_demo_create(*, regency: Any) -> Any:
    from balai.catalog.models import Agency
    from balai.licensing.kbli import (
        RISK_EXAMPLE_FILE,
        default_file,
        kbli_load,
        kbli_risk_load,
    )
    from balai.outreach.services import event_plan
    from balai.regions.models import Region

    kbli_load(path=default_file())
    # The demo's risks are the example table (marked `is_example`), whichever codes are in.
    kbli_risk_load(path=RISK_EXAMPLE_FILE, is_example=True)
    village = (
        Region.objects.filter(code=DEMO_VILLAGE).first()
        or Region.objects.filter(code__startswith=regency.code + ".", level="village")
        .order_by("code")
        .first()
    )
    if village is None:
        return None
    return event_plan(
        actor=None,
        village=village,
        date=timezone.localdate() + dt.timedelta(days=14),
        title=f"Bupati Ngantor di Desa {village.name}",
        agencies=["DPMPTSP", "Dispendukcapil", "Dinas Koperasi dan Usaha Mikro"],
        services=["NIB usaha mikro dan kecil", "Sertifikat standar", "KTP-el", "Kartu Keluarga"],
        staff=["petugas.dpmptsp"],
        target_registrations=1200,
        agency=Agency.objects.filter(code="dpmptsp").first(),
    )
