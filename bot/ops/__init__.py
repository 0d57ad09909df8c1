"""Operations: what the product does, as functions over a database and plain ids and strings.

The CLI (`bot/cli`), the terminal chat and the Telegram handlers all call these; none of them
speaks SQL or parses text itself. Each module holds one area:

- `documents`: reading one file, URL or stdin within the size cap (and the env defaults for the cap)
- `ingest`   : bytes/paths/URLs -> parsed, split, analysed, stored, matched (one transaction)
- `calls`    : finding companies and calls, listing, showing, full-text search
- `analysis` : summaries, key figures, Q&A digests, topics, per-topic digests
- `alerts`   : subscriptions, follows, mutes, digest settings, matching a new call, the outbox
"""
