"""The three scenes as plans: walls and floors in ASCII, then furniture, spots and lights.

Legend: '#' wall top; wall faces C cream, S sage, P plum, K clay (outside), D den brick;
floors w wood, k kitchen tile, c carpet, o concrete, b boards, g grass, p path, '.' night.
"""

from __future__ import annotations

from .tmx import Light, MapPlan, Spot

WARM = "#b4ffbe78"
LAMP = "#c8ffdca0"
SOFT = "#78f0b070"
BULB = "#c8fff0c8"
MOON = "#5a8cb4d2"
PHONE = "#a0b4e6f0"
CITY = "#6478a0d2"


def apartment() -> MapPlan:
    """A cosy one-bedroom flat: hall, living room, bedroom, kitchen-diner, den and balcony."""
    rows = [
        "########################################",
        "#CCCCC#CCCCCCCCCCCCCCCCCCC#PPPPPPPPPPPP#",
        "#CCCCC#CCCCCCCCCCCCCCCCCCC#PPPPPPPPPPPP#",
        "#wwwww#wwwwwwwwwwwwwwwwwww#cccccccccccc#",
        "#wwwww#wwwwwwwwwwwwwwwwwww#cccccccccccc#",
        "#wwwww#wwwwwwwwwwwwwwwwwww#cccccccccccc#",
        "#wwwww#wwwwwwwwwwwwwwwwwww#cccccccccccc#",
        "#wwwww#wwwwwwwwwwwwwwwwwww#cccccccccccc#",
        "#wwwwwwwwwwwwwwwwwwwwwwwwwwcccccccccccc#",
        "#wwwwwwwwwwwwwwwwwwwwwwwwwwcccccccccccc#",
        "#wwwww#wwwwwwwwwwwwwwwwwww#cccccccccccc#",
        "#####################ww#################",
        "#DDDDDDDDD#SSSSSSSSSSwwSSSSSSS#KKKKKKKK.",
        "#DDDDDDDDD#SSSSSSSSSSwwSSSSSSS#KKKKKKKK.",
        "#ooooooooo#kkkkkkkkkkwwwwwwwww#bbbbbbbb.",
        "#ooooooooo#kkkkkkkkkkwwwwwwwww#bbbbbbbb.",
        "#ooooooooo#kkkkkkkkkkwwwwwwwww#bbbbbbbb.",
        "#ooooooooo#kkkkkkkkkkwwwwwwwwwbbbbbbbbb.",
        "#ooooooooo#kkkkkkkkkkwwwwwwwwwbbbbbbbbb.",
        "#ooooooooo#kkkkkkkkkkwwwwwwwww#bbbbbbbb.",
        "#ooooooooo#kkkkkkkkkkwwwwwwwww#bbbbbbbb.",
        "###############################.........",
    ]
    m = MapPlan("apartment", "cosy", rows)
    # hall
    m.put("door", 3, 1)
    m.put("picture", 5, 1)
    m.put("mat", 2, 3, "floor")
    m.put("coat-rack", 1, 3)
    m.put("boots", 5, 3)
    m.put("plant-small", 1, 10)
    # living room
    m.put("window", 12, 1)
    m.put("window", 16, 1)
    m.put("picture", 8, 1)
    m.put("floor-lamp", 9, 4)
    m.put("couch", 11, 4)
    m.put("side-lamp", 14, 5)
    m.put("rug", 10, 7, "floor")
    m.put("coffee-table", 11, 8)
    m.put("armchair", 16, 7)
    m.put("plant-small", 18, 3)
    m.put("bookshelf", 19, 2)
    m.put("plant-tall", 21, 2)
    m.put("tv-stand", 22, 3)
    m.put("plant-fern", 25, 3)
    m.put("plant-small", 7, 10)
    m.put("plant-tall", 25, 9)
    # bedroom
    m.put("window", 31, 1)
    m.put("bed", 28, 3)
    m.put("nightstand", 30, 3)
    m.put("nightstand", 27, 3)
    m.put("wardrobe", 36, 2)
    m.put("rug-plum", 29, 7, "floor")
    m.put("plant-fern", 38, 10)
    m.put("desk", 33, 3)
    m.put("desk-chair", 33, 5)
    m.put("plant-tall", 35, 2)
    # kitchen and dining
    m.put("fridge", 11, 13)
    for x, name in zip(range(12, 19), ("counter", "counter-sink", "counter-board",
                                        "counter-stove", "counter", "counter-kettle",
                                        "counter"), strict=True):
        m.put(name, x, 14)
    for x in (12, 13, 17, 18):
        m.put("wall-cabinet", x, 12)
    m.put("wall-shelf", 15, 12)
    m.put("plant-small", 20, 14)
    m.put("counter", 13, 18)
    m.put("counter-board", 14, 18)
    m.put("counter", 15, 18)
    m.put("tv-stand", 27, 14)
    m.put("picture", 26, 12)
    m.put("dining-table", 25, 16)
    m.put("chair-n", 25, 15)
    m.put("chair-n", 26, 15)
    m.put("chair-w", 24, 16)
    m.put("chair-e", 27, 16)
    m.put("chair-s", 25, 18)
    m.put("chair-s", 26, 18)
    m.put("plant-tall", 29, 13)
    # den
    m.put("door-den", 3, 12)
    m.put("pegboard", 6, 12)
    m.put("workbench", 5, 14)
    m.put("boxes-tall", 9, 14)
    m.put("boxes", 1, 14)
    m.put("old-armchair", 1, 17)
    m.put("boxes", 9, 20)
    m.put("bike", 6, 20)
    m.put("bulb", 5, 16, "above")
    # balcony
    for x in range(31, 39):
        m.put("railing", x, 20)
    for y in range(14, 20):
        m.put("railing-v", 38, y)
    m.put("plant-small", 31, 14)
    m.put("plant-fern", 32, 14)
    m.put("plant-cactus", 37, 14)
    m.put("plant-tall", 31, 18)
    m.put("bench", 34, 14)
    m.spots = [
        Spot("door", 3.5, 4.8),
        Spot("hall", 3.5, 8.6, "right"),
        Spot("couch", 12.5, 5.7),
        Spot("armchair", 17.0, 9.4, "left"),
        Spot("window", 16.5, 4.4),
        Spot("kitchen", 16.5, 16.4),
        Spot("table", 23.4, 18.2, "right"),
        Spot("balcony", 35.0, 17.6, "down"),
        Spot("den", 3.6, 18.6, "right"),
        Spot("bedroom", 32.5, 8.4, "left"),
    ]
    m.lights = [
        Light(9.5, 4.6, 170, LAMP),
        Light(14.5, 5.3, 110, WARM),
        Light(33.8, 3.6, 100, WARM),
        Light(12.5, 2.6, 90, MOON),
        Light(16.5, 2.6, 90, MOON),
        Light(31.5, 2.6, 90, MOON),
        Light(30.5, 3.5, 120, WARM),
        Light(16.0, 15.0, 150, SOFT),
        Light(26.0, 16.6, 150, WARM),
        Light(5.5, 16.7, 180, BULB),
        Light(3.5, 3.0, 80, SOFT),
        Light(35.0, 17.0, 200, MOON),
    ]
    return m


def night_flat() -> MapPlan:
    """The player's small flat at night: one room, a kitchenette, a desk lamp and a phone."""
    rows = [
        "........................................",
        "........................................",
        "........................................",
        ".......##########################.......",
        ".......#CCCCCCCCCCCCCCCCC#SSSSSS#.......",
        ".......#CCCCCCCCCCCCCCCCC#SSSSSS#.......",
        ".......#wwwwwwwwwwwwwwwww#kkkkkk#.......",
        ".......#wwwwwwwwwwwwwwwww#kkkkkk#.......",
        ".......#wwwwwwwwwwwwwwwww#kkkkkk#.......",
        ".......#wwwwwwwwwwwwwwwww#kkkkkk#.......",
        ".......#wwwwwwwwwwwwwwwwwwkkkkkk#.......",
        ".......#wwwwwwwwwwwwwwwwwwkkkkkk#.......",
        ".......#wwwwwwwwwwwwwwwwwwkkkkkk#.......",
        ".......#wwwwwwwwwwwwwwwww#kkkkkk#.......",
        ".......#wwwwwwwwwwwwwwwww#kkkkkk#.......",
        ".......#wwwwwwwwwwwwwwwww#kkkkkk#.......",
        ".......#wwwwwwwwwwwwwwwww#kkkkkk#.......",
        ".......##########################.......",
        "........................................",
        "........................................",
        "........................................",
        "........................................",
    ]
    m = MapPlan("night-flat", "alone", rows)
    m.put("window-city", 14, 4)
    m.put("window-city", 16, 4)
    m.put("picture", 10, 4)
    m.put("bed-phone", 9, 6)
    m.put("nightstand", 11, 6)
    m.put("nightstand", 8, 6)
    m.put("desk", 19, 6)
    m.put("desk-chair", 19, 8)
    m.put("plant-cactus", 21, 6)
    m.put("bookshelf", 23, 5)
    m.put("rug-plum", 12, 12, "floor")
    m.put("loveseat", 13, 10)
    m.put("coffee-table", 12, 12)
    m.put("plant-fern", 20, 16)
    m.put("floor-lamp", 11, 10)
    m.put("plant-tall", 8, 15)
    m.put("boxes", 23, 15)
    m.put("boxes-tall", 24, 15)
    m.put("boxes", 22, 16)
    m.put("tv-stand", 17, 15)
    m.put("fridge", 26, 5)
    m.put("counter-sink", 27, 6)
    m.put("counter-kettle", 28, 6)
    m.put("counter-stove", 29, 6)
    m.put("wall-cabinet", 27, 4)
    m.put("wall-cabinet", 28, 4)
    m.put("wall-shelf", 29, 4)
    m.put("door", 31, 4)
    m.put("mat", 30, 6, "floor")
    m.put("dining-table", 27, 11)
    m.put("chair-n", 27, 10)
    m.put("chair-e", 29, 11)
    m.put("coat-rack", 31, 13)
    m.put("boots", 30, 16)
    m.put("plant-small", 26, 16)
    m.spots = [
        Spot("bed", 11.6, 9.2, "left"),
        Spot("desk", 21.6, 8.8, "left"),
        Spot("window", 16.0, 7.6),
        Spot("kitchen", 28.5, 8.8),
        Spot("door", 31.0, 8.0, "left"),
        Spot("couch", 14.0, 11.7),
    ]
    m.lights = [
        Light(20.6, 6.5, 170, LAMP),
        Light(10.2, 7.8, 70, PHONE),
        Light(16.0, 5.4, 160, CITY),
        Light(11.5, 10.4, 120, SOFT),
        Light(28.5, 6.5, 90, SOFT),
    ]
    return m


def family_house() -> MapPlan:
    """The partner's parents' house in the country: rooms above, porch and garden below."""
    rows = [
        "########################################",
        "#CCCCCC#SSSSSSSSSSSS#CCCCCCCCC#PPPPPPPP#",
        "#CCCCCC#SSSSSSSSSSSS#CCCCCCCCC#PPPPPPPP#",
        "#wwwwww#kkkkkkkkkkkk#wwwwwwwww#cccccccc#",
        "#wwwwww#kkkkkkkkkkkkwwwwwwwwww#cccccccc#",
        "#wwwwwwwkkkkkkkkkkkkwwwwwwwwww#cccccccc#",
        "#wwwwwwwkkkkkkkkkkkkwwwwwwwwwwwcccccccc#",
        "#wwwwww#kkkkkkkkkkkkwwwwwwwwwwwcccccccc#",
        "#wwwwww#kkkkkkkkkkkk#wwwwwwwww#cccccccc#",
        "########################################",
        "#KKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKK#",
        "#KKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKK#",
        "bbbbbbbbbbbbbbbbgggggggggggggggggggggggg",
        "bbbbbbbbbbbbbbbbgggggggggggggggggggggggg",
        "gggggppggggggggggggggggggggggggggggggggg",
        "gggggppppppppppppppppppppppppppppppggggg",
        "gggggggggggggggggggggggggggggggpgggggggg",
        "gggggggggggggggggggggggggggggggpgggggggg",
        "gggggggggggggggggggggggggggggggpgggggggg",
        "gggggggggggggggggggggggggggggggggggggggg",
        "gggggggggggggggggggggggggggggggggggggggg",
        "gggggggggggggggggggggggggggggggggggggggg",
    ]
    m = MapPlan("family-house", "awkward", rows)
    # hall
    m.put("door", 3, 1)
    m.put("coat-rack", 1, 3)
    m.put("boots", 5, 3)
    m.put("mat", 2, 3, "floor")
    m.put("plant-tall", 6, 7)
    # kitchen
    m.put("fridge", 8, 2)
    for x, name in zip(range(9, 19), ("counter", "counter-sink", "counter", "counter-board",
                                       "counter-stove", "counter-stove", "counter",
                                       "counter-kettle", "counter", "counter"), strict=True):
        m.put(name, x, 3)
    for x in (9, 10, 15, 16):
        m.put("wall-cabinet", x, 1)
    m.put("window", 12, 1)
    m.put("wall-shelf", 17, 1)
    m.put("dining-table", 12, 6)
    m.put("chair-w", 11, 6)
    m.put("chair-e", 14, 6)
    m.put("plant-small", 19, 8)
    # dining room
    m.put("window", 23, 1)
    m.put("window", 27, 1)
    m.put("picture", 25, 1)
    m.put("table-long", 24, 5)
    for x in (24, 25, 26):
        m.put("chair-n", x, 4)
        m.put("chair-s", x, 7)
    m.put("chair-w", 23, 5)
    m.put("chair-e", 27, 5)
    m.put("tv-stand", 21, 3)
    m.put("plant-fern", 29, 3)
    # guest room
    m.put("window", 34, 1)
    m.put("bed-guest", 32, 3)
    m.put("nightstand", 33, 3)
    m.put("wardrobe", 36, 2)
    m.put("plant-cactus", 38, 8)
    # back of the house and porch
    m.put("door", 4, 10)
    m.put("window", 10, 10)
    m.put("window", 14, 10)
    m.put("window", 24, 10)
    m.put("window", 27, 10)
    m.put("window", 34, 10)
    m.put("porch-post", 0, 12)
    m.put("porch-post", 15, 12)
    m.put("bench", 9, 12)
    m.put("boots", 2, 12)
    m.put("plant-small", 7, 12)
    m.put("plant-fern", 13, 12)
    # garden
    m.put("flowers", 17, 12)
    m.put("flowers", 18, 12)
    m.put("bush", 21, 12)
    m.put("flowers", 30, 12)
    m.put("bush", 38, 12)
    m.put("tree", 21, 15, "split")
    m.put("bench", 24, 18)
    m.put("shed", 33, 15, "split")
    m.put("boxes", 37, 18)
    m.put("bush", 1, 17)
    m.put("bush", 15, 19)
    m.put("flowers", 9, 17)
    m.put("flowers", 10, 17)
    m.put("flowers", 11, 17)
    for x in range(0, 40):
        m.put("fence", x, 21)
    for y in range(14, 21):
        m.put("fence-v", 0, y)
        m.put("fence-v", 39, y)
    m.spots = [
        Spot("porch", 5.5, 13.6),
        Spot("kitchen", 10.5, 5.6, "right"),
        Spot("dining", 28.5, 8.6, "left"),
        Spot("garden", 14.0, 17.6),
        Spot("shed", 34.0, 20.4, "right"),
        Spot("guest-room", 35.0, 7.6, "left"),
        Spot("hall", 3.5, 6.6, "right"),
        Spot("bench", 25.0, 19.0),
    ]
    m.lights = [
        Light(3.5, 5.0, 120, SOFT),
        Light(13.5, 5.5, 190, LAMP),
        Light(25.5, 5.5, 180, WARM),
        Light(33.6, 4.0, 100, WARM),
        Light(0.7, 12.6, 110, LAMP),
        Light(15.7, 12.6, 110, LAMP),
        Light(35.0, 18.4, 140, LAMP),
        Light(21.0, 17.0, 300, MOON),
    ]
    return m


PLANS = {"apartment": apartment, "night-flat": night_flat, "family-house": family_house}
