"""Static files: hashed and compressed for production, tolerant when collectstatic has not run."""

from __future__ import annotations

from typing import Any

from django.core.files.storage import FileSystemStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    # Without a manifest (tests, a fresh checkout, a benchmark) fall back to unhashed names.
    manifest_strict = False

    def url(self, name: Any, force: bool = False) -> str:
        try:
            return super().url(name, force)
        except ValueError:
            # Not collected yet: whitenoise serves the unhashed file from the app's finders.
            return FileSystemStorage.url(self, name)
