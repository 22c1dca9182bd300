// Text fields of the node editor, built on CodeMirror 6: plain text with no JSON escaping,
// squiggles carrying lint's codes and messages, completion of names, pronoun forms, variables
// and functions, and straight quotes turned curly as prose is typed.
const V = window.StudioVendor;

export const settings = {
  curlyQuotes: localStorage.getItem("studio.curlyQuotes") !== "off",
};
export function setCurlyQuotes(on) {
  settings.curlyQuotes = on;
  localStorage.setItem("studio.curlyQuotes", on ? "on" : "off");
}

let facts = { characters: {}, variables: {}, nodes: [], kinds: {} };
export function setFacts(f) { facts = f; }

const FORMS = [
  ["they", "subject pronoun"], ["They", "capitalised"], ["them", "object pronoun"],
  ["their", "possessive"], ["Their", "capitalised"], ["theirs", "possessive pronoun"],
  ["themself", "reflexive"], ["are", "is / are"], ["were", "was / were"], ["have", "has / have"],
  ["do", "does / do"], ["s", "walk-s"], ["es", "go-es"], ["they're", "he's / they're"],
];
const INLINE = [
  ["{if ", "{if CONDITION: TEXT | OTHERWISE}", "text shown when a condition holds"],
  ["{seq: ", "{seq: FIRST | SECOND | THEN}", "a different text on each visit, then the last"],
  ["{cycle: ", "{cycle: A | B}", "round and round, one per visit"],
  ["{shuffle: ", "{shuffle: A | B}", "a random pick each visit"],
  ["{once: ", "{once: FIRST | SECOND}", "first visit, second visit, then nothing"],
];
const FUNCTIONS = [
  ['visits("', "times a node was entered"], ['seen("', "entered at least once"],
  ["turn()", "choices made so far"], ["min(", ""], ["max(", ""], ["abs(", ""], ["round(", "to an integer"],
  ["floor(", ""], ["ceil(", ""], ["clamp(", "clamp(x, lo, hi)"],
];

function proseCompletions(context) {
  const before = context.matchBefore(/\{[A-Za-z0-9_.']*$/);
  if (!before && !context.explicit) return null;
  const from = before ? before.from : context.pos;
  const options = [];
  for (const [id, c] of Object.entries(facts.characters)) {
    options.push({ label: `{${id}}`, detail: c.name, type: "variable" });
    if (c.player) continue;
    for (const [form, what] of FORMS) options.push({ label: `{${id}.${form}}`, detail: what, type: "keyword" });
  }
  for (const [name, v] of Object.entries(facts.variables)) {
    options.push({ label: `{${name}}`, detail: v.label || v.type, type: "property" });
  }
  for (const [apply, label, what] of INLINE) options.push({ label, apply, detail: what, type: "function" });
  return { from, options, validFor: /^\{[A-Za-z0-9_.']*$/ };
}

function exprCompletions(context) {
  const inNode = context.matchBefore(/(visits|seen)\(\s*"[A-Za-z0-9_-]*$/);
  if (inNode) {
    const from = inNode.from + inNode.text.indexOf('"') + 1;
    return { from, options: facts.nodes.map((n) => ({ label: n, apply: `${n}")`, type: "constant" })) };
  }
  const word = context.matchBefore(/[A-Za-z_][A-Za-z0-9_]*$/);
  if (!word && !context.explicit) return null;
  const options = [];
  for (const [name, v] of Object.entries(facts.variables)) {
    options.push({ label: name, detail: `${v.type}${v.label ? " · " + v.label : ""}`, type: "variable" });
  }
  for (const [label, what] of FUNCTIONS) options.push({ label, detail: what, type: "function" });
  for (const k of ["and", "or", "not", "true", "false"]) options.push({ label: k, type: "keyword" });
  return { from: word ? word.from : context.pos, options, validFor: /^[A-Za-z0-9_]*$/ };
}

// Inside an unclosed "{" the text is a placeholder or condition: quotes stay straight there.
function insideBraces(text) {
  return text.lastIndexOf("{") > text.lastIndexOf("}");
}

const OPENERS = /[\s([{\u2014\u2013\-\u201c\u2018/]/;
function curly(view, from, to, text) {
  if (!settings.curlyQuotes || (text !== '"' && text !== "'")) return false;
  const doc = view.state.doc;
  const before = doc.sliceString(Math.max(0, from - 400), from);
  if (insideBraces(before)) return false;
  const prev = before.slice(-1);
  const opening = prev === "" || OPENERS.test(prev);
  const curled = text === '"' ? (opening ? "\u201c" : "\u201d") : (opening ? "\u2018" : "\u2019");
  view.dispatch({ changes: { from, to, insert: curled }, selection: { anchor: from + 1 }, userEvent: "input.type" });
  return true;
}

const remote = V.StateEffect.define();

// A whole {…} form from its "{" (inner forms included), or up to the end of its word when it
// is not closed: what a squiggle on an interpolation covers.
function braced(text) {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "{") depth += 1;
    else if (text[i] === "}" && --depth === 0) return text.slice(0, i + 1);
  }
  return /^\{[^\s{}]*/.exec(text)[0];
}

// The change from text a to text b as one replaced range (what typing, a paste or another
// tab's edit of one field amounts to), in CodeMirror's terms.
function difference(a, b) {
  let start = 0;
  const most = Math.min(a.length, b.length);
  while (start < most && a.charCodeAt(start) === b.charCodeAt(start)) start += 1;
  let end = 0;
  while (end < most - start && a.charCodeAt(a.length - 1 - end) === b.charCodeAt(b.length - 1 - end)) end += 1;
  return { from: start, to: a.length - end, insert: b.slice(start, b.length - end) };
}

// A field: returns { view, set(value), squiggle(findings), focus(offset), ... }. It knows the
// text the server holds (``synced``): what the writer typed since is theirs to send, and a
// value from the server (another tab's edit) is merged in around it, cursor and all.
export function makeField({ parent, value, kind = "prose", placeholder = "", onChange, label, onFocus }) {
  const multiline = kind === "effects";
  const toText = (v) => (multiline ? (v || []).join("\n") : (v ?? ""));
  const fromText = (t) => (multiline ? t.split("\n").map((s) => s.trim()).filter((s) => s) : t);
  const extensions = [
    V.drawSelection(),
    V.highlightSpecialChars(),
    V.EditorView.lineWrapping,
    V.placeholder(placeholder),
    V.autocompletion({ override: [kind === "prose" ? proseCompletions : exprCompletions], icons: false }),
    V.keymap.of([
      { key: "Tab", run: V.acceptCompletion },
      ...(multiline ? [] : [{ key: "Enter", run: () => true }]),
      ...V.defaultKeymap,
    ]),
    V.EditorView.editorAttributes.of({ class: kind === "prose" ? "prose" : "code", "data-kind": kind }),
    V.EditorView.contentAttributes.of({ "aria-label": label || kind, spellcheck: kind === "prose" ? "true" : "false" }),
    V.EditorView.updateListener.of((update) => {
      if (update.focusChanged && update.view.hasFocus && onFocus) onFocus();
      if (!update.docChanged) return;
      if (update.transactions.some((t) => t.effects.some((e) => e.is(remote)))) return;
      onChange(fromText(update.state.doc.toString()));
    }),
  ];
  if (kind === "prose") extensions.push(V.EditorView.inputHandler.of(curly));
  const view = new V.EditorView({ parent, state: V.EditorState.create({ doc: toText(value), extensions }) });

  function lineStart(i) {
    // the start of the i-th non-blank line (effects fields: one effect a line)
    let seen = -1;
    for (let n = 1; n <= view.state.doc.lines; n++) {
      const line = view.state.doc.line(n);
      if (line.text.trim() === "") continue;
      seen += 1;
      if (seen === i) return line.from + (line.text.length - line.text.trimStart().length);
    }
    return 0;
  }

  let synced = toText(value);
  const same = (a, b) => JSON.stringify(fromText(a)) === JSON.stringify(fromText(b));
  return {
    view,
    kind,
    text: () => view.state.doc.toString(),
    value: () => fromText(view.state.doc.toString()),
    synced: () => synced,
    // whether the field holds something the server does not have yet
    unsent: () => !same(view.state.doc.toString(), synced),
    // the server has ``v`` now (the field's own edit came back)
    markSynced(v) { synced = toText(v); },
    // The server's value: taken in, with what the writer typed since it was last sent put
    // back in around it. True when the field still holds something to send.
    set(v) {
      const theirs = toText(v);
      const doc = view.state.doc.toString();
      if (theirs !== synced) {
        const start = V.EditorState.create({ doc: synced });
        const mine = start.changes(difference(synced, doc));
        const news = start.changes(difference(synced, theirs));
        view.dispatch({ changes: news.map(mine, true), effects: remote.of(null) });
        synced = theirs;
      }
      return !same(view.state.doc.toString(), synced);
    },
    // text typed in from elsewhere (what a field replaced by a new one still had to send)
    type(text) {
      view.dispatch({ changes: difference(view.state.doc.toString(), text), userEvent: "input" });
    },
    selection: () => view.state.selection.main,
    // findings: [{severity, code, message, offset, item}] where item is the effect's index
    squiggle(found) {
      const doc = view.state.doc;
      const diagnostics = found.map((f) => {
        const base = multiline && f.item != null ? lineStart(f.item) : 0;
        let from = f.offset == null ? base : base + f.offset;
        from = Math.min(from, doc.length);
        const rest = doc.sliceString(from, Math.min(doc.length, from + 400));
        const word = rest.startsWith("{") ? braced(rest) : /^[A-Za-z0-9_.]+/.exec(rest)?.[0];
        let to = f.offset == null ? (multiline ? doc.lineAt(from).to : doc.length) : from + (word ? word.length : 1);
        to = Math.min(to, doc.length);
        if (from >= to) { from = Math.max(0, to - 1); }
        return { from, to: Math.max(to, from), severity: f.severity === "info" ? "info" : f.severity,
                 message: `${f.code}: ${f.message}` };
      });
      view.dispatch(V.setDiagnostics(view.state, diagnostics));
      // an empty field with an error (a choice with no text yet) shows it on its placeholder
      view.dom.classList.toggle("empty-error", doc.length === 0 && found.some((f) => f.severity === "error"));
    },
    focus(offset) {
      view.focus();
      if (offset != null) {
        const at = Math.min(offset, view.state.doc.length);
        view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
      }
    },
  };
}
