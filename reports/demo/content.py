"""到馆人次 the demo's librarians counted at the door: a monthly total for every finished month of
this year and last year, per reading room, as a share of a typical month of the main room."""

# A typical month's visits at the main reading room; other rooms and book boxes get a share of it.
MAIN_ROOM_MONTH = 620
ROOM_SHARES = (1.0, 0.45, 0.35, 0.3, 0.25, 0.2, 0.15, 0.12)
# The campaign months are busier (4.23 读书月 and the autumn sharing sessions), summer is quieter.
MONTH_FACTORS = {1: 0.8, 2: 0.6, 3: 1.0, 4: 1.35, 5: 1.25, 6: 0.9, 7: 0.7, 8: 0.65, 9: 1.0, 10: 1.05, 11: 1.1, 12: 0.9}
NOTE = "按门禁计数器月底汇总"
