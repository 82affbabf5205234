"""Recognising the headings of a review report and cutting it into sections.

Reports name their parts in many ways ("2. Executive Summary", "Key findings", "Lessons learnt",
"Recommendations for the partnership"); the numbering, case and a closing colon are ignored.
"""

import re
from dataclasses import dataclass, field

from .blocks import BOLD_RANK, Block

SUMMARY = "summary"
FINDINGS = "findings"
RECOMMENDATIONS = "recommendations"
BOTH = "both"  # "Findings and recommendations": items are told apart by their labels
CONTENTS = "contents"
OTHER = "other"  # a main part of a report that is none of the above (Introduction, Terms of reference, ...)

_NUMBERING = re.compile(
    r"^(?:(?:section|part|chapter|appendix)\s+)?(?:\d{1,2}(?:\.\d{1,2})*|[ivx]{1,5}|[a-h])[.):\-–]?\s+(?=\w)",
    re.IGNORECASE,
)
_KINDS: list[tuple[str, re.Pattern]] = [
    (CONTENTS, re.compile(r"(?:table of )?contents|index")),
    (
        BOTH,
        re.compile(
            r"(?:key |main )?(?:findings|learning|lessons(?: learn[te]d)?)(?:,)? (?:and|&) recommendations?"
            r"(?: for .*)?"
        ),
    ),
    (
        SUMMARY,
        re.compile(
            r"(?:an? )?(?:executive|overview|brief|short) summary(?: of .*)?|summary(?: of (?:the )?"
            r"(?:review|case|report|events|circumstances).*)?"
            r"|overview(?: of (?:the )?(?:case|review))?"
            # The Welsh child and adult practice review template's summary.
            r"|(?:a )?brief outline of (?:the )?circumstances.*"
            r"|executive summary and .*"
        ),
    ),
    (
        RECOMMENDATIONS,
        re.compile(
            r"(?:(?:key|main|our|the|review|panel|multi[- ]agency|single[- ]agency|partnership|summary of(?: the)?"
            r"|list of(?: the)?)\s+)*recommendations?(?: (?:for|to|made|from|of|arising)\b.*)?"
            r"|what (?:needs to|should) (?:happen|change).*|areas? for (?:improvement|development)"
            r"|improving systems and practice"  # the Welsh practice review template's recommendations
        ),
    ),
    (
        FINDINGS,
        re.compile(
            r"(?:(?:the|key|main|summary of(?: the)?|review|panel|analysis and|overview of)\s+)*"
            r"(?:findings?|learning(?: points?| themes?| from (?:this|the) (?:review|case))?|lessons?(?: to be)?"
            r"(?: learn[te]d| identified)?|learning and (?:findings|themes|analysis)|themes and learning"
            r"|what (?:we|the review) (?:learn[te]d|found)|practice and organi[sz]ational learning)"
            r"(?: (?:for|from|of|about|arising)\b.*)?"
        ),
    ),
    (
        OTHER,
        re.compile(
            r"introduction|background|terms of reference|scope(?: of .*)?|methodology|(?:the )?review process"
            r"|conclusions?|concluding .*|appendi(?:x|ces).*|glossary|references|bibliography|chronology"
            r"|analysis|family (?:involvement|contribution)|(?:the )?panel|acknowledgements?|foreword|preface"
            r"|the (?:child|family|case)|case (?:summary|history)|(?:good|positive) practice|next steps"
            r"|action plan|membership.*|process|the review team|independent reviewer|about (?:this|the) review"
            r"|why (?:this|the) review.*|practice (?:issues|episodes)|key practice episodes"
        ),
    ),
]


def heading_text(text: str) -> str:
    """A heading without its numbering, closing colon and case: '2.1 Key Findings:' -> 'key findings'."""
    text = _NUMBERING.sub("", text.strip(), count=1)
    text = re.sub(r"[\s:.\-–]+$", "", text)
    return re.sub(r"\s+", " ", text).lower()


def heading_kind(text: str) -> str | None:
    """Which part of a report a line names, if it is a whole-line heading a report would use."""
    if len(text) > 90 or re.search(r"[^\d\s]\.$", text.strip()):
        return None  # too long, or a sentence
    name = heading_text(text)
    for kind, pattern in _KINDS:
        if pattern.fullmatch(name):
            return kind
    return None


_LOOSE: list[tuple[str, re.Pattern]] = [
    (RECOMMENDATIONS, re.compile(r"\brecommend", re.I)),
    (FINDINGS, re.compile(r"\b(?:findings?|learning|lessons?|learn[te]d?)\b", re.I)),
    (SUMMARY, re.compile(r"\bsummary\b", re.I)),
]


def styled_heading_kind(text: str) -> str | None:
    """For a line styled as a heading, also the looser wordings ("The panel recommends", "Areas of learning")."""
    kind = heading_kind(text)
    if kind is not None or len(text.split()) > 8:
        return kind
    return next((kind for kind, pattern in _LOOSE if pattern.search(heading_text(text))), None)


def looks_like_heading(text: str) -> bool:
    """Short, not a sentence: what a styled line must also look like to count as a heading."""
    words = text.split()
    return 0 < len(words) <= 14 and len(text) <= 120 and not re.search(r"[,;]$|[a-z]\.$", text)


@dataclass
class Section:
    kind: str | None
    heading: Block
    blocks: list[Block] = field(default_factory=list)


def _kind(block: Block) -> str | None:
    return styled_heading_kind(block.text) if block.is_heading else heading_kind(block.text)


def _is_section_heading(block: Block) -> bool:
    return _kind(block) is not None or (block.is_heading and looks_like_heading(block.text))


def numbering_depth(text: str) -> int:
    """1 for "2. Findings", 2 for "2.1 Background", 0 for a heading without a number."""
    match = re.match(r"(\d{1,2}(?:\.\d{1,2})*)\.?\s+(?=\w)", text.strip())
    return match.group(1).count(".") + 1 if match else 0


def _sub_heading(heading: Block, later: Block, kind: str) -> bool:
    """Whether a heading that looks as important as a section's own is a sub-heading inside it: numbered one
    level deeper ("2.1 Background" under "2. Executive summary"), in smaller type (bold paragraphs in Word),
    or, inside a numbered summary, not numbered at all (the report numbers its main parts)."""
    depth, later_depth = numbering_depth(heading.text), numbering_depth(later.text)
    if depth and later_depth > depth:
        return True
    if heading.size and later.size and later.size < heading.size - 0.5:
        return True
    return kind == SUMMARY and depth > 0 and later_depth == 0


def sections(blocks: list[Block]) -> list[Section]:
    """Every known part of the report with the blocks under it, up to the next heading of the same level or above,
    or the next known part. Sub-headings stay inside (a summary's 'Background', a finding's title)."""
    found: list[Section] = []
    for index, block in enumerate(blocks):
        kind = _kind(block)
        if kind is None or (block.list_item and not block.is_heading):
            continue
        rank = block.rank or BOLD_RANK - 3  # an unstyled known heading ranks between styled ones and bold lines
        section = Section(kind=kind, heading=block)
        for later in blocks[index + 1 :]:
            if _is_section_heading(later):
                later_kind = _kind(later)
                later_rank = later.rank or BOLD_RANK - 3
                # Another main part ends this one; any other heading only when it is at the same level or above,
                # except that in a document whose headings are all bold paragraphs, a summary's unfamiliar
                # sub-heading ("About Child Q") cannot be told from a main one by its look: it is kept in.
                if later_kind not in (None, OTHER, kind):
                    break
                if later_rank <= rank and not (
                    (kind == SUMMARY and later_kind is None and rank == later_rank == BOLD_RANK)
                    or (later_kind != kind and _sub_heading(block, later, kind))
                ):
                    break
            section.blocks.append(later)
        found.append(section)
    return found
