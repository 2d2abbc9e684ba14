"""Build data/parties.csv and data/politicians.csv from the shared registry sources.

    python scripts/build_registry.py [SHARED_DATA_DIR] [--out DATA_DIR]

SHARED_DATA_DIR holds parties_dk.csv and politicians_dk.csv (default ../shared/data, see its SOURCES.md).
The outputs are committed, so the project works without the shared folder.

parties.csv: one row per party, with the canonical short name used in output, news abbreviations and
the surface forms Danish news writes (`;`-separated).
politicians.csv: one row per affiliation period. `basis` says how sure the dates are:
  dated                 party dates explicit in the source
  undated               role dates from the source, party assumed constant over the role
  observed YYYY-MM-DD   party seen on that day (candidate list, MEP directory), no period dates
  "..., open YYYY-MM-DD" an open-ended period, known to hold up to that day (the source's data end)
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = REPO.parent / "shared" / "data"

PARTY_COLUMNS = ["key", "name", "official_name", "letter", "abbreviations", "variants", "founded",
                 "dissolved", "scope", "in_folketing_2022"]
POLITICIAN_COLUMNS = ["key", "full_name", "variants", "gender", "party", "start", "end", "role",
                      "role_detail", "basis"]

# Editorial layer over parties_dk.csv: how news writes the parties (see the module docstring).
IN_FOLKETING_2022 = {"S", "V", "DD", "SF", "LA", "M", "KF", "EL", "DF", "RV", "NB", "ALT"}
NAME = {"RV": "Radikale Venstre", "SF": "SF"}  # otherwise short_name, or the full name for bare acronyms
ABBREVIATIONS = {  # replaces the source's list: news "(K)" is Konservative, KD is only "KD"
    "KF": "K;KF;C", "KD": "KD", "ALT": "ALT;Å;AL", "UFG": "UFG", "IND": "IND",
}
EXTRA_VARIANTS = {
    "S": "Socialdemokraterne;socialdemokraterne;Socialdemokratiets;Socialdemokraternes;socialdemokraternes",
    "V": "Venstres",
    "DF": "DF'erne;DF'eren;DF'ernes;Dansk Folkepartis",
    "RV": "Radikale Venstre;Radikale Venstres;De Radikale;de radikale;De Radikales;Det Radikale Venstres",
    "SF": "Socialistisk Folkeparti;SF'erne;SF'eren;SF'ernes",
    "EL": "Enhedslisten - De Rød-Grønne",
    "KF": "de konservative;Konservative Folkeparti;Det Konservative Folkeparti;Konservatives",
    "LA": "LA'erne;LA'eren;LA'ernes",
    "KD": "Kristendemokraternes",
    "FG": "De Frie Grønne",
    "UFG": "Løsgænger;løsgængeren",
}
DROP_VARIANTS = {  # ordinary adjectives / nouns that clash with other parties or common words
    "RV": "radikal", "KF": "konservativ", "IND": "løsgænger;independent",
}

ROLES = {"MP": "MP", "minister": "minister", "speaker_of_parliament": "speaker",
         "party_affiliation": "party_affiliation", "MEP": "MEP", "candidate_FV2026": "candidate"}


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def split(text: str) -> list[str]:
    return [part.strip() for part in (text or "").split(";") if part.strip()]


def unique(items) -> list[str]:
    seen, out = set(), []
    for item in items:
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


def day(text: str) -> str:
    """ISO date from 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' (a bare year means 1 January)."""
    text = (text or "").strip()
    if not text:
        return ""
    parts = [int(p) for p in text.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2]).isoformat()


def last_day(text: str) -> str:
    """ISO date of the last day a 'YYYY' (31 December) or exact date stands for."""
    text = (text or "").strip()
    return f"{text}-12-31" if re.fullmatch(r"\d{4}", text) else day(text)


def founded(row: dict[str, str]) -> str:
    """The founding day: ParlaMint's existence date when it falls in the founding year, else 1 January."""
    exact = row.get("parlamint_existence_from", "")
    if row["founded"] and exact.startswith(row["founded"] + "-"):
        return day(exact)
    return day(row["founded"])


# ---------------------------------------------------------------- parties

def party_name(row: dict[str, str]) -> str:
    short = row["short_name"].strip()
    if row["party_id"] in NAME:
        return NAME[row["party_id"]]
    return row["canonical_name_da"] if not short or short.isupper() else short


def genitive(form: str) -> str:
    return form + ("'" if form[-1] in "sxz" else "s")


def party_variants(row: dict[str, str], name: str) -> list[str]:
    """Name forms news writes: source variants, editorial additions, genitives of capitalised names."""
    key = row["party_id"]
    forms = [row["canonical_name_da"], row["official_name_da"], row["short_name"]]
    forms += split(row["name_variants"]) + split(EXTRA_VARIANTS.get(key, ""))
    if row["scope"] != "pseudo":
        forms += [genitive(f) for f in forms if re.fullmatch(r"[A-ZÆØÅ][\w ]*[a-zæøå]", f) and f[-1] != "s"]
    for f in list(forms):  # news writes both dashes
        if " – " in f or " ‒ " in f:
            forms.append(re.sub(r" [–‒] ", " - ", f))
    drop = set(split(DROP_VARIANTS.get(key, ""))) | set(party_abbreviations(row)) | {name}
    return [f for f in unique(forms) if f not in drop]


def party_abbreviations(row: dict[str, str]) -> list[str]:
    key = row["party_id"]
    return unique(split(ABBREVIATIONS.get(key, "")) or split(row["abbrev_variants"]) or [key])


def build_parties(rows: list[dict[str, str]]) -> list[dict]:
    out = []
    for row in rows:
        name = party_name(row)
        abbreviations = party_abbreviations(row)
        variants = party_variants(row, name)
        if row["scope"] == "national":
            acronyms = [a for a in abbreviations if re.fullmatch(r"[A-ZÆØÅ]{2,}", a)]
            variants += [a + "'s" for a in acronyms if a + "'s" not in variants]
        out.append({
            "key": row["party_id"], "name": name, "official_name": row["official_name_da"] or name,
            "letter": row["ballot_letter"], "abbreviations": ";".join(abbreviations),
            "variants": ";".join(variants), "founded": founded(row), "dissolved": last_day(row["dissolved"]),
            "scope": row["scope"], "in_folketing_2022": str(row["party_id"] in IN_FOLKETING_2022).lower(),
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


# ---------------------------------------------------------------- politicians

def name_key(name: str) -> str:
    """Name compared across sources: no initials ('W.'), hyphens as spaces, case-folded."""
    tokens = [t for t in name.replace("-", " ").split() if not re.fullmatch(r"\w\.", t)]
    return " ".join(tokens).casefold()


def is_external(person_id: str) -> bool:
    return person_id.startswith(("dr2026:", "ep:"))


def own_key(row: dict[str, str]) -> str:
    return "dr2026:" + row["source_id"].rsplit(":", 1)[-1]


def relink(rows: list[dict[str, str]]) -> None:
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
            names[name_key(row["full_name"])].add(row["person_id"])
    for row in rows:
        match = names.get(name_key(row["full_name"]), set())
        if is_external(row["person_id"]) and len(match) == 1 and not row.get("homonym"):
            row["person_id"] = next(iter(match))


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


def affiliation(row: dict[str, str]) -> dict:
    return {"key": row["person_id"], "party": row["party_id"], "start": row["from_date"],
            "end": row["to_date"], "role": ROLES.get(row["role"], row["role"]),
            "role_detail": role_detail(row), "basis": basis(row)}


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
            continue
        merged.append(dict(item))
    mp_periods = {(i["party"], i["start"], i["end"]) for i in merged if i["role"] == "MP"}
    return [i for i in merged
            if i["role"] != "party_affiliation" or (i["party"], i["start"], i["end"]) not in mp_periods]


def recency(row: dict[str, str]) -> tuple:
    """Sort key for the current name: Folketing rows by date (old names last), then other sources."""
    return bool(row["from_date"]), row["from_date"], "name change" not in row["notes"]


def gender(rows: list[dict[str, str]]) -> str:
    flagged = any("sex recorded as" in r["notes"] for r in rows)
    return "" if flagged else next((r["sex"] for r in rows if r["sex"]), "")


def build_politicians(rows: list[dict[str, str]]) -> list[dict]:
    rows = [dict(r) for r in rows]
    relink(rows)
    by_person = defaultdict(list)
    for row in rows:
        by_person[row["person_id"]].append(row)
    out = []
    for key in sorted(by_person):
        person_rows = by_person[key]
        full_name = max(person_rows, key=recency)["full_name"]
        variants = ";".join(unique(r["full_name"] for r in person_rows if r["full_name"] != full_name))
        person = {"key": key, "full_name": full_name, "variants": variants, "gender": gender(person_rows)}
        periods = merge_periods([affiliation(r) for r in person_rows if r["party_id"]])
        for period in sorted(periods, key=lambda p: (p["start"] or "9999", p["role"], p["end"] or "9999")):
            out.append({**person, **{k: period[k] for k in POLITICIAN_COLUMNS if k in period and k != "key"}})
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", nargs="?", type=Path, default=DEFAULT_SHARED,
                        help="folder with parties_dk.csv and politicians_dk.csv")
    parser.add_argument("--out", type=Path, default=REPO / "data", help="output folder (default: data/)")
    args = parser.parse_args(argv)
    parties = build_parties(read_csv(args.shared / "parties_dk.csv"))
    politicians = build_politicians(read_csv(args.shared / "politicians_dk.csv"))
    write_csv(args.out / "parties.csv", PARTY_COLUMNS, parties)
    write_csv(args.out / "politicians.csv", POLITICIAN_COLUMNS, politicians)
    people = len({row["key"] for row in politicians})
    print(f"{len(parties)} parties, {len(politicians)} affiliation rows of {people} politicians -> {args.out}")


if __name__ == "__main__":
    main()
