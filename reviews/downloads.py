"""Files people upload, handed back as downloads: review documents and evidence attachments.

Always an attachment, never shown in the browser, and with nosniff: a file that claims to be a PDF but holds
HTML or script must not run in the portal's origin. The one way the portal serves an uploaded file.
"""

import mimetypes
from pathlib import PurePath

from django.http import FileResponse

# Suffixes whose types Python's table may not know on every system.
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".png": "image/png",
    ".jpg": "image/jpeg",
}


def uploaded_file_response(handle, *, stored_name: str, download_name: str) -> FileResponse:
    """A download of an uploaded file: `stored_name` gives its type (by suffix), `download_name` what it is saved
    as."""
    suffix = PurePath(stored_name).suffix.lower()
    content_type = CONTENT_TYPES.get(suffix) or mimetypes.types_map.get(suffix, "application/octet-stream")
    response = FileResponse(handle, content_type=content_type, as_attachment=True, filename=download_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
