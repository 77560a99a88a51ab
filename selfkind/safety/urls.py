from django.urls import path

from selfkind.safety import views

app_name = "safety"

urlpatterns = [
    path("help/", views.need_help, name="need_help"),
    path("support/", views.crisis, name="crisis"),
    path("support/<int:alert_id>/choice/", views.crisis_choice, name="crisis_choice"),
    path("alerts/", views.alerts, name="alerts"),
    path("alerts/<int:alert_id>/", views.alert_detail, name="alert"),
]
