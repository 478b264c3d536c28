from wagtail.signals import published

from .models import AwardRound


def round_published(sender, instance, **kwargs):
    from .services import record_publication

    record_publication(instance)


def register_signal_handlers():
    published.connect(round_published, sender=AwardRound, dispatch_uid="honours-round-published")
