"""Turns scenarios into review dictionaries in the import format; deterministic for a seed and a day."""

import datetime
import random

from . import places, practice
from .adults import ADULT_SCENARIOS
from .children import CHILD_SCENARIOS
from .scenario import DIED, Scenario, ThemeText

DEFAULT_SEED = 2014
FIRST_YEAR = 2012
DEMO_REFERENCE_PREFIX = "DEMO-"

ADULT_SHARE = 0.22
WALES_SHARE = 0.08
NATIONAL_SHARE = 0.025  # of children's reviews in England from 2020: the panel publishes a handful a year
AGE_BAND_WEIGHTS = {"under-1": 30, "1-4": 18, "5-10": 14, "11-15": 22, "16-17": 16}
# Serious case reviews still being published after the partnerships took over: fewer each year.
SCR_SHARE_AFTER_2018 = {2019: 0.7, 2020: 0.4, 2021: 0.15}
# Themes drift over time so that the dashboards have trends to find.
RISING = {"online-harm", "sexual-abuse-and-exploitation", "race-culture-and-identity"}
FALLING = {"record-keeping", "hidden-men"}


def _trend(slug: str, year: int) -> float:
    weight = 1.0
    if slug in RISING:
        weight *= 0.5 + (year - FIRST_YEAR) / 6
    if slug in FALLING:
        weight *= 2.0 - (year - FIRST_YEAR) / 10
    return max(weight, 0.1)


def _date_in(rng: random.Random, year: int, today: datetime.date) -> datetime.date:
    start = datetime.date(year, 1, 1)
    end = min(datetime.date(year, 12, 31), today)
    return start + datetime.timedelta(days=rng.randint(0, (end - start).days))


def _type_and_year(rng: random.Random, *, adult: bool, wales: bool, last_year: int) -> tuple[str, int]:
    if adult:
        if rng.random() < 0.35:
            return "DHR", rng.randint(FIRST_YEAR, last_year)
        if wales:
            return "APR", rng.randint(places.FIRST_WELSH_PRACTICE_REVIEW_YEAR, last_year)
        return "SAR", rng.randint(places.FIRST_SAR_YEAR, last_year)
    if wales:
        return "CPR", rng.randint(places.FIRST_WELSH_PRACTICE_REVIEW_YEAR, last_year)
    year = rng.randint(FIRST_YEAR, last_year)
    if year >= places.FIRST_NATIONAL_YEAR and rng.random() < NATIONAL_SHARE:
        return "National", year
    if year < places.FIRST_CSPR_YEAR:
        return "SCR", year
    if year > places.LAST_SCR_YEAR:
        return "CSPR", year
    return ("SCR" if rng.random() < SCR_SHARE_AFTER_2018[year] else "CSPR"), year


def _scenario(rng: random.Random, review_type: str, year: int) -> tuple[Scenario, str]:
    if review_type in {"SAR", "DHR", "APR"}:
        candidates = [s for s in ADULT_SCENARIOS if review_type in s.review_types]
        band = "adult"
    else:
        band = rng.choices(list(AGE_BAND_WEIGHTS), list(AGE_BAND_WEIGHTS.values()))[0]
        candidates = [s for s in CHILD_SCENARIOS if band in s.age_bands and review_type in s.review_types]
    weights = [s.weight * min(_trend(slug, year) for slug in s.core) for s in candidates]
    return rng.choices(candidates, weights)[0], band


def _age(rng: random.Random, band: str, scenario: Scenario) -> str:
    if band == "under-1":
        weeks = rng.randint(3, 50)
        return f"{weeks} weeks" if weeks < 9 else f"{weeks * 12 // 52} months"
    if band == "adult":
        return str(rng.randint(*scenario.adult_ages))
    low, high = (int(n) for n in band.split("-"))
    return str(rng.randint(low, high))


def _name(rng: random.Random, band: str, review_type: str, female: bool) -> str:
    letter = rng.choice(places.LETTERS)
    if band == "adult":
        if review_type != "DHR" and rng.random() < 0.5:
            return f"Adult {letter}"
        return f"{rng.choice(['Ms', 'Mrs']) if female else 'Mr'} {letter}"
    if band == "under-1" and rng.random() < 0.7:
        return f"Baby {letter}"
    return f"Child {letter}"


def _words(scenario: Scenario, slug: str, adult: bool) -> ThemeText:
    if slug in scenario.core:
        return scenario.core[slug]
    return scenario.own.get(slug) or (practice.ADULT if adult else practice.CHILD)[slug]


def demo_review(rng: random.Random, number: int, *, seed: int, today: datetime.date) -> dict:
    """One invented review whose age, type, year, board, outcome, themes and words all agree."""
    adult = rng.random() < ADULT_SHARE
    wales = rng.random() < WALES_SHARE
    review_type, year = _type_and_year(rng, adult=adult, wales=wales, last_year=today.year)
    scenario, band = _scenario(rng, review_type, year)
    if review_type == "National":
        region, area = places.NATIONAL_REGION, ""
    elif wales:
        region, area = places.WALES_REGION, rng.choice(places.WALES)
    else:
        region = rng.choice(list(places.ENGLAND))
        area = rng.choice(places.ENGLAND[region])
    board, board_words = places.board_for(review_type, area, year)

    female = rng.random() < scenario.female_share
    name = _name(rng, band, review_type, female)
    he, his, him = ("she", "her", "her") if female else ("he", "his", "him")
    words = {"name": name, "age": _age(rng, band, scenario), "he": he, "his": his, "him": him, "board": board_words}
    words |= {"He": he.capitalize(), "His": his.capitalize()}

    outcome = rng.choice(scenario.outcomes)
    optional = list(scenario.optional)
    themes = list(scenario.core)
    for _ in range(rng.randint(1, 3)):
        slug = rng.choices(optional, [_trend(s, year) for s in optional])[0]
        optional.remove(slug)
        themes.append(slug)

    sentences = [rng.choice(scenario.openings[outcome])]
    sentences += rng.sample(scenario.background, k=min(2, len(scenario.background)))
    findings, recommendations = [], []
    for slug in themes:
        text = _words(scenario, slug, adult)
        sentences.append(rng.choice(text.sentences))
        findings.append(rng.choice(text.findings))
        recommendations.append(rng.choice(text.recommendations))
    sentences.append(rng.choice(places.CLOSINGS_ADULT if adult else places.CLOSINGS_CHILD))

    title = rng.choice(places.TITLES[review_type]).format(name=name)
    where = f"{area}, {year}" if area else str(year)
    agencies = sorted(
        {scenario.agencies[0], *rng.sample(scenario.agencies[1:], k=rng.randint(1, min(3, len(scenario.agencies) - 1)))}
    )
    suffix = "" if seed == DEFAULT_SEED else f"-{seed}"
    return {
        "title": f"{title} ({where})",
        "reference": f"{DEMO_REFERENCE_PREFIX}{year}-{number:06d}{suffix}",
        "review_type": review_type,
        "board": board,
        "region": region,
        "published": _date_in(rng, year, today).isoformat(),
        "age_band": band,
        "summary": " ".join(sentence.format(**words) for sentence in sentences),
        "findings": [finding.format(**words) for finding in findings],
        "recommendations": [recommendation.format(**words) for recommendation in recommendations],
        "themes": themes,
        "agencies": agencies,
        "source_url": "",
        # Not part of the import format (demo_reviews leaves them out): what tests check the words against.
        "_scenario": scenario.key,
        "_outcome": "died" if outcome == DIED else "seriously harmed",
    }
