"""Finding a service from the words a citizen uses.

An in-memory index per process, built from the published service versions and rebuilt when
a cheap stamp query says the published catalog changed. Why in memory rather than PostgreSQL
full text: see docs/apps/catalog-search.md.

Ranking, strongest first: the exact code or name; a synonym the catalog lists, typed whole;
name tokens; synonym tokens; agency, category and life events; the description. Exact tokens
beat prefixes, which beat small typos. Ties fall back to the name, then the code, so the
order never changes between calls.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connections

from balai.catalog.choices import LifeEvent, ServiceStatus
from balai.catalog.search_text import expansions_for, normalize, tokens_of

# How much one matched query token is worth, by where it matched.
FIELD_WEIGHTS = {"code": 12.0, "name": 10.0, "synonym": 8.0, "meta": 3.0, "description": 1.0}
EXACT_CODE = 1000.0
EXACT_NAME = 500.0
EXACT_SYNONYM = 300.0
PHRASE_IN_NAME = 60.0
PHRASE_IN_SYNONYM = 40.0
# A match through the reviewed synonym table counts a little less than the citizen's own words.
EXPANSION_FACTOR = 0.9
PREFIX_QUALITY = 0.7
TYPO_QUALITY = 0.6
# Short tokens are mostly abbreviations (sktm, skck, sim, kk): one changed letter makes another
# document, so they never match by typo. Longer words tolerate one typo, long ones two.
TYPO_MIN_LEN = 5
TYPO_TWO_MIN_LEN = 8
PREFIX_MIN_LEN = 3
# A service must match at least this share of the query's tokens to be listed.
MIN_COVERAGE = 0.5


@dataclass
class Doc:
    code: str
    name: str
    agency: str
    life_events: frozenset[str]
    segments: frozenset[str]
    points: frozenset[str]
    all_village_offices: bool
    name_norm: str
    code_norm: str
    synonyms_norm: tuple[str, ...]
    # Padded forms for whole-word phrase tests; "|" keeps a phrase inside one synonym.
    name_padded: str = ""
    synonyms_padded: str = ""
    synonym_set: frozenset[str] = frozenset()


@dataclass
class SearchIndex:
    docs: list[Doc] = field(default_factory=list)
    # token -> {doc number: best field weight}
    postings: dict[str, dict[int, float]] = field(default_factory=dict)
    vocabulary: list[str] = field(default_factory=list)
    # deletion neighbourhood -> vocabulary tokens (typo lookup without scanning the vocabulary)
    deletes: dict[str, set[str]] = field(default_factory=dict)
    by_code: dict[str, int] = field(default_factory=dict)


def _deletions(token: str, depth: int) -> set[str]:
    found, frontier = {token}, {token}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def _typo_budget(token: str) -> int:
    if len(token) >= TYPO_TWO_MIN_LEN:
        return 2
    return 1 if len(token) >= TYPO_MIN_LEN else 0


def _distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of two letters counts once), capped."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def index_build(services: Iterable[dict[str, Any]]) -> SearchIndex:
    """An index over service documents: dicts with code, name, agency, agency_names, category,
    life_events, segments, synonyms, description, points, all_village_offices."""
    index = SearchIndex()
    life_event_labels = {str(v): str(label) for v, label in LifeEvent.choices}
    for number, s in enumerate(sorted(services, key=lambda s: (normalize(s["name"]), s["code"]))):
        synonyms = tuple(dict.fromkeys(normalize(x) for x in s.get("synonyms", []) if x))
        doc = Doc(
            code=s["code"],
            name=s["name"],
            agency=s.get("agency") or "",
            life_events=frozenset(s.get("life_events", [])),
            segments=frozenset(s.get("segments", [])),
            points=frozenset(s.get("points", [])),
            all_village_offices=bool(s.get("all_village_offices")),
            name_norm=normalize(s["name"]),
            code_norm=normalize(s["code"]),
            synonyms_norm=synonyms,
            name_padded=f" {normalize(s['name'])} ",
            synonyms_padded="| " + " | ".join(synonyms) + " |",
            synonym_set=frozenset(synonyms),
        )
        index.docs.append(doc)
        index.by_code[doc.code] = number
        meta = [*s.get("agency_names", []), s.get("category", "")]
        meta += [life_event_labels.get(e, e) for e in doc.life_events]
        fields = [
            ("code", doc.code_norm.split()),
            ("name", doc.name_norm.split()),
            ("synonym", " ".join(synonyms).split()),
            ("meta", tokens_of(" ".join(meta))),
            ("description", tokens_of(s.get("description", ""))),
        ]
        for kind, tokens in fields:
            weight = FIELD_WEIGHTS[kind]
            for token in tokens:
                posting = index.postings.setdefault(token, {})
                if posting.get(number, 0.0) < weight:
                    posting[number] = weight
    index.vocabulary = sorted(index.postings)
    for token in index.vocabulary:
        for variant in _deletions(token, _typo_budget(token)):
            index.deletes.setdefault(variant, set()).add(token)
    return index


def _token_matches(index: SearchIndex, token: str) -> dict[str, float]:
    """Vocabulary tokens `token` stands for, with how good each match is."""
    if token in index.postings:
        return {token: 1.0}
    found: dict[str, float] = {}
    if len(token) >= PREFIX_MIN_LEN:
        start = bisect.bisect_left(index.vocabulary, token)
        for word in index.vocabulary[start:]:
            if not word.startswith(token):
                break
            found[word] = PREFIX_QUALITY
    budget = _typo_budget(token)
    if budget:
        candidates: set[str] = set()
        for variant in _deletions(token, budget):
            candidates |= index.deletes.get(variant, set())
        for word in candidates:
            if (
                word not in found
                and _typo_budget(word)
                and _distance(token, word, budget) <= budget
            ):
                found[word] = TYPO_QUALITY
    return found


class _Query:
    """One way of saying the query (the citizen's words or a synonym-table rewrite), with each
    token's vocabulary matches and the services each token reaches."""

    def __init__(self, index: SearchIndex, tokens: list[str], cache: dict) -> None:
        self.tokens = tokens
        self.phrase = " ".join(tokens)
        self.matches: list[dict[str, float]] = []
        self.reach: list[set[int]] = []
        for token in tokens:
            if token not in cache:
                matches = _token_matches(index, token)
                reach: set[int] = set()
                for word in matches:
                    reach.update(index.postings[word])
                cache[token] = (matches, reach)
            self.matches.append(cache[token][0])
            self.reach.append(cache[token][1])

    def everywhere(self) -> set[int]:
        """Services matching every token."""
        return set.intersection(*self.reach) if self.reach else set()


def _scorer(index: SearchIndex, query: _Query):
    """A function giving one service's score for `query`: its tokens' best field weights plus
    the phrase bonuses. Runs for every candidate, so it is kept flat."""
    docs = index.docs
    phrase = query.phrase
    spaced = f" {phrase} "
    lookups = [[(index.postings[w], q) for w, q in m.items()] for m in query.matches]

    def score(number: int) -> float:
        total = 0.0
        for options in lookups:
            if len(options) == 1:
                posting, quality = options[0]
                total += posting.get(number, 0.0) * quality
            elif options:
                total += max(posting.get(number, 0.0) * quality for posting, quality in options)
        doc = docs[number]
        if spaced in doc.name_padded:
            total += EXACT_NAME if phrase == doc.name_norm else PHRASE_IN_NAME
        if spaced in doc.synonyms_padded:
            total += EXACT_SYNONYM if phrase in doc.synonym_set else PHRASE_IN_SYNONYM
        if phrase == doc.code_norm:
            total += EXACT_CODE
        return total

    return score


def _score_full(index: SearchIndex, query: _Query, numbers: set[int]) -> dict[int, float]:
    """Scores of services that match every token of `query`."""
    score = _scorer(index, query)
    return {number: score(number) for number in numbers}


def _score_partial(index: SearchIndex, query: _Query) -> dict[int, float]:
    """Scores of services matching at least MIN_COVERAGE of the tokens, weighed by coverage."""
    counts: dict[int, int] = {}
    for reach in query.reach:
        for number in reach:
            counts[number] = counts.get(number, 0) + 1
    scores = {}
    size = len(query.tokens)
    score = _scorer(index, query)
    for number, count in counts.items():
        coverage = count / size
        if coverage < MIN_COVERAGE:
            continue
        # Coverage weighs the token part only; a phrase bonus needs every token anyway.
        scores[number] = score(number) * coverage * coverage
    return scores


@dataclass(frozen=True)
class Filters:
    agency: str | None = None
    life_event: str | None = None
    segment: str | None = None
    point: str | None = None
    # A village office's point code: such points offer every all-village-offices service.
    point_is_village_office: bool = False

    def admits(self, doc: Doc) -> bool:
        if self.agency and doc.agency != self.agency:
            return False
        if self.life_event and self.life_event not in doc.life_events:
            return False
        if self.segment and self.segment not in doc.segments:
            return False
        if self.point and self.point not in doc.points:
            return self.point_is_village_office and doc.all_village_offices
        return True


def index_search(index: SearchIndex, query: str, filters: Filters | None = None) -> list[str]:
    """Service codes matching `query` (all services when it is empty), best first."""
    filters = filters or Filters()
    tokens = tokens_of(query)
    if not tokens:
        return [d.code for d in index.docs if filters.admits(d)]
    cache: dict = {}
    alternatives = [_Query(index, tokens, cache)]
    seen = {tuple(tokens)}
    for alternative in expansions_for(tokens):
        if tuple(alternative) not in seen:
            seen.add(tuple(alternative))
            alternatives.append(_Query(index, alternative, cache))
    factors = [1.0] + [EXPANSION_FACTOR] * (len(alternatives) - 1)
    # When some services match every word, the ones matching only some are noise ("surat
    # miskin" must not list every "surat"); otherwise partial matches are all there is.
    everywhere = [q.everywhere() for q in alternatives]
    scores: dict[int, float] = {}
    for query, factor, full in zip(alternatives, factors, everywhere, strict=True):
        if any(everywhere):
            found = _score_full(index, query, full) if full else {}
        else:
            found = _score_partial(index, query)
        for number, score in found.items():
            scores[number] = max(scores.get(number, 0.0), score * factor)
    # Docs are numbered in name order, so the number breaks ties by name, then code.
    ranked = sorted(scores, key=lambda n: (-scores[n], n))
    if filters == Filters():
        return [index.docs[n].code for n in ranked]
    return [index.docs[n].code for n in ranked if filters.admits(index.docs[n])]


# --- The index of the published catalog, per process ------------------------------------------
_lock = threading.Lock()
_cached: dict[str, tuple[tuple, SearchIndex]] = {}


def catalog_stamp(*, using: str = "default") -> tuple:
    """A cheap fingerprint of the published catalog, checked before every search.

    Publishing moves a service to a newer version id (the sum changes); retiring changes the
    count; any new version moves the newest version row, whose creation time also tells two
    databases apart that happen to reuse the same ids (tests rolling back). Agencies are few
    and their names are indexed, so their count and ids are part of it too. Each part is one
    short query: a scan of the service table's status column and two index lookups.
    """
    from balai.catalog.models import Agency, Service, ServiceVersion

    # One round trip of plain SQL: this runs before every search, and the ORM's own cost for
    # three aggregates was most of the time a search took.
    services, versions, agencies = (
        Service._meta.db_table,
        ServiceVersion._meta.db_table,
        Agency._meta.db_table,
    )
    # Table names come from the models, never from input; the status is a parameter.
    sql = (
        "SELECT s.n, s.ids, v.id, v.created_at, a.n, a.ids FROM"  # noqa: S608
        f" (SELECT COUNT(*) AS n, SUM(published_version_id) AS ids FROM {services}"
        "  WHERE status = %s AND published_version_id IS NOT NULL) s"
        f" CROSS JOIN (SELECT COUNT(*) AS n, SUM(id) AS ids FROM {agencies}) a"
        f" LEFT JOIN (SELECT id, created_at FROM {versions} ORDER BY id DESC LIMIT 1) v"
        " ON 1 = 1"
    )
    with connections[using].cursor() as cursor:
        cursor.execute(sql, [ServiceStatus.PUBLISHED])
        return tuple(cursor.fetchone())


def catalog_documents(*, using: str = "default") -> list[dict[str, Any]]:
    """The published catalog as search documents, in two queries."""
    from balai.catalog.models import ServiceVersion
    from balai.catalog.selectors import services_published

    services = list(
        services_published()
        .using(using)
        .values(
            "code",
            "agency__code",
            "agency__name",
            "agency__short_name",
            "published_version_id",
            "published_version__name",
            "published_version__category",
            "published_version__description",
            "published_version__life_events",
            "published_version__synonyms",
            "published_version__segments",
            "published_version__all_village_offices",
        )
    )
    points: dict[int, list[str]] = {}
    through = ServiceVersion.service_points.through.objects.using(using)
    rows = through.filter(
        serviceversion_id__in=[s["published_version_id"] for s in services]
    ).values_list("serviceversion_id", "servicepoint__code")
    for version_id, code in rows:
        points.setdefault(version_id, []).append(code)
    return [
        {
            "code": s["code"],
            "name": s["published_version__name"],
            "agency": s["agency__code"] or "",
            "agency_names": [n for n in (s["agency__name"], s["agency__short_name"]) if n],
            "category": s["published_version__category"],
            "description": s["published_version__description"],
            "life_events": s["published_version__life_events"] or [],
            "synonyms": s["published_version__synonyms"] or [],
            "segments": s["published_version__segments"] or [],
            "points": points.get(s["published_version_id"], []),
            "all_village_offices": s["published_version__all_village_offices"],
        }
        for s in services
    ]


def catalog_index(*, using: str = "default") -> SearchIndex:
    """The index of the published catalog, rebuilt only when its stamp moved."""
    key = f"{using}:{connections[using].settings_dict['NAME']}"
    stamp = catalog_stamp(using=using)
    cached = _cached.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    with _lock:
        cached = _cached.get(key)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        index = index_build(catalog_documents(using=using))
        _cached[key] = (stamp, index)
        return index


def services_search(
    *,
    query: str = "",
    agency: str | None = None,
    life_event: str | None = None,
    segment: str | None = None,
    point: str | None = None,
) -> list[str]:
    """Codes of published services for the public catalog page and API, best match first."""
    from balai.catalog.choices import ServicePointKind
    from balai.catalog.models import ServicePoint

    is_village_office = bool(point) and (
        ServicePoint.objects.filter(code=point, kind=ServicePointKind.VILLAGE_OFFICE).exists()
    )
    filters = Filters(
        agency=agency or None,
        life_event=life_event or None,
        segment=segment or None,
        point=point or None,
        point_is_village_office=is_village_office,
    )
    return index_search(catalog_index(), query, filters)
