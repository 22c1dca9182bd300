#!/usr/bin/env bash
# Rebuild the studio's vendored bundle from npm: Cytoscape.js (the story map) and CodeMirror 6
# (the text and expression fields), minified into one file with their licences beside it.
# Needs Node.js and npm; the result is committed, so the studio itself never needs them.
set -euo pipefail
cd "$(dirname "$0")"
out=../../game/studio/static/vendor
npm ci --no-audit --no-fund --silent
mkdir -p "$out/licenses"
node_modules/.bin/esbuild entry.js --bundle --minify --format=iife \
  --target=es2020 --legal-comments=none --outfile="$out/studio-vendor.js"
rm -f "$out"/licenses/*
for pkg in $(node -e 'const l=require("./package-lock.json").packages;
  for (const k of Object.keys(l)) if (k && !l[k].dev_only_tool && !k.includes("esbuild")) console.log(k)'); do
  name=${pkg#node_modules/}
  name=${name#@}  # a scope's @ is no character a PEP 639 license-files pattern may match
  for f in "$pkg"/LICENSE* "$pkg"/LICENCE* "$pkg"/license "$pkg"/license.md; do
    [ -f "$f" ] && cp "$f" "$out/licenses/${name//\//__}.$(basename "$f")"
  done
done
node -e 'const l=require("./package-lock.json").packages;
  for (const k of Object.keys(l).sort()) if (k && !k.includes("esbuild"))
    console.log(`${k.replace("node_modules/","")} ${l[k].version} ${l[k].license}`)' > "$out/licenses/VERSIONS.txt"
echo "wrote $out/studio-vendor.js ($(wc -c < "$out/studio-vendor.js") bytes)"
