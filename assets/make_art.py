"""Draw every generated image and map for Low Tide, then copy each story's share into its folder.

Run `python assets/make_art.py` from anywhere; it is deterministic, so re-running it after a
change to the drawing code rewrites the same files. It needs pygame-ce (no window opens), and
Pillow for the .ico and .icns icons.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ART = HERE / "art"  # the masters: tileset, maps, sprites, portraits (copied into stories)
DATA = ROOT / "game" / "data"  # what the installed game reads at run time
ICONS = ROOT / "release" / "icons"  # the desktop icon, for the standalone build
sys.path.insert(0, str(HERE))

import pygame  # noqa: E402
from artgen import floors, furniture, portraits, sprites, title, ui  # noqa: E402, F401
from artgen.maps import PLANS  # noqa: E402
from artgen.tileset import REGISTRY, Tileset  # noqa: E402
from artgen.tmx import write_tmx, write_tsx  # noqa: E402

#: What each story folder receives: characters with portraits, sprites, and maps.
STORIES: dict[str, dict[str, list[str]]] = {
    "low-tide": {"portraits": ["ben"], "sprites": ["ben", "you"], "maps": ["apartment"]},
    "sample": {"portraits": ["ben"], "sprites": ["ben", "you"], "maps": ["apartment"]},
    "two-bars": {"portraits": ["theo"], "sprites": ["theo", "you"], "maps": ["night-flat"]},
    "long-weekend": {"portraits": ["maya"], "sprites": ["maya", "you2"],
                     "maps": ["family-house"]},
}


def save(surface: pygame.Surface, path: Path) -> None:
    """Write a PNG, creating folders as needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(surface, str(path))


def build_tiles_and_maps() -> None:
    """The tileset atlas, its .tsx, and the three maps (kept together so paths resolve)."""
    floors.register()
    ts = Tileset(REGISTRY)
    out = ART / "maps"
    save(ts.image, out / "tiles.png")
    (out / "tiles.tsx").write_text(write_tsx(ts), encoding="utf-8")
    for name, make in PLANS.items():
        (out / f"{name}.tmx").write_text(write_tmx(make(), ts), encoding="utf-8")


def build_characters() -> None:
    """Scene sprites for everyone, portraits for the three partners."""
    for name, surf in sprites.all_sprites().items():
        save(surf, ART / "sprites" / f"{name}.png")
    for who in portraits.CHARACTERS:
        for expr in portraits.EXPRESSIONS:
            save(portraits.portrait(who, expr), ART / "portraits" / f"{who}-{expr}.png")


def build_title_and_ui() -> None:
    """Title-screen parallax layers, the dialogue panel, markers, glow and the window icon."""
    for name, surf in title.layers().items():
        save(surf, DATA / "art" / "title" / f"{name}.png")
    for name, surf in ui.images().items():
        save(surf, DATA / "art" / "ui" / f"{name}.png")


def build_icons() -> None:
    """The desktop icon at every size a desktop asks for, and as .ico and .icns.

    The PNGs are pygame's; Pillow (the ``dist`` extra) packs the same drawings into the
    Windows and macOS formats, so PyInstaller needs no converter on those systems.
    """
    from PIL import Image

    drawn = {size: ui.icon(size) for size in ui.ICON_SIZES}
    for size, surf in drawn.items():
        if size <= 512:
            save(surf, ICONS / f"lowtide-{size}.png")
    pil = {size: Image.frombytes("RGBA", (size, size), pygame.image.tobytes(surf, "RGBA"))
           for size, surf in drawn.items()}
    ico = [s for s in ui.ICON_SIZES if s <= 256]
    pil[256].save(ICONS / "lowtide.ico", sizes=[(s, s) for s in ico],
                  append_images=[pil[s] for s in ico if s != 256])
    pil[1024].save(ICONS / "lowtide.icns",
                   append_images=[pil[s] for s in (16, 32, 64, 128, 256, 512)])


def copy_to_stories() -> None:
    """Each story may only read files in its own folder, so give it copies of what it uses."""
    for story, wants in STORIES.items():
        dest = DATA / "stories" / story
        for who in wants["portraits"]:
            for expr in portraits.EXPRESSIONS:
                src = ART / "portraits" / f"{who}-{expr}.png"
                _copy(src, dest / "portraits" / src.name)
        for who in wants["sprites"]:
            _copy(ART / "sprites" / f"{who}.png", dest / "sprites" / f"{who}.png")
        for m in wants["maps"]:
            for fname in (f"{m}.tmx", "tiles.tsx", "tiles.png"):
                _copy(ART / "maps" / fname, dest / "maps" / fname)


def _copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)


def main() -> None:
    """Regenerate everything."""
    pygame.init()
    pygame.display.set_mode((1, 1))
    build_tiles_and_maps()
    build_characters()
    build_title_and_ui()
    build_icons()
    copy_to_stories()
    print(f"art written to {ART.relative_to(ROOT)}, {DATA.relative_to(ROOT)} and "
          f"{ICONS.relative_to(ROOT)}, and copied into each story folder")


if __name__ == "__main__":
    main()
