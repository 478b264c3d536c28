"""English versions of every demo page in campaigns/demo/content.py (campaigns, events, the
questionnaire, news reports), built through wagtail-localize by campaigns/demo/builder.py.

Each table has the shape of its Chinese counterpart: the same blocks, paragraphs and list items
in the same order, because every piece of Chinese text (a wagtail-localize segment) is translated
by the piece of English at the same place. People's names are written in pinyin.
"""

CAMPAIGN_INDEX = {
    "title": "Reading Workplace campaigns",
    "intro": "The yearly Reading Workplace campaigns: plans, phases, reports and results.",
}

CAMPAIGN_2024 = {
    "title": "Reading Workplace Campaign 2024",
    "theme": "Reading enriches the workplace and lifts our work",
    "organiser": "Party Committee and Trade Union of the office",
    "intro": (
        "Under the theme “Reading enriches the workplace”, book-sharing sessions, an essay contest, "
        "a recitation contest and lectures encouraged every member of staff to read more and read well."
    ),
    "phases": {
        "prepare": (
            "Draw up the plan and set up the steering group; hold the launch ceremony; each department "
            "names a reading contact; the reading room buys and shelves new books."
        ),
        "implement": (
            "A reading month around World Book Day (23 April); sharing sessions, an essay contest, a "
            "recitation contest and lectures; mobile book boxes visit a department every month; a "
            "reading star is chosen every month."
        ),
        "evaluate": (
            "Departments review their activities; an exhibition of results; the reading departments and "
            "the best reading notes of the year are chosen; an awards meeting closes the campaign."
        ),
    },
    "body": [
        ("heading", {"text": "Background", "size": "h2"}),
        (
            "paragraph",
            "<p>To build a learning organisation and help all staff make reading, and reading well, a "
            "habit, the office's Party Committee and Trade Union run the 2024 Reading Workplace campaign "
            "across the whole office. It is open to all staff; every department and affiliated unit "
            "takes part.</p>",
        ),
        ("heading", {"text": "Goals", "size": "h2"}),
        (
            "paragraph",
            "<ul><li>Everyone reads at least six books in the year and writes at least two reading notes;</li>"
            "<li>loans from the staff reading rooms grow by more than 20% on last year;</li>"
            "<li>every department holds at least one reading event;</li>"
            "<li>12 reading stars, 3 reading departments and 30 excellent reading notes are chosen.</li></ul>",
        ),
        (
            "quote",
            {
                "text": "Reading maketh a full man; conference a ready man; and writing an exact man.",
                "attribution": "Francis Bacon, Of Studies",
            },
        ),
        ("heading", {"text": "Main events", "size": "h2"}),
        (
            "paragraph",
            "<p><b>Book-sharing sessions:</b> one a quarter, led by a senior official, with staff talking "
            "about what they have read.</p>"
            "<p><b>Essay contest:</b> on “Growing up with books”; entries from May to July, results in "
            "September.</p>"
            "<p><b>Recitation contest:</b> “Reading the classics aloud”, with a team from each department.</p>"
            "<p><b>Lectures:</b> experts from the city library on reading methods and information literacy.</p>",
        ),
        (
            "figures",
            {
                "title": "Results",
                "figures": [
                    {"value": "1,200", "unit": "staff", "label": "took part"},
                    {"value": "26", "unit": "events", "label": "held"},
                    {"value": "860", "unit": "notes", "label": "reading notes"},
                    {"value": "3,600", "unit": "loans", "label": "books borrowed"},
                ],
            },
        ),
        (
            "call_to_action",
            {
                "title": "Tell us what you think",
                "text": (
                    "How did we do? Two minutes on the satisfaction survey help us make next year's campaign better."
                ),
                "button_label": "Take the survey",
                "page": "questionnaire",
                "external_url": "",
            },
        ),
    ],
}

CURRENT_CAMPAIGN = {
    "title": "Reading Workplace Campaign {year}",
    "theme": "Savour the classics, let reading take you far",
    "organiser": "Party Committee and Trade Union of the office",
    "intro": (
        "This year's campaign, “Savour the classics, let reading take you far”, brings borrowing and "
        "returning at any reading room, online reservations and reading notes submitted online. "
        "Everyone is welcome to join in."
    ),
    "phases": {
        "prepare": (
            "Draw up the year's plan; put the shared lending system of the reading rooms into service; "
            "each department names a reading contact."
        ),
        "implement": (
            "A reading month, book-sharing sessions, lectures and a recitation contest; mobile book boxes "
            "visit departments; staff submit reading notes online and a reading star is chosen every month."
        ),
        "evaluate": (
            "The reading departments and the best reading notes are chosen; an exhibition of results and "
            "the year's awards meeting."
        ),
    },
    "body": [
        ("heading", {"text": "What is new this year", "size": "h2"}),
        (
            "paragraph",
            "<p>From this year the office's six staff reading rooms and two mobile book boxes share one "
            "lending system: a book borrowed in any room can be <b>returned at the room nearest to you</b>. "
            "You can see online whether a book is on the shelf, reserve one that is out, and it is kept "
            "for you as soon as it comes back.</p>",
        ),
        ("heading", {"text": "How to take part", "size": "h2"}),
        (
            "paragraph",
            "<ol><li>Log in to the portal with your staff number and set your reading goal for the year;</li>"
            "<li>borrow books at a staff reading room, or reserve them online;</li>"
            "<li>when you have finished a book, submit a reading note; it is published once reviewed;</li>"
            "<li>sign up for book-sharing sessions, lectures and the recitation contest.</li></ol>",
        ),
        (
            "quote",
            {"text": "Books are like medicine: read well, they cure ignorance.", "attribution": "Liu Xiang"},
        ),
    ],
}

EVENT_INDEX = {
    "title": "Events",
    "intro": "Times, places and how to sign up for book-sharing sessions, contests and lectures.",
}

EVENTS_2024 = {
    "world-book-day-sharing": {
        "title": "World Book Day book-sharing session",
        "place": "Staff reading room, 3rd floor of the office building",
        "speaker": "Wang Weidong, Deputy Secretary of the Party Committee",
        "intro": "On World Book Day, 23 April, six colleagues talk about the best books they read this year.",
        "body": [
            (
                "paragraph",
                "<p>23 April is World Book Day. The Trade Union holds a book-sharing session in the staff "
                "reading room, led by Wang Weidong, Deputy Secretary of the Party Committee, with six "
                "colleagues from different departments sharing what they have read.</p>"
                "<p>Everyone is welcome to listen, and there is time for open discussion. Please sign up "
                "with your department's reading contact by 19 April.</p>",
            ),
        ],
    },
    "essay-contest": {
        "title": "Essay contest: Growing up with books",
        "place": "Online (the office intranet portal)",
        "speaker": "Trade Union",
        "intro": "Write about what reading has meant to you, in any form, 1,500–3,000 characters, by 31 July.",
        "body": [
            (
                "paragraph",
                "<p><b>Theme:</b> Growing up with books. Write about a book that changed you, or about "
                "reading and your work.</p>"
                "<p><b>Rules:</b> your own work, in any form except poetry, 1,500–3,000 characters.</p>"
                "<p><b>Prizes:</b> three first, six second and ten third prizes and several commendations; "
                "the best essays will be printed in a collection.</p>",
            ),
        ],
    },
    "recitation-contest": {
        "title": "Recitation contest: Reading the classics aloud",
        "place": "Multi-purpose hall, 5th floor of the office building",
        "speaker": "Host: Li Xiaowen, Publicity Department",
        "intro": (
            "Teams from each department, up to six minutes each, reading mainly classical Chinese poetry and prose."
        ),
        "body": [
            (
                "paragraph",
                "<p>Each department may enter one or two pieces, read by one, two or a group of readers. "
                "The judges come from the Party Committee, the Trade Union and the city recitation "
                "association.</p>"
                "<p>Please send the entry form and the texts you will read to the Trade Union by 10 June.</p>",
            ),
        ],
    },
    "lecture-efficient-reading": {
        "title": "Lecture: reading efficiently at work",
        "place": "Lecture hall, ground floor of the office building",
        "speaker": "He Jing, research librarian at the city library",
        "intro": (
            "He Jing of the city library on reading by topic, skimming, taking notes and using the digital library."
        ),
        "body": [
            (
                "paragraph",
                "<p>Topics: 1. why the busier you are, the more you need to read; 2. reading by topic and "
                "inspectional reading; 3. ways of taking reading notes; 4. using the city library's digital "
                "resources.</p>"
                "<p>The lecture takes about 90 minutes, including 20 minutes of questions.</p>",
            ),
        ],
    },
    "leader-reading-xiangtu-zhongguo": {
        "title": "Reading with our leaders: From the Soil, read again",
        "place": "Staff reading room, 3rd floor of the office building",
        "speaker": "Gao Jianhua, Director of the General Office",
        "intro": "Gao Jianhua, Director of the General Office, leads a reading of Fei Xiaotong's From the Soil.",
        "body": [
            (
                "paragraph",
                "<p>From the Soil is Fei Xiaotong's classic study of rural Chinese society. Gao Jianhua, "
                "Director of the General Office, draws on the office's field research to talk about what "
                "the book teaches us about working with the public today.</p>"
                "<p>The staff reading room has 20 copies of the book; borrow one beforehand.</p>",
            ),
        ],
    },
    "book-box-exchange": {
        "title": "Mobile book box visit and reading-notes exchange",
        "place": "Meeting room of the Information Centre (2nd floor)",
        "speaker": "Sun Lihua, reading-room librarian",
        "intro": "The tenth mobile book box visits the Information Centre, with an exchange of reading notes.",
        "body": [
            (
                "paragraph",
                "<p>This box brings 80 new books, mostly popular science and self-help; you can borrow them "
                "on the spot.</p>"
                "<p>At the exchange, staff of the Information Centre share the best reading notes they "
                "wrote this year.</p>",
            ),
        ],
    },
    "reading-exhibition": {
        "title": "Exhibition of the year's reading",
        "place": "Main hall, ground floor of the office building",
        "speaker": "Trade Union",
        "intro": (
            "The year's best essays and reading notes, the reading stars and photos of every "
            "department's reading events."
        ),
        "body": [
            (
                "paragraph",
                "<p>The exhibition has four parts: best essays, reading notes, reading stars and snapshots "
                "of events. It runs for two weeks; all staff are welcome to visit and leave a comment.</p>",
            ),
        ],
    },
}

EVENTS_CURRENT = {
    "autumn-sharing": {
        "title": "Autumn book-sharing session: understanding From the Soil",
        "place": "Staff reading room, 3rd floor of the office building",
        "speaker": "Wang Weidong, Chair of the Trade Union",
        "intro": "On Fei Xiaotong's From the Soil, and what it tells us about our fieldwork.",
        "body": [
            (
                "paragraph",
                "<p>Places are limited to 25; please sign up. Read From the Soil beforehand and prepare "
                "about five minutes on it.</p>",
            ),
        ],
    },
    "winter-sharing": {
        "title": "Winter book-sharing session: my book of the year",
        "place": "Staff reading room, 3rd floor of the office building",
        "speaker": "Ma Jun, Vice-Chair of the Trade Union",
        "intro": "Everyone brings one good book they read this year and says why it is worth reading.",
        "body": [
            (
                "paragraph",
                "<p>Bring your favourite book of the year and talk about it for three minutes. The books "
                "recommended at the session go on the reading room's “Staff picks” list.</p>",
            ),
        ],
    },
    "lecture-digital-reading": {
        "title": "Lecture: digital reading and information literacy",
        "place": "Lecture hall, ground floor of the office building",
        "speaker": "Lin Haiyan, Deputy Director of the city library",
        "intro": (
            "How do you find reliable material in a flood of information? How do you make good use of "
            "e-books and databases?"
        ),
        "body": [
            (
                "paragraph",
                "<p>The lecture shows how to search e-books, journal databases and collections of policy "
                "documents, and how to log in to the city library's digital resources with a library card.</p>",
            ),
        ],
    },
    "recitation-final": {
        "title": "Final of the Savour the classics recitation contest",
        "place": "Multi-purpose hall, 5th floor of the office building",
        "speaker": "Host: Li Xiaowen, Publicity Department",
        "intro": "The twelve pieces chosen in the first round compete on one stage; everyone is welcome to watch.",
        "body": [
            (
                "paragraph",
                "<p>The final has two first, four second and six third prizes, and an audience award voted "
                "for by the people in the hall.</p>",
            ),
        ],
    },
}

QUESTIONNAIRE = {
    "title": "Reading campaign satisfaction survey",
    "intro": (
        "<p>Thank you for taking part in this year's Reading Workplace campaign! Please take two minutes "
        "to fill in this survey: your views help us improve the reading rooms and next year's events. "
        "You may answer anonymously.</p>"
    ),
    "thank_you_text": "<p>Thank you, your answers have been sent.</p>",
    "search_description": "Two minutes to tell us what you think of the reading campaign.",
    "fields": [
        {"label": "Your name", "help_text": "Optional."},
        {
            "label": "Your department",
            "choices": (
                "General Office\nPersonnel Department\nPublicity Department\nFinance Department\n"
                "Legal Affairs Department\nParty Committee\nTrade Union\nInformation Centre\nOther"
            ),
        },
        {
            "label": "How satisfied are you with this year's reading campaign overall?",
            "choices": "Very satisfied\nSatisfied\nNeutral\nDissatisfied",
        },
        {
            "label": "Which kinds of books do you like?",
            "choices": (
                "Philosophy and law\nHumanities and history\nCalligraphy, painting and art\n"
                "Chinese and world literature\nParty building and history\nHealth and living\n"
                "Popular science\nSelf-help"
            ),
            "help_text": "Choose any; we buy new books accordingly.",
        },
        {"label": "About how many books do you read a month?"},
        {"label": "Your suggestions for the reading rooms and the campaign"},
    ],
}

ARTICLE_INDEX = {
    "title": "News",
    "intro": "News of the Reading Workplace campaign, the staff reading rooms and reading events.",
}

ARTICLES = {
    "2024-launch-ceremony": {
        "title": "Office launches the 2024 Reading Workplace campaign",
        "source": "Trade Union",
        "author": "Li Xiaowen",
        "intro": (
            "On the morning of 8 March the 2024 Reading Workplace campaign was launched in the lecture "
            "hall, with more than 200 staff present."
        ),
        "paragraphs": [
            "On the morning of 8 March the office launched its 2024 Reading Workplace campaign in the lecture "
            "hall on the ground floor. The Secretary of the Party Committee spoke; more than 200 heads of "
            "department and staff attended.",
            "The Trade Union presented the plan for the 2024 campaign. Under the theme “Reading enriches the "
            "workplace”, it runs in three phases, preparation, implementation and evaluation, with "
            "book-sharing sessions, an essay contest, a recitation contest and lectures.",
            "The Secretary said that reading is one of the most important ways for officials to grow, and "
            "asked everyone to make reading a habit and a duty, so that work and learning help each other.",
            "Each department's reading contact received a letter of appointment, and two new mobile book "
            "boxes were unveiled. Afterwards the guests visited the newly refurbished staff reading room.",
        ],
    },
    "500-new-books": {
        "title": "500 new books in the staff reading room",
        "source": "Trade Union",
        "author": "Sun Lihua",
        "intro": (
            "Following the staff survey and recommendations, the reading room bought 500 new books, all"
            " on the shelves since 1 April."
        ),
        "paragraphs": [
            "In time for World Book Day, the staff reading room has bought 500 new books chosen from last "
            "year's staff survey and the departments' recommendations. All are on the shelves since 1 April.",
            "Humanities and history and Chinese and world literature are the largest groups, about 120 books "
            "each, followed by 80 books on Party building and history, 70 on popular science, and books on "
            "health, calligraphy and art. They include Mao Dun Prize winners as well as classics that reward "
            "every rereading.",
            "All the new books are in the lending system: you can check online whether a book is on the shelf "
            "and reserve it. Popular titles have three to five copies to keep waiting short.",
            "The reading room is open on working days from 12:00 to 13:30 and from 17:30 to 19:00. Tell us "
            "what you would like us to buy, in the guest book or through the survey on the portal.",
        ],
    },
    "world-book-day-report": {
        "title": "World Book Day: six colleagues share their favourite book",
        "source": "Trade Union",
        "author": "Zhao Min",
        "intro": (
            "On the afternoon of 23 April six colleagues shared their favourite book at the World Book "
            "Day session in the reading room."
        ),
        "paragraphs": [
            "On the afternoon of 23 April the office held its World Book Day book-sharing session in the "
            "staff reading room on the third floor. Wang Weidong, Deputy Secretary of the Party Committee, "
            "led the session, and colleagues from six departments spoke in turn.",
            "Wang Lei of the Finance Department talked about Poor Charlie's Almanack and how “invert, always "
            "invert” helps him review budgets; Huang Tingting of the Legal Affairs Department recommended "
            "The Case of the Speluncean Explorers, which showed her the values behind the letter of the law.",
            "A young colleague from the Information Centre shared Liu Cixin's The Three-Body Problem, which "
            "started a lively discussion about science and the humanities. Many said they would borrow these "
            "books from the reading room.",
            "Closing the session, Wang Weidong said that sharing books is a way of making friends, and hoped "
            "every department would hold small exchanges like this, so that reading becomes something we do "
            "together.",
        ],
    },
    "book-boxes-visit-departments": {
        "title": "Mobile book boxes visit the departments",
        "source": "Trade Union",
        "author": "Sun Lihua",
        "intro": (
            "Two mobile book boxes take turns visiting departments every month; in the first month more"
            " than 160 books were borrowed."
        ),
        "paragraphs": [
            "“I used to miss the reading room's opening hours because of meetings. Now the books are right "
            "outside our office,” said a colleague in the Finance Department when the first box arrived.",
            "For staff too busy to get to the reading room, the Trade Union set up two mobile book boxes this "
            "year. Each holds about 80 books and visits a different department every month, with books chosen "
            "for that department's readers.",
            "The boxes' books are catalogued with the reading room's; the department's reading contact helps "
            "with borrowing, and a book from a box can be returned at any staff reading room.",
            "In May the boxes visited the Finance and the Legal Affairs Departments and lent more than 160 "
            "books. Next they will go to the affiliated units and local offices.",
        ],
    },
    "recitation-contest-report": {
        "title": "Reading the classics aloud: the recitation contest",
        "source": "Publicity Department",
        "author": "Li Xiaowen",
        "intro": (
            "On 20 June fourteen pieces competed in the recitation contest in the multi-purpose hall on the 5th floor."
        ),
        "paragraphs": [
            "On the afternoon of 20 June the office's recitation contest, “Reading the classics aloud”, took "
            "place in the multi-purpose hall on the fifth floor. Fourteen pieces from twelve departments and "
            "units competed in front of more than 150 colleagues.",
            "The readers recited classic poems and essays with deep feeling. The Personnel Department's group "
            "reading of Lovely China won warm applause from the whole hall.",
            "After the judges' scoring, the Personnel Department and the General Office won first prizes; "
            "the Publicity Department, the Information Centre and the Trade Union second prizes; five more "
            "pieces third prizes. A guest judge from the city recitation association commented on every piece.",
            "The Trade Union will record the best pieces and play them on the portal and the office radio.",
        ],
    },
    "efficient-reading-lecture-report": {
        "title": "City library expert lectures on reading efficiently",
        "source": "Trade Union",
        "author": "Zhao Min",
        "intro": (
            "On 11 July He Jing, research librarian at the city library, gave a lecture on reading efficiently at work."
        ),
        "paragraphs": [
            "On the afternoon of 11 July He Jing, research librarian at the city library, gave a lecture on "
            "reading efficiently at work in the lecture hall; more than 180 staff attended.",
            "Drawing on thirty years in libraries, He Jing explained inspectional and topical reading, and "
            "suggested reading several books on one question from your work: “read with a question, and you "
            "can use what you read at once”.",
            "She also presented the city library's e-books and journal databases; more than 40 colleagues "
            "applied for a city library card on the spot.",
            "In the discussion, staff asked how to read in spare minutes and how to keep reading notes.",
        ],
    },
    "essay-contest-results": {
        "title": "Results of the Growing up with books essay contest",
        "source": "Trade Union",
        "author": "Li Xiaowen",
        "intro": (
            "The essay contest received 136 entries; after two rounds of judging, 3 first, 6 second and"
            " 10 third prizes were awarded."
        ),
        "paragraphs": [
            "The results of the “Growing up with books” essay contest, which ran for almost three months, "
            "are out. Departments and units sent in 136 essays, more than ever before.",
            "The essays were rich and heartfelt: a book that helped someone through a hard time, reading "
            "and daily work helping each other, the time spent reading with a child.",
            "After two rounds the judges awarded 3 first, 6 second and 10 third prizes and 20 commendations. "
            "First prizes went to Huang Tingting of the Legal Affairs Department and Wu Siyuan of the "
            "Information Centre, among others.",
            "The winning essays will appear in the portal's reading notes and be printed in a collection for "
            "the exhibition at the end of the year.",
        ],
    },
    "2024-summary-awards": {
        "title": "2024 Reading Workplace campaign closes with an awards meeting",
        "source": "Party Committee",
        "author": "Liu Zhiqiang",
        "intro": (
            "26 events in the year with 1,200 participants; 12 reading stars and 3 reading departments were honoured."
        ),
        "paragraphs": [
            "On 20 December the office held the closing and awards meeting of the 2024 Reading Workplace campaign.",
            "The meeting heard the year's results: 26 book-sharing sessions, lectures and contests with more "
            "than 1,200 participants; 3,600 loans from the staff reading rooms, 24% more than last year; and "
            "860 reading notes.",
            "Twelve colleagues were named reading stars of the year; the Legal Affairs Department, the "
            "Information Centre and the Personnel Department were named reading departments; 30 reading notes "
            "were chosen as excellent.",
            "The Secretary of the Party Committee praised the year's work and asked for better services next "
            "year, such as returning at any reading room and online reservations, so that the campaign "
            "becomes a lasting part of office life.",
        ],
    },
    "current-launch": {
        "title": "Reading Workplace Campaign {year} launched",
        "source": "Trade Union",
        "author": "Li Xiaowen",
        "intro": (
            "This year's campaign, “Savour the classics”, starts together with returning at any room "
            "and online reservations."
        ),
        "paragraphs": [
            "This year's Reading Workplace campaign has been launched. Its theme is “Savour the classics, let "
            "reading take you far”; the Party Committee and the Trade Union organise it together.",
            "The biggest change is that the services go online: staff can search the catalogue, reserve "
            "books and submit reading notes on the portal, and the six reading rooms and two mobile book "
            "boxes share one lending system.",
            "The campaign keeps its book-sharing sessions, lectures and recitation contest, chooses a reading "
            "star every month and the reading departments at the end of the year.",
        ],
    },
    "return-anywhere": {
        "title": "Return your books at any staff reading room",
        "source": "Trade Union",
        "author": "Sun Lihua",
        "intro": (
            "The six reading rooms and two mobile book boxes share one catalogue: a book borrowed in "
            "one room can be returned at the nearest."
        ),
        "paragraphs": [
            "After more than two months of stocktaking and cataloguing, the twenty thousand books of the "
            "office's six staff reading rooms and two mobile book boxes are all in one lending system.",
            "A book borrowed in any reading room can now be returned at whichever is nearest; if the book you "
            "want is out, reserve it on the portal and it is kept for you when it comes back.",
            "Sun Lihua, the reading-room librarian, says loans are clearly up on last year, and about a third "
            "of all books are now returned at a different room.",
        ],
    },
    "winter-sharing-registration": {
        "title": "Sign up for the winter book-sharing session",
        "source": "Trade Union",
        "author": "Zhao Min",
        "intro": (
            "The winter session is on “my book of the year”: sign up with your department's reading contact to speak."
        ),
        "paragraphs": [
            "The year is nearly over: which good books did you read? The winter book-sharing session, “my "
            "book of the year”, invites everyone to recommend one.",
            "The session takes place in the staff reading room on the third floor; each speaker has about "
            "three minutes. To speak, sign up with your department's reading contact; to listen, just come.",
            "The books recommended at the session go on the reading room's “Staff picks” list and are bought first.",
        ],
    },
}

# Report tags: the English pages get these in place of the Chinese ones.
TAGS = {
    "书香机关": "Reading Workplace",
    "启动仪式": "launch",
    "职工书屋": "reading room",
    "新书推荐": "new books",
    "读书分享会": "book sharing",
    "世界读书日": "World Book Day",
    "流动书箱": "book boxes",
    "朗诵比赛": "recitation",
    "经典诵读": "classics",
    "讲座": "lectures",
    "阅读方法": "reading methods",
    "征文": "essays",
    "获奖名单": "prize winners",
    "总结表彰": "awards",
    "阅读之星": "reading stars",
    "书香科室": "reading departments",
    "通借通还": "return anywhere",
    "报名": "sign up",
    "通知": "notices",
}


CHALLENGE_2024 = {
    "title": "World Book Day reading month: one book and one note from everyone",
    "intro": "From World Book Day to 23 May, every employee reads one borrowed book and writes one reading note.",
    "body": [
        (
            "paragraph",
            "<p>During the reading month, a book borrowed from any staff reading room or book box and kept "
            "for seven days counts as a verified read; reading notes are submitted under Reading Notes and "
            "count once they are published. Every employee takes part: there is no need to sign up.</p>",
        ),
    ],
}

CHALLENGE_CURRENT = {
    "title": "Party history reading month",
    "intro": "Read one book on Party building and history and write one note on it. Join if you wish.",
    "body": [
        (
            "paragraph",
            "<p>A book on Party building and history borrowed during the challenge and kept for seven days "
            "counts as a verified read; a note on it counts once it is published. Join on this page; you "
            "may leave at any time before the challenge ends.</p>",
        ),
    ],
}

GALLERY_2024 = {
    "summary": (
        "The 2024 Reading Workplace Campaign is complete. Over the year staff came to the reading room, "
        "joined the sharing sessions, the essay contest and the recitation contest, and made reading part "
        "of working life."
    ),
}
