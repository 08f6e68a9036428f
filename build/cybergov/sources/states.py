"""States of the codebook (sources/codebook/states.yaml) as entities, their codes and names from ISO 3166.

The file holds what a person decides: the id, the alpha-3 code, membership, and names that
the standard lacks (common English forms, Chinese names, the name the UN uses). The codes
and the standard's English names come from pycountry, the maintained ISO 3166 package, so
they are written nowhere by hand. Former states (Czechoslovakia, Yugoslavia, ...) come from
ISO 3166-3.
"""
from __future__ import annotations

import gettext
from functools import lru_cache

import pycountry

from ..errors import InputError
from .yamlio import LineDict, LineList

STATUS = {"member": "a member state of the United Nations", "observer": "a non-member observer state of the United Nations",
          "former": "a former state, which spoke at the United Nations before it was dissolved or merged"}


@lru_cache(maxsize=1)
def _chinese():
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"], fallback=True)


def _country(iso3: str):
    found = pycountry.countries.get(alpha_3=iso3)
    if found is not None:
        return found, False
    return pycountry.historic_countries.get(alpha_3=iso3), True


def _aliases(item: LineDict, country, name: str, former: bool) -> LineList:
    """The standard's names (official, common, short) and the file's own, each once; the line is the state's."""
    forms: list = []
    for attr in ("name", "official_name", "common_name"):
        value = getattr(country, attr, None)
        if value and "," not in value and value != name:  # "Korea, Republic of" is an index form, not a name in text
            forms.append(value)
    if not former:
        zh = _chinese().gettext(country.name)
        if zh != country.name:
            forms.append({"alias": zh, "lang": "zh"})
    forms += list(item.get("aliases", []))
    out, seen = LineList(), set()
    for form in forms:
        key = form if isinstance(form, str) else (form["alias"], form.get("lang"))
        if key not in seen:
            seen.add(key)
            out.append(form)
    out.line = item.line
    out.item_lines = [item.line] * len(out)
    return out


def state_entities(items: list[LineDict], shown: str) -> list[LineDict]:
    """One entity per state: kind `state`, ISO codes, names and aliases."""
    out = []
    for item in items:
        country, former = _country(item["iso3"])
        if country is None:
            raise InputError(f"iso3 {item['iso3']!r} of {item['id']!r} is not an ISO 3166-1 or 3166-3 alpha-3 code", shown,
                             item.key_lines.get("iso3"), "use the state's alpha-3 code (pycountry.countries)")
        if former != (item["status"] == "former"):
            raise InputError(f"{item['id']!r}: status {item['status']!r} but ISO 3166 lists {item['iso3']} as "
                             f"{'a former' if former else 'a current'} country", shown, item.key_lines.get("status"),
                             "set status to former only for codes of ISO 3166-3")
        name = item.get("name") or getattr(country, "common_name", None) or country.name
        official = getattr(country, "official_name", None)
        iso2 = None if former else country.alpha_2
        codes = f"ISO 3166-1 {iso2}/{item['iso3']}" if iso2 else f"ISO 3166-3 {country.alpha_4}"
        description = item.get("description") or (
            f"{name}: {STATUS[item['status']]} ({codes}){'; officially ' + official if official and official != name else ''}.")
        entity = LineDict(id=item["id"], kind="state", name=name, description=description, parent=None,
                          iso_alpha2=iso2, iso_alpha3=item["iso3"], aliases=_aliases(item, country, name, former))
        if item.get("wikidata"):
            entity["wikidata"] = item["wikidata"]
        entity.line = item.line
        entity.key_lines = {**item.key_lines, "name": item.key_lines.get("name", item.line)}
        out.append(entity)
    return out
