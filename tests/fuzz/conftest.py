"""Hypothesis profiles for the fuzz tests: bounded in CI, long on demand.

Select with the ``HYPOTHESIS_PROFILE`` environment variable:

- ``ci`` (default): 150 examples per property, no deadline (the machine is
  shared; speed is the benchmark's job) - the whole fuzz folder runs in
  well under a minute;
- ``long``: 5,000 examples per property, for a run before a release or
  after touching the scanner::

      HYPOTHESIS_PROFILE=long python3 -m pytest tests/fuzz -q

Tests that are costly per example (a vault on disk, the lint CLI) scale
their own ``max_examples`` down from the profile's with ``scaled()``.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "long",
    max_examples=5_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
