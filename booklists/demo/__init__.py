"""Demo data for the catalogue and the recommended lists (used by `manage.py load_demo`)."""
