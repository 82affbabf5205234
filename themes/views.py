def theme_index(r): pass
def theme_detail(r, slug): pass
