"""SQL shapes PostgreSQL plans well where Django's default shape misleads its planner."""

from django.db import connections
from django.db.models import F, Func, Lookup, Q


class AnyOfArray(Lookup):
    """``lhs = ANY(ARRAY(subquery))`` (PostgreSQL): the matches are gathered once, then looked up by key.

    With ``pk IN (subquery)`` PostgreSQL plans a semi-join; under the results page's ORDER BY …
    LIMIT with ``COUNT(*) OVER ()`` it picks a nested loop that compares every row with every
    match (平凡 in the catalogue at 20,000 books: 7.7 s, 读书 in the notes: 15 s). The array is
    computed once (an InitPlan) and read through the primary key: 33 ms and 270 ms, and rare
    terms as fast as before (bench/README.md).
    """

    lookup_name = "any_of_array"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", (*lhs_params, *rhs_params)


def pk_in_any(*subqueries):
    """A filter: the row's primary key is among the values of any of ``subqueries`` (one-column querysets).

    On PostgreSQL ``pk = ANY(ARRAY(s1) || ARRAY(s2) …)``, each subquery computed once (see AnyOfArray);
    elsewhere ``pk IN (s1) OR pk IN (s2) …``.
    """
    if connections[subqueries[0].db].vendor != "postgresql":
        condition = Q()
        for subquery in subqueries:
            condition |= Q(pk__in=subquery)
        return condition
    from django.contrib.postgres.expressions import ArraySubquery

    arrays = [ArraySubquery(subquery) for subquery in subqueries]
    combined = arrays[0] if len(arrays) == 1 else Func(*arrays, template="(%(expressions)s)", arg_joiner=" || ")
    return AnyOfArray(F("pk"), combined)
