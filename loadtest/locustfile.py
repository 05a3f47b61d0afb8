"""Mixed journeys for every role at a realistic ratio, against the production stack.

Practices read letters and worklists most (weight 6), trusts triage and work their lists
(weight 3), the ICB opens a board page now and then (weight 1). ``PlatformCeiling`` asks for
the trivial liveness page only: run alone, it measures what this server can answer at all on
this machine, so the journeys' figure can be read as a share of that ceiling.

Each simulated person signs in once (as the seeded demo person of their role) and then moves
between pages with a short think time. Pages are named by their pattern, so the figures group
``/letters/123/`` and ``/letters/456/`` together.
"""

from __future__ import annotations

import os
import random
import re

from locust import HttpUser, between, task

PASSWORD = os.environ.get("DEMO_PASSWORD", "joinedup-demo-2026")
LETTER_LINK = re.compile(r'href="/letters/(\d+)/"')
REQUEST_LINK = re.compile(r'href="/referrals/(\d+)/"')


class SignedIn(HttpUser):
    abstract = True
    username = ""
    # Short pauses between pages: enough people clicking that the server, not the think time,
    # sets the pace (LOAD_THINK_SECONDS widens it for a gentler, more lifelike run).
    wait_time = between(0, float(os.environ.get("LOAD_THINK_SECONDS", "0.5")))

    def on_start(self) -> None:
        self.client.get("/sign-in/", name="/sign-in/")
        token = self.client.cookies.get("csrftoken", "")
        with self.client.post(
            "/sign-in/",
            data={"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": f"{self.host}/sign-in/"},
            name="/sign-in/ (post)",
            catch_response=True,
        ) as answer:
            if "Sign out" not in answer.text:
                answer.failure(f"could not sign in as {self.username}")

    def links(self, path: str, pattern: re.Pattern[str], name: str) -> list[str]:
        page = self.client.get(path, name=name)
        return pattern.findall(page.text)


class PracticeUser(SignedIn):
    weight = 6
    username = "gp"

    def on_start(self) -> None:
        super().on_start()
        self.letters = self.links("/letters/", LETTER_LINK, "/letters/") or []

    @task(4)
    def letter_inbox(self) -> None:
        self.client.get("/letters/", name="/letters/")

    @task(4)
    def a_letter(self) -> None:
        if self.letters:
            self.client.get(f"/letters/{random.choice(self.letters)}/", name="/letters/[id]/")

    @task(3)
    def worklists(self) -> None:
        self.client.get(
            random.choice(["/referrals/", "/referrals/?list=returned", "/referrals/?list=answered"]),
            name="/referrals/ (practice lists)",
        )

    @task(2)
    def home(self) -> None:
        self.client.get("/", name="/ (home)")

    @task(1)
    def diagnostics(self) -> None:
        self.client.get("/diagnostics/", name="/diagnostics/")

    @task(1)
    def find_patient(self) -> None:
        self.client.get("/patients/?q=9990000018", name="/patients/?q=[nhs number]")


class TrustUser(SignedIn):
    weight = 3
    username = "consultant"

    def on_start(self) -> None:
        super().on_start()
        self.requests = self.links("/referrals/worklists/", REQUEST_LINK, "/referrals/worklists/")

    @task(4)
    def referrals_for_review(self) -> None:
        page = random.randint(1, 20)
        self.client.get(f"/referrals/worklists/?list=referrals&page={page}", name="/referrals/worklists/ (paged)")

    @task(2)
    def advice_requests(self) -> None:
        self.client.get("/referrals/worklists/?list=advice", name="/referrals/worklists/?list=advice")

    @task(4)
    def a_request(self) -> None:
        if self.requests:
            self.client.get(f"/referrals/{random.choice(self.requests)}/", name="/referrals/[id]/")

    @task(1)
    def concerns_inbox(self) -> None:
        self.client.get("/concerns/", name="/concerns/")


class IcbUser(SignedIn):
    weight = 1
    username = "icb.analyst"

    @task(2)
    def overview(self) -> None:
        self.client.get("/directory/icb/", name="/directory/icb/")

    @task(2)
    def concern_review(self) -> None:
        self.client.get("/concerns/review/", name="/concerns/review/")

    @task(1)
    def timeliness(self) -> None:
        self.client.get("/letters/timeliness/", name="/letters/timeliness/")


class PlatformCeiling(HttpUser):
    """The trivial page only (no database): what the server answers at best on this machine."""

    wait_time = between(0, 0)

    @task
    def live(self) -> None:
        self.client.get("/health/live", name="/health/live")
