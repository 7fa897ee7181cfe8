from django.urls import path

from inovda.regions import views

app_name = "regions"
urlpatterns = [
    path("", views.region_list, name="region-list"),
    path("unit/", views.unit_list, name="unit-list"),
    path("unit/tambah/", views.unit_create, name="unit-create"),
    path("unit/<int:pk>/ubah/", views.unit_edit, name="unit-edit"),
    path(
        "unit/<int:pk>/nonaktifkan/",
        views.unit_set_active,
        {"active": False},
        name="unit-deactivate",
    ),
    path(
        "unit/<int:pk>/aktifkan/", views.unit_set_active, {"active": True}, name="unit-reactivate"
    ),
    path("<str:code>/", views.region_detail, name="region-detail"),
]
