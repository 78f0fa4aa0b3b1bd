"""The Jinja2 environment of the public templates (`src/trienlam/jinja2/`, `<app>/jinja2/`).

Django renders them through its own backend (`django.template.backends.jinja2.Jinja2`), with
the context processors of settings.TEMPLATES, so views call `render()` as before and the
static export renders the same templates through the same views. What the templates use:

- `url(name, *args)`, `static(path)`, `get_current_language()`, `language_info(code)`;
- gettext with the active Django language of the request: `_("text")` escapes the
  translation like `{% translate %}`; `_("…%(x)s…", x=value)` and
  `ngettext("%(n)s item", "%(n)s items", n, n=n)` put escaped values into an unescaped
  translation like `{% blocktranslate %}`. makemessages finds them (see `messages_as_python`);
- Django's own filters under their Django names (`date`, `linebreaks`, `truncatewords`,
  `default`…), with the Django template language's rules for safe strings;
- `{% shared_fragment "name" %}…{% endshared_fragment %}`: a part of the layout rendered once
  per content version, language, mode and site profile (operations/memo.py);
- `visit_beacon()`, `visit_counter()`, `counter_flood_limit()` (visit statistics) and
  `iiif_manifest_url(item)`.

Undefined names and attributes of None render as "" (ChainableUndefined), as in the Django
template language. Numbers with decimals and dates print localised, as Django prints them.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Hashable, Iterator, Mapping
from decimal import Decimal
from typing import Any
from urllib.parse import quote

import jinja2
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.formats import localize
from django.utils.http import RFC3986_SUBDELIMS, escape_leading_slashes
from django.utils.safestring import SafeData, mark_safe
from django.utils.timezone import template_localtime
from jinja2 import (
    ChainableUndefined,
    Environment,
    nodes,
    pass_context,
    pass_eval_context,
    select_autoescape,
)
from jinja2.ext import Extension, extract_from_ast
from jinja2.nodes import EvalContext
from jinja2.parser import Parser
from jinja2.runtime import Context
from markupsafe import Markup
from markupsafe import escape as markup_escape

from trienlam.operations import memo

# --- what one render reads once ----------------------------------------------------------

#: The name of the RenderState in a template's context.
RENDER = "_trienlam_render"


class RenderState:
    """What stays the same while one page renders, read once: the active language and its
    catalogue, the script prefix and the URL configuration (each read of Django's
    thread-locals costs a few microseconds, and a page made dozens), and a memo of values a
    page asks for twice (the IIIF manifest link, in the head and in the page)."""

    __slots__ = ("catalogue", "language", "memo", "prefix", "urlconf")

    def __init__(self) -> None:
        self.language: str | None = translation.get_language()
        self.catalogue: Any = None
        if self.language is not None and settings.USE_I18N:
            from django.utils.translation import trans_real

            self.catalogue = trans_real.translation(self.language)
        self.prefix = get_script_prefix()
        self.urlconf = get_urlconf()
        self.memo: dict[Hashable, Any] = {}


class Template(jinja2.Template):
    """Gives every render (not every include: those share their page's) one RenderState."""

    def new_context(
        self,
        vars: dict[str, Any] | None = None,
        shared: bool = False,
        locals: Mapping[str, Any] | None = None,
    ) -> Context:
        if vars is None or RENDER not in vars:
            vars = {**(vars or {}), RENDER: RenderState()}
        return super().new_context(vars, shared, locals)


def _state(context: Context) -> RenderState:
    state = context.get(RENDER)
    return state if state is not None else RenderState()


# --- gettext ------------------------------------------------------------------------------


def _finish(eval_ctx: EvalContext, text: str, variables: dict[str, Any]) -> str:
    if variables:
        # Like {% blocktranslate %}: the translation may hold markup, the values are escaped.
        values = {k: _finalize(eval_ctx, v) for k, v in variables.items()}
        if not eval_ctx.autoescape:
            return text % values
        return Markup(text % values)  # noqa: S704 - the values are escaped by _finalize
    return _finalize(eval_ctx, text)  # like {% translate %}


#: `_("message")` without values, translated and escaped, per catalogue (a language's
#: translations object, kept alongside: a new one after a settings change is a new key) and
#: escaping mode: the same on every page. Only literal messages of the templates reach it;
#: bounded all the same.
_TRANSLATED: dict[tuple[int, str, bool], tuple[Any, str]] = {}
_TRANSLATED_MAX = 4096


@pass_context
def _gettext(context: Context, message: str, **variables: Any) -> str:
    catalogue = _state(context).catalogue
    if catalogue is None or not message:
        return _finish(context.eval_ctx, translation.gettext(message), variables)
    if variables:
        return _finish(context.eval_ctx, catalogue.gettext(message), variables)
    autoescape = context.eval_ctx.autoescape
    key = (id(catalogue), message, autoescape)
    found = _TRANSLATED.get(key)
    if found is not None and found[0] is catalogue:
        return found[1]
    text = _finish(context.eval_ctx, catalogue.gettext(message), variables)
    if len(_TRANSLATED) < _TRANSLATED_MAX:
        _TRANSLATED[key] = (catalogue, text)
    return text


@pass_context
def _ngettext(context: Context, singular: str, plural: str, number: int, **variables: Any) -> str:
    catalogue = _state(context).catalogue
    if catalogue is not None:
        text = catalogue.ngettext(singular, plural, number)
    else:
        text = translation.ngettext(singular, plural, number)
    return _finish(context.eval_ctx, text, variables)


@pass_eval_context
def _pgettext(eval_ctx: EvalContext, context: str, message: str, **variables: Any) -> str:
    return _finish(eval_ctx, translation.pgettext(context, message), variables)


@pass_eval_context
def _npgettext(
    eval_ctx: EvalContext,
    context: str,
    singular: str,
    plural: str,
    number: int,
    **variables: Any,
) -> str:
    text = translation.npgettext(context, singular, plural, number)
    return _finish(eval_ctx, text, variables)


#: The names makemessages looks for in the templates (see messages_as_python).
GETTEXT_FUNCTIONS = ("_", "gettext", "ngettext", "pgettext", "npgettext")


# --- Django's filters ---------------------------------------------------------------------


def django_filter(func: Callable[..., Any]) -> Callable[..., Any]:
    """A filter of django.template.defaultfilters as a Jinja2 filter, with the Django template
    language's rules: `needs_autoescape` gets the autoescape mode; an `is_safe` filter keeps
    a safe input safe; `expects_localtime` gets an aware datetime in the current time zone."""
    needs_autoescape = getattr(func, "needs_autoescape", False)
    is_safe = getattr(func, "is_safe", False)
    localtime = getattr(func, "expects_localtime", False)

    @pass_eval_context
    def jinja_filter(eval_ctx: EvalContext, value: Any, *args: Any) -> Any:
        if isinstance(value, ChainableUndefined):
            value = ""
        if localtime:
            value = template_localtime(value)
        if needs_autoescape:
            result = func(value, *args, autoescape=eval_ctx.autoescape)
        else:
            result = func(value, *args)
        if is_safe and isinstance(value, SafeData) and isinstance(result, str):
            result = mark_safe(result)  # noqa: S308 - a safe input, a filter that keeps it so
        return result

    jinja_filter.__name__ = func.__name__
    jinja_filter.__doc__ = func.__doc__
    return jinja_filter


FILTERS: dict[str, Callable[..., Any]] = {
    name: django_filter(getattr(defaultfilters, attribute))
    for name, attribute in {
        "capfirst": "capfirst",
        "date": "date",
        "default": "default",  # the fallback for any false value, not only an undefined one
        "first": "first",
        "join": "join",
        "last": "last",
        "linebreaks": "linebreaks_filter",
        "linebreaksbr": "linebreaksbr",
        "striptags": "striptags",
        "truncatewords": "truncatewords",
        "urlencode": "urlencode",
    }.items()
}


@pass_eval_context
def _finalize(eval_ctx: EvalContext, value: Any) -> Any:
    """What `{{ value }}` prints, as Django prints it: numbers with decimals and dates
    localised; escaped by Django's rules (`&#x27;` and `&quot;`, where MarkupSafe writes
    `&#39;` and `&#34;`), so that pages keep the same bytes."""
    if type(value) is str:
        return _escape(value) if eval_ctx.autoescape else value
    if isinstance(value, float | Decimal | datetime.date | datetime.time):
        value = localize(template_localtime(value))
    if eval_ctx.autoescape and not hasattr(value, "__html__"):
        return _escape(str(value))
    return value


def _escape(text: str) -> Markup:
    """`html.escape(text)` as Markup, with MarkupSafe's escaping in C (0.5 against 0.8 µs
    for a title) and Django's entities for the quotes."""
    escaped = markup_escape(text)
    if "&#3" in escaped:  # no escaped text holds "&#" but the quotes' entities
        return Markup(  # noqa: S704 - escaped above
            str.replace(str.replace(escaped, "&#39;", "&#x27;"), "&#34;", "&quot;")
        )
    return escaped


# --- globals ------------------------------------------------------------------------------


#: Addresses of URL names without arguments (the home page, the browse pages…): the same on
#: every page, reversed once per URL configuration, script prefix and language.
_FIXED_URLS: dict[tuple[object, str, str | None, str], str] = {}


class _Reverser:
    """Django's `reverse(name, args=…)` for one URL name, with the work that is the same on
    every call done once: the name's patterns as the resolver lists them, each with its
    regular expression compiled for the script prefix. Each call then does what Django's
    `_reverse_with_prefix` does (the converters' `to_url`, the decoded address matched
    against the pattern, the same quoting): 2.3 µs against Django's 12.7 for an item's
    address. None when no pattern fits: the caller asks Django, which raises its
    NoReverseMatch."""

    __slots__ = ("candidates",)

    def __init__(self, urlconf: object, prefix: str, name: str) -> None:
        resolver = get_resolver(urlconf)  # type: ignore[arg-type]
        self.candidates = [
            (
                prefix.replace("%", "%%") + result,
                params,
                re.compile(f"^{re.escape(prefix)}{pattern}"),
                converters,
            )
            for possibility, pattern, _defaults, converters in resolver.reverse_dict.getlist(name)
            for result, params in possibility
        ]

    def __call__(self, args: tuple[Any, ...]) -> str | None:
        for template, params, regex, converters in self.candidates:
            if len(args) != len(params):
                continue
            subs = {}
            for param, value in zip(params, args, strict=True):
                converter = converters.get(param)
                if converter is None:
                    subs[param] = str(value)
                    continue
                try:
                    subs[param] = converter.to_url(value)
                except ValueError:
                    break
            else:
                candidate = template % subs
                if regex.search(candidate):
                    return escape_leading_slashes(quote(candidate, safe=_URL_SAFE))
        return None


_URL_SAFE = RFC3986_SUBDELIMS + "/~:@"  # what Django's reverse leaves unquoted
_REVERSERS: dict[tuple[object, str, str | None, str], _Reverser] = {}


@pass_context
def url(context: Context, name: str, *args: Any, **kwargs: Any) -> str:
    if kwargs or ":" in name:
        return reverse(name, args=args or None, kwargs=kwargs or None)
    state = _state(context)
    key = (state.urlconf, state.prefix, state.language, name)
    if args:
        reverser = _REVERSERS.get(key)
        if reverser is None:
            reverser = _REVERSERS[key] = _Reverser(state.urlconf, state.prefix, name)
        return reverser(args) or reverse(name, args=args)
    found = _FIXED_URLS.get(key)
    if found is None:
        found = _FIXED_URLS[key] = reverse(name)
    return found


#: Addresses of static files (hashed names from the manifest): a handful, the same on every
#: page; per manifest (the export runs collectstatic and reloads it in a running process).
_STATIC_URLS: dict[tuple[str, str], str] = {}


def static_url(path: str) -> str:
    key = (getattr(staticfiles_storage, "manifest_hash", ""), path)
    found = _STATIC_URLS.get(key)
    if found is None:
        found = _STATIC_URLS[key] = static(path)
    return found


@receiver(setting_changed)
def _settings_changed(**kwargs: object) -> None:
    """Settings change in tests and around an export (override_settings: the URL
    configuration, DEBUG, which decides hashed static names…): forget the kept addresses."""
    _FIXED_URLS.clear()
    _REVERSERS.clear()
    _STATIC_URLS.clear()
    _TRANSLATED.clear()


@pass_context
def iiif_manifest_url(context: Context, item: Any) -> str:
    """The item's site-relative IIIF manifest URL, or "" when it has none."""
    from trienlam.iiif.presentation import manifest_url_for

    memo = _state(context).memo
    key = ("iiif_manifest_url", item.pk)
    if key not in memo:
        memo[key] = manifest_url_for(item) or ""
    return memo[key]  # type: ignore[no-any-return]


def _include(context: Context, name: str, values: dict[str, object]) -> Markup:
    # A template of this environment, escaped as it renders, within the page's render.
    template = context.environment.get_template(name)
    return Markup(template.render({**values, RENDER: _state(context)}))  # noqa: S704


@pass_context
def visit_beacon(context: Context) -> Markup:
    from trienlam.stats import widgets

    return _include(context, "stats/beacon.html", widgets.visit_beacon(context))


@pass_context
def visit_counter(context: Context) -> Markup:
    from trienlam.stats import widgets

    return _include(context, "stats/counter.html", widgets.visit_counter(context))


def counter_flood_limit() -> int:
    return settings.TRIENLAM_COUNTER_FLOOD_LIMIT  # type: ignore[no-any-return]


# --- {% shared_fragment %} ----------------------------------------------------------------


class SharedFragmentExtension(Extension):
    """`{% shared_fragment "name" %}…{% endshared_fragment %}`: a part of the layout rendered
    once per content version, language and mode (live site or static export), then reused.

    For the parts of base.html every page repeats and that show nothing but the site profile
    and fixed links (the header's site name and navigation, the footer's agency and privacy
    lines). Whatever depends on the page or the visit (the preview notice, the visit counter,
    blocks that child templates fill) must stay outside. Kept only where operations/memo.py
    keeps values; otherwise the fragment is rendered every time.
    """

    tags = {"shared_fragment"}

    def parse(self, parser: Parser) -> nodes.Node:
        lineno = next(parser.stream).lineno
        name = parser.parse_expression()
        if not isinstance(name, nodes.Const) or not isinstance(name.value, str):
            parser.fail('{% shared_fragment "name" %} takes one quoted name', lineno)
        body = parser.parse_statements(("name:endshared_fragment",), drop_needle=True)
        call = self.call_method("_render", [name, nodes.ContextReference()])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    @staticmethod
    def _render(name: str, context: Context, caller: Callable[[], str]) -> str:
        # What a fragment may show besides fixed text: the site profile (None when a page
        # is rendered without the context processors) and the links of the export mode.
        profile = getattr(context.get("site_profile"), "pk", None)
        state = _state(context)
        key = (
            f"fragment:{name}:{state.language}:{bool(context.get('static_export'))}:"
            f"{state.prefix}:{profile}"
        )
        return memo.shared(key, caller)


# --- the environment ----------------------------------------------------------------------


def environment(**options: Any) -> Environment:
    """The environment Django's Jinja2 backend builds (OPTIONS["environment"])."""
    options["undefined"] = ChainableUndefined
    options["extensions"] = [*options.get("extensions", ()), SharedFragmentExtension]
    # Whitespace as the Django template language keeps it.
    options.setdefault("keep_trailing_newline", True)
    options["finalize"] = _finalize
    options.pop("autoescape", None)
    # Escape .html (and templates given as strings), not the kit's readme.txt.
    env = Environment(
        autoescape=select_autoescape(("html",), ("txt",), default_for_string=True, default=True),
        **options,
    )
    env.globals.update(
        {
            "url": url,
            "static": static_url,
            "get_current_language": translation.get_language,
            "language_info": translation.get_language_info,
            "_": _gettext,
            "gettext": _gettext,
            "ngettext": _ngettext,
            "pgettext": _pgettext,
            "npgettext": _npgettext,
            "iiif_manifest_url": iiif_manifest_url,
            "visit_beacon": visit_beacon,
            "visit_counter": visit_counter,
            "counter_flood_limit": counter_flood_limit,
        }
    )
    env.filters.update(FILTERS)
    env.template_class = Template
    return env


# --- makemessages -------------------------------------------------------------------------


def _messages(source: str) -> Iterator[tuple[int, str, tuple[str | None, ...]]]:
    env = Environment(autoescape=True, extensions=[SharedFragmentExtension])
    for lineno, function, message in extract_from_ast(
        env.parse(source), GETTEXT_FUNCTIONS, babel_style=True
    ):
        yield lineno, function, message if isinstance(message, tuple) else (message,)


def messages_as_python(source: str) -> str:
    """The gettext calls of a Jinja2 template as Python that xgettext reads (what
    makemessages does with Django templates through `templatize`), on the same lines."""
    lines = [""] * (source.count("\n") + 1)
    for lineno, function, strings in _messages(source):
        if function == "_":
            function = "gettext"
        plural = function in ("ngettext", "npgettext")
        args = [repr(s) for s in strings if s is not None]
        if plural:
            args.append("0")
        lines[lineno - 1] += f" {function}({', '.join(args)})"
    return "\n".join(lines)
