// The studio page's third-party code, gathered into one global (window.StudioVendor) so the
// page loads a single prebuilt file and fetches nothing at run time. Rebuild with build.sh.
import cytoscape from "cytoscape";
import { EditorState, StateEffect, StateField, Compartment } from "@codemirror/state";
import {
  EditorView, keymap, placeholder, drawSelection, highlightSpecialChars, Decoration, ViewPlugin,
} from "@codemirror/view";
import { setDiagnostics, lintGutter, forEachDiagnostic } from "@codemirror/lint";
import {
  autocompletion, startCompletion, completionStatus, acceptCompletion, closeBrackets,
} from "@codemirror/autocomplete";
import { defaultKeymap, insertNewline } from "@codemirror/commands";

window.StudioVendor = {
  cytoscape,
  EditorState, StateEffect, StateField, Compartment,
  EditorView, keymap, placeholder, drawSelection, highlightSpecialChars, Decoration, ViewPlugin,
  setDiagnostics, lintGutter, forEachDiagnostic,
  autocompletion, startCompletion, completionStatus, acceptCompletion, closeBrackets,
  defaultKeymap, insertNewline,
};
