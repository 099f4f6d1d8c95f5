"""Classes the sixteenth session's case sets showed, each on short texts written here (no corpus text): what a good
reply says and must keep, beside the mistake of the same shape that must go."""
from __future__ import annotations

from app.answer.verify import facts
from app.answer.verify.conditions import qualifier_dropped


def _plain(*texts: str) -> list[str]:
    return [facts.plain(t) for t in texts]


def test_a_condition_stated_as_enough_may_not_leave_part_of_it_out():
    s = _plain("对发现塌陷迹象，可能危及行人安全的路段，县级人民政府应当及时设置警示标志。")
    assert qualifier_dropped("只要发现塌陷迹象的路段，县级人民政府就应当及时设置警示标志", s)
    # the whole condition kept, or 只要 not said: the reply does not claim the shorter condition is enough
    assert not qualifier_dropped("只要发现塌陷迹象，可能危及行人安全的路段，县级人民政府就应当及时设置警示标志", s)
    assert not qualifier_dropped("发现塌陷迹象的路段，县级人民政府应当及时设置警示标志", s)
