from django.db.models.signals import post_delete, post_save
from django.urls import translate_url
from django.utils.translation import get_language

from disclosure import cached
from disclosure.accessibility import preferences, shortcuts
from disclosure.languages.declared import HTML_LANG, LANGUAGES
from disclosure.models import Link, SiteSettings

# The site's name, footer and top-bar links are on every page and change a few times a year: read once, then
# from the cache until either is saved or deleted (`forget_chrome`, connected by `connect`).
CHROME_KEY, CHROME_SECONDS = "site:chrome", 300


def chrome():
    """(SiteSettings, the top-bar links that have an address)."""
    return cached.read(
        CHROME_KEY, CHROME_SECONDS, lambda: (SiteSettings.load(), [link for link in Link.objects.all() if link.url])
    )


def forget_chrome(**kwargs):
    cached.forget(CHROME_KEY)


def connect():
    """A change to the site's settings or links forgets the chrome (called from apps.ready)."""
    for model in (SiteSettings, Link):
        post_save.connect(forget_chrome, sender=model, dispatch_uid=f"chrome-save-{model.__name__}")
        post_delete.connect(forget_chrome, sender=model, dispatch_uid=f"chrome-delete-{model.__name__}")


def site(request):
    """What base.html needs on every page: site identity, top-bar links, languages, preferences."""
    lang = get_language()
    path = request.get_full_path()
    prefs = preferences.read(request)
    zoom_out, zoom_in = preferences.zoom_steps(prefs["zoom"])
    pref_link = preferences.linker(path)
    site_settings, top_links = chrome()
    return {
        "site": site_settings,
        "top_links": top_links,
        "html_lang": HTML_LANG.get(lang, lang),
        "language_links": [
            {
                "code": language.code,
                "name": language.name,
                "html_lang": language.html_lang,
                "url": translate_url(path, language.code),
                "current": language.code == lang,
            }
            for language in LANGUAGES
        ],
        "prefs": prefs,
        "html_classes": preferences.html_classes(prefs),
        "text_only": preferences.text_only(prefs),
        "pref_links": {
            name: {value.replace("-", "_"): pref_link(name, value) for value in values}
            for name, values in preferences.CHOICES.items()
        },
        "reset_link": pref_link("reset", "1"),
        "shortcuts": shortcuts.keys(),
        "zoom_steps": preferences.CHOICES["zoom"],
        "zoom_links": {
            "out": pref_link("zoom", zoom_out),
            "in": pref_link("zoom", zoom_in),
        },
    }
