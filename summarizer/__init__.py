"""Pure text work on earnings-call transcripts: parsing, sentences, summaries, figures, topics.

Plain data in, plain data out: nothing in this package speaks SQL, Telegram or the network.
"""
