"""The map gallery: maps of every orientation and feature, made by
tests/fixtures/maps/make_maps.py, drawn headless by the game's map view and compared with the
reference pictures beside them, within a per-pixel tolerance."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from tests.conftest import FIXTURES
from tests.fixtures.maps import make_maps

MAPS = FIXTURES / "maps"

SHOTS = [(g, name, camera, clock) for g in make_maps.maps()
         for name, camera, clock in make_maps.shots(g)]
CHANNEL = 40  # a pixel differs when a channel is this far off
SHARE = 0.005  # at most this share of the pixels may differ


@pytest.fixture(scope="module")
def display():
    pygame.init()
    pygame.display.set_mode((1, 1))
    yield
    pygame.quit()


def differing(a: pygame.Surface, b: pygame.Surface) -> float:
    """The share of pixels where some channel differs by more than CHANNEL."""
    diff = a.copy()
    diff.blit(b, (0, 0), special_flags=pygame.BLEND_RGB_SUB)  # a - b, clamped at 0
    other = b.copy()
    other.blit(a, (0, 0), special_flags=pygame.BLEND_RGB_SUB)  # b - a
    diff.blit(other, (0, 0), special_flags=pygame.BLEND_RGB_MAX)  # |a - b| per channel
    mask = pygame.mask.from_threshold(diff, (0, 0, 0), (CHANNEL + 1,) * 3 + (255,))
    w, h = a.get_size()
    return 1 - mask.count() / (w * h)


@pytest.mark.parametrize(("gallery", "name", "camera", "clock"), SHOTS,
                         ids=[s[1] for s in SHOTS])
def test_each_gallery_map_draws_as_its_reference(display, tmp_path: Path, gallery, name,
                                                 camera, clock) -> None:
    reference = pygame.image.load(str(MAPS / "reference" / f"{name}.png")).convert()
    drawn = make_maps.render(gallery, camera, clock, MAPS / "gallery").convert()
    assert drawn.get_size() == reference.get_size()
    share = differing(drawn, reference)
    if share > SHARE:
        pygame.image.save(drawn, str(tmp_path / f"{name}.png"))
    assert share <= SHARE, (f"{name}: {share:.2%} of the pixels differ from the reference; "
                            f"drawn: {tmp_path / (name + '.png')}; {gallery.note}")


def test_the_gallery_is_what_the_script_makes(display, tmp_path: Path) -> None:
    """The committed maps are the generator's output (regenerate with make_maps.py)."""
    made = make_maps.write(tmp_path)
    assert {g.name for g in made} == {p.stem for p in (MAPS / "gallery").glob("*.tmx")}
    for path in tmp_path.iterdir():
        committed = MAPS / "gallery" / path.name
        assert committed.is_file(), path.name
        if path.suffix == ".png":
            a, b = pygame.image.load(str(path)), pygame.image.load(str(committed))
            assert pygame.image.tobytes(a, "RGBA") == pygame.image.tobytes(b, "RGBA"), path.name
        else:
            assert path.read_text("utf-8") == committed.read_text("utf-8"), path.name


def test_the_tolerance_tells_a_moved_tile_from_noise(display) -> None:
    reference = pygame.image.load(str(MAPS / "reference" / "orthogonal.png")).convert()
    noisy = reference.copy()
    noisy.fill((12, 12, 12), special_flags=pygame.BLEND_RGB_ADD)  # a shade lighter everywhere
    assert differing(noisy, reference) == 0
    moved = reference.copy()
    moved.blit(reference, (0, 3))  # everything three pixels lower: edges everywhere differ
    assert differing(moved, reference) > SHARE
