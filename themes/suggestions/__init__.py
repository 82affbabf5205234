"""Suggested themes and agencies for reviews and findings, similar and duplicate reviews.

corpus    the published reviews' text and tags, read in a few queries
model     the Suggester: TF-IDF with one calibrated linear classifier per theme (and per agency), blended with the
          taxonomy's names, synonyms and descriptions so that a theme with few tagged reviews is still suggested
store     saving a trained Suggester as a ThemeModel version and loading the current one (cached per process)
training  training, cross-validated precision/recall/F1 per theme, and whether it is time to train again
similar   each published review's most similar published reviews, and reviews like a new document
duplicates  is an upload probably a review already in the library
findings  which themes each finding is about
"""
