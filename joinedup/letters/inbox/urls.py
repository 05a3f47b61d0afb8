from django.urls import path

from . import views

# Names resolve in the "letters" namespace (see ../urls.py). Intake keeps upload/, quarantine/, timeliness/.
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("accuracy/", views.accuracy, name="accuracy"),
    path("<int:letter_id>/", views.letter, name="letter"),
    path("<int:letter_id>/actions/<int:action_id>/feedback/", views.feedback, name="feedback"),
    path("<int:letter_id>/missed/", views.missed, name="missed"),
    path("<int:letter_id>/file/", views.file_letter, name="file"),
    path("<int:letter_id>/unfile/", views.unfile_letter, name="unfile"),
]
