from django.urls import path

from . import views

app_name = "loans"

urlpatterns = [
    path("", views.my_library, name="my_library"),
    path("history.csv", views.history_csv, name="history_csv"),
    path("loans/<int:loan_id>/renew/", views.renew, name="renew"),
    path("reservations/<int:reservation_id>/cancel/", views.cancel_reservation, name="cancel_reservation"),
    path("notices/read/", views.mark_notices_read, name="mark_notices_read"),
    path("reserve/<int:book_id>/", views.reserve, name="reserve"),
    path("rooms/", views.reading_rooms, name="reading_rooms"),
]
