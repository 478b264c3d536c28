from django.conf import settings


class ContentSecurityPolicyMiddleware:
    """Send a Content-Security-Policy on every response.

    The public site gets a strict policy (only our own files, no inline
    scripts); the Wagtail admin a looser one, because it relies on inline code.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            admin = request.path.startswith(("/admin/", "/django-admin/"))
            response["Content-Security-Policy"] = settings.CSP_ADMIN if admin else settings.CSP_PUBLIC
        return response
