"""Seed the agency groups the organiser's letter addresses, plus communes and wards.

Data, not code: administrators rename, reorder, add or delete groups in the admin (districts
were abolished on 1 July 2025; the group stays for agencies recorded before that).
"""

from django.db import migrations

GROUPS = [
    "Sở, ban, ngành",
    "Tổ chức chính trị - xã hội, đoàn thể",
    "Doanh nghiệp thuộc các khối thi đua",
    "UBND huyện, thành phố",
    "UBND xã, phường",
]


def seed(apps, schema_editor):
    AgencyGroup = apps.get_model("outreach", "AgencyGroup")
    for position, name in enumerate(GROUPS, start=1):
        AgencyGroup.objects.get_or_create(name=name, defaults={"position": position * 10})


def unseed(apps, schema_editor):
    AgencyGroup = apps.get_model("outreach", "AgencyGroup")
    AgencyGroup.objects.filter(name__in=GROUPS, agencies__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("outreach", "0002_promotion_kit")]

    operations = [migrations.RunPython(seed, unseed)]
