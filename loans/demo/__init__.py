"""Demo data for lending (used by `manage.py load_demo`): `content` holds the data, `builder` makes the rows."""
