"""Indonesian labels for the rulebook's evidence kinds and constants."""

from django.utils.translation import gettext_lazy as _

EVIDENCE_LABELS = {
    "perda": _("Peraturan Daerah"),
    "perkada": _("Peraturan Kepala Daerah"),
    "sk_kepala_daerah": _("SK Kepala Daerah"),
    "sk_kepala_perangkat_daerah": _("SK Kepala Perangkat Daerah"),
    "surat_tugas": _("Surat tugas"),
    "dokumen_perencanaan": _("Dokumen perencanaan (RPJMD/RKPD/Renstra)"),
    "dokumen_anggaran": _("Dokumen anggaran (DPA/RKA/APBD)"),
    "laporan": _("Laporan (monev, SKM, kajian, LAKIP)"),
    "data_statistik": _("Data statistik resmi (BPS)"),
    "lhp_bpk": _("LHP BPK"),
    "sertifikat": _("Sertifikat / piagam"),
    "daftar_hadir": _("Daftar hadir / undangan"),
    "screenshot": _("Tangkapan layar"),
    "foto": _("Foto kegiatan"),
    "tautan_video": _("Tautan video"),
    "dokumen_lain": _("Dokumen lain"),
}
CONSTANT_NAMES_ID = {
    "divisor_floor": _("Pembagi minimum SID"),
    "count_score_per_innovation": _("Skor per inovasi (skor jumlah inovasi)"),
    "count_score_cap": _("Batas jumlah inovasi yang dihitung"),
    "basic_service_min": _("Minimal urusan pelayanan dasar"),
    "max_total": _("Skor total maksimum"),
}
