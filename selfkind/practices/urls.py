from django.urls import path

from selfkind.practices import views, views_lessons

app_name = "practices"

urlpatterns = [
    path("practices/", views.index, name="index"),
    path("practices/log/", views.log, name="log"),
    path("practices/yours/", views.custom, name="custom"),
    path("practices/session/<int:session_id>/", views.play, name="play"),
    path("practices/session/<int:session_id>/write/<int:step>/", views.write, name="write"),
    path("practices/session/<int:session_id>/finish/", views.finish, name="finish"),
    path("practices/<slug:slug>/", views.detail, name="detail"),
    path("lessons/", views_lessons.index, name="lessons"),
    path("lessons/yours/", views_lessons.custom, name="custom_lessons"),
    path("lessons/<slug:slug>/", views_lessons.lesson, name="lesson"),
]
