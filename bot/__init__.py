"""earnings-bot: operations, Telegram handlers, jobs, delivery, config and the CLI."""
import storage  # noqa: F401  - first, so sqlite-utils never loads pandas (see storage/__init__.py)
