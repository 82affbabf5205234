def home(r): pass
def review_list(r): pass
def review_detail(r, slug): pass
def review_document(r, slug): pass
def board_detail(r, slug): pass
def page_not_found(r, exception): pass
def server_error(r): pass
