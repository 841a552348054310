"""Site chrome: the lines of a captured page that are not the article.

Two kinds of evidence, as boilerplate removers such as trafilatura and jusText use:

- **Per line**, from the line alone: it is link-like ("Read more »", a bare URL), made of
  interface words ("Share", "Log in", "Print"), a row of social networks or of
  navigation items ("Home | World | Asia"), a phone number, a postal or e-mail address,
  a JSON blob, an e-mail header ("From: ..."), forum furniture ("Posts: 69125", "« Reply
  #5 on: ... »"), a counter ("9 views"), a tag or category line, a subscription pitch, a
  mailing-list notice, a photo credit.
- **Across the corpus**: a line that occurs verbatim in several briefings is a site's
  header, footer or pitch (:func:`line_key` gives each line a key; the index counts the
  briefings holding each key). So a new site's chrome disappears once a few of its pages
  are in, without anyone listing its strings. ``qabot/data/boilerplate.txt`` seeds this
  with the lines of the site the shipped briefings come from.

Each rule returns a short reason, which ``qabot inspect`` prints for every dropped line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..analysis import fold
from ..lazyre import lazy

# Words that, alone on a short line, are interface rather than article. Only words that
# are rarely a heading by themselves: "watch", "read", "more", "next" count only in the
# phrases of _UI_PHRASE.
_UI_WORDS = frozenset(
    """
    home menu search login logout signin signup log sign register subscribe subscribed
    unsubscribe subscription subscriptions account profile share shares shared print reply
    email e-mail mail tweet retweet facebook twitter linkedin whatsapp reddit pinterest
    instagram youtube telegram tumblr flipboard pocket digg stumbleupon mastodon threads
    bluesky rss feed feeds comment comments replies permalink bookmark bookmarks
    tags tag topics categories category archive archives sitemap privacy cookie cookies
    advertisement advertisements advertising sponsored ad ads newsletter newsletters
    podcasts videos download downloads pdf login/register toggle navigation skip donate listen
    upgrade premium paid copyright trademark disclaimer faq faqs careers jobs shop cart
    checkout contact us about terms conditions legal imprint accessibility
    follow unfollow repost reposts send like likes
    save saved translate expand collapse play pause followers alerts loading anuncio annonce
    pinned artikel teilen drucken merken merkliste hinzufügen vorlesen kommentare abonnieren anzeige werbung
    partager imprimer commentaires publicité compartir imprimir comentarios publicidad
    condividi stampa commenti pubblicità reklam paylaş yazdır
    поделиться печать печати версия реклама комментарии подписаться
    """.split()
)
# Glue words that do not count for or against a line being interface words.
_GLUE = frozenset(
    "a an the to of in on for and or & us our my your this with by at via up out zur zum für pour la le les "
    "para el per для".split()
)
_UI_PHRASE = lazy(
    r"^(?:read|continue|keep|click|tap|see|view|show|load|go|jump|scroll|back|skip|return)"
    r"(?:\s+(?:reading|more|here|all|full|the|this|to|article|story|post|comments?|top|content|"
    r"main|next|previous|page|on|in|browser|online|site|web|version|original|source|link|now))*"
    r"\s*(?:[.:…»›>→]+|\.\.\.|&raquo;)?$"
    r"|^(?:source|original|full|direct|permanent)\s+(?:link|article|story|url)\s*:?$"
    r"|^(?:next|previous|prev|older|newer|related)\s+(?:post|article|story|entry|entries|posts|articles|stories|links?|reading|content|topics?)\s*[:»›>]*$"
    r"|^(?:[«‹←<]\s*)?(?:next|previous|prev|older|newer)\s+(?:post|article|story|entry|episode)\s*[:»›>]\s*\S.{0,120}$"
    r"|^(?:more|latest|recent|popular|trending|top)\s+(?:on|from|in|about|stories|articles|posts|news|reads?)\b.{0,40}$"
    r"|^(?:share|follow|like|find|join|connect\s+with)\s+(?:this|us|me|on|the)\b.{0,40}$"
    r"|^(?:print|email|e-mail|save|copy)\s+(?:this|the|link|article|page|story|url)\b.{0,20}$"
    r"|^(?:log|sign)\s+(?:in|out|up)\b.{0,40}$"
    r"|^(?:listen|watch)\s+(?:now|here|on|to\s+(?:this|the)\s+(?:episode|podcast))\b.{0,40}$"
    r"|^(?:all|see\s+all)\s+(?:articles|posts|stories|episodes)\b.{0,30}$"
    r"|^(?:leave|post|add|write)\s+a\s+(?:comment|reply)\b.{0,20}$"
    r"|^(?:comment|comments|discuss)\s+on\s+(?:this|the)\s+(?:article|post|story|piece|report)\b.{0,10}$"
    r"|^(?:you\s+(?:may|might)\s+also\s+(?:like|enjoy|be\s+interested\s+in)|recommended\s+for\s+you|"
    r"more\s+(?:like\s+this|for\s+you)|don['’]t\s+miss|editor['’]s\s+picks?|most\s+(?:read|viewed|shared|popular))\b.{0,20}$"
    r"|^(?:accept|reject|allow|manage|decline)\s+(?:all\s+)?(?:cookies|preferences|settings|tracking)\b.{0,20}$"
    r"|^(?:back\s+to\s+top|top\s+of\s+page|open\s+in\s+app|get\s+the\s+app|listen\s+to\s+(?:this\s+)?article)\b.{0,20}$"
    r"|^(?:advertisement|sponsored(?:\s+content)?|paid\s+content|ad)$|^advertisement\b.{0,40}$|^.{0,40}\bscroll\s+(?:down\s+)?to\s+continue\b"
    r"|^(?:read\s+more|also\s+read|read\s+also|related|see\s+also|recommended|read\s+next|further\s+reading|"
    r"more\s+on\s+this(?:\s+story)?|watch|listen|click\s+here)\s*:\s*\S.{0,150}$"
    # "Also on The Alder Review: Peru's pension withdrawals": a link to the site's other page
    r"|^(?:also\s+on|more\s+from)\s+[^:.!?]{2,40}:\s*\S[^.!?]{0,120}$"
    # "READ: Timeline: From Davao to The Hague": a link to another page, as a label and its headline
    r"|^(?:read|watch|listen|related)\s*:\s*\S[^.!]{0,150}$"
    r"|^(?:image|photo|video|audio)\s*(?:\d+\s*(?:of|/)\s*\d+)?$"
    r"|^\W*(?:«|‹|<)?\s*(?:previous|next|prev)\s*(?:»|›|>)?\W*$"
    r"|^(?:previous|next)\s+(?:message|thread|topic|episode)s?\b.{0,80}$|^messages\s+sorted\s+by\b"
    r"|^(?:guests?|featuring|with\s+guests?)\s*:\s*\S.{0,100}$|^(?:listen|subscribe)\s+on\s*:.*$"
    r"|^(?:next\s+(?:week|time|issue|month|release|edition|update|publication)|coming\s+(?:up|next|soon)|in\s+the\s+next\s+issue)\s*:.{0,80}$"
    r"|^(?:show\s+notes|episode\s+notes|links\s+mentioned)\b.{0,30}$|^(?:table\s+of\s+)?contents$"
    r"|^(?:download|play|stream)\s+(?:the\s+)?(?:mp3|episode|audio|podcast|pdf|report|full\s+report)\b.{0,30}$"
    r"|^(?:(?:jump|skip)\s+to\s+(?:the\s+)?(?:main\s+)?(?:navigation|search|content|menu)\s*)+$"
    # "Jump to: 2020 2022 2023 · Print this page": a page's list of its own anchors
    r"|^(?:jump|skip|go)\s+to\s*:.{0,150}$"
    # "Read how we rate claims.", "Learn more about how we work": a link to the site's page about itself
    r"|^(?:read|see|learn|find\s+out|discover|explore)\s+(?:more\s+)?(?:about\s+)?(?:how|what|why|where|when)\s+"
    r"we\b[^.!?]{0,60}[.!]?$"
    # a press release's slug: "For immediate release", "Embargoed until 00:01 GMT 4 May"
    r"|^(?:for\s+immediate\s+release|embargoed?\s+(?:until|till|to)\b.{0,40})\W*$"
    r"|^(?:watch|view|see|replay|listen\s+to)\s+(?:the\s+)?(?:full\s+)?(?:recording|video|replay|webcast|livestream|"
    r"event|session)\b.{0,30}$"
    # "Related reviews: …", "More coverage: …": a label over links to the site's other pages
    r"|^(?:related|more|other|similar|further)\s+(?:reviews|articles|stories|posts|coverage|reading|links|content|"
    r"analysis|analyses|pieces|reports|episodes|podcasts|videos|topics|news)\s*:\s*[^.!?]{0,150}$"
    # the same "read also" label in other languages, alone or over its link
    r"|^(?:à\s+lire\s+(?:aussi|également)|lire\s+aussi|voir\s+aussi|lesen\s+sie\s+auch|mehr\s+zum\s+thema|"
    r"auch\s+interessant|le[ae]\s+también|ver\s+también|leia\s+também|veja\s+também|leggi\s+anche|"
    r"читайте\s+также|смотрите\s+также|ayrıca\s+okuyun|ilginizi\s+çekebilir)\b\s*:?(?:\s*\S.{0,150})?$"
    r"|^(?:in\s+this\s+(?:issue|edition|newsletter)|inside\s+this\s+(?:issue|edition))\s*:?$"
    # a link's label for screen readers ("Acquire Licensing Rights, opens new tab")
    r"|^.{0,80}?,?\s+opens\s+(?:in\s+)?(?:a\s+)?new\s+(?:tab|window)$"
    # a live blog's controls: "Key events", "Show key events only"
    r"|^(?:show\s+)?key\s+events(?:\s+only)?$|^show\s+(?:latest|oldest|newest)\s+(?:first|updates|posts)?$"
    # the page in another language or edition: "Version française", "English edition", "Read in English"
    r"|^(?:(?:english|french|german|spanish|portuguese|italian|russian|arabic|chinese|turkish|polish|dutch|"
    r"print|digital|international)\s+(?:version|edition)|(?:version|versión|versione|versão|fassung|édition)\s+"
    r"(?:en\s+|in\s+)?[^\W\d_]+|(?:read|lire|leer|leggi|ler)\s+(?:this\s+|it\s+)?(?:in|en|em)\s+[^\W\d_]+"
    r"|auf\s+[^\W\d_]+\s+lesen)$"
    # the page's own tools: corrections, tips, reprints, citing, text size, languages, alerts
    r"|^(?:report|suggest|submit)\s+(?:an?\s+)?(?:error|correction|typo|ad|problem|issue)\b.{0,20}$"
    r"|^send\s+(?:us\s+)?(?:a\s+)?(?:news\s+)?(?:tip|feedback)\b.{0,20}$|^republish\s+(?:this\s+)?(?:article|story|piece)?$"
    r"|^cite\s+this(?:\s+\w+)?\s*:?$|^(?:text|font)\s+size\b.{0,20}$|^(?:a\s+){1,2}a$|^select\s+(?:a\s+)?language\b.{0,20}$"
    r"|^view\s+all\s+(?:posts|articles|stories)\s+by\b.{0,40}$|^(?:click|tap)\s+to\s+(?:share|print|email|open)\b.{0,80}$"
    r"|^(?:the\s+)?(?:story|article|text)\s+continues\s+(?:below|after)\b.{0,30}$"
    r"|^this\s+(?:article|story|piece|post)\s+is\s+more\s+than\s+\d+\s+(?:years?|months?)\s+old\.?$"
    r"|^(?:gift|share)\s+(?:this\s+)?(?:article|story)\b.{0,20}$"
    r"|^(?:follow|add|manage|get)\s+(?:this\s+)?(?:topic|alerts?|author|notifications)\b.{0,20}$"
    r"|^(?:audio|print|pdf|text-only)\s+version$|^open\s+in\s+(?:(?:your|the)\s+)?(?:browser|app|new\s+tab)$"
    r"|^(?:show|hide)\s+(?:comments|replies|more|less|all)\b.{0,10}$|^full\s+text\s*\(pdf\)$"
    r"|^reading\s+time\s*:?\s*\d+\s*(?:min|mins|minutes?)\b\.?$"
    # "Read more" in other languages
    r"|^(?:lire\s+la\s+suite|leer\s+más|weiterlesen|mehr\s+lesen|leggi\s+di\s+più|continuar\s+lendo|leia\s+mais|"
    r"читать\s+далее|devamını\s+oku|lees\s+meer|czytaj\s+dalej)\b.{0,10}$"
    # "Diesen Artikel vorlesen lassen", "Artikel teilen": a German page's article controls
    r"|^(?:diesen\s+)?artikel\s+(?:vorlesen(?:\s+lassen)?|teilen|drucken|merken|speichern|anhören)$"
    r"|^download\s+(?:the\s+)?(?:data|dataset|chart|table|figures?|spreadsheet)\b.{0,30}$"
    r"|^(?:get|download|install)\s+(?:the\s+|our\s+)?(?:[\w'’-]+\s+){0,3}app\b.{0,40}$"
    r"|^(?:(?:on\s+the\s+)?(?:apple\s+)?app\s+store|google\s+play|app\s+gallery)(?:\s*[·•|/,]\s*|\s+(?:and|or)\s+|\s*$)"
    r"(?:(?:apple\s+)?app\s+store|google\s+play|app\s+gallery)?\s*$"
    r"|^[-=_*~]{3,}\s*(?:original|forwarded)\s+message\s*[-=_*~]{3,}$|^(?:begin\s+)?forwarded\s+message\s*:?$",
    re.I,
)
_URL = lazy(
    r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|int|info|io|co\.uk|eu)(?:/\S*)?\b",
    re.I,
)
# an address, or one written out against harvesters as mail archives do ("jdoe at example.org")
_EMAIL_ADDR = lazy(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w.+-]+\s+(?:at|\[at\]|\(at\))\s+[\w-]+(?:\s*(?:\.|\[dot\]|\(dot\))\s*[\w-]+)*"
    r"\s*(?:\.|\[dot\]|\(dot\))\s*[a-z]{2,10}\b"
)
_PHONE = lazy(r"(?:\+|\b)\(?\d{1,4}\)?(?:[\s.\-]?\(?\d{2,4}\)?){2,5}\b")
_ADDRESS = lazy(
    r"\b\d{1,5}\s+(?:[A-Z][\w.'-]*\s+){1,4}(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Lane|Drive|"
    r"Place|Square|Way|Strasse|Straße|Suite|Floor|Parade|Quay|Terrace|Crescent|Court|Plaza|Gardens|Highway|"
    r"Row|Close|Yard|Wharf|Circle|Embankment|Mews|Walk|Hill)\b|"
    r"(?:^|,\s*)(?:Calle|Avenida|Av\.|Rue|Rua|Piazza|Praça|Strada|Str\.|Ulica|ul\.)\s+[\w\d]|"
    r"(?i:p\.?\s?o\.?\s+box\s+\d+|suite\s+\d+)|\b(?:Level|Floor)\s+\d{1,3},|\b\d{1,3}(?:st|nd|rd|th)\s+Floor\b|"
    r"\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b|\b\d{5}(?:-\d{4})?\s*,?\s*(?i:usa|u\.s\.a\.)\b|"
    r"\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b"
)
_CONTACT_WORDS = lazy(
    r"^(?:tel|telephone|phone|fax|mobile|cell|t|f|p|e|email|e-mail|contact)\b\.?\s*[:.]", re.I
)
_JSON = lazy(r'^\s*[\[{].*"[\w@$ -]+"\s*:|"[\w@$-]+"\s*:\s*(?:"|\d|\[|\{|true|false|null).*"[\w@$-]+"\s*:')
_EMAIL_HEADER = lazy(
    r"^(?:from|to|cc|bcc|subject|date|sent|reply-to|return-path|message-id|email-id|"
    r"in-reply-to|references|content-type|content-transfer-encoding|mime-version|x-[\w-]+|"
    r"received|delivered-to|importance|priority|organization|list-id|attachments?)\s*:\s*\S",
    re.I,
)
_EMAIL_ID = lazy(
    r"^(?:email[- ]?id|doc[- ]?id|message[- ]?id|released|released on)\b\s*[:#]?\s*[\w./<>@-]*$", re.I
)
_FORUM = lazy(
    r"\((?:read|viewed)\s+[\d,]+\s+times\)|^author\s+topic\b|«\s*(?:reply\s+#\d+\s+)?on:.*»|"
    r"^(?:re:\s*)?reply\s+#\d+\b|^(?:posts|karma|gender|location|joined|member\s+since|reputation|"
    r"likes\s+received|messages|threads)\s*:\s*[\w,.:\- ]{0,36}$|\bview\s+profile\b|"
    r"^quote\s+from\s*(?::|[\w.-]+\s*:)|^logged$|^(?:pages|page)\s*:\s*(?:\[?\d+\]?\s*)+|^print\s+go\s+(?:up|down)$|"
    r"^(?:go\s+(?:up|down)|« previous next »)$|^(?:hero|full|newbie|jr\.|sr\.)\s+member$|"
    r"^(?:online|offline)$|^personal\s+message\s*\(|^welcome,?\s+guest\b|^post\s+by\s+\S.{0,60}»|"
    r"^(?:originally\s+posted\s+by\b|join\s+date\s*:|last\s+edited\s+by\b).{0,60}$|"
    r"^posted\s+by\s+\S+.{0,40}»",
    re.I,
)
_COUNTER = lazy(
    r"^[\d,.]+[kKmM]?\s+(?:views?|comments?|shares?|likes?|reads?|responses?|replies|reactions?|"
    r"listens?|plays?|notes?|reblogs?|reposts?)\.?$|^(?:views?|comments?|replies|shares?|likes?)\s*[:(]?\s*[\d,]+\)?$"
    r"|^(?:read|view|see|show)\s+(?:all\s+)?[\d,.]+[kKmM]?\s+(?:more\s+)?(?:replies|comments|responses)$"
    r"|^[\d,.]+[kKmM]?\s+(?:reactions?|likes?|comments?|reposts?|shares?)(?:\s*[·•|,]\s*[\d,.]+[kKmM]?\s+"
    r"(?:reactions?|likes?|comments?|reposts?|shares?))+$",
    re.I,
)
_TAGS = lazy(
    r"^(?:tag|tags|tagged|category|categories|filed\s+(?:under|in)|posted\s+in|topics?|keywords?|labels?|"
    r"sections?|regions?|themes?)(?:\s+archives?)?\s*[:|]\s*\S.{0,150}$|^(?:tag|category)\s+archives?\b|"
    r"^(?:filed\s+under|posted\s+in|tagged(?:\s+with)?)\s+[A-Z][^.!?]{0,120}$",
    re.I,
)
_PITCH = lazy(
    r"\b(?:subscri(?:be|ber|bers|ption|ptions)|sign\s+up|newsletter|free\s+trial|premium\s+(?:content|subscri\w*|members?\w*|access|plan|articles?|stories)|go\s+premium|members?\s+only|"
    r"become\s+a\s+(?:member|subscriber|patron)|unlock\s+(?:this|the\s+(?:full|rest)|full|all|unlimited|premium|exclusive|access|more)|paywall|already\s+a\s+(?:member|subscriber)|"
    r"log\s+in\s+to|to\s+continue\s+reading|full\s+access|support\s+(?:our|us|independent)|donate\s+(?:now|today|here|to\s+(?:us|our))|please\s+donate|^donate\b|"
    r"inbox|unlimited\s+access|special\s+offer|per\s+month|/month|cancel\s+anytime|join\s+(?:now|today|us)|"
    r"free\s+(?:preview|articles?|stories)|reached\s+(?:the|your)\s+(?:end|limit)|\d+-day\s+(?:free\s+)?trial|"
    r"start\s+(?:your|a)\s+(?:free\s+)?trial|paid\s+subscribers?|patreon|substack|buy\s+me\s+a\s+coffee|"
    r"support\s+(?:my|this)\s+(?:work|writing|newsletter|blog)|reader-supported|thanks\s+for\s+reading|"
    # "Two more photographs are available to members", "Independent journalism needs you"
    r"available\s+(?:only\s+)?to\s+(?:members|subscribers|patrons)|needs\s+(?:you|your\s+(?:help|support))|"
    r"funded\s+by\s+(?:its\s+|our\s+)?readers|"
    # "Members can read the full transcript … Join from $4 a month": what paying readers get, and its price
    r"members\s+(?:can|get|receive|enjoy)\s+(?:read|listen|access|ad-free|early|the\s+full|full|exclusive)|ad-free|"
    r"(?:[$€£¥]|usd|eur|gbp)\s?\d+(?:[.,]\d+)?\s*(?:a|an|per|/)\s*(?:month|year|week)|"
    # "Follow Kingfisher Ledger on WhatsApp for …", "Join our Telegram channel"
    r"(?:follow|join)\s+(?:us|[\w'’ ]{1,40}?)\s+on\s+(?:whatsapp|telegram|signal|viber)|"
    r"(?:whatsapp|telegram)\s+channel|"
    # "Support Jacaranda with a monthly gift from $5": a plea for money
    r"(?:monthly|one-off|one-time|recurring)\s+(?:gift|donation)s?|"
    r"(?:make|making|give)\s+a\s+(?:gift|donation)\b)\b",
    re.I,
    prefilter=True,
)
_NOTICE = lazy(
    r"\b(?:(?:e-?mail|message)\s+not\s+displaying|view\s+(?:this|it)\s+(?:e-?mail\s+)?in\s+(?:your|a)\s+browser|"
    r"unsubscribe|you\s+(?:are\s+)?receiv(?:e|ed|ing)\s+this|reply\s+to\s+this\s+(?:e-?mail|message|newsletter)\s+to\b|(?:just|simply)\s+(?:hit\s+)?reply\s+to\b|forward\s+(?:this|to\s+a\s+friend)|"
    r"update\s+(?:your\s+)?(?:subscription\s+)?preferences|add\s+us\s+to\s+your\s+address\s+book|"
    r"manage\s+(?:your\s+)?subscription|privacy\s+policy|terms\s+of\s+(?:use|service)|"
    r"all\s+rights\s+reserved|cookies?\s+(?:policy|settings)|this\s+(?:site|website)\s+uses\s+cookies|"
    r"comments\s+are\s+(?:closed|disabled)|leave\s+a\s+(?:comment|reply)|feel\s+free\s+to\s+share|"
    r"trouble\s+viewing|views\s+expressed\s+(?:in\s+this|here|are\s+(?:those|the\s+author))|"
    # whose views the piece gives, on what terms it may be quoted: "Views expressed on this blog are
    # those of the authors", "The views are the authors' own", "Not for citation without …"
    r"(?:views|opinions)\s+expressed\s+(?:\w+\s+){0,4}(?:are|is)\s+(?:those|solely|entirely|strictly|personal)|"
    r"(?:views|opinions)\s+(?:\w+\s+){0,2}(?:are|is)\s+(?:the\s+)?(?:authors?|writers?|contributors?)['’]?s?['’]?\s+own|"
    r"(?:all\s+)?views\s+(?:are|is)\s+(?:my|our)\s+own|"
    r"^this\s+(?:article|piece|story|post|essay|report)\s+is\s+part\s+of\s+(?:a|an|our|the)\s+(?:[\w'’-]+\s+){0,3}"
    r"(?:series|project|collection|coverage)|this\s+is\s+an?\s+(?:edited|lightly\s+edited|abridged|condensed)\s+"
    r"(?:transcript|version)|"
    r"not\s+for\s+(?:citation|quotation|attribution)|do\s+not\s+(?:circulate|distribute|cite|quote)|"
    r"check\s+against\s+delivery|non-attribution|chatham\s+house\s+rule|"
    r"(?:is|are)\s+not\s+(?:an?\s+)?official\s+(?:documents?|publications?|positions?|statements?|translations?)|"
    r"not\s+(?:legal|financial|investment|tax|medical)\s+advice|"
    # a republishing notice: "This article first appeared on …", "… under a Creative Commons licence"
    r"(?:this|the)\s+(?:article|piece|post|story|essay|column|commentary|interview|analysis)\s+"
    r"(?:was\s+)?(?:first|originally)\s+(?:appeared|published|ran)|creative\s+commons|"
    # "This explainer was first published in Spanish on our sister site": any kind of piece
    r"^\W*this\s+[\w-]+\s+(?:was\s+|has\s+been\s+)?(?:first|originally)\s+(?:appeared|published|ran)\b|"
    r"\bour\s+sister\s+(?:site|publication|title|paper|magazine)\b|"
    # "This timeline is updated as events develop": the page's note on itself
    r"(?:is|are|will\s+be)\s+updated\s+as\s+(?:events|the\s+(?:story|situation|news))\s+develops?|"
    # "Written in Spanish for …": the note that the reader has a translation
    r"^(?:this\s+\w+\s+was\s+)?(?:originally\s+)?(?:written|published)\s+(?:originally\s+)?in\s+[^\W\d_]+\s+for\b|"
    r"for\s+(?:general\s+)?information(?:al)?\s+purposes\s+only|does\s+not\s+constitute|"
    r"past\s+performance|not\s+(?:an?\s+)?(?:offer|solicitation|recommendation)\s+to|"
    r"(?:lightly\s+)?edited\s+for\s+(?:length\s+and\s+)?clarity|"
    r"please\s+(?:log\s*in|login|sign\s+in)\s+or\s+(?:register|sign\s+up)|"
    r"(?:is|are|was)\s+(?:supported|sponsored|underwritten|made\s+possible|brought\s+to\s+you)\s+by|brought\s+to\s+you\s+by|"
    r"sponsored\s+by|in\s+partnership\s+with|^presented\s+by\b|in\s+(?:a|my|his|her)\s+personal\s+capacity|a\s+(?:word|message)\s+from\s+(?:our|this\s+(?:week|issue)['’]s)\s+sponsors?|"
    r"view\s+(?:this|the)\s+(?:post|email|e-mail|newsletter|issue|story|message)\s+(?:on|in)\s+(?:the\s+|your\s+|a\s+)?(?:web|browser|online)|"
    r"(?:this|the|our)?\s*transcripts?\s+(?:was|were|are|has\s+been|have\s+been|is|may\s+be)\s+(?:\w+\s+){0,3}(?:generated|produced|machine|automatic|"
    r"transcribed|created|edited)|(?:may|might)\s+contain\s+(?:errors|mistakes|inaccuracies)|"
    # an e-mail's legal footer: "This e-mail and any attachments are confidential", "If you are not the
    # intended recipient", "Not for onward distribution"
    r"(?:e-?mail|message|attachments?|communication|contents?)\s+(?:\w+\s+){0,3}(?:is|are)\s+(?:strictly\s+)?confidential\b|"
    r"intended\s+(?:only\s+|solely\s+)?for\s+the\s+(?:named\s+|intended\s+)?(?:recipients?|addressees?)|"
    r"not\s+the\s+intended\s+recipient|received\s+this\s+(?:e-?mail|message|communication)\s+in\s+error|"
    r"not\s+for\s+(?:onward\s+)?(?:distribution|circulation)\b|"
    r"apologies\s+for\s+(?:any\s+)?(?:cross-?posting|duplicates?|multiple\s+(?:copies|postings?))|"
    r"(?:please\s+)?(?:excuse|forgive)\s+(?:the\s+)?cross-?posting|"
    r"we\s+use\s+cookies|(?:uses|use\s+of)\s+cookies|by\s+(?:continuing|using)\s+(?:to\s+(?:use|browse)\s+)?(?:this|our)\s+(?:site|website)|"
    r"(?:is|are)\s+available\s+(?:online\s+)?at\s+(?:https?://|www\.)|for\s+more\s+information\s+(?:on|about)\s+this\s+(?:publication|report|paper)|"
    r"(?:republished|reblogged|reposted|cross-?posted|originally\s+published)\s+(?:from|with|by|on|in)\b|"
    # a comment section's rules: "Comments do not represent the views of …", "We reserve the
    # right to exclude comments …"
    r"comments?\s+(?:do|does)\s+not\s+(?:necessarily\s+)?(?:represent|reflect)|"
    r"reserves?\s+the\s+right\s+to\s+(?:exclude|remove|delete|edit|moderate|reject|refuse)\s+(?:any\s+)?"
    r"(?:comments?|posts?|submissions?|letters?|contributions?)|"
    # "visit our dedicated page", "see our live blog": the site pointing to its own pages
    r"(?:visit|see|explore|browse|follow)\s+our\s+(?:[\w-]+\s+){0,2}(?:page|site|website|coverage|section|hub|"
    r"archive|live\s+blog|live\s+page)s?)\b",
    re.I,
    prefilter=True,
)
_CREDIT = lazy(
    r"^\((?=[^()]*(?:/|images|photo|afp|reuters|getty|\bap\b|shutterstock|ap photo))[^()]{2,120}\)$", re.I
)
_CREDIT_LINE = lazy(
    # "(Reporting by …; Editing by …)": a wire story's closing credit, in brackets
    r"^\(*(?:(?:photo|image|picture|photograph|illustration|graphic|video|map|chart|cover)s?"
    r"(?:\s+credits?)?\s*(?:by\b|:|©)|credits?\s*:|©\s*\w|source\s*:\s*\S.{0,60}$|sources\s*:\s*\S.{0,100}$|"
    r"(?:additional\s+)?reporting\s+by\b|(?:writing|editing)\s+by\b|edited\s+by\b.{0,60}$|"
    r"(?:produced|sound|music|audio|mixed|engineered|transcribed)\s+by\b.{0,80}$|"
    # "Audio generated by …", "Narration created with …": the credit of a read-aloud or summary tool
    r"(?:audio|voice|narration|read-?aloud|summary)\s+(?:generated|created|produced|powered|made)\s+"
    r"(?:by|with|using)\b.{0,60}$|"
    r"accessed\s+(?:on\s+)?\w.{0,40}$|retrieved\s+(?:on|from)\b|"
    # a translation's credit and the original's title: "Translated from the Polish by …",
    # "Translation: …", "Original title: „…”" (about the version, not the article)
    r"translat(?:ed|ion)\s+(?:from\s+(?:the\s+)?[^\W\d_]+\s+)?(?:by\b|into\b).{0,60}$|translations?\s*:.{0,60}$|"
    r"original(?:ly)?\s+(?:title|headline|titled|published\s+as)\b\s*:?.{0,150}$|"
    # a wire story's update advisory in brackets: what this edition changed in the piece's own parts
    # ("(Adds comment in paragraph 5)", "(Corrects headline)"); no sentence end: a bracketed sentence is text
    r"(?<=\()(?:adds|updates|recasts|corrects|rewrites|removes|changes)\b[^().!?]{0,200}"
    r"\b(?:paragraphs?|headline|byline|dateline|throughout)\b[^().!?]{0,80}\)$)",
    re.I,
)
_COPYRIGHT = lazy(
    r"^(?:©|\(c\)\s*\d|&copy;)|^copyright\s*(?:©|\(c\)|&copy;|(?:19|20)\d\d\b|by\b)|^all\s+rights\s+reserved\b",
    re.I,
)
_SOCIAL = lazy(
    r"\b(?:facebook|twitter|linkedin|whatsapp|reddit|pinterest|instagram|youtube|telegram|tumblr|"
    r"flipboard|mastodon|bluesky|email|e-mail|print|copy\s+link|rss)\b",
    re.I,
    prefilter=True,
)
# "Who is the new president? Read more »": a teaser for another page, its link at the end
_TEASER = lazy(
    r"(?:\bread\s+more|\bcontinue\s+reading|\bread\s+the\s+(?:full|whole|rest)\b.{0,20}|\bfull\s+story|"
    r"\bkeep\s+reading)\s*(?:»|›|→|>>?|\.\.\.|…)\s*$|\bmore\s*(?:»|›|→|>>?)\s*$|"
    r"\b(?:read\s+more|continue\s+reading)\s*$",
    re.I,
    prefilter=True,
)
# "4:18 PM GMT-4", "Updated 6 hours ago": a time or an age beside a page's date, no text
_TIME_ONLY = lazy(
    r"^(?:(?:last\s+)?(?:updated|posted|published|modified)\s*:?\s*)?(?:\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?"
    r"\s*(?:GMT|UTC|[A-Z]{2,4}T)?\s*(?:[+-]\s?\d{1,2}(?::?\d{2})?)?|(?:an?|\d+)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|"
    r"days?|weeks?|months?)\s+ago|just\s+now)$",
    re.I,
)
# a letter's salutation and sign-off ("Hi all,", "Best regards,"): the mail, not its text
_LETTER = lazy(
    r"^(?:(?:hi|hello|dear|hey|greetings|good\s+(?:morning|afternoon|evening))(?:\s+[\w.'’-]+){0,4}\s*[,!:]|"
    r"(?:hi|hello)\s+(?:all|everyone|everybody|folks|team)|"
    # a bare address on its own line ("Colleagues,", "Dear friends,"): the same salutation
    r"(?:(?:dear|fellow)\s+)?(?:colleagues|friends|all|everyone|folks|readers|members|subscribers)\s*,|"
    # a speech's address to the hall: "Distinguished guests, colleagues,", "Excellencies,"
    r"(?:(?:distinguished|honou?red|esteemed|dear)\s+(?:guests|delegates|participants|colleagues|friends|members)|"
    r"ladies\s+and\s+gentlemen|(?:your\s+)?excellenc(?:y|ies))(?:\s*,\s*[\w'’]+(?:\s+[\w'’]+){0,2})*\s*[,!:]|"
    r"(?:(?:best|kind|warm|warmest|many)\s+(?:regards|wishes|thanks)|regards|cheers|thanks|many\s+thanks|"
    r"sincerely|yours(?:\s+(?:truly|sincerely|faithfully))?|best|all\s+the\s+best|take\s+care)\s*,|"
    r"(?:best|kind|warm|warmest)\s+regards|yours\s+(?:truly|sincerely|faithfully)|"
    r"sent\s+from\s+my\s+\w+(?:\s+\w+)?|fyi\b[^.!?]{0,30}[.!]?(?:\s*see\s+below\.?)?|(?:please\s+)?see\s+(?:below|attached)\.?)\s*$",
    re.I,
)
# "Why we picked it: …": an aggregator's note on the piece it reposts
_CURATION = lazy(
    r"^(?:why\s+we\s+(?:picked|chose|like|recommend|selected|are\s+reading)\s+(?:it|this(?:\s+one)?)|"
    r"why\s+(?:it|this)\s+matters\s+to\s+us|why\s+read\s+(?:it|this)|curator['’]s\s+(?:note|take)|"
    r"editor['’]s\s+pick|our\s+(?:take|verdict|view)|the\s+short\s+version)\s*[:—–-]\s*\S",
    re.I,
)
# "Translator's note: …", "Today's sponsor: …", "Suggested citation: …": a paragraph whose label
# says it is not the author's account of the events -- a translator's words on the
# translation, a sponsor's advertisement, how to cite the piece
_NOT_THE_AUTHORS = lazy(
    r"^\W*(?:translator['’]s\s+note|note\s+(?:from|by)\s+the\s+translator|"
    r"(?:today|this\s+(?:week|issue|month|edition))['’]s\s+sponsors?|(?:our|a\s+word\s+from\s+our)\s+sponsors?|"
    r"(?:suggested|recommended|preferred)\s+citation|how\s+to\s+cite(?:\s+this(?:\s+\w+)?)?|cite\s+(?:this|as))\s*[:—–-]\s*\S",
    re.I,
)
# "Previous note: … · Next note: …", "Older post: …", "Next article » …": a blog's links to its
# neighbouring posts, a kind of post named (or both directions given)
_POST_WORD = r"(?:post|note|article|story|entry|episode|issue|essay|letter|piece|chapter)"
_POST_NAV = lazy(
    rf"^\W*(?:(?:previous|prev|older|next|newer)\s+{_POST_WORD}\s*[:»›→]\s*\S"
    rf"|(?:previous|prev|older)\s*[:«‹←]\s*\S.*\s(?:next|newer)\s*[:»›→]\s*\S)",
    re.I,
)
# "Filed in my notes on 20 November 2023, after two weeks of reading": the writer's note on
# when and how the piece was written, a dateline in a sentence that goes on after the date
# (a dateline's "Posted on 3 May 2024 by Jane Roe" does not) -- of the piece, not the events
_FILED_NOTE = lazy(
    r"^\W*(?:filed|written|posted|jotted\s+down|noted\s+down|drafted)\b[^.!?]{0,40}?\b(?:on|in)\s+"
    r"(?:\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4}|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d\d-\d\d),\s+(?:[^\W\d_]+\s+){3,}",
    re.I,
)
# "Filed in: Asia › Bangladesh", "Home » World » Africa": a trail of a site's sections, each of
# a few words, between arrow separators that prose does not use (two items are enough)
_BREADCRUMB = lazy(
    r"^(?:[^\W\d_]+(?:\s+[^\W\d_]+)?\s*:\s*)?[^\s›»].{0,40}?(?:\s+[›»]\s+[^\s›»][^›».!?]{0,40}?){1,5}\s*$"
)
# "With: Jane Roe, Centre for Fiscal Studies", "Guests: …": who an episode talks to
_GUEST = lazy(r"^(?:with|guests?|featuring|feat\.|panel(?:ists?)?|interviewees?)\s*:\s*[A-Z][^.!?]*$", re.I)
# "This commentary was updated on 4 May 2024.", "This story has been corrected to …"
# "Update, 3 March: talks resumed …", "Correction: an earlier version of this article said …":
# an editor's note speaks of the piece, not of the events, and an update bears a later date
# than the one a citation of the piece carries (a correction's right figure is already in it)
_UPDATE_NOTE = lazy(
    r"^\W*(?:editor['’]?s\s+note\s*:\s*)?(?:this|the)\s+(?:article|commentary|piece|story|post|analysis|report|"
    r"paper|brief|briefing|essay|interview|explainer|guide|tracker|feature|column|page|newsletter)\s+"
    r"(?:was|has\s+been|had\s+been)\s+(?:updated|corrected|amended|revised)\b"
    r"|^\W*(?:update|correction|clarification)\b[^:.!?]{0,30}:\s*\S.{20,}"
    r"|\ban\s+earlier\s+version\s+of\s+this\s+(?:article|story|piece|report|post|analysis|briefing|newsletter)\b",
    re.I,
    prefilter=True,
)
_DOT_LEADER = lazy(r"(?:\.\s?){4,}\s*\d+\s*$|…{2,}\s*\d+\s*$")
# "[a]Nikola: add the date …": a shared document's comment as its export prints it, a letter
# in brackets glued to the comment's words (a note's number is a digit, set apart)
_DOC_COMMENT = lazy(r"^\[[a-z]{1,2}\](?=[^\W\d_])")
_WORD = lazy(r"[^\W\d_][\w'’.-]*")
_NAV_SEP = lazy(r"\s+(?:\||•|·|»|›|‹|«|>|<|/|–|—|::)\s+|\s*\|\s*")


@dataclass(frozen=True)
class Seed:
    """``qabot/data/boilerplate.txt``: lines known as chrome before any corpus is seen."""

    lines: frozenset[str]
    footers: tuple[re.Pattern[str], ...]
    drops: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def seed() -> Seed:
    raw = resources.files("qabot.data").joinpath("boilerplate.txt").read_text(encoding="utf-8")
    lines, footers, drops = set(), [], []
    for ln in raw.splitlines():
        if not ln.strip() or ln.startswith("#"):
            continue
        key, _, value = ln.partition(":")
        value = value.strip()
        if key == "line":
            lines.add(normal(value))
        elif key == "footer":
            footers.append(re.compile(value, re.I))
        elif key == "drop":
            drops.append(re.compile(value, re.I))
    return Seed(frozenset(lines), tuple(footers), tuple(drops))


@lru_cache(maxsize=1 << 14)
def nwords(text: str) -> int:
    """``len(text.split())``, remembered: the parser asks it of each line many times over."""
    return len(text.split())


def normal(line: str) -> str:
    """A line as the corpus-wide repetition count sees it: folded quotes and dashes,
    case and spacing ignored, bullets and edge punctuation stripped."""
    # runs of spaces made one: str.split() and re's \s agree on what a space is, and the
    # strip below takes the edge spaces either way
    text = " ".join(fold(line).casefold().split())
    return text.strip(" \t-*•·|>»«›‹:;,.!?()[]{}\"'")


def line_key(line: str) -> int | None:
    """A 63-bit key of :func:`normal` (None for a line too short to say anything)."""
    return key_of_normal(normal(line))


def key_of_normal(text: str) -> int | None:
    """:func:`line_key` of a line already made :func:`normal`."""
    if len(text) < 3:
        return None
    from hashlib import blake2b  # built only when lines are keyed (builds), not for `ask`

    return int.from_bytes(blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big") >> 1


def words(line: str) -> list[str]:
    return _WORD.compiled.findall(line)


def _ui_words(line: str) -> bool:
    if nwords(line) > 7:
        return False
    ws = [w.lower().strip(".'’") for w in words(line)]
    content = [w for w in ws if w not in _GLUE]
    if not content or len(ws) > 7:
        return False
    return all(w in _UI_WORDS for w in content)


def _nav_row(line: str) -> bool:
    """``Home | World | Asia | Opinion``: three or more short items between separators."""
    parts = [p for p in _NAV_SEP.compiled.split(line) if p.strip()]
    if len(parts) < 3:
        return False
    if any(nwords(p) > 5 for p in parts):
        return False
    return not re.search(r"[.!?]\s*$", line) or len(parts) >= 4


def nav_items(line: str) -> list[str]:
    """The items of a navigation row (``Home | World | Latin America``), [] when it is none."""
    if not _nav_row(line):
        return []
    return [p.strip() for p in _NAV_SEP.compiled.split(line) if p.strip()]


def _social_row(line: str) -> bool:
    found = _SOCIAL.findall(line)
    ws = words(line)
    return len(found) >= 2 and len(ws) <= 2 * len(found) + 3


def _url_like(line: str) -> bool:
    stripped = _URL.sub("", line)
    # a bare address, or a line that is mostly one
    return bool(_URL.search(line)) and len(words(stripped)) <= 3


_CONTACT_SEP = lazy(r"\s+[|·•–—]\s+|\s*\|\s*")


def _contact(line: str) -> str | None:
    n = nwords(line)
    if n > 14:
        return _contact_row(line)
    digits = sum(c.isdigit() for c in line)
    contact_word = bool(_CONTACT_WORDS.search(line))
    year = re.search(r"\b(?:19|20)\d\d\b", line)
    if _PHONE.search(line) and digits >= 9 and (n <= 8 or contact_word) and (not year or contact_word):
        return "phone number"
    if _EMAIL_ADDR.search(line) and n <= 8:
        return "e-mail address"
    if _ADDRESS.search(line) and not re.search(r"[.!?]$", line):
        segments = [p for p in line.split(",") if p.strip()]
        if n <= 12 or (n <= 25 and len(segments) >= 3 and all(nwords(p) <= 7 for p in segments)):
            return "postal address"
    if _CONTACT_WORDS.search(line) and n <= 8:
        return "contact line"
    return _contact_row(line)


def _dated(text: str) -> bool:
    from . import dates  # (dates imports nothing of the corpus: no cycle, only kept lazy)

    return dates.dateline(text) is not None


def _contact_row(line: str) -> str | None:
    """``Name of the Institute | 12 Some Street, City 1234 | +1 555 0100``: a contact
    block set on one line, its parts between separators, one of them a phone number, an
    e-mail or postal address or a web address, none of them a sentence."""
    if not any(c in line for c in "|·•–—"):
        return None
    parts = [p.strip() for p in _CONTACT_SEP.compiled.split(line) if p.strip()]
    if len(parts) < 2 or nwords(line) > 40:
        return None
    if any(nwords(p) > 14 or (re.search(r"[.!?]$", p) and not _URL.search(p)) for p in parts):
        return None
    found = 0
    for p in parts:
        digits = sum(c.isdigit() for c in p)
        # "06 Aug 2024 09:41" has a phone number's digits: a date is no contact
        phone = _PHONE.search(p) and digits >= 8 and nwords(p) <= 6 and not _dated(p)
        web = _URL.search(p) and nwords(p) <= 2
        if phone or web or _EMAIL_ADDR.search(p) or _ADDRESS.search(p):
            found += 1
    return "contact block" if found >= 1 and (found >= 2 or len(parts) <= 4) else None


#: (most words, pattern, reason): a line of at most that many words matching is chrome.
_RULES = (
    (40, _COPYRIGHT, "copyright line"),
    (40, _JSON, "JSON"),
    (25, _FORUM, "forum furniture"),
    (30, _EMAIL_HEADER, "e-mail header"),
    (6, _EMAIL_ID, "e-mail header"),
    (45, _NOTICE, "mailing-list or site notice"),
    (25, _CREDIT_LINE, "credit line"),
    (6, _COUNTER, "counter"),
    (25, _TAGS, "tag or category line"),
    (16, _BREADCRUMB, "breadcrumb"),
    (20, _GUEST, "a podcast's guest line (a guest is no author)"),
    (60, _UPDATE_NOTE, "an editor's note that the piece was updated or corrected"),
    (20, _DOT_LEADER, "table of contents"),
    (8, _TIME_ONLY, "a time, no date"),
    (7, _LETTER, "a letter's salutation or sign-off"),
    (150, _CURATION, "a curator's note (an aggregator's own words)"),
    (30, _POST_NAV, "links to the previous and next posts"),
    (25, _FILED_NOTE, "the writer's note on when the piece was written"),
    (150, _NOT_THE_AUTHORS, "a translator's note, a sponsor's box or a citation of the piece"),
    (80, _DOC_COMMENT, "a reviewer's comment on a shared document"),
)


_PAGER_WORDS = frozenset("page pages of next previous prev first last older newer".split())
# "Continue to part 2: …", "Read part 3", "Go to page 2 ›": a serial's link to its next part
_NEXT_PART = lazy(
    r"^(?:continue\s+(?:to|with|reading)|go\s+to|read|on\s+to|next:?)\s+(?:part|page)\s+\d{1,2}\b", re.I
)
_PAGER_ARROWS = "«‹»›←→<>"
_PAGER_TOKEN = lazy(r"\w+|[«‹»›←→<>]")


def _pager(line: str) -> bool:
    """``Page 1 2 Next``, ``« 1 2 3 »``, ``Page 1 of 2 · Next page ›``: a paginated article's
    page links, page numbers and next/previous words only (two numbers, or one and a
    direction); or a serial's pointer to its next part (``Continue to part 2: …``)."""
    if _NEXT_PART.match(line) and nwords(line) <= 20:
        return True
    # token by token, so that a line of text stops at its first word that is no pager word
    toks: list[str] = []
    for m in _PAGER_TOKEN.finditer(line):
        t = m.group()
        if len(toks) == 16:
            return False  # more than 16 tokens
        if not t.isdigit() and t not in _PAGER_ARROWS and t.lower() not in _PAGER_WORDS:
            return False
        toks.append(t)
    if not toks:
        return False
    nums = [t for t in toks if t.isdigit() and len(t) <= 3]
    said = [t.lower() for t in toks if not t.isdigit() and t not in _PAGER_ARROWS]
    direction = any(w not in ("page", "pages") for w in said) or any(t in _PAGER_ARROWS for t in toks)
    return len(nums) >= 2 or (len(nums) == 1 and direction)


_HANDLE = lazy(r"(?<![\w.@])@[A-Za-z0-9_]{2,30}(?![\w@]|\.\w)")


def post_handle(line: str) -> bool:
    """``@mursal_analyst``, ``— Omar Bashir (@omarb_reports) February 28, 2024``: an embedded
    social post's author line, a handle with at most a name before it and a date after."""
    if nwords(line) > 10:
        return False
    m = _HANDLE.search(line)
    if m is None:
        return False
    before = line[: m.start()].strip(" —–-(·|•")
    after = line[m.end() :].strip(" )·|•")
    if before and (nwords(before) > 4 or not all(w[:1].isupper() for w in before.split())):
        return False
    return not after or (_dated(after) and nwords(after) <= 5)


# "From OpenAtlas, the free encyclopedia": a wiki's tagline under every article's title
_WIKI_TAGLINE = lazy(
    r"^from\s+[\w .'’-]{2,40},\s+the\s+free\s+(?:online\s+)?"
    r"(?:encyclop(?:a|ae|e)dia|dictionary|wiki)\b.{0,80}$",
    re.I,
)


# "Background[edit]": a wiki's edit link glued to a heading; "… still going. pic.example/x7Qd":
# an embedded post's picture link glued after its last sentence
_EDIT_MARK = lazy(r"\s*\[(?:edit(?:\s+source)?|modifier|bearbeiten|editar|modifica)\]\s*$", re.I)
_TRAILING_LINK = lazy(r"(?<=[.!?\"”’)])\s+(?:https?://\S+|(?:[\w-]+\.)+[a-z]{2,6}/[\w/.-]+)\s*$", re.I)


def strip_glued_links(text: str) -> str:
    """``text`` without a link glued to its end: a wiki heading's ``[edit]``, a bare link
    after the last sentence (an embedded post's picture link). A link inside a sentence stays."""
    # each pattern needs a character most lines lack ("[", "/"): those lines skip it
    if "[" in text:
        text = _EDIT_MARK.sub("", text)
    if "/" in text:
        text = _TRAILING_LINK.sub("", text)
    return text


# "Gallery (1/4)", "Photo 2 of 5", "Image 3/7": a slideshow's position counter, a short label
# then "n/m" or "n of m" and nothing after it
_PICTURE_COUNT = lazy(
    r"^(?P<label>[^\W\d](?:[^\W\d]|['’-])*(?: [^\W\d](?:[^\W\d]|['’-])*)?)\s*"
    r"(?:\(\s*(?P<a>\d{1,2})\s*(?:/|of)\s*(?P<b>\d{1,2})\s*\)|(?P<c>\d{1,2})\s*/\s*(?P<d>\d{1,2})"
    r"|(?P<e>\d{1,2}) of (?P<f>\d{1,2}))$",
    re.I,
)


# "Follow us on X and WhatsApp for alerts", "Follow our coverage on the News app": a pitch to
# follow the site on a social platform or its own app
_FOLLOW = lazy(
    r"^follow\s+\S.{0,60}?\s+on\s+(?:x|twitter|facebook|instagram|whatsapp|telegram|linkedin|youtube|"
    r"tiktok|threads|bluesky|mastodon|the\s+[\w' .-]{1,40}?\s+app|our\s+app)\b.{0,80}$",
    re.I,
)


def _picture_count(line: str) -> bool:
    """``Gallery (2/4)``: a label of one or two words and a position ``n`` of ``m`` (1 <= n <= m),
    the way slideshows and galleries number their pictures; a bare ``n of m`` only after one word."""
    m = _PICTURE_COUNT.match(line)
    if m is None or not line[:1].isupper():
        return False
    if m.group("e") and " " in m.group("label"):
        return False
    pair = m.group("a", "b") if m.group("a") else m.group("c", "d") if m.group("c") else m.group("e", "f")
    n, total = int(pair[0]), int(pair[1])
    return 1 <= n <= total and total >= 2


_STRIP_PART = lazy(r"\s+[•·]\s+")


def _figure_strip(line: str) -> bool:
    """``1,800 arrivals a day  •  18% funded  •  9 litres a person``: three or more short
    parts between bullets, each with a figure and none a sentence; a report's highlights
    box, page furniture restating the text (a table's row uses ``|`` and stays)."""
    parts = _STRIP_PART.split(line.strip())
    return len(parts) >= 3 and all(
        nwords(p) <= 10 and any(c.isdigit() for c in p) and not p.rstrip().endswith((".", "!", "?"))
        for p in parts
    )


# "Copper Road by Chanda Mwale. Kestrel Books, 312 pages, $28": a reviewed book's record (its
# pages and its price or ISBN), not a sentence of the review nor its headline
_BOOK_DETAILS = lazy(
    r"^(?=.*\b\d{2,4}\s*(?:pages|pp)\b)(?=.*(?:[$£€]\s?\d|\bISBN\b|\b(?:hardcover|paperback|hardback)\b))"
    r"(?!.*[.!?][\"”’)]?$).{10,300}$",
    re.I,
)


def line_reason(line: str) -> str | None:
    """Why ``line`` alone is chrome, or None. ``line`` is one cleaned, non-blank line."""
    n = nwords(line)
    if not any(c.isalpha() for c in line):
        return "no words (a number or symbols)"
    for most, pattern, reason in _RULES:
        if n <= most and pattern.search(line):
            return reason
    if 45 < n <= 150 and is_disclaimer(line):  # shorter ones: a notice, above
        return "disclaimer"
    if _CREDIT.match(line):
        return "credit line"
    # "▶ Play episode": a player's button, its symbol before the words
    if (n <= 20 and _UI_PHRASE.search(line.lstrip("▶►▷⏵▸⯈ "))) or (n <= 12 and _url_like(line)):
        return "link-like"
    if n <= 20 and _TEASER.search(line):
        return "teaser link"
    if _ui_words(line):
        return "interface words"
    if _pager(line):
        return "pager (page numbers and next/previous links)"
    if _picture_count(line):
        return "a gallery's picture counter"
    if ("•" in line or "·" in line) and _figure_strip(line):
        return "a strip of figures (a highlights box)"
    if n <= 25 and _FOLLOW.match(line):
        return "a pitch to follow the site"
    if post_handle(line):
        return "an embedded social post's name and handle"
    if _WIKI_TAGLINE.search(line):
        return "a wiki's tagline"
    if n <= 40 and _BOOK_DETAILS.search(line):
        return "a book's details (publisher, pages, price)"
    if n <= 16 and _social_row(line):
        return "social links"
    if n <= 30 and _nav_row(line):
        return "navigation row"
    contact = _contact(line)
    if contact:
        return contact
    pitch = len(_PITCH.findall(line)) if n <= 45 else 0
    if pitch and (n <= 16 or pitch >= 2) and not line[:1].islower():  # lower case: a wrapped line's end
        return "subscription pitch"
    if n <= 16 and ("·" in line or "|" in line or "•" in line or "   " in line) and _control_row(line):
        return "a row of page controls (each part chrome by itself)"
    return None


_ROW_SEP = lazy(r"\s+[·|•]\s+|\s*\|\s*|\s{3,}")


def _control_row(line: str) -> bool:
    """``Temps de lecture : 6 min · Version française``: two or more parts between separators,
    each of them chrome alone (a reading time, a control, a link to another edition)."""
    from . import dates

    parts = [p.strip() for p in _ROW_SEP.compiled.split(line) if p.strip()]
    if len(parts) < 2 or any(dates.dateline(p) or not any(c.isalpha() for c in p) for p in parts):
        return False  # "30/07/2024 · 6 min read": a dateline, the header's to read
    return all(
        dates.is_read_time(p) or (not any(c in p for c in "·|•") and "   " not in p and line_reason(p))
        for p in parts
    )


#: A word of every notice phrase (_NOTICE): a line holding fewer than two is no disclaimer.
_NOTICE_HINTS = (
    "displaying", "browser", "unsubscri", "receiv", "forward", "preference", "address book", "subscription",
    "privacy", "terms of", "rights reserved", "cookie", "comment", "share", "trouble", "views expressed",
    "purposes", "constitut", "performance", "offer", "solicitation", "recommendation", "clarity", "published",
    "blogged", "posted", "apolog", "excuse", "forgive", "log", "sign in", "transcript", "contain",
    "supported", "views", "opinions", "citation", "quotation", "attribution", "circulate", "distribute",
    "cite", "quote", "delivery", "chatham", "official", "advice", "first", "originally", "creative commons",
    "updated", "written", "published", "presented", "capacity", "own", "part of", "transcript",
    "sponsor", "brought", "partnership", "possible", "underwritten", "web", "online", "continuing", "using",
    "information", "available", "view", "confidential", "intended", "in error", "distribution", "circulation",
)  # fmt: skip


def is_disclaimer(text: str) -> bool:
    """A legal notice or disclaimer (``... for informational purposes only and does not
    constitute ... Past performance ...``): two or more different notice phrases."""
    # fewer than two notice words: no need to run the patterns (counted by map, in C: most
    # lines hold fewer than two, so a Python loop stopping at the second saved nothing)
    if sum(map(text.casefold().__contains__, _NOTICE_HINTS)) < 2:
        return False
    first = _NOTICE.search(text)
    if first is None:
        return False
    pos = first.end()
    while (m := _NOTICE.search(text, pos)) is not None:
        if m.group().casefold() != first.group().casefold():
            return True
        pos = m.end()
    return False


_TAIL_NOTICE = lazy(
    r"\b(?:is|are)\s+(?:published|produced|edited|distributed|written)\s+(?:by|daily|weekly|monthly|quarterly|"
    r"annually|every|twice|each)\b|\ball\s+rights\b|\breproduced?\s+(?:without|in\s+(?:whole|part|any))\b|"
    r"\b(?:not|never)\s+be\s+reproduced\b|"
    r"\breproduction\s+(?:is\s+)?(?:prohibited|forbidden|without|in\s+whole)\b|\bwithout\s+(?:the\s+)?(?:prior\s+)?"
    r"(?:written\s+)?permission\b|\bjoin\b.{0,50}\btoday\b|\bmembers?\s+(?:save|get|receive|enjoy)\b|"
    r"\b(?:become|upgrade)\b.{0,30}\b(?:member|subscriber|supporter|paid)\b|\bsupport\s+(?:us|our|independent)\b|"
    r"\bsign\s+up\b|\bsubscri(?:be|ption)\b|\bnewsletter\b|\bfollow\s+us\b|\bcomments?\s+(?:policy|section)\b|"
    # "Explainers like this are free to read. They are not free to make.": the pitch's opening
    r"\b(?:are|is)\s+(?:free\s+to\s+read|not\s+free\s+to\s+(?:make|produce|report))\b",
    re.I,
    prefilter=True,
)


def tail_reason(text: str) -> str | None:
    """Why a block found after the article's last paragraph is not the article: the
    weaker evidence that counts only there (a contact detail, a publisher's notice, a
    membership pitch), where a sentence of the article would not carry it."""
    n = nwords(text)
    if n > 60:
        return None
    digits = sum(c.isdigit() for c in text)
    if (_PHONE.search(text) and digits >= 9) or _EMAIL_ADDR.search(text) or _ADDRESS.search(text):
        return "contact details after the article"
    if _URL.search(text) and n <= 25:
        return "web address after the article"
    if _TAIL_NOTICE.search(text) or _NOTICE.search(text) or _PITCH.search(text):
        return "publisher's notice after the article"
    if about_note(text):
        return "a note about a writer or the publication, after the article"
    if n <= 4 and re.match(r"^-- ?\S", text) and not re.search(r"[.!?]\s+\w", text[3:]):
        return "signature (after the '-- ' separator)"
    return None


# "Hutia Notes is written from …", "Nomsa Dlamini covers southern Africa for …", "X Institute
# for Economic Policy is an independent research institute …": a name, then what it is or does
_ABOUT_SUBJECT = lazy(
    r"^(?:[A-Z][\w'’.&-]*\s+(?:(?:for|of|on|and|the|de|da|del|van|von|al|el|bin)\s+)?){0,6}[A-Z][\w'’&-]*"
    # "Ibex Wire, the news and media division of Ibex Holdings, is …": what it is, between commas
    r"(?:,\s+(?:the|an?)\s+[^,]{3,80},)?\s+"
    r"(?:is|are|covers|edits|writes|publishes|reports|teaches|leads|heads|directs|works|lives|joined|previously|"
    r"formerly|specialises|specializes|focuses|researches|holds|receives)\b"
)
# ... as a writer's or a publication's: a trade, a post, a place of work, or how it is made and paid for
_ABOUT_ROLE = lazy(
    r"\b(?:fellow|professor|lecturer|researcher|correspondent|editor|edits|journalist|reporter|writer|analyst|"
    r"engineer|economist|scholar|historian|lawyer|consultant|director|founder|contributor|columnist|independent|"
    r"non-?profit|not-for-profit|charity|member\s+of|written\s+(?:from|by|in)|published\s+(?:by|from|in)|publishes|"
    r"produced\s+by|based\s+in|covers|institute|foundation|think[- ]tank|magazine|newsletter|blog|podcast|"
    r"funding|offices?\s+in|news\s+(?:provider|agency|service|organi[sz]ation)|division\s+of|publisher)\b",
    re.I,
)


def about_note(text: str) -> bool:
    """``Hutia Notes is written from Miami and Havana.``, ``Jane Roe is a senior lecturer in
    politics.``: a short note whose subject is a writer or the publication, by a name opening
    it, a verb of what it is or does, and a trade or publisher's word. Only after the
    article's end does this say "not the article" (a sentence of the text may look so)."""
    return nwords(text) <= 50 and bool(_ABOUT_SUBJECT.match(text)) and bool(_ABOUT_ROLE.search(text))


def is_more_link(line: str) -> bool:
    """``Continue reading →``, ``Read more »``: the link from an excerpt to the full post."""
    return bool(
        _TEASER.search(line)
        or re.match(
            r"^\W*(?:continue\s+reading|read\s+more|keep\s+reading|read\s+the\s+(?:rest|full))\b", line, re.I
        )
    )


def strip_teaser(text: str) -> str:
    """A paragraph without the link that closes a teaser (``… Continue reading →``)."""
    cut = max(0, len(text) - 80)  # the link closes the text: only its end is looked at
    m = _TEASER.compiled.search(text, cut)
    return text[: m.start()].rstrip(" -–—|") if m else text


def sender(line: str, reason: str) -> str:
    """The person's name on a chrome line that names a sender: ``From: Jane Doe <jd@x.org>``,
    or a mail archive's ``Jane Doe jdoe at x.org``; "" when it names none."""
    text = line
    if reason == "e-mail header":
        if not re.match(r"^from\s*:", line, re.I):
            return ""
        text = line.split(":", 1)[1]
    elif reason != "e-mail address":
        return ""
    text = _EMAIL_ADDR.sub(" ", text)
    return re.sub(r"[<>()\[\]\"]", " ", text).strip(" ,;")


_POST_HEADER = lazy(
    r"«\s*(?:reply\s+#\d+\s+)?on:.*»|^(?:re:\s*)?reply\s+#\d+\b|^post\s+by\s+\S.{0,60}(?:»|\bon\b)|"
    r"^posted\s+by\s+\S+.{0,40}(?:»|\bon\b)|^#\d{1,5}\s*$|^quote\s+from\s*:",
    re.I,
)


def is_post_header(line: str) -> bool:
    """``« Reply #88 on: …»``, ``Post by X » Thu Jul 14, 2016``, ``Quote from: …``: the line
    that opens a forum post (or a quote inside one)."""
    return len(line) <= 200 and bool(_POST_HEADER.search(line.strip()))


def is_copyright(line: str) -> bool:
    return bool(_COPYRIGHT.search(line)) and nwords(line) <= 40


# "Photo: Jane Roe/Agency", "Image credit: Agency via Wire": a credit line, no sentence
_PHOTO_CREDIT = lazy(
    r"^(?:photo|image|picture|photograph)s?(?:\s+credits?)?\s*(?::|©|by\b)\s*[^.!?]{2,80}"
    r"(?:/|\bvia\b|\bfor\b|\bimages?\b|\bphotos?\b|\bpress\b|\b(?:afp|ap|reuters|getty)\b)[^.!?]{0,60}$",
    re.I,
)


def is_credit(line: str) -> bool:
    """``(LINH PHAM/Getty Images)``, ``Photo: Jane Roe/Agency``: the credit under a photo
    caption."""
    return bool(_CREDIT.match(line) or _PHOTO_CREDIT.match(line))
