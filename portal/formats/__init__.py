"""How each language of the portal writes dates and times (settings.FORMAT_MODULE_PATH).

Code and templates name a format ("DATE_FORMAT", "MONTH_DAY_FORMAT", ...) and Django picks the
pattern of the active language; anything not defined here (input formats, number separators)
comes from Django's own locale formats.

SHORT_DATE_FORMAT and SHORT_DATETIME_FORMAT are the compact numeric forms of the desk's tables
and exports; they are the same in both languages.
"""
