"""The kiosk's screens. Thin: services decide, selectors read; these translate HTTP.

Every screen goes through `kiosk_page`: it finds the registered device behind the browser (or
refuses the browser with a page saying what to do), checks the citizen's turn at that device,
and marks the answer `no-store` so nothing personal stays in the browser's caches. The NIK is
only ever posted; URLs carry row ids at most, which mean nothing without the citizen's session.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from balai.cases.counter import counter_family
from balai.cases.errors import CaseError
from balai.cases.selectors import case_state_name, case_track
from balai.cases.services import case_submit
from balai.cases.standard import standard_for
from balai.cases.tracking import tracking_code_display
from balai.citizens.errors import CitizenAuthError
from balai.citizens.session import citizen_logout
from balai.feedback.errors import FeedbackError
from balai.feedback.forms import SurveyForm
from balai.feedback.services import survey_submit
from balai.kiosk import selectors, services
from balai.kiosk.choices import KIOSK_CHANNEL, Paper, PrintKind
from balai.kiosk.errors import KioskError
from balai.kiosk.forms import ReaderSignInForm, SignInForm
from balai.kiosk.models import KioskDevice
from balai.kiosk.printing import pdf_pages_png, qr_data_uri, tracking_url
from balai.kiosk.session import (
    KEY as SESSION_KEY,
)
from balai.kiosk.session import (
    kiosk_citizen,
    kiosk_login,
    kiosk_logout,
    print_pending_pop,
    print_pending_set,
)
from balai.kiosk.tokens import COOKIE_NAME
from balai.people.nik import mask_nik
from balai.queueing.choices import TicketSource
from balai.queueing.errors import QueueError
from balai.queueing.models import Ticket
from balai.queueing.selectors import ticket_position
from balai.queueing.services import ticket_issue

View = Callable[..., HttpResponse]
_TICKET_KEY = "balai_kiosk_ticket"
# The case this turn was about (filed, or its receipt printed): the one the survey asks about.
_TURN_CASE_KEY = "balai_kiosk_turn_case"
# The on-screen keyboard for text fields: no OS keyboard pops up on a kiosk.
OSK_ROWS = ("1234567890", "QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM,.-/")


def no_store(response: HttpResponse) -> HttpResponse:
    """Nothing of a kiosk page may be kept: not in the HTTP cache, not in the back/forward
    cache (Chromium keeps no page served with no-store there)."""
    response["Cache-Control"] = "no-store, no-cache, must-revalidate, max-age=0, private"
    response["Pragma"] = "no-cache"
    response["Expires"] = "0"
    return response


def _refused(request: HttpRequest) -> HttpResponse:
    if request.session.get(SESSION_KEY):
        # A revoked device: whoever was signed in on it is signed out at once.
        citizen_logout(request)
    return render(request, "kiosk/refused.html", status=403)


def kiosk_page(*, citizen: bool = True) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            device = selectors.device_for_token(request.COOKIES.get(COOKIE_NAME))
            if device is None:
                return no_store(_refused(request))
            services.device_seen(device=device)
            request.kiosk_device = device  # type: ignore[attr-defined]
            resident = kiosk_citizen(request, device=device)
            request.kiosk_citizen = resident  # type: ignore[attr-defined]
            if citizen and resident is None:
                return no_store(redirect("kiosk:home"))
            return no_store(view(request, *args, **kwargs))

        return wrapped

    return decorator


def _render(
    request: HttpRequest, template: str, context: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    device: KioskDevice = request.kiosk_device  # type: ignore[attr-defined]
    resident = request.kiosk_citizen  # type: ignore[attr-defined]
    base = {
        "device": device,
        "point": device.service_point,
        "citizen": resident,
        "idle_seconds": device.idle_seconds,
        "has_queue": selectors.queue_prefixes(point=device.service_point).exists(),
        "osk_rows": OSK_ROWS,
    }
    base.update(context or {})
    return render(request, template, base, status=status)


# --- before sign-in -------------------------------------------------------------------------
@kiosk_page(citizen=False)
def home(request: HttpRequest) -> HttpResponse:
    if request.kiosk_citizen is not None:  # type: ignore[attr-defined]
        return redirect("kiosk:menu")
    return _render(request, "kiosk/home.html", {"goodbye": request.GET.get("selesai") == "1"})


@kiosk_page(citizen=False)
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    """NIK and PIN on the keypad; both travel only in this POST body."""
    device = request.kiosk_device  # type: ignore[attr-defined]
    form = SignInForm(request.POST or None)
    error = ""
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            resident = services.kiosk_sign_in(
                device=device, nik=form.cleaned_data["nik"], pin=form.cleaned_data["pin"]
            )
        except (CitizenAuthError, KioskError) as exc:
            error = exc.message
            status = getattr(exc, "status", 429 if exc.code == "pin_locked" else 401)
            # A fresh, empty form: the NIK must not stay on a shared public screen for the
            # next person at the kiosk to read (UU 27/2022).
            form = SignInForm()
        else:
            kiosk_login(request, device=device, resident=resident)
            return redirect("kiosk:menu")
    elif request.method == "POST":
        status = 422
    return _render(request, "kiosk/sign_in.html", {"form": form, "error": error}, status=status)


@kiosk_page(citizen=False)
@require_http_methods(["GET", "POST"])
def sign_in_reader(request: HttpRequest) -> HttpResponse:
    """The QR on an earlier receipt or document (or another reader) names the citizen; the
    PIN proves it. The code is posted with the PIN, never put in a URL."""
    device = request.kiosk_device  # type: ignore[attr-defined]
    form = ReaderSignInForm(request.POST or None, initial={"pembaca": "qr"})
    error = ""
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            resident = services.kiosk_sign_in_reader(
                device=device,
                kind=form.cleaned_data["pembaca"],
                payload=form.cleaned_data["kode"],
                pin=form.cleaned_data["pin"],
            )
        except (CitizenAuthError, KioskError) as exc:
            error = exc.message
            status = getattr(exc, "status", 429 if exc.code == "pin_locked" else 401)
            form = ReaderSignInForm(initial={"pembaca": form.cleaned_data["pembaca"]})
        else:
            kiosk_login(request, device=device, resident=resident)
            return redirect("kiosk:menu")
    elif request.method == "POST":
        status = 422
    return _render(
        request, "kiosk/sign_in_reader.html", {"form": form, "error": error}, status=status
    )


# --- signed in ------------------------------------------------------------------------------
@kiosk_page()
def menu(request: HttpRequest) -> HttpResponse:
    resident = request.kiosk_citizen  # type: ignore[attr-defined]
    return _render(
        request,
        "kiosk/menu.html",
        {
            "ready_documents": selectors.citizen_documents(resident=resident).count(),
        },
    )


@kiosk_page()
def service_list(request: HttpRequest) -> HttpResponse:
    """Search (the on-screen keyboard), categories, and the office's most asked first."""
    point = request.kiosk_device.service_point  # type: ignore[attr-defined]
    query = (request.GET.get("cari") or "").strip()[:60]
    category = (request.GET.get("kategori") or "").strip()[:80]
    context = selectors.kiosk_catalog(point=point, query=query, category=category)
    context.update(query=query, category=category, step=2)
    return _render(request, "kiosk/services.html", context)


_INPUT_TYPES = {"number": "number", "money": "number", "date": "date"}


def _widgets(fields: list[dict], values: dict) -> list[dict]:
    """The standard's form fields a citizen fills in; NIK fields come from the session and
    files are brought to the office, so neither is drawn."""
    widgets = []
    for field in fields:
        if field.get("type") in ("file", "resident_nik"):
            continue
        choices = [
            (c["value"], c.get("label", c["value"])) if isinstance(c, dict) else (c, c)
            for c in field.get("choices") or []
        ]
        widgets.append(
            {
                "name": field["name"],
                "label": field.get("label", field["name"]),
                "required": bool(field.get("required")),
                "choices": choices,
                "input_type": _INPUT_TYPES.get(field.get("type", "text"), "text"),
                "value": values.get(field["name"], ""),
            }
        )
    return widgets


def _form_data(fields: list[dict], post: Any, resident: Any) -> tuple[dict, dict]:
    values = {w["name"]: post.get(w["name"], "").strip() for w in _widgets(fields, {})}
    data = {k: v for k, v in values.items() if v != ""}
    for field in fields:
        if field.get("type") == "resident_nik":
            data[field["name"]] = resident.nik
    return values, data


@kiosk_page()
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, code: str) -> HttpResponse:
    """Prefilled from the register; the idempotency key is made with the page, so a resent
    form (a flaky network, a double tap) files one case."""
    device = request.kiosk_device  # type: ignore[attr-defined]
    resident = request.kiosk_citizen  # type: ignore[attr-defined]
    service = selectors.kiosk_service(point=device.service_point, code=code)
    if service is None:
        raise Http404
    standard = standard_for(service)
    family = counter_family(resident)
    context: dict[str, Any] = {
        "service": service,
        "requirements": standard.requirements,
        "family": family,
        "masked_nik": mask_nik(resident.nik),
        "widgets": _widgets(standard.form_fields, {}),
        "idempotency_key": uuid.uuid4().hex,
        "step": 3,
    }
    context["has_text"] = any(
        w["input_type"] == "text" and not w["choices"] for w in context["widgets"]
    )
    if request.method == "POST":
        values, data = _form_data(standard.form_fields, request.POST, resident)
        members = {str(m.pk): m for m in family}
        try:
            case = case_submit(
                actor=resident,
                service=service,
                applicant=resident,
                beneficiary=members.get(request.POST.get("untuk", ""), resident),
                channel=KIOSK_CHANNEL,
                service_point=device.service_point,
                form_data=data,
                idempotency_key=(request.POST.get("idempotency_key") or "")[:64] or None,
            )
        except CaseError as exc:
            context.update(
                widgets=_widgets(standard.form_fields, values),
                error=exc.message,
                field_errors=exc.details if isinstance(exc.details, dict) else {},
                idempotency_key=(request.POST.get("idempotency_key") or "")[:64]
                or context["idempotency_key"],
            )
            return _render(request, "kiosk/apply.html", context, status=exc.status)
        request.session[_TURN_CASE_KEY] = case.pk
        messages.success(request, _("Permohonan Anda sudah diajukan. Cetak tanda terimanya."))
        return redirect("kiosk:case", pk=case.pk)
    return _render(request, "kiosk/apply.html", context)


@kiosk_page()
def case_list(request: HttpRequest) -> HttpResponse:
    resident = request.kiosk_citizen  # type: ignore[attr-defined]
    rows = [
        {"case": c, "code": tracking_code_display(c.tracking_code)}
        for c in selectors.citizen_cases(resident=resident)
    ]
    return _render(request, "kiosk/cases.html", {"rows": rows})


def _case_or_404(request: HttpRequest, pk: int) -> Any:
    case = selectors.citizen_case(resident=request.kiosk_citizen, pk=pk)  # type: ignore[attr-defined]
    if case is None:
        raise Http404
    return case


@kiosk_page()
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_or_404(request, pk)
    return _render(
        request,
        "kiosk/case.html",
        {
            "case": case,
            "code": tracking_code_display(case.tracking_code),
            "status": case_track(code=case.tracking_code),
            "step": 4,
        },
    )


def _print_log(request: HttpRequest, **job: Any) -> None:
    """Log the print job for this device and citizen; the next page prints itself once."""
    row = services.print_job_record(
        device=request.kiosk_device,  # type: ignore[attr-defined]
        resident=request.kiosk_citizen,  # type: ignore[attr-defined]
        **job,
    )
    print_pending_set(request, row.pk)


@kiosk_page()
@require_POST
def case_print(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_or_404(request, pk)
    request.session[_TURN_CASE_KEY] = case.pk
    _print_log(request, kind=PrintKind.RECEIPT, paper=Paper.ROLL_80MM, case=case)
    return redirect("kiosk:receipt", pk=case.pk)


@kiosk_page()
def receipt(request: HttpRequest, pk: int) -> HttpResponse:
    """The case's receipt on 80 mm paper, with a QR the kiosk reads back at the next visit."""
    case = _case_or_404(request, pk)
    return _render(
        request,
        "kiosk/receipt.html",
        {
            "case": case,
            "code": tracking_code_display(case.tracking_code),
            "masked_nik": mask_nik(case.applicant.nik),
            "stage": case_state_name(case),
            "requirements": case.requirements.all(),
            "qr": qr_data_uri(tracking_url(case.tracking_code)),
            "autoprint": print_pending_pop(request),
            "paper": "80mm",
            "step": 4,
        },
    )


@kiosk_page()
def document_list(request: HttpRequest) -> HttpResponse:
    resident = request.kiosk_citizen  # type: ignore[attr-defined]
    return _render(
        request,
        "kiosk/documents.html",
        {"documents": selectors.citizen_documents(resident=resident), "step": 4},
    )


def _document_or_404(request: HttpRequest, pk: int) -> Any:
    document = selectors.citizen_document(resident=request.kiosk_citizen, pk=pk)  # type: ignore[attr-defined]
    if document is None:
        raise Http404
    return document


@kiosk_page()
@require_POST
def document_print(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document_or_404(request, pk)
    if document.case_id:
        request.session[_TURN_CASE_KEY] = document.case_id
    _print_log(request, kind=PrintKind.DOCUMENT, paper=Paper.A4, document=document)
    return redirect("kiosk:document_sheet", pk=document.pk)


@kiosk_page()
def document_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """The signed PDF's own pages, on the A4 print stylesheet. Printing logs the read."""
    document = _document_or_404(request, pk)
    autoprint = print_pending_pop(request)
    with document.file.open("rb") as handle:
        pages = pdf_pages_png(handle.read())
    return _render(
        request,
        "kiosk/document_sheet.html",
        {"document": document, "pages": pages, "autoprint": autoprint, "paper": "a4", "step": 4},
    )


@kiosk_page(citizen=False)
@require_http_methods(["GET", "POST"])
def queue(request: HttpRequest) -> HttpResponse:
    """A queue ticket needs no sign-in: the start screen offers it to whoever walks in."""
    device = request.kiosk_device  # type: ignore[attr-defined]
    prefixes = list(selectors.queue_prefixes(point=device.service_point))
    if not prefixes:
        raise Http404
    error = ""
    if request.method == "POST":
        prefix = next((p for p in prefixes if str(p.pk) == request.POST.get("kategori")), None)
        if prefix is None:
            error = _("Pilih salah satu jenis layanan antrean di bawah.")
        else:
            try:
                ticket = ticket_issue(
                    actor=None,
                    prefix=prefix,
                    source=TicketSource.KIOSK,
                    idempotency_key=(request.POST.get("idempotency_key") or "")[:64] or None,
                )
            except QueueError as exc:
                error = str(exc.message)
            else:
                _print_log(request, kind=PrintKind.TICKET, paper=Paper.ROLL_80MM, ticket=ticket)
                request.session[_TICKET_KEY] = ticket.pk
                return redirect("kiosk:ticket")
    return _render(
        request,
        "kiosk/queue.html",
        {"prefixes": prefixes, "error": error, "idempotency_key": uuid.uuid4().hex},
    )


@kiosk_page(citizen=False)
def ticket(request: HttpRequest) -> HttpResponse:
    device = request.kiosk_device  # type: ignore[attr-defined]
    found = (
        Ticket.objects.select_related("counter", "prefix")
        .filter(pk=request.session.get(_TICKET_KEY), service_point=device.service_point)
        .first()
    )
    if found is None:
        return redirect("kiosk:queue")
    return _render(
        request,
        "kiosk/ticket.html",
        {
            "ticket": found,
            "position": ticket_position(ticket=found),
            "autoprint": print_pending_pop(request),
            "paper": "80mm",
        },
    )


# --- the survey and the end -----------------------------------------------------------------
_EDUCATION = {
    "tidak_sekolah": "sd",
    "belum_tamat_sd": "sd",
    "sd": "sd",
    "smp": "smp",
    "sma": "sma",
    "d1_d2": "diploma",
    "d3": "diploma",
    "s1": "s1",
    "s2": "s2_plus",
    "s3": "s2_plus",
}


def _profile(resident: Any) -> dict[str, Any]:
    """The respondent profile from the register, so the citizen only checks it."""
    today = timezone.localdate()
    born = resident.birth_date
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return {"age": age, "sex": resident.sex, "education": _EDUCATION.get(resident.education, "")}


def _survey_targets(request: HttpRequest) -> list[tuple[str, str, Any, Any]]:
    """(value, label, case, service): the citizen's recent cases, then the point's services."""
    resident = request.kiosk_citizen  # type: ignore[attr-defined]
    point = request.kiosk_device.service_point  # type: ignore[attr-defined]
    targets = [
        (f"case:{c.pk}", f"{c.service.name} · {tracking_code_display(c.tracking_code)}", c, None)
        for c in selectors.survey_cases(resident=resident)
    ]
    targets += [
        (f"service:{s.code}", s.name, None, s) for s in selectors.kiosk_services(point=point)
    ]
    return targets


@kiosk_page()
@require_http_methods(["GET", "POST"])
def survey(request: HttpRequest) -> HttpResponse:
    """The satisfaction survey (PermenPAN-RB 14/2017) at the end of the visit; the answer is
    anonymous, and sending it ends the citizen's turn."""
    device = request.kiosk_device  # type: ignore[attr-defined]
    resident = request.kiosk_citizen  # type: ignore[attr-defined]
    targets = _survey_targets(request)
    form = SurveyForm(request.POST or None, initial=_profile(resident))
    # Only the case of this turn is chosen for the citizen; otherwise they pick, so an older
    # case is never rated by a tap on "Kirim" (PermenPAN-RB 14/2017: the respondent rates
    # the service they received).
    turn = f"case:{request.session.get(_TURN_CASE_KEY)}"
    chosen = request.POST.get("objek") or (turn if any(t[0] == turn for t in targets) else "")
    error = ""
    if request.method == "POST":
        target = next((t for t in targets if t[0] == chosen), None)
        if target is None:
            error = _("Pilih layanan yang ingin Anda nilai.")
        elif form.is_valid():
            try:
                survey_submit(
                    answers=form.answers(),
                    channel=KIOSK_CHANNEL,
                    case=target[2],
                    service=target[3],
                    service_point=device.service_point,
                )
            except FeedbackError as exc:
                error = str(exc.message)
            else:
                return _goodbye(request, reason="survey")
        else:
            error = _("Ada jawaban yang belum dipilih. Lihat tanda merah di bawah.")
    return _render(
        request,
        "kiosk/survey.html",
        {"form": form, "targets": targets, "chosen": chosen, "error": error, "step": 5},
        status=422 if error else 200,
    )


def _goodbye(request: HttpRequest, *, reason: str) -> HttpResponse:
    kiosk_logout(request, device=request.kiosk_device, reason=reason)  # type: ignore[attr-defined]
    # The next person starts in Bahasa Indonesia, on a URL without the language prefix.
    with translation.override(settings.LANGUAGE_CODE):
        url = reverse("kiosk:home")
    response = redirect(f"{url}?selesai=1")
    response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
    return response


@kiosk_page(citizen=False)
@require_POST
def done(request: HttpRequest) -> HttpResponse:
    """The big "Selesai" button and the countdown's end: the whole session is flushed."""
    reason = "idle" if request.POST.get("alasan") == "idle" else "done"
    return _goodbye(request, reason=reason)


@kiosk_page(citizen=False)
@require_POST
def keepalive(request: HttpRequest) -> HttpResponse:
    """A touch on the screen, posted now and then so the server's idle check agrees with the
    page's countdown. 401 tells the page the turn is over."""
    if request.kiosk_citizen is None:  # type: ignore[attr-defined]
        return JsonResponse({"code": "signed_out"}, status=401)
    return HttpResponse(status=204)
