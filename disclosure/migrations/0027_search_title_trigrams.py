"""站内搜索 on PostgreSQL: a trigram index on the folded title as well, so that the tiers of the ranking (title
holds every term, some, none: search_backends.Matches) are counted from the titles' index rather than by
rechecking the text of every report a common term matches. SQLite needs nothing (its path is for small sites)."""

from django.db import migrations

FORWARD = "CREATE INDEX search_index_title_trgm ON disclosure_searchindex USING gin (title gin_trgm_ops)"
REVERSE = "DROP INDEX search_index_title_trgm"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def reverse(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REVERSE)


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0026_revision_search_order")]

    operations = [migrations.RunPython(forward, reverse, elidable=False)]
