"""spaCy components that turn an article into statement candidates (see model.py for the contract)."""
