"""Demo discussion groups, after Vienna's Wien.Team (report §4.1, Bilaga 6): three open groups
across administrations, one closed network of managers and one hidden working group of the
innovation office, with posts, replies, a mention, a waiting request to join and a reported
post, so the demo's coordinator has moderation work in "Mitt arbete"."""

from __future__ import annotations

from django.db import transaction
from django.test.utils import override_settings

from innovera.organisations.models import User
from innovera.spreading.groups import services
from innovera.spreading.models import DiscussionGroup

EMPLOYEE = "medarbetare@demo.example.org"
COORDINATOR = "samordnare@demo.example.org"
FARSTA = "samordnare.farsta@demo.example.org"
OFFICE = "innovationskontoret@demo.example.org"
ADMIN = "admin@demo.example.org"


def demo_groups_load() -> bool:
    """Create the demo groups unless there are groups."""
    if DiscussionGroup.objects.exists():
        return False
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        _load()
    return True


def _person(email: str) -> User:
    return User.objects.get(email=email)


def _invite(group: DiscussionGroup, owner: User, *people: User) -> None:
    for person in people:
        invitation = services.invitation_create(user=owner, group=group, person=person)
        services.invitation_respond(user=person, invitation_id=invitation.pk, accept=True)


@transaction.atomic
def _load() -> None:
    employee, coordinator, farsta = _person(EMPLOYEE), _person(COORDINATOR), _person(FARSTA)
    office, admin = _person(OFFICE), _person(ADMIN)

    trust = services.group_create(
        user=coordinator,
        name="Tillitsbaserad styrning i vardagen",
        slug="tillitsbaserad-styrning",
        purpose="Hur vi ger medarbetarna mer utrymme och följer upp det som spelar roll.",
        access="open",
    )
    _invite(trust, coordinator, employee, farsta)
    first = services.post_create(
        user=coordinator,
        group=trust,
        text="Vi har slutat med veckorapporterna i hemtjänsten och frågar i stället "
        "brukarna en gång i månaden. **Vad** har ni slutat mäta?",
        markdown=True,
    )
    services.post_create(
        user=farsta,
        group=trust,
        parent=first,
        text="I Farsta räknar vi inte längre besök per dag. @medarbetare, hur blev det hos er?",
    )
    services.post_create(
        user=employee,
        group=trust,
        parent=first,
        text="Mer tid hos brukarna och färre samtal om schemat.",
    )
    services.post_create(
        user=employee,
        group=trust,
        text="Säljer begagnade cyklar, hör av er!",
    )

    digital = services.group_create(
        user=farsta,
        name="Digitala verktyg i hemtjänsten",
        slug="digitala-verktyg-hemtjansten",
        purpose="Nyckelfria lås, planering i mobilen och det som inte fungerade.",
        access="open",
    )
    _invite(digital, farsta, coordinator)
    services.post_create(
        user=farsta,
        group=digital,
        text="Vi prövar digitala nycklar i två arbetslag från januari. Någon som vill jämföra?",
    )

    services.group_create(
        user=office,
        name="Förnyelsepriset – tips till nominerande",
        slug="fornyelsepriset-tips",
        purpose="Frågor och svar om hur man nominerar till förnyelsepriset.",
        access="open",
    )

    managers = services.group_create(
        user=farsta,
        name="Chefsnätverket för äldreomsorg",
        slug="chefsnatverket-aldreomsorg",
        purpose="Enhetschefer i äldreomsorgen delar frågor om bemanning och arbetsmiljö.",
        access="closed",
    )
    _invite(managers, farsta, coordinator)
    members = managers.members.get(person=coordinator)
    services.member_set_role(user=farsta, group=managers, member_id=members.pk, role="moderator")
    services.post_create(
        user=farsta,
        group=managers,
        text="Sjukfrånvaron i nattpatrullen har gått ned sedan vi införde fasta team.",
    )
    services.join_request_create(
        user=employee, group=managers, message="Jag är samordnare i ett arbetslag i Bromma."
    )

    board = services.group_create(
        user=office,
        name="Innovationskontorets beredning",
        slug="innovationskontorets-beredning",
        purpose="Beredning av prioriteringar inför innovationsrådet.",
        access="hidden",
    )
    _invite(board, office, admin)
    services.post_create(
        user=office,
        group=board,
        text="Underlaget till rådets prioriteringar i februari ligger i dokumentarkivet.",
    )

    # A reported post waits for the open group's owner (the demo's coordinator).
    spam = trust.posts.get(text__startswith="Säljer")
    services.post_report(user=farsta, post=spam, reason="Reklam hör inte hemma i gruppen.")
