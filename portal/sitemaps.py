"""sitemap.xml with the pages of every language.

Wagtail's own sitemap lists the descendants of the site's root page, which is the default
language's home page; the English home page is its sibling (a translation), so its pages would
be missing. This one takes the root page and all its translations.
"""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class AllLanguagesSitemap(Sitemap):
    def items(self):
        roots = Page.objects.filter(translation_key=self.get_wagtail_site().root_page.translation_key)
        in_a_root = Q()
        for path in roots.values_list("path", flat=True):
            in_a_root |= Q(path__startswith=path)
        return Page.objects.filter(in_a_root).live().public().order_by("path").defer_streamfields().specific()
