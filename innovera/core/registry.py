"""The app registry: what each Innovera app contributes to the shared places.

Core never imports an app. Each app's `AppConfig` subclasses `InnoveraAppConfig` and declares
its menu entries, start-page cards, demo loader, search provider, "Mitt arbete" provider and
open-data datasets, and its part of a person's data rights (what it holds about them, and how
it erases it); core iterates over the installed apps and asks each one. The permission
table an action belongs to is found the same way (`permission_tables()`), so a single
`can(user, action, obj)` in `core.permissions` answers for every app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import import_module
from typing import IO, Any, ClassVar

from django.apps import AppConfig, apps
from django.utils.functional import Promise
from django.utils.module_loading import import_string

Label = str | Promise
Predicate = Callable[[Any, Any], bool]


@dataclass(frozen=True)
class MenuEntry:
    """A link in the main menu, shown to those the action allows (None: everyone)."""

    label: Label
    url_name: str
    action: str | None = None
    order: int = 100
    # URL names (besides url_name) under which this entry is the current page.
    current_for: tuple[str, ...] = ()
    # A number shown beside the label ("Mitt arbete 3"), asked for the person; None: none.
    badge: Callable[[Any], int | None] | None = None


@dataclass(frozen=True)
class StartCard:
    """A card on the start page; without url_name (or when the action says no) it has no link."""

    title: Label
    description: Label
    url_name: str | None = None
    action: str | None = None
    note: Label | None = None
    order: int = 100


@dataclass(frozen=True)
class SearchHit:
    """One result of the cross-app search; the provider has already applied its visibility."""

    kind: Label  # what it is, shown with the hit ("Idé", "Gott exempel")
    title: str
    url: str
    summary: str = ""
    rank: float = 0.0


@dataclass(frozen=True)
class WorkItem:
    """One line of "Mitt arbete": what waits for this person and where it is done."""

    group: Label  # the heading it stands under ("Idéer", "Enkäter")
    label: Label
    url: str
    count: int | None = None
    order: int = 100
    # Waiting for the person to act (counted in the menu), or only for their information
    # ("Dina idéer och deras steg").
    waiting: bool = True
    # A line of detail under the label ("Under bedömning, inskickad 1 december 2026").
    detail: Label = ""


@dataclass(frozen=True)
class DigestLine:
    """One line another app adds to a person's weekly digest (sent by `innovera ideas_digest`).
    The provider has asked, at the moment of sending, whether the person may see it."""

    text: str
    url: str


@dataclass(frozen=True)
class RelatedLink:
    """A link another app adds to an object's page ("Spridd som gott exempel" on an idea).
    The provider has already asked whether the person may follow it."""

    label: Label
    url: str
    title: str = ""


@dataclass(frozen=True)
class DatasetField:
    name: str
    type: str  # a Frictionless/Table Schema type: string, integer, number, date, datetime, boolean
    description: Label = ""


@dataclass(frozen=True)
class Dataset:
    """An open dataset (CC BY 4.0). `rows()` yields dicts keyed by the field names; it must
    stream (an iterator over a queryset's `.iterator()`), never build the whole list."""

    code: str
    title: Label
    description: Label
    fields: tuple[DatasetField, ...]
    rows: Callable[[], Iterable[dict[str, Any]]]
    keywords: tuple[str, ...] = field(default=())


def named_rows(
    rows: Iterable[Sequence[Any]], fields: tuple[DatasetField, ...]
) -> Iterator[dict[str, Any]]:
    """A dataset's rows given as value lists in its fields' order (a `values_list` query), as
    the dicts `Dataset.rows` yields, keyed by the fields' names; streamed as they come."""
    names = [field.name for field in fields]
    for row in rows:
        yield dict(zip(names, row, strict=True))


@dataclass(frozen=True)
class PersonalFile:
    """A file the person uploaded, put into their data export (GDPR art. 15/20) as `name`
    (a path inside the ZIP, e.g. "ideas/attachments/12-budget.pdf")."""

    name: str
    open: Callable[[], IO[bytes]]


class InnoveraAppConfig(AppConfig):
    """Base class for the apps' configs. Override what the app contributes; the defaults
    contribute nothing. Subclass it as `registry.InnoveraAppConfig` (import the module, not
    the class): Django picks an app's config automatically only when its `apps.py` holds one
    AppConfig subclass."""

    default_auto_field = "django.db.models.BigAutoField"
    # Dotted path of the module holding the app's permission table `PERMISSIONS`.
    permissions_module: str | None = None
    # Demo loaders run in this order (organisations first: the others need its units).
    demo_order: int = 100
    # Dotted path of the app's API URLconf (`<app>.api.urls`), mounted by the API root
    # (`core.api.urls`) under /api/v1/ in the namespace `api:<label>`.
    api_urls: str | None = None

    # What the app adds to the main menu and the start page, declared once; an app whose
    # entries need something at run time overrides menu_entries() or start_cards() instead.
    menu: ClassVar[tuple[MenuEntry, ...]] = ()
    cards: ClassVar[tuple[StartCard, ...]] = ()
    # Dotted path of the function that loads the app's demo data, called by load_demo for its
    # effect and imported only then (the app's modules need the models, not ready here). An
    # app whose demo has lines to print overrides load_demo instead.
    demo_loader: str | None = None

    def menu_entries(self) -> list[MenuEntry]:
        return list(self.menu)

    def start_cards(self) -> list[StartCard]:
        return list(self.cards)

    def load_demo(self) -> str | None:
        """Load the app's demo data unless it is there; may return lines for the demo
        command to print (run by `innovera demo` in `demo_order`)."""
        if self.demo_loader is not None:
            import_string(self.demo_loader)()
        return None

    def search(self, user: Any, query: str, limit: int) -> list[SearchHit]:
        return []

    def my_work(self, user: Any) -> list[WorkItem]:
        return []

    def open_datasets(self) -> list[Dataset]:
        return []

    def digest_lines(self, user: Any, *, now: Any) -> list[DigestLine]:
        """What this app adds to `user`'s weekly digest: its notices not yet mailed, marked
        as mailed at `now`. Called inside the digest's transaction for each person who chose
        the digest, so a line is mailed once, and only to someone who may still see it."""
        return []

    def related_links(self, user: Any, obj: Any) -> list[RelatedLink]:
        """Links this app adds to another app's object page (`{% related_links obj %}`)."""
        return []

    # Models with a link to the user that personal_data() deliberately leaves out, as
    # model label ("surveys.Invitation") -> the reason. A test walks every model with a
    # foreign key, one-to-one or many-to-many to the user and fails for a model that is
    # neither a key of some app's personal_data() nor named here.
    personal_data_exempt: ClassVar[dict[str, str]] = {}
    # Dotted path of a module with `personal_data(user)` and `erase_personal_data(user)`, which
    # the two methods below then call (imported only then: it needs the models).
    personal_data_module: str | None = None

    def personal_data(self, user: Any) -> dict[str, list[dict[str, Any]]]:
        """Everything this app holds about `user`, for "Mina uppgifter" and `innovera gdpr
        export`: model label ("ideas.Comment") -> JSON-serialisable records (str, numbers,
        bools, None, ISO dates as str, lists, dicts). Give every model with a link to the
        user a key, with an empty list when there is nothing, so the walk test sees it."""
        if self.personal_data_module is None:
            return {}
        data: dict[str, list[dict[str, Any]]] = import_module(
            self.personal_data_module
        ).personal_data(user)
        return data

    def personal_files(self, user: Any) -> list[PersonalFile]:
        """The files `user` uploaded, for the same export."""
        return []

    def erase_personal_data(self, user: Any) -> None:
        """Erase what this app holds about `user` (GDPR art. 17, within arkivlagen/OSL).

        Runs inside the erasure's transaction, before the account itself is anonymised
        (organisations then removes name, e-mail, provider sub, unit, password, sessions and
        API tokens, and the account shows as "Borttagen användare"). Delete what is only the
        person's (follows, notification settings, drafts, bookings); keep what is counted but
        untie it from the person (supports); leave what the city keeps as public records
        (ideas, decisions) linked to the account. Remove copies of the person's name stored
        elsewhere (e.g. in notices others received)."""
        if self.personal_data_module is not None:
            import_module(self.personal_data_module).erase_personal_data(user)

    def recover_interrupted_work(self) -> str:
        """End work a crash left half done (e.g. a background import stuck "running") and
        delete the files it left; a sentence saying what was done, or "" for nothing.

        Called at start-up (`innovera serve`, `innovera demo`) and by `innovera housekeeping`;
        it must tolerate work that is still running in another process."""
        return ""


def recover_interrupted_work() -> list[str]:
    """Every app's :meth:`InnoveraAppConfig.recover_interrupted_work`, the non-empty reports."""
    return [report for config in innovera_apps() if (report := config.recover_interrupted_work())]


def innovera_apps() -> list[InnoveraAppConfig]:
    return [config for config in apps.get_app_configs() if isinstance(config, InnoveraAppConfig)]


def permission_tables() -> dict[str, tuple[str, dict[str, Predicate]]]:
    """action → (app label, the table that holds it). An action is declared in one app only."""
    tables: dict[str, tuple[str, dict[str, Predicate]]] = {}
    for config in innovera_apps():
        if not config.permissions_module:
            continue
        table: dict[str, Predicate] = import_module(config.permissions_module).PERMISSIONS
        for action in table:
            if action in tables:
                raise ValueError(
                    f"The action {action!r} is declared by both {tables[action][0]} and "
                    f"{config.label}"
                )
            tables[action] = (config.label, table)
    return tables
