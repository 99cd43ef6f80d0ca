"""Output files are checked before any work and written all or none: an output never
lands on an input, on another output, or in a folder; a failure leaves no file behind."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import run_cli, run_cli_process
from tests_support import TINY

from corridor.network_data.errors import InputError
from corridor.reports.files import write_all_atomic

NET = ("--network", str(TINY))
BOOK = "shipment_id,origin,destination,commodity,tonnes\ns1,Alpha,Juliet,ore,1000\n"


def _book(tmp_path: Path) -> Path:
    path = tmp_path / "book.csv"
    path.write_text(BOOK, encoding="utf-8")
    return path


def _refused(res: subprocess.CompletedProcess[str], line: str) -> None:
    assert res.returncode == 2, res.stderr
    assert res.stderr.strip().splitlines() == [f"error: {line}"]


def test_plan_output_onto_its_shipments_book_is_refused(tmp_path: Path) -> None:
    book = _book(tmp_path)
    _refused(run_cli("plan", str(book), *NET, "-o", str(book)),
             f"{book}, field -o: is an input of this run; writing the output there would "
             "destroy it")
    assert book.read_text(encoding="utf-8") == BOOK


def test_plan_output_through_a_link_to_an_input_is_refused(tmp_path: Path) -> None:
    network = tmp_path / "net"
    shutil.copytree(TINY, network)
    link = tmp_path / "legs-link.csv"
    link.symlink_to(network / "legs.csv")
    before = (network / "legs.csv").read_text(encoding="utf-8")
    res = run_cli("plan", str(_book(tmp_path)), "--network", str(network), "--legs", str(link))
    _refused(res, f"{link}, field --legs: is an input of this run; writing the output there "
             "would destroy it")
    assert (network / "legs.csv").read_text(encoding="utf-8") == before


def test_two_outputs_on_one_file_are_refused(tmp_path: Path) -> None:
    book, out = _book(tmp_path), tmp_path / "plan.csv"
    _refused(run_cli("plan", str(book), *NET, "-o", str(out), "--legs",
                     str(tmp_path / "." / "plan.csv")),
             f"{tmp_path / '.' / 'plan.csv'}, field --legs: is also the file of -o; each "
             "output needs its own file")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.csv"]


def test_an_output_in_a_missing_folder_stops_the_run_before_any_file(tmp_path: Path) -> None:
    book, out = _book(tmp_path), tmp_path / "plan.csv"
    legs = tmp_path / "no" / "legs.csv"
    _refused(run_cli("plan", str(book), *NET, "-o", str(out), "--legs", str(legs)),
             f"{legs}, field --legs: folder does not exist")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.csv"]


def test_an_output_that_is_a_folder_is_bad_input(tmp_path: Path) -> None:
    book = _book(tmp_path)
    _refused(run_cli("plan", str(book), *NET, "-o", str(tmp_path)),
             f"{tmp_path}, field -o: is a folder; give a file name")


def test_route_and_export_geojson_onto_a_network_table_are_refused(tmp_path: Path) -> None:
    network = tmp_path / "net"
    shutil.copytree(TINY, network)
    nodes = network / "nodes.csv"
    before = nodes.read_text(encoding="utf-8")
    for args in (("route", "Alpha", "Juliet"), ("network", "export")):
        _refused(run_cli(*args, "--network", str(network), "--geojson", str(nodes)),
                 f"{nodes}, field --geojson: is an input of this run; writing the output "
                 "there would destroy it")
    assert nodes.read_text(encoding="utf-8") == before


def test_schema_template_never_replaces_a_table(tmp_path: Path) -> None:
    (tmp_path / "legs.csv").write_text("mine\n", encoding="utf-8")
    res = run_cli("network", "schema", "--template", str(tmp_path))
    _refused(res, f"{tmp_path / 'legs.csv'}, field --template: already exists; the template "
             "would replace it (give an empty folder)")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["legs.csv"]
    assert (tmp_path / "legs.csv").read_text(encoding="utf-8") == "mine\n"


def test_schema_template_makes_its_folder(tmp_path: Path) -> None:
    """`--template mynet/` where there is no such folder yet: made (parents too); run again,
    it refuses to replace the files; a file in the way is one line, exit 2."""
    res = run_cli("network", "schema", "--template", "projects/mynet/", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    folder = tmp_path / "projects" / "mynet"
    assert sorted(p.name for p in folder.iterdir()) == ["commodities.csv", "legs.csv",
                                                        "nodes.csv", "sources.csv"]
    assert (folder / "nodes.csv").read_text(encoding="utf-8").startswith("node_id,name,")
    again = run_cli("network", "schema", "legs", "--template", str(folder))
    _refused(again, f"{folder / 'legs.csv'}, field --template: already exists; the template "
             "would replace it (give an empty folder)")
    taken = tmp_path / "taken"
    taken.write_text("mine\n", encoding="utf-8")
    _refused(run_cli("network", "schema", "--template", str(taken)),
             f"{taken}, field --template: is a file; give a folder")
    _refused(run_cli("network", "schema", "--template", str(taken / "mynet")),
             f"{taken / 'mynet'}, field --template: cannot create the folder: Not a directory")
    assert taken.read_text(encoding="utf-8") == "mine\n"


def test_write_all_atomic_writes_every_file_or_none(tmp_path: Path) -> None:
    kept = tmp_path / "a.csv"
    kept.write_text("old\n", encoding="utf-8")

    def failing() -> str:
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        write_all_atomic([(kept, "new a\n"), (tmp_path / "b.csv", failing)])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]  # no temporary left
    assert kept.read_text(encoding="utf-8") == "old\n"
    with pytest.raises(InputError, match="folder does not exist"):
        write_all_atomic([(kept, "new a\n"), (tmp_path / "no" / "b.csv", "b\n")])
    assert kept.read_text(encoding="utf-8") == "old\n"
    write_all_atomic([(kept, "new a\n"), (tmp_path / "b.csv", lambda: "b\n")])
    assert kept.read_text(encoding="utf-8") == "new a\n"
    assert (tmp_path / "b.csv").read_text(encoding="utf-8") == "b\n"


def test_outputs_get_the_mode_a_plain_write_gives(tmp_path: Path) -> None:
    """Not the private 0600 of the temporary file: new files get what the umask leaves of
    rw-rw-rw-, a replaced file keeps its mode."""
    import os
    import stat

    plain = tmp_path / "plain.txt"
    plain.write_text("x", encoding="utf-8")
    fresh, kept = tmp_path / "fresh.csv", tmp_path / "kept.csv"
    kept.write_text("old", encoding="utf-8")
    os.chmod(kept, 0o640)
    write_all_atomic([(fresh, "new"), (kept, "new")])
    assert stat.S_IMODE(fresh.stat().st_mode) == stat.S_IMODE(plain.stat().st_mode)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640


def test_a_link_s_file_is_replaced_and_a_device_written_in_place(tmp_path: Path) -> None:
    real = tmp_path / "shared.csv"
    real.write_text("old\n", encoding="utf-8")
    link, null = tmp_path / "plan.csv", tmp_path / "null.csv"
    link.symlink_to(real)
    null.symlink_to("/dev/null")
    write_all_atomic([(link, "new\n"), (null, "gone\n")])
    assert link.is_symlink() and null.is_symlink()
    assert real.read_text(encoding="utf-8") == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null.csv", "plan.csv", "shared.csv"]


def test_plan_csv_to_standard_output(tmp_path: Path) -> None:
    """`-o /dev/stdout` (a pipe here) is written in place, not replaced. (In a process of
    its own: /dev/stdout is the process's standard output, not what a test captures.)"""
    res = run_cli_process("plan", str(_book(tmp_path)), *NET, "-o", "/dev/stdout", "--json")
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("shipment_id,status,route,origin,destination,")
    assert "\n{\n" in res.stdout  # then the JSON


def test_an_unwritable_folder_is_one_line_and_leaves_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    calls = []

    def refuse(prefix: str, dir: Path) -> tuple[int, str]:  # mkstemp's keywords
        calls.append(prefix)
        if len(calls) == 2:
            raise PermissionError(13, "Permission denied")
        return real_mkstemp(prefix=prefix, dir=dir)

    real_mkstemp = tempfile.mkstemp
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(InputError) as err:
        write_all_atomic([(tmp_path / "a.csv", "a\n"), (tmp_path / "b.csv", "b\n")])
    assert [str(p) for p in err.value.problems] == [
        f"{tmp_path / 'b.csv'}: cannot write: Permission denied"]
    assert list(tmp_path.iterdir()) == []
