"""The model classes that write their own __init__ keep it in step with their fields."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from game.story import model

QUICK = [model.Where, model.Line, model.Paragraph, model.Choice, model.RouteEntry, model.Ending,
         model.Node]


@pytest.mark.parametrize("cls", QUICK, ids=lambda c: c.__name__)
def test_init_matches_the_fields(cls: type) -> None:
    fields = dataclasses.fields(cls)
    params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    assert [p.name for p in params] == [f.name for f in fields]
    for f, p in zip(fields, params):
        if f.default is not dataclasses.MISSING:
            assert p.default == f.default, f.name
        elif f.default_factory is dataclasses.MISSING:
            assert p.default is inspect.Parameter.empty, f.name
    # Every field is stored, by position and by keyword, and the instance stays frozen.
    values = {f.name: f"value-{i}" for i, f in enumerate(fields)}
    for made in (cls(*values.values()), cls(**values)):
        assert dataclasses.asdict(made) == values
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(made, fields[0].name, "changed")
    assert cls(*values.values()) == cls(**values)


def test_node_place_defaults_to_its_own_empty_dict() -> None:
    a, b = model.Node("a"), model.Node("b")
    assert a.place == {} and a.place is not b.place
    assert dataclasses.replace(a, id="c").id == "c"
