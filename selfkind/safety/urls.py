from django.urls import path

from selfkind.safety import views

app_name = "safety"

urlpatterns = [
    path("help/", views.need_help, name="need_help"),
]
