"""Who may do what: roles read from memberships, one place for every check.

- Administrator: a Django superuser; manages institutions, users and memberships.
- Exhibition editor: sees and edits every item, composes exhibitions, publishes.
- Institution curator: sees and edits only the items of their institutions, and can take
  an item no further than "in review".
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser

from trienlam.catalogue.models import Item, Membership

User = AbstractBaseUser | AnonymousUser

# The states a curator may give an item; publishing and withdrawing are for editors.
CURATOR_STATES = (Item.Status.DRAFT, Item.Status.IN_REVIEW)


@dataclass(frozen=True)
class Roles:
    administrator: bool
    editor: bool  # administrators count as editors
    curator_of: frozenset[int]  # institution ids


NOBODY = Roles(administrator=False, editor=False, curator_of=frozenset())


def roles_of(user: User) -> Roles:
    """The person's roles, read once per user object (so once per request)."""
    if not (user.is_authenticated and user.is_active):
        return NOBODY
    cached = getattr(user, "_trienlam_roles", None)
    if cached is not None:
        return cached
    rows = list(Membership.objects.filter(user_id=user.pk).values_list("role", "institution_id"))
    administrator = bool(user.is_superuser)
    roles = Roles(
        administrator=administrator,
        editor=administrator or any(role == Membership.Role.EDITOR for role, _ in rows),
        curator_of=frozenset(
            institution
            for role, institution in rows
            if role == Membership.Role.CURATOR and institution is not None
        ),
    )
    user._trienlam_roles = roles  # type: ignore[union-attr]
    return roles


def is_administrator(user: User) -> bool:
    return roles_of(user).administrator


def is_editor(user: User) -> bool:
    return roles_of(user).editor


def curator_institution_ids(user: User) -> frozenset[int]:
    return roles_of(user).curator_of


def sees_everything(user: User) -> bool:
    """Administrators and editors see every institution's items, drafts included."""
    return roles_of(user).editor


def may_use_catalogue(user: User) -> bool:
    roles = roles_of(user)
    return roles.editor or bool(roles.curator_of)


def may_edit_item(user: User, item: Item) -> bool:
    roles = roles_of(user)
    return roles.editor or item.institution_id in roles.curator_of


def allowed_states(user: User) -> tuple[str, ...]:
    return tuple(Item.Status.values) if is_editor(user) else tuple(CURATOR_STATES)
