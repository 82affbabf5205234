"""Load test of the public pages: practitioners browsing, searching and reading reviews, managers on dashboards.

Run headless against gunicorn started as in production (see `make loadtest` and the README):

    .venv/bin/locust -f loadtest/locustfile.py --headless --users 200 --spawn-rate 10 --run-time 10m \\
        --host http://127.0.0.1:8001

Every response of 500 or more counts as a failure (and so does a 404: every address here should exist). The
addresses of real reviews, themes, boards and regions are read once from the open data API when the test starts.
"""

import random

import requests
from locust import HttpUser, between, events, task

# Searches people make: single words, phrases, synonyms, exclusions, sentences, with and without filters.
QUERIES = [
    "neglect",
    "co-sleeping",
    "domestic abuse",
    '"information sharing"',
    "mental health -alcohol",
    "bruising",
    "missed health appointments",
    "self-neglect",
    "criminal exploitation",
    "housing",
    "the baby was not brought to appointments",
    "professional curiosity",
    "father not known to services",
    "escalation",
    "safe sleep",
    "coercive control",
    "school attendance",
    "substance misuse",
]
SORTS = ["", "newest", "oldest", "relevance"]

CATALOGUE = {"reviews": [], "themes": [], "regions": [], "boards": [], "years": []}


@events.test_start.add_listener
def read_catalogue(environment, **kwargs):
    """Real slugs from the API, read once (not counted in the figures)."""
    host = environment.host.rstrip("/")
    first = requests.get(f"{host}/api/reviews/", timeout=30).json()
    for page in random.sample(range(1, first["pages"] + 1), min(20, first["pages"])):
        CATALOGUE["reviews"] += [
            r["slug"] for r in requests.get(f"{host}/api/reviews/?page={page}", timeout=30).json()["results"]
        ]
    for facet, key in (("theme", "themes"), ("region", "regions"), ("board", "boards"), ("year", "years")):
        CATALOGUE[key] = [value["value"] for value in first["facets"][facet]]


def some(kind: str) -> str:
    return random.choice(CATALOGUE[kind])


class Practitioner(HttpUser):
    wait_time = between(1, 5)

    @task(2)
    def home(self):
        self.client.get("/")

    @task(6)
    def search(self):
        params = {"q": random.choice(QUERIES)}
        if random.random() < 0.4:
            params[random.choice(["theme", "region", "year"])] = some(random.choice(["themes", "regions", "years"]))
        if random.random() < 0.3:
            params["sort"] = random.choice(SORTS)
        self.client.get("/reviews/", params=params, name="/reviews/?q=[text]")

    @task(2)
    def browse(self):
        self.client.get(
            "/reviews/", params={"theme": some("themes"), "page": random.randint(1, 3)}, name="/reviews/?theme=[slug]"
        )

    @task(5)
    def read_review(self):
        self.client.get(f"/reviews/{some('reviews')}/", name="/reviews/[slug]/")

    @task(2)
    def theme(self):
        self.client.get(f"/themes/{some('themes')}/", name="/themes/[slug]/")

    @task(1)
    def themes(self):
        self.client.get("/themes/")

    @task(1)
    def board(self):
        self.client.get(f"/boards/{some('boards')}/", name="/boards/[slug]/")

    @task(2)
    def api(self):
        self.client.get("/api/reviews/", params={"q": random.choice(QUERIES)}, name="/api/reviews/?q=[text]")

    @task(1)
    def feed(self):
        self.client.get(f"/feeds/themes/{some('themes')}/", name="/feeds/themes/[slug]/")

    @task(1)
    def glossary(self):
        self.client.get("/glossary/")


class Manager(HttpUser):
    weight = 1  # one manager for every four practitioners
    wait_time = between(2, 8)

    @task(3)
    def dashboard(self):
        self.client.get("/themes/dashboard/")

    @task(2)
    def regional_dashboard(self):
        self.client.get(f"/themes/dashboard/{some('regions')}/", name="/themes/dashboard/[region]/")

    @task(1)
    def tracker(self):
        self.client.get("/tracker/")


Practitioner.weight = 4
