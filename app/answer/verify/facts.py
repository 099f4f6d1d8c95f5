"""What a piece of text asserts, in comparable form: figures with units, article numbers, quotations, titles,
links, content words, negations. Pure functions; nothing here knows about passages or markers' meaning."""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from app.text import cn_to_int, compact, expand_ranges, normalise_figures, to_halfwidth, word_bounds

_CN = "零〇一二两三四五六七八九十百千万"
_UNITS = (
    "个工作日|工作日|个百分点|个月|小时|日|天|周|年|月|元|亩|公顷|平方米|立方米|平方公里|公里|千米|厘米|米|吨|株|人次|次|宗|件|条|项|份|名|辆|场|个|处|家|人|户|批|起|倍|级|%"
)
# ordinals (第二十条, 第一次) and references back to the preceding provisions (按前两项执行) name, they do not count
_ORDINAL = re.compile(rf"第[{_CN}\d]+(?:条之[{_CN}]+|[条款项章节编目次个批届人级年天])|前[{_CN}\d]+[条款项]|[上下]一级")
# a reply counting its own points of comparison (与旧法相比有两处变化) counts nothing the passages state
_OWN_COUNT = re.compile(rf"[{_CN}\d]+(?:处|点|个方面|方面)(?=变化|不同|区别|差异|修改|调整|改动)")
_ARTICLE = re.compile(rf"第([{_CN}\d]+)条")
_PERCENT = re.compile(rf"百分之([{_CN}]+|\d+(?:\.\d+)?)")
FIGURE = re.compile(
    rf"(?P<num>\d+(?:\.\d+)?)(?P<wan>万|亿)?(?:余|多)?(?P<unit>{_UNITS})?"
    rf"|(?P<cn>[{_CN}]+)(?:余|多)?(?P<cnunit>{_UNITS})"
)
_COUNT_UNITS = {"个", "次", "件", "项", "名", "条", "份", "处", "家", "人", "户", "批", "起", "场"}
_SAME_UNIT = {"天": "日", "个工作日": "工作日"}
MARKER = re.compile(r"\[(\d+)\]")
STEP_DASH = r"—(?!—)"  # the dash between the steps of a trainer's chain (提出—通知—举行—主持), not a ——
# 「」 and 『』 announce a verbatim quotation (the prompt asks for 「」); “” often hold a term or a summary
_STRICT_QUOTE = re.compile(r"「([^」]+)」|『([^』]+)』")
_LOOSE_QUOTE = re.compile(r"“([^”]+)”|\"([^\"]+)\"")
_STEPS = re.compile(r"[—–→]|->|、.*、")  # “预公告—申请—批准” or “同部署、同推进、同考核” are not citations
_TITLE = re.compile(r"《([^》]+)》")
_LINK = re.compile(r"https?://|www\.|\b[\w-]+\.(?:gov|com|org|net|edu)(?:\.cn)?\b|\]\(", re.I)
EDGE_PUNCT = "，。；：、！？,.;:!? "

Figure = tuple[Decimal, str]
# a letter l or I for the digit 1 before an amount (处l万元以上), as the official text itself misprints it
_MISPRINTED_ONE = re.compile(r"(?<=[\u4e00-\u9fff])[lI](?=\d*(?:\.\d+)?(?:万|亿)?元)")


_PERSONS = re.compile(r"(\d)个人")  # 1到2个人 counts people as 一至二人 does


def prep(s: str) -> str:
    """Half-width, no spaces, 百分之二十 -> 20%, ordinals (第二十条, 第一次) replaced: they are not amounts."""
    s = _scales(expand_ranges(_PERSONS.sub(r"\1人", compact(_MISPRINTED_ONE.sub("1", to_halfwidth(s))))))
    s = _PERCENT.sub(lambda m: f"{cn_to_int(m.group(1)) if not m.group(1)[0].isdigit() else m.group(1)}%", s)
    return _ORDINAL.sub("§", _OWN_COUNT.sub("§", s))


def figure_of(m: re.Match[str]) -> Figure | None:
    if m.group("num"):
        value, unit = Decimal(m.group("num")), m.group("unit") or ""
        value *= {"万": 10000, "亿": 100000000}.get(m.group("wan") or "", 1)
    else:
        cn, unit = m.group("cn"), m.group("cnunit")
        if len(cn) < 4 and not set(cn) & set("十百千万〇零"):
            cn = cn[-1]  # "统一一次": a run of bare digits shorter than a year ends a word, it is not 11
        n = cn_to_int(cn)
        # 一次 / 同一条 / 三个方面 in running prose are words, not counts worth checking; 一人以上 is a threshold
        if n is None or unit == "个" or (n == 1 and unit in _COUNT_UNITS
                                          and not m.string.startswith(("以上", "以下"), m.end())):
            return None
        # 这一年 / 那一天 / 同一日 point at a time the text names, they measure nothing
        if n == 1 and m.start() and m.string[m.start() - 1] in "这那同当" and unit in ("年", "天", "日", "月"):
            return None
        value = Decimal(n)
    return value, _SAME_UNIT.get(unit, unit)


def figure_spans(text: str) -> list[tuple[Figure, str]]:
    """(figure, its literal text in prep(text)) for each figure; the literal lets a check cut it out."""
    return [(f, m.group(0)) for m in FIGURE.finditer(prep(text)) if (f := figure_of(m))]


def figures(text: str) -> set[Figure]:
    """Numbers with their units: 六十日 -> (60, 日), 40.13 万亩 -> (401300, 亩), 233条 -> (233, 条)."""
    return {f for f, _ in figure_spans(text)} | working_days(text)


_WORKING_DAYS = re.compile(r"是指工作日|均为工作日|按工作日计算")


def working_days(text: str) -> set[Figure]:
    """A sentence defining its law's day counts as working days (本法关于……“三日”、“五日”……的规定是指工作日)
    states each of them in working days too: 五日 there is 5个工作日."""
    out: set[Figure] = set()
    if not _WORKING_DAYS.search(text):
        return out
    for s in re.split(r"[。；;\n]", text):
        if _WORKING_DAYS.search(s):
            out |= {(v, "工作日") for v, u in (f for f, _ in figure_spans(s)) if u == "日"}
    return out


# a count the claim gives its own list (四项原则：「企业所有、政府监管、专户储存、专款专用」)
_OWN_LIST = re.compile(rf"([{_CN}\d]+)(项|种|类|个|方面)[^：:，,。]{{0,8}}[：:]\s*[「“]?([^。；;」”\n]+)")


def self_counts(text: str) -> set[Figure]:
    """Counts that number the items the claim itself lists after them: the claim, not the passage, is their
    source (the passage lists the same items without counting them)."""
    out = set()
    for m in _OWN_LIST.finditer(plain(text)):
        n = int(m.group(1)) if m.group(1).isdigit() else cn_to_int(m.group(1))
        items = [i for i in re.split(r"[、，,]", m.group(3)) if i.strip()]
        if n is not None and n == len(items) >= 2:
            out.add((Decimal(n), m.group(2)))
    return out


def articles(text: str) -> set[int]:
    return {n for m in _ARTICLE.finditer(to_halfwidth(text)) if (n := cn_to_int(m.group(1)))}


def _clean_quote(q: str) -> str:
    return compact(to_halfwidth(q)).strip(EDGE_PUNCT)


def quotations(text: str) -> list[str]:
    """Spans the text presents as verbatim: every 「」『』 quote but a label before a colon, and “” quotes that
    read like a citation (long, not a list of steps or terms)."""
    # a quoted label that opens a line item (要点五 「不罚不等于不管」：… / 「期间不计入」——…) names the point; it quotes nothing
    strict = ("".join(g for g in m.groups() if g) for m in _STRICT_QUOTE.finditer(text)
              if text[m.end():m.end() + 1] not in ("：", ":", "—"))
    loose = ("".join(g for g in m.groups() if g) for m in _LOOSE_QUOTE.finditer(text))
    out = [q for q in map(_clean_quote, strict) if len(q) > 6]
    out += [q for q in map(_clean_quote, loose) if len(q) > 12 and not _STEPS.search(q)]
    return out


def titles(text: str) -> list[str]:
    return _TITLE.findall(text)


# 《title》（2023年修订）第三十五条、第三十六条: the articles a claim says the title holds (a citation, not a mention)
_TITLED_ARTICLES = re.compile(rf"《([^》]+)》\s*(?:[（(][^）)]{{0,12}}[）)])?\s*(?:的)?((?:第[{_CN}\d]+条[、和及与]?)+)")


def titled_articles(text: str) -> list[tuple[str, int]]:
    """(title, article number) for each article the text cites by its law's name."""
    out = []
    for m in _TITLED_ARTICLES.finditer(to_halfwidth(text)):
        out += [(m.group(1), n) for a in _ARTICLE.finditer(m.group(2)) if (n := cn_to_int(a.group(1)))]
    return out


def has_link(text: str) -> bool:
    return bool(_LINK.search(to_halfwidth(text)))


@lru_cache(maxsize=8192)
def plain(text: str) -> str:
    """Compact comparable text: half-width, no spaces or markers, Chinese numerals before units as digits."""
    return _A_NOT_A.sub(r"是否\1", _scales(normalise_figures(MARKER.sub("", _MISPRINTED_ONE.sub(
        "1", to_halfwidth(text))))))


# a map scale as a statute writes it (万分之一, 二千分之一) and as a reply does (1:1万, 1:2000): one form, 1:10000
_SCALE_CN = re.compile(r"([一二三四五六七八九十百\d]*[千万])分之一")
_SCALE_WAN = re.compile(r"1[:∶](\d+(?:\.\d+)?)万")
_RATIO_SIGN = re.compile(r"1∶(?=\d)")


def _scale_value(num: str) -> int:
    """二千 -> 2000, 万 -> 10000, 一百万 -> 1000000, 5万 -> 50000."""
    unit = 1000 if num.endswith("千") else 10000
    head = num[:-1]
    if not head:
        return unit
    if re.fullmatch(r"\d+", head):
        return int(head) * unit
    return (cn_to_int(head) or 1) * unit


def _scales(text: str) -> str:
    text = _SCALE_CN.sub(lambda m: f"1:{_scale_value(m.group(1))}", text)
    text = _SCALE_WAN.sub(lambda m: f"1:{round(float(m.group(1)) * 10000)}", text)
    return _RATIO_SIGN.sub("1:", text)


# a question put as A-not-A (准不准由法院决定, 要不要交钱) asks 是否; its 不 negates nothing
# (the verbs that take this form; not 用: 费用不用承担 is 费用 + 不用)
# … nor a verb ending a longer word (可能不能, 委员会不会, 只要不要求, 应罚不罚, 但是不是)
_A_NOT_A = re.compile(r"(?<![可只应员但])([准能要是可行会该需算交收罚批给管让])不\1")


@lru_cache(maxsize=8192)
def bigrams(text: str) -> frozenset[str]:
    s = re.sub(r"[\W_]+", "|", plain(text))
    return frozenset(s[i:i + 2] for i in range(len(s) - 1) if "|" not in s[i:i + 2])


# --- content words ---------------------------------------------------------------------------------

# words that carry no claim of their own: connectives, hedges, the answer's own framing
_FILLER = set(
    "的 了 和 与 及 或 是 在 对 为 以 由 等 其 之 者 于 而 被 把 将 从 向 就 中 上 下 有 也 并 该 这 那 "
    "我 你 他 她 它 您 吗 呢 吧 啊 么 什么 怎么 如何 哪些 多少 是否 能否 一个 这个 那个 这些 那些 "
    "根据 依据 按照 依照 规定 规定了 本法 条例 法律 资料 工作报告 其中 此外 另外 同时 还 也就是说 "
    "就是 说 即 如果 那么 时 后 前 以及 或者 并且 而且 但 但是 不过 需要 注意 说明 提示 主要 包括 "
    "如下 以下 下列 下面 这些 几 项 方面 情况 情形 一般 通常 具体 相关 有关 可 会 要 能 都 均 "
    "即可 一下 所以 因此 因为 总之 综上 简单 来说 总的来说 另 又 再 才 只有 只 已 已经 目前 "
    "不能 能够 直接 不会 接着 然后 之后 这样 那样 这里 那里 几项 几种 几个 这几项 哪几项 "
    # a question restated in the reply (保留多长时间看矿山大小) asks, it asserts nothing
    "多长时间 多久 多长 多大 为什么 哪个 哪里 哪儿 怎样 "
    "内容 要点 如 例如 比如 包含 分别 各 每 个 点 以外 之外 一是 二是 三是 第一 第二 第三 首先 其次 最后 "
    # the frame of a comparison of two versions (与2017年版相比，旧法的表述是……): where the words are, not what
    "相比 相较 对比 变化 旧法 新法 旧版 新版 年版 原法 现行 表述 措辞 上述 "
    # a citizen reply's spoken deixis (咱们这儿) points at the asker's place, it states nothing
    "咱们 咱 这儿 那儿 这边 那边 咱们这儿 "
    # … and whom it addresses or means (给你们留一段时间), as 你 / 您 / 我 do; 以后 as 后 does
    "你们 我们 他们 她们 以后 "
    # how plainly a law says it (这是……明确规定的) is framing, not content
    "明确 明文 明确规定 这是 这就是 "
    # how a reply moves on to the details (具体来说：……) is framing too
    "具体来说 具体而言 简单来说 简单地说 换句话说 通俗地说 通俗地讲 通俗来讲 总体来说".split()
)
_NUMERAL_CHARS = set(_CN + "余多个日月年天次")
_PUNCT = re.compile(r"^[\W_]+$")
_WORD = re.compile(r"[\u4e00-\u9fff]{2,}|[a-z]{2,}")


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[str, ...]:
    s = _TITLE.sub(" ", plain(text).lower())  # 《title》 is checked as a title, not as words
    cuts = sorted(word_bounds(s) | {len(s)})
    return tuple(s[a:b] for a, b in zip(cuts, cuts[1:]))


def _is_content(w: str) -> bool:
    return bool(_WORD.fullmatch(w)) and w not in _FILLER and not set(w) <= _NUMERAL_CHARS


def content_words(text: str) -> list[str]:
    """jieba words of the claim that could be checked against a passage (fillers, numerals, 1-char words dropped)."""
    return list(dict.fromkeys(w for w in _tokens(text) if _is_content(w)))


def content_bigrams(text: str) -> set[str]:
    """Character bigrams of the claim's content, fillers cut out: robust where jieba splits a rare word oddly."""
    runs = "".join(w if (_is_content(w) or w.isdigit() or len(w) == 1 and w not in _FILLER) and not _PUNCT.match(w)
                   else "|" for w in _tokens(text))
    return {runs[i:i + 2] for i in range(len(runs) - 1) if "|" not in runs[i:i + 2]}


# --- legal subjects ---------------------------------------------------------------------------------

_ENTITY_END = ("权人", "权", "机关", "机构", "部门", "政府", "法院", "检察院", "委员会", "义务人")
_NOT_ENTITY = {"权利", "政府", "有权", "无权", "职权", "授权", "部门"}


def entities(words: list[str]) -> list[str]:
    """Words naming who holds a right or acts: 探矿权 / 采矿权人 / 主管部门 / 人民法院 / 国务院."""
    return [w for w in words if (len(w) >= 3 and w.endswith(_ENTITY_END) or w == "国务院") and w not in _NOT_ENTITY
            and not w.endswith(_ACT_OF_POWER)]


_ACT_OF_POWER = ("职权", "授权", "有权", "无权")  # 行使职权 / 依法授权 name an act, not who holds a right


# --- negation ----------------------------------------------------------------------------------------

# modal negations (不能超过 = 不得超过, 不会批准 = 不予批准) count as negations too
# … and the spoken 没 for 未 (没出示行政执法证的 = 未出示……的)
_NEGATOR = re.compile(r"(?:不需要|不需|不必|不得|不予|不再|不能|不可|不准|不会|不用|无权|不|未|无须|无需|禁止|严禁|没有|没|免予|非)$")


def negated_at(text: str, pos: int, wide: bool = False) -> bool:
    """Whether the word starting at pos is negated (不申请, 未取得, 不得使用); wide also looks past a one- or
    two-character adverb (不够明确, 不依法取得, 不自行拆除)."""
    before = text[max(0, pos - 4):pos] if wide else text[max(0, pos - 3):pos]
    return bool(_NEGATOR.search(before)) or wide and bool(re.search(r"(?:不得|不予|不|未|禁止|没有|没(?!收))..?$", before)
                                                         or _NEGATED_PLACE.search(text[max(0, pos - 10):pos])) \
        or bool(_NEGATED_AGENT.search(text[max(0, pos - AGENT_SPAN):pos]))


# a ban with the place between it and its act (不能在里面放牧, 禁止在林区内吸烟)
_NEGATED_PLACE = re.compile(r"(?:不得|不能|不准|不可以|不可|禁止|严禁|不要)在[^，,。；;在]{1,6}$")
# the negation before whose act it is (听证费用不由当事人、利害关系人承担 = 当事人不承担)
_NEGATED_AGENT = re.compile(r"不(?:由|向|被|让|归)[^，,。；;：:]{1,14}$")
AGENT_SPAN = 16


def polarities(text: str, word: str) -> set[bool]:
    found, start = set(), text.find(word)
    while start >= 0:
        found.add(negated_at(text, start))
        start = text.find(word, start + 1)
    return found
