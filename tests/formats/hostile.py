"""Hostile translations: markup a translator could write to put script code into a page."""

# Markup a translator could write, each shown to every format.
HOSTILE_HTML = [
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x ONERROR=alert(1)>",
    '<img src="x" OnErRoR="alert(1)">',
    "<img src=x onerror=alert(1)//>",
    '<img/src="x"/onerror="alert(1)">',
    '<img src="x"\nonerror="alert(1)">',
    '<span onmouseover="alert(1)">survol</span>',
    "<em onfocus=alert(1) tabindex=1>focus</em>",
    '<a href="javascript:alert(1)">lien</a>',
    '<a href="JaVaScRiPt:alert(1)">lien</a>',
    '<a href="jav&#x09;ascript:alert(1)">lien</a>',
    '<a href="jav&#x0A;ascript:alert(1)">lien</a>',
    '<a href="jav&#x61;script:alert(1)">lien</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">lien</a>',
    '<a href="&#x20;javascript:alert(1)">lien</a>',
    '<a href="vbscript:msgbox(1)">lien</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">lien</a>',
    "<a href=javascript:alert(1)>lien</a>",
    '<a href="https://un.org/summit" onclick="alert(1)">lien</a>',
    '<a\nhref="https://un.org/summit"\nonclick="alert(1)">lien</a>',
    '<a href="https://un.org/summit" href="javascript:alert(1)">lien</a>',
    "<script>alert(1)</script>",
    '<svg onload="alert(1)"><script>alert(1)</script></svg>',
    '<svg xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="javascript:alert(1)">'
    "<text>x</text></a></svg>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<span style="background:url(javascript:alert(1))">fond</span>',
    '<span style="width: expression(alert(1))">largeur</span>',
    "<!--><img src=x onerror=alert(1)>-->",
    '<form action="javascript:alert(1)">'
    '<button formaction="javascript:alert(1)">x</button></form>',
    '<object data="javascript:alert(1)"></object>',
    '<img src="doha.png" srcset="javascript:alert(1) 1x">',
]
# Markdown's own ways to a script link, and ways out of a paragraph, cell or alt text.
HOSTILE_MD = [
    "[lien](javascript:alert(1))",
    "[lien](JAVASCRIPT:alert(1))",
    "[lien](jav&#x61;script:alert(1))",
    "[lien](<javascript:alert(1)>)",
    "[lien](javascript&colon;alert(1))",
    "[lien]( \tjavascript:alert(1))",
    "![image](data:text/html;base64,PHNjcmlwdD4=)",
    "<javascript:alert(1)>",
    "<VBSCRIPT:msgbox(1)>",
    "`code` <img src=x onerror=alert(1)>",
]
HOSTILE_MD_ALONE = [  # a whole paragraph's translation
    "[r]: javascript:alert(1)",
    "[lien][r]",
    "```<img src=x onerror=alert(1)>",
    "<div>x `<img src=x onerror=alert(1)>`",
    "    <img src=x onerror=alert(1)>",
    "<img src=x onerror=alert(1)>",
    "<script>",
    "<!-- x --><img src=x onerror=alert(1)>",
]
