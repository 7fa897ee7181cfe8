from django.urls import path

from inovda.innovations import views

app_name = "innovations"
urlpatterns = [
    path("", views.period_list, name="period-list"),
    path("periode/<int:period_pk>/", views.report_list, name="report-list"),
    path("periode/<int:period_pk>/daftar/", views.report_create, name="report-create"),
    path("laporan/<int:pk>/", views.report_edit, name="report-edit"),
    path("laporan/<int:pk>/indikator/", views.report_answers, name="report-answers"),
    path("periode/<int:period_pk>/indikator-pemda/", views.region_answers, name="region-answers"),
    path("hitung-kata/", views.word_count, name="word-count"),
]
