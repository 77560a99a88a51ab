from django.urls import include, path

urlpatterns = [
    path("", include("selfkind.accounts.urls")),
    path("", include("selfkind.safety.urls")),
    path("", include("selfkind.measures.urls")),
    path("", include("selfkind.practices.urls")),
    path("", include("selfkind.journal.urls")),
    path("", include("selfkind.care.urls")),
    path("", include("selfkind.reminders.urls")),
    path("", include("selfkind.rights.urls")),
]

handler404 = "selfkind.care.errors.not_found"
handler500 = "selfkind.care.errors.server_error"
handler403 = "selfkind.care.errors.forbidden"
