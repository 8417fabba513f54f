"""Demo discussion groups, after Vienna's Wien.Team (report §4.1, Bilaga 6): three open groups
across administrations, one closed network of managers and one hidden working group of the
innovation office, with posts, replies, a mention, a waiting request to join and a reported
post, so the demo's coordinator has moderation work in "Mitt arbete"."""

from __future__ import annotations

from typing import NamedTuple

from django.db import transaction
from django.test.utils import override_settings

from innovera.organisations.models import User
from innovera.spreading.groups import services
from innovera.spreading.models import DiscussionGroup, Post

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


class _Post(NamedTuple):
    author: str
    text: str
    markdown: bool = False


# The demo's groups in the order they are made: owner, name, slug, purpose, access, the people
# invited (who accept) and the threads, each its opening post and its replies.
GROUPS = [
    (
        COORDINATOR,
        "Tillitsbaserad styrning i vardagen",
        "tillitsbaserad-styrning",
        "Hur vi ger medarbetarna mer utrymme och följer upp det som spelar roll.",
        "open",
        (EMPLOYEE, FARSTA),
        [
            [
                _Post(
                    COORDINATOR,
                    "Vi har slutat med veckorapporterna i hemtjänsten och frågar i stället "
                    "brukarna en gång i månaden. **Vad** har ni slutat mäta?",
                    markdown=True,
                ),
                _Post(
                    FARSTA,
                    "I Farsta räknar vi inte längre besök per dag. @medarbetare, hur blev det "
                    "hos er?",
                ),
                _Post(EMPLOYEE, "Mer tid hos brukarna och färre samtal om schemat."),
            ],
            [_Post(EMPLOYEE, "Säljer begagnade cyklar, hör av er!")],
        ],
    ),
    (
        FARSTA,
        "Digitala verktyg i hemtjänsten",
        "digitala-verktyg-hemtjansten",
        "Nyckelfria lås, planering i mobilen och det som inte fungerade.",
        "open",
        (COORDINATOR,),
        [
            [
                _Post(
                    FARSTA,
                    "Vi prövar digitala nycklar i två arbetslag från januari. Någon som vill "
                    "jämföra?",
                )
            ]
        ],
    ),
    (
        OFFICE,
        "Förnyelsepriset – tips till nominerande",
        "fornyelsepriset-tips",
        "Frågor och svar om hur man nominerar till förnyelsepriset.",
        "open",
        (),
        [],
    ),
    (
        FARSTA,
        "Chefsnätverket för äldreomsorg",
        "chefsnatverket-aldreomsorg",
        "Enhetschefer i äldreomsorgen delar frågor om bemanning och arbetsmiljö.",
        "closed",
        (COORDINATOR,),
        [
            [
                _Post(
                    FARSTA,
                    "Sjukfrånvaron i nattpatrullen har gått ned sedan vi införde fasta team.",
                )
            ]
        ],
    ),
    (
        OFFICE,
        "Innovationskontorets beredning",
        "innovationskontorets-beredning",
        "Beredning av prioriteringar inför innovationsrådet.",
        "hidden",
        (ADMIN,),
        [
            [
                _Post(
                    OFFICE,
                    "Underlaget till rådets prioriteringar i februari ligger i dokumentarkivet.",
                )
            ]
        ],
    ),
]


@transaction.atomic
def _load() -> None:
    for owner, name, slug, purpose, access, invited, threads in GROUPS:
        group = services.group_create(
            user=_person(owner), name=name, slug=slug, purpose=purpose, access=access
        )
        for email in invited:
            invitation = services.invitation_create(
                user=_person(owner), group=group, person=_person(email)
            )
            services.invitation_respond(
                user=_person(email), invitation_id=invitation.pk, accept=True
            )
        for opening, *replies in threads:
            first = _post(group, opening)
            for reply in replies:
                _post(group, reply, parent=first)
    # The closed network's waiting request goes to its moderator, the demo's coordinator.
    managers = DiscussionGroup.objects.get(slug="chefsnatverket-aldreomsorg")
    coordinator, farsta = _person(COORDINATOR), _person(FARSTA)
    member = managers.members.get(person=coordinator)
    services.member_set_role(user=farsta, group=managers, member_id=member.pk, role="moderator")
    services.join_request_create(
        user=_person(EMPLOYEE),
        group=managers,
        message="Jag är samordnare i ett arbetslag i Bromma.",
    )
    # A reported post waits for the open group's owner (the demo's coordinator).
    spam = DiscussionGroup.objects.get(slug="tillitsbaserad-styrning").posts.get(
        text__startswith="Säljer"
    )
    services.post_report(user=farsta, post=spam, reason="Reklam hör inte hemma i gruppen.")


def _post(group: DiscussionGroup, post: _Post, parent: Post | None = None) -> Post:
    return services.post_create(
        user=_person(post.author),
        group=group,
        text=post.text,
        markdown=post.markdown,
        parent=parent,
    )
