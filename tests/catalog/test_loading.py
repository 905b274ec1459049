"""Loading the catalog: broken files are refused whole with precise messages; loads are
idempotent; changed content makes a new version."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from balai.audit.models import AuditEvent
from balai.catalog.choices import ServiceStatus, VersionStatus
from balai.catalog.loading import CatalogInvalid, catalog_load
from balai.catalog.models import Agency, Service, ServicePoint, ServiceVersion
from balai.workflow.models import WorkflowDefinition

pytestmark = pytest.mark.django_db


def edit(name: str, change: Callable[[dict], None]) -> Callable[[Path], None]:
    """A mutation that loads one YAML file, changes its data and writes it back."""

    def apply(root: Path) -> None:
        path = root / name
        data = yaml.safe_load(path.read_text())
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))

    return apply


def write(name: str, text: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        (root / name).write_text(text)

    return apply


def _set(path: list, value) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def _unreachable(data: dict) -> None:
    data["workflows"][0]["states"].append(
        {
            "code": "archived",
            "name": "Diarsipkan",
            "office": "none",
            "terminal": True,
            "outcome": "cancelled",
        }
    )


def _dead_end(data: dict) -> None:
    wf = data["workflows"][0]
    wf["states"].append({"code": "limbo", "name": "Menggantung", "office": "applicant_village"})
    wf["actions"].append(
        {
            "code": "park",
            "name": "Parkir",
            "from": "submitted",
            "to": "limbo",
            "roles": ["operator_desa"],
        }
    )


SVC = "services/dispendukcapil.yaml"
SAMSAT = "services/samsat.yaml"
LETTERS = "village_letters.yaml"

# (id, mutation, file, path, rule, words in the message)
BROKEN = [
    (
        "yaml-syntax",
        write(SAMSAT, "services:\n  - code: x\n   name: bad indent\n"),
        SAMSAT,
        "line 3, column 4",
        "yaml_syntax",
        "YAML syntax error",
    ),
    (
        "unknown-top-level-key",
        edit("agencies.yaml", _set(["agensi"], [])),
        "agencies.yaml",
        "(top level)",
        "schema:additionalProperties",
        "unknown key 'agensi'",
    ),
    (
        "missing-field",
        edit(SVC, lambda d: d["services"][0].pop("sla")),
        SVC,
        "services[0]",
        "schema:required",
        "'sla' is a required property",
    ),
    (
        "wrong-type",
        edit(SVC, _set(["services", 0, "fee", "amount"], "gratis")),
        SVC,
        "services[0].fee.amount",
        "schema:type",
        "'gratis' is not of type 'integer'",
    ),
    (
        "negative-fee",
        edit(SVC, _set(["services", 0, "fee", "amount"], -5000)),
        SVC,
        "services[0].fee.amount",
        "schema:minimum",
        "-5000 is less than the minimum of 0",
    ),
    (
        "unknown-life-event",
        edit(SVC, _set(["services", 1, "life_events"], ["ulang_tahun"])),
        SVC,
        "services[1].life_events[0]",
        "schema:enum",
        "'ulang_tahun' is not one of",
    ),
    (
        "unknown-agency",
        edit(SAMSAT, _set(["services", 0, "agency"], "polres")),
        SAMSAT,
        "services[0].agency",
        "unknown_agency",
        "agency 'polres' is not defined",
    ),
    (
        "unknown-workflow",
        edit(SAMSAT, _set(["services", 0, "workflow"], "express")),
        SAMSAT,
        "services[0].workflow",
        "unknown_workflow",
        "workflow 'express' is not defined",
    ),
    (
        "duplicate-service-across-files",
        edit(SAMSAT, _set(["services", 0, "code"], "kia")),
        SAMSAT,
        "services[0].code",
        "duplicate_code",
        "service code 'kia' is already defined in services/dispendukcapil.yaml: services[1]",
    ),
    (
        "unreachable-state",
        edit("workflows.yaml", _unreachable),
        "workflows.yaml",
        "workflows[0].states[6]",
        "unreachable_state",
        "state 'archived' cannot be reached from 'submitted'",
    ),
    (
        "dead-end",
        edit("workflows.yaml", _dead_end),
        "workflows.yaml",
        "workflows[0].states[6]",
        "dead_end",
        "state 'limbo' is not terminal and has no action",
    ),
    (
        "sla-shares",
        edit("workflows.yaml", _set(["workflows", 1, "states", 0, "sla_share"], 0.5)),
        "workflows.yaml",
        "workflows[1].states",
        "sla_shares",
        "sums to 1.300, not 1",
    ),
    (
        "unknown-role",
        edit("workflows.yaml", _set(["workflows", 2, "actions", 1, "roles"], ["kepala_dinas"])),
        "workflows.yaml",
        "workflows[2].actions[1].roles",
        "unknown_role",
        "role 'kepala_dinas' does not exist",
    ),
    (
        "unknown-region",
        edit("agencies.yaml", _set(["agencies", 2, "region"], "35.99")),
        "agencies.yaml",
        "agencies[2].region",
        "unknown_region",
        "region '35.99' does not exist",
    ),
    (
        "unknown-district-region",
        edit("service_points.yaml", _set(["service_points", 1, "region"], "35.10.99")),
        "service_points.yaml",
        "service_points[1].region",
        "unknown_region",
        "region '35.10.99' does not exist",
    ),
    (
        "unknown-service-point",
        edit(SVC, _set(["services", 0, "service_points"], ["mpp-banyuwangi", "mpp-jember"])),
        SVC,
        "services[0].service_points[1]",
        "unknown_service_point",
        "service point 'mpp-jember' is not defined",
    ),
    (
        "unknown-document-type",
        edit(SVC, _set(["services", 0, "requirements", 2, "document_type"], "sk-tidak-ada")),
        SVC,
        "services[0].requirements[2].document_type",
        "unknown_document_type",
        "no service in the catalog issues document type 'sk-tidak-ada'",
    ),
    (
        "issued-document-without-type",
        edit(SVC, lambda d: d["services"][0]["requirements"][2].pop("document_type")),
        SVC,
        "services[0].requirements[2]",
        "schema:required",
        "'document_type' is a required",
    ),
    (
        "agency-on-village-service",
        edit(LETTERS, _set(["services", 0, "agency"], "dinsos")),
        LETTERS,
        "services[0]",
        "schema:not",
        "'agency' is only allowed with provider: agency",
    ),
    (
        "village-service-routed-to-agency",
        edit(LETTERS, _set(["services", 1, "workflow"], "agency_service")),
        LETTERS,
        "services[1].workflow",
        "workflow_office",
        "routes to an agency",
    ),
    (
        "duplicate-requirement",
        edit(SAMSAT, _set(["services", 0, "requirements", 1, "code"], "ktp")),
        SAMSAT,
        "services[0].requirements[1].code",
        "duplicate_code",
        "requirement code 'ktp' is used twice",
    ),
    (
        "bad-pattern",
        edit(SVC, _set(["services", 0, "form", "fields", 0, "pattern"], "[a-")),
        SVC,
        "services[0].form.fields[0].pattern",
        "bad_pattern",
        "not a valid regular expression",
    ),
    (
        "min-above-max",
        edit(SVC, _set(["services", 0, "form", "fields", 1, "min"], 50)),
        SVC,
        "services[0].form.fields[1].min",
        "min_max",
        "min is greater than max",
    ),
    (
        "choice-without-choices",
        edit(LETTERS, lambda d: d["services"][0]["form"]["fields"][0].pop("choices")),
        LETTERS,
        "services[0].form.fields[0]",
        "schema:required",
        "'choices' is a required",
    ),
    (
        "village-offices-unknown-regency",
        edit("service_points.yaml", _set(["village_offices", "regency"], "35.99")),
        "service_points.yaml",
        "village_offices.regency",
        "unknown_region",
        "region '35.99' does not exist",
    ),
    (
        "too-many-keys",
        edit("agencies.yaml", lambda d: d.update(workflows=[], services=[])),
        "agencies.yaml",
        "(top level)",
        "too_many_keys",
        "at most 2 keys",
    ),
    (
        "bad-sla-unit",
        edit(SAMSAT, _set(["services", 0, "sla", "unit"], "weeks")),
        SAMSAT,
        "services[0].sla.unit",
        "schema:enum",
        "'weeks' is not one of",
    ),
]


@pytest.mark.parametrize(
    ("mutate", "file", "path", "rule", "words"),
    [pytest.param(*case[1:], id=case[0]) for case in BROKEN],
)
def test_broken_catalog_is_refused_whole(regions, small_catalog, mutate, file, path, rule, words):
    mutate(small_catalog)
    events = AuditEvent.objects.count()
    with pytest.raises(CatalogInvalid) as refused:
        catalog_load(actor=None, directory=small_catalog)
    found = [(p.file, p.path, p.rule) for p in refused.value.problems]
    assert (file, path, rule) in found, found
    problem = next(
        p for p in refused.value.problems if (p.file, p.path, p.rule) == (file, path, rule)
    )
    assert words in problem.message
    assert words in str(refused.value)
    # Nothing written: not even the files that were fine.
    assert not Agency.objects.exists()
    assert not ServicePoint.objects.exists()
    assert not WorkflowDefinition.objects.exists()
    assert not Service.objects.exists()
    assert AuditEvent.objects.count() == events


def test_refusal_after_a_good_load_leaves_the_catalog_as_it_was(regions, small_catalog):
    catalog_load(actor=None, directory=small_catalog)
    versions = ServiceVersion.objects.count()
    # One good change and one bad one: neither lands.
    edit(SVC, _set(["services", 0, "name"], "Akta Kelahiran Baru"))(small_catalog)
    edit(SAMSAT, _set(["services", 0, "fee", "amount"], -1))(small_catalog)
    with pytest.raises(CatalogInvalid):
        catalog_load(actor=None, directory=small_catalog)
    assert ServiceVersion.objects.count() == versions
    assert Service.objects.get(code="akta-kelahiran").name == "Penerbitan Akta Kelahiran"


def test_load_creates_the_catalog(regions, small_catalog):
    result = catalog_load(actor=None, directory=small_catalog)
    assert result.counts["agencies_created"] == 3
    assert result.counts["workflows_changed"] == 6
    assert result.counts["services_changed"] == 6
    villages = regions.filter(level="village", code__startswith="35.10.").count()
    assert ServicePoint.objects.filter(kind="village_office").count() == villages
    office = ServicePoint.objects.get(code="kantor-desa-35.10.05.2001")
    assert office.region_id == "35.10.05.2001"
    assert office.name.endswith("Sumberberas")
    mpp = ServicePoint.objects.get(code="mpp-banyuwangi")
    assert set(mpp.agencies.values_list("code", flat=True)) == {"dispendukcapil", "samsat"}

    akta = Service.objects.get(code="akta-kelahiran")
    assert akta.status == ServiceStatus.PUBLISHED
    assert akta.published_version == akta.current_version
    version = akta.published_version
    assert version.status == VersionStatus.PUBLISHED
    assert (version.sla_value, version.sla_unit, version.sla_example) == (1, "working_days", True)
    assert version.fee_amount == 0 and version.fee_legal_basis == "UU 24/2013 pasal 79A"
    assert version.requirements[1] == {
        "code": "kk",
        "name": "Kartu Keluarga",
        "kind": "government_data",
        "upload": False,
        "satisfied_by": "register",
    }
    assert version.management["dasar_hukum"] == ["UU 23/2006 jo. UU 24/2013"]
    assert [f["name"] for f in version.form] == ["child_name", "birth_order"]
    assert set(version.service_points.values_list("code", flat=True)) == {
        "mpp-banyuwangi",
        "pasar-rogojampi",
    }
    assert version.workflow.code == "agency_service"
    assert akta.region_id == "35.10"

    kia = Service.objects.get(code="kia")
    assert kia.status == ServiceStatus.DRAFT and kia.published_version is None
    letter = Service.objects.get(code="sk-domisili")
    assert letter.agency is None and letter.provider == "village"
    assert letter.region_id == "35.10"
    assert letter.published_version.all_village_offices
    loaded = AuditEvent.objects.get(action="catalog.loaded")
    assert loaded.after["services_total"] == 6


def test_second_load_changes_nothing(regions, small_catalog):
    catalog_load(actor=None, directory=small_catalog)
    versions = list(ServiceVersion.objects.values_list("pk", "content_hash", "status"))
    definitions = WorkflowDefinition.objects.count()
    result = catalog_load(actor=None, directory=small_catalog)
    assert not result.changed
    assert list(ServiceVersion.objects.values_list("pk", "content_hash", "status")) == versions
    assert WorkflowDefinition.objects.count() == definitions
    assert AuditEvent.objects.filter(action="catalog.service_published").count() == 5


def test_changed_content_makes_a_new_version(regions, small_catalog):
    catalog_load(actor=None, directory=small_catalog)
    first = Service.objects.get(code="pajak-kendaraan-tahunan").published_version
    edit(SAMSAT, _set(["services", 0, "fee", "amount"], 300000))(small_catalog)
    # A draft in the file stays a draft: publishing is explicit.
    edit(SVC, _set(["services", 1, "name"], "KIA (Kartu Identitas Anak)"))(small_catalog)
    result = catalog_load(actor=None, directory=small_catalog)
    assert result.counts["services_changed"] == 2
    samsat = Service.objects.get(code="pajak-kendaraan-tahunan")
    assert samsat.published_version.number == 2
    assert samsat.published_version.fee_amount == 300000
    first.refresh_from_db()
    assert first.status == VersionStatus.SUPERSEDED and first.fee_amount == 250000
    kia = Service.objects.get(code="kia")
    assert kia.version == 2 and kia.published_version is None


def test_changed_workflow_makes_new_versions_of_its_services(regions, small_catalog):
    catalog_load(actor=None, directory=small_catalog)
    edit("workflows.yaml", _set(["workflows", 0, "states", 0, "name"], "Masuk"))(small_catalog)
    catalog_load(actor=None, directory=small_catalog)
    assert list(
        WorkflowDefinition.objects.filter(code="village_letter")
        .values_list("version", flat=True)
        .order_by("version")
    ) == [1, 2]
    letter = Service.objects.get(code="sk-domisili")
    assert letter.published_version.workflow.version == 2
    assert letter.versions.get(number=1).workflow.version == 1


def test_retired_in_file_retires_the_service(regions, small_catalog):
    catalog_load(actor=None, directory=small_catalog)
    edit(SAMSAT, _set(["services", 0, "status"], "retired"))(small_catalog)
    catalog_load(actor=None, directory=small_catalog)
    assert Service.objects.get(code="pajak-kendaraan-tahunan").status == ServiceStatus.RETIRED


def test_command_reports_problems_and_counts(regions, small_catalog, capsys):
    call_command("load-catalog", str(small_catalog), "--check")
    assert "catalog is valid" in capsys.readouterr().out
    assert not Agency.objects.exists()
    call_command("load-catalog", str(small_catalog))
    assert '"services_total": 6' in capsys.readouterr().out
    edit(SAMSAT, _set(["services", 0, "fee", "amount"], -1))(small_catalog)
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("load-catalog", str(small_catalog))
    err = capsys.readouterr().err
    assert "services/samsat.yaml: services[0].fee.amount: -1 is less than the minimum" in err


def test_changed_point_and_agency_are_updated_in_place(regions, small_catalog):
    catalog_load(actor=None, directory=small_catalog)
    edit("service_points.yaml", _set(["service_points", 0, "agencies"], ["samsat"]))(small_catalog)
    edit("agencies.yaml", _set(["agencies", 2, "mpp"], True))(small_catalog)
    result = catalog_load(actor=None, directory=small_catalog)
    assert result.counts["service_points_updated"] == 1
    assert result.counts["agencies_updated"] == 1
    mpp = ServicePoint.objects.get(code="mpp-banyuwangi")
    assert list(mpp.agencies.values_list("code", flat=True)) == ["samsat"]
    assert Agency.objects.get(code="dinsos").is_mpp_tenant
