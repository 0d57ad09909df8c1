"""Write bot/samples/nwrb-q1-2025-call.pdf: a fictional Northwind Robotics call as a small, valid text PDF.

Standard library only: Helvetica (a PDF base font, so nothing is embedded), wrapped lines, a running
header and page numbers like a real investor-relations PDF. Run: python scripts/make_sample_pdf.py
"""
from __future__ import annotations

import textwrap
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "bot" / "samples" / "nwrb-q1-2025-call.pdf"
HEADER = "Northwind Robotics, Inc. | Q1 2025 Earnings Conference Call | May 7, 2025"

TITLE = [
    "Northwind Robotics Inc (NWRB) Q1 2025 Earnings Call Transcript",
    "Date: May 7, 2025",
    "",
    "Call participants:",
    "Priya Raman -- Vice President, Investor Relations",
    "Dana Whitfield -- Chief Executive Officer",
    "C. Marcus Oyelaran -- Chief Financial Officer",
    "Kyle Brennan -- Halvorsen Securities -- Analyst",
    "Mei-Lin Zhao -- Granite Peak Capital -- Analyst",
    "Jonah Whitaker -- Castlebar Securities -- Analyst",
    "Rachel Okafor -- Lindqvist & Co. -- Analyst",
    "",
]

PREPARED = [
    ("Operator", [
        "Good afternoon, and welcome to the Northwind Robotics first quarter 2025 earnings call. At this time, "
        "all participants are in a listen-only mode. I would now like to turn the call over to Priya Raman, "
        "Vice President of Investor Relations.",
    ]),
    ("Priya Raman -- Vice President, Investor Relations", [
        "Thank you, and good afternoon. With me today are Dana Whitfield, our chief executive officer, and "
        "Marcus Oyelaran, our chief financial officer. Today's remarks include forward-looking statements about "
        "our outlook for the second quarter and full year 2025, which involve risks described in our Form 10-K. "
        "We will also discuss non-GAAP measures, which are reconciled in today's press release. Dana?",
    ]),
    ("Dana Whitfield -- Chief Executive Officer", [
        "Thank you, Priya, and good afternoon, everyone. We started 2025 well. First-quarter revenue was "
        "$182.4 million, up 14% from a year ago and above our guidance range of $174 million to $180 million. "
        "Adjusted EPS was $0.31, up from $0.22, and free cash flow was $21.6 million.",
        "Atlas shipments were 1,980 units, up 18% year over year, with particular strength among grocery "
        "retailers, who accounted for 34% of new orders. Our Orchestrate software and services revenue grew "
        "29% to $44.1 million, and annual recurring revenue reached $186 million, up 30%.",
        "In March we launched Harbor, our robotic picking arm, with pilots at six customers. The early results "
        "are encouraging: Harbor cells are averaging 560 picks per hour, and two pilot customers have already "
        "asked for pricing on paid deployments.",
        "We also brought our new Monterrey assembly line into production in February. It will reach full "
        "output in the second quarter and lower the cost of a standard Atlas unit by about 8% over the course "
        "of the year. Orders in the quarter were $209 million, a book-to-bill of 1.15, and backlog ended March "
        "at $578 million, up 20% from a year ago.",
        "One caution: we are watching tariffs closely. About 18% of our bill of materials comes from countries "
        "affected by the new U.S. tariffs, and we have started qualifying second suppliers in Mexico.",
    ]),
    ("C. Marcus Oyelaran -- Chief Financial Officer", [
        "Thank you, Dana. Revenue was $182.4 million, up 14%. Hardware revenue was $138.3 million, up 10%, and "
        "software and services revenue was $44.1 million, up 29%. North America was 70% of revenue, Europe "
        "22% and Asia-Pacific 8%.",
        "Non-GAAP gross margin was 41.2%, up 120 basis points from a year ago, as lower freight costs and "
        "software mix offset early tariff costs of about $0.6 million. Non-GAAP operating expenses were "
        "$57.1 million, or 31.3% of revenue. Adjusted operating income was $18.0 million, an adjusted operating "
        "margin of 9.9%, up from 7.6%.",
        "GAAP net income was $12.1 million, or $0.22 per diluted share. Adjusted net income was $16.9 million, "
        "or $0.31 per diluted share.",
        "Inventory was $131 million, up from $126 million at year-end, and days sales outstanding were 58 "
        "days. We repurchased $15 million of stock in the quarter and ended March with $305 million of cash "
        "and no debt.",
        "For the second quarter, we expect revenue of $188 million to $194 million, adjusted gross margin of "
        "41.5% to 42%, and adjusted EPS of $0.32 to $0.35. For the full year, we reaffirm revenue of "
        "$780 million to $800 million and adjusted EPS of $1.42 to $1.50. With that, we'll take questions.",
    ]),
]

QA = [
    ("Operator", [
        "Thank you. We will now open the line for questions. Our first question comes from Kyle Brennan with "
        "Halvorsen Securities. Your line is open.",
    ]),
    ("Kyle Brennan -- Halvorsen Securities -- Analyst", [
        "Thanks, and congrats on the start to the year. Dana, you beat the top of the revenue range by more "
        "than $2 million but kept the full-year guide. Is that conservatism, or is there something in the "
        "back half that worries you?",
    ]),
    ("Dana Whitfield -- Chief Executive Officer", [
        "Thanks, Kyle. Mostly it's that it's early in the year and tariffs are a moving target. Part of the "
        "first-quarter strength was also timing: one retail customer pulled a rollout forward from April into "
        "March, which moved about $3 million of revenue into the first quarter.",
        "Demand is healthy. Our book-to-bill was 1.15 and the pipeline is larger than a year ago. If tariffs "
        "settle where they are, we'd expect to revisit the range in August.",
    ]),
    ("Kyle Brennan -- Halvorsen Securities -- Analyst", [
        "And on Monterrey, how much of the 8% unit cost saving is in the second-quarter gross margin guide?",
    ]),
    ("C. Marcus Oyelaran -- Chief Financial Officer", [
        "About half of it. The line reaches full output in May, so the full benefit shows up in the second "
        "half. That's part of why we guide gross margin up to 41.5% to 42% in the second quarter.",
    ]),
    ("Operator", [
        "Our next question comes from Mei-Lin Zhao with Granite Peak Capital. Your line is open.",
    ]),
    ("Mei-Lin Zhao -- Granite Peak Capital -- Analyst", [
        "Hi, thank you. On Harbor, how should we think about the revenue ramp this year, and what does a "
        "customer need to see before moving from a pilot to a paid deployment?",
    ]),
    ("Dana Whitfield -- Chief Executive Officer", [
        "Customers want two things: a reliable pick rate over several weeks, and proof that Harbor works with "
        "their existing warehouse software. The first pilots are hitting 560 picks per hour, and our goal is "
        "600 by the summer.",
        "We're planning for Harbor to be around 3% of revenue this year. We'd rather under-promise on a new "
        "product and get the field service right.",
    ]),
    ("Operator", [
        "Our next question comes from Jonah Whitaker with Castlebar Securities. Your line is open.",
    ]),
    ("Jonah Whitaker -- Castlebar Securities -- Analyst", [
        "Good afternoon. A question on capital allocation. You have $305 million in cash and bought back "
        "$15 million. Is there a target for buybacks this year, and are you considering acquisitions?",
    ]),
    ("C. Marcus Oyelaran -- Chief Financial Officer", [
        "We have $140 million left on our authorization, and we expect to use a meaningful part of it this "
        "year, weighted to times when we think the shares are undervalued. On acquisitions, we are looking at "
        "small software companies that would add to Orchestrate, typically under $50 million. Investing in "
        "Harbor and our field teams remains the first priority.",
    ]),
    ("Jonah Whitaker -- Castlebar Securities -- Analyst", [
        "Thanks. And one on Europe: any change in customer behavior there?",
    ]),
    ("Dana Whitfield -- Chief Executive Officer", [
        "Europe grew 11% in the quarter. Customers there are cautious on timing, and site readiness is the "
        "main risk, but we haven't lost any orders. Our European backlog is up 15% from a year ago.",
    ]),
    ("Operator", [
        "Our next question comes from Rachel Okafor with Lindqvist & Co. Your line is open.",
    ]),
    ("Rachel Okafor -- Lindqvist & Co. -- Analyst", [
        "Thanks for taking my question. I wanted to ask about Orchestrate. ARR grew 30%, faster than hardware. "
        "How much of that is price versus new sites, and what does net revenue retention look like?",
    ]),
    ("C. Marcus Oyelaran -- Chief Financial Officer", [
        "Thanks, Rachel. Most of it is volume. New sites added about 19 points of the growth, new modules about "
        "7 points, and the 4% list price increase we put through in January added the rest. Net revenue "
        "retention was 116% on a trailing twelve-month basis, up from 112% a year ago, and gross churn stayed "
        "below 3%.",
        "Software and services gross margin was 71.8% in the quarter. As Orchestrate grows as a share of "
        "revenue, it lifts our overall gross margin by roughly 20 to 30 basis points a year on mix alone.",
    ]),
    ("Rachel Okafor -- Lindqvist & Co. -- Analyst", [
        "That's helpful. And a follow-up on labor: are customers still citing wages as the main reason to "
        "automate, or has that changed as hiring has eased?",
    ]),
    ("Dana Whitfield -- Chief Executive Officer", [
        "Labor is still the first reason, but the conversation has shifted from finding people to keeping "
        "them and to productivity per square foot. Warehouse turnover in our customers' buildings is still "
        "above 40% a year, and a typical Atlas deployment pays back in 18 to 24 months.",
        "What we hear more often now is that customers want flexibility. They like that Atlas robots can be "
        "moved between buildings for peak season, which fixed conveyors cannot do. About 15% of our fleet "
        "was redeployed between sites last year, and we expect that share to grow.",
    ]),
    ("Operator", [
        "There are no further questions at this time. I'll turn the call back to Dana Whitfield for closing "
        "remarks.",
    ]),
    ("Dana Whitfield -- Chief Executive Officer", [
        "Thank you all for joining us. Revenue grew 14%, margins expanded and Harbor is off to a good start. "
        "We look forward to speaking with you in August.",
    ]),
]


def lines_of_call() -> list[str]:
    """The call as wrapped text lines; blank lines between paragraphs and turns."""
    out = list(TITLE) + ["Prepared Remarks:", ""]
    for section, turns in (("prepared", PREPARED), ("qa", QA)):
        if section == "qa":
            out += ["Questions and Answers:", ""]
        for speaker, paragraphs in turns:
            out += [speaker, ""]
            for p in paragraphs:
                out += textwrap.wrap(p, 92) + [""]
    return out


def _esc(s: str) -> str:
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def build_pdf(lines: list[str], header: str) -> bytes:
    """A minimal PDF: one content stream per page, Helvetica 10 pt, 54 pt margins, US Letter."""
    per_page = 58
    pages = [lines[i:i + per_page] for i in range(0, len(lines), per_page)]
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled below
    pages_obj = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    for n, page_lines in enumerate(pages, 1):
        ops = [f"BT /F1 8 Tf 54 760 Td ({_esc(header)}) Tj ET", "BT /F1 10 Tf 12 TL 54 730 Td"]
        for ln in page_lines:
            ops.append(f"({_esc(ln)}) Tj T*" if ln else "T*")
        ops.append("ET")
        ops.append(f"BT /F1 8 Tf 290 36 Td (Page {n} of {len(pages)}) Tj ET")
        stream = "\n".join(ops).encode("cp1252")
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >> "
            b"/Contents %d 0 R >>" % (pages_obj, font, content)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objects[pages_obj - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    return bytes(out)


def main() -> None:
    OUT.write_bytes(build_pdf(lines_of_call(), HEADER))
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
