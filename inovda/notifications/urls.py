from django.urls import path

from inovda.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/buka/", views.notification_open, name="open"),
    path("<int:pk>/dibaca/", views.notification_read, name="read"),
    path("dibaca-semua/", views.notification_read_all, name="read-all"),
    path("pengingat/", views.reminder_index, name="reminder-index"),
    path("pengingat/<int:period_pk>/", views.reminder_period, name="reminder-period"),
    path("pengingat/<int:period_pk>/kirim/", views.reminder_send, name="reminder-send"),
]
