"""Backup and restore of a region's period (`inovda.core.backup`): export, empty the database and
the file storage, restore, and every field of every row and every file's hash is back — on local
disk and on S3. (Here, beside the S3 server fixture of the evidence tests.)"""

import datetime as dt
import hashlib
import io
import zipfile

import pytest
from django.apps import apps
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from inovda.accounts.models import Role
from inovda.accounts.tests.factories import person
from inovda.core import backup
from inovda.core.models import AuditEvent, record_event
from inovda.evidence.models import EvidenceFile
from inovda.evidence.tests import files
from inovda.evidence.tests.helpers import attach, design_text, upload
from inovda.innovations.models import Answer, Innovation, Period, Reopening, Report
from inovda.innovations.tests.factories import make_world, report
from inovda.methodology.models import Rulebook
from inovda.methodology.services import load_bundled_rulebooks
from inovda.regions.models import Region, Unit

NAMED = [*files.DECREE, "Pelaksana: Disdukcapil Balangan"]


def _build_period():
    """Balangan's IID 2026 with two reports, answers with real files, a reopening; and
    Bangkalan's period, which must stay out of Balangan's archive."""
    w = make_world()
    operator = person(Role.UNIT_OPERATOR, unit=w["disdukcapil"], full_name="Siti Operator")
    admin = person(Role.REGION_ADMIN, region=w["balangan"], full_name="Admin Balangan")
    w["disdukcapil"].parent = w["dinkes"]  # a unit below another: restored parents first
    w["disdukcapil"].save()
    galuh = report(w["disdukcapil"], w["period"], name="Galuh Sanggam", design=design_text(1))
    posyandu = report(w["dinkes"], w["period"], name="Posyandu Pintar", stage="uji_coba")
    decree = upload(w["disdukcapil"], NAMED)
    photo = upload(w["dinkes"], data=files.png(5, 4), name="foto kegiatan.png")
    scan = upload(w["dinkes"], data=files.pdf(2), name="pindaian.pdf")
    attach(w["period"], galuh, "16", decree, photo)
    attach(w["period"], galuh, "17", decree, level=2)
    attach(w["period"], posyandu, "16", scan, level=1)
    region_answer = attach(w["period"], None, "1", decree)
    Answer.objects.filter(pk=region_answer.pk).update(
        status=Answer.Status.ACCEPTED, approved_level=2, verified_by=admin,
        verified_at=dt.datetime(2026, 9, 1, 10, 30, 15, 123456, tzinfo=dt.UTC),
    )  # fmt: skip
    opening = Reopening.objects.create(
        period=w["period"], unit=w["dinkes"], until=dt.date(2099, 9, 1),
        reason="Listrik padam seminggu", opened_by=admin,
    )  # fmt: skip
    record_event(actor=admin, action="period.reopen", obj=opening, region=w["balangan"])
    if _has_model("innovations.impactmeasure"):  # a report's part, added by the profile work
        apps.get_model("innovations.impactmeasure").objects.create(
            report=galuh, name="Waktu layanan", measure_unit="hari",
            value_before="7.5", value_after="1.25",
        )  # fmt: skip
    secret = report(w["dinsos"], w["other_period"], name="Rahasia Bangkalan")
    attach(w["other_period"], secret, "16", upload(w["dinsos"], name="rahasia.pdf"))
    return {**w, "operator": operator, "galuh": galuh}


def _has_model(label):
    try:
        apps.get_model(label)
    except LookupError:
        return False
    return True


def _balangan_rows():
    """Every row of Balangan's period as plain data: model -> {pk: fields}."""
    period = Period.objects.get(region__code="63.11", name="IID 2026")
    answers = Answer.objects.filter(period=period)
    reports = Report.objects.filter(period=period)
    rows = {
        "regions.region": Region.objects.filter(pk__in=[period.region_id, period.region.parent_id]),
        "regions.unit": Unit.objects.filter(region=period.region),
        "methodology.rulebook": Rulebook.objects.filter(versions=period.rulebook_version),
        "methodology.rulebookversion": [period.rulebook_version],
        "innovations.period": [period],
        "innovations.innovation": Innovation.objects.filter(reports__in=reports),
        "innovations.report": reports,
        "innovations.answer": answers,
        "innovations.reopening": Reopening.objects.filter(period=period),
        "evidence.evidencefile": EvidenceFile.objects.filter(answers__in=answers).distinct(),
    }
    if _has_model("innovations.impactmeasure"):
        rows["innovations.impactmeasure"] = apps.get_model(
            "innovations.impactmeasure"
        ).objects.filter(report__in=reports)
    data = {
        label: {o["pk"]: o["fields"] for o in serializers.serialize("python", objs)}
        for label, objs in rows.items()
    }
    ids = {label: {str(pk) for pk in found} for label, found in data.items()}
    events = [
        e
        for e in AuditEvent.objects.all()
        if e.object_type in ids and e.object_id in ids[e.object_type]
    ]
    data["core.auditevent"] = {
        o["pk"]: o["fields"] for o in serializers.serialize("python", events)
    }
    people = {v for label in data for f in data[label].values() for k, v in f.items()
              if k in ("actor", "uploaded_by", "updated_by", "verified_by", "opened_by",
                       "created_by") and v}  # fmt: skip
    fields = ["email", "full_name", "phone", "position", "is_active", "date_joined"]
    data["accounts.user"] = {
        o["pk"]: o["fields"]
        for o in serializers.serialize(
            "python", apps.get_model("accounts.user").objects.filter(pk__in=people), fields=fields
        )
    }
    return data


def _translated(before, maps):
    """The rows as they must look after a restore: same fields, links following the new ids."""
    expected = {}
    for label, rows in before.items():
        model = apps.get_model(label)
        links = {f.name: f.related_model._meta.label_lower for f in backup._links(model)}
        m2m = {f.name: f.related_model._meta.label_lower for f in model._meta.many_to_many}
        expected[label] = {}
        for pk, fields in rows.items():
            new = dict(fields)
            for name, target in links.items():
                if new.get(name) is not None:
                    new[name] = maps[target].get(str(new[name]))
            for name, target in m2m.items():
                if name not in new:
                    continue  # a person's groups and permissions are not carried
                new[name] = sorted(maps[target][str(v)] for v in new[name])
            if label == "core.auditevent":
                new["object_id"] = str(maps[new["object_type"]][new["object_id"]])
            expected[label][maps[label][str(pk)]] = new
    return expected


def _sorted_m2m(data):
    for rows in data.values():
        for fields in rows.values():
            if "evidence" in fields and isinstance(fields["evidence"], list):
                fields["evidence"] = sorted(fields["evidence"])
    return data


def _stored_hashes():
    return {
        f.storage_name: hashlib.sha256(default_storage.open(f.storage_name).read()).hexdigest()
        for f in EvidenceFile.objects.all()
    }


def _empty_storage(storage_client, tmp_path):
    if storage_client is None:
        for path in sorted(tmp_path.rglob("*"), reverse=True):
            if path.is_file():
                path.unlink()
        return sum(1 for p in tmp_path.rglob("*") if p.is_file())
    listing = storage_client.list_objects_v2(Bucket="bukti").get("Contents", [])
    for item in listing:
        storage_client.delete_object(Bucket="bukti", Key=item["Key"])
    return storage_client.list_objects_v2(Bucket="bukti").get("KeyCount", 0)


@pytest.fixture(autouse=True)
def _fresh_rulebook_cache():
    """Rulebooks are cached per process by version id; a flushed database reuses the ids."""
    from inovda.methodology import adapters

    adapters._cache.clear()
    yield
    adapters._cache.clear()


@pytest.mark.django_db(transaction=True)
def test_export_empty_restore_loses_nothing(storage, tmp_path, tmp_path_factory):
    _build_period()
    before = _sorted_m2m(_balangan_rows())
    hashes = _stored_hashes()
    archive = tmp_path_factory.mktemp("arsip") / "balangan.zip"

    exported = backup.export_period("63.11", "IID 2026", archive)
    call_command("flush", interactive=False, verbosity=0)
    left_in_storage = _empty_storage(storage, tmp_path)
    restored = backup.restore_period(archive)

    assert (Period.objects.count(), left_in_storage) == (1, 0)
    assert {label: len(rows) for label, rows in before.items()} == {
        "regions.region": 2, "regions.unit": 2, "methodology.rulebook": 1,
        "methodology.rulebookversion": 1, "innovations.period": 1, "innovations.innovation": 2,
        "innovations.report": 2, "innovations.answer": 4, "innovations.reopening": 1,
        "evidence.evidencefile": 3, "core.auditevent": 10, "accounts.user": 1,
        **({"innovations.impactmeasure": 1} if _has_model("innovations.impactmeasure") else {}),
    }  # fmt: skip
    assert _sorted_m2m(_balangan_rows()) == _translated(before, restored.maps)
    assert _stored_hashes() == {
        name: hashes[name] for name in hashes if not name.startswith("bukti/35.26/")
    }
    assert exported.files == restored.files == 3
    assert not Report.objects.filter(innovation__name="Rahasia Bangkalan").exists()


@pytest.fixture
def disk(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


@pytest.mark.django_db
def test_restore_reuses_regions_rulebooks_and_people_already_there(disk, tmp_path):
    w = _build_period()
    archive = tmp_path / "balangan.zip"
    backup.export_period("63.11", "IID 2026", archive)
    kept_version = w["period"].rulebook_version_id
    for model in (Answer, Reopening, Report, Innovation):
        model.objects.all().delete()
    Period.objects.all().delete()
    load_bundled_rulebooks()

    restored = backup.restore_period(archive)

    assert restored.reused["regions.region"] == 2
    assert restored.reused["methodology.rulebookversion"] == 1
    assert restored.reused["regions.unit"] == 2
    assert restored.reused["evidence.evidencefile"] == 3
    assert restored.reused["accounts.user"] == 1  # the admin who verified and reopened
    assert Period.objects.get(region__code="63.11").rulebook_version_id == kept_version
    assert Report.objects.filter(period__region__code="63.11").count() == 2


@pytest.mark.django_db
def test_restore_refuses_when_the_period_is_already_there(disk, tmp_path):
    _build_period()
    archive = tmp_path / "balangan.zip"
    backup.export_period("63.11", "IID 2026", archive)
    reports = Report.objects.count()

    with pytest.raises(backup.BackupError) as refused:
        backup.restore_period(archive)

    assert str(refused.value).startswith(
        "Periode \u201cIID 2026\u201d Kabupaten Balangan (63.11) sudah ada di instance ini; "
        "tidak ada yang dipulihkan."
    )
    assert Report.objects.count() == reports


@pytest.mark.django_db(transaction=True)
def test_a_damaged_archive_restores_nothing_and_leaves_no_file(disk, tmp_path):
    _build_period()
    archive = tmp_path / "balangan.zip"
    backup.export_period("63.11", "IID 2026", archive)
    damaged = tmp_path / "rusak.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("files/") and data.startswith(b"\x89PNG"):
                data = data[:-1] + b"\x00"
            target.writestr(item, data)
    call_command("flush", interactive=False, verbosity=0)
    _empty_storage(None, tmp_path / "media")

    with pytest.raises(backup.BackupError) as refused:
        backup.restore_period(damaged)

    assert str(refused.value).startswith(
        "Arsip rusak: berkas foto kegiatan.png tidak cocok dengan sidik SHA-256-nya."
    )
    assert (Period.objects.count(), Region.objects.count()) == (0, 0)
    assert [p for p in (tmp_path / "media").rglob("*") if p.is_file()] == []


@pytest.mark.django_db
def test_export_refuses_a_file_that_changed_in_storage(disk, tmp_path):
    _build_period()
    evidence = EvidenceFile.objects.get(original_name="pindaian.pdf")
    default_storage.delete(evidence.storage_name)
    default_storage.save(evidence.storage_name, io.BytesIO(files.pdf(3)))

    with pytest.raises(backup.BackupError) as refused:
        backup.export_period("63.11", "IID 2026", tmp_path / "balangan.zip")

    assert "\u201cpindaian.pdf\u201d" in str(refused.value)
    assert "tidak lagi cocok dengan sidik SHA-256" in str(refused.value)
    assert not (tmp_path / "balangan.zip").exists()


@pytest.mark.django_db
def test_commands_say_what_they_did_and_what_is_wrong(disk, tmp_path):
    _build_period()
    archive = tmp_path / "balangan.zip"
    out = io.StringIO()

    call_command("export_period", "--pemda", "63.11", "--periode", "IID 2026",
                 "--keluaran", str(archive), stdout=out)  # fmt: skip
    with pytest.raises(CommandError) as missing:
        call_command("export_period", "--pemda", "63.11", "--periode", "IID 2030")
    with pytest.raises(CommandError) as again:
        call_command("restore_period", str(archive))
    with pytest.raises(CommandError) as not_zip:
        call_command("restore_period", str(tmp_path))

    with zipfile.ZipFile(archive) as made:
        manifest = backup.read_manifest(made)
    assert out.getvalue().startswith(f"Arsip ditulis: {archive}\n")
    assert "  innovations.answer" in out.getvalue()
    assert str(missing.value) == (
        "Kabupaten Balangan tidak punya periode \u201cIID 2030\u201d. Periode yang ada: IID 2026."
    )
    assert "sudah ada di instance ini" in str(again.value)
    assert str(not_zip.value) == f"Berkas {tmp_path} tidak ditemukan."
    assert manifest["region"] == {"code": "63.11", "name": "Kabupaten Balangan"}
    assert sorted(len(f["sha256"]) for f in manifest["files"]) == [64, 64, 64]


def test_every_model_pointing_at_a_period_is_carried_or_left_out_on_purpose():
    assert backup.unchecked_relations() == []


def test_the_console_lists_the_backup_commands(capsys):
    from inovda.cli import main

    main(["--help"])

    out = capsys.readouterr().out
    assert "export_period" in out
    assert "restore_period" in out
