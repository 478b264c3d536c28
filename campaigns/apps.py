from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.images import get_image_model
        from wagtail.models import Collection

        from .models import forget_galleries

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
