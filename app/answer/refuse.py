"""When not to answer (pure): out-of-scope requests, prompt injection, weak evidence, uncovered years."""
from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass, replace
from typing import Protocol

from app.profile import DEFAULT_PROFILE, Profile
from app.schema import Chunk
from app.stores.lexical import BM25Index

OUT_OF_SCOPE = re.compile(
    r"天气|气温|下雨|签证|护照|机票|酒店|旅游|股票|基金|彩票|菜谱|做饭|写(?:一)?首诗|作诗|写诗|讲个?笑话|唱歌|"
    r"星座|算命|餐厅|饭店|美食|外卖|景点|游戏|电影|明星|体育|比分|翻译成英文|写代码|编程|python|java|weather|visa|poem|joke",
    re.I)
INJECTION = re.compile(
    r"忽略.{0,12}(?:指令|指示|提示|规则|要求|设定)|无视.{0,8}(?:指令|规则)|系统提示|提示词|system\s*prompt|"
    r"ignore\s+(?:all\s+)?(?:previous|above|prior)|you\s+are\s+now|jailbreak|DAN模式|开发者模式|扮演|"
    r"越狱|输出你的(?:设定|指令|规则)|repeat\s+the\s+(?:text|words)\s+above", re.I)
_YEAR = re.compile(r"(20\d{2}|19\d{2})\s*年")
MIN_EVIDENCE = 0.6  # without a domain term, the top passage must hold most of the question's idf mass
FLOOR_EVIDENCE = 0.3  # with a confidence model: below this the question is most likely outside the knowledge base
# The subjects this knowledge base covers. A question naming none of them and poorly matched is out of scope
# (on the dev sets, answerable layperson questions scored as low as 0.05 evidence, but all name a domain term).
DOMAIN = re.compile(
    r"行政|复议|诉讼|征地|申报|手续|起诉|处罚|罚款|强制|许可|执法|征收|征用|补偿|拆迁|强拆|拆除|土地|耕地|农田|宅基地|承包|"
    r"建设用地|用地|占用|复垦|林|采伐|矿|采砂|采土|规划|测绘|地质|地灾|不动产|登记|房屋|信访|信息公开|政府|"
    r"机关|法治|普法|学法|报告|本局|我局|自然资源|国土|环境|污染|督查|决策|国家赔偿|行政赔偿|违法|法律|"
    r"法规|条例|宪法|规定|听证|村|集体|审批|批准|公告|案件|法院|检察|权利|义务|责任|处分|监督|备案")
IDENTITY = re.compile(r"^(?:你好|您好|你是谁|您是谁|你叫什么|介绍一下你自己|你能做什么|你会什么|在吗|hi|hello)[？?！!。\s]*$",
                      re.I)
INTRO = DEFAULT_PROFILE.intro
DECLINE_SCOPE = DEFAULT_PROFILE.decline
DECLINE_INJECTION = "抱歉，我不能执行这类要求。我只依据知识库中的报告和法律法规回答问题，也不会透露内部设置。"
DECLINE_NO_EVIDENCE = "抱歉，知识库中没有找到能够回答这个问题的依据，无法给出可靠答案。"
DECLINE_YEAR = "抱歉，知识库中的工作报告是 {years} 年度的报告，没有 {asked} 年的数据。"

# --- the "laws" scope: a city or province serving the whole national law library to citizens ---------------------
# Only requests no law answers are turned away before searching: 机票, 旅游, 游戏, 外卖 questions are legal ones here.
OFF_TOPIC = re.compile(
    r"天气预报|气温|菜谱|怎么做菜|写(?:一)?首诗|作诗|写诗|讲个?笑话|唱(?:一)?首歌|星座|算命|运势|比分|翻译成英文|"
    r"写代码|编程|python|java|weather|poem|joke", re.I)
# Words of legal subjects in everyday questions; a question naming one is searched even on thin evidence
# (on stard_dev, 415 of 453 layperson questions name one; none of 22 everyday off-topic questions does).
LEGAL = re.compile(
    r"法律|法规|条例|规定|法院|检察|律师|起诉|诉讼|仲裁|判决|判刑|坐牢|刑事|犯罪|罪|违法|合法|非法|有效|无效|权|"
    r"义务|责任|赔偿|补偿|侵害|损害|损失|合同|协议|约定|违约|定金|押金|租|借款|借钱|欠款|欠钱|债|担保|保证人|抵押|"
    r"质押|留置|继承|遗产|遗嘱|离婚|结婚|婚姻|夫妻|配偶|彩礼|抚养|扶养|赡养|监护|收养|劳动|工资|加班|社保|社会保险|"
    r"工伤|辞退|辞职|开除|用人单位|公司|股东|企业|工商户|商标|专利|作品|抄袭|盗版|许可|授权|注册|登记|消费者|退款|"
    r"退货|假货|欺诈|诈骗|盗|扒窃|打伤|伤害|事故|保险|理赔|物业|业主|房屋|房东|土地|宅基地|拆迁|征收|征地|行政|处罚|"
    r"罚款|复议|信访|举报|投诉|政府|警察|公安|派出所|户口|身份证|隐私|肖像|名誉|个人信息|承包|承揽|保管|仓储|寄存|"
    r"保理|账款|放贷|运输|快递|旅游|旅行社|医疗|医院|医生|学校|未成年|残疾|宠物|饲养|邻居|噪声|污染|环境|纠纷|合伙|"
    r"破产|税|发票|银行|贷款|利息|网贷|交通|驾驶|酒驾|车祸|承运|乘客|旅客|商品|产品|质量|广告|平台|危险物品|不可抗力")
INTRO_LAWS = ("您好！我是法律法规问答助手，可以回答国家法律、行政法规、司法解释等方面的问题，"
              "每个回答都会标注所依据的法律条文。例如：“租房期间家具坏了，房东要负责维修吗？”")
DECLINE_SCOPE_LAWS = "抱歉，这个问题超出了本助手的范围。我只回答与法律法规有关的问题。"


@dataclass(frozen=True)
class Scope:
    """What the assistant answers (LAWDESK_SCOPE). bureau: the bureau's report and the laws of its work, the
    default corpus; laws: any question of national law, for a deployment serving the whole law library."""

    name: str
    title: str  # the page's name
    off_topic: re.Pattern[str]  # turned away before searching
    subjects: re.Pattern[str]  # a question naming one is searched even when the best passage matches it thinly
    intro: str
    decline: str


BUREAU = Scope("bureau", DEFAULT_PROFILE.page_title, OUT_OF_SCOPE, DOMAIN, INTRO, DECLINE_SCOPE)
LAWS = Scope("laws", "法律法规问答", OFF_TOPIC, LEGAL, INTRO_LAWS, DECLINE_SCOPE_LAWS)
SCOPES = {s.name: s for s in (BUREAU, LAWS)}


def screen(question: str, scope: Scope = BUREAU) -> str | None:
    """A decline message for requests that must not reach retrieval at all, else None."""
    if IDENTITY.match(question.strip()):
        return scope.intro
    if INJECTION.search(question):
        return DECLINE_INJECTION
    if scope.off_topic.search(question):
        return scope.decline
    return None


def screen_injection(text: str) -> str | None:
    """The injection decline for any text the user typed (markup included), else None."""
    return DECLINE_INJECTION if INJECTION.search(text) else None


class Lexical(Protocol):
    """What evidence needs of an index: its tokenizer and its BM25 statistics."""

    bm25: BM25Index

    def tokenize(self, text: str) -> list[str]: ...


def evidence(question: str, chunk: Chunk, index: Lexical) -> float:
    """Share of the question's idf mass that the passage contains (0..1): a score comparable across questions."""
    q = set(index.tokenize(question))
    if not q:
        return 0.0
    text = set(index.tokenize(chunk.index_text()))
    weight = {t: index.bm25.idf(t) for t in q}
    return sum(w for t, w in weight.items() if t in text) / sum(weight.values())


def weak_evidence(question: str, chunk: Chunk, index: Lexical, scope: Scope = BUREAU,
                  floor: float = MIN_EVIDENCE) -> bool:
    return not scope.subjects.search(question) and evidence(question, chunk, index) < floor


def uncovered_year(question: str, report_years: Set[str], is_report_question: bool) -> str | None:
    if not is_report_question:
        return None
    asked = [y for y in _YEAR.findall(question) if y not in report_years]
    return asked[0] if asked and report_years else None


# --- requests outside what a cited answer can give ---------------------------------------------------------------
# A lawsuit's outcome, a prediction or an opinion on one's own case is not in any article; creative writing neither.
PREDICTION = re.compile(r"能不能赢|能赢吗|会不会赢|能打赢|打得赢|赢的(?:可能|几率|把握)|胜诉的?(?:可能|几率|把握|概率)|胜算|"
                        r"(?:会|能)判(?:我)?(?:几年|多少)|帮我(?:预测|判断一下).{0,6}(?:结果|输赢)|输赢")
CREATIVE = re.compile(r"写(?:一)?(?:首|篇|段|个)[^，。？?]{0,16}(?:诗|歌|词|文章|作文|小说|故事|对联|段子|演讲稿|广告)|"
                      r"作(?:一)?首|编(?:一)?个?故事|写(?:一)?首诗|(?:诗歌|散文|小说)创作")
DECLINE_PREDICTION = ("抱歉，我不能预测具体案件的结果。我可以说明相关法律是怎么规定的，"
                      "具体案件请咨询律师或者向有关部门、人民法院了解。")
DECLINE_CREATIVE = "抱歉，写诗、写文章等创作不在本助手的范围内。我只回答与法律法规和工作报告有关的问题，并注明原文出处。"
DECLINE_LAW = "知识库中没有《{name}》，无法依据它回答。可以在“法规浏览”中查看已收录的法律法规。"
DECLINE_PLACE = "抱歉，知识库中的工作报告只涉及{covered}，没有{asked}的数据。"

_LAW_NAME = re.compile(r"《([^》]{2,40})》|([\u4e00-\u9fff]{3,24}?(?:法|条例|办法|细则|规定|决定))(?=第[零〇一二两三四五六七八九十百千\d]+条)")
_LEAD = re.compile(r"^(?:.*?(?:依照|按照|根据|依据|参照|对照|违反|适用))")
_SELF = re.compile(r"本法|该法|此法|本条例|该条例|上述|有关|相关|法律|法规")
_PLACE = re.compile(r"([\u4e00-\u9fff]{2,3}?)(市|县)(?=[0-9一二〇零]{0,4}年?|的|全市|全县|今年|去年|有|在)")
_NOT_PLACE = re.compile(r"城|本|全|该|各|每|设区的|直辖|县级|市级|地级|区的")


def screen_request(question: str) -> str | None:
    """Declines for requests no article answers (checked before retrieval)."""
    if PREDICTION.search(question):
        return DECLINE_PREDICTION
    if CREATIVE.search(question):
        return DECLINE_CREATIVE
    return None


def unknown_law(question: str, titles: object) -> str | None:
    """The name of a law the question cites by title (《…》 or 「…法第X条」) that the knowledge base does not hold."""
    find = getattr(titles, "find", None)
    known = [t for t, _, _ in find(question)] if find else []
    for m in _LAW_NAME.finditer(question):
        name = _LEAD.sub("", (m.group(1) or m.group(2)).strip())
        if len(name) < 4 or _SELF.search(name) or any(name in t or t.endswith(name) for t in known):
            continue
        if not find or not find(name):
            return name
    return None


def uncovered_place(question: str, covered: tuple[str, ...], is_report_question: bool) -> str | None:
    """A city or county named in a report question that is not the report's own (郑州市 for a 孟州 report)."""
    if not is_report_question or not covered:
        return None
    for m in _PLACE.finditer(question):
        place = m.group(1) + m.group(2)
        if _NOT_PLACE.search(m.group(1)) or any(c in place or c.startswith(m.group(1)) for c in covered):
            continue
        return place.lstrip("年月日的在对从")
    return None


def scope_for(name: str, profile: Profile = DEFAULT_PROFILE) -> Scope:
    """The answering scope: the bureau scope takes the deployment profile's texts; the library scope is generic."""
    base = SCOPES[name]
    if name != BUREAU.name:
        return base
    return replace(base, title=profile.page_title, intro=profile.intro, decline=profile.decline)
