"""The shipped model: TF-IDF features → one linear score per label → Platt-calibrated
probability, evaluated in plain Python from a small versioned folder:

    models/tagger-v1/model.json      labels, calibration, intercepts, training summary
    models/tagger-v1/weights.tsv.gz  feature, idf, one weight per label (one line each)

Training (``nlp.tagging.train``, scikit-learn) writes this folder; tagging needs neither
scikit-learn nor pickles, so a model loads offline on any Python with the package.
"""
from __future__ import annotations

import gzip
import hashlib
import io
import json
import math
import os
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from nlp.tagging.context import PassageView
from nlp.tagging.features import FEATURE_VERSION, context_stances

REPO = Path(__file__).resolve().parents[2]
DEFAULT_MODEL = REPO / "models" / "tagger-v1"
MODEL_ENV = "GONGKAI_TAG_MODEL"
FORMAT = "gongkai-linear-tagger"


@dataclass
class LinearTagger:
    labels: tuple[str, ...]
    vocab: dict[str, tuple[float, tuple[float, ...]]]  # feature → (idf, weight per label)
    intercept: tuple[float, ...]
    calibration: tuple[tuple[float, float], ...]       # (a, b): p = 1 / (1 + exp(-(a·s + b)))
    meta: dict

    @property
    def version(self) -> str:
        return str(self.meta.get("version", "?"))

    def _arrays(self):
        """The weights as arrays (feature → row), built on first use."""
        if getattr(self, "_cache", None) is None:
            import numpy as np

            feats = list(self.vocab)
            index = {f: i for i, f in enumerate(feats)}
            idf = np.array([self.vocab[f][0] for f in feats], dtype=np.float64)
            weights = np.array([self.vocab[f][1] for f in feats], dtype=np.float64).reshape(len(feats), len(self.labels))
            self._cache = (index, idf, weights, np.array(self.intercept, dtype=np.float64))
        return self._cache

    def decision(self, feats: list[str]) -> list[float]:
        """Linear scores as scikit-learn computes them: sublinear tf × idf, l2-normalised."""
        import numpy as np

        index, idf, weights, intercept = self._arrays()
        counts = Counter(f for f in feats if f in index)
        if not counts:
            return [float(b) for b in intercept]
        rows = np.fromiter((index[f] for f in counts), dtype=np.int64, count=len(counts))
        tf = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))
        x = tf * idf[rows]
        norm = math.sqrt(float(x @ x)) or 1.0
        return [float(v) for v in (x @ weights[rows]) / norm + intercept]

    def scorer(self):
        """The model set up to score a report's passages at once (``scoring.py``)."""
        if getattr(self, "_scorer", None) is None:
            from nlp.tagging.scoring import Scorer

            index, idf, weights, intercept = self._arrays()
            self._scorer = Scorer(index, idf, weights, intercept, self.calibration)
        return self._scorer

    def predict_proba(self, views: list[PassageView], contexts: list[str] | None = None) -> list[dict[str, float]]:
        """Probabilities per passage; ``contexts`` (``features.context_stances``) when known."""
        if not views:
            return []
        contexts = context_stances(views) if contexts is None else contexts
        return [dict(zip(self.labels, p)) for p in self.scorer().probabilities(views, contexts).tolist()]

    # ------------------------------------------------------------ files

    def save(self, folder: Path) -> None:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        meta = dict(self.meta)
        meta.update({"format": FORMAT, "feature_version": FEATURE_VERSION, "labels": list(self.labels),
                     "intercept": [float(_r(x)) for x in self.intercept],
                     "calibration": [[float(_r(a)), float(_r(b))] for a, b in self.calibration],
                     "features": len(self.vocab)})
        buf = io.StringIO()
        for f in sorted(self.vocab):
            idf, ws = self.vocab[f]
            buf.write("\t".join([f, _r(idf)] + [_r(w) for w in ws]) + "\n")
        raw = buf.getvalue().encode("utf-8")
        meta["weights_sha256"] = hashlib.sha256(raw).hexdigest()
        with open(folder / "weights.tsv.gz", "wb") as fh:  # mtime 0: the same model gives the same bytes
            with gzip.GzipFile(fileobj=fh, mode="wb", compresslevel=9, mtime=0, filename="") as gz:
                gz.write(raw)
        (folder / "model.json").write_text(json.dumps(meta, ensure_ascii=False, sort_keys=True, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> "LinearTagger":
        folder = Path(folder)
        meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT:
            raise ValueError(f"{folder}: not a {FORMAT} model")
        if meta.get("feature_version") != FEATURE_VERSION:
            raise ValueError(f"{folder}: features v{meta.get('feature_version')}, this code computes v{FEATURE_VERSION}; retrain")
        labels = tuple(meta["labels"])
        vocab = {}
        with gzip.open(folder / "weights.tsv.gz", "rb") as fh:
            raw = fh.read()
        if meta.get("weights_sha256") and hashlib.sha256(raw).hexdigest() != meta["weights_sha256"]:
            raise ValueError(f"{folder}: weights.tsv.gz does not match model.json (sha256)")
        for line in raw.decode("utf-8").splitlines():
            parts = line.split("\t")
            vocab[parts[0]] = (float(parts[1]), tuple(float(x) for x in parts[2:]))
        return cls(labels, vocab, tuple(meta["intercept"]), tuple(tuple(x) for x in meta["calibration"]), meta)


def _r(x: float) -> str:
    return format(float(x), ".6g")


def model_path() -> Path:
    return Path(os.environ.get(MODEL_ENV) or DEFAULT_MODEL)


@lru_cache(maxsize=4)
def _load_cached(path: str) -> LinearTagger:
    return LinearTagger.load(Path(path))


_LOADED: dict[tuple[str, str], LinearTagger] = {}  # (model path, working directory) → model


def load_default() -> LinearTagger | None:
    """The shipped model (or the one ``GONGKAI_TAG_MODEL`` names); None when absent.
    Once loaded, a model is remembered by its path (tagging asks for it once per report)."""
    path = model_path()
    key = (str(path), os.getcwd())
    if key not in _LOADED:
        if not (path / "model.json").exists():
            return None
        _LOADED[key] = _load_cached(str(path.resolve()))
    return _LOADED[key]
