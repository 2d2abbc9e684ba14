"""The Alembic migrations, shipped inside the package (tracker.db.migrate points Alembic here)."""
