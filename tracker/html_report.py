"""`tracker report`: one self-contained HTML page (inline CSS, SVG and a few lines of JS; nothing fetched).

The page: the issue x party heatmap of net positions (issues where the parties differ most first), then
each issue: the parties side by side with one quote and its article, and a timeline chart (inline SVG).
Discovered issues are marked; the statements on no concrete issue are counted per topic at the end
("other statements on <topic>"), never shown as positions.
"""

from __future__ import annotations

import math
from datetime import date
from html import escape

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker import __version__, reports
from tracker.db.models import Article
from tracker.reports import Scope
from tracker.reports.colours import AGAINST_RGB, FOR_RGB, NEUTRAL_RGB, ink, net_colour, party_colour
from tracker.texts import Texts
CHART_WIDTH, CHART_HEIGHT, MARGIN = 640, 200, 36
T = Texts()  # the page's language, set by render_report


def render_report(session: Session, scope: Scope = Scope(), by: str | None = None, title: str | None = None,
                  lang: str = "da") -> str:
    """The whole page as a string; texts for people in `lang` (data/ui_texts.toml), every value escaped."""
    global T
    T = Texts(lang)
    title = title or T["report_title"]
    by = by or choose_period(session, scope)
    matrix = reports.matrix_frame(session, scope)
    compared = reports.compare_table(session, scope)
    timelines = reports.timeline_table(session, scope, by)
    keys = {name: key for key, name in reports.party_names(session).values()}
    parties = [c for c in matrix.columns if c not in ("issue", "label", "kind", "statements", "parties", "spread",
                                                      "disagree")]
    colours = {key: party_colour(key) for key in parties}
    matrix = matrix.assign(issue_id=matrix["issue"].map(reports.issue_names(session).set_index("issue")["issue_id"]))
    sections = []
    for issue in matrix.to_dict("records"):
        rows = compared[compared["issue_id"] == issue["issue_id"]]
        timeline = timelines[timelines["issue_id"] == issue["issue_id"]]
        sections.append(issue_section(issue, rows, timeline, by, keys, colours))
    body = [f"<h1>{escape(title)}</h1>", _summary(session, scope, matrix, by),
            f'<input id="filter" type="search" placeholder="{escape(T["report_filter"])}" '
            f'aria-label="{escape(T["report_filter"])}">',
            heatmap(matrix, parties, compared, keys), *sections, other_statements(session, scope), _footer()]
    return PAGE.format(lang=T.lang, title=escape(title), style=STYLE, script=SCRIPT, body="\n".join(body))


def choose_period(session: Session, scope: Scope) -> str:
    """year for more than four years of articles, quarter for more than one, else month."""
    query = reports.within_dates(select(func.min(Article.published), func.max(Article.published)), scope)
    first, last = session.execute(query).one()
    days = (_as_date(last) - _as_date(first)).days if first and last else 0
    return "year" if days > 4 * 365 else "quarter" if days > 365 else "month"


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _summary(session: Session, scope: Scope, matrix: pd.DataFrame, by: str) -> str:
    statements = int(matrix["statements"].sum()) if not matrix.empty else 0
    disagree = int(matrix["disagree"].sum()) if not matrix.empty else 0
    span = [T("from_day", day=scope.since) if scope.since else "", T("until_day", day=scope.until) if scope.until
            else "", T("topic_is", topic=scope.topic) if scope.topic else "", scope.outlet or ""]
    where = " ".join(part for part in span if part)
    text = T("report_summary", statements=f"{statements:,}", issues=f"{len(matrix):,}", disagree=disagree,
             where=", " + where if where else "", by=T[f"period_{by}"])
    return f'<p class="summary">{escape(text)}</p>'


def other_statements(session: Session, scope: Scope) -> str:
    """How many statements fit no concrete issue, per topic ("other statements on Uddannelse: 12")."""
    frame = reports.issues_frame(session, scope)
    frame = frame[(frame["kind"] == "other") & (frame["statements"] > 0)]
    if frame.empty:
        return ""
    items = "".join(f"<li>{escape(row['label'])}: {row['statements']}</li>" for row in frame.to_dict("records"))
    return (f'<h2>{escape(T["other_statements"])}</h2><p class="meta">{escape(T["other_statements_help"])}</p>'
            f"<ul>{items}</ul>")


def _footer() -> str:
    return f'<footer>{escape(T("report_footer", version=__version__, day=date.today().isoformat()))}</footer>'


colour = net_colour  # the scale both the report and the web app draw


def heatmap(matrix: pd.DataFrame, parties: list[str], compared: pd.DataFrame, keys: dict[str, str]) -> str:
    """The issue x party table of net positions; each cell's tooltip gives its counts."""
    counts = {(row["issue_id"], keys.get(row["party"])): row for row in compared.to_dict("records")}
    head = "".join(f'<th scope="col"><span class="swatch" style="background:{party_colour(p)}"></span>{escape(p)}</th>'
                   for p in parties)
    rows = []
    for issue in matrix.to_dict("records"):
        cells = "".join(_cell(issue, party, counts.get((issue["issue_id"], party))) for party in parties)
        spread = "" if pd.isna(issue["spread"]) else f"{issue['spread']:.2f}"
        rows.append(f'<tr data-search="{escape(_search_text(issue))}"><th scope="row">'
                    f'<a href="#issue-{escape(issue["issue"])}" title="{escape(issue["label"])}">'
                    f'{escape(issue["label"])}</a>{"*" if _marker(issue) else ""}</th><td class="num">{spread}</td>'
                    f'{cells}</tr>')
    legend = (f'<p class="legend"><span style="background:{colour(-1)}">−1 {escape(T.stance("against"))}</span>'
              f'<span style="background:{colour(0)}">0</span><span style="background:{colour(1)}">+1 '
              f'{escape(T.stance("for"))}</span></p>')
    return (f'<h2>{escape(T["net_positions"])}</h2>{legend}<table id="heatmap" class="heatmap"><thead><tr>'
            f'<th>{escape(T["issue"])}</th><th>{escape(T["spread"])}</th>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table><p class="meta">* {escape(T["discovered_help"])}</p>')


def _cell(issue: dict, party: str, row: dict | None) -> str:
    net = issue.get(party)
    if net is None or pd.isna(net) or row is None:
        return '<td class="empty"></td>'
    tip = (f'{party}, {issue["label"]}: {row["for"]} {T.stance("for")}, {row["against"]} {T.stance("against")}, '
           f'{row["neutral"]} {T.stance("neutral")} ({T["net"]} {net:+.2f})')
    return (f'<td class="num cell" style="background:{colour(net)};color:{ink(net)}" title="{escape(tip)}">'
            f'{net:+.2f}</td>')


def _search_text(issue: dict) -> str:
    return f'{issue["issue"]} {issue["label"]}'.lower()


def issue_section(issue: dict, rows: pd.DataFrame, timeline: pd.DataFrame, by: str, keys: dict[str, str],
                  colours: dict[str, str]) -> str:
    """One issue: the parties side by side (counts, net, a quote and its article) and its timeline."""
    sides = {side: ", ".join(rows.loc[rows["leaning"] == side, "party"]) for side in ("for", "against")}
    verdict = (f'<p class="verdict">{escape(T("disagree", for_=sides["for"], against=sides["against"]))}</p>'
               if sides["for"] and sides["against"] else f'<p class="verdict">{escape(T["no_disagreement"])}</p>')
    spread = "" if pd.isna(issue["spread"]) else f' · spread {issue["spread"]:.2f}'
    table = "".join(_party_row(row, colours.get(keys.get(row["party"]), "#777")) for row in rows.to_dict("records"))
    return (f'<section class="issue" id="issue-{escape(issue["issue"])}" data-search="{escape(_search_text(issue))}">'
            f'<h2>{escape(issue["label"])}</h2><p class="meta">{escape(issue["issue"])}{_marker(issue)} · '
            f'{issue["statements"]} {escape(T["statements"].lower())}{spread}</p>{verdict}'
            f'<table class="compare"><thead><tr>'
            f'<th>{escape(T["party"])}</th><th>{escape(T["counts"])}</th><th>{escape(T["net"])}</th>'
            f'<th>{escape(T["quote"])}</th></tr></thead><tbody>{table}</tbody></table>'
            f'{timeline_svg(timeline, by, keys, colours)}</section>')


def _marker(issue: dict) -> str:
    return f" · {T['issue_kind_discovered']}" if issue.get("kind") == "discovered" else ""


def _party_row(row: dict, swatch: str) -> str:
    counts = f'{row["for"]} / {row["against"]} / {row["neutral"]}'
    return (f'<tr><td class="party"><span class="swatch" style="background:{swatch}"></span>{escape(row["party"])}'
            f'</td><td>{stance_bar(row)} {counts}</td><td class="num">{row["net"]:+.2f}</td>'
            f"<td>{_quote(row)}</td></tr>")


def stance_bar(row: dict, width: int = 90) -> str:
    """A small stacked bar: the shares of for, against and neutral."""
    parts, x = [], 0.0
    for stance, rgb in (("for", FOR_RGB), ("against", AGAINST_RGB), ("neutral", NEUTRAL_RGB)):
        share = width * row[stance] / row["statements"] if row["statements"] else 0
        if share:
            parts.append(f'<rect x="{x:.1f}" width="{share:.1f}" height="10" fill="rgb{rgb}">'
                         f"<title>{row[stance]} {escape(T.stance(stance))}</title></rect>")
        x += share
    return f'<svg class="bar" width="{width}" height="10" role="img">{"".join(parts)}</svg>'


def _quote(row: dict) -> str:
    """The quote with who said it, when, and the article it came from (a link when it has a URL)."""
    if not row["quote"]:
        return ""
    article = escape(row["article"])
    source = str(row["source"])
    if source.startswith(("http://", "https://")):
        article = f'<a href="{escape(source)}">{article}</a>'
    else:
        article = f'<span title="{escape(source)}">{article}</span>'
    who = ", ".join(escape(str(part)) for part in (row["politician"], row["date"]) if part and not pd.isna(part))
    also = f' (also in: {escape(row["also_in"])})' if row.get("also_in") else ""
    return f'<blockquote>“{escape(row["quote"])}”</blockquote><cite>{who}{", " if who else ""}{article}{also}</cite>'


def timeline_svg(frame: pd.DataFrame, by: str, keys: dict[str, str], colours: dict[str, str]) -> str:
    """Net position per period, one line per party; a dot's size grows with its number of statements."""
    if frame.empty:
        return f'<p class="meta">{escape(T["no_timeline"])}</p>'
    periods = period_range(frame["period"].min(), frame["period"].max(), by)
    step = (CHART_WIDTH - MARGIN - 12) / len(periods)
    x_of = {period: MARGIN + (i + 0.5) * step for i, period in enumerate(periods)}
    top, bottom = 10, CHART_HEIGHT - 26

    def y_of(net: float) -> float:
        return top + (1 - net) / 2 * (bottom - top)

    ticks = {-1: "−1", -0.5: "−0.5", 0: "0", 0.5: "+0.5", 1: "+1"}
    grid = [f'<line x1="{MARGIN}" x2="{CHART_WIDTH - 12}" y1="{y_of(v):.1f}" y2="{y_of(v):.1f}" class="grid"/>'
            f'<text x="{MARGIN - 6}" y="{y_of(v) + 4:.1f}" class="axis" text-anchor="end">{tick}</text>'
            for v, tick in ticks.items()]
    every = max(1, math.ceil(len(periods) / 10))
    labels = [f'<text x="{x_of[p]:.1f}" y="{CHART_HEIGHT - 8}" class="axis" text-anchor="middle">{escape(p)}</text>'
              for i, p in enumerate(periods) if i % every == 0]
    lines, legend = [], []
    groups = list(frame.groupby("party", sort=False))
    nudge = min(step * 0.5 / len(groups), 6)  # parties side by side within a period, so equal dots stay visible
    for i, (party, rows) in enumerate(groups):
        ink = colours.get(keys.get(party), "#777")
        shift = (i - (len(groups) - 1) / 2) * nudge
        points = [(x_of[p] + shift, y_of(n), p, n, c)
                  for p, n, c in zip(rows["period"], rows["net"], rows["statements"])]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, *_ in points)
        dots = "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{min(2.5 + 1.5 * math.sqrt(c), 9):.1f}" fill="{ink}">'
                       f"<title>{escape(party)}, {escape(p)}: net {n:+.2f} ({c} statements)</title></circle>"
                       for x, y, p, n, c in points)
        lines.append(f'<g class="party-line"><polyline points="{path}" fill="none" stroke="{ink}" '
                     f'stroke-width="2" opacity="0.8"/>{dots}</g>')
        legend.append(f'<span><span class="swatch" style="background:{ink}"></span>{escape(party)}</span>')
    return (f'<figure class="timeline"><svg viewBox="0 0 {CHART_WIDTH} {CHART_HEIGHT}" width="{CHART_WIDTH}" '
            f'height="{CHART_HEIGHT}" role="img" aria-label="{escape(T("timeline", by=T[f"period_{by}"]))}">'
            f'{"".join(grid + labels + lines)}</svg><figcaption>{escape(T("timeline", by=T[f"period_{by}"]))}: '
            f'{"".join(legend)}</figcaption></figure>')


def period_range(first: str, last: str, by: str) -> list[str]:
    """Every period from `first` to `last`: ['2021-Q3', '2021-Q4', '2022-Q1']."""
    return [_period_label(n, by) for n in range(_period_number(first, by), _period_number(last, by) + 1)]


def _period_number(label: str, by: str) -> int:
    if by == "year":
        return int(label)
    year, part = label.split("-")
    return int(year) * (4 if by == "quarter" else 12) + int(part.lstrip("Q")) - 1


def _period_label(number: int, by: str) -> str:
    """The label the database gives a period: years of four digits, as SQLite and PostgreSQL write them ('0999')."""
    if by == "year":
        return f"{number:04d}"
    year, part = divmod(number, 4 if by == "quarter" else 12)
    return f"{year:04d}-Q{part + 1}" if by == "quarter" else f"{year:04d}-{part + 1:02d}"


PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
{body}
<script>{script}</script>
</body>
</html>
"""

STYLE = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem auto;
       max-width: 1100px; padding: 0 1rem; color: #1a1a1a; background: #fff; }
h1 { font-size: 1.6rem; margin-bottom: .3rem; } h2 { font-size: 1.2rem; margin: 1.6rem 0 .3rem; }
.summary, .meta, footer { color: #555; } .meta { margin: 0 0 .3rem; font-size: .9rem; }
#filter { width: 18rem; padding: .35rem .5rem; margin: .5rem 0; font: inherit; }
table { border-collapse: collapse; } th, td { padding: .25rem .45rem; vertical-align: top; }
.heatmap th, .heatmap td { border: 1px solid #e4e4e4; }
.heatmap thead th { position: sticky; top: 0; background: #fafafa; }
.heatmap th[scope=row] { text-align: left; font-weight: normal; white-space: nowrap; }
.num { text-align: right; font-variant-numeric: tabular-nums; } .cell { min-width: 3rem; }
td.empty { background: repeating-linear-gradient(45deg, #fff, #fff 4px, #f3f3f3 4px, #f3f3f3 8px); }
.legend span { display: inline-block; padding: .1rem .6rem; margin-right: .3rem; border: 1px solid #ddd;
               font-size: .85rem; }
.issue { border-top: 1px solid #ddd; margin-top: 1.5rem; }
.compare { width: 100%; } .compare td, .compare th { border-bottom: 1px solid #eee; text-align: left; }
.party { white-space: nowrap; } .swatch { display: inline-block; width: .8rem; height: .8rem; margin: 0 .35rem 0 .2rem;
       border-radius: 2px; vertical-align: -1px; }
blockquote { margin: 0; font-style: italic; }
cite { display: block; font-size: .85rem; color: #555; font-style: normal; }
.bar { vertical-align: middle; background: #f2f2f2; } .verdict { margin: .2rem 0 .5rem; }
figure { margin: .8rem 0; } figcaption { font-size: .85rem; color: #444; } figcaption > span { margin-right: .6rem; }
svg .grid { stroke: #e6e6e6; } svg .axis { font-size: 11px; fill: #666; }
footer { margin-top: 2.5rem; font-size: .85rem; }
.hidden { display: none; }
"""

SCRIPT = """
var filter = document.getElementById("filter");
function applyFilter() {
  var wanted = filter.value.trim().toLowerCase();
  document.querySelectorAll("[data-search]").forEach(function (element) {
    element.classList.toggle("hidden", wanted !== "" && element.dataset.search.indexOf(wanted) < 0);
  });
}
filter.addEventListener("input", applyFilter);
if (location.hash.indexOf("#filter=") === 0) {  // report.html#filter=pension opens filtered
  filter.value = decodeURIComponent(location.hash.slice(8));
  applyFilter();
}
"""
