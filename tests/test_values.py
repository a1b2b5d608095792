import pytest

from nlp.structure.values import parse_value


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("444", (444, None, True)),
        ("759.90万元", (759.9, "万元", True)),
        ("251000元", (251000, "元", True)),
        ("+4", (4, None, True)),
        ("-3", (-3, None, True)),
        ("1,234", (1234, None, True)),
        ("１２", (12, None, True)),
        ("", (None, None, True)),
        ("—", (None, None, True)),
        ("-", (None, None, True)),
        ("无", (0, None, True)),
        ("规章", (None, None, False)),
        ("数据1", (None, None, False)),
    ],
)
def test_parse_value(raw, expected):
    assert parse_value(raw) == expected


def test_blank_is_not_zero():
    assert parse_value("")[0] is None
    assert parse_value("0")[0] == 0
