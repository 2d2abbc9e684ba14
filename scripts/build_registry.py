"""Build data/parties.csv and data/politicians.csv from the shared registry sources.

    python scripts/build_registry.py [SHARED_DATA_DIR] [--out DATA_DIR] [--editorial TOML]

SHARED_DATA_DIR holds parties_dk.csv, politicians_dk.csv and registry_2022/ (mps_2022.csv, changes.csv,
ministers.csv, parties_founded.csv); default ../shared/data, see its SOURCES.md files. Every choice made by
hand (short names, news abbreviations, extra name forms, founding dates and their sources, people the
sources write under two names) is in data/registry_editorial.toml; this script holds only the logic.
The outputs are committed, so the project works without the shared folder.

parties.csv: one row per party, with the canonical short name used in output, news abbreviations, the
surface forms Danish news writes (`;`-separated) and the founding date with its source.
politicians.csv: one row per affiliation period, with its source. `basis` says how sure the dates are:
  dated                 party dates explicit in the source
  undated               role dates from the source, party assumed constant over the role
  observed YYYY-MM-DD   party seen on that day (candidate list, MEP directory), no period dates
  "..., open YYYY-MM-DD" an open-ended period, known to hold up to that day (the source's data end)
A date the source knows only to the month or year starts on its first day and ends on its last.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from registry_common import (day, day_before, is_external, last_day, name_key, read_csv, read_editorial,  # noqa: E402
                             same_person, split, unique, write_csv)
from registry_recent import Recent, recent_rows, switches_by_person  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = REPO.parent / "shared" / "data"
DEFAULT_EDITORIAL = REPO / "data" / "registry_editorial.toml"

PARTY_COLUMNS = ["key", "name", "official_name", "letter", "abbreviations", "variants", "founded",
                 "dissolved", "scope", "in_folketing_2022", "founded_source"]
POLITICIAN_COLUMNS = ["key", "full_name", "variants", "gender", "party", "start", "end", "role",
                      "role_detail", "basis", "source"]
SWITCHED_ROLES = ("MP", "party_affiliation")  # the periods a party switch ends (a minister's role goes on)


# ---------------------------------------------------------------- parties

def party_name(row: dict[str, str], edit: dict) -> str:
    short = row["short_name"].strip()
    if edit.get("name"):
        return edit["name"]
    return row["canonical_name_da"] if not short or short.isupper() else short


def genitive(form: str) -> str:
    return form + ("'" if form[-1] in "sxz" else "s")


def party_variants(row: dict[str, str], name: str, edit: dict) -> list[str]:
    """Name forms news writes: source variants, editorial additions, genitives of capitalised names."""
    forms = [row["canonical_name_da"], row["official_name_da"], row["short_name"]]
    forms += split(row["name_variants"]) + split(edit.get("extra_variants"))
    if row["scope"] != "pseudo":
        forms += [genitive(f) for f in forms if re.fullmatch(r"[A-ZÆØÅ][\w ]*[a-zæøå]", f) and f[-1] != "s"]
    for f in list(forms):  # news writes both dashes
        if " – " in f or " ‒ " in f:
            forms.append(re.sub(r" [–‒] ", " - ", f))
    drop = set(split(edit.get("drop_variants"))) | set(party_abbreviations(row, edit)) | {name}
    return [f for f in unique(forms) if f not in drop]


def party_abbreviations(row: dict[str, str], edit: dict) -> list[str]:
    return unique(split(edit.get("abbreviations")) or split(row["abbrev_variants"]) or [row["party_id"]])


def founding(row: dict[str, str], edit: dict, founded: dict[str, dict]) -> tuple[str, str, str]:
    """(founded, its source, dissolved): the editorial date, else registry_2022/parties_founded.csv."""
    key, listed = row["party_id"], founded.get(row["party_id"])
    if edit.get("founded"):
        day_founded, source = day(edit["founded"]), edit.get("founded_source", "")
    elif listed and listed["founded"]:
        day_founded, source = day(listed["founded"]), listed["source"]
    elif row["scope"] == "pseudo":
        day_founded, source = "", ""
    else:
        raise SystemExit(f"registry_editorial.toml: no founding date for party {key} (and none in "
                         "parties_founded.csv)")
    if not source and day_founded:
        raise SystemExit(f"registry_editorial.toml: party {key} has a founding date without founded_source")
    dissolved = edit.get("dissolved") or (listed["dissolved"] if listed else row["dissolved"])
    return day_founded, source, last_day(dissolved)


def party_rows(rows: list[dict[str, str]], editorial: dict) -> list[tuple[dict[str, str], dict]]:
    """(source row, editorial table) of every party: parties_dk.csv and the editorial's new parties."""
    columns = list(rows[0]) if rows else []
    new = [({c: str(table.get(c, "")) for c in columns} | {"party_id": key}, table)
           for key, table in editorial["new_parties"].items()]
    return [(row, editorial["parties"].get(row["party_id"], {})) for row in rows] + new


def build_parties(rows: list[dict[str, str]], editorial: dict, recent: Recent) -> list[dict]:
    out = []
    founded = {row["party"]: row for row in recent.founded}
    elected = {row["party"] for row in recent.mps}
    for row, edit in party_rows(rows, editorial):
        name = party_name(row, edit)
        abbreviations = party_abbreviations(row, edit)
        variants = party_variants(row, name, edit)
        if row["scope"] == "national":
            acronyms = [a for a in abbreviations if re.fullmatch(r"[A-ZÆØÅ]{2,}", a)]
            variants += [a + "'s" for a in acronyms if a + "'s" not in variants]
        day_founded, source, dissolved = founding(row, edit, founded)
        out.append({
            "key": row["party_id"], "name": name, "official_name": row["official_name_da"] or name,
            "letter": row["ballot_letter"], "abbreviations": ";".join(abbreviations),
            "variants": ";".join(variants), "founded": day_founded, "dissolved": dissolved,
            "scope": row["scope"],
            "in_folketing_2022": str(row["party_id"] in elected and row["scope"] == "national").lower(),
            "founded_source": source,
        })
    check_unambiguous(out)
    return out


def check_unambiguous(parties: list[dict]) -> None:
    """Every name form (case-insensitive) and abbreviation belongs to one party only."""
    owner: dict[str, str] = {}
    for party in parties:
        forms = [party["name"], party["official_name"]] + split(party["variants"])
        keys = {f.casefold() for f in forms} | {"abbr:" + a for a in split(party["abbreviations"])}
        for form in keys:
            if owner.setdefault(form, party["key"]) != party["key"]:
                raise SystemExit(f"ambiguous party form {form!r}: {owner[form]} and {party['key']}")


# ---------------------------------------------------------------- people

def own_key(row: dict[str, str]) -> str:
    return "dr2026:" + row["source_id"].rsplit(":", 1)[-1]


def relink(rows: list[dict[str, str]], compared) -> None:
    """Fix person ids: split homonym candidates off, link unlinked ones whose name matches exactly."""
    by_person = defaultdict(list)
    for row in rows:
        by_person[row["person_id"]].append(row)
    for person_id, person_rows in by_person.items():
        candidates = [r for r in person_rows if r["role"] == "candidate_FV2026"]
        dated = sorted((r for r in person_rows if r["from_date"] and r["party_id"]), key=lambda r: r["from_date"])
        if len(candidates) > 1 and dated:  # two candidates linked to one person: keep the one in his party
            for row in candidates:
                if row["party_id"] != dated[-1]["party_id"]:
                    row.update(person_id=own_key(row), homonym=True, sex="")
    names = defaultdict(set)
    for row in rows:
        if not is_external(row["person_id"]):
            names[compared(row["full_name"])].add(row["person_id"])
    for row in rows:
        match = names.get(compared(row["full_name"]), set())
        if is_external(row["person_id"]) and len(match) == 1 and not row.get("homonym"):
            row["person_id"] = next(iter(match))


# ---------------------------------------------------------------- periods

def basis(row: dict[str, str]) -> str:
    text = row["date_basis"]
    if not row["from_date"] and not row["to_date"]:
        return f"observed {row['as_of']}"
    kind = "undated" if "party undated" in text else "dated"
    return f"{kind}, open {row['as_of']}" if not row["to_date"] else kind


def role_detail(row: dict[str, str]) -> str:
    role, detail = row["role"], row["role_detail"]
    if role == "MEP":
        group = re.search(r"EP group: ([^;]+)", detail)
        return f"EP group: {group.group(1).strip()}" if group else ""
    if role == "candidate_FV2026":
        return "FV2026"
    if role == "MP":
        return ""
    return detail


def affiliation(row: dict[str, str], roles: dict[str, str]) -> dict:
    return {"key": row["person_id"], "party": row["party_id"], "start": row["from_date"],
            "end": row["to_date"], "role": roles.get(row["role"], row["role"]),
            "role_detail": role_detail(row), "basis": basis(row), "source": row["source"]}


def end_switched(periods: list[dict], switches: list[tuple[str, str, str]]) -> None:
    """A switch from party P on day D ends the MP and party periods in P that run over D on D-1."""
    for switch_day, old_party, _ in switches:
        for period in periods:
            if (period["party"] == old_party and period["role"] in SWITCHED_ROLES and period["start"]
                    and period["start"] < switch_day and (not period["end"] or period["end"] >= switch_day)):
                period["end"], period["basis"] = day_before(switch_day), kind(period)


def continues(a: dict, b: dict) -> bool:
    """b (starting no earlier than a) is the same kind of period as a and overlaps or follows it."""
    if any(a[k] != b[k] for k in ("party", "role", "role_detail")) or kind(a) != kind(b):
        return False
    if not a["start"] or not b["start"]:
        return a["start"] == b["start"] and a["end"] == b["end"]
    if not a["end"]:
        return True
    return date.fromisoformat(b["start"]) <= date.fromisoformat(a["end"]) + timedelta(days=1)


def kind(period: dict) -> str:
    return period["basis"].split(",")[0]


def merge_periods(items: list[dict]) -> list[dict]:
    """Merge rows of one person that continue each other (same party, role and kind of basis)."""
    merged: list[dict] = []
    for item in sorted(items, key=lambda i: (i["role"], i["party"], i["role_detail"], i["start"])):
        last = merged[-1] if merged else None
        if last and continues(last, item):
            if last["end"] and (not item["end"] or item["end"] > last["end"]):
                last["end"], last["basis"] = item["end"], item["basis"]
            last["source"] = " ; ".join(unique(split(last["source"]) + split(item["source"])))
            continue
        merged.append(dict(item))
    mp_periods = {(i["party"], i["start"], i["end"]) for i in merged if i["role"] == "MP"}
    return [i for i in merged
            if i["role"] != "party_affiliation" or (i["party"], i["start"], i["end"]) not in mp_periods]


def recency(row: dict[str, str]) -> tuple:
    """Sort key for the current name: Folketing rows by date (old names last), then other sources."""
    official = row.get("folketing_name", bool(row["from_date"]))
    return official, row["from_date"], "name change" not in row["notes"]


def gender(rows: list[dict[str, str]]) -> str:
    flagged = any("sex recorded as" in r["notes"] for r in rows)
    return "" if flagged else next((r["sex"] for r in rows if r["sex"]), "")


def build_politicians(rows: list[dict[str, str]], recent: Recent, editorial: dict,
                      pseudo: set[str] = frozenset()) -> list[dict]:
    rows = [dict(r) for r in rows]
    compared = same_person(editorial)
    extra_forms = {name_key(entry["name"]): list(entry["forms"]) for entry in editorial["name_forms"]}
    relink(rows, compared)
    rows += recent_rows(rows, recent, editorial, compared, pseudo)
    switches = switches_by_person(rows)
    by_person = defaultdict(list)
    for row in rows:
        by_person[row["person_id"]].append(row)
    out = []
    for key in sorted(by_person):
        person_rows = by_person[key]
        full_name = max(person_rows, key=recency)["full_name"]
        names = unique(r["full_name"] for r in person_rows if r["full_name"] != full_name)
        names = unique(names + extra_forms.get(name_key(full_name), []))
        person = {"key": key, "full_name": full_name, "variants": ";".join(names), "gender": gender(person_rows)}
        periods = [affiliation(r, editorial["roles"]) for r in person_rows if r["party_id"]]
        end_switched(periods, switches.get(key, []))
        for period in sorted(merge_periods(periods), key=lambda p: (p["start"] or "9999", p["role"],
                                                                    p["end"] or "9999")):
            out.append({**person, **{k: period[k] for k in POLITICIAN_COLUMNS if k in period and k != "key"}})
    return out


def check_parties_known(politicians: list[dict], parties: list[dict]) -> None:
    keys = {party["key"] for party in parties}
    unknown = sorted({row["party"] for row in politicians} - keys)
    if unknown:
        raise SystemExit(f"politicians in parties missing from the party table: {', '.join(unknown)}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", nargs="?", type=Path, default=DEFAULT_SHARED,
                        help="folder with parties_dk.csv, politicians_dk.csv and registry_2022/")
    parser.add_argument("--out", type=Path, default=REPO / "data", help="output folder (default: data/)")
    parser.add_argument("--editorial", type=Path, default=DEFAULT_EDITORIAL,
                        help="the editorial choices (default: data/registry_editorial.toml)")
    args = parser.parse_args(argv)
    editorial = read_editorial(args.editorial)
    recent = Recent.read(args.shared / "registry_2022", read_csv)
    parties = build_parties(read_csv(args.shared / "parties_dk.csv"), editorial, recent)
    pseudo = {party["key"] for party in parties if party["scope"] == "pseudo"}
    politicians = build_politicians(read_csv(args.shared / "politicians_dk.csv"), recent, editorial, pseudo)
    check_parties_known(politicians, parties)
    write_csv(args.out / "parties.csv", PARTY_COLUMNS, parties)
    write_csv(args.out / "politicians.csv", POLITICIAN_COLUMNS, politicians)
    people = len({row["key"] for row in politicians})
    print(f"{len(parties)} parties, {len(politicians)} affiliation rows of {people} politicians -> {args.out}")


if __name__ == "__main__":
    main()
