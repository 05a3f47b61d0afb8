from django.urls import include, path

app_name = "letters"
# Intake (MESH, upload, quarantine, timeliness) and the practice's inbox keep their own routes.
urlpatterns = [
    path("", include("joinedup.letters.inbox.urls")),
    path("", include("joinedup.letters.intake.urls")),
]
