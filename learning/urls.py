from django.urls import path

from . import feeds, views

app_name = "learning"
urlpatterns = [
    path("glossary/", views.glossary, name="glossary"),
    path("briefings/themes/<slug:slug>/", views.theme_briefing_page, name="theme-briefing"),
    path("briefings/themes/<slug:slug>/download/", views.theme_briefing_download, name="theme-briefing-download"),
    path("briefings/reviews/<slug:slug>/", views.review_briefing_page, name="review-briefing"),
    path("briefings/reviews/<slug:slug>/download/", views.review_briefing_download, name="review-briefing-download"),
    path("reviews/<slug:slug>/feedback/", views.review_feedback, name="review-feedback"),
    path("alerts/", views.alert_subscribe, name="alert-subscribe"),
    path("alerts/check-your-email/", views.alert_sent, name="alert-sent"),
    path("alerts/confirm/<str:token>/", views.alert_confirm, name="alert-confirm"),
    path("alerts/unsubscribe/<str:token>/", views.alert_unsubscribe, name="alert-unsubscribe"),
    path("follow/", views.follow, name="follow"),
    path("feeds/reviews/", feeds.cached_feed(feeds.AllReviewsFeed()), name="feed-all"),
    path("feeds/search/", feeds.cached_feed(feeds.SearchFeed()), name="feed-search"),
    path("feeds/themes/<slug:slug>/", feeds.cached_feed(feeds.ThemeFeed()), name="feed-theme"),
    path("feeds/regions/<slug:slug>/", feeds.cached_feed(feeds.RegionFeed()), name="feed-region"),
    path("feeds/boards/<slug:slug>/", feeds.cached_feed(feeds.BoardFeed()), name="feed-board"),
    path("feeds/agencies/<slug:slug>/", feeds.cached_feed(feeds.AgencyFeed()), name="feed-agency"),
]
