"""`{% shared_fragment "name" %}…{% endshared_fragment %}`: a part of the layout rendered once
per content version, language and mode (live site or static export), then reused.

For the parts of base.html every page repeats and that show nothing but the site profile
and fixed links (the header's site name and navigation, the footer's agency and privacy
lines). Whatever depends on the page or the visit (the preview notice, the visit counter,
blocks that child templates fill) must stay outside. Kept only where operations/memo.py keeps
values; otherwise the fragment is rendered every time.
"""

from __future__ import annotations

from django import template
from django.template.base import NodeList, Parser, Token
from django.urls import get_script_prefix
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from trienlam.operations import memo

register = template.Library()


class SharedFragmentNode(template.Node):
    def __init__(self, name: str, nodelist: NodeList) -> None:
        self.name = name
        self.nodelist = nodelist

    def render(self, context: template.Context) -> SafeString:
        # What a fragment may show besides fixed text: the site profile (None when a page
        # is rendered without the context processors) and the links of the export mode.
        profile = getattr(context.get("site_profile"), "pk", None)
        key = (
            f"fragment:{self.name}:{get_language()}:{bool(context.get('static_export'))}:"
            f"{get_script_prefix()}:{profile}"
        )
        return memo.shared(key, lambda: self.nodelist.render(context))


@register.tag
def shared_fragment(parser: Parser, token: Token) -> SharedFragmentNode:
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError('{% shared_fragment "name" %} takes one quoted name')
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(bits[1][1:-1], nodelist)
