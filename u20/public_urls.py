from django.urls import path

from u20 import views

app_name = "u20"

urlpatterns = [
    path("", views.home, name="home"),
    path("summits/", views.summit_list, name="summits"),
    path("summits/<slug:summit>/", views.summit_detail, name="summit"),
    path("summits/<slug:summit>/partners/", views.partners, name="partners"),
]
