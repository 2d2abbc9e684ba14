"""Only what pyproject.toml cannot say: the packages found under tracker/ plus the two mapped folders."""

from setuptools import find_packages, setup

setup(packages=find_packages(include=["tracker*"]) + ["tracker.data", "tracker.data.samples",
                                                           "tracker.migrations", "tracker.migrations.versions"])
