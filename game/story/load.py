"""Story folder → ``Story``, reporting every problem found, never a traceback.

Files are parsed with the C ``json`` module; positions (line and column) are worked out only
for the pointers something is reported at, by ``jsonlocate``. A story with any
error is never returned, so it is never half-played.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.story import expr
from game.story.codes import severity
from game.story.collector import collector_paused
from game.story.diagnostics import Diagnostic, StoryError, has_errors, sort_key
from game.story.jsonlocate import Locator
from game.story.jsonpos import JsonSyntaxError
from game.story.jsonpos import parse as parse_with_positions
from game.story.maps import MapError, read_map
from game.story.model import (
    FORMAT_VERSION,
    Character,
    Choice,
    Dynamic,
    Ending,
    Kind,
    Line,
    Mark,
    Node,
    RouteEntry,
    Rule,
    Scene,
    Story,
    Variable,
    Where,
)
from game.story.text import Pronouns, Template, TemplateError, parse_template
from game.story.validate import check_file, escape, suggest

_VAR_ID = re.compile(r"[a-z][a-z0-9_]*\Z")
STORY_FILE = "story.json"
BRANCH_DIR = "branches"

_DEFAULTS: dict[str, Any] = {"integer": 0, "number": 0.0, "bool": False, "string": ""}
_PY_TYPES: dict[str, tuple[type, ...]] = {
    "integer": (int,),
    "number": (int, float),
    "bool": (bool,),
    "string": (str,),
}


@dataclass
class _Pending:
    """A problem waiting for its position: resolved once, per file, at the end."""

    file: str
    pointer: str
    code: str
    message: str
    at_key: bool = False
    offset: int | None = None
    line: int | None = None
    column: int | None = None


class SourceMap:
    """Positions of JSON pointers in the story's files, worked out only when asked for.

    Only texts that parsed are added; a file that is not there (or nests deeper than the
    careful parser allows) has every position at line 1, column 1.
    """

    def __init__(self) -> None:
        self._texts: dict[str, str] = {}
        self._locators: dict[str, Locator] = {}
        self._shallow: set[str] = set()

    def add(self, display: str, text: str) -> None:
        """Keep ``text``, a document ``json.loads`` accepts, for positions in ``display``."""
        self._texts[display] = text
        self._locators.pop(display, None)
        self._shallow.discard(display)

    def matched_schema(self, display: str) -> None:
        """Note that the file matched the schema, so it nests only a few levels deep and the
        check for nesting beyond what the careful parser allows can be skipped."""
        self._shallow.add(display)

    def locate(
        self, file: str, pointer: str, *, at_key: bool = False, offset: int | None = None
    ) -> tuple[int, int]:
        locator = self._locators.get(file)
        if locator is None:
            text = self._texts.get(file)
            if text is None:
                return (1, 1)
            locator = self._locators[file] = Locator(text)
        try:
            if file not in self._shallow and not locator.valid:
                return (1, 1)
            if offset is not None:
                pos = locator.in_string(pointer, offset)
            elif at_key:
                pos = locator.key(pointer)
            else:
                pos = locator.value(pointer)
        except (ValueError, IndexError, StopIteration):  # not JSON after all: as if unparsed
            return (1, 1)
        return (pos.line, pos.column)


@dataclass
class _Loader:
    root: Path
    display_root: str
    pending: list[_Pending] = field(default_factory=list)
    sources: SourceMap = field(default_factory=SourceMap)
    compiled: dict[tuple[str, str], Any] = field(default_factory=dict)
    templates: dict[str, Template] = field(default_factory=dict)
    placeholders: dict[str, tuple] = field(default_factory=dict)

    # -- reporting ---------------------------------------------------------------------------

    def report(self, file: str, pointer: str, code: str, message: str, **where: Any) -> None:
        self.pending.append(_Pending(file, pointer, code, message, **where))

    def diagnostics(self) -> list[Diagnostic]:
        out = []
        for p in self.pending:
            if p.line is not None:
                line, column = p.line, p.column or 1
            else:
                line, column = self.sources.locate(p.file, p.pointer, at_key=p.at_key, offset=p.offset)
            out.append(
                Diagnostic(p.file, line, column, severity(p.code), p.code, p.message, p.pointer)
            )
        out.sort(key=sort_key)
        return out

    # -- files -------------------------------------------------------------------------------

    def display(self, relative: str) -> str:
        return f"{self.display_root.rstrip('/')}/{relative}" if self.display_root else relative

    def read_json(self, relative: str) -> Any:
        """The file's JSON value, or None after reporting why it cannot be had."""
        file = self.display(relative)
        try:
            raw = (self.root / relative).read_bytes()
        except OSError as err:
            self.report(file, "", "LT100", f"cannot read the file: {err.strerror or err}", line=1, column=1)
            return None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            line = raw[: err.start].count(b"\n") + 1
            column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
            self.report(file, "", "LT100", "the file is not UTF-8 text", line=line, column=column)
            return None
        duplicated = False

        def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
            nonlocal duplicated
            result = dict(items)
            if len(result) != len(items):
                duplicated = True
                result = {}
                for key, value in items:
                    result.setdefault(key, value)
            return result

        def no_constants(name: str) -> Any:
            raise ValueError(f"{name} is not JSON")

        try:
            value = json.loads(text, object_pairs_hook=pairs, parse_constant=no_constants)
        except (ValueError, RecursionError):
            value = None
            duplicated = True  # let the careful parser say exactly what and where
        if not duplicated:
            self.sources.add(file, text)
            return value
        try:
            parsed = parse_with_positions(text)
        except JsonSyntaxError as err:
            self.report(file, "", "LT101", err.message, line=err.line, column=err.column)
            return None
        self.sources.add(file, text)
        for dup in parsed.duplicates:
            self.report(
                file,
                dup.pointer,
                "LT102",
                f"duplicate key '{dup.key}' (first at line {dup.first.line}, "
                f"column {dup.first.column}); JSON keeps only one of them",
                line=dup.second.line,
                column=dup.second.column,
            )
        return parsed.value

    def asset(self, relative: Any, file: str, pointer: str, *, what: str = "file") -> Path | None:
        """Check an asset path names a file inside the story folder; report it otherwise."""
        if not isinstance(relative, str) or not relative:
            return None
        rel = Path(relative)
        if rel.is_absolute() or relative.startswith(("/", "\\")) or ":" in relative[:3]:
            self.report(file, pointer, "LT400", f"'{relative}' must be relative to the story folder")
            return None
        target = (self.root / rel).resolve()
        if not target.is_relative_to(self.root.resolve()):
            self.report(file, pointer, "LT400", f"'{relative}' leaves the story folder")
            return None
        if not target.is_file():
            self.report(file, pointer, "LT401", f"{what} '{relative}' does not exist")
            return None
        return target

    # -- expressions and text ----------------------------------------------------------------

    def compile(self, mode: str, source: Any, file: str, pointer: str, variables: dict) -> Any:
        """A compiled condition or effect, or None after reporting the problem."""
        if not isinstance(source, str):
            return None
        key = (mode, source)
        if key in self.compiled:
            result = self.compiled[key]
        else:
            try:
                if mode == "condition":
                    result = expr.compile_condition(source, variables)
                else:
                    result = expr.compile_effect(source, variables)
            except expr.ExprError as err:
                result = err
            self.compiled[key] = result
        if isinstance(result, expr.ExprError):
            self.report(file, pointer, result.code, result.message, offset=result.offset)
            return None
        return result

    def effects(self, sources: Any, file: str, pointer: str, variables: dict) -> tuple:
        if not isinstance(sources, list):
            return ()
        compiled = self.compiled
        out = []
        for i, src in enumerate(sources):
            # Seen before and fine: no pointer to build, nothing to report.
            eff = compiled.get(("effect", src)) if isinstance(src, str) else None
            if eff is None or isinstance(eff, expr.ExprError):
                eff = self.compile("effect", src, file, f"{pointer}/{i}", variables)
                if eff is None:
                    continue
            out.append(eff)
        return tuple(out)

    def template(
        self, text: Any, file: str, pointer: str, characters: dict, variables: dict
    ) -> Template:
        if not isinstance(text, str):
            return ()
        cached = self.templates.get(text)
        if cached is not None:
            return cached
        try:
            result = parse_template(text, characters, variables, self.placeholders)
        except TemplateError as err:
            self.report(file, pointer, err.code, err.message, offset=err.offset)
            return (text,)
        self.templates[text] = result
        return result


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _str(value: Any, default: str = "") -> str:
    return value if isinstance(value, str) else default


def _num(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value


def load_story(path: str | Path) -> tuple[Story | None, list[Diagnostic]]:
    """Load the story folder at ``path``: the story and every diagnostic, errors first-class.

    The story is None when any error was found.
    """
    root = Path(path)
    display_root = str(path)
    if root.is_file() and root.name == STORY_FILE:
        root = root.parent
        display_root = str(root)
    loader = _Loader(root=root, display_root=display_root)
    if not (root / STORY_FILE).is_file():
        what = "folder" if root.is_dir() else "path"
        loader.report(
            loader.display(STORY_FILE),
            "",
            "LT108",
            f"no {STORY_FILE} here: '{display_root}' is not a story {what}",
            line=1,
            column=1,
        )
        return None, loader.diagnostics()
    with collector_paused():
        story = _build(loader)
    diagnostics = loader.diagnostics()
    if has_errors(diagnostics):
        return None, diagnostics
    return story, diagnostics


def load_or_raise(path: str | Path) -> Story:
    """The story at ``path``; raises StoryError (with every diagnostic) if it has errors."""
    story, diagnostics = load_story(path)
    if story is None:
        raise StoryError(diagnostics)
    return story


def branch_files(root: Path) -> list[str]:
    folder = root / BRANCH_DIR
    if not folder.is_dir():
        return []
    return sorted(f"{BRANCH_DIR}/{p.name}" for p in folder.glob("*.json") if p.is_file())


def _format_ok(loader: _Loader, data: Any, file: str) -> bool:
    version = data.get("format") if isinstance(data, dict) else None
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        loader.report(
            file,
            "/format",
            "LT107",
            f"format {version} is newer than this engine reads (up to {FORMAT_VERSION}); "
            "update Low Tide",
        )
        return False
    return True


def _structure(loader: _Loader, kind: str, data: Any, file: str) -> None:
    problems = check_file(kind, data)
    for problem in problems:
        loader.report(file, problem.pointer, problem.code, problem.message, at_key=problem.at_key)
    if not problems:
        loader.sources.matched_schema(file)


def _build(loader: _Loader) -> Story | None:
    main_file = loader.display(STORY_FILE)
    data = loader.read_json(STORY_FILE)
    if data is None or not _format_ok(loader, data, main_file):
        return None
    _structure(loader, "story", data, main_file)
    if not isinstance(data, dict):
        return None

    branches: list[tuple[str, dict[str, Any]]] = []
    for relative in branch_files(loader.root):
        file = loader.display(relative)
        branch = loader.read_json(relative)
        if branch is None or not _format_ok(loader, branch, file):
            continue
        _structure(loader, "branch", branch, file)
        if isinstance(branch, dict):
            branches.append((file, branch))

    variables = _variables(loader, _dict(data.get("variables")), main_file)
    infos = {v.id: v.info for v in variables.values()}
    characters = _characters(loader, _dict(data.get("characters")), main_file)
    kinds = _kinds(loader, _dict(data.get("kinds")), main_file, infos)
    each_turn = _rules(loader, _list(data.get("each_turn")), main_file, infos)
    dynamics = {
        k: Dynamic(k, _str(v.get("label"), k), _str(v.get("summary")))
        for k, v in _dict(data.get("dynamics")).items()
        if isinstance(v, dict)
    }
    scenes = _scenes(loader, _dict(data.get("scenes")), main_file)

    # Every node of every file, then the choices branch files append.
    raw_nodes: dict[str, tuple[str, str, dict[str, Any]]] = {}
    sources = [(main_file, data)] + branches
    for file, content in sources:
        for node_id, node in _dict(content.get("nodes")).items():
            if not isinstance(node, dict):
                continue
            pointer = f"/nodes/{escape(node_id)}"
            if node_id in raw_nodes:
                first = raw_nodes[node_id][0]
                loader.report(
                    file, pointer, "LT201", f"node '{node_id}' is already defined in {first}", at_key=True
                )
                continue
            raw_nodes[node_id] = (file, pointer, node)
    extra: dict[str, list[tuple[str, str, Any]]] = {}
    for file, content in branches:
        for node_id, ext in _dict(content.get("extend")).items():
            pointer = f"/extend/{escape(node_id)}"
            if node_id not in raw_nodes:
                hint = suggest(node_id, list(raw_nodes))
                loader.report(
                    file, pointer, "LT200", f"cannot extend '{node_id}': no such node{hint}", at_key=True
                )
                continue
            for i, choice in enumerate(_list(_dict(ext).get("choices"))):
                extra.setdefault(node_id, []).append((file, f"{pointer}/choices/{i}", choice))

    context = _Context(loader, characters, infos, kinds, scenes, dynamics, raw_nodes)
    nodes = {
        node_id: context.node(node_id, file, pointer, node, extra.get(node_id, []))
        for node_id, (file, pointer, node) in raw_nodes.items()
    }

    start = _str(data.get("start"))
    if start and start not in raw_nodes:
        loader.report(
            main_file, "/start", "LT200", f"start node '{start}' does not exist{suggest(start, list(raw_nodes))}"
        )
    players = [c for c in characters.values() if c.player]
    for extra_player in players[1:]:
        loader.report(
            main_file,
            f"/characters/{escape(extra_player.id)}/player",
            "LT209",
            f"'{extra_player.id}' is a second player character (the first is '{players[0].id}')",
        )

    authors = tuple(a for a in _list(data.get("authors")) if isinstance(a, str))
    ordered = sorted(variables.values(), key=lambda v: v.slot)
    return Story(
        id=_str(data.get("id")),
        title=_str(data.get("title")),
        blurb=_str(data.get("blurb")),
        authors=authors,
        start=start,
        characters=characters,
        variables=variables,
        kinds=kinds,
        each_turn=each_turn,
        dynamics=dynamics,
        scenes=scenes,
        nodes=nodes,
        root=loader.root,
        files=tuple(f for f, _ in sources),
        initial_values=tuple(v.initial for v in ordered),
        sources=loader.sources,
    )


def _variables(loader: _Loader, raw: dict[str, Any], file: str) -> dict[str, Variable]:
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
        lo, hi = _num(spec.get("min")), _num(spec.get("max"))
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
            Mark(float(m["value"]), _str(m.get("label")))
            for m in _list(spec.get("marks"))
            if isinstance(m, dict) and _num(m.get("value")) is not None
        )
        out[var_id] = Variable(
            id=var_id,
            type=vtype,
            initial=initial,
            slot=len(out),
            min=lo,
            max=hi,
            label=_str(spec.get("label"), var_id),
            unit=_str(spec.get("unit")),
            hidden=spec.get("hidden") is True,
            chart=spec.get("chart") is True,
            marks=marks,
        )
    return out


def _characters(loader: _Loader, raw: dict[str, Any], file: str) -> dict[str, Character]:
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
        for expression, image in _dict(spec.get("portraits")).items():
            if isinstance(image, str):
                loader.asset(image, file, f"{pointer}/portraits/{escape(expression)}", what="portrait")
                portraits[expression] = image
        sprite = spec.get("sprite")
        if isinstance(sprite, str):
            loader.asset(sprite, file, f"{pointer}/sprite", what="sprite")
        out[char_id] = Character(
            id=char_id,
            name=_str(spec.get("name"), char_id),
            pronouns=pronouns,
            player=spec.get("player") is True,
            color=spec.get("color") if isinstance(spec.get("color"), str) else None,
            sprite=sprite if isinstance(sprite, str) else None,
            portraits=portraits,
        )
    return out


def _kinds(loader: _Loader, raw: dict[str, Any], file: str, infos: dict) -> dict[str, Kind]:
    out = {}
    for kind_id, spec in raw.items():
        if not isinstance(spec, dict):
            continue
        pointer = f"/kinds/{escape(kind_id)}"
        tone = spec.get("tone") if spec.get("tone") in ("positive", "negative", "neutral") else "neutral"
        out[kind_id] = Kind(
            id=kind_id,
            label=_str(spec.get("label"), kind_id),
            tone=tone,
            effects=loader.effects(spec.get("effects"), file, f"{pointer}/effects", infos),
            explain=_str(spec.get("explain")),
        )
    return out


def _rules(loader: _Loader, raw: list[Any], file: str, infos: dict) -> tuple[Rule, ...]:
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


def _scenes(loader: _Loader, raw: dict[str, Any], file: str) -> dict[str, Scene]:
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
                    loader.report(file, f"{pointer}/map", err.code, f"map '{map_path}': {err.message}")
                else:
                    spots = info.spots
        out[scene_id] = Scene(
            id=scene_id,
            map=map_path if isinstance(map_path, str) else None,
            label=_str(spec.get("label"), scene_id),
            ambient=spec.get("ambient") if isinstance(spec.get("ambient"), str) else None,
            spots=spots,
        )
    return out


@dataclass
class _Context:
    """What building a node needs to resolve its references."""

    loader: _Loader
    characters: dict[str, Character]
    variables: dict[str, Any]
    kinds: dict[str, Kind]
    scenes: dict[str, Scene]
    dynamics: dict[str, Dynamic]
    raw_nodes: dict[str, Any]

    def node(
        self, node_id: str, file: str, pointer: str, raw: dict[str, Any], extra: list
    ) -> Node:
        report = self.loader.report
        has_text = "text" in raw or "lines" in raw
        if "text" in raw and "lines" in raw:
            report(file, f"{pointer}/lines", "LT208", "use either 'text' or 'lines', not both", at_key=True)
        if "route" in raw:
            for other in ("text", "lines", "choices", "ending"):
                if other in raw:
                    report(
                        file, f"{pointer}/{other}", "LT208",
                        f"a route has no '{other}': it only chooses where to go", at_key=True,
                    )
        elif "ending" in raw and ("choices" in raw or extra):
            report(file, f"{pointer}/choices", "LT208", "an ending has no choices", at_key=True)
        elif not has_text and "ending" not in raw:
            report(
                file, pointer, "LT208",
                f"node '{node_id}' has no text, no route and no ending", at_key=True,
            )

        scene = _str(raw.get("scene")) or None
        if scene is not None and scene not in self.scenes:
            report(file, f"{pointer}/scene", "LT205", f"scene '{scene}' does not exist{suggest(scene, list(self.scenes))}")
        place = {}
        if "place" in raw:
            place = {k: v for k, v in _dict(raw["place"]).items() if isinstance(v, str)}
        for who, spot in place.items():
            self.check_character(who, file, f"{pointer}/place/{escape(who)}", at_key=True)
            self.check_spot(spot, scene, file, f"{pointer}/place/{escape(who)}")

        lines = self.lines(raw, file, pointer)
        choices: list[Choice | None] = []
        if "choices" in raw:
            choice = self.choice
            choices = [
                choice(c, file, f"{pointer}/choices/{i}") for i, c in enumerate(_list(raw["choices"]))
            ]
        if extra:
            choices += [self.choice(c, f, p) for f, p, c in extra]
        choices = [c for c in choices if c is not None]
        route: tuple[RouteEntry, ...] = ()
        if "route" in raw:
            route = tuple([
                self.route(r, file, f"{pointer}/route/{i}")
                for i, r in enumerate(_list(raw["route"]))
                if isinstance(r, dict)
            ])
        ending = None
        if "ending" in raw:
            ending = self.ending(raw["ending"], file, f"{pointer}/ending")
        effects: tuple = ()
        if "effects" in raw:
            effects = self.loader.effects(raw["effects"], file, f"{pointer}/effects", self.variables)
        return Node(
            id=node_id,
            lines=lines,
            choices=tuple(choices),
            route=route,
            ending=ending,
            scene=scene,
            place=place,
            effects=effects,
            where=Where(file, pointer),
        )

    def template(self, text: Any, file: str, pointer: str) -> Template:
        return self.loader.template(text, file, pointer, self.characters, self.variables)

    def lines(self, raw: dict[str, Any], file: str, pointer: str) -> tuple[Line, ...]:
        if "lines" in raw:
            items = _list(raw["lines"])
        elif "text" in raw:
            items = [raw]
        else:
            return ()
        out = []
        templates = self.loader.templates
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            text = item.get("text")
            if not isinstance(text, str):
                continue
            speaker = item.get("speaker")
            speaker = speaker if isinstance(speaker, str) and speaker else None
            expression = item.get("expression")
            expression = expression if isinstance(expression, str) and expression else None
            if speaker is not None and speaker not in self.characters:
                self.check_character(speaker, file, f"{self.line_pointer(raw, pointer, i)}/speaker")
            if expression is not None:
                where = self.line_pointer(raw, pointer, i)
                self.check_expression(speaker, expression, file, f"{where}/expression")
            template = templates.get(text)
            if template is None:
                template = self.template(text, file, f"{self.line_pointer(raw, pointer, i)}/text")
            out.append(Line(speaker, expression, text, template))
        return tuple(out)

    @staticmethod
    def line_pointer(raw: dict[str, Any], pointer: str, i: int) -> str:
        """The pointer of line ``i`` of a node: an item of its ``lines``, or the node itself."""
        return f"{pointer}/lines/{i}" if "lines" in raw else pointer

    def choice(self, raw: Any, file: str, pointer: str) -> Choice | None:
        # Called for every choice of the story: pointers to its parts are built only when
        # there is something to check or report there.
        if not isinstance(raw, dict):
            return None
        text = raw.get("text")
        if not isinstance(text, str):
            return None
        to = raw.get("to")
        if not isinstance(to, str):
            to = ""
        elif to and to not in self.raw_nodes:
            self.check_target(to, file, f"{pointer}/to")
        kind_id = raw.get("kind")
        kind_effects: tuple = ()
        if not isinstance(kind_id, str) or not kind_id:
            kind_id = None
        else:
            kind = self.kinds.get(kind_id)
            if kind is not None:
                kind_effects = kind.effects
            else:
                report_hint = suggest(kind_id, list(self.kinds))
                self.loader.report(
                    file, f"{pointer}/kind", "LT204", f"reply kind '{kind_id}' does not exist{report_hint}"
                )
        condition = None
        if "if" in raw:
            condition = self.loader.compile("condition", raw["if"], file, f"{pointer}/if", self.variables)
            if condition is not None and condition.nodes:
                self.check_node_names(condition, file, f"{pointer}/if")
        effects: tuple = ()
        if "effects" in raw:
            effects = self.loader.effects(raw["effects"], file, f"{pointer}/effects", self.variables)
            for eff in effects:
                if eff.nodes:
                    self.check_node_names(eff, file, f"{pointer}/effects")
        template = self.loader.templates.get(text)
        if template is None:
            template = self.template(text, file, f"{pointer}/text")
        return Choice(
            text, template, to, kind_id, condition, effects, kind_effects + effects, Where(file, pointer)
        )

    def route(self, raw: dict[str, Any], file: str, pointer: str) -> RouteEntry:
        to = _str(raw.get("to"))
        self.check_target(to, file, f"{pointer}/to")
        condition = self.loader.compile("condition", raw.get("if"), file, f"{pointer}/if", self.variables)
        self.check_node_names(condition, file, f"{pointer}/if")
        return RouteEntry(to, condition, Where(file, pointer))

    def ending(self, raw: Any, file: str, pointer: str) -> Ending | None:
        if not isinstance(raw, dict):
            return None
        dynamic = _str(raw.get("dynamic")) or None
        if dynamic is not None and dynamic not in self.dynamics:
            hint = suggest(dynamic, list(self.dynamics))
            self.loader.report(file, f"{pointer}/dynamic", "LT207", f"dynamic '{dynamic}' does not exist{hint}")
        title = _str(raw.get("title"))
        debrief = _str(raw.get("debrief"))
        return Ending(
            title=title,
            title_template=self.template(title, file, f"{pointer}/title"),
            dynamic=dynamic,
            debrief=debrief,
            debrief_template=self.template(debrief, file, f"{pointer}/debrief"),
        )

    # -- reference checks --------------------------------------------------------------------

    def check_target(self, to: str, file: str, pointer: str) -> None:
        if to and to not in self.raw_nodes:
            hint = suggest(to, list(self.raw_nodes))
            self.loader.report(file, pointer, "LT200", f"target node '{to}' does not exist{hint}")

    def check_character(self, who: str, file: str, pointer: str, at_key: bool = False) -> None:
        if who not in self.characters:
            hint = suggest(who, list(self.characters))
            self.loader.report(
                file, pointer, "LT202", f"character '{who}' does not exist{hint}", at_key=at_key
            )

    def check_expression(self, speaker: str | None, expression: str, file: str, pointer: str) -> None:
        if speaker is None:
            self.loader.report(file, pointer, "LT203", "an expression needs a speaker")
            return
        character = self.characters.get(speaker)
        if character is None or expression in character.portraits:
            return
        if not character.portraits:
            message = f"'{speaker}' has no portraits, so no expression '{expression}'"
        else:
            hint = suggest(expression, list(character.portraits))
            message = f"'{speaker}' has no portrait for expression '{expression}'{hint}"
        self.loader.report(file, pointer, "LT203", message)

    def check_spot(self, spot: str, scene: str | None, file: str, pointer: str) -> None:
        if scene is not None:
            candidates = [self.scenes[scene]] if scene in self.scenes else []
        else:
            candidates = list(self.scenes.values())
        if not self.scenes:
            self.loader.report(file, pointer, "LT206", f"spot '{spot}': the story has no scenes")
            return
        if not candidates or any(s.spots is None for s in candidates):
            return  # no map to check against, or it is broken and reported already
        if any(spot in (s.spots or ()) for s in candidates):
            return
        known = sorted({name for s in candidates for name in (s.spots or ())})
        where = f"scene '{scene}'" if scene else "any scene's map"
        self.loader.report(file, pointer, "LT206", f"spot '{spot}' is not in {where}{suggest(spot, known)}")

    def check_node_names(self, compiled: Any, file: str, pointer: str) -> None:
        for name, offset in getattr(compiled, "nodes", ()):
            if name not in self.raw_nodes:
                hint = suggest(name, list(self.raw_nodes))
                self.loader.report(file, pointer, "LT200", f"node '{name}' does not exist{hint}", offset=offset)

