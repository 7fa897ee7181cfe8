from django.urls import path

from inovda.methodology import views

app_name = "methodology"
urlpatterns = [
    path("", views.rulebook_list, name="rulebook-list"),
    path("skor/", views.score_list, name="score-list"),
    path("skor/hitung/", views.score_upload, name="score-upload"),
    path("skor/<int:pk>/", views.score_detail, name="score-detail"),
    path("skor/<int:pk>/hitung-ulang/", views.score_rescore, name="score-rescore"),
    path("peringkat/", views.ranking, name="ranking"),
    path("peringkat/hitung-ulang/", views.rescore_job_start, name="rescore-job-start"),
    path("peringkat/hitung-ulang/<int:pk>/", views.rescore_job, name="rescore-job"),
    path("<str:name>/", views.rulebook_detail, name="rulebook-detail"),
    path("<str:name>/templat.xlsx", views.rulebook_template, name="rulebook-template"),
    path("<str:name>/unduh.yaml", views.rulebook_yaml, name="rulebook-yaml"),
    path("<str:name>/salin/", views.rulebook_clone, name="rulebook-clone"),
    path("<str:name>/ubah/", views.rulebook_edit, name="rulebook-edit"),
    path("<str:name>/indikator/<str:code>/", views.indicator_detail, name="indicator-detail"),
    path("<str:name>/indikator/<str:code>/ubah/", views.row_edit, name="row-edit"),
]
