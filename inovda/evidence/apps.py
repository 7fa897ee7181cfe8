from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "inovda.evidence"
    label = "evidence"
    verbose_name = "Bukti dukung"
