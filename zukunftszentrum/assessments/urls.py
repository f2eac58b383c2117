"""URLs of the self-checks, mounted at /checks/."""

from django.urls import path

from .views import company, exports, overview, result, take

app_name = "assessments"

urlpatterns = [
    path("", overview.overview, name="overview"),
    path("kompetenz/", overview.individual_start, name="individual_start"),
    path("eroeffnen/", overview.open_check, name="open"),
    path("unternehmen/<int:pk>/", overview.assessment_start, name="assessment_start"),
    path("unternehmen/<int:pk>/abschliessen/", overview.close_check, name="close"),
    path("unternehmen/<int:pk>/wieder-oeffnen/", overview.reopen_check, name="reopen"),
    path("unternehmen/<int:pk>/ergebnis/", company.company_result, name="company_result"),
    path(
        "unternehmen/<int:pk>/ergebnis.pdf", company.company_result_pdf, name="company_result_pdf"
    ),
    path("export/", exports.export, name="exports"),
    # signed-in people: their own responses by id
    path("antwort/<uuid:pk>/", take.continue_, name="continue"),
    path("antwort/<uuid:pk>/seite/<int:number>/", take.page, name="page"),
    path("antwort/<uuid:pk>/pruefen/", take.review, name="review"),
    path("antwort/<uuid:pk>/danke/", take.done, name="done"),
    path("antwort/<uuid:pk>/ergebnis/", result.result, name="result"),
    path("antwort/<uuid:pk>/ergebnis.pdf", result.result_pdf, name="result_pdf"),
    # everyone else: the private link
    path("weiter/<str:token>/", take.resume, name="resume"),
    path("weiter/<str:token>/fortsetzen/", take.token_continue, name="token_continue"),
    path("weiter/<str:token>/seite/<int:number>/", take.token_page, name="token_page"),
    path("weiter/<str:token>/pruefen/", take.token_review, name="token_review"),
    path("weiter/<str:token>/danke/", take.token_done, name="token_done"),
    path("weiter/<str:token>/ergebnis/", result.result_by_token, name="result_by_token"),
    path("weiter/<str:token>/ergebnis.pdf", result.result_pdf_by_token, name="result_pdf_by_token"),
]
