"""The README documents every CLI command and every setting the bot reads (sqlite-utils' habit: a test that
fails when a command or setting is added without its line)."""
from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_every_cli_command_is_in_the_readme_table() -> None:
    from bot.cli import _register, cli

    _register()
    readme = (REPO / "README.md").read_text()
    missing = [name for name in cli.commands if f"| `{name}` |" not in readme]
    assert not missing, f"README's CLI table lacks {missing}"


def test_every_setting_load_config_reads_is_documented() -> None:
    source = (REPO / "bot" / "config.py").read_text()
    names = set(re.findall(r'(?<![.\w])get\("([A-Z_]+)"\)', source))  # load_config's own get()
    assert {"WEBHOOK_URL", "HEALTH_PORT", "LOG_FORMAT"} <= names
    readme, example = (REPO / "README.md").read_text(), (REPO / ".env.example").read_text()
    for name in names:
        assert f"`{name}`" in readme or f"`{name.rsplit('_', 1)[0]}_" in readme, f"README lacks {name}"
        assert name in example, f".env.example lacks {name}"
