"""Running actions at the same moment in real threads, for the PostgreSQL concurrency tests."""

import threading

from django.db import connection


def run_together(*actions, refusals=(), join_timeout=60):
    """Each action in its own thread, released at once by a barrier; (result, error) per action, in order.

    An error of a `refusals` class is a clean refusal the caller inspects; anything else (a deadlock,
    an IntegrityError that escaped, a hung thread) fails the test here.
    """
    barrier = threading.Barrier(len(actions), timeout=30)
    results = [None] * len(actions)

    def worker(index, action):
        try:
            barrier.wait()
            results[index] = (action(), None)
        except Exception as error:  # noqa: BLE001 -- reported to the test below
            results[index] = (None, error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=join_timeout)
    assert not any(thread.is_alive() for thread in threads), "a thread hung (deadlock?)"
    crashes = [error for _, error in results if error is not None and not isinstance(error, refusals)]
    assert not crashes, f"unexpected errors: {crashes!r}"
    return results
