"""URL map: one include per domain app; allauth under /akun/."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("akun/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("pemda/", include("inovda.regions.urls")),
    path("pengguna/", include("inovda.accounts.urls")),
    path("metodologi/", include("inovda.methodology.urls")),
    path("bukti/", include("inovda.evidence.urls")),
    path("inovasi/", include("inovda.innovations.urls")),
    path("notifikasi/", include("inovda.notifications.urls")),
    path("usulan/", include("inovda.public.urls")),
    path("", include("inovda.core.urls")),
]

handler403 = "inovda.core.views.error_403"
handler404 = "inovda.core.views.error_404"
handler500 = "inovda.core.views.error_500"
