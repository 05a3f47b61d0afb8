from django.urls import path

from . import views

app_name = "patientview"
urlpatterns = [
    # The patient's own pages (NHS login).
    path("my/", views.mine, name="mine"),
    path("my/sign-in/", views.start, name="start"),
    path("my/sign-in/nhs-login/", views.SignInWithNHSLogin.as_view(), name="authenticate"),
    path("my/sign-in/callback/", views.SignedInWithNHSLogin.as_view(), name="callback"),
    path("my/sign-out/", views.sign_out, name="sign_out"),
    path("my/<slug:key>/question/", views.ask, name="ask"),
    # Staff who answer them: a trust's services, a practice.
    path("patient-questions/", views.questions, name="questions_trust"),
    path("patient-questions/practice/", views.questions, name="questions_practice"),
    path("patient-questions/hub/", views.questions, name="questions_hub"),
    path("patient-questions/<int:question_id>/", views.question, name="question"),
]
