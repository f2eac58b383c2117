"""URLs of the participation projects, mounted at /mitgestalten/. Every view declares its
access rule (see zukunftszentrum.core.access). Items and comments are addressed by random
UUIDs, so an address says nothing about the order of posting."""

from django.urls import path

from .views import ideas, projects

app_name = "participation"

urlpatterns = [
    path("", projects.project_list, name="projects"),
    path("neu/", projects.project_new, name="project_new"),
    path("<int:pk>/", projects.workspace, name="workspace"),
    path("<int:pk>/bearbeiten/", projects.project_edit, name="project_edit"),
    path("<int:pk>/phase/", projects.phase_move, name="phase_move"),
    path("<int:pk>/mitglieder/", projects.member_add, name="member_add"),
    path(
        "<int:pk>/mitglieder/<int:member_pk>/entfernen/",
        projects.member_remove,
        name="member_remove",
    ),
    path("<int:pk>/dokumente/", projects.document_upload, name="document_upload"),
    path(
        "<int:pk>/dokumente/<int:document_pk>/",
        projects.document_download,
        name="document",
    ),
    path("<int:pk>/beitraege/", ideas.item_list, name="items"),
    path("<int:pk>/beitraege/neu/", ideas.item_new, name="item_new"),
    path("<int:pk>/beitraege/<uuid:item_pk>/", ideas.item_detail, name="item"),
    path("<int:pk>/beitraege/<uuid:item_pk>/kommentar/", ideas.comment, name="comment"),
    path("<int:pk>/beitraege/<uuid:item_pk>/stimme/", ideas.vote, name="vote"),
    path("<int:pk>/beitraege/<uuid:item_pk>/ausblenden/", ideas.item_hide, name="item_hide"),
    path("<int:pk>/beitraege/<uuid:item_pk>/einblenden/", ideas.item_show, name="item_show"),
    path(
        "<int:pk>/beitraege/<uuid:item_pk>/kommentare/<uuid:comment_pk>/ausblenden/",
        ideas.comment_hide,
        name="comment_hide",
    ),
    path("<int:pk>/beitraege/<uuid:item_pk>/zusammenfuehren/", ideas.item_merge, name="item_merge"),
    path("<int:pk>/beitraege/<uuid:item_pk>/antwort/", ideas.item_answer, name="item_answer"),
]
