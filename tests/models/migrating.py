"""Migrating the test database to a given point inside a test, for the tests of a data migration.

Such a test starts from the state before the migration, with the historical models, and must end on the newest
state: a later test in the same process expects every table of the current models.
"""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets):
    """Migrate to `targets` ([(app, migration)]); returns the historical apps of that state."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def newest():
    """The targets of the newest state: what the current models expect."""
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()
