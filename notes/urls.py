from django.urls import path

from . import views

app_name = "notes"

urlpatterns = [
    path("mine/", views.mine, name="mine"),
    path("write/", views.write, name="write"),
    path("books/", views.book_search, name="book_search"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/like/", views.like, name="like"),
]
