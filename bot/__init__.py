"""earnings-bot: operations, Telegram handlers, jobs, delivery, config and the CLI."""
