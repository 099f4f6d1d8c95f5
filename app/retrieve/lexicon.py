"""Everyday words a layperson uses, mapped to the words statutes use (pure data + one function).

Citizens ask "房东不退押金怎么办", statutes say 出租人 and 租赁; BM25 and the small dense model cannot bridge
that gap on their own. The statute words are appended to the question, never replacing it, so a question that
already uses legal terms ranks as before. A key matches only as whole words (jieba's word boundaries at both
ends: 人家 is not in 被保险人家人, 东西 not in 东西湖区), longest key first, so 偷东西 adds 盗窃 and not also
物品 财产; every key has at least two characters (告 or 偷 alone sit inside too many words: 报告, 偷偷).
"""
from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from app.text import word_bounds

_GROUPS: dict[str, dict[str, str]] = {
    "people": {
        "别人": "他人", "老人": "老年人", "孩子": "子女 未成年人", "小孩": "未成年人",
        "儿子": "子女", "女儿": "子女", "父母": "父母 监护人", "爸妈": "父母", "老公": "配偶 夫妻",
        "老婆": "配偶 夫妻", "丈夫": "配偶", "妻子": "配偶", "两口子": "夫妻", "小三": "重婚 同居",
        "保姆": "家政服务 劳务", "邻居": "相邻 相邻关系", "学生": "学生 学校", "同学": "学生 学校",
        "房东": "出租人", "租客": "承租人", "房客": "承租人", "老板": "用人单位 雇主", "员工": "劳动者",
        "打工": "劳动者 劳动", "网友": "他人 网络用户", "路人": "他人",
    },
    "family": {
        "去世": "死亡", "过世": "死亡", "死了": "死亡", "离婚": "离婚 夫妻 婚姻", "结婚": "结婚 婚姻登记",
        "彩礼": "彩礼 婚约", "抚养费": "抚养费 子女", "赡养": "赡养 父母", "遗产": "遗产 继承",
        "遗嘱": "遗嘱 继承", "领养": "收养", "改名": "姓名 变更",
    },
    "property": {
        "房子": "房屋", "买房": "房屋 买卖", "卖房": "房屋 买卖", "租房": "房屋 租赁", "租的房": "房屋 租赁",
        "押金": "押金 租赁", "房租": "租金", "装修": "装饰装修", "院子": "宅基地 相邻",
        "东西": "物品 财产", "丢了": "遗失 灭失", "弄丢": "灭失 损失", "弄坏": "毁损 损坏", "坏了": "损坏 维修",
        "拆迁": "征收 补偿", "强拆": "强制 拆除 房屋", "盖房": "建设 住宅 宅基地", "建房": "建设 住宅 宅基地",
        "村里": "农村集体经济组织 村民委员会", "村委会": "村民委员会", "承包地": "承包地 土地承包经营权",
        "补偿款": "补偿费用", "砍树": "采伐 林木", "挖沙": "采砂 矿产资源", "开矿": "开采 矿产资源",
        "占地": "占用 土地", "卖地": "转让 土地使用权", "停车位": "车位 车库", "物业费": "物业费 物业服务",
    },
    "money": {
        "借钱": "借款 借贷", "欠钱": "债务 借款", "还钱": "偿还 借款", "借条": "借款 借据",
        "欠条": "债务 借据", "网贷": "网络 借贷 贷款", "高利贷": "利率 借贷 利息", "放贷": "出借 借贷",
        "欠债": "债务", "讨债": "债权 催收", "赔钱": "赔偿", "罚钱": "罚款", "担保人": "保证人 保证",
        "作保": "保证", "违约了": "违约 违约责任", "退款": "退还 价款",
    },
    "work": {
        "工资": "劳动报酬 工资", "加班": "延长工作时间 加班费", "上班": "工作 劳动", "辞职": "解除劳动合同 劳动者",
        "辞退": "解除劳动合同 用人单位", "开除": "解除劳动合同", "被裁": "解除劳动合同 裁减人员",
        "试用期": "试用期 劳动合同", "社保": "社会保险", "五险": "社会保险", "工伤": "工伤 工伤保险",
        "合同工": "劳动合同", "临时工": "劳务 劳动关系", "包工头": "承包人 实际施工人", "欠薪": "拖欠 劳动报酬",
    },
    "harm": {
        "打伤": "伤害 人身损害 侵权", "打人": "殴打 伤害", "打架": "殴打 伤害", "摔伤": "人身损害 安全保障义务",
        "受伤": "人身损害 伤害", "咬伤": "饲养动物 损害", "狗咬": "饲养动物 损害", "车祸": "交通事故",
        "撞了": "交通事故 损害", "造谣": "诽谤 名誉", "骂人": "侮辱", "偷拍": "隐私 肖像", "被骗": "诈骗 欺诈",
        "骗钱": "诈骗", "偷东西": "盗窃", "坐牢": "有期徒刑 刑罚", "判刑": "刑罚 判处", "判几年": "有期徒刑 刑罚",
    },
    "services": {
        "医院": "医疗机构", "医生": "医务人员 医师", "看病": "诊疗 医疗", "做手术": "手术 诊疗",
        "快递": "快递 寄件 邮件", "寄件": "快递", "高铁": "铁路 旅客运输", "火车": "铁路 旅客运输",
        "机票": "航空 旅客运输 承运人", "航班": "航空 承运人", "航司": "航空公司 承运人", "坐车": "旅客运输 承运人",
        "网购": "网络交易 电子商务 消费者", "买到": "购买 商品 消费者", "假货": "假冒 伪劣 产品质量",
        "退货": "退货 消费者", "旅游团": "旅行社 旅游者", "跟团": "旅行社 包价旅游", "导游": "导游 旅行社",
    },
    "procedure": {
        "打官司": "提起诉讼", "起诉": "提起诉讼 人民法院", "告他": "起诉", "告政府": "起诉 行政诉讼",
        "上诉": "上诉 第二审", "判决书": "判决", "报警": "报案 公安机关", "可诉": "提起诉讼 受案范围",
        "政府": "人民政府 行政机关", "投诉": "投诉 举报",
    },
}

LAY_TERMS: Mapping[str, str] = MappingProxyType({k: v for group in _GROUPS.values() for k, v in group.items()})


def matched_keys(q: str, terms: Mapping[str, str] = LAY_TERMS) -> list[str]:
    """Keys found in q as whole words, longest first; a shorter key inside a longer match does not count."""
    bounds, taken, found = None, [False] * len(q), []
    for key in sorted(terms, key=len, reverse=True):
        start = q.find(key)
        while start >= 0:
            end = start + len(key)
            bounds = word_bounds(q) if bounds is None else bounds
            if start in bounds and end in bounds and not any(taken[start:end]):
                taken[start:end] = [True] * len(key)
                found.append(key)
                break
            start = q.find(key, start + 1)
    return found


def expand(q: str, terms: Mapping[str, str] = LAY_TERMS) -> str:
    """The question, then the statute words for every everyday word in it (each added once)."""
    extra: list[str] = []
    for key in matched_keys(q, terms):
        extra += [w for w in terms[key].split() if w not in extra and w not in q]
    return q + (" " + " ".join(extra) if extra else "")
