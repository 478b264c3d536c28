"""English version of the demo honour wall page (honours/demo/content.py WALL), translated by the home demo."""

WALL = {
    "title": "Honour wall",
    "intro": (
        "Every month the reading stars, reading departments and excellent reading notes are chosen from "
        "verified reading and reading notes, and published after review."
    ),
}
