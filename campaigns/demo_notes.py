"""Reading notes of the demo site, built by ``manage.py load_demo`` (home app).

Every note goes through ``note_services.save_note`` (so the body is sanitised
and validated like one typed into the public form) and, when submitted,
through the 心得审核 workflow: the demo moderator approves it with the task's
own action, or returns it with a reason. A note is looked up by author and
title, so running the command again creates nothing.

state: ``excellent`` (approved and marked 优秀), ``published``, ``pending``
(waiting for review), ``returned`` (with ``reason``), ``draft``.
When: ``date`` (ISO, for the 2024 campaign) or ``days`` before today.
campaign: ``"2024"``, ``"current"`` or None. Quotes are short lines or
paraphrases, not long passages from the books.

Like ``home/demo_content.py`` the texts are data, not interface strings.
"""

import datetime
import random
import time

from django.core.cache import cache
from django.utils import timezone
from wagtail.models import WorkflowState

from booklists.models import Book

from . import note_services
from .reading_notes import NoteLike, NotesIndexPage, ReadingNote

NOTES_INDEX = {
    "slug": "notes",
    "title": "读书心得",
    "intro": "干部职工的读书心得：读了什么书、有什么收获、怎样用到工作中。经审核后发布，优秀心得推荐到荣誉墙。",
}

NOTES = [
    # -- 优秀 ----------------------------------------------------------------
    {
        "author": "E2003",
        "book": "乡土中国",
        "campaign": "2024",
        "date": "2024-04-23",
        "state": "excellent",
        "title": "读《乡土中国》：做群众工作要先懂“差序格局”",
        "quote": "以“己”为中心，像石子一般投入水中，和别人所联系成的社会关系……像水的波纹一般，一圈圈推出去。",
        "body": [
            "这本书篇幅不长，十几篇短文，我却前后读了三遍。第一遍当社会学常识看，第二遍对照自己老家的村子看，"
            "第三遍是下基层调研回来以后，带着问题看的。",
            "费孝通先生讲的“差序格局”，说中国人的社会关系像石子投进水里的波纹，以自己为中心一圈圈推出去。"
            "去年到村里宣讲政策，同样的内容，由村里的老支书讲和由我们讲，效果完全不一样。以前我只觉得是口才问题，"
            "读了这本书才明白，群众是按“圈子”来判断信任的，外来的干部首先得想办法走进这个圈子。",
            "书里还说乡土社会是“礼治”的社会，很多事情靠长期形成的规矩而不是条文来调整。现在农村当然变化很大，"
            "但做宣传、做调解，仍然要尊重这些规矩，先听、再说，少用文件腔。",
            "对宣传干部来说，这本书是一把钥匙：写材料要让人看得懂，讲道理要让人信得过。",
        ],
    },
    {
        "author": "E2009",
        "book": "我与地坛",
        "campaign": "2024",
        "date": "2024-05-10",
        "state": "excellent",
        "title": "在地坛里和自己和解",
        "quote": "死是一件不必急于求成的事，死是一个必然会降临的节日。",
        "body": [
            "母亲生病那段时间，我几乎每天下班都往医院跑，心里乱得很。同事从书屋借了《我与地坛》给我，说你翻翻。",
            "史铁生在最狂妄的年纪失去了双腿，他摇着轮椅进了地坛，一待就是十五年。书里没有一句空洞的安慰，"
            "他只是把园子里的四季、来来去去的人、和他自己的念头一一写下来。读到他写母亲在园子里找他，"
            "“不知道她已经找了多久还要找多久”，我在医院走廊里哭了。",
            "这本书让我明白，苦难不一定要被“战胜”，也可以被看清、被接纳。我们总想替家人把一切安排妥当，"
            "其实陪伴本身就很重要。现在母亲已经出院了，我把这本书买了一本放在家里。",
            "推荐给正在经历难处的同事。它不会告诉你怎么办，但会让你愿意慢慢走下去。",
        ],
    },
    {
        "author": "E2012",
        "book": "万历十五年",
        "campaign": "2024",
        "date": "2024-06-18",
        "state": "excellent",
        "title": "“数目字管理”与今天的财务工作",
        "quote": "",
        "body": [
            "黄仁宇写万历十五年，说这是“无关紧要的一年”，可正是在这样平静的年份里，帝国的问题已经全部埋下了。",
            "作为财务人员，我对书中反复提到的“数目字管理”印象最深。明朝的财政靠道德和惯例维持，收多少、花多少，"
            "很多时候说不清楚；海瑞清廉无比，却解决不了制度上的漏洞。一个人再有操守，也代替不了一套可以核算、"
            "可以追溯的制度。",
            "这让我想到我们这几年推的预算绩效管理和财务信息化。有的同志嫌报销流程繁琐，但正是这些“繁琐”的环节，"
            "让每一笔钱都有来处、有去处、有依据。制度设计得好，老实人不吃亏，想钻空子的人钻不进去。",
            "书读完了，我给处里提了两条建议：一是把常见报销问题整理成清单，二是每季度做一次经费执行分析。"
            "读史不只是怀古，也是为了把眼前的事情做得更明白。",
        ],
    },
    {
        "author": "E2014",
        "book": "平凡的世界",
        "campaign": "current",
        "days": 60,
        "state": "excellent",
        "title": "孙少平教会我的事：在平凡的岗位上不甘平庸",
        "quote": "生活不能等待别人来安排，要自己去争取和奋斗。",
        "body": [
            "一百多万字，我利用午休和周末读了整整一个月。合上书的那天晚上，脑子里全是黄土高原上的那些人。",
            "孙少平在工地上背石头，晚上在油灯下读书；孙少安在村里带头办砖厂，几起几落。他们没有什么惊天动地的事迹，"
            "却一直在和命运较劲。路遥写的是普通人，写的是一个时代里普通人的尊严。",
            "我在组织人事处工作，每天和各种表格、档案打交道，有时候也会觉得工作琐碎、看不到成绩。读了这本书，"
            "我想通了：平凡不等于平庸。把每一份档案整理准确，把每一次谈话记录完整，就是对同志们负责。",
            "书中田晓霞说过，要有勇气面对生活的苦难。这句话我抄在了笔记本的第一页。",
        ],
    },
    {
        "author": "E2005",
        "book": "法治的细节",
        "campaign": "current",
        "days": 45,
        "state": "excellent",
        "title": "法治在细节里，也在每一份执法文书里",
        "quote": "",
        "body": [
            "罗翔老师的书，用一个个社会热点案件讲法律原理，读起来不枯燥。",
            "书里有一个观点让我很受触动：法律不是冰冷的条文，它要回应普通人朴素的正义感。一个判决如果在法律上"
            "说得通、在情理上却让人难以接受，就值得我们反思是不是哪里出了问题。",
            "我们处日常要审核规范性文件、处理行政复议。以前我更关注程序合不合规、依据全不全，读完这本书，"
            "我开始多问一句：这个决定，当事人能不能理解？我们的文书有没有把理由讲清楚？",
            "上个月办理的一件复议案件，我在决定书里把事实认定和法律适用分开写，还专门用一段通俗的话向申请人说明理由。"
            "申请人后来打电话说，虽然结果不是他想要的，但他服气。",
            "法治的进步往往就体现在这些细节上。推荐法规处的同事们都读一读。",
        ],
    },
    {
        "author": "E2008",
        "book": "浪潮之巅",
        "campaign": "current",
        "days": 30,
        "state": "excellent",
        "title": "站在浪潮里看机关信息化",
        "quote": "",
        "body": [
            "吴军博士写了一百多年来科技公司的兴衰：有的站上了浪潮之巅，有的被浪潮拍在了沙滩上。",
            "最触动我的是那些曾经的巨头为什么会衰落。很多时候不是技术不行，而是被过去的成功模式困住，"
            "看不到用户需求已经变了。",
            "这对我们信息中心也是提醒。机关的系统往往一用就是十年，大家习惯了“能用就行”。但干部职工的使用习惯在变，"
            "手机端、数据共享、办事不跑腿，这些都是现实需求。我们不能只守着服务器和机房，要多问一问用户到底需要什么。",
            "今年我们在做职工书屋的网上借阅，就是一个很好的例子：以前借书要跑到三楼查卡片，现在在手机上就能查到哪个阅览点有书、"
            "还能预约。技术不一定要最新，但一定要真正方便人。",
        ],
    },
    {
        "author": "E2006",
        "book": "苦难辉煌",
        "campaign": "2024",
        "date": "2024-07-01",
        "state": "excellent",
        "title": "从《苦难辉煌》里读懂“为什么能”",
        "quote": "",
        "body": [
            "七一前夕，支部组织读《苦难辉煌》，我负责领读第三部分。",
            "金一南教授写的是1927年到1936年这十年。书里把国民党、共产国际、日本军方几条线索交织起来写，"
            "让人看清楚当时的中国共产党处在多么危险的境地：力量弱小，屡遭挫折，还有来自内部的错误路线。"
            "可就是在这样的绝境里，红军完成了长征，找到了正确的道路。",
            "我读的时候一直在想一个问题：靠的是什么？书里给出的答案是信仰，是实事求是，是和群众站在一起。"
            "这些话我们平时常说，但放在具体的历史场景里，才知道它们有多重。",
            "作为机关党务干部，我体会最深的一点是：组织生活不能走过场。支部学习要学出问题、学出思考，"
            "像这次领读，大家围绕“为什么能”讨论了两个多小时，这样的学习才有味道。",
        ],
    },
    {
        "author": "E1008",
        "book": "额尔古纳河右岸",
        "campaign": "current",
        "days": 14,
        "state": "excellent",
        "title": "一个民族的黄昏，一个女人的一生",
        "quote": "我是雨和雪的老熟人了，我有九十岁了。",
        "body": [
            "小说的开头就把我带进了大兴安岭的森林：一位九十岁的鄂温克族老人，用一天的时间，讲完了她的一生，"
            "也讲完了一个游猎民族近百年的变迁。",
            "迟子建的文字干净、克制，却很有力量。驯鹿、萨满、希楞柱，这些陌生的词慢慢变得亲切。书中人物的生死都很平静，"
            "好像自然本身。读到最后，族人们一个个搬下山去定居，老人选择留在山上，我心里很复杂。",
            "现代生活带来了医疗、教育和便利，这无疑是进步；可一种古老的生活方式也随之远去了。这不是简单的对与错，"
            "而是值得我们认真对待的时代课题。",
            "法规工作讲究条理和逻辑，而文学给我的是另一种东西：对人的理解和同情。两样都需要。",
        ],
    },
    # -- 已发布 ----------------------------------------------------------------
    {
        "author": "E2001",
        "book": "长安的荔枝",
        "campaign": "current",
        "days": 12,
        "state": "published",
        "title": "李善德的“荔枝转运方案”，像极了一份项目计划书",
        "quote": "",
        "body": [
            "一个小小的上林署监事，接到一个几乎不可能完成的任务：把新鲜荔枝从岭南运到长安。",
            "马伯庸把这个故事写得像一部职场小说。李善德先算账：荔枝“一日色变，二日香变”，路程五千里，怎么办？"
            "他实地考察，做实验，记数据，一次次修改路线和保鲜办法。这一套流程，和我们办公室做大型活动保障时的思路几乎一样。",
            "更让我感慨的是结尾。任务完成了，可他看到了为这一骑红尘付出代价的普通百姓。把事情办成固然重要，"
            "但也要想一想，这件事值不值得办，代价由谁来承担。",
            "书很薄，一个晚上就能读完，推荐给办公室的同事。",
        ],
    },
    {
        "author": "E2002",
        "book": "摆脱贫困",
        "campaign": "current",
        "days": 25,
        "state": "published",
        "title": "重读《摆脱贫困》：“滴水穿石”的韧劲",
        "quote": "",
        "body": [
            "这本书收录的是习近平同志在宁德工作期间的讲话和文章。这次重读，我重点读了《滴水穿石的启示》一篇。",
            "文章讲，摆脱贫困不可能一蹴而就，要有滴水穿石的精神，一件接着一件办，一年接着一年干。"
            "这对我们组织人事工作很有启发：干部培养、梯队建设，都不是一时之功，急不得，也等不得。",
            "书里还特别强调干部要到基层去、到群众中去。今年我们安排年轻干部到乡镇挂职，我跟着回访了两次，"
            "看到他们从最初不适应到能独立处理问题，心里很受鼓舞。",
            "读原著、学原文、悟原理，这本书值得常读常新。",
        ],
    },
    {
        "author": "E2010",
        "book": "卓有成效的管理者",
        "campaign": None,
        "days": 80,
        "state": "published",
        "title": "先管好自己的时间",
        "quote": "卓有成效的管理者不是从他们的任务开始，而是从他们的时间开始。",
        "body": [
            "德鲁克说，管理者首先要知道自己的时间花在了哪里。我照着书里的方法，记了两周的时间日志，结果吓了一跳："
            "真正用于思考和写作的整块时间，一天不到一个小时，其余都被会议、电话和临时事务切碎了。",
            "于是我做了三件事：每天上午九点到十点半不看消息，专心写材料；能合并的会议合并，能不参加的请同事代为参加；"
            "把重复性的统计工作做成模板。一个月下来，加班明显少了。",
            "书里还讲“要事优先”“发挥人的长处”，都是朴素的道理，难的是坚持。这本书适合放在办公桌上，隔一段时间翻一翻。",
        ],
    },
    {
        "author": "E2011",
        "book": "三体",
        "campaign": None,
        "days": 100,
        "state": "published",
        "title": "仰望星空，也脚踏实地",
        "quote": "给岁月以文明，而不是给文明以岁月。",
        "body": [
            "一直听说《三体》好看，今年终于从书屋借来，三部一口气读完。",
            "最震撼的不是外星文明，而是书中对人性的追问：面对生存危机，人类会做出怎样的选择？"
            "罗辑从一个玩世不恭的学者变成“面壁者”，程心的善良在残酷的宇宙法则面前显得那么无力。"
            "刘慈欣把宏大的想象和细腻的人物结合在一起，让人读得停不下来。",
            "读完之后再看夜空，感觉自己渺小，却也觉得眼前的工作和生活更值得珍惜。仰望星空和脚踏实地并不矛盾。",
        ],
    },
    {
        "author": "E2016",
        "book": "活着",
        "campaign": "2024",
        "date": "2024-09-12",
        "state": "published",
        "title": "福贵和他的老牛",
        "quote": "人是为活着本身而活着，而不是为了活着之外的任何事物所活着。",
        "body": [
            "这是我第二次读《活着》。第一次是上大学时，只记得哭；这一次读，更多的是沉默。",
            "福贵年轻时是个败家子，后来经历了战争、饥荒和一个又一个亲人的离去，最后只剩下他和一头老牛。"
            "余华用平静得近乎冷淡的语气讲这些苦难，反而让人更难受。",
            "可是福贵没有被压垮。他和老牛在田里慢慢走着，给老牛起名叫“福贵”，说它和自己一样。"
            "这种坚韧，不是豪言壮语，而是一种对生活本身的尊重。",
            "现在遇到工作上的烦心事，我会想起这个画面：日子总要一天天过，把手头的事做好，就是对生活最好的回答。",
        ],
    },
    {
        "author": "E2018",
        "book": "非暴力沟通",
        "campaign": "current",
        "days": 40,
        "state": "published",
        "title": "学会“观察”而不是“评论”",
        "quote": "",
        "body": [
            "工会每天要接待来反映问题的职工，有时候谈着谈着就变成了争执。同事推荐我读《非暴力沟通》。",
            "书里讲沟通的四个要素：观察、感受、需要、请求。最难的是第一步：把观察和评论分开。"
            "比如“你总是不按时交材料”是评论，“这个月的两份材料都晚交了三天”才是观察。前者容易让人防御，后者才能让人听进去。",
            "我试着在接待中用这个方法，先复述对方说的事实，再问对方的感受和需要。效果出乎意料，"
            "很多职工说，“你们总算听懂我的意思了”。",
            "这本书不只适用于工作，和家人孩子说话也同样有用。",
        ],
    },
    {
        "author": "E2020",
        "book": "中国共产党简史",
        "campaign": "current",
        "days": 70,
        "state": "published",
        "title": "一本书读懂百年党史的主线",
        "quote": "",
        "body": [
            "《中国共产党简史》篇幅适中，脉络清晰，很适合作为党史学习的入门读本。",
            "我按照书中的章节，结合支部的“三会一课”，每周读一章，做一页笔记。读下来最大的感受是："
            "百年党史是一部不断探索、不断纠错、不断前进的历史。每一次走出困境，靠的都是实事求是和依靠群众。",
            "在宣传处工作，我们经常要写党史学习教育的稿子。有了这本书打底，写东西心里更有数，也不容易出史实错误。",
        ],
    },
    {
        "author": "E2023",
        "book": "被讨厌的勇气",
        "campaign": None,
        "days": 120,
        "state": "published",
        "title": "课题分离：不是我的课题，放下",
        "quote": "",
        "body": [
            "这本书用一个青年和一位哲人对话的形式，讲阿德勒心理学。",
            "对我最有用的是“课题分离”：分清楚什么是自己的课题，什么是别人的课题。别人怎么评价我，是别人的课题；"
            "我能做的是把自己的事情做好。刚参加工作那几年，我特别在意领导和同事的看法，一份材料改来改去，总怕写得不好。"
            "读了这本书，我放松了很多。",
            "当然，书里有些观点说得比较绝对，比如“一切烦恼都来自人际关系”，不必全盘照收。但作为一本帮助自己调整心态的书，"
            "它是合格的。",
        ],
    },
    {
        "author": "E2025",
        "book": "红楼梦",
        "campaign": "2024",
        "date": "2024-10-15",
        "state": "published",
        "title": "四十岁重读红楼",
        "quote": "世事洞明皆学问，人情练达即文章。",
        "body": [
            "上学时读《红楼梦》，看的是宝黛的爱情；工作十几年后重读，看到的是一个大家族的管理。",
            "王熙凤协理宁国府，一上来就理出了五大弊端：人口混杂、事无专责、需用过费、任无大小、家人豪纵。"
            "这几条放到今天的单位管理里，依然切中要害。探春理家，搞承包、讲节约，也是很有见识的改革。",
            "可贾府最终还是败落了。书中冷子兴说贾府“外面的架子虽未甚倒，内囊却也尽上来了”，"
            "靠的是祖上的底子，没有开源，只有坐吃山空。",
            "这部书常读常新。年轻时读情，中年读世，也许到老了再读，读到的又是别的东西。",
        ],
    },
    {
        "author": "E2027",
        "book": "你当像鸟飞往你的山",
        "campaign": "current",
        "days": 20,
        "state": "published",
        "title": "教育给了她一双翅膀",
        "quote": "",
        "body": [
            "作者塔拉生长在美国爱达荷州的大山里，十七岁之前从没进过学校。父亲不信任医院和政府，家里人受了重伤也只用草药处理。",
            "她靠自学考上大学，一路读到剑桥的博士。最打动我的不是她的成功，而是她一次次在亲情和自我之间挣扎："
            "离开家人很痛，留下来就要放弃自己。",
            "读这本书让我想到，教育的意义不只是学到知识，更是获得独立思考的能力，能够看见更大的世界，"
            "也能够重新审视自己从哪里来。",
            "推荐给家里有孩子的同事，也推荐给每一个还在成长中的人。",
        ],
    },
    {
        "author": "E2031",
        "book": "认知觉醒",
        "campaign": None,
        "days": 150,
        "state": "published",
        "title": "给焦虑找个出口",
        "quote": "",
        "body": [
            "这本书是写给“想学很多、又总学不进去”的人看的，我就是其中一个。",
            "作者讲了大脑的“本能脑”“情绪脑”和“理智脑”，说焦虑往往是因为想同时做太多事，又想马上看到结果。"
            "他给的办法很具体：专注一件事，在舒适区边缘练习，及时复盘。",
            "我在信息中心负责网络安全，技术更新快，总觉得学不过来。现在我每个月只定一个学习主题，"
            "比如这个月就专门啃日志分析，效果比以前东一榔头西一棒子好得多。",
        ],
    },
    {
        "author": "E2033",
        "book": "法治及其本土资源",
        "campaign": None,
        "days": 200,
        "state": "published",
        "title": "法律怎样才能“落地”",
        "quote": "",
        "body": [
            "苏力教授这本书出版很多年了，今天读来仍然有启发。",
            "他提出一个问题：从外面移植来的法律制度，如果和当地人们的生活习惯、观念相冲突，"
            "会出现什么情况？书中分析了很多基层案例，说明法治建设不能只靠立法和宣传，还要重视本土的传统和“活的法”。",
            "在办公室做信访协调工作，我常遇到这样的情况：按照规定应该这样处理，但群众觉得“不讲理”。"
            "这时候既要坚持原则，又要找到群众能接受的方式解释和沟通。这本书给了我一些思考的工具。",
        ],
    },
    {
        "author": "E2035",
        "book": "艺术的故事",
        "campaign": "current",
        "days": 10,
        "state": "published",
        "title": "没有艺术这种东西，只有艺术家",
        "quote": "实际上没有艺术这种东西，只有艺术家而已。",
        "body": [
            "贡布里希这本书被称为艺术史的入门经典，厚厚一本，配了几百幅插图。我每天中午在食堂阅览角读一章，断断续续读了两个月。",
            "作者开篇就说，没有所谓的“艺术”，只有艺术家。他不急着给作品贴标签，而是讲每一代艺术家面对什么样的问题、"
            "又是怎样解决的。这样读下来，从洞穴壁画到现代绘画，就像一个连贯的故事。",
            "我原来去美术馆只会看“像不像”，现在会多想一想：画家想解决什么问题？这幅画和它之前的作品有什么不同？"
            "看展的乐趣多了很多。",
        ],
    },
    {
        "author": "E2038",
        "book": "人类群星闪耀时",
        "campaign": "2024",
        "date": "2024-08-20",
        "state": "published",
        "title": "决定性的瞬间",
        "quote": "",
        "body": [
            "茨威格选了十四个历史瞬间：拜占庭的陷落、滑铁卢的一分钟、南极探险的悲剧……每一篇都像一部短片。",
            "我最喜欢《滑铁卢的一分钟》。格鲁希元帅严格执行命令，却在决定性的时刻没有去支援，"
            "结果改变了整个战局。一个人的犹豫，可能影响历史的走向。",
            "放到工作中，这提醒我们：执行命令固然重要，但也要理解命令背后的目的，在关键时候敢于担当。"
            "当然，这种担当要建立在充分了解情况的基础上，而不是冒失。",
        ],
    },
    {
        "author": "E2040",
        "book": "数学之美",
        "campaign": None,
        "days": 55,
        "state": "published",
        "title": "搜索引擎背后的数学",
        "quote": "",
        "body": [
            "作为一个程序员，我早该读这本书了。",
            "吴军用通俗的语言讲了自然语言处理、搜索引擎、信息论背后的数学原理。最有意思的是讲中文分词那一章："
            "“南京市长江大桥”怎么切分，机器是靠统计模型来判断的。我们这次给门户网站做中文搜索，也遇到了类似的问题，"
            "最后采用了把中文切成两两相连的字来建立索引的办法，简单，却很管用。",
            "书里反复强调“简单就是美”，好的方法往往是简单的。这对做工程的人是很好的提醒。",
        ],
    },
    {
        "author": "E2004",
        "book": "中国居民膳食指南（2022）",
        "campaign": None,
        "days": 90,
        "state": "published",
        "title": "食堂阅览角借来的一本“实用书”",
        "quote": "",
        "body": [
            "在食堂阅览角看到这本书，本来是随手翻翻，结果借回家认真读了。",
            "书里的建议很具体：每天吃十二种以上食物，每周二十五种以上；少盐少油控糖；足量饮水。"
            "我对照着检查了一下自己的饮食，发现蔬菜水果吃得太少，盐倒是吃得不少。",
            "财务处经常加班，大家晚饭吃外卖的多。我把书里的“平衡膳食餐盘”打印出来贴在了办公室，"
            "现在大家点外卖也会多点一份青菜了。身体是工作的本钱，这句话不是空话。",
        ],
    },
    {
        "author": "E2007",
        "book": "健身气功·八段锦",
        "campaign": "current",
        "days": 35,
        "state": "published",
        "title": "工间操改成八段锦以后",
        "quote": "",
        "body": [
            "今年工会组织大家学八段锦，我借了这本书来对照着练。",
            "书里每一式都有分解动作和要领说明，比看视频更容易把细节弄清楚。比如“两手托天理三焦”，"
            "要领是上托时要充分伸展，下落时要放松，呼吸要和动作配合。",
            "练了三个月，肩颈酸痛的毛病明显好转。现在每天下午三点，我们楼层的同事会一起练一遍，十几分钟，"
            "既活动了身体，也增进了交流。推荐更多部门试一试。",
        ],
    },
    {
        "author": "E2013",
        "book": "圆圈正义",
        "campaign": "current",
        "days": 6,
        "state": "published",
        "title": "流动书箱送来的一本好书",
        "quote": "",
        "body": [
            "流动书箱轮换到我们处，第一眼就看到了这本《圆圈正义》。",
            "罗翔说，正义就像数学上的圆，我们画不出完美的圆，但不能因此否认圆的存在。法律人也许永远达不到完美的正义，"
            "但要始终朝着它努力。",
            "书中有很多短文，适合在工作间隙读一两篇。流动书箱把书送到了办公室门口，借书方便了，读书的人也多了。"
            "希望书箱多轮换几次，多送些新书来。",
        ],
    },
    {
        "author": "E2015",
        "book": "人世间",
        "campaign": "current",
        "days": 50,
        "state": "published",
        "title": "周家三兄妹和我们的父辈",
        "quote": "",
        "body": [
            "梁晓声的《人世间》写了北方城市一个普通工人家庭五十年的生活。三卷本读下来，像陪着周家人过了半辈子。",
            "周秉昆是三兄妹里最“没出息”的一个，没上大学，一直在底层打拼，却是最重情义的一个。"
            "他照顾父母，帮衬朋友，日子过得磕磕绊绊，却始终没有丢掉做人的本分。",
            "书里的很多细节让我想起父母那一代人：下乡、返城、下岗、买房……我们今天的生活，就是在他们的奋斗上建立起来的。"
            "读这本书，也是重新理解我们的父辈。",
        ],
    },
    {
        "author": "E2019",
        "book": "红星照耀中国",
        "campaign": "2024",
        "date": "2024-07-15",
        "state": "published",
        "title": "一个外国记者眼中的红色中国",
        "quote": "",
        "body": [
            "1936年，美国记者斯诺冒着危险进入陕北苏区，采访了毛泽东、周恩来等领导人，也采访了普通的红军战士和农民。",
            "书里有很多生动的细节：领导人住窑洞、穿补丁衣服，红军战士识字、唱歌，苏区的农民分到了土地。"
            "斯诺用一个外国人的眼光，记录了他看到的“东方魅力”。",
            "读这本书，让我更直观地理解了中国共产党为什么能赢得人心。作为机关党员，要常常回到初心上来想问题。",
        ],
    },
    {
        "author": "E2021",
        "book": "唐诗三百首",
        "campaign": "current",
        "days": 5,
        "state": "published",
        "title": "每天一首唐诗",
        "quote": "",
        "body": [
            "今年给自己定了个小目标：每天早上读一首唐诗，抄在本子上。",
            "半年下来，抄了一百八十多首。以前只会背“床前明月光”，现在能说出王维的禅意、杜甫的沉郁、李白的豪放有什么不同了。"
            "有时候在材料里引一两句诗，也更贴切。",
            "最喜欢的是王维的《山居秋暝》，“明月松间照，清泉石上流”，读着读着，一天的烦躁都静下来了。",
            "食堂阅览角的那本《唐诗三百首》已经被翻得起了毛边，看来喜欢它的人不少。",
        ],
    },
    {
        "author": "E2024",
        "book": "金字塔原理",
        "campaign": None,
        "days": 140,
        "state": "published",
        "title": "写材料先说结论",
        "quote": "",
        "body": [
            "《金字塔原理》讲的是怎样有逻辑地思考和表达。核心就一句话：结论先行，以上统下，归类分组，逻辑递进。",
            "我们写汇报材料，常常按照事情发生的顺序写，写了三页，领导还不知道要点是什么。书里说，"
            "读者最先看到的应该是结论，然后才是支持结论的理由。",
            "现在我写材料前，会先用一张纸画出“金字塔”：顶上一句话，下面三到五个要点，每个要点再有论据。"
            "结构清楚了，写起来快，改起来也少。",
        ],
    },
    {
        "author": "E2026",
        "book": "蛤蟆先生去看心理医生",
        "campaign": None,
        "days": 75,
        "state": "published",
        "title": "给情绪找个说法",
        "quote": "",
        "body": [
            "一本用童话讲心理咨询的书，读起来很轻松。",
            "蛤蟆先生抑郁了，在朋友的劝说下去看心理医生苍鹭。十次咨询中，苍鹭带他认识了“儿童自我状态”"
            "“父母自我状态”和“成人自我状态”，慢慢地，蛤蟆学会了为自己的情绪负责。",
            "书里说，情绪没有对错，但我们可以选择怎样回应。工作压力大的时候，我会问自己：现在是哪个“我”在说话？"
            "这个小问题帮我冷静了不少次。",
        ],
    },
    {
        "author": "E2029",
        "book": "显微镜下的大明",
        "campaign": "current",
        "days": 28,
        "state": "published",
        "title": "档案里的大明基层",
        "quote": "",
        "body": [
            "马伯庸这本书讲的是明朝基层的六个故事，材料都来自真实的档案和文献。",
            "印象最深的是《学霸必须死》和《徽州丝绢案》。一桩税收纠纷，牵扯出几十年的积弊，地方官、乡绅、胥吏各怀心思，"
            "拉锯了十几年。读着读着，会觉得这些人就在身边。",
            "这本书给我的启发是：制度的好坏，最终体现在基层执行上。我们审核规范性文件，也要多想一想它落到基层会遇到什么问题。",
        ],
    },
    {
        "author": "E2032",
        "book": "故宫的古物之美",
        "campaign": None,
        "days": 160,
        "state": "published",
        "title": "在书里逛故宫",
        "quote": "",
        "body": [
            "祝勇的这本书，从故宫博物院的藏品里挑出了青铜、玉器、书画、瓷器等，一件件娓娓道来。",
            "他不只讲器物本身，还讲背后的人和故事。比如讲《清明上河图》，从画里的船、桥、店铺，讲到北宋的城市生活。"
            "文字温润，配图精美，读着像在故宫里慢慢走了一圈。",
            "国庆假期带孩子去了一趟故宫，因为提前读了这本书，孩子看得特别有兴趣，问了我一路的问题。",
        ],
    },
    # -- 待审核 ----------------------------------------------------------------
    {
        "author": "E2034",
        "book": "十万个为什么（第六版）",
        "campaign": "current",
        "days": 1,
        "state": "pending",
        "title": "和孩子一起读《十万个为什么》",
        "quote": "",
        "body": [
            "儿子上三年级，每天都有问不完的问题：天为什么是蓝的？飞机为什么能飞？我常常答不上来，就从书屋借了这套书。",
            "第六版的内容很新，有不少关于航天、人工智能、新能源的条目，插图也多。我们约定每天晚上一起读两个问题，"
            "读完以后他讲给我听。",
            "两个月下来，他的问题越来越“专业”，我也跟着补了不少课。亲子共读，收获的不只是孩子。",
        ],
    },
    {
        "author": "E2036",
        "book": "身体从未忘记",
        "campaign": None,
        "days": 2,
        "state": "pending",
        "title": "心理创伤与身体记忆",
        "quote": "",
        "body": [
            "这本书是一位精神科医生写的，讲心理创伤如何在身体里留下痕迹。",
            "书里的病例很多，有些读起来很沉重。作者认为，创伤不只是一段记忆，它会改变大脑和身体的反应方式；"
            "治疗也不能只靠谈话，运动、瑜伽、戏剧等身体的方法同样重要。",
            "工会在做职工心理关爱服务，这本书帮助我理解了为什么有些职工遇到压力时反应会特别强烈。"
            "我们以后组织活动，也可以多考虑一些身体参与的形式。",
        ],
    },
    {
        "author": "E1009",
        "book": "正面管教",
        "campaign": "current",
        "days": 2,
        "state": "pending",
        "title": "不惩罚、不娇纵地教育孩子",
        "quote": "",
        "body": [
            "孩子进入青春期，我和他的冲突越来越多。朋友推荐了《正面管教》。",
            "书里说，惩罚和娇纵都不是好办法：惩罚让孩子学会反抗或者讨好，娇纵让孩子失去责任感。"
            "正面管教强调和善而坚定，既尊重孩子，也尊重规则。",
            "我试着开家庭会议，让孩子一起商量手机使用时间，结果他自己提出的规定比我想的还要严格。"
            "原来孩子需要的是被尊重。",
        ],
    },
    {
        "author": "E2039",
        "book": "时间简史（插图版）",
        "campaign": None,
        "days": 3,
        "state": "pending",
        "title": "终于读完了《时间简史》",
        "quote": "",
        "body": [
            "这本书在我的书架上放了十年，每次都读不到一半。这次借了插图版，终于读完了。",
            "霍金讲宇宙的起源、黑洞、时间的方向。说实话，很多地方还是没完全看懂，但插图帮了大忙，"
            "至少知道了大爆炸、事件视界这些概念大概是什么意思。",
            "读科普书不一定要全懂，重要的是保持好奇心。书里有一段讲，科学理论只是一个模型，"
            "它能被观测推翻，却永远不能被最终证明。这种谦逊的态度，对做任何工作都有用。",
            "下一本打算读《上帝掷骰子吗》。",
        ],
    },
    {
        "author": "E2017",
        "book": "人类简史：从动物到上帝",
        "campaign": "current",
        "days": 4,
        "state": "pending",
        "title": "讲故事的能力让人类走到今天",
        "quote": "",
        "body": [
            "赫拉利认为，智人之所以能够统治世界，是因为我们能够相信虚构的故事：国家、货币、公司、法律，"
            "都是大家共同相信的“想象的现实”。",
            "这个观点很新颖，也有争议。但它让我重新思考宣传工作的意义：讲好故事，凝聚共识，本身就是一种力量。",
            "书中有些结论我不太认同，比如对农业革命的评价过于悲观。读书不必全盘接受作者的观点，能引发思考就是好书。",
        ],
    },
    # -- 退回修改 ----------------------------------------------------------------
    {
        "author": "E2028",
        "book": "人工智能",
        "campaign": "current",
        "days": 6,
        "state": "returned",
        "reason": "内容以介绍全书为主，请结合信息中心的工作实际谈谈体会，修改后再提交。",
        "title": "《人工智能》读后感",
        "quote": "",
        "body": [
            "李开复和王咏刚合著的这本书，介绍了人工智能的发展历史、技术原理和应用前景。",
            "书中讲了人工智能的三次浪潮，讲了深度学习的基本原理，也讲了人工智能在医疗、金融、交通等领域的应用。"
            "作者认为，人工智能将会取代很多重复性的工作，人类要学会和机器协作。",
            "书的最后一部分讨论了人工智能带来的问题，比如就业、隐私和算法偏见。作者的态度总体是乐观的。",
            "这本书内容丰富，通俗易懂，值得一读。",
        ],
    },
    # -- 草稿 ----------------------------------------------------------------
    {
        "author": "E1007",
        "book": "乡土中国",
        "campaign": "current",
        "days": 1,
        "state": "draft",
        "title": "乡土中国读书笔记（未完）",
        "quote": "",
        "body": [
            "读到《差序格局》一章。费孝通先生用水波纹比喻中国人的人际关系，以自己为中心，一圈圈推出去，越推越远，也越推越薄。",
            "《文字下乡》一章说，乡土社会是熟人社会，面对面就能把事情说清楚，用不着文字。"
            "这让我想到单位里很多事情也靠“打个招呼”，流程反而成了摆设。",
            "想到财务报销中“找熟人”的现象，或许也可以用这个来解释。待读完全书后再整理，"
            "重点想想怎样把熟人之间的默契变成人人都能看懂的规则。",
        ],
    },
    {
        "author": "E2030",
        "book": "苏东坡传",
        "campaign": None,
        "days": 3,
        "state": "draft",
        "title": "一蓑烟雨任平生",
        "quote": "",
        "body": [
            "林语堂写苏东坡，说他是“不可救药的乐天派”。一生屡遭贬谪，从黄州到惠州再到儋州，"
            "他却能在每个地方都找到生活的乐趣：种地、酿酒、做东坡肉，和当地百姓交朋友。",
            "他在黄州写下“回首向来萧瑟处，也无风雨也无晴”，我以前只当作豁达的名句，"
            "读了他的经历才知道，这份豁达是从多少失意里熬出来的。",
            "还没读完，先记下几点感想，读完再补充：一是他做地方官时修堤、治水、办医院，处处为百姓着想；"
            "二是他的乐观不是逃避，而是认真生活。",
        ],
    },
]


def html(paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


class NotesDemo:
    """Builds the demo notes, their reviews and likes. `tally(label, created, skipped)` records what was done."""

    def __init__(self, users, moderator, campaigns, tally, today=None):
        self.users = users  # staff number → User
        self.moderator = moderator
        self.campaigns = campaigns  # "2024" / "current" → CampaignPage
        self.tally = tally
        self.today = today or timezone.localdate()

    def build(self):
        notes = self.build_notes()
        self.build_likes(notes)

    def when(self, spec):
        if "date" in spec:
            day = datetime.date.fromisoformat(spec["date"])
        else:
            day = self.today - datetime.timedelta(days=spec["days"])
            campaign = self.campaigns.get(spec["campaign"])
            if campaign is not None and campaign.start_date:
                day = max(day, campaign.start_date)
        hour = 9 + len(spec["title"]) % 9
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, (len(spec["body"]) * 7) % 60)))

    def build_notes(self):
        books = {}
        for book in Book.objects.catalogue().filter(title__in={spec["book"] for spec in NOTES}).order_by("pk"):
            books.setdefault(book.title, book)
        existing = {
            (author, title): pk
            for author, title, pk in ReadingNote.objects.filter(
                author__staff_number__in={spec["author"] for spec in NOTES}
            ).values_list("author__staff_number", "title", "pk")
        }
        created = skipped = 0
        for spec in NOTES:
            author, book = self.users.get(spec["author"]), books.get(spec["book"])
            if author is None or book is None:
                continue
            if (spec["author"], spec["title"]) in existing:
                skipped += 1
                continue
            self.create(spec, author, book)
            created += 1
        self.tally("读书心得", created, skipped)
        return ReadingNote.objects.filter(live=True, author__staff_number__in={spec["author"] for spec in NOTES})

    def create(self, spec, author, book):
        submit = spec["state"] != "draft"
        if submit:
            self.clear_rate_limit(author)
        note = note_services.save_note(
            author,
            book=book,
            title=spec["title"],
            body=html(spec["body"]),
            quote=spec["quote"],
            campaign=self.campaigns.get(spec["campaign"]),
            submit=submit,
        )
        if submit:
            self.clear_rate_limit(author)  # the demo does not use up the employee's own allowance
        written = self.when(spec)
        dates = {"created_at": written - datetime.timedelta(days=1, hours=2)}
        if submit:
            dates["submitted_at"] = written
        if spec["state"] in ("excellent", "published", "returned"):
            state = note.current_workflow_state
            task_state = state.current_task_state
            if spec["state"] == "returned":
                task_state.task.specific.on_action(task_state, self.moderator, "reject", comment=spec["reason"])
            else:
                task_state.task.specific.on_action(task_state, self.moderator, "approve")
                published = written + datetime.timedelta(days=1, hours=1)
                dates.update(first_published_at=published, last_published_at=published)
            WorkflowState.objects.filter(pk=state.pk).update(created_at=written)
        ReadingNote.objects.filter(pk=note.pk).update(**dates)
        if spec["state"] == "excellent":
            note_services.mark_excellent(note, self.moderator)
            ReadingNote.objects.filter(pk=note.pk).update(
                marked_excellent_at=dates["first_published_at"] + datetime.timedelta(days=3)
            )
        if spec["state"] in ("excellent", "published"):
            rng = random.Random(spec["title"])
            ReadingNote.objects.filter(pk=note.pk).update(read_count=rng.randint(20, 90))
        return note

    @staticmethod
    def clear_rate_limit(author):
        cache.delete(f"note-submissions:{author.pk}:{int(time.time() // 3600)}")

    def build_likes(self, notes):
        """Likes from colleagues: more for the excellent notes; the same likers on every run."""
        likers = sorted(self.users.values(), key=lambda user: user.staff_number)
        existing = set(NoteLike.objects.filter(note__in=notes).values_list("note_id", "user_id"))
        created = 0
        for note in notes.order_by("pk").select_related("author"):
            rng = random.Random(f"like:{note.author.staff_number}:{note.title}")
            count = rng.randint(8, 18) if note.is_excellent else rng.randint(0, 9)
            for user in rng.sample(likers, min(count, len(likers))):
                if user.pk == note.author_id or (note.pk, user.pk) in existing:
                    continue
                created += note_services.like(note, user)
        self.tally("点赞", created, len(existing))


def notes_index(page_builder, home):
    """The 读书心得 page under the home page (page_builder: the command's `page` helper)."""
    return page_builder(
        home,
        NotesIndexPage,
        NOTES_INDEX["slug"],
        title=NOTES_INDEX["title"],
        intro=NOTES_INDEX["intro"],
        show_in_menus=True,
    )
