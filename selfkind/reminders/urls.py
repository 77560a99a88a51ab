from django.urls import path

from selfkind.reminders import views

app_name = "reminders"

urlpatterns = [
    path("reminders/", views.index, name="index"),
    path("reminders/calendar/", views.feed, name="feed"),
    path("reminders/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("reminders/suggestions/<int:suggestion_id>/", views.use_suggestion, name="use_suggestion"),
    path("reminders/notes/", views.nudges, name="nudges"),
    path("calendar/", views.therapist_calendar, name="calendar"),
    path("calendar/<str:token>.ics", views.ics, name="ics"),
    path("clients/<int:client_id>/nudge/", views.nudge, name="nudge"),
    path("clients/<int:client_id>/homework/<int:homework_id>/reminder-plan/", views.suggest, name="suggest"),
    path("clinic/system-health/", views.health, name="health"),
]
