"""Pages of the discussion groups (`/grupper/`): parse with a form, ask by action, call one
service. Everyone not signed in is asked to sign in first; a group or post the person may not
see is a 404, never a 403 that would tell it exists. Each page reads the person's membership of
a group once (`memberships_read_once`), however often it asks the table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from innovera.core.exceptions import ApplicationError
from innovera.core.forms import refusal_shown
from innovera.core.limits import rate
from innovera.core.permissions import View, can, requires
from innovera.spreading.groups import selectors, services
from innovera.spreading.groups.forms import (
    DecisionForm,
    GroupForm,
    InviteForm,
    JoinRequestForm,
    MemberForm,
    ModerateForm,
    PostForm,
    ReasonForm,
)
from innovera.spreading.groups.permissions import memberships_read_once
from innovera.spreading.models import DiscussionGroup, Post
from innovera.spreading.views_shared import download, person, refusal_said, visible


def group_page(action: str, methods: str, *, on_object: bool = False) -> Callable[[View], View]:
    """A group page's declaration in one line: the methods it answers ("GET", "POST" or
    "GET, POST"), the action it asks (`core.permissions.requires`), and the person's
    membership read once for the whole request, so no group page can forget the last."""

    def decorate(view: View) -> View:
        checked = requires(action, on_object=on_object)(view)
        answering = require_http_methods([m.strip() for m in methods.split(",")])(checked)
        return memberships_read_once()(answering)

    return decorate


def _group(request: HttpRequest, slug: str, action: str) -> DiscussionGroup:
    """The group, if the person may see it (else 404) and do `action` (else 403). Someone not
    signed in is refused (the decorator sends them to sign in) before anything is looked up."""
    person(request)
    return visible(request, selectors.group_by_slug(slug=slug), seen="group.view", action=action)


def _post(request: HttpRequest, slug: str, pk: int, action: str) -> Post:
    group = _group(request, slug, "group.view")
    post = selectors.post_in_group(group=group, pk=pk)
    return visible(request, post, seen="group_post.view", action=action)


def _published(
    request: HttpRequest,
    form: PostForm,
    *,
    group: DiscussionGroup,
    done: str,
    parent: Post | None = None,
) -> HttpResponse | None:
    """A new thread, or a reply to `parent`, from the form: the way to it, or None with the
    refusal at the form's field (the page is shown again with what was typed)."""
    if not form.is_valid():
        return None
    upload = form.cleaned_data.get("attachment")
    with refusal_shown(form):
        post = services.post_create(
            user=person(request),
            group=group,
            parent=parent,
            text=form.cleaned_data["text"],
            markdown=form.cleaned_data["markdown"],
            uploads=[upload] if upload else [],
        )
        messages.success(request, done)
        return redirect(post.get_absolute_url())
    return None


# --- groups ----------------------------------------------------------------------------------


@group_page("group.list", "GET")
def group_list(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "")[:200]
    groups = selectors.group_list(user=request.user, text=text)
    context = {"groups": groups, "q": text, "can_create": can(request.user, "group.create")}
    return render(request, "spreading/groups/group_list.html", context)


@group_page("group.create", "GET, POST")
def group_create(request: HttpRequest) -> HttpResponse:
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal_shown(form):
            group = services.group_create(user=person(request), **form.cleaned_data)
            messages.success(request, _("The group is created. You are its owner."))
            return redirect(group.get_absolute_url())
    return render(request, "spreading/groups/group_form.html", {"form": form})


@group_page("group.view", "GET", on_object=True)
def group_detail(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(request, slug, "group.view")
    try:
        number = int(request.GET.get("sida", "1"))
    except ValueError:
        number = 1
    page = selectors.group_page(user=request.user, group=group, page=number)
    user = request.user
    context: dict[str, Any] = {
        "group": selectors.group_with_count(group_id=group.pk),
        "view": page,
        "can_read": can(user, "group.read", group),
        "can_post": can(user, "group.post", group),
        "can_join": can(user, "group.join", group),
        "can_ask": can(user, "group.ask_to_join", group),
        "can_moderate": can(user, "group.moderate", group),
        "post_form": PostForm(),
        "request_form": JoinRequestForm(),
    }
    return render(request, "spreading/groups/group_detail.html", context)


@group_page("group.post", "POST", on_object=True)
@ratelimit(key="user", group="group_post", rate=rate("group_post"))
def group_post_create(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(request, slug, "group.post")
    form = PostForm(request.POST, request.FILES)
    published = _published(request, form, group=group, done=_("Your post is published."))
    if published is not None:
        return published
    page = selectors.group_page(user=request.user, group=group)
    context = {
        "group": selectors.group_with_count(group_id=group.pk),
        "view": page,
        "can_read": True,
        "can_post": True,
        "can_moderate": can(request.user, "group.moderate", group),
        "post_form": form,
    }
    return render(request, "spreading/groups/group_detail.html", context, status=400)


@group_page("group.join", "POST", on_object=True)
def group_join(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(request, slug, "group.join")
    services.group_join(user=person(request), group=group)
    messages.success(request, _("You are a member of the group."))
    return redirect(group.get_absolute_url())


@group_page("group.ask_to_join", "POST", on_object=True)
def group_ask(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(request, slug, "group.ask_to_join")
    form = JoinRequestForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    services.join_request_create(user=person(request), group=group, message=message)
    messages.success(request, _("Your request is sent. A moderator answers it."))
    return redirect(group.get_absolute_url())


@group_page("group.leave", "POST", on_object=True)
def group_leave(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(request, slug, "group.leave")
    with refusal_said(request):
        services.group_leave(user=person(request), group=group)
        messages.success(request, _("You have left the group."))
        return redirect("spreading:group_list")
    return redirect(group.get_absolute_url())


@group_page("group.follow", "POST", on_object=True)
def group_follow(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(request, slug, "group.follow")
    follow = request.POST.get("follow") == "1"
    services.follow_set(user=person(request), group=group, follow=follow)
    return redirect(group.get_absolute_url())


# --- members ---------------------------------------------------------------------------------


@group_page("group.read", "GET", on_object=True)
def group_members(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(request, slug, "group.read")
    moderator = can(request.user, "group.moderate", group)
    context = {
        "group": group,
        "view": selectors.members_page(group=group, moderator=moderator),
        "can_moderate": moderator,
        "can_manage": can(request.user, "group.manage", group),
        "invite_form": InviteForm(),
        "member_form": MemberForm(),
    }
    return render(request, "spreading/groups/group_members.html", context)


@group_page("group.moderate", "POST", on_object=True)
def group_invite(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(request, slug, "group.moderate")
    form = InviteForm(request.POST)
    back = reverse("spreading:group_members", kwargs={"slug": group.slug})
    if not form.is_valid():
        messages.error(request, _("Write the employee's e-mail address."))
        return redirect(back)
    invitee = (
        selectors.invitable_people(group=group)
        .filter(email__iexact=form.cleaned_data["email"])
        .first()
    )
    if invitee is None:
        messages.error(
            request,
            _("No employee who is not already a member has the address %(email)s.")
            % {"email": form.cleaned_data["email"]},
        )
        return redirect(back)
    with refusal_said(request):
        services.invitation_create(user=person(request), group=group, person=invitee)
        messages.success(request, _("%(name)s is invited.") % {"name": invitee.public_name})
    return redirect(back)


@group_page("group.moderate", "POST", on_object=True)
def join_request_decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    group = _group(request, slug, "group.moderate")
    form = DecisionForm(request.POST)
    back = reverse("spreading:group_members", kwargs={"slug": group.slug})
    if not form.is_valid():
        return redirect(back)
    if not group.join_requests.filter(pk=pk).exists():
        raise Http404
    with refusal_said(request):
        services.join_request_decide(
            user=person(request), request_id=pk, accept=form.cleaned_data["accept"]
        )
        messages.success(request, _("The request is answered."))
    return redirect(back)


@group_page("group.moderate", "POST", on_object=True)
def member_manage(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    group = _group(request, slug, "group.moderate")
    form = MemberForm(request.POST)
    back = reverse("spreading:group_members", kwargs={"slug": group.slug})
    if not form.is_valid():
        messages.error(request, _("Choose what to do."))
        return redirect(back)
    user = person(request)
    action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
    try:
        if action in ("mute", "unmute"):
            services.member_mute(
                user=user, group=group, member_id=pk, muted=action == "mute", reason=reason
            )
        elif action == "remove":
            services.member_remove(user=user, group=group, member_id=pk, reason=reason)
        else:
            services.member_set_role(
                user=user, group=group, member_id=pk, role=form.cleaned_data["role"]
            )
    except ApplicationError as error:
        if error.status == 404:
            raise Http404 from None
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Done."))
    return redirect(back)


@group_page("group.moderate", "GET", on_object=True)
def group_moderation(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(request, slug, "group.moderate")
    context = {
        "group": group,
        "posts": selectors.reported_posts(group=group),
        "form": ModerateForm(),
    }
    return render(request, "spreading/groups/group_moderation.html", context)


# --- threads and posts -----------------------------------------------------------------------


@group_page("group_post.view", "GET", on_object=True)
def group_thread(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    group = _group(request, slug, "group.view")
    view = selectors.thread(user=request.user, group=group, pk=pk)
    if view is None or not can(request.user, "group_post.view", view.post):
        raise Http404
    context = {
        "group": group,
        "view": view,
        "can_reply": can(request.user, "group_post.reply", view.post),
        "reply_form": PostForm(),
        "report_form": ReasonForm(),
        "moderate_form": ModerateForm(),
        "me": request.user,
    }
    return render(request, "spreading/groups/thread.html", context)


@group_page("group_post.reply", "POST", on_object=True)
@ratelimit(key="user", group="group_post", rate=rate("group_post"))
def post_reply(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    thread = _post(request, slug, pk, "group_post.reply")
    form = PostForm(request.POST, request.FILES)
    published = _published(
        request, form, group=thread.group, parent=thread, done=_("Your reply is published.")
    )
    if published is not None:
        return published
    view = selectors.thread(user=request.user, group=thread.group, pk=thread.pk)
    context = {
        "group": thread.group,
        "view": view,
        "can_reply": True,
        "reply_form": form,
        "report_form": ReasonForm(),
        "moderate_form": ModerateForm(),
        "me": request.user,
    }
    return render(request, "spreading/groups/thread.html", context, status=400)


@group_page("group.follow", "POST", on_object=True)
def thread_follow(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    thread = _post(request, slug, pk, "group_post.view")
    if thread.parent_id is not None:
        raise Http404
    if not can(request.user, "group.follow", thread.group):
        raise PermissionDenied("group.follow")
    follow = request.POST.get("follow") == "1"
    services.follow_set(user=person(request), group=thread.group, thread=thread, follow=follow)
    return redirect(thread.get_absolute_url())


@group_page("group_post.report", "POST", on_object=True)
def post_report(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    post = _post(request, slug, pk, "group_post.report")
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why you report the post."))
        return redirect(post.get_absolute_url())
    services.post_report(user=person(request), post=post, reason=form.cleaned_data["reason"])
    messages.success(request, _("Thank you. The moderators look at the post."))
    return redirect(post.get_absolute_url())


@group_page("group_post.moderate", "POST", on_object=True)
def post_moderate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    post = _post(request, slug, pk, "group_post.moderate")
    form = ModerateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to do."))
        return redirect(post.get_absolute_url())
    with refusal_said(request):
        services.post_moderate(
            user=person(request),
            post_id=post.pk,
            action=form.cleaned_data["action"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("The post is moderated; the author is told why."))
    if request.POST.get("next") == "moderation":
        return redirect("spreading:group_moderation", slug=post.group.slug)
    return redirect(post.get_absolute_url())


@group_page("group_post.attachment", "GET", on_object=True)
def post_attachment(request: HttpRequest, slug: str, pk: int, attachment_id: int) -> FileResponse:
    post = _post(request, slug, pk, "group_post.attachment")
    return download(
        selectors.attachment(group=post.group, post_id=post.pk, attachment_id=attachment_id)
    )


# --- invitations -----------------------------------------------------------------------------


@group_page("group_invitation.list_own", "GET")
def group_invitations(request: HttpRequest) -> HttpResponse:
    invitations = selectors.my_invitations(user=person(request))
    context = {"invitations": invitations, "now": timezone.now()}
    return render(request, "spreading/groups/invitations.html", context)


@group_page("group_invitation.respond", "POST", on_object=True)
def invitation_respond(request: HttpRequest, pk: int) -> HttpResponse:
    user = person(request)
    invitation = next((i for i in selectors.my_invitations(user=user) if i.pk == pk), None)
    if invitation is None:
        raise Http404
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return redirect("spreading:group_invitations")
    with refusal_said(request):
        services.invitation_respond(user=user, invitation_id=pk, accept=form.cleaned_data["accept"])
        if form.cleaned_data["accept"]:
            messages.success(request, _("You are a member of the group."))
            return redirect(invitation.group.get_absolute_url())
        messages.success(request, _("The invitation is declined."))
    return redirect("spreading:group_invitations")
