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


def test_pages_render_before_collectstatic_and_with_a_new_var_folder(tmp_path):
    var = tmp_path / "belum-ada" / "var"
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    env.update({"INOVDA_VAR_DIR": str(var), "SECRET_KEY": secrets.token_urlsafe(50)})
    script = (
        "import django; django.setup();"
        "from django.core.management import call_command;"
        "call_command('migrate', verbosity=0); call_command('createcachetable');"
        "from django.test import Client;"
        "r = Client(HTTP_HOST='127.0.0.1').get('/akun/login/');"
        "print(r.status_code, '/static/vendor/pico.min.css' in r.content.decode())"
    )

    out = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "inovda.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert out.stdout.split() == ["200", "True"], out.stderr[-2000:]
