"""Content-Security-Policy and Permissions-Policy headers, from settings, on every response.

No nonces and no hashes: published pages are cached, and a nonce in a cached page is no nonce. So every
script and style lives in a file under static/ (templates carry no <script> body, no <style> block and
no style= or on…= attribute) and the policy allows our own origin only. A view that needs a different
policy sets the header itself; it is then left alone. With DEBUG on, error responses go without the
policy: they are Django's technical pages, built with inline styles and scripts, and never seen in production.
"""

from django.conf import settings


def policy(directives):
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.header = policy(settings.CONTENT_SECURITY_POLICY)
        self.permissions = getattr(settings, "PERMISSIONS_POLICY", "")

    def __call__(self, request):
        response = self.get_response(request)
        if settings.DEBUG and response.status_code >= 400:
            return response
        response.headers.setdefault("Content-Security-Policy", self.header)
        if self.permissions:
            response.headers.setdefault("Permissions-Policy", self.permissions)
        return response
