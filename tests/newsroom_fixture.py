"""A database of the constructed sample articles (data/samples, fictional people), ingested by the pipeline,
and helpers to read it back through the CLI."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from tracker.cli import cli
from tracker.paths import data_file

SAMPLES = ["s001_groenne_afgifter.txt", "s002_topskat.txt", "s003_forsvar.txt"]


def copy_samples(folder: Path) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in SAMPLES:
        shutil.copy(data_file("samples") / name, folder / name)
        paths.append(str(folder / name))
    return paths


class Cli:
    """cli("compare", "--csv") against one database; ok() asserts exit status 0."""

    def __init__(self, db: str):
        self.db = db

    def __call__(self, *args, input=None, env=None):
        return CliRunner().invoke(cli, ["--db", self.db, *map(str, args)], input=input, env=env,
                                  catch_exceptions=False)

    def ok(self, *args, **kwargs) -> str:
        result = self(*args, **kwargs)
        assert result.exit_code == 0, result.output
        return result.output

    def csv(self, *args) -> pd.DataFrame:
        return pd.read_csv(io.StringIO(self.ok(*args)), keep_default_na=False)

    def statements(self) -> pd.DataFrame:
        return self.csv("export", "statements")
