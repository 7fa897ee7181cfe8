from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "inovda.evidence"
    label = "evidence"
    verbose_name = "Bukti dukung"

    def ready(self) -> None:
        from django.apps import apps
        from django.db.models.signals import m2m_changed

        if not apps.is_installed("inovda.innovations"):
            return

        from inovda.evidence.signals import refuse_office_files
        from inovda.innovations.models import Answer

        m2m_changed.connect(
            refuse_office_files,
            sender=Answer.evidence.through,
            dispatch_uid="evidence-refuse-office-files",
        )
