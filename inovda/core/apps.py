from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "inovda.core"
    label = "core"
    verbose_name = "Inti"
