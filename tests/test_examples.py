"""The public page's example questions are citizens' questions, and each gets a cited answer from the corpus."""
import re

import pytest

from app.ui.callbacks import EXAMPLES


def test_citizen_examples_are_in_everyday_words():
    for q in EXAMPLES["citizen"]:
        assert not re.search(r"第[0-9零一二三四五六七八九十百]+条|全年|本局|报告|罚没", q), q  # no staff wording


@pytest.mark.parametrize("question", EXAMPLES["citizen"])
def test_citizen_examples_get_cited_answers(service, question):
    answer = service.ask(question, audience="citizen")
    assert not answer.declined and answer.citations and answer.citations[0].chunk.doc_type == "law"
