from __future__ import annotations

import pytest

from realpolitik.ingest.language import is_english

FOREIGN = {
    "French": (
        "Le président français a rencontré jeudi son homologue allemand à Berlin pour discuter de la "
        "guerre en Ukraine et des relations avec la Russie. Les deux dirigeants ont appelé à un cessez-le-feu."
    ),
    "German": (
        "Die Bundesregierung hat am Mittwoch zwei russische Diplomaten ausgewiesen, nachdem die "
        "Bundesanwaltschaft Beweise für einen staatlichen Auftrag für den Mord in Berlin vorgelegt hatte."
    ),
    "Spanish": (
        "El gobierno de España anunció el lunes que enviará más tropas a la misión de la OTAN en Letonia, "
        "en respuesta a la creciente tensión con Rusia en la frontera oriental de la alianza."
    ),
    "Russian": (
        "Министр иностранных дел России заявил в понедельник, что Москва готова к переговорам с Киевом, "
        "но только на своих условиях, и обвинил Запад в затягивании конфликта."
    ),
    "Arabic": (
        "أعلنت وزارة الخارجية السعودية يوم الجمعة استئناف العلاقات الدبلوماسية مع إيران بعد محادثات "
        "استضافتها الصين في بكين، وفقا لبيان مشترك صادر عن البلدان الثلاثة."
    ),
    "Polish": (
        "Rząd Polski ogłosił w środę budowę zapory na granicy z Białorusią, po tym jak tysiące migrantów "
        "próbowały przekroczyć granicę. Komisja Europejska poparła działania Warszawy wobec Mińska."
    ),
}


@pytest.mark.parametrize("language", sorted(FOREIGN))
def test_other_languages_are_rejected(language: str) -> None:
    assert not is_english(FOREIGN[language])


@pytest.mark.parametrize(
    "text",
    [
        "Iran attacks Israel",
        "Von der Leyen meets Erdogan in Ankara",
        "Macron, Scholz, Meloni, Sánchez, Tusk, Orbán, Fico, Mitsotakis and Erdoğan met in Granada.",
        "NATO, EU, G7, OPEC+, ASEAN, SCO: Moscow, Beijing, Tehran, Ankara, Riyadh, Cairo.",
        "Jean-Yves Le Drian said France and the United Arab Emirates signed a deal for 80 Rafale jets.",
        "Germany on Monday banned Iranian airline Mahan Air from flying in the European nation, with "
        "officials saying this is for security reasons.",
    ],
)
def test_english_including_short_and_name_heavy_is_accepted(text: str) -> None:
    assert is_english(text)


def test_english_article_quoting_another_language_is_english() -> None:
    text = (
        "French President Emmanuel Macron said on Thursday that Europe must not become a vassal of the "
        "United States. 'La France ne sera pas un vassal', he told reporters in Paris, adding that the "
        "European Union should build its own defence industry and reduce its dependence on Washington."
    )
    assert is_english(text)


def test_no_words_is_not_english() -> None:
    assert not is_english("1234 5678 --- !!!")
