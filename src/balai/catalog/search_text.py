"""Turning what a citizen types into the words the catalog uses.

The same normaliser runs over the catalog (names, synonyms, descriptions) and over queries, so
"Bikin E-KTP", "ktp-el" and "KTP" meet on one token. The result is a fixed point: normalising
a normalised text changes nothing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

SYNONYMS_FILE = Path(__file__).resolve().parent / "data" / "search" / "synonyms.yaml"

# Words that say how or why someone asks, never what they ask for.
STOP_WORDS = frozenset(
    [
        "cara",
        "bagaimana",
        "gimana",
        "gmn",
        "bgmn",
        "caranya",
        "bikin",
        "buat",
        "membuat",
        "mengurus",
        "urus",
        "ngurus",
        "pengurusan",
        "syarat",
        "persyaratan",
        "syaratnya",
        "mau",
        "ingin",
        "pengen",
        "pingin",
        "saya",
        "aku",
        "kami",
        "tolong",
        "mohon",
        "dong",
        "di",
        "ke",
        "dari",
        "yang",
        "dan",
        "atau",
        "untuk",
        "utk",
        "buat",
        "dengan",
        "dgn",
        "apa",
        "apakah",
        "ya",
        "nya",
    ]
)

# One token spelled several ways: each maps to the spelling the catalog uses.
TOKEN_VARIANTS = {
    "akte": "akta",
    "sertipikat": "sertifikat",
    "sertifikat2": "sertifikat",
    "ektp": "ktp",
    "ktpel": "ktp",
    "passport": "paspor",
    "pasport": "paspor",
    "pasfor": "paspor",
    "paspord": "paspor",
    "kartukeluarga": "kk",
    "domisilli": "domisili",
}

# Several tokens that name one thing: each maps to its abbreviation as one token.
PHRASES: dict[tuple[str, ...], str] = {
    ("e", "ktp"): "ktp",
    ("ktp", "el"): "ktp",
    ("ktp", "elektronik"): "ktp",
    ("kartu", "tanda", "penduduk"): "ktp",
    ("kartu", "keluarga"): "kk",
    ("kartu", "identitas", "anak"): "kia",
    ("surat", "izin", "mengemudi"): "sim",
    ("nomor", "induk", "berusaha"): "nib",
    ("nomor", "pokok", "wajib", "pajak"): "npwp",
    ("pajak", "bumi", "bangunan"): "pbb",
    ("surat", "keterangan", "catatan", "kepolisian"): "skck",
    ("surat", "keterangan", "tidak", "mampu"): "sktm",
    ("keterangan", "tidak", "mampu"): "sktm",
    ("ak", "1"): "ak1",
    ("ak", "i"): "ak1",
    ("kartu", "ak1"): "ak1",
    ("spp", "irt"): "pirt",
    ("p", "irt"): "pirt",
    ("e", "paspor"): "paspor elektronik",
}
_MAX_PHRASE = max(len(p) for p in PHRASES)
_SPLIT = re.compile(r"[\W_]+")
# A text longer than this is not a search; the tail is ignored rather than refused.
MAX_QUERY_CHARS = 1000
MAX_TOKENS = 20
MAX_TOKEN_CHARS = 40


def _fold(text: str) -> str:
    # Case and accents: "Sertipikat", "SERTIPIKAT" and "sértipikat" are one word.
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return unicodedata.normalize("NFKC", text).casefold()


def _rewrite(tokens: list[str]) -> list[str]:
    tokens = [TOKEN_VARIANTS.get(t, t) for t in tokens if t not in STOP_WORDS]
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for size in range(min(_MAX_PHRASE, len(tokens) - i), 1, -1):
            replacement = PHRASES.get(tuple(tokens[i : i + size]))
            if replacement is not None:
                out.extend(replacement.split())
                i += size
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


@lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """Lower-cased, accent-free tokens separated by one space, stop words dropped.

    Each rewrite shortens the text or maps a token to a spelling no rule rewrites again, so
    repeating until nothing changes ends, and the result is a fixed point.
    """
    current = text[:MAX_QUERY_CHARS]
    for _ in range(8):
        tokens = [t[:MAX_TOKEN_CHARS] for t in _SPLIT.split(_fold(current)) if t]
        result = " ".join(_rewrite(tokens)[:MAX_TOKENS])
        if result == current:
            break
        current = result
    return current


def tokens_of(text: str) -> list[str]:
    normal = normalize(text)
    return normal.split() if normal else []


@dataclass(frozen=True)
class Synonym:
    phrase: tuple[str, ...]
    means: tuple[tuple[str, ...], ...]


def synonyms_parse(data: dict) -> list[Synonym]:
    table = []
    for entry in data.get("synonyms", []):
        phrase = tuple(tokens_of(entry["phrase"]))
        means = tuple(tuple(tokens_of(m)) for m in entry["means"])
        if phrase and all(means):
            table.append(Synonym(phrase=phrase, means=means))
    return table


@lru_cache(maxsize=1)
def synonyms_load() -> tuple[Synonym, ...]:
    data = yaml.safe_load(SYNONYMS_FILE.read_text(encoding="utf-8")) or {}
    return tuple(synonyms_parse(data))


def expansions_for(tokens: list[str]) -> list[list[str]]:
    """Other ways to say `tokens`: the query with each table phrase it holds replaced."""
    found = []
    for synonym in synonyms_load():
        size = len(synonym.phrase)
        for i in range(len(tokens) - size + 1):
            if tuple(tokens[i : i + size]) == synonym.phrase:
                for meaning in synonym.means:
                    found.append([*tokens[:i], *meaning, *tokens[i + size :]])
                break
    return found
