"""The 无障碍浏览 toolbar's buttons, drawn from the choices disclosure/accessibility/preferences.py declares."""

from django import template

from disclosure.accessibility import preferences

register = template.Library()


@register.simple_tag(takes_context=True)
def choice_buttons(context, name):
    """One button per choice of the preference `name`: its value, link, shortcut, label and whether pressed."""
    current = context["prefs"][name]
    buttons = []
    for value, label in preferences.CHOICE_LABELS[name].items():
        key = f"{name}_{value.replace('-', '_')}"
        buttons.append(
            {
                "value": value,
                "href": context["pref_links"][name][value.replace("-", "_")],
                "keys": context["shortcuts"].get(key, ""),
                "label": label,
                "face": preferences.SIZE_FACES.get(value, "") if name == "size" else "",
                "pressed": value == current,
            }
        )
    return buttons


@register.simple_tag(takes_context=True)
def switch_buttons(context):
    """One on/off button per switch: pressed when on, its link turning it the other way."""
    prefs, links = context["prefs"], context["pref_links"]
    return [
        {
            "name": name,
            "label": label,
            "keys": context["shortcuts"][name],
            "on": prefs[name] == "on",
            "next": "off" if prefs[name] == "on" else "on",
            "href": links[name]["off" if prefs[name] == "on" else "on"],
            "script_only": name in preferences.SCRIPT_ONLY,
        }
        for name, label in preferences.SWITCH_LABELS.items()
    ]
