from django.contrib.auth import views as auth_views
from django.urls import include, path

from joinedup.core import views as core

urlpatterns = [
    path("", core.home, name="home"),
    path("sign-in/", core.SignInView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("role/", core.role_switch, name="role_switch"),
    path("account/password/", core.password_change, name="password_change"),
    path("accessibility/", core.accessibility, name="accessibility"),
    path("privacy/", core.privacy, name="privacy"),
    path("health/live", core.health_live, name="health_live"),
    path("health/ready", core.health_ready, name="health_ready"),
    path("directory/", include("joinedup.directory.urls")),
    path("patients/", include("joinedup.patients.urls")),
    path("audit/", include("joinedup.audit.urls")),
    path("concerns/", include("joinedup.concerns.urls")),
    path("referrals/", include("joinedup.referrals.urls")),
    path("diagnostics/", include("joinedup.diagnostics.urls")),
    path("letters/", include("joinedup.letters.urls")),
    path("coordination/", include("joinedup.coordination.urls")),
    path("insights/", include("joinedup.insights.urls")),
    path("", include("joinedup.patientview.urls")),
    path("api/", include("joinedup.api.urls")),
    path("connected-systems/", include("joinedup.api.systems.urls")),
]

handler400 = "joinedup.core.views.bad_request"
handler403 = "joinedup.core.views.permission_denied"
handler404 = "joinedup.core.views.page_not_found"
handler500 = "joinedup.core.views.server_error"
