"""Does a small trained text classifier beat the stance rules? Cross-validation over the articles of a gold table.

    .venv/bin/python scripts/stance_textcat_cv.py --gold GOLD.csv [--folds 5] [--epochs 20]

Each gold row's evidence is one example, its gold stance (for / against / neutral) the label. The articles are
split into folds (all rows of an article in one fold); for each fold a spaCy textcat (bag of words, exclusive
classes, on spacy.blank("da") with the lookup lemmatizer) is trained on the other folds and tested on this one,
and the rules (the pipeline's stance component) read the same evidence, as one statement without issue or
speaker. Prints accuracy, macro F1 and against recall per fold and in total, for both. Nothing is written.
The gold articles are for measuring only: never copy their text into the repository.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

LABELS = ("for", "against", "neutral")


def folds_of(articles: list[str], k: int, seed: int = 13) -> list[set[str]]:
    """The articles split into ``k`` folds of about equal size."""
    names = sorted(set(articles))
    random.Random(seed).shuffle(names)
    return [set(names[i::k]) for i in range(k)]


def scores(gold: list[str], pred: list[str]) -> dict[str, float]:
    """Accuracy, macro F1 over the three stances and against recall."""
    accuracy = sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else 0.0
    f1s = []
    for label in LABELS:
        tp = sum(g == p == label for g, p in zip(gold, pred))
        precision = tp / max(1, sum(p == label for p in pred))
        recall = tp / max(1, sum(g == label for g in gold))
        f1s.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    against = [p for g, p in zip(gold, pred) if g == "against"]
    return {"accuracy": accuracy, "macro_f1": sum(f1s) / len(f1s),
            "against_recall": against.count("against") / len(against) if against else 0.0}


def train_textcat(texts: list[str], labels: list[str], epochs: int, seed: int = 13):
    import spacy
    from spacy.training import Example

    nlp = spacy.blank("da")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    textcat = nlp.add_pipe("textcat", config={"model": {"@architectures": "spacy.TextCatBOW.v3",
                                                          "exclusive_classes": True, "ngram_size": 2,
                                                          "no_output_layer": False}})
    for label in LABELS:
        textcat.add_label(label)
    examples = [Example.from_dict(nlp.make_doc(t), {"cats": {lab: float(lab == y) for lab in LABELS}})
                for t, y in zip(texts, labels)]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(examples)
        for start in range(0, len(examples), 16):
            nlp.update(examples[start:start + 16], sgd=optimizer, drop=0.2)
    return nlp


def rules_reader():
    """A function text -> stance from the pipeline's lemmatizer and stance component."""
    from tracker.nlp.model import StatementCandidate
    from tracker.nlp.pipeline import build_pipeline
    from tracker.nlp.stance import StanceTagger

    nlp, tagger = build_pipeline(), StanceTagger()

    def read(text: str) -> str:
        doc = nlp.make_doc(text)
        for name in ("lemmatizer", "tracker_sentences"):
            doc = nlp.get_pipe(name)(doc)
        doc._.statements = [StatementCandidate(party="", kind="indirect", evidence=text, start_char=0,
                                               end_char=len(text))]
        return tagger(doc)._.statements[0].stance

    return read


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, required=True)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=20)
    args = parser.parse_args(argv)
    gold = pd.read_csv(args.gold, dtype=str, keep_default_na=False)
    gold = gold[gold["stance"].isin(LABELS)].reset_index(drop=True)
    read = rules_reader()
    rules_all = [read(text) for text in gold["evidence"]]
    total = {"textcat": ([], []), "rules": ([], [])}
    for k, fold in enumerate(folds_of(list(gold["article"]), args.folds)):
        test = gold["article"].isin(fold)
        train = gold[~test]
        model = train_textcat(list(train["evidence"]), list(train["stance"]), args.epochs)
        golds = list(gold.loc[test, "stance"])
        predicted = {"textcat": [max(doc.cats, key=doc.cats.get) for doc in model.pipe(gold.loc[test, "evidence"])],
                     "rules": [rules_all[i] for i in gold.index[test]]}
        for name, pred in predicted.items():
            total[name][0].extend(golds)
            total[name][1].extend(pred)
            s = scores(golds, pred)
            print(f"fold {k + 1} ({len(fold)} articles, {len(golds)} rows) {name:8s} "
                  + "  ".join(f"{key} {100 * v:5.1f}%" for key, v in s.items()))
    for name, (golds, pred) in total.items():
        s = scores(golds, pred)
        print(f"all folds ({len(golds)} rows) {name:8s} " + "  ".join(f"{key} {100 * v:5.1f}%" for key, v in s.items())
              + f"   predicted {dict(Counter(pred))}")
    print(f"gold {dict(Counter(total['rules'][0]))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
