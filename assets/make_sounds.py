"""Synthesise Low Tide's sounds into game/data/sounds/ as 16-bit mono WAV files.

Every sound is built from a handful of plain building blocks (oscillators, noise, envelopes, a
one-pole filter) using only the standard library, so anyone can re-run this script and get the
same files: each sound draws from its own seeded random generator, so output is deterministic
and independent of the order in which sounds are made.

Usage:
    python assets/make_sounds.py                 # write every sound
    python assets/make_sounds.py ui-move ending  # write only the named sounds
    python assets/make_sounds.py --out DIR       # write somewhere else

Design notes:
- Ambient loops are quiet (RMS near -30 dBFS, peaks no higher than about -18 dBFS) so they sit
  under the text rather than in front of it, and they avoid anything rhythmic or bright enough
  to become irritating after many repeats.
- Loops are seamless: stationary noise beds are rendered a little long and their tail is
  crossfaded into their head; tones use a whole number of cycles per loop; envelopes and one-off
  events wrap around the loop end, so nothing is cut at the seam.
- Interface sounds are sines and triangles with soft attacks (no clicks) and peaks near
  -12 dBFS, quiet enough to be felt more than heard.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
import wave
from array import array
from collections.abc import Callable, Sequence
from pathlib import Path

SR = 22050
"""Sample rate for every file: plenty for soft, warm sounds and it keeps the loops small."""

OUT_DIR = Path(__file__).resolve().parents[1] / "game" / "data" / "sounds"
TAU = 2.0 * math.pi

Signal = list[float]


# ---------------------------------------------------------------------------------------------
# Building blocks
# ---------------------------------------------------------------------------------------------


def samples(seconds: float) -> int:
    """Convert seconds to a whole number of samples."""
    return max(0, round(seconds * SR))


def db_to_gain(db: float) -> float:
    """Convert decibels to a linear gain, so levels can be written the way they are heard."""
    return 10.0 ** (db / 20.0)


def gain_to_db(gain: float) -> float:
    """Convert a linear level to decibels (silence reads as -inf)."""
    return 20.0 * math.log10(gain) if gain > 0 else float("-inf")


def silence(n: int) -> Signal:
    """A buffer of n zero samples to mix events into."""
    return [0.0] * n


def oscillator(
    freq: float | Callable[[float], float],
    n: int,
    shape: str = "sine",
    phase: float = 0.0,
) -> Signal:
    """A sine or triangle oscillator; freq may be a function of time in seconds for glides.

    The phase is accumulated sample by sample, so pitch glides stay smooth.
    """
    out = [0.0] * n
    glide = freq if callable(freq) else None
    step = 0.0 if callable(freq) else freq / SR
    ph = phase / TAU
    for i in range(n):
        if glide is not None:
            step = glide(i / SR) / SR
        if shape == "sine":
            out[i] = math.sin(TAU * ph)
        else:  # triangle: warmer than a square, softer than a saw
            frac = ph - math.floor(ph)
            out[i] = 4.0 * frac - 1.0 if frac < 0.5 else 3.0 - 4.0 * frac
        ph += step
    return out


def loop_freq(freq: float, n_loop: int) -> float:
    """Nudge a frequency so a whole number of cycles fit the loop, which makes the seam clean."""
    seconds = n_loop / SR
    return max(1, round(freq * seconds)) / seconds


def white_noise(n: int, rng: random.Random) -> Signal:
    """Uniform white noise; after filtering it sounds just like Gaussian noise and is cheaper."""
    r = rng.random
    return [2.0 * r() - 1.0 for _ in range(n)]


def lowpass(x: Sequence[float], cutoff: float) -> Signal:
    """One-pole low-pass filter: a gentle 6 dB/octave slope that never rings or sounds harsh."""
    a = 1.0 - math.exp(-TAU * cutoff / SR)
    y = 0.0
    out = [0.0] * len(x)
    for i, v in enumerate(x):
        y += a * (v - y)
        out[i] = y
    return out


def highpass(x: Sequence[float], cutoff: float) -> Signal:
    """One-pole high-pass (input minus its low-pass), used to remove rumble and DC drift."""
    low = lowpass(x, cutoff)
    return [v - lo for v, lo in zip(x, low, strict=True)]


def bandpass(x: Sequence[float], low: float, high: float) -> Signal:
    """A soft band-pass from one low-pass and one high-pass stage."""
    return highpass(lowpass(x, high), low)


def brown_noise(n: int, rng: random.Random, corner: float = 30.0) -> Signal:
    """Brown (red) noise: white noise through a very low one-pole, with the DC drift removed.

    The deep, slow rumble is what makes sea, distant traffic and room tone sound large and far.
    Energy below about 30 Hz is trimmed: few speakers play it and it would only eat headroom.
    """
    return normalise_rms(highpass(lowpass(white_noise(n, rng), corner), 30.0))


def pink_noise(n: int, rng: random.Random) -> Signal:
    """Pink noise from a sum of three one-pole stages (Paul Kellet's economy filter).

    Pink noise has equal energy per octave, which the ear hears as balanced and calm.
    """
    out = [0.0] * n
    b0 = b1 = b2 = 0.0
    r = rng.random
    for i in range(n):
        w = 2.0 * r() - 1.0
        b0 = 0.99765 * b0 + w * 0.0990460
        b1 = 0.96300 * b1 + w * 0.2965164
        b2 = 0.57000 * b2 + w * 1.0526913
        out[i] = b0 + b1 + b2 + w * 0.1848
    return normalise_rms(highpass(out, 15.0))


def envelope(
    n: int, attack: float, release: float, hold: float = 0.0, curve: float = 3.0
) -> Signal:
    """An attack-hold-release envelope in seconds, with a raised-cosine attack and an
    exponential-like release, so sounds start without a click and fade naturally.
    """
    a, h, r = samples(attack), samples(hold), samples(release)
    out = [0.0] * n
    for i in range(n):
        if i < a:
            out[i] = 0.5 - 0.5 * math.cos(math.pi * i / a)
        elif i < a + h:
            out[i] = 1.0
        elif i < a + h + r:
            t = (i - a - h) / r
            # Exponential decay shaped to reach exactly zero at the end of the release.
            out[i] = (math.exp(-curve * t) - math.exp(-curve)) / (1.0 - math.exp(-curve))
        else:
            break
    return out


def smooth_random_loop(n: int, points: int, rng: random.Random, lo: float, hi: float) -> Signal:
    """A slowly wandering curve that returns to its start, for drifting levels in a loop.

    Random values are spaced evenly round the loop and joined with cosine interpolation,
    so the curve has no corners and its end meets its beginning.
    """
    values = [rng.uniform(lo, hi) for _ in range(points)]
    out = [0.0] * n
    seg = n / points
    for i in range(n):
        pos = i / seg
        k = int(pos)
        t = pos - k
        w = 0.5 - 0.5 * math.cos(math.pi * t)
        out[i] = values[k % points] * (1.0 - w) + values[(k + 1) % points] * w
    return out


def multiply(x: Sequence[float], y: Sequence[float]) -> Signal:
    """Multiply two signals sample by sample (apply an envelope or a tremolo)."""
    return [a * b for a, b in zip(x, y, strict=True)]


def scale(x: Sequence[float], gain: float) -> Signal:
    """Multiply a signal by a constant gain."""
    return [v * gain for v in x]


def mix(n: int, *layers: tuple[Sequence[float], float]) -> Signal:
    """Sum (signal, gain in dB) layers into an n-sample buffer; shorter layers start at zero."""
    out = [0.0] * n
    for sig, db in layers:
        g = db_to_gain(db)
        for i in range(min(n, len(sig))):
            out[i] += sig[i] * g
    return out


def add_at(buf: Signal, event: Sequence[float], start: int, gain_db: float = 0.0) -> None:
    """Add an event into buf at start, wrapping past the end so loop events never get cut."""
    g = db_to_gain(gain_db)
    n = len(buf)
    for i, v in enumerate(event):
        buf[(start + i) % n] += v * g


def peak(x: Sequence[float]) -> float:
    """Largest absolute sample value."""
    return max((abs(v) for v in x), default=0.0)


def rms(x: Sequence[float]) -> float:
    """Root-mean-square level, the best simple measure of how loud a bed of sound feels."""
    return math.sqrt(sum(v * v for v in x) / len(x)) if x else 0.0


def normalise_rms(x: Sequence[float], target: float = 1.0) -> Signal:
    """Scale to a given RMS, so layers can be mixed by ear in decibels relative to each other."""
    level = rms(x)
    return scale(x, target / level) if level > 0 else list(x)


def normalise(x: Sequence[float], peak_db: float) -> Signal:
    """Scale so the loudest sample sits at peak_db dBFS."""
    level = peak(x)
    return scale(x, db_to_gain(peak_db) / level) if level > 0 else list(x)


def soft_limit(x: Sequence[float], ceiling: float, knee_db: float = 3.0) -> Signal:
    """Round off the rare loud peaks above a soft knee so they approach but never pass ceiling.

    Below the knee the signal is untouched; above it a tanh curve bends it over smoothly,
    which on noise is inaudible and lets a bed sit louder without spiky peaks.
    """
    knee = ceiling * db_to_gain(-knee_db)
    room = ceiling - knee
    out = list(x)
    for i, v in enumerate(out):
        if v > knee:
            out[i] = knee + room * math.tanh((v - knee) / room)
        elif v < -knee:
            out[i] = -knee - room * math.tanh((-v - knee) / room)
    return out


def master(
    x: Sequence[float], rms_db: float, ceiling_db: float, max_limit_db: float = 3.0
) -> Signal:
    """Set a bed's loudness by RMS while keeping its peaks under the ceiling.

    Peaks that would overshoot are soft-limited, but by no more than max_limit_db, so a bed
    with big natural swells (the sea) ends up a little quieter rather than squashed.
    """
    out = list(x)
    target, ceiling = db_to_gain(rms_db), db_to_gain(ceiling_db)
    for _ in range(3):  # Limiting lowers the RMS slightly, so settle in a few passes.
        level, top = rms(out), peak(out)
        if level == 0:
            break
        gain = min(target / level, ceiling / top * db_to_gain(max_limit_db))
        out = soft_limit(scale(out, gain), ceiling)
    return out


def fade_edges(x: Signal, fade_in: float = 0.002, fade_out: float = 0.005) -> Signal:
    """Force a one-shot to start and end at silence so it can never click."""
    n = len(x)
    a, r = min(samples(fade_in), n // 2), min(samples(fade_out), n // 2)
    for i in range(a):
        x[i] *= i / a
    for i in range(r):
        x[n - 1 - i] *= i / r
    return x


def make_loop(x: Sequence[float], n_loop: int) -> Signal:
    """Turn a slightly-too-long render into a seamless loop of n_loop samples.

    The samples past n_loop are crossfaded (equal power, which suits uncorrelated noise) into
    the head, so the last sample of the loop flows straight on into the first.
    """
    n_fade = len(x) - n_loop
    if n_fade <= 0:
        raise ValueError("render must be longer than the loop to crossfade its tail")
    out = list(x[:n_loop])
    for i in range(n_fade):
        t = (i + 0.5) / n_fade
        out[i] = x[i] * math.sin(0.5 * math.pi * t) + x[n_loop + i] * math.cos(0.5 * math.pi * t)
    return out


def noise_bed(n_loop: int, make: Callable[[int], Signal], fade: float = 2.0) -> Signal:
    """Render a stationary noise layer long, then loop it, restoring unit RMS afterwards."""
    return normalise_rms(make_loop(make(n_loop + samples(fade)), n_loop))


def write_wav(path: Path, x: Sequence[float]) -> None:
    """Write 16-bit mono PCM, clamping rather than wrapping if anything ever overshoots."""
    pcm = array("h", (max(-32767, min(32767, round(v * 32767))) for v in x))
    if sys.byteorder == "big":
        pcm.byteswap()  # WAV data is little-endian.
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SR)
        w.writeframes(pcm.tobytes())


# ---------------------------------------------------------------------------------------------
# Small reusable voices
# ---------------------------------------------------------------------------------------------


def tone(
    freq: float | Callable[[float], float],
    seconds: float,
    attack: float,
    release: float,
    shape: str = "sine",
    hold: float = 0.0,
    curve: float = 3.0,
) -> Signal:
    """One enveloped note: the basic unit of every interface sound."""
    n = samples(seconds)
    return multiply(oscillator(freq, n, shape), envelope(n, attack, release, hold, curve))


def warm_note(
    freq: float, seconds: float, attack: float, release: float, hold: float = 0.0
) -> Signal:
    """A sine with a trace of filtered triangle for body: round, like a soft felt mallet."""
    body = tone(freq, seconds, attack, release, "sine", hold)
    edge = tone(freq, seconds, attack * 0.5, release * 0.5, "triangle", hold * 0.5)
    return mix(len(body), (body, 0.0), (lowpass(edge, 2500.0), -14.0))


def swell_events(n: int, starts: Sequence[float], rise: float, fall: float) -> Signal:
    """A loop-length envelope of slow swells (sum of wrapped rise/fall bumps)."""
    env = silence(n)
    bump = envelope(samples(rise + fall), rise, fall, curve=2.0)
    for s in starts:
        add_at(env, bump, samples(s))
    return env


# ---------------------------------------------------------------------------------------------
# Ambient loops
# ---------------------------------------------------------------------------------------------

AMBIENT_RMS_DB = -30.0
AMBIENT_CEILING_DB = -17.0


def ambient_evening() -> Signal:
    """A flat in the evening: room tone, a fridge hum, traffic swelling past far below,
    and now and then a muffled sound from somewhere else in the building.
    """
    rng = random.Random(1101)
    n = samples(16.0)

    room = noise_bed(n, lambda m: lowpass(pink_noise(m, rng), 500.0))
    rumble = noise_bed(n, lambda m: brown_noise(m, rng, 40.0))

    # Fridge: a mains hum with a few harmonics, slowly breathing in level.
    hum = mix(
        n,
        (oscillator(loop_freq(50.0, n), n), -6.0),
        (oscillator(loop_freq(100.0, n), n), 0.0),
        (oscillator(loop_freq(150.0, n), n), -8.0),
        (oscillator(loop_freq(200.0, n), n), -16.0),
    )
    hum = multiply(hum, smooth_random_loop(n, 4, rng, 0.8, 1.0))

    # Traffic: a band of brown noise that swells as cars pass somewhere outside.
    traffic = noise_bed(n, lambda m: bandpass(brown_noise(m, rng, 250.0), 60.0, 600.0))
    passes = swell_events(n, [0.8, 6.9, 11.7], rise=2.6, fall=3.4)
    traffic = multiply(traffic, [0.15 + 0.85 * e for e in passes])

    bed = mix(n, (room, -6.0), (rumble, -10.0), (hum, -17.0), (traffic, -4.0))

    # A neighbour's door, muffled by a wall: a low thump and a little lowpassed noise.
    n_door = samples(0.5)
    thump = tone(lambda t: 70.0 - 20.0 * t, 0.5, 0.004, 0.45)
    knock = multiply(lowpass(white_noise(n_door, rng), 300.0), envelope(n_door, 0.003, 0.2))
    door = mix(n_door, (thump, 0.0), (knock, -2.0))
    add_at(bed, lowpass(door, 400.0), samples(5.2), -6.0)

    # A far-off clink, a cup set down in another flat.
    clink = mix(
        samples(0.6),
        (tone(1870.0, 0.6, 0.002, 0.55, curve=6.0), 0.0),
        (tone(2730.0, 0.6, 0.002, 0.3, curve=6.0), -6.0),
    )
    add_at(bed, lowpass(clink, 1800.0), samples(12.9), -16.0)

    return master(bed, AMBIENT_RMS_DB, AMBIENT_CEILING_DB)


def ambient_night() -> Signal:
    """A small flat at night: the low hush of a city and soft rain on the window."""
    rng = random.Random(2202)
    n = samples(15.0)

    hush = noise_bed(n, lambda m: lowpass(brown_noise(m, rng, 120.0), 220.0))
    hush = multiply(hush, smooth_random_loop(n, 3, rng, 0.75, 1.0))

    # Rain: a soft band of noise whose density drifts a little.
    rain = noise_bed(n, lambda m: bandpass(pink_noise(m, rng), 700.0, 3500.0))
    rain = multiply(rain, smooth_random_loop(n, 5, rng, 0.8, 1.0))

    bed = mix(n, (hush, -4.0), (rain, -9.0))

    # Drops on the glass: tiny, soft, randomly pitched ticks, spread evenly so none clump.
    drops = silence(n)
    t = 0.0
    while t < n / SR:
        freq = rng.uniform(1800.0, 3800.0)
        drop = tone(freq, 0.03, 0.0015, 0.028, curve=5.0)
        add_at(drops, drop, samples(t), rng.uniform(-12.0, 0.0))
        t += rng.expovariate(9.0)
    # A few heavier drops running off the frame.
    for _ in range(5):
        f0 = rng.uniform(900.0, 1300.0)
        drop = tone(lambda s, f0=f0: f0 * (1.0 + 2.0 * s), 0.07, 0.002, 0.065)
        add_at(drops, drop, rng.randrange(n), rng.uniform(-6.0, 0.0))
    bed = mix(n, (bed, 0.0), (lowpass(drops, 3000.0), -19.0))

    return master(bed, AMBIENT_RMS_DB, AMBIENT_CEILING_DB)


def cricket_chirp(rng: random.Random) -> Signal:
    """One cricket chirp: three fast pulses of a high tone, which the ear reads as a trill."""
    freq = rng.uniform(4200.0, 4500.0)
    pulse = tone(freq, 0.018, 0.004, 0.014, curve=2.0)
    out = silence(samples(0.09))
    for k in range(3):
        add_at(out, pulse, samples(0.026 * k))
    return out


def bird_call(rng: random.Random) -> Signal:
    """A short two- or three-note bird call: rising sine glides with soft edges."""
    out = silence(samples(0.9))
    start = 0.0
    base = rng.uniform(2600.0, 3200.0)
    for _ in range(rng.choice((2, 3))):
        dur = rng.uniform(0.09, 0.16)
        lo, hi = base * rng.uniform(0.9, 1.0), base * rng.uniform(1.15, 1.3)

        def glide(t: float, lo: float = lo, hi: float = hi, dur: float = dur) -> float:
            return lo + (hi - lo) * min(1.0, t / dur)

        add_at(out, tone(glide, dur, 0.02, dur - 0.02, curve=2.0), samples(start))
        start += dur + rng.uniform(0.06, 0.12)
    return out


def ambient_country() -> Signal:
    """A country garden at dusk: wind moving through leaves, crickets, a bird settling down."""
    rng = random.Random(3303)
    n = samples(16.0)

    # Wind: a band of noise, its level wandering slowly with gusts and its leaves fluttering.
    wind = noise_bed(n, lambda m: bandpass(pink_noise(m, rng), 250.0, 2200.0))
    gusts = smooth_random_loop(n, 5, rng, 0.35, 1.0)
    flutter = smooth_random_loop(n, 64, rng, 0.7, 1.0)
    wind = multiply(wind, multiply(gusts, flutter))
    air = noise_bed(n, lambda m: lowpass(brown_noise(m, rng, 80.0), 200.0))

    bed = mix(n, (wind, -3.0), (air, -10.0))

    # Crickets: a few trains of chirps at a steady, unhurried pace, not covering the loop.
    crickets = silence(n)
    for train_start, count in ((0.6, 9), (7.4, 7), (12.2, 6)):
        for k in range(count):
            edge_db = -6.0 * abs(k - count / 2) / count  # Softer as a train starts and stops.
            add_at(crickets, cricket_chirp(rng), samples(train_start + 0.42 * k), edge_db)
    bed = mix(n, (bed, 0.0), (crickets, -23.0))

    # Two distant birds, one each half of the loop.
    for start in (3.9, 10.3):
        add_at(bed, lowpass(bird_call(rng), 4500.0), samples(start), -23.0)

    return master(bed, AMBIENT_RMS_DB, AMBIENT_CEILING_DB)


def ambient_title() -> Signal:
    """The sea at low tide: slow waves drawing in and out over a deep brown-noise swell."""
    rng = random.Random(4404)
    n = samples(18.0)

    deep = noise_bed(n, lambda m: brown_noise(m, rng, 45.0))
    wash = noise_bed(n, lambda m: lowpass(pink_noise(m, rng), 900.0))
    foam = noise_bed(n, lambda m: bandpass(white_noise(m, rng), 1200.0, 5000.0))

    # Three unhurried waves per loop, slightly irregular so the rhythm is not mechanical.
    waves = silence(n)
    for start, size in ((0.0, 1.0), (6.4, 0.8), (11.9, 0.92)):
        bump = envelope(samples(6.4), 2.6, 3.8, curve=2.5)
        add_at(waves, scale(bump, size), samples(start))
    # The foam hisses just after each crest, as the water spreads and drains away.
    foam_env = silence(n)
    for start, size in ((2.3, 1.0), (8.5, 0.7), (14.2, 0.85)):
        add_at(foam_env, scale(envelope(samples(3.5), 0.5, 3.0), size), samples(start))

    swell = smooth_random_loop(n, 3, rng, 0.85, 1.0)
    bed = mix(
        n,
        (multiply(deep, [0.45 + 0.55 * w for w in waves]), -2.0),
        (multiply(wash, [w * w for w in waves]), -3.0),
        (multiply(foam, foam_env), -18.0),
    )
    bed = multiply(bed, swell)

    return master(bed, AMBIENT_RMS_DB, AMBIENT_CEILING_DB)


# ---------------------------------------------------------------------------------------------
# Interface sounds
# ---------------------------------------------------------------------------------------------

UI_PEAK_DB = -12.0


def finish_ui(x: Signal, peak_db: float = UI_PEAK_DB) -> Signal:
    """Round off the edges and set the level shared by every interface sound."""
    return normalise(fade_edges(x), peak_db)


def ui_move() -> Signal:
    """Focus moves: a tiny soft tap, the quietest sound, as it is heard the most often."""
    x = warm_note(660.0, 0.07, 0.004, 0.065)
    return finish_ui(lowpass(x, 3000.0), UI_PEAK_DB - 3.0)


def ui_select() -> Signal:
    """A choice is picked: two notes rising a fifth, settled rather than triumphant."""
    n = samples(0.26)
    x = silence(n)
    add_at(x, warm_note(440.0, 0.14, 0.005, 0.13), 0)
    add_at(x, warm_note(659.26, 0.2, 0.006, 0.19), samples(0.06))
    return finish_ui(lowpass(x, 3500.0))


def ui_back() -> Signal:
    """Cancel/back: the select figure turned downwards and a little softer."""
    n = samples(0.24)
    x = silence(n)
    add_at(x, warm_note(587.33, 0.12, 0.005, 0.11), 0)
    add_at(x, warm_note(440.0, 0.18, 0.006, 0.17), samples(0.06))
    return finish_ui(lowpass(x, 3000.0), UI_PEAK_DB - 1.5)


def ui_page() -> Signal:
    """Text advance: a soft paper brush with a faint low tap underneath it."""
    rng = random.Random(5505)
    n = samples(0.11)
    brush = multiply(bandpass(white_noise(n, rng), 350.0, 1600.0), envelope(n, 0.012, 0.09))
    tap = tone(330.0, 0.11, 0.003, 0.1, curve=5.0)
    x = mix(n, (normalise(brush, 0.0), -2.0), (tap, -6.0))
    return finish_ui(lowpass(x, 2500.0), UI_PEAK_DB - 3.0)


def ui_save() -> Signal:
    """A save landed: three notes of a major chord rising, overlapping like a small bell."""
    n = samples(0.42)
    x = silence(n)
    for k, freq in enumerate((523.25, 659.26, 783.99)):
        add_at(x, warm_note(freq, 0.42 - 0.07 * k, 0.006, 0.4 - 0.07 * k), samples(0.07 * k))
    return finish_ui(lowpass(x, 3500.0))


def ui_error() -> Signal:
    """Not possible: two low, soft notes sliding down slightly, a shake of the head not a buzz."""
    n = samples(0.3)
    x = silence(n)
    for k in range(2):

        def sag(t: float, k: int = k) -> float:
            return (196.0 - 8.0 * k) * (1.0 - 0.04 * t / 0.12)

        note = tone(sag, 0.13, 0.01, 0.12, "triangle", curve=3.5)
        add_at(x, note, samples(0.14 * k), -2.0 * k)
    return finish_ui(lowpass(x, 900.0))


def ending() -> Signal:
    """Reaching an ending: a slow, open major-seventh chord that swells and fades away."""
    rng = random.Random(6606)
    seconds = 2.8
    n = samples(seconds)
    chord = (146.83, 220.0, 277.18, 329.63, 369.99)  # D3 A3 C#4 E4 F#4
    x = silence(n)
    for k, freq in enumerate(chord):
        # Two slightly detuned sines per note give a slow, gentle shimmer.
        for detune in (-0.35, 0.35):
            partial = oscillator(freq + detune, n, phase=rng.uniform(0.0, TAU))
            add_at(x, partial, 0, -2.0 * k)
        add_at(x, lowpass(oscillator(freq, n, "triangle"), 1200.0), 0, -16.0 - 2.0 * k)
    breath = lowpass(pink_noise(n, rng), 1500.0)
    x = mix(n, (normalise(x, 0.0), 0.0), (normalise(breath, 0.0), -30.0))
    x = multiply(x, envelope(n, 0.9, 1.8, hold=0.1, curve=3.0))
    return finish_ui(x)


# ---------------------------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------------------------

SOUNDS: dict[str, Callable[[], Signal]] = {
    "ambient-evening": ambient_evening,
    "ambient-night": ambient_night,
    "ambient-country": ambient_country,
    "ambient-title": ambient_title,
    "ui-move": ui_move,
    "ui-select": ui_select,
    "ui-back": ui_back,
    "ui-page": ui_page,
    "ui-save": ui_save,
    "ui-error": ui_error,
    "ending": ending,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Render the requested sounds and print each one's length and level for a quick check."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "names", nargs="*", help=f"sounds to make (default: all): {', '.join(SOUNDS)}"
    )
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output directory")
    args = parser.parse_args(argv)

    unknown = [name for name in args.names if name not in SOUNDS]
    if unknown:
        parser.error(f"unknown sound(s): {', '.join(unknown)}")

    for name in args.names or SOUNDS:
        started = time.perf_counter()
        x = SOUNDS[name]()
        path = args.out / f"{name}.wav"
        write_wav(path, x)
        print(
            f"{path.name:22} {len(x) / SR:6.2f} s  peak {gain_to_db(peak(x)):6.1f} dBFS  "
            f"rms {gain_to_db(rms(x)):6.1f} dBFS  ({time.perf_counter() - started:.1f} s)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
