from django.urls import path

from . import views

app_name = "insights"
urlpatterns = [
    path("", views.board, name="board"),
    path("demand/", views.demand, name="demand"),
    path("<str:ods_code>/pack.pdf", views.pack, name="pack"),
    path("<str:ods_code>/<str:measure_id>/", views.chart, name="chart"),
    path("<str:ods_code>/<str:measure_id>/chart.svg", views.chart_svg, name="chart_svg"),
    path("<str:ods_code>/<str:measure_id>/<str:month>/", views.records, name="records"),
]
