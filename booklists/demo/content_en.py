"""English versions of the demo catalogue page and book lists (booklists/demo/content.py), built
through wagtail-localize by booklists/demo/builder.py.

The books keep their Chinese titles and authors (they are Chinese books); the reasons, the lists'
texts and the recommenders' names and positions are in English, in the order of the Chinese.
"""

CATALOGUE_PAGE = {
    "title": "Catalogue",
    "intro": (
        "The staff reading room's catalogue, in eight categories from philosophy and law to self-help; "
        "search by title, author or ISBN."
    ),
}

BOOK_LIST_INDEX = {
    "title": "Recommended reading",
    "intro": "Reading lists recommended by leaders, for the reading month and on themes, each book with a reason.",
}

BOOK_LISTS = {
    "leaders-reading-2024": {
        "title": "Leaders' reading list",
        "intro": (
            "Nine books recommended to all staff by Zhao Chengzhi, Secretary of the Party Committee: "
            "Party history and thought, and history, literature and the classics too."
        ),
        "theme": "Leaders read first and set the tone for the whole office",
        "introduction": (
            "<p>Reading is a basic skill of every official. In this year's campaign the Party Committee asked "
            "leaders to lead the way, each recommending books they have read and want to share.</p>"
            "<p>The list has theory as well as history and literature. Read the theory in the original; take "
            "your time over the history and the novels, which teach how people live and give us confidence in "
            "our work. Borrow them from the staff reading room and submit a reading note when you finish.</p>"
        ),
        "recommender_name": "Zhao Chengzhi",
        "recommender_title": "Secretary of the Party Committee",
        "reasons": [
            "The authoritative short history of the Party, of moderate length and clearly laid out. Every Party "
            "member should read it through; knowing the century-long struggle steadies us when work gets hard.",
            "The new ideas and requirements of governance are all here. Read it alongside your department's "
            "work and think about how to put it into practice.",
            "Each piece is only a few hundred words, yet gets to the bottom of a real problem at work. Keep it "
            "on your desk and read one or two a day.",
            "In one small book Fei Xiaotong explains the foundations of rural Chinese society. Working in "
            "government means knowing the country, and this is a very good place to start.",
            "An ‘uneventful’ year reveals the institutional troubles of a dynasty. It shows that rules matter "
            "as much as carrying them out, and that the truth is in the details.",
            "I read it three times when I was young and was moved by Sun Shaoping's perseverance every time. "
            "An ordinary post can hold extraordinary aims: for colleagues who have just started work.",
            "The Red Army in northern Shaanxi seen by a foreign journalist, true to life and vivid. It shows why "
            "the Communists won people's hearts.",
            "Yang Bojun's translation and notes are plain and reliable. ‘I examine myself three times a day’: "
            "self-cultivation is every official's lesson, and the classic rewards rereading.",
            "Drucker shows that everyone must manage their own time and energy and spend them on what matters "
            "most. Very useful for working more effectively in an office.",
        ],
    },
    "reading-month-2024": {
        "title": "Reading month 2024: recommended books",
        "intro": (
            "For the reading month around World Book Day the staff reading room chose twelve good books from "
            "its eight categories; all are on the shelves."
        ),
        "theme": "Reading enriches the workplace and lifts our work",
        "introduction": (
            "<p>April is the office's reading month. Following the interests you gave in the survey, the staff "
            "reading room chose twelve books on Party history, literature, history, art, health and science. "
            "Each has at least two copies; you can also reserve one online and we tell you when it is ready.</p>"
        ),
        "recommender_name": "",
        "recommender_title": "",
        "reasons": [
            "Wang Shuzeng draws on a wealth of sources to show the hardship and grandeur of the Long March; a "
            "stirring and lively way into Party history.",
            "Fifty years of the three Zhou siblings are fifty years of ordinary Chinese people. Many readers "
            "say they saw their parents in this book.",
            "Rereading a classic for the reading month: start with the chapter where Baoyu and Daiyu first meet, "
            "and take your time over its poems and its people.",
            "Exiled again and again yet always cheerful, Su Dongpo is a fine example when things get hard. Lin "
            "Yutang's writing is a pleasure to read, too.",
            "The landmark of Chinese science fiction, with a vast imagination. Young colleagues borrow it all the "
            "time; for anyone who has not read it yet.",
            "A very good introduction if you want to develop your sense of beauty. Afterwards a museum visit "
            "will show you new things.",
            "Recommended by the office's calligraphy group: Qi Gong explains calligraphy simply and thoroughly, "
            "so beginners can follow.",
            "Luo Xiang's essays give law and conscience a human warmth. Governing by law begins with learning the "
            "law, and this book is never dry.",
            "Health is what our work depends on. These guidelines tell us how much to eat each day and how to "
            "combine foods; read them with the whole family.",
            "The illustrated edition is easier to follow. Learn about the universe and time with Hawking, and "
            "leave a little time in a busy life for looking at the stars.",
            "Search, translation and speech recognition are mathematics underneath. Recommended by the "
            "Information Centre, and enjoyable even if you never studied science.",
            "Fan Jinshi has looked after the Mogao Caves for more than half a century. Her devotion is moving "
            "and makes us think again about loving the work we do.",
        ],
    },
    "healthy-living": {
        "title": "Healthy living reading list",
        "intro": (
            "Eight books on healthy living recommended by the Trade Union: eat well, move enough, sleep"
            " soundly, stay cheerful."
        ),
        "theme": "Work healthily, live happily",
        "introduction": (
            "<p>Sitting all day, overtime and too little sleep are common health problems in an office. The "
            "Trade Union and the reading room chose this list together, with practical advice on food, "
            "exercise, sleep and a calm mind. Every book on it can be borrowed from the mobile book boxes.</p>"
        ),
        "recommender_name": "",
        "recommender_title": "",
        "reasons": [
            "The authoritative advice of the nutrition society, more reliable than anything online. The canteen's "
            "weekly menu follows it too.",
            "Simple movements that need no space: ten minutes during a break and your neck and shoulders feel "
            "much better. The Trade Union practises every Wednesday; come and join in.",
            "Exercise is not only about your figure; it improves your mood and your memory. After this book you "
            "may want to walk ten thousand steps a day.",
            "Never feel you sleep enough? The author shows how to plan your day by sleep cycles; especially "
            "worth reading if you often work late.",
            "A very short book that explains counselling through a fable. Read it when you feel low and you "
            "will understand yourself better.",
            "Thich Nhat Hanh teaches us to be present in small things like washing up and walking; a good "
            "remedy for stress at work.",
            "Wang Zengqi writes about food, and about the taste of life. A few pieces after work and your mind "
            "feels lighter.",
            "Ageing and saying goodbye are not easy subjects, but every family faces them. Its thoughts on "
            "caring for the elderly are well worth reading for sons and daughters.",
        ],
    },
}
