"""What story.json declares before any node: variables, characters, reply kinds, per-turn
rules, dynamics and scenes, each checked and built into the model."""

from __future__ import annotations

import json
import re
from typing import Any

from game.story.confine import names_file
from game.story.expr import VarInfo
from game.story.lenient import as_dict, as_list, as_number, as_str
from game.story.loader import Loader
from game.story.maps import MapError, read_map
from game.story.model import Character, Dynamic, Kind, Mark, Rule, Scene, Variable, Where
from game.story.text import Cast, Person, Pronouns, Template, render
from game.story.validate import escape

_VAR_ID = re.compile(r"[a-z][a-z0-9_]*\Z")
_DEFAULTS: dict[str, Any] = {"integer": 0, "number": 0.0, "bool": False, "string": ""}
_PY_TYPES: dict[str, tuple[type, ...]] = {
    "integer": (int,),
    "number": (int, float),
    "bool": (bool,),
    "string": (str,),
}


def wording(
    loader: Loader, text: Any, file: str, pointer: str, characters: dict[str, Character],
    default: str = "",
) -> tuple[str, Template]:
    """A text also shown outside play (a blurb, a kind's label or explanation, a dynamic's
    summary, a variable's label): names and pronoun forms only, checked, and kept as written
    for lint (``Loader.declared``). Returns how it reads with the story's own cast, and its
    template for the player's; ``default`` stands in for a text not written."""
    if isinstance(text, str):
        loader.declared.append((pointer, text))
    else:
        text = default
    if "{" not in text and "}" not in text:
        return text, ((text,) if text else ())
    template = loader.template(text, file, pointer, characters, {}, inline=False)
    cast = Cast({c.id: Person(c.name, c.pronouns) for c in characters.values()})
    return render(template, cast, str), template


def variables(
    loader: Loader, raw: dict[str, Any], file: str, cast: dict[str, Character]
) -> dict[str, Variable]:
    """The variables, each with its slot in the list of values play keeps."""
    out: dict[str, Variable] = {}
    for var_id, spec in raw.items():
        if not isinstance(spec, dict) or not _VAR_ID.match(var_id):
            continue
        pointer = f"/variables/{escape(var_id)}"
        vtype = spec.get("type")
        if not isinstance(vtype, str) or vtype not in _DEFAULTS:
            continue
        initial = spec.get("initial", _DEFAULTS[vtype])
        ok = isinstance(initial, _PY_TYPES[vtype]) and (
            vtype == "bool" or not isinstance(initial, bool)
        )
        if vtype == "integer" and isinstance(initial, float) and initial.is_integer():
            initial, ok = int(initial), True
        if not ok:
            loader.report(
                file, f"{pointer}/initial", "LT303", f"initial value {json.dumps(initial)} is not {vtype}"
            )
            initial = _DEFAULTS[vtype]
        lo, hi = as_number(spec.get("min")), as_number(spec.get("max"))
        if (lo is not None or hi is not None) and vtype not in ("integer", "number"):
            loader.report(file, pointer, "LT303", f"min and max apply only to numbers, not {vtype}")
            lo = hi = None
        if lo is not None and hi is not None and lo > hi:
            loader.report(file, f"{pointer}/min", "LT310", f"min {lo} is greater than max {hi}")
        elif vtype in ("integer", "number") and (
            (lo is not None and initial < lo) or (hi is not None and initial > hi)
        ):
            loader.report(
                file, f"{pointer}/initial", "LT310", f"initial value {initial} is outside [{lo}, {hi}]"
            )
        if vtype == "number":
            initial = float(initial)
        marks = tuple(
            Mark(float(m["value"]), as_str(m.get("label")))
            for m in as_list(spec.get("marks"))
            if isinstance(m, dict) and as_number(m.get("value")) is not None
        )
        label, label_template = wording(loader, spec.get("label"), file, f"{pointer}/label",
                                        cast, var_id)
        out[var_id] = Variable(
            id=var_id,
            type=vtype,
            initial=initial,
            slot=len(out),
            min=lo,
            max=hi,
            label=label,
            unit=as_str(spec.get("unit")),
            hidden=spec.get("hidden") is True,
            chart=spec.get("chart") is True,
            marks=marks,
            label_template=label_template,
        )
    return out


def characters(loader: Loader, raw: dict[str, Any], file: str) -> dict[str, Character]:
    """The characters, their portrait and sprite files checked to exist in the folder."""
    out: dict[str, Character] = {}
    for char_id, spec in raw.items():
        if not isinstance(spec, dict):
            continue
        pointer = f"/characters/{escape(char_id)}"
        try:
            pronouns = Pronouns.from_json(spec.get("pronouns", "they"))
        except ValueError:
            pronouns = Pronouns.from_json("they")
        portraits = {}
        for expression, image in as_dict(spec.get("portraits")).items():
            if isinstance(image, str):
                loader.asset(image, file, f"{pointer}/portraits/{escape(expression)}", what="portrait")
                portraits[expression] = image
        sprite = spec.get("sprite")
        if isinstance(sprite, str):
            loader.asset(sprite, file, f"{pointer}/sprite", what="sprite")
        out[char_id] = Character(
            id=char_id,
            name=as_str(spec.get("name"), char_id),
            pronouns=pronouns,
            player=spec.get("player") is True,
            color=spec.get("color") if isinstance(spec.get("color"), str) else None,
            sprite=sprite if isinstance(sprite, str) else None,
            portraits=portraits,
        )
    return out


def kinds(
    loader: Loader, raw: dict[str, Any], file: str, infos: dict[str, VarInfo],
    cast: dict[str, Character],
) -> dict[str, Kind]:
    """The reply kinds, their effects compiled (a choice of a kind applies them first)."""
    out = {}
    for kind_id, spec in raw.items():
        if not isinstance(spec, dict):
            continue
        pointer = f"/kinds/{escape(kind_id)}"
        tone = spec.get("tone") if spec.get("tone") in ("positive", "negative", "neutral") else "neutral"
        label, label_template = wording(loader, spec.get("label"), file, f"{pointer}/label",
                                        cast, kind_id)
        explain, explain_template = wording(loader, spec.get("explain"), file,
                                            f"{pointer}/explain", cast)
        out[kind_id] = Kind(
            id=kind_id,
            label=label,
            tone=tone,
            effects=loader.effects(spec.get("effects"), file, f"{pointer}/effects", infos),
            explain=explain,
            label_template=label_template,
            explain_template=explain_template,
        )
    return out


def rules(
    loader: Loader, raw: list[Any], file: str, infos: dict[str, VarInfo]
) -> tuple[Rule, ...]:
    """The per-turn rules: a bare effect, or effects under a condition."""
    out = []
    for i, rule in enumerate(raw):
        pointer = f"/each_turn/{i}"
        where = Where(file, pointer)
        if isinstance(rule, str):
            eff = loader.compile("effect", rule, file, pointer, infos)
            if eff is not None:
                out.append(Rule((eff,), None, where))
        elif isinstance(rule, dict):
            cond = loader.compile("condition", rule.get("if"), file, f"{pointer}/if", infos)
            effects = loader.effects(rule.get("effects"), file, f"{pointer}/effects", infos)
            out.append(Rule(effects, cond, where))
    return tuple(out)


def dynamics(
    loader: Loader, raw: dict[str, Any], file: str, cast: dict[str, Character]
) -> dict[str, Dynamic]:
    """The dynamics endings can name, with a label and summary to show."""
    out = {}
    for k, v in raw.items():
        if isinstance(v, dict):
            summary, template = wording(loader, v.get("summary"), file,
                                        f"/dynamics/{escape(k)}/summary", cast)
            out[k] = Dynamic(k, as_str(v.get("label"), k), summary, template)
    return out


def scenes(loader: Loader, raw: dict[str, Any], file: str) -> dict[str, Scene]:
    """The scenes, with the spots of their maps read (so nodes can be checked against them)."""
    out = {}
    for scene_id, spec in raw.items():
        if not isinstance(spec, dict):
            continue
        pointer = f"/scenes/{escape(scene_id)}"
        spots: frozenset[str] | None = None
        map_path = spec.get("map")
        if isinstance(map_path, str):
            target = loader.asset(map_path, file, f"{pointer}/map", what="map")
            if target is not None:
                try:
                    info = read_map(target, loader.root.resolve())
                except MapError as err:
                    _map_error(loader, err, file, f"{pointer}/map", map_path)
                else:
                    spots = info.spots
        ambient = spec.get("ambient") if isinstance(spec.get("ambient"), str) else None
        if ambient is not None and names_file(ambient):
            loader.asset(ambient, file, f"{pointer}/ambient", what="sound")
        out[scene_id] = Scene(
            id=scene_id,
            map=map_path if isinstance(map_path, str) else None,
            label=as_str(spec.get("label"), scene_id),
            ambient=ambient,
            spots=spots,
        )
    return out


def _map_error(loader: Loader, err: MapError, file: str, pointer: str, map_path: str) -> None:
    """A map that cannot be read, reported where the problem is: in the map (or the tileset
    or template it names) when that is known, else at the scene naming the map."""
    where = err.where
    root = loader.root.resolve()
    if where is None or not where.file.is_relative_to(root):
        loader.report(file, pointer, err.code, f"map '{map_path}': {err.message}")
        return
    shown = loader.display(where.file.relative_to(root).as_posix())
    loader.report(shown, where.path, err.code, err.message, line=where.line, column=where.column)
