"""A platform named as where a statement was written ("skriver hun på Facebook") is no issue trigger and no topic
word; the platform as a policy question still is (constructed sentences, fictional people, real parties)."""

import pytest
from test_nlp_mentions import fictional_registry

from tracker.nlp.channels import Channels
from tracker.nlp.pipeline import build_pipeline, extract
from tracker.sources import ArticleInput


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(fictional_registry())


def statement(nlp, text: str):
    (found,) = extract(nlp, ArticleInput(text=text, source="t.txt", published=None))
    return found


def test_a_channel_is_a_platform_after_a_channel_preposition(nlp):
    doc = nlp.make_doc("Hun skriver på Facebook om Facebook.")
    channels = Channels(frozenset({"facebook"}), frozenset({"på"}))
    assert [channels.at(doc, i) for i in (3, 5)] == [True, False]
    assert Channels.from_dict(channels.to_dict()) == channels and Channels.from_dict(None) == Channels.bundled()


def test_where_a_statement_was_written_is_no_issue_or_topic(nlp):
    found = statement(nlp, "Regeringen vil indføre en sukkerafgift.\n\n"
                           "»Det er en dårlig idé,« skriver Mette Testesen på Facebook.")
    assert found.issue != "techgiganter" and found.cap_topic != "Technology"


def test_the_platform_as_a_question_is_still_an_issue(nlp):
    assert statement(nlp, "Venstre vil have Facebook og TikTok reguleret.").issue == "techgiganter"
