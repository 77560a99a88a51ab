from django.urls import path

from selfkind.measures import views

app_name = "measures"

urlpatterns = [
    path("measures/", views.index, name="index"),
    path("measures/start/<slug:key>/", views.start, name="start"),
    path("measures/<int:administration_id>/question/<int:number>/", views.question, name="question"),
    path("measures/<int:administration_id>/review/", views.review, name="review"),
    path("measures/<int:administration_id>/", views.result, name="result"),
    path("measures/<int:administration_id>/correct/", views.correct, name="correct"),
    path("clinic/questionnaires/", views.clinic_instruments, name="clinic_instruments"),
]
