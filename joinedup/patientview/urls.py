from django.urls import path

from . import views

app_name = "patientview"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("sign-in/", views.start, name="start"),
    path("sign-in/nhs-login/", views.SignInWithNHSLogin.as_view(), name="authenticate"),
    path("sign-in/callback/", views.SignedInWithNHSLogin.as_view(), name="callback"),
    path("sign-out/", views.sign_out, name="sign_out"),
]
