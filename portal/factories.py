"""Factories shared by every app's tests (factory_boy + wagtail_factories).

Every page factory needs a ``parent`` page. Pages are published through a
real revision (``save_revision().publish()``), exactly as the admin does;
pass ``live=False`` to get a page that has only a draft revision.
"""

import factory
import wagtail_factories
from wagtail.rich_text import RichText


def rich_body(*paragraphs):
    """A BodyBlock stream value made of rich-text paragraphs."""
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in paragraphs]


class PublishedPageFactory(wagtail_factories.PageFactory):
    """Creates the page under ``parent`` and publishes a revision of it."""

    slug = factory.Sequence(lambda n: f"page-{n}")
    live = True

    # Declarations that are not model constructor arguments; handed to before_add().
    _deferred_fields = ()

    class Meta:
        abstract = True

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        if parent is None:
            raise ValueError(f"{cls.__name__} needs a parent page")
        publish = kwargs.get("live", True)
        extras = {name: kwargs.pop(name) for name in cls._deferred_fields if name in kwargs}
        instance = model_class(**kwargs)
        cls.before_add(instance, **extras)
        parent.add_child(instance=instance)
        revision = instance.save_revision()
        if publish:
            revision.publish()
            instance.refresh_from_db()
        return instance

    @classmethod
    def before_add(cls, instance, **extras):
        """Hook for relations that must exist before the first save."""
