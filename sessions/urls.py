from django.urls import path

from sessions import embed, views

app_name = "agenda"

urlpatterns = [
    path("agenda/", views.agenda, name="agenda"),
    path("agenda/embed/", embed.embedded_agenda, name="embed"),
    path("agenda/schedule.ics", views.schedule_ics, name="schedule_ics"),
    path("agenda/schedule.json", views.schedule_json, name="schedule_json"),
    path("agenda/schedule.xml", views.schedule_xml, name="schedule_xml"),
    path("agenda/schedule.frab.json", views.schedule_frab_json, name="schedule_frab_json"),
    path("speakers/", views.speakers, name="speakers"),
    path("sessions/<uslug:session>/", views.session_detail, name="session"),
    path("sessions/<uslug:session>/session.ics", views.session_ics, name="session_ics"),
    path("sessions/<uslug:session>/register/", views.register, name="register"),
    path("sessions/<uslug:session>/cancel/", views.cancel, name="cancel"),
    path("sessions/<uslug:session>/join/", views.join, name="join"),
    path("sessions/<uslug:session>/state/", views.session_state, name="state"),
    path("sessions/<uslug:session>/channel/", views.change_channel, name="channel"),
]
