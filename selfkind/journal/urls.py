from django.urls import path

from selfkind.journal import views

app_name = "journal"

urlpatterns = [
    path("notes/", views.notes, name="notes"),
    path("notes/<int:note_id>/", views.edit_note, name="edit_note"),
]
