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

from locust import HttpUser, LoadTestShape, between, constant, task

from benchmarks.load.forms import form_of
from benchmarks.load.people import PEOPLE

PASSWORD = "demo-zukunft-2026"  # the demo's published password
THINK = os.environ.get("ZZ_THINK", "1") != "0"
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


class Person(HttpUser):
    abstract = True
    wait_time = between(1, 3) if THINK else constant(0)
    role = "employee"
    count = 0  # people started so far, for their addresses

    def on_start(self) -> None:
        # Each simulated person has an address of their own, passed on by the "proxy" as nginx
        # does in production (the server trusts one proxy: benchmarks/load/settings.py); from
        # one address, the sign-in limits would refuse all but the first 30 a minute.
        Person.count += 1
        self.client.headers["X-Forwarded-For"] = (
            f"198.18.{Person.count // 250}.{Person.count % 250 + 1}"
        )
        page = self.client.get("/konto/login/", name="sign-in page")
        data = form_of(page.text)
        data.update({"login": PEOPLE[self.role], "password": PASSWORD})
        with self.client.post("/konto/login/", data=data, name="sign in", catch_response=True) as r:
            if "/konto/login/" in r.url:
                r.failure("sign-in refused")

    def get(self, path: str, name: str) -> str:
        return self.client.get(path, name=name).text

    def follow(self, html: str, pattern: str, name: str) -> tuple[str, str] | None:
        """Open the first link of `html` matching `pattern`: (its path, its page), or None."""
        found = re.search(pattern, html)
        if found is None:
            return None
        return found.group(0), self.get(found.group(0), name)

    @task(3)
    def overview(self) -> None:
        self.get("/uebersicht/", "overview")
        self.get("/checks/", "checks")

    @task(1)
    def public(self) -> None:
        self.get("/", "home")
        self.get("/netzwerk/", "network")

    @task(1)
    def catalogue(self) -> None:
        """The centres' offers (public): the catalogue, a module, one of its dates."""
        html = self.get("/lernen/katalog/", "catalogue")
        module = self.follow(html, r"/lernen/katalog/module/\d+/", "catalogue module")
        if module:
            self.follow(module[1], r"/lernen/katalog/termine/\d+/", "catalogue offer")

    @task(1)
    def credentials_public(self) -> None:
        """What a verifier opens: the verification page, the issuer and its status list."""
        self.get("/nachweise/pruefen/", "credentials verify")
        self.get("/nachweise/aussteller/", "credentials issuer")
        self.get("/nachweise/statusliste/revocation/", "credentials status list")


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

    @task(2)
    def my_learning(self) -> None:
        """The own learning path ("Mein Lernweg"), competences and registrations."""
        self.get("/lernen/", "my learning path")
        self.get("/lernen/kompetenzen/", "my competences")
        self.get("/lernen/anmeldungen/", "my registrations")

    @task(2)
    def self_learning(self) -> None:
        """A self-learning unit: the list, a unit, its first section."""
        html = self.get("/lernen/einheiten/", "self-learning units")
        unit = self.follow(
            html,
            r"/lernen/einheiten/(?!statistik/|link/|versuch/)[a-z0-9-]+/",
            "self-learning unit",
        )
        if unit:
            self.get(f"{unit[0]}abschnitt/1/", "self-learning section")

    @task(1)
    def credentials(self) -> None:
        """The own credentials and, when there is one, its verification page."""
        html = self.get("/nachweise/", "my credentials")
        self.follow(html, r"/nachweise/pruefen/[0-9a-f-]{36}/", "credential verified")

    @task(1)
    def participation(self) -> None:
        """The company's co-determination projects: the list, a workspace, its contributions."""
        html = self.get("/mitgestalten/", "participation projects")
        project = self.follow(html, r"/mitgestalten/\d+/", "participation workspace")
        if project:
            self.get(f"{project[0]}beitraege/", "participation items")


class ReadsAISystems(CompanyPerson):
    abstract = True

    @task(2)
    def ai_systems(self) -> None:
        """The AI systems inventory, a system, the open duties, the knowledge pages."""
        html = self.get("/ki-systeme/", "AI systems")
        self.follow(html, r"/ki-systeme/\d+/", "AI system")
        self.get("/ki-systeme/aufgaben/", "AI Act duties")
        self.get("/ki-systeme/wissen/", "AI Act knowledge")


class Lead(ReadsAISystems):
    weight = WEIGHTS["lead"]
    role = "lead"

    @task(1)
    def team_learning(self) -> None:
        self.get("/lernen/team/", "team learning")
        self.get("/lernen/berufsprofile/", "job profiles")


class Employee(CompanyPerson):
    weight = WEIGHTS["employee"]
    role = "employee"


class WorksCouncil(ReadsAISystems):
    weight = WEIGHTS["works_council"]
    role = "works_council"


class Solo(ReadsAISystems):
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

    @task(1)
    def offers(self) -> None:
        """The centre's own offers, its courses and a course's participants."""
        self.get("/lernen/angebote/", "centre offers")
        html = self.get("/lernen/kurse/", "centre courses")
        self.follow(html, r"/lernen/kurse/\d+/", "centre course")


class Advisor(CentrePerson):
    weight = WEIGHTS["advisor"]
    role = "advisor"

    @task(1)
    def learning_demand(self) -> None:
        self.get("/lernen/nachfrage/", "learning demand")


class Programme(CentrePerson):
    weight = WEIGHTS["programme"]
    role = "programme"

    @task(1)
    def learning_demand(self) -> None:
        self.get("/lernen/nachfrage/", "learning demand")


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
