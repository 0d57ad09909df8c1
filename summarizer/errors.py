"""Input errors. Each says in one line what is wrong and what to do; the edge prints it as is."""


class InputError(Exception):
    """A document or argument we cannot use; str(e) is the one line shown to the user."""


class EmptyInput(InputError):
    """The document has no text."""


class TooLarge(InputError):
    """The document is over the size cap."""


class BinaryInput(InputError):
    """The document is binary data, not text."""


class UnsupportedFormat(InputError):
    """The document's format is not one we read."""


class NoTranscript(InputError):
    """The document has text, but no transcript could be found in it."""


class BadPdf(InputError):
    """The PDF is encrypted, corrupt or has no text layer."""


class BadJson(InputError):
    """The JSON is malformed or of a shape we do not know."""


class FetchError(InputError):
    """A URL could not be fetched (bad scheme, refused address, timeout, HTTP error)."""


class QueryError(InputError):
    """A subscription query that cannot be parsed or would match everything or nothing."""


class UnknownMethod(InputError):
    """A summary method name we do not have."""


class BadArgument(InputError):
    """An option value out of range (a section name, a negative length)."""
