"""One person, one name, role and party: all mentions of a person get the longest name written, the role
the text gives, and the party from the text, else the registry at the article's date, else the context."""

from __future__ import annotations

from tracker.nlp.mentions.context import TextContext
from tracker.nlp.model import Mention


def resolve_people(people: list[Mention], context: TextContext, registry, on) -> None:
    """Give all mentions of a person the longest name written, one role and one party."""
    groups: dict[str, list[Mention]] = {}
    for mention in people:
        groups.setdefault(mention.politician_key or mention.name, []).append(mention)
    previous_party = None
    for mentions in sorted(groups.values(), key=lambda group: group[0].start_char):
        role = next((r for m in mentions if (r := context.role(m.start_char, m.end_char))), None)
        party, source = _person_party(mentions, context, registry, on, previous_party, role is not None)
        name = max((m.name for m in mentions), key=lambda n: (len(n.split()), len(n)))
        for mention in mentions:
            mention.name, mention.role, mention.party, mention.party_source = name, role, party, source
        previous_party = party or previous_party


def _person_party(mentions, context, registry, on, previous_party, has_role) -> tuple[str | None, str | None]:
    for mention in mentions:
        party = context.text_party(mention.start_char, mention.end_char)
        if party:
            return party, "text"
    key = next((m.politician_key for m in mentions if m.politician_key), None)
    record = registry.party_at(key, on) if key else None
    if record is not None:
        return record.name, "registry"
    for mention in mentions:
        party = context.context_party(mention.start_char, mention.end_char, previous_party, has_role)
        if party:
            return party, "context"
    return None, None
