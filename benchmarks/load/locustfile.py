"""The load test's visitors (locust): demo people of every role walking mixed journeys.

Each simulated person signs in once (sign-ins are spread over the start: password hashing costs
about 0.4 s of CPU each), then repeats journeys of their role with 1-3 s of thinking between
requests (ZZ_THINK=0: none, for the saturation ramp). Request names are route names, so figures
are per page; downloads are named "download: ..." and reported apart.
"""

from __future__ import annotations

import os
import random
import re
from html.parser import HTMLParser

from locust import HttpUser, LoadTestShape, between, constant, task

PASSWORD = "demo-zukunft-2026"  # the demo's published password
THINK = os.environ.get("ZZ_THINK", "1") != "0"
PEOPLE = {
    "lead": "geschaeftsfuehrung@demo.example.org",
    "employee": "beschaeftigte@demo.example.org",
    "works_council": "betriebsrat@demo.example.org",
    "solo": "solo@demo.example.org",
    "centre_admin": "zentrumsleitung@demo.example.org",
    "advisor": "beratung@demo.example.org",
    "programme": "programm@demo.example.org",
}
# How many of the simulated people act in each role (companies' people outnumber centre staff).
WEIGHTS = {
    "lead": 3,
    "employee": 6,
    "works_council": 1,
    "solo": 2,
    "centre_admin": 1,
    "advisor": 3,
    "programme": 1,
}


class _Form(HTMLParser):
    """The fields of the first POST form of a page, filled as a hurried person would."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, str | list[str]] = {}
        self.inside = False
        self.done = False
        self.textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "").lower() == "post" and not self.done:
            self.inside = True
        if not self.inside:
            return
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind == "hidden" or (kind in ("radio", "checkbox") and name not in self.data):
                self.data[name] = a.get("value", "")
            elif kind == "number":
                self.data[name] = a.get("min", "1") or "1"
            elif kind in ("text", "email"):
                self.data.setdefault(name, "Lasttest")
        elif tag == "textarea" and name:
            self.data[name] = "Lasttest"
        elif tag == "select" and name:
            self.textarea = name  # take the first option
        elif tag == "option" and self.textarea and a.get("value"):
            self.data.setdefault(self.textarea, a["value"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self.textarea = None
        if tag == "form" and self.inside:
            self.inside, self.done = False, True


def form_of(html: str) -> dict[str, str | list[str]]:
    parser = _Form()
    parser.feed(html)
    return parser.data


class Person(HttpUser):
    abstract = True
    wait_time = between(1, 3) if THINK else constant(0)
    role = "employee"

    def on_start(self) -> None:
        page = self.client.get("/konto/login/", name="sign-in page")
        data = form_of(page.text)
        data.update({"login": PEOPLE[self.role], "password": PASSWORD})
        with self.client.post("/konto/login/", data=data, name="sign in", catch_response=True) as r:
            if "/konto/login/" in r.url:
                r.failure("sign-in refused")

    def get(self, path: str, name: str) -> str:
        return self.client.get(path, name=name).text

    @task(3)
    def overview(self) -> None:
        self.get("/uebersicht/", "overview")
        self.get("/checks/", "checks")

    @task(1)
    def public(self) -> None:
        self.get("/", "home")
        self.get("/netzwerk/", "network")


class CompanyPerson(Person):
    abstract = True

    @task(2)
    def company_result(self) -> None:
        html = self.get("/checks/", "checks")
        found = re.search(r"/checks/unternehmen/(\d+)/ergebnis/", html)
        if found:
            pk = found.group(1)
            self.get(f"/checks/unternehmen/{pk}/ergebnis/", "company result")
            if random.random() < 0.2:
                self.get(f"/checks/unternehmen/{pk}/ergebnis.pdf", "download: company result PDF")

    @task(1)
    def answer_competence_check(self) -> None:
        """Start the competence check, answer every page, submit, read the result."""
        start = self.client.get("/checks/kompetenz/", name="check start")
        r = self.client.post("/checks/kompetenz/", data=form_of(start.text), name="check started")
        for _ in range(20):  # the check has fewer pages
            if "/seite/" not in r.url:
                break
            data = form_of(r.text)
            data["step"] = "next"
            r = self.client.post(r.url, data=data, name="check page")
        if r.url.endswith("/pruefen/"):
            r = self.client.post(r.url, data=form_of(r.text), name="check submitted")
        result = re.search(r"/checks/antwort/([0-9a-f-]{36})/ergebnis/", r.text + r.url)
        if result:
            self.get(f"/checks/antwort/{result.group(1)}/ergebnis/", "own result")
            if random.random() < 0.2:
                self.get(
                    f"/checks/antwort/{result.group(1)}/ergebnis.pdf", "download: own result PDF"
                )


class Lead(CompanyPerson):
    weight = WEIGHTS["lead"]
    role = "lead"


class Employee(CompanyPerson):
    weight = WEIGHTS["employee"]
    role = "employee"


class WorksCouncil(CompanyPerson):
    weight = WEIGHTS["works_council"]
    role = "works_council"


class Solo(CompanyPerson):
    weight = WEIGHTS["solo"]
    role = "solo"


class CentrePerson(Person):
    abstract = True
    filters = [
        "",
        "?zeitraum={year}",
        "?zeitraum={year}&gewichtung=roh",
        "?zeitraum={year}&land=SH",
        "?zeitraum={year}&land=HH&wz=C",
    ]

    @task(3)
    def needs_dashboard(self) -> None:
        import datetime

        query = random.choice(self.filters).format(year=datetime.date.today().year)
        self.get(f"/bedarfe/{query}", "needs dashboard")

    @task(1)
    def needs_downloads(self) -> None:
        fmt = random.choice(["csv", "xlsx"])
        self.get(f"/bedarfe/export.{fmt}", f"download: needs {fmt.upper()}")


class CentreAdmin(CentrePerson):
    weight = WEIGHTS["centre_admin"]
    role = "centre_admin"

    @task(1)
    def workspace(self) -> None:
        self.get("/zentrum/", "centre workspace")


class Advisor(CentrePerson):
    weight = WEIGHTS["advisor"]
    role = "advisor"


class Programme(CentrePerson):
    weight = WEIGHTS["programme"]
    role = "programme"


class Bare(HttpUser):
    """The baseline: a bare Django view through the same server (only with ZZ_BASELINE=1)."""

    wait_time = constant(0)
    weight = 1 if os.environ.get("ZZ_BASELINE") == "1" else 0

    @task
    def bare(self) -> None:
        self.client.get("/bench/bare/", name="bare view")


class Steps(LoadTestShape):
    """The saturation ramp (only with ZZ_STEPS="5,10,20,40"): people are added step by step and
    stay signed in, so each step measures journeys, not sign-ins."""

    abstract = os.environ.get("ZZ_STEPS", "") == ""
    steps = [int(s) for s in os.environ.get("ZZ_STEPS", "1").split(",")]
    seconds = int(os.environ.get("ZZ_STEP_SECONDS", "30"))

    def tick(self) -> tuple[int, float] | None:
        step = int(self.get_run_time() // self.seconds)
        if step >= len(self.steps):
            return None
        return self.steps[step], 5.0
