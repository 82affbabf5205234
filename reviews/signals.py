from django.dispatch import Signal

# Sent after any write that changes what the public sees of reviews (import, admin save, publish, withdraw),
# once the rows, their findings, recommendations and tags are all saved. Arguments: review_ids (list[int]).
# Receivers keep derived data in step: the search index, cached dashboard figures.
reviews_changed = Signal()
