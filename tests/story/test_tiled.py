"""The Tiled reader: Tiled's geometry for every orientation, every layer data format, groups
folded as Tiled folds them, spots, templates, places of problems, and never a crash."""

from __future__ import annotations

import base64
import gzip
import struct
import tracemalloc
import zlib
from pathlib import Path

import pytest
import zstandard
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.story.maps import read_map, spots
from game.story.tiled import MapError, read_tmx
from game.story.tiled import data as layer_data
from game.story.tiled.geometry import Grid
from game.story.tiled.imagesize import image_size
from tests.conftest import FIXTURES

GALLERY = FIXTURES / "maps" / "gallery"


def grid(orientation: str, w: int, h: int, tw: int, th: int, side: int = 0,
         stagger_x: bool = False, even: bool = False, order: str = "right-down") -> Grid:
    return Grid(orientation, tw, th, side, stagger_x, even, w, h, order)


# -- geometry, checked against Tiled's renderers worked by hand ---------------------------------

def test_orthogonal_cells_are_drawn_from_their_bottom_left() -> None:
    g = grid("orthogonal", 10, 10, 32, 32)
    assert g.cell_anchor(2, 3) == (64, 128)
    assert g.bounds(0, 0, 10, 7) == (0, 0, 320, 224)


def test_isometric_cells_hang_from_the_middle_of_the_top_edge() -> None:
    g = grid("isometric", 6, 6, 64, 32)
    # tileToScreenCoords: ((x - y) * tw / 2 + height * tw / 2, (x + y) * th / 2); the image
    # is drawn from half a tile left of that and a tile below it
    assert g.cell_anchor(0, 0) == (160, 32)
    assert g.cell_anchor(1, 0) == (192, 48)
    assert g.cell_anchor(0, 1) == (128, 48)
    assert g.bounds(0, 0, 6, 6) == (0, 0, 384, 192)
    assert g.pixel_to_screen(96, 96) == (192, 96)  # objects measure along the grid


def test_staggered_and_hexagonal_rows_and_columns_are_pushed_as_tiled_pushes_them() -> None:
    stag = grid("staggered", 7, 7, 64, 32)
    assert stag.cell_anchor(0, 0) == (0, 32)
    assert stag.cell_anchor(0, 1) == (32, 48)  # odd rows half a tile right and down
    pointy = grid("hexagonal", 8, 6, 32, 32, side=16)
    assert pointy.cell_anchor(1, 1) == (48, 56)  # row height 24, odd rows 16 right
    assert pointy.bounds(0, 0, 8, 6) == (0, 0, 272, 152)
    flat = grid("hexagonal", 8, 6, 32, 28, side=16, stagger_x=True, even=True)
    assert flat.cell_anchor(0, 0) == (0, 42)  # even columns 14 down
    assert flat.cell_anchor(1, 0) == (24, 28)  # column width 24
    assert flat.bounds(0, 0, 8, 6) == (0, 0, 200, 182)


def test_paint_order_follows_the_orientation() -> None:
    assert list(grid("isometric", 2, 2, 64, 32).order(0, 0, 1, 1)) == [
        (0, 0), (0, 1), (1, 0), (1, 1)]  # back to front, left to right along each row
    assert list(grid("orthogonal", 2, 2, 16, 16, order="left-up").order(0, 0, 1, 1)) == [
        (1, 1), (0, 1), (1, 0), (0, 0)]
    flat = grid("hexagonal", 4, 2, 32, 28, side=16, stagger_x=True, even=False)
    assert list(flat.order(0, 0, 3, 0)) == [(0, 0), (2, 0), (1, 0), (3, 0)]  # upper first


# -- layer data ---------------------------------------------------------------------------------

GIDS = [1, 2, 0x80000003, 0]


@pytest.mark.parametrize("compression", [None, "zlib", "gzip", "zstd"])
def test_every_base64_format_decodes_to_the_same_gids(compression) -> None:
    raw = struct.pack("<4I", *GIDS)
    packed = {None: raw, "zlib": zlib.compress(raw), "gzip": gzip.compress(raw),
              "zstd": zstandard.ZstdCompressor().compress(raw)}[compression]
    text = "\n   " + base64.b64encode(packed).decode() + "\n  "
    assert list(layer_data.decode(text, None, "base64", compression, 4)) == GIDS


def test_csv_and_damaged_data() -> None:
    assert list(layer_data.decode("1,2,\n2147483651,0\n", None, "csv", None, 4)) == [
        1, 2, 2147483651, 0]
    for text, encoding, compression in (("1,2,3", "csv", None), ("1,x,3,4", "csv", None),
                                        ("@@@", "base64", None), ("AAAA", "base64", "zlib")):
        with pytest.raises(layer_data.DataError) as caught:
            layer_data.decode(text, None, encoding, compression, 4)
        assert caught.value.code == "LT524"
    with pytest.raises(layer_data.DataError) as caught:
        layer_data.decode("AAAA", None, "base64", "lzma", 4)
    assert caught.value.code == "LT523" and "'lzma'-compressed" in caught.value.message


def test_a_decompression_bomb_costs_only_what_the_layer_declares() -> None:
    bomb = base64.b64encode(zlib.compress(bytes(200_000_000), 9)).decode()
    tracemalloc.start()
    try:
        with pytest.raises(layer_data.DataError):
            layer_data.decode(bomb, None, "base64", "zlib", 4)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000


def test_image_sizes_come_from_the_file(tmp_path: Path) -> None:
    assert image_size(GALLERY / "sheet16.png") == (128, 64)
    (tmp_path / "x.gif").write_bytes(b"GIF89a" + struct.pack("<HH", 7, 9) + bytes(8))
    assert image_size(tmp_path / "x.gif") == (7, 9)
    (tmp_path / "x.txt").write_text("not a picture")
    assert image_size(tmp_path / "x.txt") is None


# -- the map ------------------------------------------------------------------------------------

def read(name: str):
    return read_tmx((GALLERY / f"{name}.tmx").resolve(), GALLERY.resolve())


def test_the_gallery_reads_without_problems() -> None:
    for path in GALLERY.glob("*.tmx"):
        reading = read_tmx(path.resolve(), GALLERY.resolve())
        assert reading.problems == [], path.name


def test_groups_fold_into_their_layers_in_file_order() -> None:
    m = read("layers").map
    names = [layer.name for layer in m.layers]
    assert names == ["sky", "floor", "walls", "never", "shadow", "things", "railing", "plants",
                     "lights", "lights", "spots"]
    by = {layer.name: layer for layer in m.layers}
    assert by["walls"].offset == (8.0, 0.0) and by["walls"].opacity == pytest.approx(0.8)
    assert by["walls"].tint == (160, 192, 255, 255) and by["walls"].groups == ("house",)
    assert not by["never"].visible and by["never"].groups == ("house", "hidden")
    assert by["sky"].parallax == (0.5, 0.5) and by["sky"].repeat == (True, True)
    assert by["plants"].named("above") and not by["things"].named("above")


def test_hidden_objects_are_not_spots_and_the_spots_layer_wins() -> None:
    m = read("layers").map
    assert set(spots(m)) == {"here"}  # not the hidden 'ghost', nor 'sign' of another layer
    assert spots(read("isometric").map)["here"] == (288.0, 112.0)  # on the isometric grid


def test_infinite_maps_keep_their_chunks() -> None:
    layer = read("infinite").map.layers[0]
    assert (layer.grid.x, layer.grid.y, layer.grid.width, layer.grid.height) == (-16, -16, 32, 32)
    assert layer.grid.get(-1, -1) and not layer.grid.get(-16, -16) and not layer.grid.get(99, 0)


def test_a_template_object_takes_its_tile_from_the_template(tmp_path: Path) -> None:
    for name in ("sheet16.png", "sheet16.tsx"):
        (tmp_path / name).write_bytes((GALLERY / name).read_bytes())
    (tmp_path / "chair.tx").write_text(
        '<?xml version="1.0"?>\n<template>\n <tileset firstgid="1" source="sheet16.tsx"/>\n'
        ' <object name="chair" gid="3" width="16" height="16"/>\n</template>\n')
    (tmp_path / "room.tmx").write_text(
        '<?xml version="1.0"?>\n<map orientation="orthogonal" width="2" height="2" '
        'tilewidth="16" tileheight="16">\n <tileset firstgid="5" source="sheet16.tsx"/>\n'
        ' <objectgroup name="things">\n  <object id="1" template="chair.tx" x="8" y="24"/>\n'
        ' </objectgroup>\n</map>\n')
    reading = read_tmx(tmp_path / "room.tmx", tmp_path)
    (obj,) = reading.map.layers[0].objects
    assert reading.problems == []
    assert (obj.name, obj.gid, obj.x, obj.width) == ("chair", 7, 8.0, 16.0)  # 3 - 1 + 5


def test_problems_point_at_the_attribute_in_the_file() -> None:
    folder = FIXTURES / "lint" / "LT520-map-size"
    reading = read_tmx((folder / "room.tmx").resolve(), folder.resolve())
    (problem,) = reading.problems
    line = (folder / "room.tmx").read_text().splitlines()[problem.where.line - 1]
    assert line[problem.where.column - 1:].startswith('width="100000"')
    assert problem.where.path == "/map/@width"


def test_a_broken_tileset_is_reported_in_the_tileset(tmp_path: Path) -> None:
    (tmp_path / "t.tsx").write_text('<?xml version="1.0"?>\n<tileset name="t">\n <image')
    (tmp_path / "room.tmx").write_text(
        '<?xml version="1.0"?>\n<map width="1" height="1" tilewidth="8" tileheight="8">\n'
        ' <tileset firstgid="1" source="t.tsx"/>\n</map>\n')
    with pytest.raises(MapError) as caught:
        read_map(tmp_path / "room.tmx", tmp_path)
    assert caught.value.code == "LT402" and caught.value.where.file == tmp_path / "t.tsx"
    assert caught.value.where.line == 3


def test_huge_declared_sizes_are_refused_before_anything_is_allocated(tmp_path: Path) -> None:
    (tmp_path / "big.tmx").write_text(
        '<?xml version="1.0"?>\n<map width="100000" height="100000" tilewidth="32" '
        'tileheight="32">\n <layer name="a" width="100000" height="100000">\n'
        '  <data encoding="csv">1</data>\n </layer>\n</map>\n')
    tracemalloc.start()
    try:
        reading = read_tmx(tmp_path / "big.tmx", tmp_path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert {p.code for p in reading.problems} == {"LT520"}
    assert peak < 5_000_000


# -- never a crash ------------------------------------------------------------------------------

SOURCES = sorted(GALLERY.glob("*.tmx")) + sorted((FIXTURES / "lint").glob("LT52*/room.tmx"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=st.sampled_from(SOURCES), data=st.data())
def test_any_damage_to_a_map_gives_problems_never_a_crash(tmp_path_factory, source, data) -> None:
    raw = bytearray(source.read_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        kind = data.draw(st.sampled_from(["cut", "byte", "number", "drop"]))
        at = data.draw(st.integers(0, max(0, len(raw) - 1)))
        if kind == "cut":
            del raw[at:]
        elif kind == "byte" and raw:
            raw[at] = data.draw(st.integers(0, 255))
        elif kind == "number":
            value = data.draw(st.sampled_from([b"0", b"-1", b"100000", b"99999999999", b"1e9",
                                               b"nan", b"", b"-2147483648"]))
            digits = [i for i, c in enumerate(raw) if 48 <= c <= 57]
            if digits:
                i = digits[at % len(digits)]
                raw[i:i + 1] = value
        else:
            del raw[at:at + data.draw(st.integers(1, 40))]
    folder = tmp_path_factory.mktemp("fuzz")
    for sibling in source.parent.iterdir():
        if sibling.suffix in (".png", ".tsx"):
            (folder / sibling.name).write_bytes(sibling.read_bytes())
    (folder / "map.tmx").write_bytes(bytes(raw))
    try:
        reading = read_tmx(folder / "map.tmx", folder)
    except MapError as err:
        assert err.code in ("LT400", "LT401", "LT402") and err.message
    else:
        for problem in reading.problems:
            assert problem.code.startswith("LT52") and problem.where.line >= 1


def test_a_damaged_picture_is_reported_once_where_the_map_names_it(tmp_path: Path) -> None:
    (tmp_path / "sheet16.tsx").write_text((GALLERY / "sheet16.tsx").read_text())
    (tmp_path / "sheet16.png").write_bytes(b"this is not a PNG at all")
    (tmp_path / "room.tmx").write_text(
        '<?xml version="1.0"?>\n<map width="1" height="1" tilewidth="16" tileheight="16">\n'
        ' <tileset firstgid="1" source="sheet16.tsx"/>\n <imagelayer name="back">\n'
        '  <image source="sheet16.png"/>\n </imagelayer>\n</map>\n')
    (problem,) = read_tmx(tmp_path / "room.tmx", tmp_path).problems
    assert problem.code == "LT528" and "'sheet16.png'" in problem.message
    assert problem.where.file == tmp_path / "sheet16.tsx" and problem.where.path.endswith("@source")


def test_a_missing_animation_frame_points_at_the_frame() -> None:
    folder = (FIXTURES / "lint" / "LT529-animation-frame").resolve()
    (problem,) = read_tmx(folder / "room.tmx", folder).problems
    assert problem.code == "LT529"
    assert (problem.where.line, problem.where.column) == (8, 12)  # tileid="40", not <tile id="0">
    assert problem.where.path.endswith("/frame[2]/@tileid")
    line = (folder / "room.tmx").read_text().splitlines()[7]
    assert line[problem.where.column - 1:].startswith('tileid="40"')


def test_a_missing_tile_in_csv_points_at_its_number() -> None:
    folder = (FIXTURES / "lint" / "LT525-unknown-tile").resolve()
    (problem,) = read_tmx(folder / "room.tmx", folder).problems
    assert problem.code == "LT525"
    assert (problem.where.line, problem.where.column) == (9, 3)  # the 99 of "2,99"
    assert "tile number 99 at tile 1,1," in problem.message


MISSING = ('<?xml version="1.0"?>\n<map width="3" height="2" tilewidth="32" tileheight="32"{inf}>'
           '\n <tileset firstgid="1" name="t" tilewidth="32" tileheight="32" tilecount="2" '
           'columns="2">\n  <image source="tiles.png" width="64" height="32"/>\n </tileset>\n'
           ' <layer id="1" name="floor" width="3" height="2">\n  {data}\n </layer>\n</map>\n')


def test_a_missing_tile_in_encoded_data_names_its_place(tmp_path: Path) -> None:
    (tmp_path / "tiles.png").write_bytes(
        (FIXTURES / "lint" / "LT525-unknown-tile" / "tiles.png").read_bytes())
    cells = struct.pack("<6I", 1, 2, 1, 2, 1, 7)
    encoded = base64.b64encode(zlib.compress(cells)).decode()
    (tmp_path / "room.tmx").write_text(MISSING.format(
        inf="", data=f'<data encoding="base64" compression="zlib">{encoded}</data>'))
    (problem,) = read_tmx(tmp_path / "room.tmx", tmp_path).problems
    assert problem.code == "LT525" and (problem.where.line, problem.where.column) == (7, 3)
    assert problem.where.path == "/map/layer[1]/data[1]"
    assert "tile number 7 at tile 2,1," in problem.message


def test_a_missing_tile_in_a_csv_chunk_points_at_its_number(tmp_path: Path) -> None:
    (tmp_path / "tiles.png").write_bytes(
        (FIXTURES / "lint" / "LT525-unknown-tile" / "tiles.png").read_bytes())
    chunk = ('<data encoding="csv">\n   <chunk x="16" y="0" width="3" height="2">\n'
             '1,2,1,\n2,1,1,\n</chunk>\n   <chunk x="-16" y="16" width="3" height="2">\n'
             '1,2,1,\n2, 5,1\n</chunk>\n  </data>')
    (tmp_path / "room.tmx").write_text(MISSING.format(inf=' infinite="1"', data=chunk))
    (problem,) = read_tmx(tmp_path / "room.tmx", tmp_path).problems
    assert problem.code == "LT525" and (problem.where.line, problem.where.column) == (14, 4)
    assert "tile number 5 at tile -15,17," in problem.message
