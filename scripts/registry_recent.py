"""The 2022-2026 facts of registry_2022/ (see its SOURCES.md) as rows in the format of politicians_dk.csv.

mps_2022.csv   members elected on 2022-11-01 with the party they were elected for (role MP, dated).
changes.csv    a direct switch ends the old party's MP and party periods the day before (see
               build_registry.end_switched) and opens a party period in the new one; a switch that the
               Folketing biography shows only across a gap ("not a direct switch") is an observation of
               the new party on that day, the switch itself lying somewhere in the gap.
ministers.csv  ministerial posts (role minister; the party as listed, assumed constant over the post).
The editorial [[party_changes]] are switches like those of changes.csv (party memberships that begin
before the Folketing group membership).
People are matched by name (and the editorial [[same_person]] names) to the people already known; the
others get the key oda:<Folketing id> (from the source) or name:<full name>.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from registry_common import day, is_external, last_day

FOLKETING_ID = re.compile(r"ODA Aktør id (\d+)")
CABINET = re.compile(r"\s*\[[^\]]*\]\s*$")  # "Statsminister [Frederiksen II]"
NEWS = "[news source"  # changes.csv marks the switches taken from news in its note
GAP = "not a direct switch"  # ... and the ones seen only across a gap between memberships
MP_BASIS = "party dates explicit in source (Folketing biography)"
SWITCH_BASIS = "party dates explicit in source (date of the switch)"
GAP_BASIS = "party observed in the Folketing biography (no switch date)"
MINISTER_BASIS = "role dates from source; party undated in source (as listed at the appointment)"


@dataclass
class Recent:
    mps: list[dict[str, str]]
    changes: list[dict[str, str]]
    ministers: list[dict[str, str]]
    founded: list[dict[str, str]]

    @classmethod
    def read(cls, folder: Path, read_csv) -> Recent:
        return cls(*(read_csv(folder / f"{name}.csv") for name in ("mps_2022", "changes", "ministers",
                                                                   "parties_founded")))


class People:
    """The person id for a name: the person of that name already known (Folketing people before
    candidates and MEPs, then one in the same party), else a new key."""

    def __init__(self, rows: list[dict], compared):
        self.compared = compared
        self.ids: dict[str, list[str]] = defaultdict(list)
        self.parties: dict[str, set[str]] = defaultdict(set)
        for row in rows:
            self.add(row)

    def add(self, row: dict) -> None:
        ids = self.ids[self.compared(row["full_name"])]
        if row["person_id"] not in ids:
            ids.append(row["person_id"])
        self.parties[row["person_id"]].add(row["party_id"])

    def key(self, name: str, party: str, source: str) -> str:
        ids = self.ids.get(self.compared(name), [])
        if ids:
            inside = [i for i in ids if not is_external(i)] or ids
            return ([i for i in inside if party in self.parties[i]] or inside)[0]
        found = FOLKETING_ID.search(source)
        return f"oda:{found.group(1)}" if found else f"name:{name}"


def row(**values) -> dict:
    """A row with the columns of politicians_dk.csv that the build reads."""
    blank = dict(person_id="", full_name="", sex="", party_id="", from_date="", to_date="", role="",
                 role_detail="", date_basis="", as_of="", source="", notes="")
    return blank | values


def mp_row(source: dict[str, str], settings: dict, pseudo: set[str]) -> dict:
    return row(full_name=source["name"], party_id=source["party"], from_date=day(source["from"]),
               to_date=last_day(source["to"]), role="MP", date_basis=MP_BASIS,
               as_of="" if source["to"] else day(source["from"]), source=source["source"],
               folketing_name=True, from_text=source["from"], to_text=source["to"])


def change_row(source: dict[str, str], settings: dict, pseudo: set[str]) -> dict:
    """The new party's period (or, across a gap, an observation); `switch_from` is the party it leaves."""
    note, new_party, editorial = source.get("note", ""), source["to_party"], source.get("editorial", False)
    news = editorial or NEWS in note  # known to hold on its day only
    start = day(source["date"])
    if news:
        detail = settings["editorial_detail" if editorial else "news_detail"]
    else:
        detail = settings["outside_detail"] if new_party in pseudo else settings["group_detail"]
    text = source["source"] + (f" | note: {note}" if note else "")
    common = dict(full_name=source["name"], party_id=new_party, role="party_affiliation", role_detail=detail,
                  source=text, folketing_name=not news)
    if note.startswith(GAP):
        return row(**common, date_basis=GAP_BASIS, as_of=start)
    known = start if news else day(settings["changes_known_until"])
    return row(**common, from_date=start, date_basis=SWITCH_BASIS, as_of=known, from_text=source["date"],
               switch_from=source["from_party"])


def minister_row(source: dict[str, str], settings: dict, pseudo: set[str]) -> dict:
    data_end = day(settings["ministers_known_until"])
    end = min(last_day(source["to"]), data_end) if source["to"] else ""
    return row(full_name=source["name"], party_id=source["party"], from_date=day(source["from"]), to_date=end,
               role="minister", role_detail=CABINET.sub("", source["role"]), date_basis=MINISTER_BASIS,
               as_of=data_end, source=source["source"], folketing_name=False, from_text=source["from"],
               to_text=source["to"])


def recent_rows(rows: list[dict], recent: Recent, editorial: dict, compared, pseudo: set[str]) -> list[dict]:
    """The rows of registry_2022/, each with the person id of the person it is about."""
    people = People(rows, compared)
    settings = editorial["registry_2022"]
    out = []
    changes = recent.changes + [dict(change, editorial=True) for change in editorial["party_changes"]]
    for make, sources in ((mp_row, recent.mps), (change_row, changes), (minister_row, recent.ministers)):
        for source in sources:
            new = make(source, settings, pseudo)
            new["person_id"] = people.key(source["name"], new["party_id"], source["source"])
            people.add(new)
            out.append(new)
    refine_dates(out, rows + out)
    return out


def post(item: dict) -> tuple:
    """What two rows must share for one's exact date to refine the other's: the person and the post, or
    for party periods the person and the party."""
    if item["role"] == "minister":
        return item["person_id"], item["role"], item["role_detail"]
    return item["person_id"], item["party_id"]


def refine_dates(new_rows: list[dict], rows: list[dict]) -> None:
    """A date known only to the month or year takes the exact day another source gives the same person's
    same post (or party) in that month or year: ParlaMint-DK has the day of the reshuffle of January 2021
    and of Jens Rohde's switch in April 2021."""
    exact: dict[tuple, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for item in rows:
        for field, text in (("from_date", "from_text"), ("to_date", "to_text")):
            if item[field] and len(item.get(text, item[field])) == 10:
                exact[post(item)][field].append(item[field])
    for item in new_rows:
        for field, text in (("from_date", "from_text"), ("to_date", "to_text")):
            known = item.get(text, "")
            days = [d for d in exact[post(item)][field] if known and len(known) < 10 and d.startswith(known)]
            if days:
                item[field] = min(days) if field == "from_date" else max(days)


def switches_by_person(rows: list[dict]) -> dict[str, list[tuple[str, str, str]]]:
    """person id -> the direct switches (day, old party, new party) in date order."""
    switches = defaultdict(list)
    for item in rows:
        if "switch_from" in item:
            switches[item["person_id"]].append((item["from_date"], item["switch_from"], item["party_id"]))
    return {key: sorted(found) for key, found in switches.items()}
