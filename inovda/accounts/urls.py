from django.urls import path

from inovda.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.people_list, name="people-list"),
    path("profil/", views.profile, name="profile"),
    path("undang/", views.invite, name="invite"),
    path("undangan/<int:pk>/batalkan/", views.invitation_revoke, name="invitation-revoke"),
    path("undangan/<int:pk>/kirim-ulang/", views.invitation_resend, name="invitation-resend"),
    path("undangan/<str:token>/", views.invitation_accept, name="invitation-accept"),
    path("<int:pk>/", views.person_detail, name="person-detail"),
    path("peran/<int:pk>/cabut/", views.role_remove, name="role-remove"),
    path(
        "<int:pk>/nonaktifkan/",
        views.person_set_active,
        {"active": False},
        name="person-deactivate",
    ),
    path("<int:pk>/aktifkan/", views.person_set_active, {"active": True}, name="person-reactivate"),
]
