from django.urls import path

from inovda.innovations import review_views, views

app_name = "innovations"
urlpatterns = [
    path("", views.period_list, name="period-list"),
    path("periode/<int:period_pk>/", views.report_list, name="report-list"),
    path("periode/<int:period_pk>/daftar/", views.report_create, name="report-create"),
    path("periode/<int:period_pk>/jadwal/", views.period_edit, name="period-edit"),
    path("laporan/<int:pk>/", views.report_edit, name="report-edit"),
    path("laporan/<int:pk>/indikator/", review_views.report_answers, name="report-answers"),
    path(
        "periode/<int:period_pk>/indikator-pemda/",
        review_views.region_answers,
        name="region-answers",
    ),
    path(
        "laporan/<int:pk>/indikator/<str:code>/cari-bukti/",
        review_views.report_evidence_search,
        name="report-evidence-search",
    ),
    path(
        "periode/<int:period_pk>/indikator-pemda/<str:code>/cari-bukti/",
        review_views.region_evidence_search,
        name="region-evidence-search",
    ),
    path("laporan/<int:pk>/pratinjau-poin/", review_views.answers_preview, name="answers-preview"),
    path("laporan/<int:pk>/ajukan/", review_views.submit, name="submit"),
    path("laporan/<int:pk>/setujui/", review_views.approve, name="approve"),
    path("laporan/<int:pk>/kembalikan/", review_views.send_back, name="send-back"),
    path("laporan/<int:pk>/buka-kembali/", review_views.reopen, name="reopen"),
    path("jawaban/<int:pk>/verifikasi/", review_views.verify, name="verify"),
    path("periode/<int:period_pk>/tandai/<str:step>/", review_views.advance, name="advance"),
    path("antrean/", review_views.queue, name="queue"),
    path("hitung-kata/", views.word_count, name="word-count"),
]
