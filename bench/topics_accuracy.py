"""Topic rules against hand-labelled sentences: precision and recall, overall and per topic.

The sentences (`tests/data/topics/labelled.jsonl`) were written for this project in the way CFOs, CEOs and
analysts speak on calls, fictional companies only, each labelled with the topics it is about (`on`) and the
debatable ones (`maybe`, counted neither way); every other topic is one it is not about. They include the
confusions the rules must avoid ("software" without AI words, "deal with whatever comes", sales "deals", a
pricing "policy", "in order to", a "promotion" to COO). Goal: precision >= 0.95 at recall >= 0.90. The baseline
is the taxonomy before context rules (version 2: every phrase counts anywhere), measured in the same run.

Run: python -m bench.topics_accuracy
"""
from __future__ import annotations

import json
import time
from pathlib import Path

LABELLED = Path(__file__).resolve().parents[1] / "tests" / "data" / "topics" / "labelled.jsonl"
GOAL_P, GOAL_R = 0.95, 0.90
V2 = {  # the built-in phrases of topics.json version 2, for the baseline line
    "guidance": ["guidance", "outlook", "forecast", "expect", "anticipate", "full-year", "full year", "next quarter", "next year",
                 "going forward", "looking ahead", "raise our guidance", "reaffirm", "target", "we see", "visibility", "trajectory",
                 "second half", "first half"],
    "revenue": ["revenue", "sales", "demand", "top line", "top-line", "orders", "bookings", "backlog", "book-to-bill", "volume",
                "shipment", "sell-through", "GMV", "customer demand", "order intake", "pipeline", "growth"],
    "margins": ["margin", "gross profit", "profitability", "cost", "cost reduction", "reduce costs", "efficiency", "cost of goods",
                "COGS", "input cost", "component cost", "freight", "operating leverage", "mix", "EBITDA", "profit"],
    "inventory": ["inventory", "stock level", "destocking", "clearance", "supply chain", "supply", "supplier", "component",
                  "raw material", "shortage", "oversupply", "lead time", "logistics", "procurement", "channel inventory",
                  "weeks of supply"],
    "pricing": ["price", "pricing", "price increase", "price cut", "discount", "promotion", "ASP", "average selling price", "premium",
                "price pressure", "price war", "markdown", "rate increase"],
    "capital-returns": ["buyback", "share repurchase", "repurchase", "dividend", "return capital", "returned to shareholders",
                        "shareholder return", "capital return", "payout"],
    "cash": ["cash flow", "free cash flow", "cash", "balance sheet", "liquidity", "debt", "leverage", "borrowing", "credit facility",
             "working capital", "capex", "capital expenditure", "net cash", "deposit", "bank", "refinance"],
    "regions": ["overseas", "international", "global market", "region", "regional", "Europe", "European", "China", "mainland China",
                "Asia", "Latin America", "North America", "India", "Japan", "EMEA", "APAC", "domestic market", "emerging market",
                "country", "localization"],
    "products": ["product", "launch", "new product", "flagship", "release", "roadmap", "product line", "portfolio", "model",
                 "series", "pilot", "rollout", "generation", "upgrade", "high-end"],
    "ai": ["AI", "artificial intelligence", "machine learning", "large model", "large-scale model", "LLM", "generative", "ChatGPT",
           "GPT", "neural", "algorithm", "automation", "software", "cloud", "data center", "chip", "semiconductor", "AIoT", "R&D",
           "research and development", "autonomous", "robotics"],
    "channels": ["store", "retail", "offline", "online", "e-commerce", "channel", "distributor", "dealer", "distribution",
                 "store opening", "footprint", "same-store", "comparable sales", "foot traffic", "wholesale", "direct-to-consumer",
                 "marketplace", "franchise"],
    "macro": ["macro", "macroeconomic", "economy", "economic", "recession", "inflation", "interest rate", "currency",
              "foreign exchange", "FX", "exchange rate", "constant currency", "headwind", "tailwind", "consumer confidence",
              "epidemic", "pandemic", "uncertainty", "financial market", "geopolitical", "tariff"],
    "regulation": ["regulation", "regulatory", "regulator", "compliance", "license", "approval", "FDA", "SEC", "antitrust",
                   "government", "policy", "subsidy", "sanction", "export control", "legislation", "lawsuit", "litigation", "privacy"],
    "mna": ["acquisition", "acquire", "merger", "M&A", "divestiture", "divest", "deal", "integration of", "bolt-on",
            "strategic investment", "joint venture", "spin-off", "takeover", "purchase of"],
    "headcount": ["headcount", "hiring", "hire", "employee", "staff", "people on the team", "team of", "talent", "workforce", "layoff",
                  "restructuring", "opex", "operating expense", "expense", "SG&A", "R&D expense", "compensation", "human resources",
                  "wage", "labor cost", "labor"],
}


def main() -> None:
    from summarizer.topics import Topic, builtin_topics, labelled_accuracy

    items = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines() if line.strip()]
    topics = builtin_topics()
    t0 = time.process_time()
    r = labelled_accuracy(items, topics)
    ms = (time.process_time() - t0) * 1000
    names = {t.key: t.name for t in topics}
    base = labelled_accuracy(items, [Topic(k, names[k], tuple("=" + p for p in v), source="user") for k, v in V2.items()])
    on = sum(len(i.get("on", ())) for i in items)
    print(f"{len(items)} hand-labelled sentences, {on} on-topic labels, {len(topics)} topics "
          f"({sum(len(i.get('maybe', ())) for i in items)} debatable labels counted neither way)")
    print(f"{'topic':18} precision  recall  wrong  missed")
    for k, v in r["topics"].items():
        print(f"{k:18} {v['precision']:9.3f} {v['recall']:7.3f} {v['fp']:6d} {v['fn']:7d}")
    ok = r["precision"] >= GOAL_P and r["recall"] >= GOAL_R
    print(f"all topics: precision {r['precision']:.3f} at recall {r['recall']:.3f} ({r['tp']} right, {r['fp']} wrong, "
          f"{r['fn']} missed; goal precision >= {GOAL_P} at recall >= {GOAL_R}: {'met' if ok else 'NOT met'}); "
          f"{ms:.0f} ms CPU")
    print(f"baseline, version 2 phrases counting anywhere: precision {base['precision']:.3f} at recall {base['recall']:.3f}")


if __name__ == "__main__":
    main()
