"""`python -m tracker.cli` runs the `tracker` command."""

from tracker.launch import main

main()
