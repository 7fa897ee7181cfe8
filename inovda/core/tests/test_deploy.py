"""Production settings pass Django's deployment checklist, and the defaults stay safe."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _run_check(extra_env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(extra_env)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = _run_check(
        {
            "SECRET_KEY": secrets.token_urlsafe(60),
            "ALLOWED_HOSTS": "inovda.example.go.id",
            "INOVDA_HTTPS": "1",
            "INOVDA_VAR_DIR": str(tmp_path),
        }
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_flags_plain_http_settings(tmp_path):
    result = _run_check({"INOVDA_VAR_DIR": str(tmp_path)})

    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT" in result.stdout + result.stderr
