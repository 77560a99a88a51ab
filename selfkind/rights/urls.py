from django.urls import path

from selfkind.rights import views

app_name = "rights"

urlpatterns = [
    path("my-data/", views.my_data, name="my_data"),
    path("my-data/export.zip", views.export_archive, name="export"),
    path("my-data/delete/", views.delete_account, name="delete"),
    path("my-data/delete/cancel/", views.cancel, name="cancel"),
]
