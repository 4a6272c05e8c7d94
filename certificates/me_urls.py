from django.urls import path

from certificates import views

app_name = "my_certificates"

urlpatterns = [
    path("<slug:summit>.pdf", views.download, name="download"),
]
