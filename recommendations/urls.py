from django.urls import path

from recommendations import views

app_name = "recommendations"

urlpatterns = [
    path("", views.communique, name="communique"),
    path("r/<int:number>/", views.recommendation, name="recommendation"),
    path("communique.json", views.communique_json, name="json"),
    path("communique.csv", views.communique_csv, name="csv"),
    path("communique.pdf", views.communique_pdf, name="pdf"),
]
