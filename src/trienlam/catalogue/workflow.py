"""Review and publication, as typed atomic functions that each write one audit entry.

Item states: draft → in review → published → withdrawn, and back to draft when an
editor returns an item with a comment. Exhibitions: draft → published → withdrawn.
A withdrawn item or exhibition is off every public surface at once, because every
public surface asks `public()` (one definition of public).

Who may do what comes from `roles`: curators submit their own institution's items;
editors approve, return, publish and withdraw.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from trienlam.catalogue import roles
from trienlam.catalogue.models import AuditEntry, Item

Action = AuditEntry.Action
Status = Item.Status

# The action recorded when an item or exhibition reaches a state.
ACTION_FOR_STATE = {
    "in_review": Action.SUBMITTED,
    "published": Action.PUBLISHED,
    "withdrawn": Action.WITHDRAWN,
    "draft": Action.RETURNED,
}

# The moves an item may make (from, to); the action recorded is ACTION_FOR_STATE[to], and
# the role each needs is checked in `check_item_transition`.
ITEM_TRANSITIONS: frozenset[tuple[str, str]] = frozenset(
    {
        (Status.DRAFT, Status.IN_REVIEW),
        (Status.IN_REVIEW, Status.DRAFT),
        (Status.IN_REVIEW, Status.PUBLISHED),
        (Status.DRAFT, Status.PUBLISHED),
        (Status.PUBLISHED, Status.WITHDRAWN),
        (Status.WITHDRAWN, Status.PUBLISHED),
        (Status.WITHDRAWN, Status.DRAFT),
    }
)


def _display(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


_NOT_DIFFED = {"id", "created_at", "updated_at"}


def field_changes(before: models.Model | None, after: models.Model) -> dict[str, list[Any]]:
    """{field name: [old, new]} for every concrete field that differs (timestamps aside)."""
    changes: dict[str, list[Any]] = {}
    for field in after._meta.concrete_fields:
        if field.name in _NOT_DIFFED:
            continue
        old = getattr(before, field.attname) if before is not None else None
        new = getattr(after, field.attname)
        if old == new:
            continue
        if field.is_relation:
            old = getattr(before, field.name) if before is not None else None
            new = getattr(after, field.name)
        changes[field.name] = [_display(old), _display(new)]
    return changes


def record(
    *,
    actor: AbstractBaseUser,
    obj: models.Model,
    action: str,
    changes: dict[str, list[Any]] | None = None,
    comment: str = "",
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor if actor.pk else None,
        actor_name=actor.get_username() or "—",
        model=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        action=action,
        changes=changes or {},
        comment=comment,
    )


def record_save(
    *, actor: AbstractBaseUser, before: models.Model | None, after: models.Model, comment: str = ""
) -> AuditEntry | None:
    """Record an admin save: created, edited, or the state it moved to (field by field)."""
    changes = field_changes(before, after)
    if before is None:
        action = Action.CREATED
    elif "status" in changes:
        action = ACTION_FOR_STATE[after.status]  # type: ignore[attr-defined]
    elif changes:
        action = Action.EDITED
    else:
        return None
    return record(actor=actor, obj=after, action=action, changes=changes, comment=comment)


def check_item_transition(actor: AbstractBaseUser, item: Item, new: str) -> str:
    """The action a move of *item* to state *new* records; raise if it is not allowed."""
    old = item.status
    if (old, new) not in ITEM_TRANSITIONS:
        raise ValidationError(
            _("An item cannot go from “%(old)s” to “%(new)s”.")
            % {"old": Status(old).label, "new": Status(new).label}
        )
    action = ACTION_FOR_STATE[new]
    if not roles.may_edit_item(actor, item):
        raise PermissionDenied(_("This item belongs to another institution."))
    if action != Action.SUBMITTED and not roles.is_editor(actor):
        raise PermissionDenied(_("Only an exhibition editor can do this."))
    return action


def change_item_state(
    *, item: Item, new: str, actor: AbstractBaseUser, comment: str = ""
) -> AuditEntry:
    """Move *item* to state *new*, checking the transition and the actor's role.

    Returning an item to its curator needs a comment saying what to fix.
    """
    with transaction.atomic():
        item = Item.objects.select_for_update().get(pk=item.pk)
        action = check_item_transition(actor, item, new)
        if action == Action.RETURNED and not comment.strip():
            raise ValidationError(_("Say what needs fixing when returning an item."))
        old = item.status
        item.status = new
        item.save(update_fields=["status", "updated_at"])
        return record(
            actor=actor,
            obj=item,
            action=action,
            changes={"status": [old, new]},
            comment=comment,
        )


def submit(*, item: Item, actor: AbstractBaseUser) -> AuditEntry:
    return change_item_state(item=item, new=Status.IN_REVIEW, actor=actor)


def approve(*, item: Item, actor: AbstractBaseUser, comment: str = "") -> AuditEntry:
    return change_item_state(item=item, new=Status.PUBLISHED, actor=actor, comment=comment)


def return_to_curator(*, item: Item, actor: AbstractBaseUser, comment: str) -> AuditEntry:
    return change_item_state(item=item, new=Status.DRAFT, actor=actor, comment=comment)


def withdraw(*, item: Item, actor: AbstractBaseUser, comment: str = "") -> AuditEntry:
    return change_item_state(item=item, new=Status.WITHDRAWN, actor=actor, comment=comment)


def set_exhibition_state(
    *, exhibition: models.Model, new: str, actor: AbstractBaseUser, comment: str = ""
) -> AuditEntry:
    """Publish or withdraw an exhibition (editors only), with its audit entry."""
    if not roles.is_editor(actor):
        raise PermissionDenied(_("Only an exhibition editor can do this."))
    with transaction.atomic():
        exhibition = type(exhibition).objects.select_for_update().get(pk=exhibition.pk)
        old = exhibition.status
        if old == new:
            raise ValidationError(_("The exhibition is already in that state."))
        exhibition.status = new
        exhibition.save(update_fields=["status", "updated_at"])
        return record(
            actor=actor,
            obj=exhibition,
            action=ACTION_FOR_STATE[new],
            changes={"status": [old, new]},
            comment=comment,
        )
