"""Static files: hashed and compressed for production, tolerant when collectstatic has not run."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    # Without a manifest (tests, a fresh checkout) fall back to unhashed names instead of failing.
    manifest_strict = False
