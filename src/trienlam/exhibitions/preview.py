"""Preview: an unpublished item or exhibition exactly as the public will see it.

The same views and templates as the public site, marked as a preview, never cached,
never indexed, and only for the people who may edit what they preview (the owning
institution's curators and the editors). Anyone else gets the login page or a 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy

from trienlam.catalogue import roles
from trienlam.catalogue.models import Item
from trienlam.exhibitions.models import Exhibition
from trienlam.exhibitions.views import item_queryset, show_exhibition, show_item, show_part

LOGIN = reverse_lazy("admin:login")


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@login_required(login_url=LOGIN)
def preview_item(request: HttpRequest, identifier: str) -> HttpResponse:
    queryset = item_queryset(Item.objects.editable_by(request.user))
    item = get_object_or_404(queryset, identifier=identifier)
    return _private(show_item(request, item, preview=True))


def _exhibition_for(request: HttpRequest, slug: str) -> Exhibition:
    if not roles.is_editor(request.user):
        raise Http404
    return get_object_or_404(Exhibition.objects.select_related("cover"), slug=slug)


@login_required(login_url=LOGIN)
def preview_exhibition(request: HttpRequest, slug: str) -> HttpResponse:
    return _private(show_exhibition(request, _exhibition_for(request, slug), preview=True))


@login_required(login_url=LOGIN)
def preview_part(request: HttpRequest, slug: str, part: str) -> HttpResponse:
    return _private(show_part(request, _exhibition_for(request, slug), part, preview=True))
