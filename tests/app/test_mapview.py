"""The map view: refuses what lint refuses with lint's message, scales pixel art sharply, keeps
its caches bounded and its own, animates only with game time, and never crashes."""

from __future__ import annotations

import gc
import shutil
import tracemalloc
import weakref
from pathlib import Path

import pygame
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.app.render import mapview
from game.app.render.mapview import SceneView
from game.tools.lint import lint_story
from tests.conftest import FIXTURES, STORIES

GALLERY = FIXTURES / "maps" / "gallery"
LINT = FIXTURES / "lint"


@pytest.fixture(autouse=True)
def display():
    pygame.init()
    pygame.display.set_mode((1, 1))
    yield
    pygame.quit()


def tiny_map(folder: Path, width: str = "4", height: str = "3", tile: str = "16",
             data: str = "1,2,1,2,\n2,1,2,1,\n1,2,1,2") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(GALLERY / "sheet16.png", folder / "sheet16.png")
    shutil.copy(GALLERY / "sheet16.tsx", folder / "sheet16.tsx")
    path = folder / "room.tmx"
    path.write_text(
        f'<?xml version="1.0"?>\n<map orientation="orthogonal" width="{width}" height="{height}" '
        f'tilewidth="{tile}" tileheight="{tile}">\n <tileset firstgid="1" source="sheet16.tsx"/>\n'
        f' <layer name="floor" width="{width}" height="{height}">\n'
        f'  <data encoding="csv">{data}</data>\n </layer>\n'
        ' <objectgroup name="spots">\n  <object name="chair" x="8" y="8"><point/></object>\n'
        ' </objectgroup>\n</map>\n', "utf-8")
    return path


# -- refusals: the fallback room with lint's message (issue 16: no "Out of memory") ------------

@pytest.mark.parametrize("folder", sorted(LINT.glob("LT52*")), ids=lambda p: p.name)
def test_a_map_lint_refuses_shows_the_fallback_room_with_the_same_message(folder: Path) -> None:
    code = folder.name.split("-")[0]
    (found,) = [d for d in lint_story(folder) if d.code == code]
    view = SceneView(folder / "room.tmx", root=folder)
    assert view.room is not None and view.problem
    assert f"error {code}: {found.message}" in view.problem
    assert f"room.tmx:{found.line}:{found.column}:" in view.problem
    assert "Traceback" not in view.problem and "Error" not in view.problem.split(code)[0]
    assert view.compose([], 0.0).get_size() == view.view


@pytest.mark.parametrize(("width", "height", "tile", "code"), [
    ("100000", "3", "16", "LT520"), ("4", "100000", "16", "LT520"),
    ("100000", "100000", "16", "LT520"), ("4", "3", "100000", "LT521"),
    ("0", "3", "16", "LT520"), ("-4", "3", "16", "LT520"), ("4", "-3", "16", "LT520"),
    ("4", "3", "0", "LT521"), ("4", "3", "-16", "LT521"),
])
def test_huge_zero_and_negative_sizes_are_refused_cheaply(tmp_path: Path, width, height, tile,
                                                           code) -> None:
    path = tiny_map(tmp_path, width, height, tile)
    tracemalloc.start()
    try:
        view = SceneView(path, root=tmp_path)
        view.compose([], 0.0)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert view.room is not None and f"error {code}:" in view.problem
    assert peak < 20_000_000  # once 5.3 GB, or "Out of memory"
    assert view.size == view.view


def test_a_broken_map_never_shows_an_exception(tmp_path: Path) -> None:
    path = tmp_path / "room.tmx"
    path.write_text("<map><broken", "utf-8")
    view = SceneView(path, root=tmp_path)
    assert view.problem.startswith("This map cannot be drawn. room.tmx:1:")
    assert "error LT402: not valid XML" in view.problem


def test_a_tileset_image_without_a_size_is_measured_from_the_file(tmp_path: Path) -> None:
    path = tiny_map(tmp_path)
    tsx = tmp_path / "sheet16.tsx"
    tsx.write_text(tsx.read_text().replace(' width="128" height="64"', ""))
    assert 'source="sheet16.png"/>' in tsx.read_text()
    view = SceneView(path, root=tmp_path)
    assert view.problem is None
    frame = view.compose([], 0.0)
    assert frame.get_at(view.offset)[:3] != frame.get_at((0, 0))[:3]  # the tiles are drawn


# -- scale ------------------------------------------------------------------------------------------

def test_small_tiles_scale_by_whole_numbers_sharply_and_a_small_map_is_not_stretched(
        tmp_path: Path) -> None:
    view = SceneView(tiny_map(tmp_path), root=tmp_path)
    assert (view.scale, view.smooth) == (3.0, False)
    assert view.size == (4 * 16 * 3, 3 * 16 * 3)  # the camera's scale, not a fit to the view
    assert view.offset == ((view.view[0] - view.size[0]) // 2, (view.view[1] - view.size[1]) // 2)
    frame = view.compose([], 0.0)
    x, y = view.offset
    # sharp: the tile's one-pixel outline is exactly three view pixels wide, no blur
    row = [tuple(frame.get_at((x + i, y + 20)))[:3] for i in range(5)]
    assert row[0] == row[1] == row[2] != row[3]


def test_bundled_maps_keep_their_smooth_one_and_a_half() -> None:
    view = SceneView(STORIES / "low-tide" / "maps" / "apartment.tmx")
    assert (view.scale, view.smooth) == (1.5, True) and view.size == (1920, 1056)


def test_map_properties_choose_the_scaling(tmp_path: Path) -> None:
    path = tiny_map(tmp_path)
    text = path.read_text().replace(
        '<tileset', '<properties><property name="scaling" value="smooth"/>'
                    '<property name="zoom" value="2.5"/></properties>\n <tileset', 1)
    path.write_text(text)
    view = SceneView(path, root=tmp_path)
    assert (view.scale, view.smooth) == (2.5, True)


# -- time -------------------------------------------------------------------------------------------

def test_animations_follow_the_clock_that_update_advances_never_drawing() -> None:
    view = SceneView(GALLERY / "animation.tmx", (640, 400), root=GALLERY)
    first = pygame.image.tobytes(view.compose([], 0.0), "RGB")
    again = pygame.image.tobytes(view.compose([], 0.0), "RGB")
    assert first == again and view.clock == 0.0  # drawing does not move time
    view.update(0.25)
    later = pygame.image.tobytes(view.compose([], 0.0), "RGB")
    assert later != first
    view.update(2.15)  # 2.4 s: both animations (600 and 800 ms long) on their first frames
    assert pygame.image.tobytes(view.compose([], 0.0), "RGB") == first


# -- memory (issue 16): bounded caches owned by the view --------------------------------------------

def test_scaled_sprites_belong_to_the_view_and_are_bounded() -> None:
    images = [pygame.Surface((16, 32), pygame.SRCALPHA) for _ in range(200)]
    view = SceneView(STORIES / "low-tide" / "maps" / "apartment.tmx")
    scaled = [weakref.ref(view.sprite(image)) for image in images]
    assert len(view._sprites) <= view._sprites.limit
    assert view.sprite(images[-1]) is scaled[-1]()  # kept while in use
    assert not [name for name, value in vars(mapview).items()
                if isinstance(value, dict | list) and not name.startswith("__")]
    del view
    gc.collect()
    assert all(ref() is None for ref in scaled)


def test_many_scenes_in_one_process_leave_nothing_behind() -> None:
    sprite = pygame.Surface((32, 64), pygame.SRCALPHA)
    kept = []
    for _ in range(12):
        view = SceneView(STORIES / "low-tide" / "maps" / "apartment.tmx")
        frame = view.compose([mapview.Figure(sprite, 400, 300, 400, 300)], 0.0, (200, 100))
        kept.append((weakref.ref(view), weakref.ref(frame), weakref.ref(view.sprite(sprite))))
        del view, frame
    gc.collect()
    assert all(r() is None for refs in kept for r in refs)


def test_a_big_map_is_drawn_from_chunks_around_the_camera(tmp_path: Path) -> None:
    n = 200
    row = ",".join("1" if (x // 3) % 2 else "2" for x in range(n))
    path = tiny_map(tmp_path, str(n), str(n), "32", ",\n".join([row] * n))
    view = SceneView(path, root=tmp_path)
    assert view.problem is None and view.size == (9600, 9600)
    view.compose([], 0.0, (4000, 4000))
    view.compose([], 0.0, (0, 9000))
    cache = view._chunks
    assert 0 < len(cache) < 60 and cache.used <= mapview.CHUNK_BUDGET
    assert all(c.surface is None or max(c.surface.get_size()) <= view.chunk
               for c in cache._items.values())


# -- never a crash ----------------------------------------------------------------------------------

MAPS = sorted(GALLERY.glob("*.tmx"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(source=st.sampled_from(MAPS), data=st.data())
def test_a_damaged_map_draws_or_shows_the_fallback_room(tmp_path_factory, source, data) -> None:
    raw = bytearray(source.read_bytes())
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, max(0, len(raw) - 1)))
        if data.draw(st.booleans()):
            digits = [i for i, c in enumerate(raw) if 48 <= c <= 57]
            if digits:
                i = digits[at % len(digits)]
                raw[i:i + 1] = data.draw(st.sampled_from([b"0", b"-7", b"4097", b"99999", b""]))
        else:
            del raw[at:at + data.draw(st.integers(1, 30))]
    folder = tmp_path_factory.mktemp("map")
    for sibling in GALLERY.iterdir():
        if sibling.suffix in (".png", ".tsx"):
            shutil.copy(sibling, folder / sibling.name)
    (folder / "map.tmx").write_bytes(bytes(raw))
    view = SceneView(folder / "map.tmx", (320, 200), root=folder)
    view.update(0.3)
    frame = view.compose([], 0.0, (10, 10))
    assert frame.get_size() == (320, 200)
    assert view.problem is None or view.room is not None
