from django.urls import path

from . import views

app_name = "progress"

urlpatterns = [
    path("", views.plan, name="plan"),
    path("books/<int:book_id>/add/", views.add_book, name="add_book"),
    path("lists/<int:page_id>/add/", views.add_list, name="add_list"),
    path("planned/<int:pk>/remove/", views.remove_planned, name="remove_planned"),
    path("reads/<int:pk>/remove/", views.remove_self_read, name="remove_self_read"),
]
