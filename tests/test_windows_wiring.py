"""The job runner's Windows path, exercised here with a cmd.exe shell
choice: supported POSIX commands run in-process, so no shell starts."""

import os

from pymake.jobs import CommandLine, Job, Runner
from pymake.winshell import ShellChoice


class Target:
    name = "out"


def cmd_job(tmp_path):
    job = Job(Target(), [], None, dict(os.environ), str(tmp_path),
              ["cmd.exe", "/c"], "cmd.exe", "/c")
    job.choice = ShellChoice(program="cmd.exe", kind="cmd",
                             argv_prefix=["cmd.exe", "/d", "/s", "/c"],
                             windows=True)
    return job


def run_line(tmp_path, text):
    runner = Runner()
    job = cmd_job(tmp_path)
    line = CommandLine(text, False, False, False, 1)
    assert runner.start_line(job, line)
    finished, status = runner.wait_any()
    assert finished is job
    return status


def test_mkdir_runs_in_process(tmp_path):
    status = run_line(tmp_path, "mkdir -p build/obj")
    assert status == 0
    assert (tmp_path / "build" / "obj").is_dir()


def test_rm_of_missing_file_fails_like_coreutils(tmp_path, capfd):
    status = run_line(tmp_path, "rm missing.txt")
    assert status == 1
    err = capfd.readouterr().err
    assert "rm: cannot remove 'missing.txt': No such file or directory" in err


def test_echo_redirect_writes_file(tmp_path):
    status = run_line(tmp_path, "echo hello > out.txt")
    assert status == 0
    assert (tmp_path / "out.txt").read_text().replace("\r\n", "\n") == \
        "hello\n"

