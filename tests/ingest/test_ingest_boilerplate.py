from __future__ import annotations

from collections.abc import Callable

import pytest

from realpolitik.ingest.boilerplate import classify_line, strip_boilerplate


def _paragraphs(text: str) -> list[str]:
    """Non-blank lines, right-stripped: what a comparison of kept text needs."""
    return [line.rstrip() for line in text.split("\n") if line.strip()]


# --- seed 000: an op-ed followed by teasers of three other articles -----------------------------


def test_seed_000_keeps_the_article_and_drops_the_teasers(seed: Callable[[str], str]) -> None:
    raw = seed("000")
    out = strip_boilerplate(raw)
    assert out.startswith(
        "Why is Israel smiling after Azeri win in Nagorno-Karabakh?\n\nBecause it's all about Iran"
    )
    assert out.endswith(
        "not far-fetched anti-Iranian schemes hatched by armchair warriors in Washington think tanks."
    )
    for gone in (
        "Follow us on social",
        "Shutterstock_1315077194",
        "Analysis | Middle East",
        "personal views of the author",
        "Papparazza",
        "Fort Bragg",
        "hegemon",
        "neutrality",
        "Top photo credit",
        "Top image credit",
        "keep reading",
        "LATEST",
        "Newsletter",
        "Subscribe now",
    ):
        assert gone not in out, gone
    # Every paragraph of the article body is there, separated by blank lines.
    body = raw[raw.index("At the outbreak of the war") : raw.index("This article reflects")]
    assert "\n\n".join(_paragraphs(body)) in out


def test_seed_004_is_unchanged_but_for_its_image_caption(seed: Callable[[str], str]) -> None:
    raw = seed("004")
    out = strip_boilerplate(raw)
    expected = [line for line in _paragraphs(raw) if not line.startswith("IMAGE:")]
    assert _paragraphs(out) == expected
    assert "The Second Karabakh War" in out.split("\n")  # a genuine subheading stays
    assert "\n\n\n" not in out


# --- other sites' furniture, written for these tests --------------------------------------------

NEWS_SITE = """\
Skip to main content
Menu
World | Middle East
Iran and Saudi Arabia restore diplomatic ties
By Jane Doe
Published 10 March 2023
Share this article
Facebook
Twitter

Iran and Saudi Arabia agreed on Friday to restore diplomatic relations and reopen their embassies within two months, ending a seven-year rift between the regional rivals.

Advertisement

The deal was brokered by China after talks in Beijing, according to a joint statement released by the three countries.

Sign up for our newsletter
Get the latest news delivered to your inbox.

The United States welcomed the agreement but said it would watch whether Iran honours its commitments.

Background

Riyadh cut ties with Tehran in 2016 after protesters stormed the Saudi embassy in the Iranian capital.

Related Articles
US sanctions Iranian drone makers
China hosts Gulf leaders for summit
Russia and Iran deepen military cooperation

© 2024 World News Ltd. All rights reserved.
We use cookies to improve your experience. By continuing to browse you accept our cookie policy.
Accept
"""


def test_news_site_page() -> None:
    out = strip_boilerplate(NEWS_SITE)
    assert out == (
        "Iran and Saudi Arabia restore diplomatic ties\n\n"
        "Published 10 March 2023\n\n"
        "Iran and Saudi Arabia agreed on Friday to restore diplomatic relations and reopen their embassies "
        "within two months, ending a seven-year rift between the regional rivals.\n\n"
        "The deal was brokered by China after talks in Beijing, according to a joint statement released by "
        "the three countries.\n\n"
        "The United States welcomed the agreement but said it would watch whether Iran honours its commitments.\n\n"
        "Background\n\n"
        "Riyadh cut ties with Tehran in 2016 after protesters stormed the Saudi embassy in the Iranian capital."
    )


ONE_LINE_PER_PARAGRAPH = """\
NEWS  >  EUROPE
Germany expels Russian diplomats over Berlin killing
2 min read
Germany on Wednesday expelled two Russian diplomats after federal prosecutors said there was evidence that Moscow ordered the killing of a Georgian man in a Berlin park.
Russia denied any involvement and promised to retaliate.
READ MORE: Kremlin rejects German accusations
Chancellor Angela Merkel said the decision was a response to Russia's failure to cooperate with the investigation.
Photo: Reuters
Story continues below advertisement
Georgia's foreign ministry welcomed the move.
Tags: Germany, Russia, Diplomacy
More from Europe
France and Italy sign treaty to deepen cooperation
The two countries signed the Quirinal Treaty on Friday, a pact Paris and Rome hope will shift the balance of power in Europe.
Poland builds wall on Belarus border
Warsaw began building a barrier on its border with Belarus after a migrant crisis that the EU blamed on Minsk.
Most Read
1
Turkey blocks Sweden's NATO bid
"""


def test_scrape_with_one_line_per_paragraph_gets_blank_lines_and_loses_teasers() -> None:
    out = strip_boilerplate(ONE_LINE_PER_PARAGRAPH)
    assert out.split("\n\n") == [
        "Germany expels Russian diplomats over Berlin killing",
        "Germany on Wednesday expelled two Russian diplomats after federal prosecutors said there was "
        "evidence that Moscow ordered the killing of a Georgian man in a Berlin park.",
        "Russia denied any involvement and promised to retaliate.",
        "Chancellor Angela Merkel said the decision was a response to Russia's failure to cooperate "
        "with the investigation.",
        "Georgia's foreign ministry welcomed the move.",
    ]


TEASERS_WITHOUT_DISCLAIMER = """\
Armenia and Azerbaijan signed a peace framework in Washington on Friday, ending decades of conflict.

The United States promised to guarantee a transit corridor through southern Armenia.

Russia, which brokered the 2020 truce, was not invited to the ceremony.

Top image credit: A photographer / Agency

Ukraine talks stall again

Europe

Ukraine and Russia failed to agree on a ceasefire during talks in Istanbul, Turkish officials said.

keep reading Show less

Top photo credit: Someone / Wire

China and India ease border tension

Asia

China and India agreed to resume border patrols along the disputed frontier in the Himalayas.

keep reading Show less
"""


def test_teaser_before_a_keep_reading_marker_is_removed_with_its_header() -> None:
    out = strip_boilerplate(TEASERS_WITHOUT_DISCLAIMER)
    assert out.endswith("Russia, which brokered the 2020 truce, was not invited to the ceremony.")
    assert "Istanbul" not in out and "Himalayas" not in out and "Ukraine talks" not in out


def test_newsletter_box_inside_an_article_does_not_cut_it() -> None:
    text = (
        "Japan and South Korea agreed to restore their military intelligence pact on Monday.\n\n"
        "Sign up for our daily newsletter\n\n"
        "The agreement follows a thaw between Tokyo and Seoul encouraged by Washington.\n\n"
        "North Korea condemned the move as a threat to regional security.\n\n"
        "China urged both sides to avoid bloc confrontation.\n"
    )
    out = strip_boilerplate(text)
    assert "newsletter" not in out
    assert "North Korea condemned" in out and "China urged both sides" in out


def test_related_heading_followed_by_more_article_does_not_cut_it() -> None:
    text = (
        "Egypt and Turkey restored full diplomatic relations on Tuesday.\n\n"
        "Related\n\n"
        "Both countries named ambassadors for the first time since 2013.\n\n"
        "Cairo had accused Ankara of backing the Muslim Brotherhood.\n\n"
        "Qatar welcomed the step, its foreign ministry said.\n"
    )
    out = strip_boilerplate(text)
    assert "Related" not in out
    assert out.endswith("Qatar welcomed the step, its foreign ministry said.")


def test_hard_wrapped_paragraphs_survive_furniture_next_to_them() -> None:
    text = (
        "Advertisement\n"
        "The foreign ministers of India and Pakistan met in Islamabad on Monday\n"
        "for the first talks between the nuclear-armed neighbours in three years,\n"
        "officials from both sides said.\n"
        "Share this article\n"
        "\n"
        "The two sides agreed to reopen the Kartarpur corridor and to exchange\n"
        "lists of prisoners held in each other's jails, according to a statement\n"
        "from the Pakistani foreign office.\n"
    )
    out = strip_boilerplate(text)
    assert out == (
        "The foreign ministers of India and Pakistan met in Islamabad on Monday\n"
        "for the first talks between the nuclear-armed neighbours in three years,\n"
        "officials from both sides said.\n\n"
        "The two sides agreed to reopen the Kartarpur corridor and to exchange\n"
        "lists of prisoners held in each other's jails, according to a statement\n"
        "from the Pakistani foreign office."
    )


def test_text_without_furniture_is_unchanged() -> None:
    text = (
        "Iran and Iraq signed a security pact on Sunday.\n\n"
        "Subheading Without Punctuation Here\n\n"
        "The pact commits Baghdad to disarm Kurdish groups near the border.\n\n"
        "Shr 1.22 dlrs vs 59 cts\nNet 12.3 mln vs 4.1 mln\nRevs 120 mln vs 98 mln"
    )
    assert strip_boilerplate(text) == text


@pytest.mark.parametrize(
    "line",
    [
        "Credit Suisse said on Tuesday it had frozen assets linked to Russian oligarchs.",
        "By Friday, Iran had withdrawn its ambassador from Baku.",
        "Copyright disputes between China and the United States have intensified this year.",
        "Iran will get access to the funds held in South Korea, officials said.",
        "The newsletter Intelligence Online reported that France sold radars to Egypt.",
        "(C) - Sales made on exporters' own account.",
        "Her statement does not necessarily reflect government policy, a spokesman said.",
        "Subscribers to the theory argue that Moscow benefits.",
    ],
)
def test_real_sentences_are_not_furniture(line: str) -> None:
    assert classify_line(line) == "text"


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Share on Facebook", "junk"),
        ("Advertisement", "junk"),
        ("We use cookies to give you the best experience on our website.", "junk"),
        ("READ MORE: Kremlin rejects German accusations", "junk"),
        ("5 min read", "junk"),
        ("Tags: Iran, Israel", "junk"),
        ("By Jane Doe", "junk"),
        ("Top photo credit: lev radin / Shutterstock.com", "credit"),
        ("(Photo by Aziz Karimov/Getty Images)", "credit"),
        ("Prime Minister Benjamin Netanyahu. (Papparazza/Shutterstock)", "credit"),
        ("IMG_20201001_123456.jpg", "credit"),
        ("Home > World > Europe", "credit"),
        ("Related Articles", "end"),
        ("More from Europe", "end"),
        ("You may also like", "end"),
        ("keep readingShow less", "end"),
        ("© 2024 World News Ltd.", "end"),
        ("All rights reserved.", "end"),
        ("The views expressed in this article are those of the author.", "end"),
        ("Sign up for our newsletter", "weak_end"),
        ("Subscribe now to our weekly round-up and don't miss a beat.", "weak_end"),
        ("Published 12 May 2019", "meta"),
        ("The Second Karabakh War", "label"),
    ],
)
def test_line_kinds(line: str, kind: str) -> None:
    assert classify_line(line) == kind
