from django.dispatch import Signal

# Sent after any write that changes what the public sees of reviews (import, admin save, publish, withdraw),
# once the rows, their findings, recommendations and tags are all saved. Arguments: review_ids (list[int]);
# optionally search_ready (a collection of some of those ids): reviews written with their search vectors and facet
# ids already computed from their final findings, recommendations and tags (the import's new reviews), so the
# search receiver need not compute them again. Other receivers treat them like any other changed review.
# Receivers keep derived data in step: the search index, cached dashboard figures.
# Optionally public (default True): False when the public neither saw nor now sees any of these reviews (a draft or
# a withdrawn review saved), so that caches of public pages are kept: derived data is updated, nothing is forgotten.
reviews_changed = Signal()

# Sent when a board editor has saved a review in the admin, with `request` and `review`, so that other apps can
# add messages for the editor (the learning app's reading-ease advice) without the admin importing them.
review_saved_in_admin = Signal()
