"""Dates and times of events: "on Saturday", "on 3 March", "March 3, 2024".

Only specific days are compared; relative and vague dates ("last month",
"recently", "in February 2022" against "in 2022") never make a dispute.
Pure, no parsing library.
"""

from __future__ import annotations

import re

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"]
_MON = {m[:3]: i + 1 for i, m in enumerate(MONTHS)}
_MONTH_RE = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"


def normalise_date(text: str) -> tuple[str, str] | None:
    """(kind, key) of a specific day: ("weekday", "saturday") or ("day", "03-03" / "2024-03-03").

    None when the text names no specific day.
    """
    low = text.lower().strip()
    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", low)
    if m:
        return "day", f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    m = re.search(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}(?:,?\s+(\d{{4}}))?", low)
    if not m:
        m2 = re.search(rf"\b{_MONTH_RE}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", low)
        if m2:
            month, day, year = m2.group(1), m2.group(2), m2.group(3)
        else:
            month = day = year = None
    else:
        day, month, year = m.group(1), m.group(2), m.group(3)
    if month and day and 1 <= int(day) <= 31:
        key = f"{_MON[month[:3]]:02d}-{int(day):02d}"
        return "day", f"{year}-{key}" if year else key
    for wd in WEEKDAYS:
        if re.search(rf"\b{wd}\b", low) and not re.search(r"\b(last|next|every|this)\s+" + wd, low):
            return "weekday", wd
    return None


def label(kind: str, key: str) -> str:
    if kind == "weekday":
        return key.capitalize()
    parts = key.split("-")
    if len(parts) == 3:
        y, m, d = parts
        return f"{int(d)} {MONTHS[int(m) - 1].capitalize()} {y}"
    m, d = parts
    return f"{int(d)} {MONTHS[int(m) - 1].capitalize()}"


def conflict(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Two specific days that cannot be the same day."""
    if a[0] != b[0]:
        return False  # a weekday and a date may well be the same day
    if a[0] == "weekday":
        return a[1] != b[1]
    ka, kb = a[1], b[1]
    if ka.count("-") != kb.count("-"):
        return ka[-5:] != kb[-5:]  # one gives no year: compare month and day
    return ka != kb


def event_days(dates: list[str]) -> list[tuple[str, str]]:
    out = []
    for d in dates:
        n = normalise_date(d)
        if n and n not in out:
            out.append(n)
    return out
