from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "inovda.regions"
    label = "regions"
    verbose_name = "Pemda dan unit kerja"
