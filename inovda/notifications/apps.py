from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "inovda.notifications"
    label = "notifications"
    verbose_name = "Notifikasi"
