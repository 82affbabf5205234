from django.urls import path

from . import audit_views, evidence_views, views

app_name = "actions"
urlpatterns = [
    # Public, from published reviews only
    path("tracker/", views.national_tracker, name="national-tracker"),
    path("tracker/recommendations-and-actions.csv", views.national_tracker_csv, name="national-tracker-csv"),
    path("boards/<slug:slug>/tracker/", views.board_tracker, name="board-tracker"),
    path("boards/<slug:slug>/tracker/actions.csv", views.board_tracker_csv, name="board-tracker-csv"),
    path("audits/national/", audit_views.national_audits, name="national-audits"),
    # Board staff and inspectors, signed in
    path("boards/<slug:slug>/actions/", views.board_actions, name="board-actions"),
    path("recommendations/<int:recommendation_id>/actions/new/", views.action_add, name="action-add"),
    path("actions/<int:pk>/", views.action_detail, name="action"),
    path("actions/<int:pk>/change/", views.action_edit, name="action-edit"),
    path("actions/<int:pk>/updates/new/", views.update_add, name="update-add"),
    path("actions/updates/<int:pk>/evidence/", views.update_attachment, name="update-attachment"),
    path("boards/<slug:slug>/audits/", audit_views.board_audits, name="board-audits"),
    path("audits/<int:pk>/", audit_views.audit_detail, name="audit"),
    path("boards/<slug:slug>/evidence-pack/", evidence_views.evidence_pack, name="evidence-pack"),
    path("boards/<slug:slug>/evidence-pack.zip", evidence_views.evidence_pack_zip, name="evidence-pack-zip"),
]
