from hypothesis import given, strategies as st

from app.text import article_label, clean_input, cn_to_int, int_to_cn, normalise_figures, to_halfwidth


@given(st.integers(min_value=1, max_value=9999))
def test_numeral_round_trip(n):
    assert cn_to_int(int_to_cn(n)) == n


def test_statute_numeral_forms():
    assert int_to_cn(10) == "十" and int_to_cn(20) == "二十" and int_to_cn(105) == "一百零五"
    assert int_to_cn(110) == "一百一十" and int_to_cn(1010) == "一千零一十"
    assert article_label(47) == "第四十七条"
    assert cn_to_int("两") == 2 and cn_to_int("二〇二三") == 2023
    assert cn_to_int("１０") == 10 and cn_to_int("abc") is None


def test_halfwidth_and_clean():
    assert to_halfwidth("第１０条（一）") == "第10条(一)"
    assert clean_input(" a\u200bb\x00 \n c ") == "ab c"


def test_figures_normalised():
    assert normalise_figures("六十日") == normalise_figures("60日")
    assert normalise_figures("40.13 万亩") == "40.13万亩"
    assert normalise_figures("二十个工作日") == normalise_figures("20个工作日")


def test_titles_nested_with_angle_brackets_normalise_alike():
    from app.text import norm_title

    assert norm_title("《河南省实施〈中华人民共和国城乡规划法〉办法》") == norm_title("河南省实施《中华人民共和国城乡规划法》办法")
