"""An MPP agency service with a fee, from the counter to the issued product, over HTTP.

The MPP counter takes the application on its page (the STNK original seen, a power of
attorney scanned); the bill and its virtual account are made at intake; the agency accepts
over the API; the product waits for payment; the citizen pays at the bank and the fake
gateway calls Balai back over HTTP; the agency completes; the public pages show it.
"""

from __future__ import annotations

import pytest
from django.test import Client

from balai.accounts.services import token_create
from balai.audit.models import AuditEvent
from balai.cases.models import Case, CaseAttachment
from balai.cases.services import case_act
from balai.catalog.models import Agency, ServicePoint
from balai.payments.models import Bill, Payment
from balai.payments.reference import reference_valid
from tests.cases.files import image_bytes
from tests.payments.fake_gateway import CLIENT_ID, SECRET, FakeGateway

SERVICE = "pajak-kendaraan-tahunan"


@pytest.mark.django_db(transaction=True)
def test_mpp_service_with_a_fee_from_counter_to_issued(
    catalog, live_server, settings, make_staff, make_resident, tmp_path
):
    import io

    settings.MEDIA_ROOT = tmp_path / "media"
    with FakeGateway(callback_url=f"{live_server.url}/api/v1/payments/callback") as bank:
        settings.BALAI_PAYMENT_GATEWAY_URL = bank.url
        settings.BALAI_PAYMENT_GATEWAY_CLIENT_ID = CLIENT_ID
        settings.BALAI_PAYMENT_GATEWAY_SECRET = SECRET

        point = ServicePoint.objects.get(code="mpp-banyuwangi")
        loket = make_staff("petugas_loket", service_point=point)
        officer = make_staff("petugas_instansi", agency=Agency.objects.get(code="samsat"))
        citizen = make_resident(name="Siti Aminah", sex="P")

        # 1. The MPP counter: look the resident up, then file with a scan and a shown original.
        counter = Client()
        counter.force_login(loket)
        search = counter.post("/permohonan/loket/?tempat=mpp-banyuwangi", {"cari": citizen.nik})
        assert f"penduduk={citizen.pk}" in search.content.decode()
        found = counter.get(
            "/permohonan/loket/",
            {"tempat": "mpp-banyuwangi", "penduduk": citizen.pk, "layanan": SERVICE},
        )
        text = found.content.decode()
        assert "Rp250000" in text and 'name="ditunjukkan" value="stnk"' in text
        key = text.split('name="idempotency_key" value="')[1].split('"')[0]
        filed = counter.post(
            "/permohonan/loket/ajukan/?tempat=mpp-banyuwangi",
            {
                "penduduk": citizen.pk,
                "layanan": SERVICE,
                "idempotency_key": key,
                "ditunjukkan": ["stnk", "hadir"],
                "berkas": io.BytesIO(image_bytes("JPEG")),
            },
        )
        case = Case.objects.get()
        assert filed.status_code == 302, filed.content.decode()[:2000]
        assert (case.channel, case.service_point, case.state) == ("mpp_counter", point, "submitted")
        assert {r.code: r.status for r in case.requirements.all()} == {
            "ktp": "register",
            "stnk": "shown",
            "hadir": "shown",
        }
        assert CaseAttachment.objects.filter(case=case).count() == 1

        # 2. The bill and its virtual account, made at intake; the receipt prints them.
        bill = Bill.objects.get(case=case)
        assert (bill.amount, bill.legal_basis) == (250000, "Perda Pajak Daerah")
        assert reference_valid(bill.reference) and bill.va_number
        assert bank.accounts[bill.reference]["amount"] == 250000
        receipt = counter.get(f"/permohonan/{case.pk}/tanda-terima/").content.decode()
        assert bill.reference in receipt and bill.va_number in receipt

        # 3. The agency accepts over the API, but cannot issue unpaid.
        api = Client(
            headers={
                "Authorization": f"Bearer {token_create(actor=None, user=officer, name='e2e').key}"
            }
        )
        inbox = api.get("/api/v1/cases/inbox").json()
        assert [c["id"] for c in inbox["items"]] == [case.pk]
        accepted = api.post(
            f"/api/v1/cases/{case.pk}/actions",
            {"action": "accept"},
            content_type="application/json",
        )
        assert accepted.json()["state"] == "in_process"
        unpaid = api.post(
            f"/api/v1/cases/{case.pk}/actions",
            {"action": "complete"},
            content_type="application/json",
        )
        assert (unpaid.status_code, unpaid.json()["code"]) == (409, "payment_required")
        assert api.get(f"/api/v1/payments/cases/{case.pk}").json()["status"] == "open"

        # 4. The citizen pays at the bank; the gateway calls back over HTTP (and retries).
        paid = bank.pay(bill.reference)
        assert bank.deliver(bill.reference, paid) == (
            200,
            {"result": "recorded", "receipt_number": f"VA-{bill.reference}"},
        )
        assert bank.deliver(bill.reference, paid)[1]["result"] == "duplicate"
        assert Payment.objects.get().transaction_id == paid["transaction_id"]

        # 5. The officer completes, the head of the agency signs; the public pages show it
        # without personal data.
        done = api.post(
            f"/api/v1/cases/{case.pk}/actions",
            {"action": "complete"},
            content_type="application/json",
        )
        assert (done.status_code, done.json()["state"]) == (200, "awaiting_head")
        head = make_staff("kepala_instansi", agency=Agency.objects.get(code="samsat"))
        case_act(actor=head, case=case, action="sign")
        public = Client()
        track = public.get(f"/api/v1/cases/track/{case.tracking_code}").json()
        assert track["status"] == "issued" and "Siti" not in str(track)
        check = public.get(f"/api/v1/payments/check/{bill.reference}").json()
        assert check == {
            "reference": bill.reference,
            "amount": 250000,
            "status": "paid",
            "service": "Pembayaran Pajak Kendaraan Tahunan",
        }
        actions = [
            e.action for e in AuditEvent.objects.filter(object_id__in=[str(case.pk), str(bill.pk)])
        ]
        for expected in (
            "cases.submit",
            "payments.bill_created",
            "payments.va_opened",
            "cases.accept",
            "payments.paid",
            "cases.complete",
        ):
            assert expected in actions
