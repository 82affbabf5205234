"""A seven-minute briefing as a Word document, drawn from the same Briefing as the printable page."""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

from .briefings import LEARNING_NOT_BLAME, Briefing

SECONDARY_TEXT = RGBColor(0x50, 0x5A, 0x5F)


def briefing_docx(briefing: Briefing, *, site_url: str) -> bytes:
    """The briefing as DOCX bytes. `site_url` (e.g. "https://portal.example") makes the links absolute."""
    document = Document()
    section = document.sections[0]
    section.top_margin = section.bottom_margin = Cm(1.5)
    section.left_margin = section.right_margin = Cm(1.8)
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10.5)

    properties = document.core_properties
    properties.title = briefing.title
    properties.author = "SCR Learning Portal"
    properties.subject = briefing.caption

    caption = document.add_paragraph(briefing.caption)
    caption.runs[0].font.color.rgb = SECONDARY_TEXT
    document.add_heading(briefing.subject, level=1)
    if briefing.lead:
        document.add_paragraph(briefing.lead)
    intro = document.add_paragraph(LEARNING_NOT_BLAME)
    intro.runs[0].italic = True

    document.add_heading(briefing.first_heading, level=2)
    for paragraph in briefing.first:
        document.add_paragraph(paragraph)

    if briefing.findings:
        document.add_heading(briefing.findings_heading, level=2)
        for item in briefing.findings:
            quote = document.add_paragraph(style="Quote")
            quote.add_run(f"“{item.text}”")
            if item.source:
                source = document.add_paragraph(f"From: {item.source}")
                source.runs[0].font.size = Pt(9)
                source.runs[0].font.color.rgb = SECONDARY_TEXT

    if briefing.why_it_matters:
        document.add_heading("Why it matters", level=2)
        for paragraph in briefing.why_it_matters:
            document.add_paragraph(paragraph)

    if briefing.what_to_do:
        document.add_heading("What to do", level=2)
        for item in briefing.what_to_do:
            bullet = document.add_paragraph(item.text, style="List Bullet")
            if item.source:
                source = bullet.add_run(f" ({item.source})")
                source.font.color.rgb = SECONDARY_TEXT

    document.add_heading("Questions for your team", level=2)
    for question in briefing.questions:
        document.add_paragraph(question, style="List Number")

    if briefing.acronyms:
        document.add_heading("Acronyms in this briefing", level=2)
        for term, expansion in briefing.acronyms:
            line = document.add_paragraph()
            line.add_run(term).bold = True
            line.add_run(f": {expansion}")

    document.add_heading("Find out more", level=2)
    for item in briefing.sources:
        document.add_paragraph(f"{item.text}: {site_url}{item.url}", style="List Bullet")

    footer = section.footer.paragraphs[0]
    footer.text = f"SCR Learning Portal · made on {briefing.made_on:%-d %B %Y} from {site_url}{briefing.page_path}"
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.runs[0].font.size = Pt(8)

    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
