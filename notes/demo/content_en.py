"""English version of the demo's 读书心得 page (notes/demo/content.py NOTES_INDEX), translated by the home demo."""

NOTES_INDEX = {
    "title": "Reading notes",
    "intro": (
        "Reading notes by our staff: what they read, what they took from it and how they use it at work. "
        "Notes are published after review; the best go on the honour wall."
    ),
}
