"""The counter page where an operator sets or resets a resident's PIN."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from balai.accounts.access import permission_required_scoped
from balai.citizens import selectors, services
from balai.citizens.errors import CitizenAuthError
from balai.citizens.forms import NikForm, PinForm
from balai.people.nik import mask_nik


@permission_required_scoped("citizens.set_pin")
@require_http_methods(["GET", "POST"])
def pin_counter(request: HttpRequest) -> HttpResponse:
    """Step 1 posts a NIK (never in the URL); step 2 posts the PIN the citizen typed twice."""
    context: dict = {"nik_form": NikForm()}
    if request.method == "POST":
        step = request.POST.get("step")
        nik_form = NikForm(request.POST)
        context["nik_form"] = nik_form
        resident = None
        if nik_form.is_valid():
            resident = selectors.pin_resident(viewer=request.user, nik=nik_form.cleaned_data["nik"])
            if resident is None:
                nik_form.add_error("nik", _("Penduduk dengan NIK ini tidak ada di wilayah Anda."))
        if resident is not None:
            pin_form = PinForm(
                request.POST if step == "pin" else None, initial={"nik": resident.nik}
            )
            if step == "pin" and pin_form.is_valid():
                try:
                    services.pin_set(
                        actor=request.user, resident=resident, pin=pin_form.cleaned_data["pin"]
                    )
                except CitizenAuthError as exc:
                    pin_form.add_error("pin", exc.message)
                else:
                    messages.success(
                        request,
                        _("PIN untuk %(name)s (%(nik)s) sudah disimpan.")
                        % {"name": resident.name, "nik": mask_nik(resident.nik)},
                    )
                    return render(request, "citizens/pin_counter.html", {"nik_form": NikForm()})
            context.update(
                resident=resident,
                masked_nik=mask_nik(resident.nik),
                pin_form=pin_form,
                pin_row=selectors.pin_state(resident),
            )
    return render(request, "citizens/pin_counter.html", context)
