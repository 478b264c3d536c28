from django.urls import path

from . import views

app_name = "progress"

urlpatterns = [
    path("", views.plan, name="plan"),
    path("books/<int:book_id>/add/", views.add_book, name="add_book"),
    path("lists/<int:page_id>/add/", views.add_list, name="add_list"),
    path("planned/<int:pk>/remove/", views.remove_planned, name="remove_planned"),
    path("reads/<int:pk>/remove/", views.remove_self_read, name="remove_self_read"),
    path("record/", views.record, name="record"),
    path("record.xlsx", views.record_xlsx, name="record_xlsx"),
    # Staff numbers are letters, digits, hyphens and underscores: the slug converter's alphabet.
    path("record/<slug:staff_number>/", views.record, name="employee_record"),
    path("record/<slug:staff_number>.xlsx", views.record_xlsx, name="employee_record_xlsx"),
    path("challenges/<int:page_id>/join/", views.join_challenge, name="join_challenge"),
    path("challenges/<int:page_id>/leave/", views.leave_challenge, name="leave_challenge"),
]
