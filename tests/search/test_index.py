"""The index follows every change to what the public may see, whatever path it takes."""

from __future__ import annotations

from pathlib import Path

from django.core.management import call_command

from tests import builders as b
from tests.search.conftest import found
from trienlam.catalogue import workflow
from trienlam.catalogue.models import Institution, Item, Province
from trienlam.exhibitions.models import Exhibition, Placement, Section
from trienlam.search.index import rebuild, refresh
from trienlam.search.models import DirtyItem, SearchEntry, SearchText


def test_create_edit_and_delete(catalogue) -> None:
    item = b.item(catalogue.archive, identifier="TL-0500", title="Hồ sơ trồng cây gây rừng")
    assert found("trong cay gay rung") == ["TL-0500"]
    item.title = "Hồ sơ khai hoang phục hóa"
    item.save()
    assert found("trong cay") == [] and found("khai hoang") == ["TL-0500"]
    item.delete()
    assert found("khai hoang") == []
    assert not SearchEntry.objects.filter(item_id=item.pk).exists()
    assert not SearchText.objects.filter(item_id=item.pk).exists()


def test_publish_and_withdraw_through_the_workflow(personas) -> None:
    editor = personas.users.editor
    item = b.item(
        personas.archive_a,
        identifier="TL-0501",
        title="Tờ trình chống hạn",
        status=Item.Status.IN_REVIEW,
    )
    assert found("chong han") == []
    workflow.approve(item=item, actor=editor)
    assert found("chong han") == ["TL-0501"]
    workflow.withdraw(item=item, actor=editor, comment="Sai thông tin")
    # Withdrawal takes effect in the same transaction, before any refresh.
    assert not SearchEntry.objects.filter(item_id=item.pk).exists()
    assert found("chong han") == []


def test_queryset_update_and_bulk_create_bypass_signals_but_not_the_index(catalogue) -> None:
    items = Item.objects.bulk_create(
        [
            Item(
                identifier=f"TL-06{n:02d}",
                kind="document",
                title=f"Biên bản bầu cử số {n}",
                institution=catalogue.archive,
                status=Item.Status.PUBLISHED,
            )
            for n in range(3)
        ]
    )
    assert len(found("bien ban bau cu")) == 3
    Item.objects.filter(identifier="TL-0600").update(title="Biên bản kiểm phiếu")
    assert found("kiem phieu") == ["TL-0600"]
    Item.objects.filter(identifier="TL-0601").update(status=Item.Status.WITHDRAWN)
    assert found("bien ban bau cu") == ["TL-0602"]
    Item.objects.filter(pk__in=[i.pk for i in items]).update(status=Item.Status.DRAFT)
    assert found('"bien ban"') == []
    Item.objects.filter(pk__in=[i.pk for i in items]).update(status=Item.Status.PUBLISHED)
    assert len(found('"bien ban"')) == 3
    Item.objects.filter(pk__in=[i.pk for i in items]).delete()
    assert found('"bien ban"') == []


def test_captions_parts_and_exhibitions(catalogue) -> None:
    sl = catalogue.items.sl
    assert found("loi keu goi") == ["TL-0097"]  # the caption
    assert found("khoi nguon phong trao") == ["TL-0097"]  # the part title
    Placement.objects.filter(item=sl).update(caption="Bản gốc lưu tại kho")
    assert found("loi keu goi") == [] and found("ban goc luu tai kho") == ["TL-0097"]
    part = Section.objects.get(pk=catalogue.part1.pk)
    part.title = "Những ngày đầu kháng chiến"
    part.save()
    assert found("ngay dau khang chien") == ["TL-0097"] and found("khoi nguon") == []
    section = b.part(catalogue.ex, "Sắc lệnh và chỉ thị", "muc-1", parent=part)
    Placement.objects.filter(item=sl).update(section=section)
    assert found("sac lenh va chi thi") == ["TL-0097"]
    assert found("", phan="cum-7-tinh/phan-1") == ["TL-0097"]
    # An exhibition taken down takes its captions and parts out of the index.
    Exhibition.objects.filter(pk=catalogue.ex.pk).update(status=Exhibition.Status.WITHDRAWN)
    assert found("ban goc luu tai kho") == [] and found("TL-0097") == ["TL-0097"]
    ex = Exhibition.objects.get(pk=catalogue.ex.pk)
    ex.status = Exhibition.Status.PUBLISHED
    ex.save()
    assert found("ban goc luu tai kho") == ["TL-0097"]
    Placement.objects.filter(item=sl).delete()
    assert found("ban goc") == []


def test_institution_and_province_names(catalogue) -> None:
    Institution.objects.filter(pk=catalogue.other.pk).update(name="Kho lưu trữ Mường Thanh")
    assert set(found("kho luu tru muong thanh")) == {"TL-0097", "TL-0100"}
    province = Province.objects.get(pk=catalogue.dien_bien.pk)
    province.name = "Lai Châu cũ"
    province.save()
    assert set(found("lai chau cu")) == {"TL-0097", "TL-0100"}


def test_bulk_import_then_publish(personas, tmp_path: Path) -> None:
    from tests.catalogue.test_import import row, write_csv
    from trienlam.catalogue.importing.run import import_catalogue

    rows = [
        row("MH-0001", **{"Tiêu đề": "Báo cáo phong trào Ba khâu ở Sìn Hồ"}),
        row("MH-0002", **{"Tiêu đề": "Danh sách giáo viên cắm bản Mường Tè"}),
    ]
    report = import_catalogue(
        sheet=write_csv(tmp_path / "a.csv", rows),
        files=None,
        actor=personas.users.curator_a,
        dry_run=False,
    )
    assert report.ok, report.problems
    assert found("sin ho") == [] and found("muong te") == []  # in review: not public
    for item in Item.objects.filter(identifier__in=["MH-0001", "MH-0002"]):
        workflow.approve(item=item, actor=personas.users.editor)
    assert found("sin ho") == ["MH-0001"] and found("muong te") == ["MH-0002"]


def test_reindex_command_rebuilds_from_scratch(catalogue, capsys) -> None:
    refresh()
    SearchEntry.objects.all().delete()
    SearchText.objects.all().delete()
    assert found("thi dua") == []  # the index is what the search reads
    call_command("reindex")
    assert " 4 " in capsys.readouterr().out
    assert set(found("thi dua")) >= {"TL-0097"}
    assert SearchEntry.objects.count() == Item.objects.public().count() == 4
    assert rebuild() == 4 and not DirtyItem.objects.exists()


def test_no_entry_for_items_that_are_not_public(catalogue) -> None:
    refresh()
    public = set(Item.objects.public().values_list("pk", flat=True))
    assert set(SearchEntry.objects.values_list("item_id", flat=True)) == public
    assert set(SearchText.objects.values_list("item_id", flat=True)) == public
