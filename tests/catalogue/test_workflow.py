"""Review and publish: who may move an item where, and the audit trail it leaves."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests import builders as b
from trienlam.catalogue import workflow
from trienlam.catalogue.models import AuditEntry, Item

ADD = "/admin/catalogue/item/add/"


@pytest.fixture
def draft(personas) -> Item:  # type: ignore[no-untyped-def]
    return b.item(personas.archive_a, title="Báo cáo năm 1960", status="draft")


def test_the_whole_path_from_draft_to_withdrawn(personas, draft) -> None:  # type: ignore[no-untyped-def]
    curator, editor = personas.users.curator_a, personas.users.editor
    workflow.submit(item=draft, actor=curator)
    workflow.return_to_curator(item=draft, actor=editor, comment="Thiếu số tờ trong nguồn.")
    workflow.submit(item=draft, actor=curator)
    workflow.approve(item=draft, actor=editor)
    workflow.withdraw(item=draft, actor=editor, comment="Cơ quan đóng góp yêu cầu gỡ.")
    draft.refresh_from_db()
    assert draft.status == "withdrawn"
    log = list(AuditEntry.objects.filter(object_id=str(draft.pk)).order_by("at", "id"))
    assert [e.action for e in log] == [
        "submitted", "returned", "submitted", "published", "withdrawn"
    ]
    assert [e.actor_name for e in log] == [
        "canbo-langson", "bientap", "canbo-langson", "bientap", "bientap"
    ]
    assert log[1].comment == "Thiếu số tờ trong nguồn."
    assert log[3].changes == {"status": ["in_review", "published"]}


def test_a_curator_cannot_publish_or_withdraw(personas, draft) -> None:  # type: ignore[no-untyped-def]
    curator = personas.users.curator_a
    with pytest.raises(PermissionDenied):
        workflow.approve(item=draft, actor=curator)
    workflow.submit(item=draft, actor=curator)
    with pytest.raises(PermissionDenied):
        workflow.approve(item=draft, actor=curator)
    assert Item.objects.get(pk=draft.pk).status == "in_review"


def test_a_curator_cannot_submit_another_institutions_item(personas, draft) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        workflow.submit(item=draft, actor=personas.users.curator_b)
    assert not AuditEntry.objects.exists()


def test_returning_an_item_needs_a_comment(personas, draft) -> None:  # type: ignore[no-untyped-def]
    workflow.submit(item=draft, actor=personas.users.curator_a)
    with pytest.raises(ValidationError):
        workflow.return_to_curator(item=draft, actor=personas.users.editor, comment="  ")


def test_impossible_moves_are_refused(personas, draft) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError):
        workflow.withdraw(item=draft, actor=personas.users.editor)  # a draft is not published


def test_withdrawing_takes_the_item_off_the_public_site_at_once(personas, client, tmp_path) -> None:  # type: ignore[no-untyped-def]
    item = b.with_pages(b.item(personas.archive_a, status="published"), tmp_path)
    pages = [reverse("item", args=[item.identifier]), item.media.get().renditions()[0].url,
             reverse("iiif_manifest", args=[item.identifier])]
    assert all(client.get(url).status_code == 200 for url in pages)
    workflow.withdraw(item=item, actor=personas.users.editor)
    assert all(client.get(url).status_code == 404 for url in pages)


def test_every_admin_edit_is_recorded_field_by_field(personas, draft) -> None:  # type: ignore[no-untyped-def]
    form = {
        "identifier": draft.identifier, "kind": "document", "status": "in_review",
        "title": "Báo cáo năm 1961", "languages": "vi", "institution": personas.archive_a.pk,
        "media-TOTAL_FORMS": "0", "media-INITIAL_FORMS": "0",
        "media-MIN_NUM_FORMS": "0", "media-MAX_NUM_FORMS": "1000",
    }
    url = reverse("admin:catalogue_item_change", args=[draft.pk])
    assert personas.curator_a.post(url, form).status_code == 302
    entry = AuditEntry.objects.get(object_id=str(draft.pk))
    assert entry.action == "submitted"
    assert entry.changes["title"] == ["Báo cáo năm 1960", "Báo cáo năm 1961"]
    assert entry.changes["status"] == ["draft", "in_review"]
    page = personas.curator_a.get(url).content.decode()
    assert "Báo cáo năm 1960 → Báo cáo năm 1961" in page


def test_an_editor_returns_an_item_from_its_page_with_a_comment(personas, draft) -> None:  # type: ignore[no-untyped-def]
    workflow.submit(item=draft, actor=personas.users.curator_a)
    url = reverse("admin:catalogue_item_change", args=[draft.pk])
    form = {
        "identifier": draft.identifier, "kind": "document", "status": "draft",
        "title": draft.title, "languages": "vi", "institution": personas.archive_a.pk,
        "media-TOTAL_FORMS": "0", "media-INITIAL_FORMS": "0",
        "media-MIN_NUM_FORMS": "0", "media-MAX_NUM_FORMS": "1000",
    }
    page = personas.editor.post(url, form)
    assert page.status_code == 200  # no comment: the form again
    assert Item.objects.get(pk=draft.pk).status == "in_review"
    form["workflow_comment"] = "Ảnh trang 2 bị mờ, xin quét lại."
    assert personas.editor.post(url, form).status_code == 302
    entry = AuditEntry.objects.filter(object_id=str(draft.pk)).first()
    assert (entry.action, entry.comment) == ("returned", "Ảnh trang 2 bị mờ, xin quét lại.")


def test_the_audit_log_exports_as_csv_with_formulas_neutralised(personas, draft) -> None:  # type: ignore[no-untyped-def]
    workflow.submit(item=draft, actor=personas.users.curator_a)
    workflow.return_to_curator(item=draft, actor=personas.users.editor, comment="=HYPERLINK(1)")
    url = reverse("admin:catalogue_item_audit_csv", args=[draft.pk])
    response = personas.curator_a.get(url)
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["when", "who", "action"]
    assert [r[2] for r in rows[1:]] == ["submitted", "returned"]
    assert rows[2][-1] == "'=HYPERLINK(1)"
    # another institution's curator cannot export it
    assert personas.curator_b.get(url).status_code == 404


def test_bulk_actions_respect_roles(personas, draft) -> None:  # type: ignore[no-untyped-def]
    changelist = reverse("admin:catalogue_item_changelist")
    data = {"action": "approve_and_publish", "_selected_action": [draft.pk]}
    personas.curator_a.post(changelist, data)
    assert Item.objects.get(pk=draft.pk).status == "draft"
    personas.curator_a.post(changelist, {**data, "action": "submit_for_review"})
    assert Item.objects.get(pk=draft.pk).status == "in_review"
    personas.editor.post(changelist, data)
    assert Item.objects.get(pk=draft.pk).status == "published"


def test_exhibitions_are_published_and_withdrawn_by_editors_with_a_record(personas) -> None:  # type: ignore[no-untyped-def]
    exhibition = b.exhibition(status="draft")
    with pytest.raises(PermissionDenied):
        workflow.set_exhibition_state(
            exhibition=exhibition, new="published", actor=personas.users.curator_a
        )
    workflow.set_exhibition_state(exhibition=exhibition, new="published",
                                  actor=personas.users.editor)
    exhibition.refresh_from_db()
    assert exhibition.status == "published"
    entry = AuditEntry.objects.get(model="exhibitions.exhibition")
    assert (entry.action, entry.actor_name) == ("published", "bientap")
