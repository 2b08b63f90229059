"""The clock: this machine's time now, or the moment the environment variable `SEMINAR_NOW` names.

`SEMINAR_NOW` (an ISO 8601 time such as `2025-03-18T23:30:00Z`; without an offset, this machine's local time)
stands in for the clock, so that what "today" is can be fixed: it is for tests and for the README's examples,
to run a command at a chosen moment.
"""

from __future__ import annotations

import os
from datetime import datetime

from seminar.core.errors import SeminarError, error


def now() -> datetime:
    """The time now, aware, in this machine's time zone (the `TZ` environment variable's, else the system's).

    Returns the moment `SEMINAR_NOW` names when it is set. Raises `SeminarError` (keyed `SEMINAR_NOW`) when
    it is set to something that is not an ISO 8601 time.
    """
    given = os.environ.get("SEMINAR_NOW", "").strip()
    if not given:
        return datetime.now().astimezone()
    try:
        return datetime.fromisoformat(given).astimezone()
    except ValueError:
        raise SeminarError(
            error(f"must be an ISO 8601 time such as 2025-03-18T23:30:00Z, not {given!r}", key="SEMINAR_NOW")
        ) from None
