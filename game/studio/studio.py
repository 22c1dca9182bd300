"""One studio: the story being edited and everything the page asks of it, free of HTTP.

The server turns requests into calls here and back into JSON; tests call it directly. Every
answer that follows an edit carries what the page must redraw: the map's changed cards and
arrows, the quick lint of the node being edited, and the undo and save state.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from game.story.loader import Loader
from game.story.model import Story
from game.story.session import Session, SessionError
from game.story.text import Cast, Person, Pronouns
from game.story.validate import escape
from game.studio import edits, mapdata, positions, refs
from game.studio.checks import Finding, QuickLint, extensions, lint_texts
from game.studio.history import History, JsonPath, changed_paths
from game.studio.project import EditError, Project
from game.studio.saves import saves_naming


class Stale(EditError):
    """An edit made from an older view of the story, where another tab (or the disk) has
    changed what it would change since: refused, so nothing anyone wrote is overwritten."""


class Studio:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.project = Project.open(self.root)
        self.quick = QuickLint(self.root)
        self.positions: dict[str, tuple[float, float]] = positions.load(self.root)
        self.findings: list[Finding] = []
        self.findings_version = -1
        self.story: Story | None = None  # the last version that loaded without errors
        self.story_version = -1
        self.previews: dict[str, Session] = {}
        self._map_cache: dict[tuple, tuple] = {}  # (file, section) -> what the map drew of it
        self.placed: dict[str, tuple[float, float]] = {}  # every card's place as last sent
        self._last_map: dict[str, Any] = {"cards": {}, "arrows": {}}
        self.cast: tuple[str | None, str | None] = (None, None)  # the preview's name, pronouns
        self._sent_facts: dict[str, Any] | None = None
        self._facts_key: tuple = ()
        self._facts: dict[str, Any] = {}
        # Several tabs may edit at once: every change is told to all of them (``on_change``,
        # set by the server), and edits from an older view are checked against ``history``.
        self.history = History()
        self.stamp = 0  # goes up whenever what ``status`` says may have changed
        self._seen_values: dict[str, Any] = self.project.values()
        self.on_change: Callable[[dict[str, Any]], None] | None = None

    # -- reading ---------------------------------------------------------------------------------

    def files(self) -> list[dict[str, Any]]:
        return [
            {"file": rel, "dirty": f.dirty, "broken": f.broken,
             "conflict": f.conflict is not None, "new": f.base_text is None}
            for rel, f in sorted(self.project.files.items(), key=lambda i: (i[0] != "story.json", i[0]))
        ]

    def story_map(self) -> dict[str, Any]:
        """The whole map. Edits share what they did not change, so identity says what did: a
        file's block of nodes that is the same object is taken whole from last time, and in a
        changed block only the changed nodes are remade."""
        values = self.project.values()
        main = values.get(refs.STORY_FILE)
        start = main.get("start") if isinstance(main, dict) else None
        fresh: dict[tuple, tuple] = {}
        parts = []
        for rel in refs.ordered(values):
            doc = values[rel]
            if not isinstance(doc, dict):
                continue
            for section in ("nodes", "extend"):
                block = doc.get(section)
                if not isinstance(block, dict):
                    continue
                key = (rel, section)
                hit = self._map_cache.get(key)
                if hit is None or hit[0] is not block or hit[1] != start:
                    hit = (block, start, *self._block_map(rel, section, block, start,
                                                          hit[4] if hit else {}))
                fresh[key] = hit
                parts.append(hit)
        self._map_cache = fresh
        cards: dict[str, dict] = {}
        arrows: dict[str, dict] = {}
        for part in reversed(parts):  # the first definition of an id wins, as in the loader
            cards.update(part[2])
            arrows.update(part[3])
        return {"cards": cards, "arrows": arrows}

    @staticmethod
    def _block_map(rel: str, section: str, block: dict, start: Any, before: dict) -> tuple:
        """(cards, arrows, per-node parts) of one file's nodes or extend block."""
        cards: dict[str, dict] = {}
        arrows: dict[str, dict] = {}
        nodes: dict[str, tuple] = {}
        for node_id, node in block.items():
            hit = before.get(node_id)
            if hit is None or hit[0] is not node or hit[1] != (node_id == start):
                made = mapdata.card(node_id, node, rel, start) if section == "nodes" else None
                hit = (node, node_id == start, made, mapdata.arrows(node_id, node, rel, section))
            nodes[node_id] = hit
            if hit[2] is not None:
                cards[node_id] = hit[2]
            for arrow in hit[3]:
                arrows[arrow["id"]] = arrow
        return cards, arrows, nodes

    def map_payload(self) -> dict[str, Any]:
        m = self.story_map()
        self._last_map = m
        story = {"cards": list(m["cards"].values()), "arrows": list(m["arrows"].values())}
        self.placed = mapdata.place(story, self.positions)
        cards = [{**c, "x": self.placed[c["id"]][0], "y": self.placed[c["id"]][1]}
                 for c in story["cards"]]
        return {"cards": cards, "arrows": story["arrows"], "files": [f["file"] for f in self.files()]}

    def map_changes(self) -> dict[str, Any]:
        """What changed on the map since it was last sent; new cards come with a place."""
        old, new = self._last_map, self.story_map()
        self._last_map = new
        changed = [c for k, c in new["cards"].items() if old["cards"].get(k) is not c]
        if any(c["id"] not in self.placed for c in changed):
            story = {"cards": list(new["cards"].values()), "arrows": list(new["arrows"].values())}
            self.placed = mapdata.place(story, self.placed)
        return {
            "cards": [{**c, "x": self.placed[c["id"]][0], "y": self.placed[c["id"]][1]}
                      for c in changed],
            "removed_cards": [k for k in old["cards"] if k not in new["cards"]],
            "arrows": [a for k, a in new["arrows"].items() if old["arrows"].get(k) is not a],
            "removed_arrows": [k for k in old["arrows"] if k not in new["arrows"]],
        }

    def facts(self) -> dict[str, Any]:
        """What the pickers and completion offer: the story's declared names (remade only when
        story.json or the set of node ids changed)."""
        values = self.project.values()
        main = values.get(refs.STORY_FILE)
        main = main if isinstance(main, dict) else {}
        nodes = refs.node_files(values)
        ids = tuple(nodes)
        if self._facts_key and self._facts_key[0] is main and self._facts_key[1] == ids:
            return self._facts
        self._facts_key = (main, ids)
        self._facts = self._make_facts(main, list(nodes))
        return self._facts

    def _make_facts(self, main: dict[str, Any], nodes: list[str]) -> dict[str, Any]:

        def names(key: str) -> list[str]:
            block = main.get(key)
            return list(block) if isinstance(block, dict) else []

        characters = {}
        for cid, c in (main.get("characters") or {}).items():
            if isinstance(c, dict):
                portraits = c.get("portraits")
                characters[cid] = {
                    "name": c.get("name", cid),
                    "player": bool(c.get("player")),
                    "expressions": list(portraits) if isinstance(portraits, dict) else [],
                    "color": c.get("color"),
                }
        variables = {}
        for vid, v in (main.get("variables") or {}).items():
            if isinstance(v, dict):
                variables[vid] = {"type": v.get("type"), "initial": v.get("initial"),
                                  "label": v.get("label"), "min": v.get("min"), "max": v.get("max")}
        return {
            "title": main.get("title", ""),
            "start": main.get("start"),
            "characters": characters,
            "variables": variables,
            "kinds": {k: {"label": v.get("label", k), "tone": v.get("tone", "neutral")}
                      for k, v in (main.get("kinds") or {}).items() if isinstance(v, dict)},
            "scenes": names("scenes"),
            "dynamics": names("dynamics"),
            "nodes": nodes,
        }

    def status(self) -> dict[str, Any]:
        p = self.project
        return {
            "version": p.version,
            "stamp": self.stamp,
            "files": self.files(),
            "dirty": bool(p.dirty()),
            "undo": p.undo_stack[-1].label if p.undo_stack else None,
            "redo": p.redo_stack[-1].label if p.redo_stack else None,
        }

    def state(self) -> dict[str, Any]:
        """Everything the page needs when it opens."""
        return {
            **self.status(),
            "map": self.map_payload(),
            "facts": self.facts(),
            "findings": [f.to_json() for f in self.findings],
            "findings_version": self.findings_version,
            "layout_file": positions.FILE,
        }

    def node(self, node_id: str) -> dict[str, Any]:
        """A node as the editor shows it: its JSON, its file, the choices others append."""
        values = self.project.values()
        rel = refs.node_files(values).get(node_id)
        if rel is None:
            raise EditError(f"there is no node '{node_id}'")
        return {
            "id": node_id,
            "file": rel,
            "version": self.project.version,  # the view it is: edits made from it say so
            "value": values[rel]["nodes"][node_id],
            "extended": [{"file": f, "index": i, "value": c} for f, i, c in extensions(values, node_id)],
            "quick": [f.to_json() for f in self.quick.node(values, node_id)],
            "rendered": self.rendered(rel, node_id, values[rel]["nodes"][node_id],
                                      extensions(values, node_id)),
        }

    def set_cast(self, name: str | None, pronouns: str | None) -> None:
        if pronouns:
            try:
                Pronouns.parse(pronouns)
            except ValueError as err:
                raise EditError(str(err)) from None
        self.cast = ((name or "").strip() or None, pronouns or None)

    def preview_cast(self, story: Story) -> Cast:
        """The story's cast with the partner named and gendered as the preview asks."""
        people = dict(story.default_cast().people)
        name, pronouns = self.cast
        partner = story.partner
        if partner is not None and (name or pronouns):
            person = people[partner.id]
            chosen = Pronouns.parse(pronouns) if pronouns else person.pronouns
            people[partner.id] = Person(name or person.name, chosen)
        return Cast(people)

    def rendered(self, rel: str, node_id: str, node: Any, extended: list) -> dict[str, str]:
        """Each text of the node as a player would read it (pointer -> text), with the
        preview's name and pronouns and the story's starting values; texts that do not parse
        yet are left out (their squiggle says why)."""
        story = self.story
        if story is None or not isinstance(node, dict):
            return {}
        infos = {v.id: v.info for v in story.variables.values()}
        reader = Session(story, self.preview_cast(story), values=list(story.initial_values))
        loader = Loader(root=self.root, display_root="")
        texts: dict[str, Any] = {}
        base = f"/nodes/{escape(node_id)}"
        if isinstance(node.get("lines"), list):
            for i, line in enumerate(node["lines"]):
                if isinstance(line, dict):
                    texts[f"{base}/lines/{i}/text"] = line.get("text")
        else:
            texts[f"{base}/text"] = node.get("text")
        for i, c in enumerate(node.get("choices") or []):
            if isinstance(c, dict):
                texts[f"{base}/choices/{i}/text"] = c.get("text")
        for _file, i, c in extended:
            if isinstance(c, dict):
                texts[f"/extend/{escape(node_id)}/choices/{i}/text"] = c.get("text")
        out = {}
        for pointer, text in texts.items():
            if not isinstance(text, str) or not text or "{" not in text:
                continue
            loader.pending.clear()
            template = loader.template(text, "", pointer, story.characters, infos)
            if loader.pending:
                continue  # the squiggle says what is wrong
            try:
                out[pointer] = reader.render(template)
            except (KeyError, TypeError, ValueError, IndexError):
                continue
        return out

    # -- changing ---------------------------------------------------------------------------------

    def edit(self, ops: list[dict[str, Any]], label: str, coalesce: str | None = None,
             focus: str | None = None, tab: str | None = None,
             base: int | None = None) -> dict[str, Any]:
        """Apply ``ops`` as one undoable step. ``tab`` names the page that asks and ``base``
        the version its view was made from: where another tab or the disk changed what the
        edit changes after that version, it is refused (``Stale``) and nothing changes."""
        values = self.project.values()
        changed = edits.apply_ops(values, ops)
        changes = {k: v for k, v in changed.items() if v is not values.get(k)}
        if base is not None and changes:
            before = {k: values[k] for k in changes if k in values}
            clash = self.history.conflict(base, tab, changed_paths(before, changes))
            if clash is not None:
                where = "on disk" if clash.tab is None else "in another tab"
                raise Stale(f"this was changed {where} after the view this edit was made "
                            "from: nothing was overwritten; here it is as it is now")
        key = f"{tab}|{coalesce}" if coalesce is not None and tab is not None else coalesce
        self.project.apply(label or "edit", changes, key)
        for op in ops:
            if op.get("op") == "rename_node":
                for places in (self.positions, self.placed):
                    if op["old"] in places:
                        places[op["new"]] = places.pop(op["old"])
                self._save_positions()
        return self.after_change(focus, tab)

    def after_change(self, focus: str | None, tab: str | None = None,
                     disk: dict[str, str] | None = None) -> dict[str, Any]:
        """Tell every tab what changed (``on_change``), and answer the one that asked with
        that and the node it has open."""
        event = self._change(tab, disk)
        out = {k: v for k, v in event.items() if k != "type"}
        if focus is not None and focus in refs.node_files(self.project.values()):
            out["node"] = self.node(focus)
        return out

    def _change(self, tab: str | None, disk: dict[str, str] | None) -> dict[str, Any]:
        """What one change did, worked out once: the status, the map's changes, the facts if
        they changed, and which nodes changed (so a tab showing one fetches it again)."""
        values = self.project.values()
        paths = changed_paths(self._seen_values, values)
        self.history.record(self.project.version, tab, paths)
        nodes = _nodes_at(paths, self._seen_values, values)
        self._seen_values = values
        self.stamp += 1
        event: dict[str, Any] = {"type": "change", "tab": tab, **self.status(),
                                 "map": self.map_changes(), "nodes": nodes}
        if disk is not None:
            event["disk"] = disk
        facts = self.facts()
        if facts != self._sent_facts:
            event["facts"] = self._sent_facts = facts
        if self.on_change is not None:
            self.on_change(event)
        return event

    def _tell(self, event: dict[str, Any]) -> None:
        if self.on_change is not None:
            self.on_change(event)

    def undo(self, focus: str | None = None, tab: str | None = None) -> dict[str, Any]:
        t = self.project.undo()
        return {**self.after_change(focus, tab), "did": t.label if t else None}

    def redo(self, focus: str | None = None, tab: str | None = None) -> dict[str, Any]:
        t = self.project.redo()
        return {**self.after_change(focus, tab), "did": t.label if t else None}

    def save(self) -> dict[str, Any]:
        result = self.project.save()
        self.stamp += 1
        status = self.status()
        self._tell({"type": "status", **status})
        return {**status, "written": list(result.written),
                "conflicts": list(result.conflicts), "errors": list(result.errors)}

    def settle(self, rel: str, keep: str, tab: str | None = None) -> dict[str, Any]:
        self.project.settle(rel, keep)
        return self.after_change(None, tab)

    def move_cards(self, moved: Mapping[str, Any], tab: str | None = None) -> None:
        # Once one card is placed by hand, every card keeps the place it is shown at: a side
        # file with some places only would open the map with every other card placed anew.
        for node_id, place in self.placed.items():
            self.positions.setdefault(node_id, place)
        places = {}
        for node_id, (x, y) in moved.items():
            places[str(node_id)] = [float(x), float(y)]
            self.positions[str(node_id)] = self.placed[str(node_id)] = (float(x), float(y))
        self._save_positions()
        self._tell({"type": "moved", "tab": tab, "positions": places})

    def _save_positions(self) -> None:
        known = refs.node_files(self.project.values())
        kept = {k: v for k, v in self.positions.items() if k in known}
        positions.save(self.root, kept)

    def rename_warning(self, node_id: str) -> dict[str, Any]:
        """What renaming or deleting ``node_id`` touches: references, and saves that name it."""
        values = self.project.values()
        main = values.get(refs.STORY_FILE)
        story_id = main.get("id") if isinstance(main, dict) else None
        found = saves_naming(story_id, node_id) if isinstance(story_id, str) else []
        found_refs = refs.references(values, node_id)
        return {
            "references": [{**r.__dict__, "node": refs.in_node(r),
                            "words": refs.describe(values, r)} for r in found_refs],
            # each referring place once, for the delete dialog
            "places": [p.__dict__ for p in refs.places(values, found_refs)],
            "saves": [str(p) for p in found],
        }

    # -- lint ---------------------------------------------------------------------------------------

    def lint_input(self) -> tuple[int, dict[str, str]]:
        """The version and texts a full lint reads (taken on the event loop, run elsewhere)."""
        return self.project.version, self.project.texts()

    def lint_done(self, version: int, story: Story | None, found: list[Finding]) -> None:
        if version < self.findings_version:
            return
        self.findings, self.findings_version = found, version
        if story is not None:
            self.story, self.story_version = story, version

    def lint_now(self) -> list[Finding]:
        """Lint at once (for tests and the first load)."""
        version, texts = self.lint_input()
        story, found = lint_texts(self.root, texts)
        self.lint_done(version, story, found)
        return found

    # -- text preview -----------------------------------------------------------------------------

    def preview_start(self, node: str | None, values: Mapping[str, Any], name: str | None,
                      pronouns: str | None) -> dict[str, Any]:
        story = self.story
        if story is None:
            raise EditError("the story has errors: the preview plays again once they are fixed")
        self.set_cast(name, pronouns)
        cast = self.preview_cast(story)
        try:
            session = Session.start(story, cast, at=node or None,
                                    values={k: v for k, v in values.items() if v not in ("", None)})
        except SessionError as err:
            raise EditError(str(err)) from None
        key = secrets.token_hex(6)
        self.previews = {key: session}  # one preview at a time
        return self.preview_view(key)

    def preview_view(self, key: str) -> dict[str, Any]:
        session = self.previews.get(key)
        if session is None:
            raise EditError("that preview has ended; start it again")
        lines = [{"speaker": line.name, "text": line.text, "expression": line.expression}
                 for line in session.lines()]
        ending = None
        if session.ending is not None:
            e = session.ending
            ending = {"title": session.render(e.title_template),
                      "debrief": _debrief(session, e)}
        return {
            "id": key,
            "node": session.node_id,
            "version": self.story_version,
            "lines": lines,
            "choices": [{"index": c.index, "text": c.text, "kind": c.kind, "to": c.target}
                        for c in session.choices()],
            "ending": ending,
            "stuck": session.stuck,
            "values": json.loads(json.dumps(session.variables())),
            "can_back": session.can_rollback,
        }

    def preview_choose(self, key: str, index: int) -> dict[str, Any]:
        session = self.previews.get(key)
        if session is None:
            raise EditError("that preview has ended; start it again")
        try:
            session.choose(index)
        except SessionError as err:
            raise EditError(str(err)) from None
        return self.preview_view(key)

    def preview_back(self, key: str) -> dict[str, Any]:
        session = self.previews.get(key)
        if session is None:
            raise EditError("that preview has ended; start it again")
        if session.can_rollback:
            session.rollback()
        return self.preview_view(key)


def _debrief(session: Session, ending: Any) -> str:
    if callable(getattr(session, "debrief", None)):  # a debrief read paragraph by paragraph
        return session.debrief()
    template = getattr(ending, "debrief_template", None)
    if template is None:
        return ""
    return session.render(template)


def _nodes_at(paths: list[JsonPath], old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """The ids of the nodes that the changed ``paths`` are in (a choice that another file adds
    through ``extend`` belongs to its node too); a whole file changed: all of its nodes."""
    found: set[str] = set()
    for path in paths:
        if len(path) >= 3 and path[1] in ("nodes", "extend") and isinstance(path[2], str):
            found.add(path[2])
            continue
        if len(path) == 2 and path[1] not in ("nodes", "extend"):
            continue
        for files in (old, new):
            doc = files.get(str(path[0]))
            for section in ("nodes", "extend"):
                block = doc.get(section) if isinstance(doc, dict) else None
                if isinstance(block, dict):
                    found.update(k for k in block if isinstance(k, str))
    return sorted(found)
