from django.urls import path

from selfkind.care import views, views_workspace

app_name = "care"

urlpatterns = [
    path("", views.home, name="home"),
    path("today/", views.today, name="today"),
    path("caseload/", views.caseload, name="caseload"),
    path("clients/<int:client_id>/", views.client_page, name="client"),
    path("clients/<int:client_id>/sessions/", views.add_appointment, name="add_appointment"),
    path(
        "clients/<int:client_id>/sessions/<int:appointment_id>/status/",
        views.set_appointment_status,
        name="appointment_status",
    ),
    path("progress/", views.progress, name="progress"),
    path("what-helps/", views.what_helps, name="what_helps"),
    path("clients/<int:client_id>/affirmations/", views.propose_affirmation, name="propose_affirmation"),
    path("clients/<int:client_id>/measures/", views.client_measures, name="client_measures"),
    path("clients/<int:client_id>/thought-records/", views.client_thoughts, name="client_thoughts"),
    path("clients/<int:client_id>/practices/", views.client_practices, name="client_practices"),
    path("clients/<int:client_id>/homework/", views_workspace.homework, name="homework"),
    path(
        "clients/<int:client_id>/homework/<int:homework_id>/stop/", views_workspace.stop_homework, name="stop_homework"
    ),
    path("clients/<int:client_id>/stage/", views_workspace.set_stage, name="set_stage"),
    path("clients/<int:client_id>/notes/", views_workspace.notes, name="notes"),
    path("clients/<int:client_id>/prep/", views_workspace.session_prep, name="session_prep"),
    path("clients/<int:client_id>/report.pdf", views_workspace.report, name="report"),
    path("clients/<int:client_id>/fhir.json", views_workspace.fhir_export, name="fhir"),
    path("clinic/outcomes/", views.clinic_outcomes, name="clinic_outcomes"),
    path("theme/", views.set_theme, name="theme"),
    path("healthz", views.healthz, name="healthz"),
]
