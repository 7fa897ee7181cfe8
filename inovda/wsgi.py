"""WSGI entry point (gunicorn inovda.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inovda.settings")
application = get_wsgi_application()
