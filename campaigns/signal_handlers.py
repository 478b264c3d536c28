"""Clear the cached event and challenge pages when someone signs up, cancels or joins (portal/pagecache.py),
and the cached 成果展示 photo lists when an image or a collection changes."""

from django.db.models.signals import post_delete, post_save
from wagtail.images import get_image_model
from wagtail.models import Collection

from portal import pagecache

from .models import CHALLENGES_CACHE_TAG, EVENTS_CACHE_TAG, ChallengeParticipant, Registration, forget_galleries


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
    # 成果展示's photos are cached (CampaignPage.outcome_photos) until an image or a collection
    # changes, or a rendition is deleted (its address would then be gone); making a rendition
    # changes nothing cached.
    image = get_image_model()
    for model, signals in (
        (image, (("saved", post_save), ("deleted", post_delete))),
        (Collection, (("saved", post_save), ("deleted", post_delete))),
        (image.get_rendition_model(), (("deleted", post_delete),)),
    ):
        for name, signal in signals:
            uid = f"campaigns-gallery-{model._meta.label_lower}-{name}"
            signal.connect(forget_galleries, sender=model, dispatch_uid=uid)
