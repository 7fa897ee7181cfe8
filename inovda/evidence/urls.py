from django.urls import path

from inovda.evidence import views

app_name = "evidence"
urlpatterns = [
    path("unit/<int:unit_pk>/", views.unit_evidence, name="unit-evidence"),
    path("<int:pk>/unduh/", views.download, name="download"),
    path("<int:pk>/unduh-ringkas/", views.download_small, name="download-small"),
    path("<int:pk>/hapus/", views.delete, name="delete"),
    path("<int:pk>/data/", views.facts, name="facts"),
    path("unit/<int:unit_pk>/unggah-bertahap/", views.chunked_start, name="chunked-start"),
    path("unggahan/<str:upload_id>/", views.chunked, name="chunked"),
    path("peringatan/", views.warning_queue, name="warning-queue"),
    path("duplikat/", views.duplicates, name="duplicates"),
]
