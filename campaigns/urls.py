from django.urls import path

from . import note_views

app_name = "notes"

urlpatterns = [
    path("mine/", note_views.mine, name="mine"),
    path("write/", note_views.write, name="write"),
    path("books/", note_views.book_search, name="book_search"),
    path("<int:pk>/", note_views.detail, name="detail"),
    path("<int:pk>/edit/", note_views.edit, name="edit"),
    path("<int:pk>/like/", note_views.like, name="like"),
]
