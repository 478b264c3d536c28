"""The ceiling for bench/http_load.py: a one-file Django app whose only view answers "hello".

No database, no middleware, no templates: what Django and gunicorn cost on their own.
Served as `gunicorn bench.bare_django:application` from the repository root.
"""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="bench-only-bare-django-key",
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
    )


def hello(request):
    return HttpResponse("hello", content_type="text/plain")


urlpatterns = [path("", hello)]

application = get_wsgi_application()
