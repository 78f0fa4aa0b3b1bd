"""The Jinja2 environment of the public templates (lib/jinja.py): Django's filters and escaping,
gettext in the active language, `{% shared_fragment %}` and the extraction for makemessages.

Everything renders for real: the project's Jinja2 engine, Django's own template language as
the reference, the project's compiled Vietnamese catalogue.
"""

from __future__ import annotations

import ast
import datetime
import re
from pathlib import Path

import polib
import pytest
from django.template import Context, Template, engines
from django.test import RequestFactory
from django.utils import translation
from django.utils.safestring import mark_safe
from jinja2 import Environment

from tests import builders as b
from trienlam.lib.jinja import messages_as_python
from trienlam.operations import memo, pagecache
from trienlam.operations.management.commands.makemessages import is_jinja_template

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "trienlam"


def env() -> Environment:
    return engines["jinja2"].env  # type: ignore[attr-defined, no-any-return]


def jinja(source: str, **context: object) -> str:
    return env().from_string(source).render(context)


def django(source: str, **context: object) -> str:
    return Template(source).render(Context(context))


VALUES: list[object] = [
    'Tom & Jerry\'s "<b>"',
    mark_safe("<em>đã an toàn</em> & co"),
    "Dòng một\nDòng hai\n\nĐoạn hai <i>x</i>",
    "một hai ba bốn năm sáu bảy tám chín mười",
    "",
    None,
    0,
    3,
    2.5,
    [],
    ["a<", "b&"],
    datetime.date(2025, 7, 1),
]

# The same expression in both languages: the filters the public templates use.
FILTERS = [
    ("{{ v }}", "{{ v }}"),
    ("{{ v|default:'không có' }}", "{{ v|default('không có') }}"),
    ("{{ v|linebreaks }}", "{{ v|linebreaks }}"),
    ("{{ v|linebreaksbr }}", "{{ v|linebreaksbr }}"),
    (
        "{{ v|linebreaks|striptags|truncatewords:3 }}",
        "{{ v|linebreaks|striptags|truncatewords(3) }}",
    ),
    ("{{ v|truncatewords:4 }}", "{{ v|truncatewords(4) }}"),
    ("{{ v|capfirst }}", "{{ v|capfirst }}"),
    ("{{ v|urlencode }}", "{{ v|urlencode }}"),
    ("{{ v|first|default:'vi' }}", "{{ v|first|default('vi') }}"),
    ("{{ v|join:', ' }}", "{{ v|join(', ') }}"),
]


@pytest.mark.parametrize(("dtl", "jinja_source"), FILTERS)
def test_filters_and_escaping_print_what_django_prints(dtl: str, jinja_source: str) -> None:
    for value in VALUES:
        if ("join" in dtl or "first" in dtl) and not isinstance(value, list | str):
            continue  # Django's own filters fail on these
        if "urlencode" in dtl and value is None:
            continue
        assert jinja(jinja_source, v=value) == django(dtl, v=value), (dtl, value)


def test_dates_and_decimals_print_localised_as_in_django() -> None:
    day = datetime.date(2025, 7, 1)
    with translation.override("vi"):
        assert jinja('{{ d|date("d/m/Y") }} {{ x }}', d=day, x=2.5) == "01/07/2025 2,5"
        assert jinja("{{ d }}", d=day) == django("{{ d }}", d=day)
        assert jinja('{{ d|date("j F Y") }}', d=day) == django('{{ d|date:"j F Y" }}', d=day)


def test_undefined_names_and_attributes_of_none_print_nothing() -> None:
    assert jinja("[{{ missing }}|{{ missing.deeper.still }}|{{ none.name }}]", none=None) == "[||]"
    assert jinja('{{ missing.name|default("Trienlam") }}') == "Trienlam"


def test_gettext_follows_the_active_language_of_each_render() -> None:
    template = env().from_string('<a title="{{ _("Skip to content") }}">{{ _("Preview") }}</a>')
    with translation.override("vi"):
        assert template.render() == '<a title="Bỏ qua, đến nội dung chính">Xem trước</a>'
    with translation.override("en"):
        assert template.render() == '<a title="Skip to content">Preview</a>'
    with translation.override("vi"):
        assert template.render() == '<a title="Bỏ qua, đến nội dung chính">Xem trước</a>'


def test_translations_with_values_escape_the_values_as_blocktranslate_does() -> None:
    values = {"url": "/don-vi/a/?x=1&y=2", "name": "Sở <Nội vụ> & 'x'", "n": 2}
    pairs = [
        (
            "{% blocktranslate with url=url name=name %}Its records are now kept by "
            '<a href="{{ url }}">{{ name }}</a>.{% endblocktranslate %}',
            "{{ _('Its records are now kept by <a href=\"%(url)s\">%(name)s</a>.', "
            "url=url, name=name) }}",
        ),
        (
            "{% blocktranslate count n=n %}{{ n }} item{% plural %}{{ n }} items"
            "{% endblocktranslate %}",
            "{{ ngettext('%(n)s item', '%(n)s items', n, n=n) }}",
        ),
    ]
    for language in ("vi", "en"):
        with translation.override(language):
            for dtl, jinja_source in pairs:
                expected = django("{% load i18n %}" + dtl, **values)
                assert jinja(jinja_source, **values) == expected
    with translation.override("vi"):
        out = jinja(pairs[0][1], **values)
    assert (
        "&lt;Nội vụ&gt; &amp; &#x27;x&#x27;</a>" in out
        and '<a href="/don-vi/a/?x=1&amp;y=2">' in out
    )
    assert "Its records" not in out  # translated


def test_a_plain_translation_is_escaped_like_translate() -> None:
    with translation.override("en"):
        html = jinja('<b data-x="{{ _("Put a banner") }}">{{ _("Tom & Jerry\'s") }}</b>')
    assert html == '<b data-x="Put a banner">Tom &amp; Jerry&#x27;s</b>'


def test_text_templates_are_not_escaped() -> None:
    with translation.override("en"):
        text = (
            env()
            .get_template("outreach/readme.txt")
            .render(
                {"exhibition": {"title": "A & B's"}, "link": "https://x.vn/?a=1&b=2", "banners": []}
            )
        )
    assert "Promotion kit: A & B's" in text
    assert "https://x.vn/?a=1&b=2" in text
    assert "your website's HTML" in text


@pytest.mark.django_db
def test_django_renders_the_public_templates_with_the_context_processors() -> None:
    b.site_profile()
    request = RequestFactory().get("/chinh-sach-bao-mat/")
    html = engines["jinja2"].get_template("exhibitions/privacy.html").render({}, request)
    assert '<html lang="vi">' in html
    assert "<h1>Chính sách bảo vệ dữ liệu cá nhân</h1>" in html
    assert "Lượt truy cập" in html  # the footer counter, on the live site


@pytest.mark.django_db(transaction=True)
def test_a_shared_fragment_is_kept_per_version_language_mode_and_profile() -> None:
    memo.clear()
    pagecache.bump()
    calls: list[str] = []
    template = env().from_string(
        '{% shared_fragment "t" %}{{ seen(static_export) }}{{ _("Preview") }}'
        "{% endshared_fragment %}|{{ page }}"
    )

    def render(**context: object) -> str:
        def seen(mode: object) -> str:
            calls.append(f"{translation.get_language()}:{mode}")
            return ""

        return template.render({"seen": seen, "page": 1, **context})

    with translation.override("vi"):
        assert render() == "Xem trước|1"
        assert render(page=2) == "Xem trước|2"  # what is outside is rendered every time
        assert render(static_export=True) == "Xem trước|1"
    with translation.override("en"):
        assert render() == "Preview|1"
    assert calls == ["vi:", "vi:True", "en:"]
    profile = b.site_profile()  # a save of public content: a new version
    with translation.override("vi"):
        render(site_profile=profile)
        render(site_profile=profile)
    assert calls[3:] == ["vi:"]
    pagecache.bump()
    with translation.override("vi"):
        render(site_profile=profile)
    assert calls[4:] == ["vi:"]


def test_a_shared_fragment_needs_one_quoted_name() -> None:
    from jinja2 import TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError, match="takes one quoted name"):
        env().from_string("{% shared_fragment name %}x{% endshared_fragment %}")


def test_the_gettext_calls_become_python_for_xgettext_on_their_lines() -> None:
    source = (
        '<p>{{ _("One") }}</p>\n'
        '{% if x %}{{ ngettext("%(n)s item", "%(n)s items", n, n=n) }}{% endif %}\n'
        '{% shared_fragment "f" %}{{ pgettext("month", "May") }}{% endshared_fragment %}'
        '{{ _(variable) }}{{ _("Two %(x)s", x=1) }}\n'
    )
    lines = messages_as_python(source).split("\n")
    assert lines[0].strip() == "gettext('One')"
    assert lines[1].strip() == "ngettext('%(n)s item', '%(n)s items', 0)"
    assert lines[2].split() == [
        "pgettext('month',",
        "'May')",
        "gettext()",
        "gettext('Two",
        "%(x)s')",
    ]
    assert is_jinja_template("./jinja2/base.html")
    assert is_jinja_template("./iiif/jinja2/iiif/item_badge.html")
    assert not is_jinja_template("./templates/admin/base_site.html")


def _jinja_templates() -> list[Path]:
    return sorted(p for p in PACKAGE.glob("**/jinja2/**/*") if p.is_file())


def test_every_message_of_the_public_templates_is_translated() -> None:
    """What makemessages finds in the Jinja2 templates is in the Vietnamese catalogue."""
    catalogue = polib.pofile(str(PACKAGE / "locale" / "vi" / "LC_MESSAGES" / "django.po"))
    translated = {(e.msgid, e.msgid_plural or None) for e in catalogue if e.translated()}
    call = re.compile(r"(n?gettext)\(((?:'(?:[^'\\]|\\.)*'(?:, )?)+)")
    found = 0
    for path in _jinja_templates():
        for match in call.finditer(messages_as_python(path.read_text(encoding="utf-8"))):
            strings = ast.literal_eval(f"[{match[2]}]")
            key = (strings[0], strings[1]) if match[1] == "ngettext" else (strings[0], None)
            assert key in translated, f"{path.name}: {key}"
            found += 1
    assert found > 150


def test_addresses_follow_the_script_prefix_and_the_settings() -> None:
    from django.test import override_settings
    from django.urls import get_script_prefix, set_script_prefix

    template = env().from_string(
        '{{ url("home") }} {{ url("item", "TL-1") }} {{ static("a.css") }}'
    )
    before = template.render()
    assert before.startswith("/ /tu-lieu/TL-1/ /static/")
    previous = get_script_prefix()
    set_script_prefix("/khac/")
    try:
        assert template.render().startswith("/khac/ /khac/tu-lieu/TL-1/ /static/")
    finally:
        set_script_prefix(previous)
    assert template.render() == before
    with override_settings(STATIC_URL="/tinh/", DEBUG=True):
        assert template.render().endswith(" /tinh/a.css")
    assert template.render() == before


def test_addresses_with_arguments_are_the_ones_django_reverses() -> None:
    from django.urls import NoReverseMatch, get_resolver, reverse

    names = sorted(
        name
        for name, possibilities in get_resolver().reverse_dict.lists()
        if isinstance(name, str) and any(params for p, *_ in possibilities for _r, params in p)
    )
    assert {"item", "exhibition_item", "part", "institution"} <= set(names)
    # Values Django must quote or refuse: accents, spaces, slashes, percent signs, a leading
    # slash (a scheme-relative address), an empty value.
    values = ["TL-0003", "thi-đua", "a b", "x/y", "100%", "/evil.example", "", 7]
    for name in names:
        params = max(
            (
                len(params)
                for p, *_ in get_resolver().reverse_dict.getlist(name)
                for _r, params in p
            ),
        )
        for value in values:
            args = tuple([value] * params)
            source = "{{ url(name, *args) }}"
            try:
                expected = reverse(name, args=args)
            except NoReverseMatch:
                with pytest.raises(NoReverseMatch):
                    env().from_string(source).render(name=name, args=args)
                continue
            # Unescaped: the address itself, not its HTML.
            assert env().from_string(source).render(name=name, args=args) == str(
                escape_html(expected)
            ), (name, args)


def escape_html(text: str) -> str:
    return django("{{ v }}", v=text)


def test_escaping_is_djangos_for_every_special_character() -> None:
    import html

    from trienlam.lib.jinja import _escape

    samples = ["", "plain", "'", '"', "&#39;", "&#34;", "&amp;", "<&>'\"", "Sở 'A' & \"B\" <c>"]
    for sample in samples:
        assert str(_escape(sample)) == html.escape(sample), sample
        assert jinja("{{ v }}", v=sample) == django("{{ v }}", v=sample), sample


def test_a_kept_translation_follows_the_language_and_the_escaping_mode() -> None:
    html_template = env().from_string("{{ _('Skip to content') }}")
    text_template = env().from_string(
        "{% autoescape false %}{{ _('Skip to content') }}{% endautoescape %}"
    )
    for _round in range(2):
        with translation.override("vi"):
            assert html_template.render() == "Bỏ qua, đến nội dung chính"
            assert text_template.render() == "Bỏ qua, đến nội dung chính"
        with translation.override("en"):
            assert html_template.render() == "Skip to content"
    # A message with characters to escape, untranslated in English, escaped first: the text
    # rendered after it must not get the kept escaped copy.
    message = '{{ _("Tom & Jerry\'s &lt;kept apart&gt;") }}'
    with translation.override("en"):
        for _round in range(2):
            assert env().from_string(message).render() == (
                "Tom &amp; Jerry&#x27;s &amp;lt;kept apart&amp;gt;"
            )
            text = f"{{% autoescape false %}}{message}{{% endautoescape %}}"
            assert env().from_string(text).render() == "Tom & Jerry's &lt;kept apart&gt;"
