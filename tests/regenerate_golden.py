"""Regenerate tests/golden/ from tests/fixtures/: `make golden`.

Run it only for an intended change of the output, then read `git diff tests/golden`.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_golden import CASES, GOLDEN, TEST_CONFIG_DIR, rendered_case  # noqa: E402

from generator.config import load_config  # noqa: E402


def main() -> int:
    config = load_config(TEST_CONFIG_DIR)
    GOLDEN.mkdir(exist_ok=True)
    for case in CASES:
        target = GOLDEN / f"{case.stem}.md"
        target.write_text(rendered_case(case, config), encoding="utf-8")
        print(f"wrote {target.relative_to(Path.cwd()) if target.is_relative_to(Path.cwd()) else target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
