"""A sweep's results file: SQLite, one row per scenario, written as scenarios finish.

Tables: ``results`` (the :data:`~corridor.routing.sweep.evaluate.RESULT_COLUMNS`, keyed by
the scenario's ``id``; lists and maps as JSON text) and ``meta`` (``fingerprint``: what
the sweep was started with, ``inputs``: the same as readable JSON, ``baseline``: the
baseline's row). Each batch of finished scenarios is one transaction, so a sweep stopped
in any way (Ctrl-C, a kill, a crashed worker, a power cut) keeps every batch committed
before it, and a scenario is recorded once (its id is the key).

Read it with pandas::

    import sqlite3, pandas as pd
    rows = pd.read_sql("select * from results order by id", sqlite3.connect("sweep.db"))
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from corridor.network_data.errors import InputError, Problem
from corridor.routing.sweep.evaluate import RESULT_COLUMNS

#: Columns stored as JSON text.
JSON_COLUMNS = ("closed", "dependency_change", "binding", "closed_in_use", "uses")
_TYPES = {"id": "INTEGER PRIMARY KEY", "kind": "TEXT", "name": "TEXT", "effect": "TEXT",
          "shipments_rerouted": "INTEGER"}


class ResultStore:
    """An open results file (see the module doc)."""

    def __init__(self, path: Path | None, fingerprint: str, inputs: dict[str, Any], *,
                 resume: bool = False, option: str = "-o"):
        """Open (``resume``) or create the results file at ``path`` (None: held in memory,
        for a sweep whose rows are only shown)."""
        self.path = path
        exists = path is not None and path.exists()
        if exists and not resume:
            raise InputError(Problem("command line", None, option,
                                     f"{path} exists: give --resume to continue that sweep, "
                                     "or name another file"))
        if resume and not exists:
            raise InputError(Problem("command line", None, "--resume",
                                     f"{path} does not exist: there is no sweep to resume"))
        try:
            self.db = sqlite3.connect(":memory:" if path is None else path)
            if exists:  # read before anything is written: a refused file stays as it was
                self._check(fingerprint)
            else:
                self._create(fingerprint, inputs)
            self.db.execute("pragma journal_mode=wal")
        except sqlite3.DatabaseError as exc:
            raise InputError(Problem(str(path), None, None,
                                     f"not a sweep's results file ({exc})")) from None

    def _create(self, fingerprint: str, inputs: dict[str, Any]) -> None:
        columns = ", ".join(f'"{c}" {_TYPES.get(c, "REAL" if c not in JSON_COLUMNS else "TEXT")}'
                            for c in RESULT_COLUMNS)
        with self.db:
            self.db.execute("create table meta (key text primary key, value text)")
            self.db.execute(f"create table results ({columns})")
            self.db.executemany("insert into meta values (?, ?)", [
                ("fingerprint", fingerprint), ("inputs", json.dumps(inputs, sort_keys=True))])

    def _check(self, fingerprint: str) -> None:
        found = self.db.execute("select value from meta where key = 'fingerprint'").fetchone()
        if found is None:
            raise sqlite3.DatabaseError("no fingerprint")
        if found[0] != fingerprint:
            raise InputError(Problem("command line", None, "--resume",
                                     f"{self.path} holds a sweep started with other inputs "
                                     "(book, network, scenario, options or sweep); start "
                                     "this one in another file"))

    def done(self) -> set[int]:
        """Ids of the scenarios already recorded."""
        return {int(r[0]) for r in self.db.execute("select id from results")}

    def add(self, rows: Iterable[dict[str, Any]]) -> None:
        """Record finished scenarios, in one transaction."""
        marks = ", ".join("?" for _ in RESULT_COLUMNS)
        values = [tuple(json.dumps(r[c], sort_keys=True) if c in JSON_COLUMNS else r[c]
                        for c in RESULT_COLUMNS) for r in rows]
        with self.db:
            self.db.executemany(f"insert into results values ({marks})", values)

    def set_meta(self, key: str, value: Any) -> None:
        """Keep ``value`` (as JSON) under ``key`` in the meta table."""
        with self.db:
            self.db.execute("insert or replace into meta values (?, ?)",
                            (key, json.dumps(value, sort_keys=True)))

    def rows(self) -> list[dict[str, Any]]:
        """Every recorded row, by id, JSON columns decoded."""
        cursor = self.db.execute(f"select {', '.join(RESULT_COLUMNS)} from results order by id")
        return [{c: json.loads(v) if c in JSON_COLUMNS else v
                 for c, v in zip(RESULT_COLUMNS, row)} for row in cursor]

    def remove(self) -> None:
        """Delete the (closed) results file and its journal files."""
        if self.path is not None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def close(self) -> None:
        """Close the file (a WAL database folds its log back in)."""
        self.db.close()
