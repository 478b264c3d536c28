"""Clear the cached event and challenge pages when someone signs up, cancels or joins (portal/pagecache.py)."""

from django.db.models.signals import post_delete, post_save

from portal import pagecache

from .models import CHALLENGES_CACHE_TAG, EVENTS_CACHE_TAG, ChallengeParticipant, Registration


def registration_changed(sender, instance, **kwargs):
    pagecache.bump(EVENTS_CACHE_TAG)


def participant_changed(sender, instance, **kwargs):
    pagecache.bump(CHALLENGES_CACHE_TAG)


def register_signal_handlers():
    post_save.connect(registration_changed, sender=Registration, dispatch_uid="campaigns-pagecache-registration")
    post_delete.connect(registration_changed, sender=Registration, dispatch_uid="campaigns-pagecache-registration-del")
    post_save.connect(participant_changed, sender=ChallengeParticipant, dispatch_uid="campaigns-pagecache-participant")
    post_delete.connect(
        participant_changed, sender=ChallengeParticipant, dispatch_uid="campaigns-pagecache-participant-del"
    )
