#!/bin/sh
# Put Low Tide in the desktop's application menu, with its icon, for the current user.
#   ./install-desktop.sh              from the unpacked standalone folder (beside ./lowtide)
#   ./install-desktop.sh --uninstall  take the menu entry and the icons away again
# Nothing outside ~/.local/share (or $XDG_DATA_HOME) is touched; no root is needed.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
apps="$data/applications"
icons="$data/icons/hicolor"
sizes="16 24 32 48 64 128 256 512"

if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$apps/lowtide.desktop"
    for s in $sizes; do rm -f "$icons/${s}x${s}/apps/lowtide.png"; done
    echo "Low Tide is no longer in the application menu (the game folder itself is untouched)."
    exit 0
fi

if [ ! -x "$here/lowtide" ]; then
    echo "install-desktop.sh: no ./lowtide beside this script; run it from the game's folder." >&2
    exit 2
fi
case $here in
    *"
"*) echo "install-desktop.sh: the game's folder has a line break in its path; move it to a" \
         "folder without one first." >&2
        exit 2 ;;
esac

mkdir -p "$apps"
for s in $sizes; do
    mkdir -p "$icons/${s}x${s}/apps"
    cp "$here/icons/lowtide-$s.png" "$icons/${s}x${s}/apps/lowtide.png"
done
# The entry starts this very folder's program. The Desktop Entry Specification quotes it as
# one argument: inside double quotes a backslash goes before " ` $ and \, a % is written %%,
# and then, as in every string value, each backslash is doubled (so $ becomes \\$). Path= is a
# plain string: only its backslashes are doubled.
exec_arg=$(printf '%s' "$here/lowtide" \
    | sed -e 's/[\\"`$]/\\&/g' -e 's/%/%%/g' -e 's/\\/\\\\/g')
path_value=$(printf '%s' "$here" | sed -e 's/\\/\\\\/g')
while IFS= read -r line || [ -n "$line" ]; do
    case $line in
        Exec=*) printf 'Exec="%s"\nPath=%s\n' "$exec_arg" "$path_value" ;;
        *) printf '%s\n' "$line" ;;
    esac
done < "$here/lowtide.desktop" > "$apps/lowtide.desktop"
chmod 644 "$apps/lowtide.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$apps" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$icons" || true
echo "Low Tide is in the application menu now: $apps/lowtide.desktop"
