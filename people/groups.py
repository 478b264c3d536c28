"""The organisation's roles, as Django groups. Names are stored in Chinese
because staff see them in the admin; code refers to them by these constants."""

EDITORS = "宣传编辑"
REVIEW_1 = "初审"
REVIEW_2 = "复审"
REVIEW_3 = "终审"
REVIEW_LEVELS = (REVIEW_1, REVIEW_2, REVIEW_3)
NOTE_MODERATORS = "心得审核员"
LIBRARIANS = "书屋管理员"
RECORD_READERS = "成长档案查阅"  # staff development: may open any employee's reading record (成长档案)
ALL_GROUPS = (EDITORS, *REVIEW_LEVELS, NOTE_MODERATORS, LIBRARIANS, RECORD_READERS)
