"""The view guards other apps reuse: signed out → login, no role → 403, row out of scope → 404."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from django.views import View

from balai.accounts.access import (
    ScopedPermissionMixin,
    permission_required_scoped,
    scoped_object_or_404,
)
from balai.people.models import Resident
from tests.fixtures import OTHER_VILLAGE, VILLAGE


@permission_required_scoped("people.view_resident")
def guarded(request):
    return HttpResponse("ok")


class GuardedView(ScopedPermissionMixin, View):
    permission = "people.view_resident"

    def get(self, request):
        return HttpResponse("ok")


@pytest.fixture
def rf():
    return RequestFactory()


@pytest.mark.parametrize("view", [guarded, GuardedView.as_view()])
def test_guards(view, rf, make_staff, make_service_point):
    request = rf.get("/x/?a=1")
    request.user = AnonymousUser()
    response = view(request)
    assert response.status_code == 302
    assert response["Location"] == "/akun/masuk/?next=/x/%3Fa%3D1"

    request.user = make_staff("petugas_loket", service_point=make_service_point())
    with pytest.raises(PermissionDenied):
        view(request)

    request.user = make_staff("operator_desa", region=VILLAGE)
    assert view(request).content == b"ok"


def test_scoped_object_or_404(make_staff, make_resident):
    user = make_staff("operator_desa", region=VILLAGE)
    mine, theirs = make_resident(), make_resident(village=OTHER_VILLAGE)
    found = scoped_object_or_404(user, "people.view_resident", Resident.objects.all(), pk=mine.pk)
    assert found == mine
    with pytest.raises(Http404):
        scoped_object_or_404(user, "people.view_resident", Resident.objects.all(), pk=theirs.pk)
