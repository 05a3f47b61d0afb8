from django.urls import path

from . import views

# Names resolve in the "letters" namespace (see ../urls.py).
urlpatterns = [
    path("upload/", views.upload, name="upload"),
    path("uploaded/<int:letter_id>/", views.uploaded, name="uploaded"),
    path("quarantine/", views.quarantine, name="quarantine"),
    path("quarantine/<int:message_id>/", views.quarantined, name="quarantined"),
    path("quarantine/<int:message_id>/content/", views.quarantined_download, name="quarantined_download"),
    path("quarantine/<int:message_id>/retry/", views.quarantined_retry, name="quarantined_retry"),
    path("quarantine/<int:message_id>/dismiss/", views.quarantined_dismiss, name="quarantined_dismiss"),
    path("timeliness/", views.timeliness, name="timeliness"),
]
