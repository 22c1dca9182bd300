"""The state of one load: the files read, problems waiting for a position, shared caches.

Every part of the story is built through one ``Loader``, so a problem anywhere is reported the
same way, each distinct expression and text is compiled once, and positions are worked out at
the end, only for the problems found.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.story import bounds, expr
from game.story.codes import severity
from game.story.confine import Refused, confine, relative_name
from game.story.diagnostics import Diagnostic, sort_key
from game.story.expr.intern import Interner
from game.story.jsonlocate import nested_deeper_than
from game.story.jsonpos import JsonSyntaxError
from game.story.jsonpos import parse as parse_with_positions
from game.story.model import FORMAT_VERSION
from game.story.sourcemap import SourceMap
from game.story.template import TemplateError, parse_template
from game.story.text import Template
from game.story.validate import check_file, fast_valid


@dataclass(frozen=True)
class Pending:
    """A problem waiting for its position: resolved once, per file, at the end."""

    file: str
    pointer: str
    code: str
    message: str
    at_key: bool = False
    offset: int | None = None
    line: int | None = None
    column: int | None = None


@dataclass(frozen=True)
class Loader:
    """One load in progress: the files read, the problems found, and what is compiled once."""

    root: Path
    display_root: str
    #: the story's JSON files as texts (relative path -> text), read instead of the disk
    texts: Mapping[str, str] | None = None
    pending: list[Pending] = field(default_factory=list)
    sources: SourceMap = field(default_factory=SourceMap)
    interners: dict[int, Interner] = field(default_factory=dict)  # by id of the variables
    templates: dict[str, Template] = field(default_factory=dict)
    placeholders: dict[str, tuple] = field(default_factory=dict)
    # (pointer in story.json, text as written) of each text also shown outside play
    declared: list[tuple[str, str]] = field(default_factory=list)
    # the files jsonschema-rs found to match their schema as they were read
    verdicts: set[str] = field(default_factory=set)

    # -- reporting ---------------------------------------------------------------------------

    def report(self, file: str, pointer: str, code: str, message: str, **where: Any) -> None:
        """Note a problem; ``where`` gives its place in the pointer's value, or line and column."""
        self.pending.append(Pending(file, pointer, code, message, **where))

    def diagnostics(self) -> list[Diagnostic]:
        """Every problem noted, placed in its file and sorted: positions only now, once."""
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
        """A story file's name as diagnostics show it: under the folder as it was given."""
        return f"{self.display_root.rstrip('/')}/{relative}" if self.display_root else relative

    def read_json(self, relative: str, kind: str) -> Any:
        """The file's JSON value, or None after reporting why it cannot be had; ``kind`` is the
        schema it is meant to match ("story" or "branch")."""
        file = self.display(relative)
        try:
            if self.texts is not None:
                relative_name(relative, what="story file")
                if relative not in self.texts:
                    raise FileNotFoundError(2, "No such file or directory")
                raw = self.texts[relative].encode("utf-8")
                too_large = bounds.size_problem(len(raw))
            else:
                path = confine(self.root, relative, what="story file").path
                too_large = bounds.size_problem(path.stat().st_size)
                raw = b"" if too_large else path.read_bytes()
            if too_large:
                raise Refused("LT110", too_large)
        except Refused as refused:
            self.report(file, "", refused.code, refused.message, line=1, column=1)
            return None
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

        numbers = bounds.Numbers()
        try:
            value = json.loads(text, object_pairs_hook=pairs, parse_constant=no_constants,
                               parse_int=numbers.integer, parse_float=numbers.real)
        except (ValueError, RecursionError):
            value = None
            duplicated = True  # let the careful parser say exactly what and where
        # A file that matches its schema nests a few levels deep at most (a test holds the
        # schemas to it), so only the others are measured for nesting, before anything walks
        # them; the verdict is kept for the check of structure. The bounds on the nodes' lists
        # are checked in the same pass; a file that fails it is asked again without them.
        lists_fit = not duplicated and fast_valid(kind, value, bounds.list_limits())
        if lists_fit or not duplicated and fast_valid(kind, value):
            self.verdicts.add(file)
        elif nested_deeper_than(text, bounds.MAX_NESTING):
            self._too_deep(file, text)
            return None
        if not duplicated:
            self.sources.add(file, text)
            return self._bounded(file, text, value, numbers.big, lists_fit)
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
        return self._bounded(file, text, parsed.value, None)

    def _bounded(
        self, file: str, text: str, value: Any, big_numbers: bool | None, lists_fit: bool = False
    ) -> Any:
        """``value``, after reporting what in it is beyond the bounds on sizes (``bounds``);
        None when the file holds more than a story may, so nothing of it is built."""
        report = self.report
        if bounds.check_file(text, value, lambda ptr, code, msg: report(file, ptr, code, msg),
                             big_numbers=big_numbers, lists_fit=lists_fit):
            return value
        return None

    def _too_deep(self, file: str, text: str) -> None:
        found = bounds.too_deep(text)
        offset, message = found if found else (0, f"nested deeper than {bounds.MAX_NESTING}")
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        self.report(file, "", "LT111", message, line=line, column=column)

    def asset(self, relative: Any, file: str, pointer: str, *, what: str = "file") -> Path | None:
        """The file an asset path names inside the story folder (``confine``), or None after
        reporting why it cannot be used."""
        if not isinstance(relative, str) or not relative:
            return None
        try:
            return confine(self.root, relative, what=what).path
        except Refused as refused:
            self.report(file, pointer, refused.code, refused.message)
            return None

    # -- expressions and text ----------------------------------------------------------------

    def interner(self, variables: dict) -> Interner:
        """What compiles expressions over ``variables``: each source and each shape once."""
        interner = self.interners.get(id(variables))
        if interner is None:  # it keeps ``variables`` alive, so the id stays theirs
            interner = self.interners[id(variables)] = Interner(variables)
        return interner

    def compile(self, mode: str, source: Any, file: str, pointer: str, variables: dict) -> Any:
        """A compiled condition or effect, or None after reporting the problem."""
        if type(source) is not str:
            return None
        result = self.interner(variables).compile(mode, source)
        if type(result) is expr.ExprError:
            self.report(file, pointer, result.code, result.message, offset=result.offset)
            return None
        return result

    def effects(self, sources: Any, file: str, pointer: str, variables: dict) -> tuple:
        """A list of effects compiled, leaving out (after reporting) those that do not compile.

        A list seen before in full (``["trust += 1"]``) gives the same tuple again."""
        if type(sources) is not list:
            return ()
        interner = self.interner(variables)
        if all(type(src) is str for src in sources):
            key = tuple(sources)
            known = interner.effect_lists.get(key)
            if known is not None:
                return known
        else:
            key = None
        compiled = interner.compile
        out = []
        clean = True
        for i, src in enumerate(sources):
            eff = compiled("effect", src) if type(src) is str else None
            if eff is None or type(eff) is expr.ExprError:
                clean = False
                eff = self.compile("effect", src, file, f"{pointer}/{i}", variables)
                if eff is None:
                    continue
            out.append(eff)
        result = tuple(out)
        if key is not None and clean:
            interner.effect_lists[key] = result
        return result

    def condition(self, source: str, variables: dict) -> expr.Condition:
        """A condition compiled once per distinct source; raises its ExprError (inline text
        reports it at its place in the text)."""
        return self.interner(variables).condition(source)

    def template(
        self, text: Any, file: str, pointer: str, characters: dict, variables: dict,
        *, inline: bool = True,
    ) -> Template:
        """A text parsed into its template once per distinct text; as is after a reported error.

        With ``inline=False`` (texts also shown outside play) only names and pronoun forms
        are allowed, and the text is not shared with the others.
        """
        if not isinstance(text, str):
            return ()
        cached = self.templates.get(text) if inline else None
        if cached is not None:
            return cached
        try:
            result = parse_template(
                text, characters, variables, self.placeholders if inline else None,
                compile=self.interner(variables).condition, inline=inline,
            )
        except TemplateError as err:
            self.report(file, pointer, err.code, err.message, offset=err.offset)
            return (text,)
        if inline:
            self.templates[text] = result
        return result

    # -- each file as a whole -----------------------------------------------------------------

    def format_ok(self, data: Any, file: str) -> bool:
        """Whether the file's format version is one this engine reads (reported if not)."""
        version = data.get("format") if isinstance(data, dict) else None
        if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
            self.report(
                file,
                "/format",
                "LT107",
                f"format {version} is newer than this engine reads (up to {FORMAT_VERSION}); "
                "update Low Tide",
            )
            return False
        return True

    def structure(self, kind: str, data: Any, file: str) -> None:
        """Report how the file departs from the schema of a story or branch file."""
        problems = [] if file in self.verdicts else check_file(kind, data)
        for problem in problems:
            self.report(file, problem.pointer, problem.code, problem.message, at_key=problem.at_key)
        if not problems:
            self.sources.matched_schema(file)
