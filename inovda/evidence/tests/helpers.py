"""Building answers with real evidence files, as an operator would (through the services)."""

from __future__ import annotations

import io
import random
from typing import Any

from inovda.evidence import services
from inovda.evidence.models import EvidenceFile
from inovda.evidence.tests import files
from inovda.innovations.models import Answer
from inovda.innovations.services import save_answers

WORDS_TEXT = (
    "warga layanan dokumen kependudukan desa kecamatan petugas aplikasi data antrean jemput "
    "bola keliling akta kelahiran kartu keluarga sekolah puskesmas ibu anak gizi posyandu kader "
    "pelatihan jaringan internet formulir verifikasi tanda tangan elektronik arsip jadwal "
    "kunjungan rumah lansia disabilitas perekaman pencetakan blangko pengaduan umpan balik "
    "survei kepuasan waktu biaya persyaratan alur prosedur koordinasi dinas camat kepala "
    "sekretaris bidang seksi operator sistem server pusat daerah kabupaten anggaran program "
    "kegiatan sasaran capaian target indikator laporan bulanan triwulan tahunan evaluasi"
)
WORDS = WORDS_TEXT.split()


def design_text(seed: int, words: int = 320) -> str:
    """A design text of real-looking words; different seeds share little."""
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(words))


def edited(text: str, every: int) -> str:
    """The text with one word in `every` replaced: a copy with a few names swapped."""
    words = text.split()
    return " ".join("diganti" if i % every == 0 else w for i, w in enumerate(words))


def upload(unit: Any, lines: list[str] | None = None, *, name: str = "sk.pdf",
           data: bytes | None = None) -> EvidenceFile:  # fmt: skip
    data = data if data is not None else files.pdf_with_text(lines or files.DECREE)
    return services.store_evidence(actor=None, unit=unit, source=io.BytesIO(data), name=name)


def attach(period: Any, report: Any, code: str, *evidence: EvidenceFile, level: int = 3) -> Answer:
    """Claim `level` on row `code` with these files (keeps the row's other files)."""
    existing = Answer.objects.filter(period=period, report=report, row_code=code).first()
    kept = list(existing.evidence.all()) if existing else []
    save_answers(
        actor=None,
        period=period,
        report=report,
        entries={code: {"level": level, "evidence": [*kept, *evidence]}},
    )
    return Answer.objects.get(period=period, report=report, row_code=code)
