from django.urls import path

from selfkind.journal import views, views_affirmations, views_thoughts

app_name = "journal"

urlpatterns = [
    path("notes/", views.notes, name="notes"),
    path("notes/<int:note_id>/", views.edit_note, name="edit_note"),
    path("affirmations/", views_affirmations.index, name="affirmations"),
    path("affirmations/<int:affirmation_id>/edit/", views_affirmations.edit, name="edit_affirmation"),
    path("affirmations/<int:affirmation_id>/<slug:action>/", views_affirmations.act, name="affirmation_action"),
    path("thoughts/<int:record_id>/affirmation/", views_affirmations.from_record, name="affirmation_from_record"),
    path("thoughts/", views_thoughts.index, name="thoughts"),
    path("thoughts/new/", views_thoughts.new, name="new_thought"),
    path("thoughts/trends/", views_thoughts.trends, name="thought_trends"),
    path("thoughts/<int:record_id>/", views_thoughts.detail, name="thought"),
    path("thoughts/<int:record_id>/finish/", views_thoughts.finish, name="thought_finish"),
    path("thoughts/<int:record_id>/flag/", views_thoughts.flag, name="thought_flag"),
    path("thoughts/<int:record_id>/carry-on/", views_thoughts.resume, name="thought_resume"),
    path("thoughts/<int:record_id>/<slug:step>/", views_thoughts.step, name="thought_step"),
]
