"""What a demo review is made of: a scenario is one coherent story that fits only some ages, types and outcomes.

Every sentence may use {name}, {age}, {he}, {his}, {him}, {He}, {His} (the subject) and {board} (who the review
speaks to: "The partnership", "The safeguarding adults board", ...). A theme's summary sentence, finding and
recommendation are written together so that what a review found and recommends is about what its summary says.
"""

from dataclasses import dataclass, field

DIED, HARMED = "died", "seriously harmed"
CHILD_TYPES = ("SCR", "CSPR", "National", "CPR")
ADULT_TYPES = ("SAR", "DHR", "APR")


@dataclass(frozen=True)
class ThemeText:
    """How one theme shows in a review: sentences for the summary, findings and recommendations (one of each)."""

    sentences: tuple[str, ...]
    findings: tuple[str, ...]
    recommendations: tuple[str, ...]


@dataclass(frozen=True)
class Scenario:
    key: str
    age_bands: tuple[str, ...]
    review_types: tuple[str, ...]
    # The opening sentences for each outcome the story allows; the outcome is stated there and nowhere else.
    openings: dict[str, tuple[str, ...]]
    background: tuple[str, ...]
    # Themes every review of this story has, with their words.
    core: dict[str, ThemeText]
    # Themes a review may also have: words from `own` when given, else the shared practice words (practice.py).
    optional: tuple[str, ...]
    agencies: tuple[str, ...]
    own: dict[str, ThemeText] = field(default_factory=dict)
    adult_ages: tuple[int, int] = (0, 0)
    female_share: float = 0.5
    weight: float = 1.0

    @property
    def outcomes(self) -> tuple[str, ...]:
        return tuple(self.openings)

    @property
    def themes(self) -> set[str]:
        return set(self.core) | set(self.optional)
