"""HTML to transcript text with lxml: page furniture (navigation, scripts, ads, footers, comments) removed,
block elements kept as lines so speaker lines survive."""
from __future__ import annotations

import re

from lxml import etree, html

from summarizer.errors import NoTranscript

_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
              "button", "select", "template", "object", "embed", "canvas", "menu", "dialog", "figure")
_NOISE_ATTR = re.compile(
    r"(?:^|[\s_-])(?:ad|ads|advert\w*|banner|cookie\w*|comment\w*|related|share|sharing|social|promo\w*|newsletter|"
    r"sidebar|menu|nav|navbar|navigation|footer|header|breadcrumbs?|subscribe|popup|modal|outbrain|taboola|"
    r"recommend\w*|sponsor\w*|widget|toolbar|masthead|byline|author-bio|tags)(?:$|[\s_-])", re.I)
_MAIN = ("//*[@itemprop='articleBody']", "//article", "//main", "//*[@id='content']", "//*[contains(@class,'article-body')]",
         "//*[contains(@class,'transcript')]")
_BLOCK = frozenset("p div h1 h2 h3 h4 h5 h6 li ul ol br tr table blockquote section article pre dd dt hr main".split())
MAX_DEPTH = 400
_SPACES = re.compile(r"[ \t\r\f\v]+")


def html_text(markup: str, name: str) -> str:
    """The readable text of an HTML page, one block a line, paragraphs separated by blank lines."""
    if _nesting_depth(markup) > MAX_DEPTH:
        raise NoTranscript(f"{name} is HTML nested over {MAX_DEPTH} levels deep, not a transcript page: "
                           f"save the page as text (or 'Reader view') and send that.")
    try:
        doc = html.document_fromstring(markup.encode("utf-8"), parser=html.HTMLParser(encoding="utf-8", recover=True))
    except (etree.ParserError, ValueError):
        raise NoTranscript(f"{name} is not readable HTML: save the page as text and send that.") from None
    title = (doc.findtext(".//title") or "").strip()
    for el in list(doc.iter(etree.Comment, etree.ProcessingInstruction, "script", "style", "noscript", "template")):
        _drop(el)
    body = doc.body if doc.body is not None else doc
    page_len = len(body.text_content()) or 1
    keep = set(_main(doc).iterancestors()) | {_main(doc)}

    def furniture(el: etree._Element) -> bool:
        # never the article, its ancestors, or a wrapper holding most of a real page (e.g. an ASP.NET <form>)
        if el in keep:
            return False
        n = len(el.text_content())
        return not (n > 2000 and n > page_len * 0.5) or el.tag in ("nav", "footer", "aside", "header")

    for el in list(doc.iter(*_DROP_TAGS)):
        if el.getparent() is not None and furniture(el):
            _drop(el)
    for el in list(doc.iter()):
        if not isinstance(el.tag, str) or el.tag in ("html", "body") or el.getparent() is None:
            continue
        attrs = " ".join(filter(None, (el.get("class"), el.get("id"), el.get("role"))))
        if attrs and _NOISE_ATTR.search(attrs) and furniture(el):
            _drop(el)
    root = _main(doc)
    text = _blocks_text(root)
    h1 = root.find(".//h1") if root is not None else None
    if title and (h1 is None or not (h1.text_content() or "").strip()):
        text = title + "\n\n" + text
    return text


def _drop(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is not None:
        tail = el.tail
        parent.remove(el)
        if tail and tail.strip():
            prev = parent[-1] if len(parent) else None
            if prev is not None:
                prev.tail = (prev.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail


def _main(doc: etree._Element) -> etree._Element:
    """The element holding the article: the one of the usual containers with the most text."""
    best, best_len = doc.body if doc.body is not None else doc, 0
    for xp in _MAIN:
        for el in doc.xpath(xp):
            n = len(el.text_content())
            if n > best_len * 1.2:
                best, best_len = el, n
    return best


def _blocks_text(root: etree._Element) -> str:
    """Walk without recursion: block elements start new lines, inline text joins."""
    out: list[str] = []
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _BLOCK:
                out.append("\n\n" if tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "div", "section", "article", "blockquote") else "\n")
                if tag in ("h2", "h3", "h4", "h5", "h6"):
                    out.append("## ")  # a heading may be a speaker ("Jane Roe, CEO"): say so as Markdown does
            if el.text:
                out.append(el.text)
        else:
            if tag in _BLOCK:
                out.append("\n")
            if el.tail and el is not root:
                out.append(el.tail)
    text = "".join(out).replace("\xa0", " ")
    lines = [ln.strip() for ln in _SPACES.sub(" ", text).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _nesting_depth(markup: str) -> int:
    """An upper bound on element nesting, from a fast scan of opening and closing tags."""
    depth = peak = 0
    for m in re.finditer(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>", markup[:5_000_000]):
        if m.group(1):
            depth = max(0, depth - 1)
        elif not m.group(3) and m.group(2).lower() not in ("br", "img", "hr", "meta", "link", "input", "p", "li", "td", "tr", "option", "wbr", "source"):
            depth += 1
            peak = max(peak, depth)
            if peak > MAX_DEPTH:
                break
    return peak
