"""What can go wrong with an uploaded document, and the limits that keep reading it cheap."""


class DocumentError(ValueError):
    """An upload that cannot be used; the message is written for the board editor."""


# Extracting more than this many characters means something is wrong (or hostile): a summary is a few pages.
MAX_TEXT_CHARS = 2_000_000
MAX_PDF_PAGES = 500
# A zip bomb would expand to far more than any summary: refuse a DOCX whose parts add up to more than this
# many times the upload limit.
MAX_UNPACKED_RATIO = 20

DAMAGED_PDF = "The PDF is damaged or incomplete and cannot be read."
DAMAGED_DOCX = "The Word document is damaged or incomplete and cannot be read."
NOT_A_DOCUMENT = "The file must be a PDF or a Word document (.docx)."
NO_TEXT = "No text could be found in the document. If it is a scanned image, upload a version with text."
