from django.apps import AppConfig


class MethodologyConfig(AppConfig):
    name = "inovda.methodology"
    label = "methodology"
    verbose_name = "Metodologi IID"
