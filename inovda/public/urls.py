from django.urls import path

from inovda.public import views

app_name = "public"
urlpatterns = [
    path("", views.region_pick, name="region-pick"),
    path("lacak/", views.track_find, name="track-find"),
    path("lacak/<str:code>/", views.track, name="track"),
    path("terkirim/<str:code>/", views.thanks, name="thanks"),
    path("kelola/", views.queue, name="queue"),
    path("kelola/<int:pk>/", views.detail, name="detail"),
    path("kelola/<int:pk>/terima/", views.accept, name="accept"),
    path("kelola/<int:pk>/tolak/", views.decline, name="decline"),
    path("<str:code>/", views.proposal_create, name="proposal-create"),
]
