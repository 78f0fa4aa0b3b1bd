"""parse_archival_date: the forms archivists write, and the ones it must refuse."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trienlam.lib.dates import APPROX_YEARS, MIN_YEAR, ArchivalDate, DateError, parse_archival_date

TODAY = date(2026, 11, 26)
MAX_YEAR = TODAY.year + 1


def parse(text: str) -> ArchivalDate:
    return parse_archival_date(text, today=TODAY)


def d(text: str) -> date:
    day, month, year = (int(p) for p in text.split("/"))
    return date(year, month, day)


VALID = [
    # single days, day/month/year, any separator
    ("12/6/1948", "12/6/1948", "12/6/1948"),
    ("12-6-1948", "12/6/1948", "12/6/1948"),
    ("12.6.1948", "12/6/1948", "12/6/1948"),
    ("12/06/1948", "12/6/1948", "12/6/1948"),
    ("02/09/1945", "2/9/1945", "2/9/1945"),
    ("  12 / 6 / 1948 ", "12/6/1948", "12/6/1948"),
    ("1/12/1946", "1/12/1946", "1/12/1946"),  # 1 December, never 12 January
    ("29/2/2000", "29/2/2000", "29/2/2000"),
    ("29/2/1948", "29/2/1948", "29/2/1948"),
    ("31/12/1999", "31/12/1999", "31/12/1999"),
    ("ngày 12 tháng 6 năm 1948", "12/6/1948", "12/6/1948"),
    ("Ngày 19 tháng 12 năm 1946", "19/12/1946", "19/12/1946"),
    ("ngày 02 tháng 09 năm 1945", "2/9/1945", "2/9/1945"),
    ("NGÀY 7 THÁNG 5 NĂM 1954", "7/5/1954", "7/5/1954"),
    ("ngày 12 tháng 6/1948", "12/6/1948", "12/6/1948"),
    ("12 tháng 6 năm 1948", "12/6/1948", "12/6/1948"),
    ("ngay 12 thang 6 nam 1948", "12/6/1948", "12/6/1948"),
    ("ngày 12/6/1948", "12/6/1948", "12/6/1948"),
    ("Hà Nội, ngày 12 tháng 6 năm 1948", "12/6/1948", "12/6/1948"),
    ("Lạng Sơn, ngày 05 tháng 3 năm 2007", "5/3/2007", "5/3/2007"),
    ("1948-06-12", "12/6/1948", "12/6/1948"),
    # whole months
    ("6/1948", "1/6/1948", "30/6/1948"),
    ("06/1948", "1/6/1948", "30/6/1948"),
    ("6-1948", "1/6/1948", "30/6/1948"),
    ("2/1948", "1/2/1948", "29/2/1948"),
    ("2/1950", "1/2/1950", "28/2/1950"),
    ("tháng 6 năm 1948", "1/6/1948", "30/6/1948"),
    ("Tháng 12 năm 1946", "1/12/1946", "31/12/1946"),
    ("tháng 6/1948", "1/6/1948", "30/6/1948"),
    ("thang 6 nam 1948", "1/6/1948", "30/6/1948"),
    ("1948-06", "1/6/1948", "30/6/1948"),
    # years
    ("1948", "1/1/1948", "31/12/1948"),
    ("năm 1948", "1/1/1948", "31/12/1948"),
    ("Năm 2007", "1/1/2007", "31/12/2007"),
    ("nam 1975", "1/1/1975", "31/12/1975"),
    (str(MAX_YEAR), f"1/1/{MAX_YEAR}", f"31/12/{MAX_YEAR}"),
    ("1000", "1/1/1000", "31/12/1000"),
    # quarters and halves
    ("quý I năm 1960", "1/1/1960", "31/3/1960"),
    ("quý II/1948", "1/4/1948", "30/6/1948"),
    ("quý 4 năm 1975", "1/10/1975", "31/12/1975"),
    ("6 tháng đầu năm 1960", "1/1/1960", "30/6/1960"),
    ("6 tháng cuối năm 1960", "1/7/1960", "31/12/1960"),
    # parts of a month, year, decade, century
    ("đầu năm 1960", "1/1/1960", "30/6/1960"),
    ("giữa năm 1960", "1/4/1960", "30/9/1960"),
    ("cuối năm 1960", "1/7/1960", "31/12/1960"),
    ("cuoi nam 1960", "1/7/1960", "31/12/1960"),
    ("đầu tháng 6/1948", "1/6/1948", "15/6/1948"),
    ("cuối tháng 6 năm 1948", "16/6/1948", "30/6/1948"),
    ("cuối tháng 2/1950", "15/2/1950", "28/2/1950"),
    ("đầu thập niên 1960", "1/1/1960", "31/12/1964"),
    ("cuối thập niên 1950", "1/1/1955", "31/12/1959"),
    ("giữa thập niên 1960", "1/1/1962", "31/12/1967"),
    ("cuối thế kỷ XIX", "1/1/1850", "31/12/1899"),
    ("đầu thế kỷ XX", "1/1/1900", "31/12/1949"),
    # decades and centuries
    ("thập niên 1950", "1/1/1950", "31/12/1959"),
    ("thập kỷ 1980", "1/1/1980", "31/12/1989"),
    ("thập kỉ 1980", "1/1/1980", "31/12/1989"),
    ("những năm 1950", "1/1/1950", "31/12/1959"),
    ("những năm 50 của thế kỷ XX", "1/1/1950", "31/12/1959"),
    ("thập niên 60 thế kỷ 20", "1/1/1960", "31/12/1969"),
    ("thế kỷ XIX", "1/1/1800", "31/12/1899"),
    ("thế kỷ 19", "1/1/1800", "31/12/1899"),
    ("thế kỷ XXI", "1/1/2000", f"31/12/{MAX_YEAR}"),  # clipped at next year
    ("thập niên 2020", "1/1/2020", f"31/12/{MAX_YEAR}"),
    # ranges
    ("1945-1954", "1/1/1945", "31/12/1954"),
    ("1945 - 1954", "1/1/1945", "31/12/1954"),
    ("1945 – 1954", "1/1/1945", "31/12/1954"),
    ("1945–1954", "1/1/1945", "31/12/1954"),
    ("1945—1954", "1/1/1945", "31/12/1954"),
    ("1945 − 1954", "1/1/1945", "31/12/1954"),
    ("1954-1954", "1/1/1954", "31/12/1954"),
    ("từ năm 1945 đến năm 1954", "1/1/1945", "31/12/1954"),
    ("từ 1945 đến 1954", "1/1/1945", "31/12/1954"),
    ("1945 tới 1954", "1/1/1945", "31/12/1954"),
    ("giai đoạn 1945-1954", "1/1/1945", "31/12/1954"),
    ("thời kỳ 1954 – 1975", "1/1/1954", "31/12/1975"),
    ("những năm 1945-1954", "1/1/1945", "31/12/1954"),
    ("6/1945 – 8/1954", "1/6/1945", "31/8/1954"),
    ("12/6/1948 - 15/8/1948", "12/6/1948", "15/8/1948"),
    ("12-6-1948 - 15-8-1948", "12/6/1948", "15/8/1948"),
    ("12.6.1948–15.8.1948", "12/6/1948", "15/8/1948"),
    ("ngày 19/12/1946 đến ngày 7/5/1954", "19/12/1946", "7/5/1954"),
    ("tháng 6/1948 đến tháng 8/1948", "1/6/1948", "31/8/1948"),
]

APPROXIMATE = [
    ("khoảng 1950", f"1/1/{1950 - APPROX_YEARS}", f"31/12/{1950 + APPROX_YEARS}"),
    ("khoảng năm 1950", "1/1/1945", "31/12/1955"),
    ("Khoảng năm 1950", "1/1/1945", "31/12/1955"),
    ("khoang nam 1950", "1/1/1945", "31/12/1955"),
    ("ca. 1950", "1/1/1945", "31/12/1955"),
    ("khoảng thập niên 1950", "1/1/1950", "31/12/1959"),
    ("khoảng những năm 1950", "1/1/1950", "31/12/1959"),
    ("khoảng thế kỷ XIX", "1/1/1800", "31/12/1899"),
    ("khoảng tháng 6/1948", "1/1/1948", "31/12/1948"),
    ("khoảng ngày 12/6/1948", "1/1/1948", "31/12/1948"),
    ("khoảng cuối năm 1960", "1/1/1960", "31/12/1960"),
    ("khoảng 1945-1954", "1/1/1945", "31/12/1954"),
    ("1945 - khoảng 1960", "1/1/1945", "31/12/1965"),  # each side of a range on its own
    ("khoảng 2025", "1/1/2020", f"31/12/{MAX_YEAR}"),  # clipped at next year
    ("khoảng 1002", "1/1/1000", "31/12/1007"),  # clipped at MIN_YEAR
    ("1948?", "1/1/1948", "31/12/1948"),
    ("1948 (?)", "1/1/1948", "31/12/1948"),
    ("[1948]", "1/1/1948", "31/12/1948"),
    ("[6/1948]", "1/6/1948", "30/6/1948"),
]

EMPTY = [
    "",
    "   ",
    "không rõ",
    "Không rõ năm",
    "không rõ ngày tháng",
    "không rõ ngày tháng năm",
    "chưa rõ thời gian",
    "không ghi ngày tháng",
    "chưa xác định niên đại",
    "khong ro nam",
    "n.d.",
    "s.d.",
]

REFUSED = [
    ("31/2/1950", "invalid_day"),
    ("30/2/2000", "invalid_day"),
    ("29/2/1900", "invalid_day"),  # 1900 is not a leap year
    ("31/4/1975", "invalid_day"),
    ("0/5/1954", "invalid_day"),
    ("ngày 32 tháng 1 năm 1950", "invalid_day"),
    ("13/1950", "invalid_month"),
    ("0/1950", "invalid_month"),
    ("6/13/1948", "invalid_month"),  # month/day order is never accepted
    ("tháng 13 năm 1950", "invalid_month"),
    ("999", "year_out_of_range"),
    ("năm 0", "year_out_of_range"),
    (str(MAX_YEAR + 1), "year_out_of_range"),
    ("12/6/3000", "year_out_of_range"),
    ("thế kỷ X", "year_out_of_range"),
    ("thập niên 2090", "year_out_of_range"),
    ("12/6/48", "ambiguous_year"),
    ("6/48", "ambiguous_year"),
    ("48", "ambiguous_year"),
    ("1945-54", "ambiguous_year"),
    ("thập niên 50", "ambiguous_year"),
    ("1954-1945", "end_before_start"),
    ("1954 – 1945", "end_before_start"),
    ("15/8/1948 - 12/6/1948", "end_before_start"),
    ("thập niên 1955", "invalid_decade"),
    ("những năm 1954", "invalid_decade"),
    ("quý V năm 1960", "invalid_quarter"),
    ("trước 1954", "open_range"),
    ("trước năm 1954", "open_range"),
    ("sau 1975", "open_range"),
    ("từ 1945", "open_range"),
    ("từ năm 1945", "open_range"),
    ("đến 1954", "open_range"),
    ("1975 trở đi", "open_range"),
    ("1954 trở về trước", "open_range"),
    ("đầu ngày 12/6/1948", "unsupported_part"),
    ("đầu quý I năm 1960", "unsupported_part"),
    ("mùa xuân 1968", "unrecognised"),
    ("12/6", "unrecognised"),
    ("Tết Mậu Thân", "unrecognised"),
    ("khoảng", "unrecognised"),
    ("khoảng mùa thu", "unrecognised"),
    ("1948/06/12", "unrecognised"),
    ("-", "unrecognised"),
    ("x" * 101, "too_long"),
]


@pytest.mark.parametrize(("text", "start", "end"), VALID)
def test_valid_forms(text: str, start: str, end: str) -> None:
    result = parse(text)
    assert (result.start, result.end) == (d(start), d(end))
    assert not result.approximate
    assert result.text == " ".join(text.split())


@pytest.mark.parametrize(("text", "start", "end"), APPROXIMATE)
def test_approximate_forms(text: str, start: str, end: str) -> None:
    result = parse(text)
    assert (result.start, result.end) == (d(start), d(end))
    assert result.approximate


@pytest.mark.parametrize("text", EMPTY)
def test_unknown_dates_are_empty(text: str) -> None:
    result = parse(text)
    assert result.is_empty
    assert result.start is None and result.end is None
    assert result.text == text.strip()


@pytest.mark.parametrize(("text", "code"), REFUSED)
def test_refused_forms(text: str, code: str) -> None:
    with pytest.raises(DateError) as caught:
        parse(text)
    assert caught.value.code == code
    message = caught.value.message
    assert message == str(caught.value)
    assert (message[0].isupper() or message[0] == "“") and message.endswith(".")


def test_error_messages_name_the_problem() -> None:
    with pytest.raises(DateError) as caught:
        parse("31/2/1950")
    assert caught.value.params == {"day": 31, "month": 2, "year": 1950, "days_in_month": 28}
    assert "Day 31" in caught.value.message and "28 days" in caught.value.message
    with pytest.raises(DateError) as caught:
        parse("6/13/1948")
    assert "day/month/year" in caught.value.message
    with pytest.raises(DateError) as caught:
        parse("3000")
    assert caught.value.params["max_year"] == MAX_YEAR
    with pytest.raises(DateError) as caught:
        parse("trước 1954")
    assert "khoảng 1950" in caught.value.message
    with pytest.raises(DateError) as caught:
        parse("mùa xuân 1968")
    assert "12/6/1948" in caught.value.message  # shows examples of accepted forms


def test_text_is_kept_nfc_with_spaces_collapsed() -> None:
    decomposed = unicodedata.normalize("NFD", "ngày  12 tháng\u00a06 năm 1948 ")
    result = parse(decomposed)
    assert result.text == "ngày 12 tháng 6 năm 1948"
    assert unicodedata.is_normalized("NFC", result.text)


def test_default_today_accepts_this_year() -> None:
    this_year = date.today().year
    assert parse_archival_date(str(this_year)).end == date(this_year, 12, 31)
    with pytest.raises(DateError):
        parse_archival_date(str(this_year + 2))


def test_archival_date_invariants() -> None:
    with pytest.raises(ValueError):
        ArchivalDate("x", date(1948, 1, 1), None)
    with pytest.raises(ValueError):
        ArchivalDate("x", date(1948, 1, 2), date(1948, 1, 1))


# --- properties --------------------------------------------------------------------------------

valid_days = st.dates(min_value=date(MIN_YEAR, 1, 1), max_value=date(MAX_YEAR, 12, 31))
separators = st.sampled_from(["/", "-", ".", " / ", " - "])


@given(day=valid_days, sep=separators, pad=st.booleans())
def test_any_valid_day_round_trips(day: date, sep: str, pad: bool) -> None:
    fmt = "{:02d}" if pad else "{}"
    text = sep.join([fmt.format(day.day), fmt.format(day.month), str(day.year)])
    assert (parse(text).start, parse(text).end) == (day, day)
    words = f"ngày {day.day} tháng {day.month} năm {day.year}"
    assert parse(words).start == day == parse(words).end


@given(day=valid_days)
def test_any_valid_month_covers_the_whole_month(day: date) -> None:
    result = parse(f"{day.month}/{day.year}")
    assert result.start == day.replace(day=1)
    assert result.start <= day <= result.end
    assert result.end.month == day.month and (result.end.day + 1 > 28)


@given(year=st.integers(MIN_YEAR, MAX_YEAR))
def test_any_year_covers_the_whole_year(year: int) -> None:
    for text in (str(year), f"năm {year}", f"Năm {year}"):
        assert (parse(text).start, parse(text).end) == (date(year, 1, 1), date(year, 12, 31))


@given(
    first=st.integers(MIN_YEAR, MAX_YEAR),
    second=st.integers(MIN_YEAR, MAX_YEAR),
    dash=st.sampled_from(["-", " - ", "–", " – ", "—", " đến "]),
)
def test_year_ranges(first: int, second: int, dash: str) -> None:
    text = f"{first}{dash}{second}"
    if first <= second:
        result = parse(text)
        assert (result.start, result.end) == (date(first, 1, 1), date(second, 12, 31))
    else:
        with pytest.raises(DateError) as caught:
            parse(text)
        assert caught.value.code == "end_before_start"


@given(year=st.integers(1900, 2020), month=st.integers(1, 12), day=st.integers(29, 31))
def test_impossible_days_are_refused(year: int, month: int, day: int) -> None:
    try:
        expected = date(year, month, day)
    except ValueError:
        with pytest.raises(DateError) as caught:
            parse(f"{day}/{month}/{year}")
        assert caught.value.code == "invalid_day"
    else:
        assert parse(f"{day}/{month}/{year}").start == expected


@given(st.sampled_from([text for text, _, _ in VALID + APPROXIMATE]), st.data())
def test_nfd_case_and_spacing_do_not_matter(text: str, data: st.DataObject) -> None:
    expected = parse(text)
    variant = unicodedata.normalize("NFD", text)
    if data.draw(st.booleans()):
        variant = variant.upper()
    variant = data.draw(st.sampled_from(["", " ", "\t", "\u00a0"])) + variant + " "
    result = parse(variant)
    assert (result.start, result.end, result.approximate) == (
        expected.start,
        expected.end,
        expected.approximate,
    )


@given(
    st.text(
        alphabet=st.sampled_from(list("0123456789/-.–— ?[]()khoảngthápniênđầucuốinămquýIVXrõ")),
        max_size=40,
    )
)
def test_never_crashes_and_keeps_invariants(text: str) -> None:
    try:
        result = parse(text)
    except DateError as error:
        assert error.code and error.message
        return
    if result.start is not None and result.end is not None:
        assert date(MIN_YEAR, 1, 1) <= result.start <= result.end <= date(MAX_YEAR, 12, 31)


@given(st.text(max_size=120))
def test_arbitrary_text_never_crashes(text: str) -> None:
    try:
        parse(text)
    except DateError:
        pass
