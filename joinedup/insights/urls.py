from django.urls import path

from . import views

app_name = "insights"
urlpatterns = [
    path("", views.board, name="board"),
    path("demand/", views.demand, name="demand"),
    path("export.csv", views.export, name="export"),
    path("pack.pdf", views.icb_pack, name="icb_pack"),
    path("pack/email/", views.email_pack, name="email_pack"),
    path("<str:ods_code>/pack.pdf", views.pack, name="pack"),
    path("<str:ods_code>/<str:measure_id>/", views.chart, name="chart"),
    path("<str:ods_code>/<str:measure_id>/chart.svg", views.chart_svg, name="chart_svg"),
    path("<str:ods_code>/<str:measure_id>/<str:month>/", views.records, name="records"),
]
