"""English versions of the demo home page, plain pages and site settings (home/demo/content.py),
built through wagtail-localize by home/demo/builder.py, in the order of the Chinese."""

SITE_SETTINGS = {
    "organisation": "Municipal Offices Trade Union · Staff Reading Room",
    "address": "3rd floor, Municipal Offices Building, 88 Renmin Road",
    "footer_note": "Reading room opening hours: working days 12:00–13:30 and 17:30–19:00",
}

HOME = {
    "title": "Reading Workplace",
    "hero_title": "Reading enriches our workplace",
    "hero_text": (
        "Read more, read well, read wisely. The staff reading rooms hold more than 20,000 books: borrow, "
        "reserve and share what you have read, and help make ours a learning workplace."
    ),
    "intro": "Portal of the Reading Workplace campaign: news, events, lending, reading notes and the honour wall.",
    "figures": {
        "title": "Staff reading rooms in figures",
        "figures": [
            {"figure": "copies", "label": "in the collection"},
            {"figure": "reading_rooms", "label": "reading rooms and book boxes"},
            {"figure": "loans_this_year", "label": "lent this year"},
            {"figure": "participation_rate", "label": "of the staff reading this year"},
            {"figure": "visits_this_year", "label": "at the reading rooms this year"},
        ],
    },
    "body": [
        ("heading", {"text": "Welcome to the staff reading room", "size": "h2"}),
        (
            "paragraph",
            "<p>The main reading room is on the third floor of the office building, with five more reading "
            "points around the offices and two mobile book boxes. The collection covers eight subjects, from "
            "philosophy and law, history and literature to Party history and popular science; search, "
            "reserve online and return at any of the rooms.</p>",
        ),
        (
            "call_to_action",
            {
                "title": "Borrowing for the first time?",
                "text": "Read the lending rules: up to 5 books at a time, for 30 days, renewable once.",
                "button_label": "Lending rules",
                "page": "rules",
                "external_url": "",
            },
        ),
    ],
}

STANDARD_PAGES = {
    "about": {
        "title": "About the staff reading room",
        "intro": (
            "The staff reading room is the Trade Union's reading space for all staff: more than 20,000 books "
            "in six rooms that share one lending system."
        ),
        "body": [
            ("heading", {"text": "About us", "size": "h2"}),
            (
                "paragraph",
                "<p>The staff reading room opened in 2015 and was named a national model staff reading room in "
                "2019. The main room, on the third floor of the office building, has about 180 square metres "
                "and 40 seats; five reading points are spread over the office areas, and two mobile book boxes "
                "visit a different department every month.</p>",
            ),
            ("heading", {"text": "The collection", "size": "h2"}),
            (
                "paragraph",
                "<p>The rooms hold more than 20,000 books in eight categories: philosophy and law; humanities "
                "and history; calligraphy, painting and art; Chinese and world literature; Party building and "
                "history; health and living; popular science; self-help. About 1,000 new books are bought each "
                "year, chosen from staff recommendations and the survey.</p>",
            ),
            ("heading", {"text": "Opening hours", "size": "h2"}),
            (
                "table",
                {
                    "data": [
                        ["Room", "Where", "Open"],
                        ["Main reading room", "Office building, 3rd floor", "Working days 12:00–13:30, 17:30–19:00"],
                        ["East reading point", "East office building, ground floor", "Working days 12:00–13:30"],
                        [
                            "Information Centre reading point",
                            "Information Centre, 2nd floor",
                            "Working days 12:00–13:30",
                        ],
                    ],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "",
                },
            ),
            (
                "paragraph",
                "<p>Contact: Sun Lihua (Trade Union), phone 0571-8765 4321, email shuwu@example.gov.cn.</p>",
            ),
        ],
    },
    "rules": {
        "title": "Lending rules",
        "intro": "Up to 5 books at a time, for 30 days, renewable once; return at any of the six reading rooms.",
        "body": [
            ("heading", {"text": "Borrowing", "size": "h2"}),
            (
                "paragraph",
                "<ol><li>Staff borrow with their staff number, up to <b>5 books</b> at a time.</li>"
                "<li>A loan lasts <b>30 days</b> and can be <b>renewed once</b> for another 30 days, on the "
                "portal or at a reading room, before it is due; a book someone has reserved cannot be renewed.</li>"
                "<li>A book borrowed at any reading room or mobile book box can be returned at any "
                "reading room.</li></ol>",
            ),
            ("heading", {"text": "Reservations", "size": "h2"}),
            (
                "paragraph",
                "<p>When every copy of a book is out, reserve it on the portal. Returned copies are kept for "
                "readers in the order they reserved; please collect yours within the time in the notice, or it "
                "goes to the next reader in the queue.</p>",
            ),
            ("heading", {"text": "Taking care of books", "size": "h2"}),
            (
                "paragraph",
                "<p>Please look after the books: no underlining, no folded corners. If you lose or badly damage "
                "a book, contact the librarian and replace it with the same edition. Overdue books suspend "
                "borrowing until they are returned.</p>",
            ),
        ],
    },
}
