"""Reading notes (读书心得) on the public site: write, edit, read, like, 我的心得.

Every rule lives in notes.services; these views collect input and show
the answer. Somebody else's unpublished note is a 404, exactly like a note
that does not exist, on the note page and on the edit page (moderators read
the notes waiting for their review: ReadingNote.objects.visible_to).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from booklists.models import Book, cover_prefetch
from booklists.search import search_books
from portal import pagecache
from portal.pagination import paginate
from portal.params import int_param
from portal.sanitize import render_user_html

from . import services
from .forms import NoteForm, open_campaigns
from .models import NOTES_PER_PAGE, NoteStatus, ReadingNote, note_status

BOOK_SEARCH_LIMIT = 10


def status_labels():
    return {
        NoteStatus.DRAFT: _("Draft"),
        NoteStatus.PENDING: _("Waiting for review"),
        NoteStatus.RETURNED: _("Returned for changes"),
        NoteStatus.PUBLISHED: _("Published"),
        NoteStatus.EXCELLENT: _("Excellent"),
    }


def note_for_reader(request, pk):
    """The note as this visitor may see it, or 404.

    A published note is shown as published (a pending revision stays hidden);
    an unpublished one only to its author, and to moderators while it waits for their review.
    """
    notes = (
        ReadingNote.objects.visible_to(request.user)
        .select_related("author__department", "book__category", "campaign")
        .prefetch_related(cover_prefetch_for_note())
    )
    return get_object_or_404(notes.with_verified().liked_by(request.user), pk=pk)


def cover_prefetch_for_note():
    prefetch = cover_prefetch()
    prefetch.add_prefix("book")
    return prefetch


def detail(request, pk):
    note = note_for_reader(request, pk)
    is_author = request.user.is_authenticated and note.author_id == request.user.pk
    status = None
    if is_author or not note.live:
        status = note_status(note)
    if note.live:
        # Only a published note's page is kept for anonymous visitors (portal/pagecache.py);
        # a draft shown to its author is a logged-in response, never stored.
        pagecache.tag(request, pagecache.note_tag(note))
    if note.live and request.method == "GET" and not is_author:
        note.read_count += note.record_read()
        pagecache.count_hits(request, note.pending_reads_key)
    context = {
        "note": note,
        "body": render_user_html(note.body),
        "is_author": is_author,
        "status": status,
        "status_label": status_labels().get(status, ""),
        "can_edit": is_author and status != NoteStatus.PENDING,
        "liked": getattr(note, "liked", False),
        "like_url": reverse("notes:like", args=[note.pk]),
        "login_url": f"{reverse('people:login')}?next={request.path}",
    }
    return render(request, "notes/note_detail.html", context)


@require_POST
def like(request, pk):
    if not request.user.is_authenticated:
        return redirect(f"{reverse('people:login')}?next={reverse('notes:detail', args=[pk])}")
    note = get_object_or_404(ReadingNote.objects.published(), pk=pk)
    try:
        counted = services.like(note, request.user)
    except services.NotAllowed as error:
        messages.error(request, error.message)
        return redirect(note.get_absolute_url())
    if counted:
        messages.success(request, _("Thank you for liking this note."))
    else:
        messages.info(request, _("You have already liked this note."))
    return redirect(note.get_absolute_url())


@login_required
def mine(request):
    notes = (
        ReadingNote.objects.filter(author=request.user)
        .select_related("book")
        .with_status()
        .with_verified()
        .order_by("-created_at", "-pk")
    )
    page = paginate(request, notes, NOTES_PER_PAGE)
    labels = status_labels()
    for note in page:
        note.status = note_status(note)
        note.status_label = labels[note.status]
    return render(request, "notes/my_notes.html", {"notes": page})


def _editor_body(stored):
    """Stored rich text as HTML for the editor (expanded and cleaned again)."""
    return str(render_user_html(stored))


@login_required
def write(request):
    return _edit(request, None)


@login_required
def edit(request, pk):
    note = get_object_or_404(ReadingNote.objects.select_related("book", "campaign"), pk=pk, author=request.user)
    return _edit(request, note)


def _edit(request, note):
    status = note_status(note) if note is not None else NoteStatus.DRAFT
    if status == NoteStatus.PENDING:
        messages.info(request, _("This note is waiting for review and cannot be changed now."))
        return redirect(note.get_absolute_url())
    # The author edits the newest version: for a published note, a change may be waiting in a revision.
    current = note.get_latest_revision_as_object() if note is not None else None
    campaigns = open_campaigns(include_pk=current.campaign_id if current is not None else None)
    book = None
    if request.method == "POST":
        form = NoteForm(request.POST, campaigns=campaigns)
        if form.is_valid():
            submit = "submit" in request.POST
            data = form.cleaned_data
            try:
                saved = services.save_note(
                    request.user,
                    book=data["book"],
                    text=data["text"],
                    campaign=data["campaign"],
                    note=note,
                    submit=submit,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if submit:
                    messages.success(request, _("Your note has been submitted. A moderator will review it."))
                    return redirect("notes:mine")
                messages.success(request, _("Draft saved."))
                return redirect("notes:edit", pk=saved.pk)
        book = form.cleaned_data.get("book") if hasattr(form, "cleaned_data") else None
    elif current is not None:
        book = current.book
        form = NoteForm(
            initial={
                "title": current.title,
                "book": current.book_id,
                "book_query": current.book.title,
                "campaign": str(current.campaign_id or ""),
                "quote": current.quote,
                "body": _editor_body(current.body),
            },
            campaigns=campaigns,
        )
    else:
        book_id = int_param(request, "book")
        if book_id is not None:
            book = Book.objects.catalogue().filter(pk=book_id).first()
        form = NoteForm(
            initial={"book": book.pk if book else None, "book_query": book.title if book else ""},
            campaigns=campaigns,
        )
        if len(campaigns) == 1:
            form.initial["campaign"] = str(campaigns[0].pk)
    return_reason = ""
    if note is not None and status == NoteStatus.RETURNED:
        return_reason = ReadingNote.objects.filter(pk=note.pk).with_status().values_list("return_reason", flat=True)[0]
    context = {
        "form": form,
        "note": note,
        "book": book,
        "status": status,
        "status_label": status_labels()[status],
        "return_reason": return_reason,
        "is_live": bool(note and note.live),
        "book_search_url": reverse("notes:book_search"),
    }
    return render(request, "notes/note_form.html", context)


@require_GET
def book_search(request):
    """Books for the note form's picker: CJK-aware search of the catalogue (`笔记` finds `读书笔记`), or an ISBN."""
    query = request.GET.get("q", "").strip()[:50]
    results = []
    if query:
        books = search_books(query)[:BOOK_SEARCH_LIMIT]
        results = [{"id": book.pk, "title": book.title, "authors": book.authors} for book in books]
    return JsonResponse({"results": results})
