"""Classes the thirty-first and thirty-second independent case sets showed, each on short texts written here (no
corpus text): what a good reply says and must keep, beside the mistake of the same shape that must go."""
from __future__ import annotations

from app.answer.verify import Verifier, facts
from app.answer.verify.conditions import qualifier_dropped
from app.answer.verify.parties import approver_dropped
from app.answer.verify.duties import excuse_overridden
from tests.test_verify import law, report

TITLE = "河南省示例条例"


def _shown(reply: str, *chunks) -> str:
    return Verifier(list(chunks)).verify(reply).text


def test_a_department_named_by_its_field_alone_is_that_department():
    a = law("第三十条　违反本条例规定未造成火灾的，由县级以上人民政府林业行政主管部门给予警告，对个人并处三百元以上"
            "三千元以下罚款。", "第三十条", 30, TITLE)
    assert "林业部门给予警告" in _shown("没有造成火灾的，由林业部门给予警告，个人并处300元以上3000元以下罚款[1]。", a)
    assert "警告" not in _shown("没有造成火灾的，由自然资源部门给予警告，个人并处300元以上3000元以下罚款[1]。", a)


def test_a_range_after_a_bracketed_aside_belongs_to_the_words_before_the_aside():
    a = law("第五条　税额如下：\n（一）人均耕地不超过一亩的地区（以县、不设区的市为单位，下同），每平方米为十元至五十元；\n"
            "（二）人均耕地超过一亩但不超过二亩的地区，每平方米为八元至四十元。", "第五条", 5, TITLE)
    assert "10元至50元" in _shown("人均耕地不超过1亩的地区，每平方米10元至50元[1]。", a)
    assert "8元至40元" not in _shown("人均耕地不超过1亩的地区，每平方米8元至40元[1]。", a)


def test_a_comparison_row_whose_cells_each_restate_their_own_clause():
    a = law("第四十条　盗伐林木的，责令补种盗伐株数一倍以上五倍以下的树木，并处盗伐林木价值五倍以上十倍以下的罚款。\n"
            "滥伐林木的，责令补种滥伐株数一倍以上三倍以下的树木，可以处滥伐林木价值三倍以上五倍以下的罚款。",
            "第四十条", 40, TITLE)
    head = "| 项目 | 盗伐 | 滥伐 |\n|---|---|---|\n"
    row = "| 罚款 | 并处盗伐林木价值5倍以上10倍以下的罚款[1] | 可以处滥伐林木价值3倍以上5倍以下的罚款[1] |"
    assert "5倍以上10倍以下" in _shown(head + row, a)
    # bare figures name no clause: the row is read as one statement, and no clause holds 3倍 and 10倍 together
    bare = "| 项目 | 补种 | 罚款 |\n|---|---|---|\n| 盗伐 | 1倍以上3倍以下[1] | 5倍以上10倍以下[1] |"
    assert "1倍以上3倍以下" not in _shown(bare, a)


def test_a_figure_clause_is_placed_by_its_own_words_not_by_its_neighbours():
    a = law("第五十三条　临时建设的期限一般不超过二年。确需延期的，应当在有效期届满三十日前向原批准机关申请办理延期使用"
            "手续。延长期限不得超过一年。", "第五十三条", 53, TITLE)
    good = "确需延期的，要在有效期届满30日前向原批准机关申请办理延期使用手续，延长的期限最长不超过1年[1]。"
    assert "不超过1年" in _shown(good, a)
    # the neighbour's figure in this clause is still out of place (不超过2年, the 二年 of the first sentence, is
    # not caught: that sentence's words match the clause as well; left as a known gap)
    assert "不超过30日" not in _shown(good.replace("1年", "30日"), a)


def test_a_dropped_limiter_states_the_rule_as_always_holding():
    passage = ["公开征求意见的期限一般不少于30日；", "因情况紧急需要缩短期限的，应当予以说明。"]
    assert qualifier_dropped("解析：条例明确公开征求意见的期限不少于30日，并应当公布决策草案", passage)
    assert not qualifier_dropped("公开征求意见的期限一般不少于30日，并应当公布决策草案", passage)
    assert not qualifier_dropped("公开征求意见的期限不少于30日，情况紧急的除外", passage)


def test_the_excused_case_stated_under_the_requirement():
    passage = ["采伐林地上的林木应当申请采伐许可证，并按照采伐许可证的规定进行采伐；",
               "采伐自然保护区以外的竹林，不需要申请采伐许可证，但应当符合林木采伐技术规程。"]
    assert excuse_overridden("竹子：采伐竹林同样需要申请采伐许可证，并按照许可证的规定采伐", passage)
    assert not excuse_overridden("采伐林地上的林木需要申请采伐许可证", passage)
    assert not excuse_overridden("采伐保护区以外的竹林，不需要申请采伐许可证", passage)


def test_the_body_an_approval_is_forwarded_to_left_out():
    passage = ["确需拆迁永久性测量标志的，建设单位应当向所在地市测绘主管部门提出申请，由市测绘主管部门报省测绘主管部门批准；"]
    assert approver_dropped("需要拆迁的，向市测绘主管部门提出申请，由市测绘主管部门批准", passage)
    assert not approver_dropped("需要拆迁的，向市测绘主管部门提出申请，由市测绘主管部门报省测绘主管部门批准", passage)


def test_a_part_the_passages_leave_open_is_said_and_kept():
    a = law("第七条　农村居民在规定用地标准以内占用耕地新建自用住宅，按照当地适用税额减半征收耕地占用税。", "第七条", 7, TITLE)
    reply = ("1. 农村居民在规定用地标准以内占用耕地新建自用住宅，按照当地适用税额减半征收[1]。\n"
             "2. 关于本市的适用税额：资料中没有相关内容。")
    shown = _shown(reply, a)
    assert "减半征收" in shown and "关于本市的适用税额：资料中没有相关内容" in shown
    assert "每平方米30元" not in _shown(reply + "\n3. 本市适用税额为每平方米30元：资料中没有相关内容。", a)


def test_a_wrong_detail_clause_goes_and_the_total_before_it_stays():
    a = report("全年开展法治讲座6场，其中进党校授课2场、乡镇宣讲4场。", "一、（三）")
    shown = _shown("全年开展法治讲座6场，其中进党校授课4场、乡镇宣讲2场[1]。", a)
    assert "法治讲座6场" in shown and "授课4场" not in shown


def test_items_under_a_removed_cited_heading_keep_its_source():
    a = report("2. 抓实森林防火工作。召开会商研判会议4次，张贴禁火令1000余张，组织防火演练6次。", "一、（六）2")
    b = law("第二十二条　每年十一月一日起至次年四月三十日为本省森林防火紧要期。", "第二十二条", 22, TITLE)
    reply = ("**讲稿要点**\n1. 本局全年工作成绩回顾[1]\n- 召开会商研判会议4次，张贴禁火令1000余张\n- 组织防火演练6次\n"
             "2. 关键时段[2]\n- 每年11月1日至次年4月30日为本省森林防火紧要期")
    shown = _shown(reply, a, b)
    assert "组织防火演练6次[1]" in shown and "张贴禁火令1000余张[1]" in shown
    assert "4月30日为本省森林防火紧要期" in shown
    assert "演练8次" not in _shown(reply.replace("演练6次", "演练8次"), a, b)


def test_a_limiter_before_a_later_clause_and_an_approval_with_its_comma():
    passage = ["因特殊情况不能按期作出决定的，经负责人批准，可以适当延长办案期限，一般延长期限不得超过三十日。"]
    assert qualifier_dropped("因特殊情况不能按期作出的，经负责人批准可以延长，延长期限最长不得超过30日", passage)
    assert not qualifier_dropped("因特殊情况不能按期作出的，经负责人批准可以延长，一般延长期限不得超过30日", passage)
    # as the verifier reads passages (facts.plain: the comma after the approval is ",")
    collected = [facts.plain("连续2年未使用的，经国务院批准，由县级以上人民政府无偿收回用地单位的土地使用权；")]
    assert qualifier_dropped("连续2年未使用的，由县级以上人民政府无偿收回用地单位的土地使用权", collected)


def test_tiers_are_figures_but_the_next_level_up_is_not():
    a = report("2. 抓实森林防火工作。将森林资源划分为28个网格，健全五级责任体系。", "一、（六）2")
    assert "五级" in _shown("健全五级责任体系[1]。", a)
    assert "四级" not in _shown("将森林资源划分为28个网格，健全四级责任体系[1]。", a)
    b = law("第九条　对复查决定不服的，可以向上级机关申请复核。", "第九条", 9, TITLE)
    assert "上一级机关" in _shown("对复查决定不服的，可以向上一级机关申请复核[1]。", b)


def test_an_act_put_first_that_the_passage_puts_last():
    from app.answer.verify.order import order_reversed
    passage = ["讨论决策草案，会议组成人员应当充分发表意见，行政首长最后发表意见。",
               "当事人不在场的，行政机关应当在事后立即通知当事人，并依法作出处理。"]
    assert order_reversed("讨论时行政首长应当首先发表意见，会议组成人员随后发表意见", passage)
    assert order_reversed("当事人不在场的，应当先通知当事人，待其到场后再实施", passage)
    assert not order_reversed("会议组成人员充分发表意见后，行政首长最后发表意见", passage)
    assert not order_reversed("当事人不在场的，行政机关应当在事后立即通知当事人", passage)


def test_two_figure_clauses_part_when_one_is_wrong():
    a = report("全年向纪委监委移交党员干部涉嫌违法线索4宗，向公安机关移交刑事犯罪线索2宗。", "一、（四）2")
    shown = _shown("向纪委监委移交党员干部涉嫌违法线索4宗，向公安机关移交刑事犯罪线索4宗[1]。", a)
    assert "涉嫌违法线索4宗" in shown and "犯罪线索4宗" not in shown


def test_an_a_not_a_question_negates_nothing():
    a = law("第四十八条　因其他特殊情况耽误起诉期限的，在障碍消除后十日内，可以申请延长期限，是否准许由人民法院决定。",
            "第四十八条", 48, TITLE)
    assert "准不准由法院决定" in _shown("因为其他特殊情况耽误的，可以在障碍消除后10日内申请延长，准不准由法院决定[1]。", a)


def test_the_penalty_a_claim_restates_is_the_one_its_figures_name():
    a = law("第六十四条　尚可采取改正措施消除影响的，限期改正，处建设工程造价百分之五以上百分之十以下的罚款；无法采取改正"
            "措施消除影响的，限期拆除，可以并处建设工程造价百分之十以下的罚款。", "第六十四条", 64, TITLE)
    assert "5%以上10%以下" in _shown("尚可采取改正措施消除影响的，限期改正并处建设工程造价5%以上10%以下的罚款[1]。", a)
    assert "并处建设工程造价10%以下" not in _shown("无法采取改正措施消除影响的，限期拆除，并处建设工程造价10%以下的罚款[1]。", a)


def test_a_short_item_the_passage_list_does_not_name():
    a = law("第二十五条　行政执法证据包括：\n（一）书证；\n（二）物证；\n（三）勘验笔录、现场笔录。", "第二十五条", 25, TITLE)
    reply = "行政执法证据包括以下几种[1]：\n1. 书证；\n2. 物证；\n3. 勘验笔录、现场笔录；\n4. 询问笔录。"
    shown = _shown(reply, a)
    assert "物证" in shown and "现场笔录" in shown and "询问笔录" not in shown


def test_the_other_stage_of_mining():
    from app.answer.verify.parties import mining_stage_swapped
    passage = ["经审核同意后，按照国务院关于采矿登记管理法规的规定，办理采矿登记。"]
    assert mining_stage_swapped("经审核同意后，按照国务院关于采矿登记管理法规的规定，办理探矿登记", passage)
    assert not mining_stage_swapped("经审核同意后，按照国务院关于采矿登记管理法规的规定，办理采矿登记", passage)


def test_a_claim_may_say_where_in_the_report_its_passage_stands():
    from app.schema import Chunk
    a = Chunk(chunk_id="rep-3-1", doc_type="report", title="孟州市自然资源和规划局2025年法治政府建设工作报告",
              short_title="2025年法治政府建设工作报告", version=None, is_current=True, article=None, article_no=None,
              part=None, heading_path=("三、下一步工作打算", "（一）持续深化法治理论学习教育"), section="三、（一）",
              text="将法治培训纳入干部年度培训核心内容，计划开展专题培训班4次以上。", source="report/report.txt")
    shown = _shown("报告在下一步工作打算中提出，计划开展专题培训班4次以上[1]。", a)
    assert "专题培训班4次以上" in shown
    assert "6次以上" not in _shown("报告在下一步工作打算中提出，计划开展专题培训班6次以上[1]。", a)


def test_a_map_scale_in_either_notation():
    a = law("第八条　经济发展较快地区的万分之一地形图每五年更新一次；县级基础测绘包括二千分之一地形图的测制。",
            "第八条", 8, TITLE)
    assert "每5年更新一次" in _shown("| 成果 | 周期 |\n|---|---|\n| 1:1万地形图 | 每5年更新一次[1] |", a)
    assert "1:2000地形图" in _shown("县级基础测绘包括1:2000地形图的测制[1]。", a)
    assert "1:5000" not in _shown("县级基础测绘包括1:5000地形图的测制[1]。", a)


# --- what a review of the checks above found they must not do (each kept by the verifier before them) -------------

def test_review_a_short_cited_item_in_a_list_of_its_own_style_is_no_heading():
    a = law("第一条　证据包括：\n（一）书证；\n（二）物证。", "第一条", 1, TITLE)
    b = law("第二条　违反本条例规定的，处五百元以上二千元以下罚款。", "第二条", 2, TITLE)
    shown = _shown("要点如下：\n1. 书证[1]\n2. 物证[1]\n3. 违反本条例规定的，处5000元以上2万元以下罚款[2]", a, b)
    assert "物证" in shown and "5000元" not in shown


def test_review_orderings_of_another_actor_or_another_act_stand():
    from app.answer.verify.order import order_reversed
    passage = ["讨论决策草案，会议组成人员应当充分发表意见，行政首长最后发表意见。", "当事人应当首先进行协商；协商不成的，可以申请仲裁。",
               "行政机关应当在作出行政处罚决定之前告知当事人拟作出的处罚内容。"]
    for claim in ("会议组成人员先发表意见，行政首长后发表意见", "当事人应当先进行协商，协商不成后进行仲裁",
                  "行政机关在调查取证后告知当事人拟作出的处罚内容"):
        assert not order_reversed(claim, passage), claim


def test_review_a_limiter_put_in_other_words_or_as_its_exception_stands():
    passage = ["公开征求意见的期限一般不少于30日；", "决议须经半数以上成员同意。"]
    assert not qualifier_dropped("除情况紧急外，公开征求意见的期限不少于30日", passage)
    assert not qualifier_dropped("决议须经一半以上成员同意", passage)


def test_review_a_claim_before_no_answer_is_still_a_claim():
    a = law("第七条　农村居民在规定用地标准以内占用耕地新建自用住宅，按照当地适用税额减半征收耕地占用税。", "第七条", 7, TITLE)
    reply = "1. 减半征收耕地占用税[1]。\n2. 农村居民建房免征耕地占用税：资料中没有相关内容。"
    assert "免征" not in _shown(reply, a)


def test_review_a_real_negation_after_a_longer_word_is_kept():
    a = law("第九条　因案情复杂不能按期作出决定的，经负责人批准，可以延长三十日。", "第九条", 9, TITLE)
    assert "可能不能按期" in _shown("因案情复杂可能不能按期作出决定的，经负责人批准，可以延长30日[1]。", a)


def test_review_a_department_written_without_its_和():
    a = law("第十条　违反本条例规定的，由县级以上人民政府住房和城乡建设主管部门责令改正。", "第十条", 10, TITLE)
    assert "住房城乡建设部门责令改正" in _shown("违反本条例规定的，由住房城乡建设部门责令改正[1]。", a)


def test_review_a_million_scale_and_a_paraphrased_item():
    a = law("第七条　国家基础测绘包括一百万分之一地形图的测制。", "第七条", 7, TITLE)
    assert "1:100万" in _shown("国家基础测绘包括1:100万地形图的测制[1]。", a)
    b = law("第二十五条　行政执法证据包括：\n（一）书证；\n（二）视听资料、电子数据。", "第二十五条", 25, TITLE)
    assert "录音录像" in _shown("行政执法证据包括[1]：\n1. 书证；\n2. 录音录像；\n3. 电子数据。", b)


def test_after_fresh39_40_limiter_not_less_an_absence_a_but_clause_and_a_level():
    passage = ["送请合法性审查，应当保证必要的审查时间，一般不少于7个工作日。"]
    assert qualifier_dropped("送请合法性审查，应当保证必要的审查时间，不得少于7个工作日", passage)
    a = law("第七条　农村居民占用耕地新建自用住宅，按照当地适用税额减半征收耕地占用税。", "第七条", 7, TITLE)
    reply = "农村居民占用耕地新建自用住宅，按照当地适用税额减半征收[1]。\n资料中没有河南省或孟州市具体适用税额的相关内容。"
    assert "资料中没有河南省或孟州市具体适用税额的相关内容" in _shown(reply, a)
    b = law("第三十一条　情况复杂，不能在规定期限内作出决定的，经负责人批准，可以适当延长；但是延长期限最多不超过三十日。",
            "第三十一条", 31, TITLE)
    assert "最多延长30日" in _shown("情况复杂的最多延长30日[1]。", b)
    from app.answer.verify.parties import level_swapped
    p = ["农村村民住宅用地，由乡（镇）人民政府审核批准；其中，涉及占用农用地的，依法办理审批手续。"]
    assert level_swapped("宅基地由县级人民政府审核批准", p)
    assert not level_swapped("宅基地由乡镇人民政府审核批准", p)


def test_an_unmarked_opening_verdict_removed_takes_no_answer_away():
    from app.answer.verify.cases import run_case
    p = {"n": 1, "title": TITLE, "version": "2023-09-01", "article": "第二十八条",
         "text": "第二十八条　森林高火险期内，严禁在林区及其边缘吸烟、野炊、上坟烧纸等一切野外用火。"}
    good = {"question": "清明回老家上坟烧纸会被罚吗？", "audience": "citizen", "passages": [p],
            "reply": "清明回老家上坟烧纸，可能会被罚。\n\n森林高火险期内，严禁在林区及其边缘一切野外用火[1]。"}
    shown, _ = run_case(good)
    assert "严禁在林区及其边缘一切野外用火" in shown.text and not any("摘录" in n for n in shown.notices)
    # a cited sentence that answers and goes does take the answer away: the excerpt comes first
    q = {"n": 1, "title": TITLE, "version": "2023-09-01", "article": "第二十五条",
         "text": "第二十五条　查封、扣押的期限不得超过三十日；情况复杂的，经行政机关负责人批准，可以延长，但是延长期限不得超过三十日。"}
    bad = {"question": "扣押的期限最长是多久？", "audience": "citizen", "passages": [q],
           "reply": "扣押的期限不得超过60日[1]。\n\n情况复杂的，经负责人批准可以延长[1]。"}
    shown, _ = run_case(bad)
    assert "60日" not in shown.text and any("摘录" in n for n in shown.notices)
