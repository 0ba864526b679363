from django.urls import translate_url
from django.utils.translation import get_language

from disclosure.accessibility import preferences, shortcuts
from disclosure.languages.declared import HTML_LANG, LANGUAGES
from disclosure.models import Link, SiteSettings


def site(request):
    """What base.html needs on every page: site identity, top-bar links, languages, preferences."""
    lang = get_language()
    path = request.get_full_path()
    prefs = preferences.read(request)
    zoom_out, zoom_in = preferences.zoom_steps(prefs["zoom"])
    pref_link = preferences.linker(path)
    return {
        "site": SiteSettings.load(),
        "top_links": [link for link in Link.objects.all() if link.url],
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
