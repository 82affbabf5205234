"""A small tagged library for the suggestion tests: three themes, each with its own way of talking, written so
that the words the model must learn are not the themes' names or synonyms."""

import datetime

from .factories import ReviewFactory

WORDS = {
    "safe-sleep": [
        "The infant was found unresponsive on the sofa after the night feed.",
        "The baby slept in the adult bed beside a parent who had been drinking.",
        "Advice about the cot and the baby's sleeping place was given only once, on the ward.",
    ],
    "domestic-abuse": [
        "Police attended the flat after neighbours heard shouting and a woman screaming.",
        "The partner controlled the money and stopped the mother seeing her friends.",
        "The mother withdrew her statement after the partner threatened her.",
    ],
    "neglect": [
        "The home was dirty, there was little food and the children wore the same clothes for days.",
        "The children were often late for school, hungry and unwashed.",
        "Dental decay and head lice went untreated for months.",
    ],
}
COMMON = "The review looked at how agencies worked with the family over two years."


def make_tagged_corpus(board, per_theme: int = 8) -> dict[str, list]:
    """{theme slug: its published reviews}, each with findings about its theme and one neutral finding."""
    made = {}
    for slug, sentences in WORDS.items():
        made[slug] = []
        for number in range(per_theme):
            picked = [sentences[(number + offset) % len(sentences)] for offset in range(2)]
            made[slug].append(
                ReviewFactory(
                    board=board,
                    title=f"{slug.replace('-', ' ').title()} case {number}: review",
                    summary=f"{COMMON} {' '.join(picked)}",
                    published_on=datetime.date(2015 + number % 8, 3, 1),
                    themes=[slug],
                    findings=["Agencies met regularly but rarely agreed a plan.", picked[0]],
                    recommendations=["The partnership should check its procedures are followed."],
                )
            )
    return made
