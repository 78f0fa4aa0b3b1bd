"""Roles scoped by institution, enforced on every fetch of the admin.

Every write path is tried by its owner (allowed), by a curator of another institution
(denied), by the wrong role (denied) and anonymously (sent to the login page)."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests import builders as b
from trienlam.catalogue.models import Item, Membership
from trienlam.catalogue.roles import roles_of

ADD = "/admin/catalogue/item/add/"


def item_form(institution_id: int, **overrides: object) -> dict[str, object]:
    form: dict[str, object] = {
        "identifier": "TL-0700",
        "kind": "document",
        "status": "draft",
        "title": "Báo cáo thi đua năm 1960",
        "languages": "vi",
        "institution": institution_id,
        "media-TOTAL_FORMS": "0",
        "media-INITIAL_FORMS": "0",
        "media-MIN_NUM_FORMS": "0",
        "media-MAX_NUM_FORMS": "1000",
    }
    form.update(overrides)
    return form


@pytest.fixture
def drafts(personas):  # type: ignore[no-untyped-def]
    own = b.item(personas.archive_a, title="Bản nháp của Lạng Sơn", status="draft")
    other = b.item(personas.archive_b, title="Bản nháp của Cao Bằng", status="draft")
    return own, other


def change_url(item: Item) -> str:
    return reverse("admin:catalogue_item_change", args=[item.pk])


def test_a_curator_adds_items_for_their_own_institution(personas) -> None:  # type: ignore[no-untyped-def]
    response = personas.curator_a.post(ADD, item_form(personas.archive_a.pk))
    assert response.status_code == 302
    assert Item.objects.get(identifier="TL-0700").institution == personas.archive_a


def test_a_curator_cannot_add_items_for_another_institution(personas) -> None:  # type: ignore[no-untyped-def]
    response = personas.curator_a.post(ADD, item_form(personas.archive_b.pk))
    assert response.status_code == 200  # the form again, with an error
    assert not Item.objects.filter(identifier="TL-0700").exists()


def test_a_curator_cannot_publish(personas) -> None:  # type: ignore[no-untyped-def]
    personas.curator_a.post(ADD, item_form(personas.archive_a.pk, status="published"))
    assert not Item.objects.filter(identifier="TL-0700").exists()
    personas.curator_a.post(ADD, item_form(personas.archive_a.pk, status="in_review"))
    assert Item.objects.get(identifier="TL-0700").status == "in_review"


def test_an_editor_publishes_any_institutions_item(personas) -> None:  # type: ignore[no-untyped-def]
    response = personas.editor.post(ADD, item_form(personas.archive_b.pk, status="published"))
    assert response.status_code == 302
    assert Item.objects.get(identifier="TL-0700").status == "published"


def test_anonymous_visitors_are_sent_to_the_login(personas, drafts) -> None:  # type: ignore[no-untyped-def]
    own, _ = drafts
    for response in [
        personas.anonymous.get(ADD),
        personas.anonymous.post(ADD, item_form(personas.archive_a.pk)),
        personas.anonymous.post(change_url(own), item_form(personas.archive_a.pk)),
    ]:
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    assert not Item.objects.filter(identifier="TL-0700").exists()


def test_a_curator_edits_their_own_item(personas, drafts) -> None:  # type: ignore[no-untyped-def]
    own, _ = drafts
    form = item_form(personas.archive_a.pk, identifier=own.identifier, title="Tiêu đề đã sửa")
    assert personas.curator_a.post(change_url(own), form).status_code == 302
    own.refresh_from_db()
    assert own.title == "Tiêu đề đã sửa"


def test_a_curator_cannot_edit_or_delete_another_institutions_item(personas, drafts) -> None:  # type: ignore[no-untyped-def]
    _, other = drafts
    form = item_form(personas.archive_b.pk, identifier=other.identifier, title="Sửa trộm")
    personas.curator_a.post(change_url(other), form)
    delete = reverse("admin:catalogue_item_delete", args=[other.pk])
    personas.curator_a.post(delete, {"post": "yes"})
    other.refresh_from_db()
    assert other.title == "Bản nháp của Cao Bằng"
    page = personas.curator_a.get(change_url(other), follow=True).content.decode()
    assert "Bản nháp của Cao Bằng" not in page


def test_a_curator_deletes_their_own_draft(personas, drafts) -> None:  # type: ignore[no-untyped-def]
    own, _ = drafts
    delete = reverse("admin:catalogue_item_delete", args=[own.pk])
    assert personas.curator_a.post(delete, {"post": "yes"}).status_code == 302
    assert not Item.objects.filter(pk=own.pk).exists()


def test_a_published_items_state_is_read_only_for_its_curator(personas) -> None:  # type: ignore[no-untyped-def]
    published = b.item(personas.archive_a, status="published")
    page = personas.curator_a.get(change_url(published)).content.decode()
    assert 'name="status"' not in page
    form = item_form(personas.archive_a.pk, identifier=published.identifier, status="draft",
                     title="Sửa chính tả")
    assert personas.curator_a.post(change_url(published), form).status_code == 302
    published.refresh_from_db()
    assert (published.status, published.title) == ("published", "Sửa chính tả")


def test_other_institutions_drafts_are_invisible_in_every_list(personas, drafts) -> None:  # type: ignore[no-untyped-def]
    items = reverse("admin:catalogue_item_changelist")
    media = reverse("admin:catalogue_media_changelist")
    page = personas.curator_a.get(items).content.decode()
    assert "Bản nháp của Lạng Sơn" in page and "Bản nháp của Cao Bằng" not in page
    found = personas.curator_a.get(items, {"q": "Cao Bằng"}).content.decode()
    assert "Bản nháp của Cao Bằng" not in found
    assert personas.curator_a.get(media).status_code == 200
    # editors and administrators see both
    for client in (personas.editor, personas.administrator):
        page = client.get(items).content.decode()
        assert "Bản nháp của Lạng Sơn" in page and "Bản nháp của Cao Bằng" in page


def test_item_autocomplete_is_scoped_like_the_lists(personas, drafts) -> None:  # type: ignore[no-untyped-def]
    url = reverse("admin:autocomplete")
    query = {
        "app_label": "exhibitions", "model_name": "placement", "field_name": "item",
        "term": "Bản nháp",
    }
    found = personas.curator_a.get(url, query).json()["results"]
    assert [r["text"].split(" — ")[1] for r in found] == ["Bản nháp của Lạng Sơn"]
    found = personas.editor.get(url, query).json()["results"]
    assert {r["text"].split(" — ")[1] for r in found} == {
        "Bản nháp của Lạng Sơn", "Bản nháp của Cao Bằng"
    }


@pytest.mark.parametrize("model", ["exhibition", "section", "placement"])
def test_exhibitions_are_composed_by_editors_only(personas, model: str) -> None:  # type: ignore[no-untyped-def]
    url = reverse(f"admin:exhibitions_{model}_changelist")
    assert personas.curator_a.get(url).status_code == 403
    assert personas.editor.get(url).status_code == 200
    assert personas.administrator.get(url).status_code == 200


@pytest.mark.parametrize(
    "url_name",
    ["admin:catalogue_institution_add", "admin:catalogue_membership_changelist",
     "admin:auth_user_changelist"],
)
def test_institutions_users_and_memberships_are_for_administrators(personas, url_name: str) -> None:  # type: ignore[no-untyped-def]
    url = reverse(url_name)
    assert personas.curator_a.get(url).status_code == 403
    assert personas.editor.get(url).status_code == 403
    assert personas.administrator.get(url).status_code == 200


def test_the_admin_index_shows_each_role_its_own_screens(personas) -> None:  # type: ignore[no-untyped-def]
    curator = personas.curator_a.get("/admin/").content.decode()
    assert "/admin/catalogue/item/" in curator
    assert "/admin/exhibitions/" not in curator and "/admin/auth/user/" not in curator
    editor = personas.editor.get("/admin/").content.decode()
    assert "/admin/exhibitions/exhibition/" in editor


def test_a_person_may_belong_to_several_institutions(personas, drafts) -> None:  # type: ignore[no-untyped-def]
    Membership.objects.create(
        user=personas.users.curator_a, institution=personas.archive_b, role="curator"
    )
    page = personas.curator_a.get(reverse("admin:catalogue_item_changelist")).content.decode()
    assert "Bản nháp của Lạng Sơn" in page and "Bản nháp của Cao Bằng" in page


def test_the_member_command_creates_accounts_and_memberships(personas) -> None:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    call_command("member", "canbo-moi", role="curator", institution="ttlt-cao-bang", stdout=out)
    assert "canbo-moi" in out.getvalue()
    from django.contrib.auth.models import User

    user = User.objects.get(username="canbo-moi")
    assert user.is_staff and not user.is_superuser
    assert roles_of(user).curator_of == {personas.archive_b.pk}
    with pytest.raises(CommandError):
        call_command("member", "x", role="curator", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("member", "x", role="curator", institution="khong-co", stdout=io.StringIO())
    call_command("member", "canbo-moi", role="curator", institution="ttlt-cao-bang",
                 remove=True, stdout=io.StringIO())
    assert not Membership.objects.filter(user=user).exists()


def test_an_inactive_account_has_no_role(personas) -> None:  # type: ignore[no-untyped-def]
    user = personas.users.curator_a
    user.is_active = False
    user.save()
    assert roles_of(user).curator_of == frozenset()
    assert not Item.objects.editable_by(user).exists()


def test_a_curator_membership_needs_an_institution(db: None) -> None:
    from django.contrib.auth.models import User
    from django.core.exceptions import ValidationError

    membership = Membership(user=User.objects.create_user("a"), role="curator")
    with pytest.raises(ValidationError):
        membership.full_clean()
