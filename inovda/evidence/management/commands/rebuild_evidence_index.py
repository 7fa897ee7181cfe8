"""`inovda rebuild_evidence_index`: what the warnings need, for data older than the warnings.

Reads the text layer of PDFs uploaded before inovda kept it (for the "does it name the
innovation?" and "regulation of which year?" checks), and builds the design-text index for
every report at once (pages otherwise index at most a few thousand per visit). Safe to run again.
"""

from __future__ import annotations

from typing import Any

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand

from inovda.evidence.duplicates import refresh_design_index
from inovda.evidence.models import EvidenceFile
from inovda.evidence.prechecks import pdf_text
from inovda.evidence.services import TEXT_KEPT


class Command(BaseCommand):
    help = (
        "Baca teks PDF lama yang belum tersimpan dan bangun indeks rancang bangun semua laporan "
        "(untuk peringatan bukti dan inovasi kembar). Aman dijalankan ulang."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        read = missing = 0
        for evidence in EvidenceFile.objects.filter(kind="pdf", has_text=True, text="").iterator():
            try:
                with default_storage.open(evidence.storage_name, "rb") as stored:
                    text = pdf_text(stored)
            except (OSError, ValueError) as exc:
                missing += 1
                self.stderr.write(f"  {evidence.storage_name}: tidak terbaca ({exc})")
                continue
            EvidenceFile.objects.filter(pk=evidence.pk).update(text=text[:TEXT_KEPT])
            read += 1
        indexed = refresh_design_index(limit=None)
        self.stdout.write(
            f"Teks PDF dibaca: {read} berkas ({missing} tidak terbaca). "
            f"Rancang bangun diindeks: {indexed} laporan."
        )
