"""Migrating the test database to a given point inside a test, for the tests of a data migration.

Such a test starts from the state before the migration, with the historical models, and must end on the newest
state: a later test in the same process expects every table of the current models.
"""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


class Historical:
    """The historical models of the state a migration left, rendered only when a test asks for one: rendering
    every model takes seconds, and most calls (back to the newest state) need none."""

    def __init__(self, state):
        self.state = state

    def get_model(self, app_label, name):
        return self.state.apps.get_model(app_label, name)


def migrate(targets, through=()):
    """Migrate to `targets` ([(app, migration)]), checking that the walk applies each migration of `through` (the one
    under test, on the way to the newest state); returns the Historical models of that state."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    applied = {(migration.app_label, migration.name) for migration, backwards in executor.migration_plan(targets)}
    assert set(through) <= applied, f"{through} is not on the way to {targets}"
    return Historical(executor.migrate(targets))


def newest():
    """The targets of the newest state: what the current models expect."""
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()
