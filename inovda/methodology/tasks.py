"""Background work for the task worker (`inovda worker`): thin tasks that call services."""

from __future__ import annotations

from django_tasks import task


@task()
def run_rescore_job(job_id: int) -> None:
    from inovda.methodology.services import run_rescore_job as run

    run(job_id)
