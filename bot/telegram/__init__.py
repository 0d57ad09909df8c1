"""The Telegram front end: application, command table, views, callbacks, uploads, access."""
