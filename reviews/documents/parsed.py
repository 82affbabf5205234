"""What reading a review document gives: the interface the admin, suggestions and bulk ingest code against."""

from dataclasses import asdict, dataclass, field


@dataclass
class ParsedDocument:
    kind: str  # "pdf" | "docx"
    text: str  # the whole cleaned text (for similarity / theme suggestion)
    title: str = ""
    review_type: str = ""  # a Review.ReviewType value or ""
    published: str = ""  # "YYYY-MM-DD", "YYYY" or ""
    board: str = ""  # the board or partnership's name as written in the text, or ""
    age_band: str = ""  # a Review.AgeBand value or ""
    summary: str = ""  # the executive summary only, paragraphs separated by blank lines
    findings: list[str] = field(default_factory=list)
    recommendations: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # messages for the editor about parts not found

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "ParsedDocument":
        return cls(**{name: data[name] for name in cls.__dataclass_fields__ if name in data})
