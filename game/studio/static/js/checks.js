// The diagnostics panel: every finding of the whole story's lint, as `lowtide lint` prints
// them; a click (or Enter) opens the node and puts the cursor in the field.
let onPick = null;
let items = [];
let active = -1;

export function initChecks(pick) {
  onPick = pick;
  const list = document.getElementById("checks-list");
  list.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      mark(Math.max(0, Math.min(items.length - 1, active + (e.key === "ArrowDown" ? 1 : -1))));
    } else if (e.key === "Enter" && active >= 0) {
      e.preventDefault();
      onPick(items[active]);
    }
  });
}

function mark(i) {
  active = i;
  const rows = document.querySelectorAll("#checks-list li[data-i]");
  rows.forEach((r) => r.classList.toggle("active", Number(r.dataset.i) === i));
  rows[i]?.scrollIntoView({ block: "nearest" });
}

export function showFindings(found, { stale = false } = {}) {
  const order = { error: 0, warning: 1, info: 2 };
  items = [...found].sort((a, b) => order[a.severity] - order[b.severity] || a.file.localeCompare(b.file) || a.line - b.line);
  const list = document.getElementById("checks-list");
  list.replaceChildren();
  if (!items.length) {
    const li = document.createElement("li");
    li.className = "clean";
    li.textContent = "No problems: lint finds nothing to say about this story.";
    list.append(li);
  }
  items.forEach((f, i) => {
    const li = document.createElement("li");
    li.className = f.severity;
    li.dataset.i = i;
    li.title = `${f.file}:${f.line}:${f.column}: ${f.severity} ${f.code}: ${f.message}`;
    for (const [cls, text] of [["sev", f.severity], ["code", f.code], ["where", `${f.file}:${f.line}:${f.column}${f.node ? "  ·  " + f.node : ""}`], ["msg", f.message]]) {
      const span = document.createElement("span");
      span.className = cls;
      span.textContent = text;
      li.append(span);
    }
    li.addEventListener("click", () => { mark(i); onPick(f); });
    list.append(li);
  });
  const errors = found.filter((f) => f.severity === "error").length;
  const warnings = found.filter((f) => f.severity === "warning").length;
  const e = document.getElementById("count-errors"), w = document.getElementById("count-warnings");
  e.textContent = errors; w.textContent = warnings;
  e.classList.toggle("zero", !errors); w.classList.toggle("zero", !warnings);
  e.title = `${errors} error(s)`; w.title = `${warnings} warning(s)`;
  document.getElementById("checks-state").textContent = stale ? "checking…" : `${errors} error(s), ${warnings} warning(s), ${found.length - errors - warnings} note(s)`;
}

export function setChecking() {
  document.getElementById("checks-state").textContent = "checking…";
}
