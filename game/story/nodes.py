"""The nodes of every file: gathered (with the choices branch files append to them), then each
built into the model with its lines, choices, route and ending, and every reference checked."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from game.story.expr import Condition, ExprError, VarInfo
from game.story.expr.intern import Interner
from game.story.lenient import as_dict, as_list, as_str
from game.story.loader import Loader
from game.story.model import (
    Character,
    Choice,
    Dynamic,
    Ending,
    Kind,
    Line,
    Node,
    Paragraph,
    RouteEntry,
    Scene,
    Where,
)
from game.story.template import conditions, has_inline
from game.story.text import Template
from game.story.validate import escape, suggest, suggest_or_list

# node id -> (file, pointer, the node's JSON)
RawNodes = dict[str, tuple[str, str, dict[str, Any]]]
# node id -> (file, pointer, the choice's JSON) of each choice other files append to it
Extensions = dict[str, list[tuple[str, str, Any]]]


def gather(
    loader: Loader, files: list[tuple[str, dict[str, Any]]]
) -> tuple[RawNodes, Extensions]:
    """Every node of every file (the first of two with one id), then the choices branch files
    append through ``extend``; files come story.json first."""
    raw_nodes: RawNodes = {}
    for file, content in files:
        for node_id, node in as_dict(content.get("nodes")).items():
            if not isinstance(node, dict):
                continue
            # escaped only when there is something to escape: most ids have no '~' or '/'
            pointer = f"/nodes/{escape(node_id) if '~' in node_id or '/' in node_id else node_id}"
            if node_id in raw_nodes:
                first = raw_nodes[node_id][0]
                loader.report(
                    file, pointer, "LT201", f"node '{node_id}' is already defined in {first}", at_key=True
                )
                continue
            raw_nodes[node_id] = (file, pointer, node)
    extra: Extensions = {}
    for file, content in files[1:]:
        for node_id, ext in as_dict(content.get("extend")).items():
            pointer = f"/extend/{escape(node_id)}"
            if node_id not in raw_nodes:
                hint = suggest(node_id, list(raw_nodes))
                loader.report(
                    file, pointer, "LT200", f"cannot extend '{node_id}': no such node{hint}", at_key=True
                )
                continue
            for i, choice in enumerate(as_list(as_dict(ext).get("choices"))):
                extra.setdefault(node_id, []).append((file, f"{pointer}/choices/{i}", choice))
    return raw_nodes, extra


@dataclass(frozen=True)
class NodeBuilder:
    """What building a node needs to resolve its references: the declarations and every id."""

    loader: Loader
    characters: dict[str, Character]
    variables: dict[str, VarInfo]
    kinds: dict[str, Kind]
    scenes: dict[str, Scene]
    dynamics: dict[str, Dynamic]
    raw_nodes: RawNodes

    def node(
        self, node_id: str, file: str, pointer: str, raw: dict[str, Any], extra: list | tuple
    ) -> Node:
        """One node, with ``extra`` (choices other files append) after its own choices."""
        if len(raw) == 1 and "route" in raw and not extra:  # a route alone: nothing else to read
            return Node(node_id, (), (), self.route_of(raw, file, pointer), None, None, {}, (),
                        Where(file, pointer))
        if "route" in raw or "ending" in raw or ("text" in raw) is ("lines" in raw):
            self.check_shape(node_id, file, pointer, raw, extra)  # there may be something to say
        if "scene" in raw or "place" in raw:
            scene, place = self.staging(raw, file, pointer)
        else:
            scene, place = None, {}
        ending = None
        if "ending" in raw:
            ending = self.ending(raw["ending"], file, f"{pointer}/ending")
        effects: tuple = ()
        if "effects" in raw:
            effects = self.effects(raw["effects"], file, pointer)
        return Node(  # in the order of its fields: a call with names costs more
            node_id,
            self.lines(raw, file, pointer),
            self.choices(raw, file, pointer, extra),
            self.route_of(raw, file, pointer) if "route" in raw else (),
            ending,
            scene,
            place,
            effects,
            Where(file, pointer),
        )

    def check_shape(
        self, node_id: str, file: str, pointer: str, raw: dict[str, Any], extra: list | tuple
    ) -> None:
        """Report a node that is not one of the three shapes: text, route or ending (LT208)."""
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
            report(file, f"{pointer}/choices", "LT208",
                   "an ending cannot have choices, since the story stops there: remove "
                   "'choices', or remove 'ending' to let play go on", at_key=True)
        elif not has_text and "ending" not in raw:
            report(
                file, pointer, "LT208",
                f"node '{node_id}' has no text, no route and no ending", at_key=True,
            )

    def staging(
        self, raw: dict[str, Any], file: str, pointer: str
    ) -> tuple[str | None, dict[str, str]]:
        """The node's scene and where it places characters, checked against the maps."""
        scene = raw.get("scene")
        if type(scene) is not str or not scene:  # read for every node: as_str, in line
            scene = None
        elif scene not in self.scenes:
            self.loader.report(file, f"{pointer}/scene", "LT205",
                               f"scene '{scene}' does not exist{suggest(scene, list(self.scenes))}")
        place = {}
        if "place" in raw:
            place = {k: v for k, v in as_dict(raw["place"]).items() if isinstance(v, str)}
        for who, spot in place.items():
            self.check_character(who, file, f"{pointer}/place/{escape(who)}", at_key=True)
            self.check_spot(spot, scene, file, f"{pointer}/place/{escape(who)}")
        return scene, place

    def choices(
        self, raw: dict[str, Any], file: str, pointer: str, extra: list | tuple
    ) -> tuple[Choice, ...]:
        """The node's own choices, then those other files append."""
        choices: list[Choice | None] = []
        if "choices" in raw:
            choice = self.choice
            choices = [
                choice(c, file, f"{pointer}/choices/{i}") for i, c in enumerate(as_list(raw["choices"]))
            ]
        if extra:
            choices += [self.choice(c, f, p) for f, p, c in extra]
        return tuple([c for c in choices if c is not None])

    def effects(self, sources: Any, file: str, pointer: str) -> tuple:
        """The effects at ``pointer``/effects: a list met before in full is one look-up (most
        are: a story repeats its effects), any other goes through the loader."""
        if type(sources) is list:
            try:
                known = self.effect_lists.get(tuple(sources))
            except TypeError:  # an unhashable item: the loader reports it
                known = None
            if known is not None:
                return known
        return self.loader.effects(sources, file, f"{pointer}/effects", self.variables)

    @cached_property
    def effect_lists(self) -> dict[tuple[str, ...], tuple]:
        return self.interner.effect_lists

    def route_of(self, raw: dict[str, Any], file: str, pointer: str) -> tuple[RouteEntry, ...]:
        """The node's route entries, if it is a route: where each goes, and when (read in one
        loop: a once-only graph has a route node for every reply)."""
        if "route" not in raw:
            return ()
        route = raw["route"]
        if type(route) is list and len(route) == 1:  # one way on (a once-only reply's)
            entry = route[0]
            if type(entry) is dict and len(entry) == 1:
                to = entry.get("to")
                if type(to) is str and to in self.raw_nodes:  # nothing to check or report
                    return (RouteEntry(to, None, Where(file, f"{pointer}/route/0")),)
        entries = []
        raw_nodes = self.raw_nodes
        for i, entry in enumerate(as_list(raw["route"])):
            if not isinstance(entry, dict):
                continue
            to = entry.get("to")
            if type(to) is not str:
                to = ""
            where = f"{pointer}/route/{i}"
            if to and to not in raw_nodes:
                self.check_target(to, file, f"{where}/to")
            condition = self.condition(entry["if"], file, f"{where}/if") if "if" in entry else None
            entries.append(RouteEntry(to, condition, Where(file, where)))
        return tuple(entries)

    def template(self, text: Any, file: str, pointer: str) -> Template:
        """A text's template, its names checked against the story's characters and variables,
        and the nodes its inline conditions name (``visits``, ``seen``)."""
        template = self.loader.templates.get(text) if isinstance(text, str) else None
        if template is None:
            template = self.loader.template(text, file, pointer, self.characters, self.variables)
        if has_inline(template):
            for condition, start in conditions(template):
                self.check_node_names(condition, file, pointer, start)
        return template

    def condition(self, raw: Any, file: str, pointer: str, under: str = "") -> Condition | None:
        """A condition compiled, with the nodes it names checked (None after a reported error);
        it is at ``pointer`` + ``under`` (put together only to report something)."""
        if type(raw) is not str:
            return None
        condition = self.conditions.get(raw)
        if condition is None:
            condition = self.interner.compile_new("condition", raw)
        if type(condition) is ExprError:  # reported by the loader
            return self.loader.compile("condition", raw, file, pointer + under, self.variables)
        nodes = condition.nodes
        # most name one node, which exists: checked here without a call
        if nodes and (len(nodes) > 1 or nodes[0][0] not in self.raw_nodes):
            self.check_node_names(condition, file, pointer + under)
        return condition

    @cached_property
    def interner(self) -> Interner:
        """What compiles the story's conditions and effects (the loader's, for its variables)."""
        return self.loader.interner(self.variables)

    @cached_property
    def conditions(self) -> dict[str, Condition | ExprError]:
        """The conditions compiled so far, by source (the interner's own table)."""
        return self.interner.done["condition"]

    def lines(self, raw: dict[str, Any], file: str, pointer: str) -> tuple[Line, ...]:
        """A node's lines, from its ``lines`` or its single ``text`` (and ``speaker``)."""
        if "lines" in raw:
            items = as_list(raw["lines"])
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
            if len(item) == 1:  # a text alone: nothing else to read
                template = templates.get(text)
                if template is None or ":" in text and has_inline(template):
                    template = self.template(text, file, f"{self.line_pointer(raw, pointer, i)}/text")
                out.append(Line(None, None, text, template, None, False))
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
            if template is None or ":" in text and has_inline(template):  # forms have a ':'
                template = self.template(text, file, f"{self.line_pointer(raw, pointer, i)}/text")
            condition = None
            if "if" in item and item is not raw:
                condition = self.condition(item["if"], file, f"{pointer}/lines/{i}/if")
            out.append(Line(speaker, expression, text, template, condition, item.get("once") is True))
        return tuple(out)

    @staticmethod
    def line_pointer(raw: dict[str, Any], pointer: str, i: int) -> str:
        """The pointer of line ``i`` of a node: an item of its ``lines``, or the node itself."""
        return f"{pointer}/lines/{i}" if "lines" in raw else pointer

    def choice(self, raw: Any, file: str, pointer: str) -> Choice | None:
        """A choice with its kind's effects resolved; None when it has no text to show."""
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
            condition = self.condition(raw["if"], file, pointer, "/if")
        effects: tuple = ()
        if "effects" in raw:
            effects = self.effects(raw["effects"], file, pointer)
            for eff in effects:
                if eff.nodes:
                    self.check_node_names(eff, file, f"{pointer}/effects")
        template = self.loader.templates.get(text)
        if template is None or ":" in text and has_inline(template):  # only where there is work
            template = self.template(text, file, f"{pointer}/text")
        return Choice(
            text, template, to, kind_id, condition, effects, kind_effects + effects, Where(file, pointer)
        )

    def ending(self, raw: Any, file: str, pointer: str) -> Ending | None:
        """An ending's title, dynamic and debrief, the texts parsed as templates."""
        if not isinstance(raw, dict):
            return None
        dynamic = as_str(raw.get("dynamic")) or None
        if dynamic is not None and dynamic not in self.dynamics:
            hint = suggest(dynamic, list(self.dynamics))
            self.loader.report(file, f"{pointer}/dynamic", "LT207", f"dynamic '{dynamic}' does not exist{hint}")
        title = as_str(raw.get("title"))
        paragraphs = self.debrief(raw.get("debrief"), file, f"{pointer}/debrief")
        return Ending(
            title=title,
            title_template=self.template(title, file, f"{pointer}/title"),
            dynamic=dynamic,
            debrief="\n\n".join(p.text for p in paragraphs),
            paragraphs=paragraphs,
        )

    def debrief(self, raw: Any, file: str, pointer: str) -> tuple[Paragraph, ...]:
        """A debrief's paragraphs: one string, or a list of strings and ``{"if", "text"}``."""
        if isinstance(raw, str):
            return (Paragraph(raw, self.template(raw, file, pointer)),) if raw else ()
        out = []
        for i, item in enumerate(as_list(raw)):
            where = f"{pointer}/{i}"
            if isinstance(item, str):
                out.append(Paragraph(item, self.template(item, file, where)))
            elif isinstance(item, dict) and isinstance(item.get("text"), str):
                condition = self.condition(item["if"], file, f"{where}/if") if "if" in item else None
                text = item["text"]
                out.append(Paragraph(text, self.template(text, file, f"{where}/text"), condition))
        return tuple(out)

    # -- reference checks --------------------------------------------------------------------

    def check_target(self, to: str, file: str, pointer: str) -> None:
        """Report a choice or route that leads to no node."""
        if to and to not in self.raw_nodes:
            hint = suggest(to, list(self.raw_nodes))
            self.loader.report(file, pointer, "LT200", f"target node '{to}' does not exist{hint}")

    def check_character(self, who: str, file: str, pointer: str, at_key: bool = False) -> None:
        """Report a speaker or placed character the story does not declare."""
        if who not in self.characters:
            hint = suggest_or_list(who, list(self.characters), "characters")
            self.loader.report(
                file, pointer, "LT202", f"character '{who}' does not exist{hint}", at_key=at_key
            )

    def check_expression(self, speaker: str | None, expression: str, file: str, pointer: str) -> None:
        """Report an expression with no speaker, or one the speaker has no portrait for."""
        if speaker is None:
            self.loader.report(file, pointer, "LT203", "an expression needs a speaker")
            return
        character = self.characters.get(speaker)
        if character is None or expression in character.portraits:
            return
        if not character.portraits:
            message = f"'{speaker}' has no portraits, so no expression '{expression}'"
        else:
            hint = suggest_or_list(expression, list(character.portraits), "expressions")
            message = f"'{speaker}' has no portrait for expression '{expression}'{hint}"
        self.loader.report(file, pointer, "LT203", message)

    def check_spot(self, spot: str, scene: str | None, file: str, pointer: str) -> None:
        """Report a spot that is in no map it could be in (the node's scene, else any)."""
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

    def check_node_names(self, compiled: Any, file: str, pointer: str, start: int = 0) -> None:
        """Report node ids an expression names (``visits``, ``seen``) that do not exist;
        ``start`` is where the expression begins in the string at ``pointer``."""
        for name, offset in getattr(compiled, "nodes", ()):
            if name not in self.raw_nodes:
                hint = suggest(name, list(self.raw_nodes))
                self.loader.report(file, pointer, "LT200", f"node '{name}' does not exist{hint}",
                                   offset=start + offset)
