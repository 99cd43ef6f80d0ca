"""The `corridor` entry point: `main(argv)` returns the exit code (the console script exits
with it), usage errors and bugs end in their documented codes, and a query stays cheap."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import run_cli, run_cli_process
from tests_support import TINY

NET = ("--network", str(TINY))


def test_main_returns_the_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    """In-process, nothing ends the process: help is 0, a bad table name 2."""
    from corridor.cli.main import main

    assert main(["--help"]) == 0
    assert main(["network", "schema", "roads"]) == 2
    out, err = capsys.readouterr()
    assert out.startswith("Usage: corridor [OPTIONS] COMMAND [ARGS]...")
    assert err.startswith("error: command line, field TABLE: unknown table 'roads'")


def test_console_script_is_main() -> None:
    from importlib.metadata import entry_points

    from corridor.cli.main import main

    (script,) = [ep for ep in entry_points(group="console_scripts") if ep.name == "corridor"]
    assert script.value == "corridor.cli.main:main"
    assert script.load() is main


def test_help_lists_the_commands_and_a_missing_command_is_exit_2() -> None:
    """Commands in their order (route, plan, network); with none, the help on stdout and 2."""
    helped = run_cli("--help")
    assert helped.returncode == 0 and helped.stderr == ""
    listed = helped.stdout.split("Commands:")[1].splitlines()
    assert [line.split()[0] for line in listed if line.strip()] == [
        "route", "plan", "whatif", "sweep", "frontier", "invest", "report", "scenarios", "network"]
    for args, usage in (((), "Usage: corridor [OPTIONS] COMMAND"),
                        (("network",), "Usage: corridor network [OPTIONS] COMMAND")):
        bare = run_cli(*args)
        assert bare.returncode == 2 and bare.stderr == ""
        assert bare.stdout.startswith(usage) and "Commands:" in bare.stdout
    shared = [run_cli(command, "--help").stdout for command in ("route", "plan")]
    for option in ("--risk-weight FLOAT", "--carrying-rate FLOAT", "--loss-share FLOAT",
                   "--penalty KEY=USD", "--network PATH", "--nodes PATH", "--legs-file PATH"):
        assert all(option in text for text in shared), option


@pytest.mark.parametrize(("args", "message"), [
    (("route", "Alpha"), "Missing argument 'TO'"),
    (("route", "Alpha", "Juliet", "--tonnes", "abc"),
     "Invalid value for '--tonnes': 'abc' is not a valid float"),
    (("route", "Alpha", "Juliet", "--alternatives", "2.5"),
     "Invalid value for '--alternatives': '2.5' is not a valid integer"),
    (("plan", "book.csv", "--bogus"), "No such option"),
    (("network", "export"), "Missing option '--geojson'"),
    (("frobnicate",), "No such command 'frobnicate'"),
])
def test_usage_errors_exit_2(args: tuple[str, ...], message: str) -> None:
    """click's usage message (its wording is click's), ending in one error line."""
    res = run_cli(*args)
    assert res.returncode == 2 and res.stdout == ""
    last = res.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: ") and message in last
    assert "Traceback" not in res.stderr


def test_a_usage_error_of_the_installed_command_is_exit_2() -> None:
    res = run_cli_process("route", "Alpha")
    assert res.returncode == 2, res.stderr
    assert res.stderr.strip().splitlines() == [
        "Usage: corridor route [OPTIONS] FROM TO", "Try 'corridor route --help' for help.", "",
        "Error: Missing argument 'TO'."]


BUG = ("internal error (a bug in corridor, please report): RuntimeError: boom; set "
       "CORRIDOR_DEBUG=1 for the traceback\n")


def test_a_bug_is_one_line_and_exit_4(monkeypatch: pytest.MonkeyPatch) -> None:
    """An exception no command expects: one line and 4; the traceback with CORRIDOR_DEBUG."""
    import corridor.routing.query as query

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(query, "find_routes", broken)
    monkeypatch.delenv("CORRIDOR_DEBUG", raising=False)
    res = run_cli("route", "Alpha", "Juliet", *NET)
    assert (res.returncode, res.stdout, res.stderr) == (4, "", BUG)
    monkeypatch.setenv("CORRIDOR_DEBUG", "1")
    with pytest.raises(RuntimeError, match="boom"):
        run_cli("route", "Alpha", "Juliet", *NET)


def test_ctrl_c_ends_quietly_with_130(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stopped with Ctrl-C: no traceback, no message, status 130 (128 + SIGINT)."""
    import corridor.routing.query as query

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(query, "find_routes", interrupted)
    res = run_cli("route", "Alpha", "Juliet", *NET)
    assert (res.returncode, res.stdout, res.stderr.strip()) == (130, "", "")


def test_a_bug_exits_4_from_a_process() -> None:
    """The process's exit status is main's code (the console script's ``sys.exit(main())``,
    arguments from the command line)."""
    script = ("import sys\n"
              "import corridor.routing.query as query\n"
              "def broken(*args, **kwargs):\n"
              "    raise RuntimeError('boom')\n"
              "query.find_routes = broken\n"
              "from corridor.cli.main import main\n"
              "sys.exit(main())\n")
    env = {k: v for k, v in os.environ.items() if k != "CORRIDOR_DEBUG"}
    res = subprocess.run([sys.executable, "-c", script, "route", "Alpha", "Juliet", *NET],
                         capture_output=True, text=True, env=env, timeout=120)
    assert (res.returncode, res.stderr) == (4, BUG)


def test_help_and_a_route_query_stay_cheap() -> None:
    """In a fresh interpreter, `corridor --help` imports none of the heavy libraries, and a
    route query neither typer nor pydantic (`python -X importtime` shows what each costs)."""
    script = ("import contextlib, io, json, sys\n"
              "from corridor.cli.main import main\n"
              "runs = []\n"
              "for args in (['--help'], ['route', 'Oskemen', 'Yokohama']):\n"
              "    with contextlib.redirect_stdout(io.StringIO()):\n"
              "        code = main(args)\n"
              "    runs.append([code, sorted(sys.modules)])\n"
              "print(json.dumps(runs))\n")
    res = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=120, check=True)
    (help_code, after_help), (route_code, after_route) = json.loads(res.stdout)
    assert (help_code, route_code) == (0, 0), res.stderr
    heavy = {"typer", "pydantic", "pandas", "numpy", "scipy", "rich"}
    assert heavy & set(after_help) == set()
    assert {"typer", "pydantic"} & set(after_route) == set()
    assert "corridor.routing.query" in after_route  # the query did run
