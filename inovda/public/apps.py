from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "inovda.public"
    label = "public"
    verbose_name = "Publik"
