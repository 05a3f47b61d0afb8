from django.urls import URLPattern

# Names resolve in the "letters" namespace (see ../urls.py).
urlpatterns: list[URLPattern] = []
