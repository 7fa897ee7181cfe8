from django.urls import path

from inovda.innovations import views

app_name = "innovations"
urlpatterns = [
    path("", views.period_list, name="period-list"),
    path("periode/<int:period_pk>/", views.report_list, name="report-list"),
    path("periode/<int:period_pk>/daftar/", views.report_create, name="report-create"),
    path("laporan/<int:pk>/", views.report_edit, name="report-edit"),
    path("hitung-kata/", views.word_count, name="word-count"),
]
