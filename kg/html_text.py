"""The visible article text of an HTML page, paragraph by paragraph, fed block by block so a
large page streams like a text file."""

from __future__ import annotations

from html.parser import HTMLParser


class HtmlText(HTMLParser):
    """Visible article text of an HTML page: one paragraph per block element.

    Scripts, styles, navigation, footers, asides and forms are dropped; a publication date
    is taken from the usual ``<meta>`` tags when present.
    """

    SKIP = frozenset({"script", "style", "nav", "footer", "aside", "noscript", "template",
                      "svg", "form", "button", "iframe", "head", "select"})
    BLOCK = frozenset({"p", "div", "section", "article", "main", "header", "h1", "h2", "h3",
                       "h4", "h5", "h6", "li", "ul", "ol", "table", "tr", "td", "th",
                       "blockquote", "figure", "figcaption", "pre", "br", "hr", "dd", "dt",
                       "time", "body"})
    DATE_META = frozenset({"article:published_time", "date", "dc.date", "dcterms.date",
                           "dc.date.issued", "pubdate", "publishdate", "og:published_time",
                           "datepublished"})
    VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "source", "wbr", "col"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.date: str | None = None
        self._skip_depth = 0
        self._words: list[str] = []
        self._ready: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta" and self.date is None:
            values = dict(attrs)
            key = (values.get("property") or values.get("name") or values.get("itemprop") or "")
            if key.lower() in self.DATE_META and values.get("content"):
                self.date = (values["content"] or "")[:10]
        if tag in self.VOID:
            if tag in self.BLOCK:
                self._flush()
            return
        if tag in self.SKIP:
            self._skip_depth += 1
        elif tag in self.BLOCK:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in self.BLOCK:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self._words.append(data)

    def _flush(self) -> None:
        paragraph = " ".join("".join(self._words).split())
        self._words = []
        if paragraph:
            self._ready.append(paragraph + "\n\n")

    def close(self) -> None:
        super().close()
        self._flush()

    def drain(self) -> list[str]:
        ready, self._ready = self._ready, []
        return ready
