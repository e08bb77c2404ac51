"""Cleaning: page furniture out, language in, text normalised.

The rules describe kinds of furniture (appeals to the reader, share prompts,
"read more" links, newsletter boxes, bylines, cookie notices), not any one
outlet's words, so they carry over to pages nobody here has seen.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import replace

from .models import Article

# A line that is furniture wherever it stands (short lines only).
_FURNITURE_LINE = [
    # share prompts
    r"^(?:share|tweet|email|print|copy link)(?: (?:this|the) (?:article|story|page|post))?(?: on \w+)?[:!.]?$",
    r"^share (?:on|via) ",
    r"^(?:follow us|like us|join us) on\b",
    # read-more and related links
    r"^(?:read|see|watch|listen)(?: more| also| next| the full story)\b",
    r"^(?:also read|related(?: articles| stories| content)?|recommended(?: for you)?|more from|most read|trending now)\b",
    r"^click here\b",
    # newsletter and subscription boxes
    r"\bsign up (?:for|to) (?:our|the) .*newsletter",
    r"^(?:subscribe|sign up|register)(?: now| today| here)?(?: to| for)?\b.{0,80}$",
    r"\b(?:already a subscriber|to continue reading|subscribers? only)\b",
    r"\bnewsletter\b.{0,40}\b(?:inbox|sign up|subscribe)\b",
    # bylines and datelines on their own line
    r"^by [A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3}(?:,? (?:and|&) [A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3})?(?: ?[|,-] .{0,60})?$",
    r"^(?:written|reported|edited) by\b",
    r"^(?:published|updated|posted|last updated)(?: on| at)?:? .{0,60}\d.{0,40}$",
    # cookie notices
    r"\b(?:we|this (?:site|website)) uses? cookies\b",
    r"\b(?:accept|manage) (?:all )?cookies\b",
    r"\bcookie (?:policy|settings|preferences)\b",
    # ads and image credits standing alone
    r"^(?:advertisement|sponsored(?: content)?|ad)$",
]
FURNITURE_LINE_RE = re.compile("|".join(f"(?:{p})" for p in _FURNITURE_LINE), re.I)

# The head of an appeal to the reader: donation, membership, subscription.
APPEAL_HEAD_RE = re.compile(
    r"^(?:please )?(?:support|donate to|fund|back|help) (?:our|independent|quality|unbiased|us|"
    r"this|the) ?(?:journalism|reporting|newsroom|work|site|journalists|news)?\b"
    r"|^(?:donate|make a (?:donation|contribution)|become a (?:member|supporter|patron))\b"
    r"|^help (?:keep|us|fund|support|sustain|save)\b.{0,60}$"
    r"|\byour (?:contribution|donation|support) (?:helps|supports|keeps|makes)\b"
    r"|^(?:subscribe|support us) (?:today|now)\b",
    re.I,
)
_READER_ADDRESS = re.compile(r"\b(?:we|us|our|you|your)\b", re.I)
_APPEAL_WORDS = re.compile(
    r"\b(?:support|donat\w*|contribut\w*|subscri\w*|journalism|member\w*|independent|unbiased|"
    r"objective news|fund\w*|pay\w*|readers?)\b",
    re.I,
)

MAX_FURNITURE_WORDS = 30


def _is_furniture_line(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and len(stripped.split()) <= MAX_FURNITURE_WORDS and bool(
        FURNITURE_LINE_RE.search(stripped)
    )


def _appeal_line_score(line: str) -> bool:
    """Does this line speak to the reader (we/you) or about paying for news?"""
    return bool(_READER_ADDRESS.search(line) or _APPEAL_WORDS.search(line))


def find_trailing_appeal(lines: list[str]) -> int | None:
    """Index of the first line of a closing appeal block, if the text ends with one.

    The block must start with an appeal heading in the second half of the text
    and every non-empty line from there on must address the reader or talk about
    supporting the outlet: news paragraphs rarely do both.
    """
    nonempty = [i for i, ln in enumerate(lines) if ln.strip()]
    if len(nonempty) < 3:
        return None
    half = nonempty[len(nonempty) // 2]
    for i in nonempty:
        if i < half:
            continue
        if APPEAL_HEAD_RE.search(lines[i].strip()):
            tail = [ln for ln in lines[i + 1 :] if ln.strip()]
            if all(_appeal_line_score(ln) for ln in tail):
                return i
    return None


def _furniture_lines(lines: list[str]) -> tuple[list[int], int]:
    """(numbers of the furniture lines before any closing appeal, the line where that appeal
    starts, or ``len(lines)`` when there is none)."""
    cut = find_trailing_appeal(lines)
    end = len(lines) if cut is None else cut
    return [i for i in range(end) if _is_furniture_line(lines[i])], end


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the furniture lines in ``text`` as it stands (line ends left
    out; a closing appeal is one span to the end): what :func:`remove_furniture` drops, for
    callers that keep the original offsets (``consilience attributions`` reports offsets
    into the file as read)."""
    lines = text.split("\n")
    starts = [0]
    for ln in lines[:-1]:
        starts.append(starts[-1] + len(ln) + 1)
    single, appeal = _furniture_lines(lines)
    spans = [(starts[i], starts[i] + len(lines[i])) for i in single]
    if appeal < len(lines):
        spans.append((starts[appeal], len(text)))
    return spans


def remove_furniture(text: str) -> tuple[str, list[str]]:
    """Return the text without furniture, and the removed lines (for --explain)."""
    lines = text.split("\n")
    single, appeal = _furniture_lines(lines)
    dropped = set(single)
    removed = [ln for ln in lines[appeal:] if ln.strip()] + [lines[i] for i in single]
    return "\n".join(ln for i, ln in enumerate(lines[:appeal]) if i not in dropped), removed


def normalise_text(text: str) -> str:
    """NFC, unified newlines, no trailing spaces, at most one blank line in a row."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    lines = [re.sub(r"[ \t]+", " ", ln).strip() for ln in text.split("\n")]
    out: list[str] = []
    for ln in lines:
        if not ln and (not out or not out[-1]):
            continue
        out.append(ln)
    return "\n".join(out).strip()


def detect_language(text: str) -> str | None:
    if len(text.strip()) < 20:
        return None
    import py3langid

    lang, _ = py3langid.classify(text[:5000])
    return lang


def content_hash(text: str, url: str | None = None) -> str:
    """Identity of an article: its normalised words (and URL when given)."""
    words = re.sub(r"\W+", " ", text.lower()).split()
    key = " ".join(words) + "\x00" + (url or "").strip().lower()
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def clean_article(article: Article) -> Article:
    """Normalise, strip furniture, detect language and assign the id."""
    body, _removed = remove_furniture(normalise_text(article.text))
    body = normalise_text(body)
    title = normalise_text(article.title) if article.title else None
    digest = content_hash(body, article.url)
    art_id = article.id if article.explicit_id and article.id else "a-" + digest[:12]
    metadata = dict(article.metadata)
    metadata["content_hash"] = digest
    return replace(
        article,
        id=art_id,
        text=body,
        title=title,
        language=article.language or detect_language(body),
        metadata=metadata,
    )
