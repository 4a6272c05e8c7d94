from django.urls import path

from sessions import views

app_name = "me"

urlpatterns = [
    path("", views.me, name="index"),
    path("calendar/new/", views.new_calendar_link, name="new_calendar"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar"),
    path("data.json", views.export_data, name="export"),
    path("delete/", views.delete_account, name="delete"),
]
