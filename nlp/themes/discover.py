"""Discovery of themes the taxonomy does not know, and keywords for every theme.

Statements no seed keyword places are clustered: TF-IDF over their jieba tokens
(stopwords removed), k-means with a fixed seed.  Every theme — seed or discovered — is
named by class-based TF-IDF (c-TF-IDF, as in BERTopic): a term scores high for a theme
when it is frequent among the theme's statements and rare across themes.
"""
from __future__ import annotations

import math
from collections import Counter

import numpy as np

MIN_POOL = 6  # fewer unplaced statements than this are not clustered
MIN_CLUSTER = 2  # a cluster smaller than this is not a theme
MAX_CLUSTERS = 12


def _identity(x):
    return x


def tfidf(docs: list[list[str]]):
    """(sparse matrix, vocabulary) of token lists; rows are L2-normalised."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, norm="l2")
    X = vec.fit_transform(docs)
    return X, vec.get_feature_names_out()


SILHOUETTE_SAMPLE = 2000


def _best_kmeans(X, seed: int):
    """k-means for k = 2 … min(MAX_CLUSTERS, n/2), keeping the k with the best cosine
    silhouette (the smaller k on a tie); fixed seeds throughout."""
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score

    n = X.shape[0]
    best, best_score = None, -2.0
    for k in range(2, max(2, min(MAX_CLUSTERS, n // 2)) + 1):
        km = KMeans(n_clusters=k, random_state=seed, n_init=10).fit(X)
        if len(set(km.labels_)) < 2:
            continue
        score = silhouette_score(X, km.labels_, metric="cosine", sample_size=min(n, SILHOUETTE_SAMPLE), random_state=seed)
        if score > best_score + 1e-9:
            best, best_score = km, score
    return best


def cluster(docs: list[list[str]], seed: int = 0) -> tuple[list[int], list[float]]:
    """Cluster label (-1: none) and cosine to the cluster centre for each token list."""
    n = len(docs)
    if n < MIN_POOL or sum(1 for d in docs if d) < MIN_POOL:
        return [-1] * n, [0.0] * n
    X, _ = tfidf([d or ["∅"] for d in docs])
    km = _best_kmeans(X, seed)
    if km is None:
        return [-1] * n, [0.0] * n
    labels = km.labels_.tolist()
    centres = km.cluster_centers_
    norms = np.linalg.norm(centres, axis=1)
    sims = []
    for i, lab in enumerate(labels):
        row = X[i].toarray().ravel()
        c = centres[lab]
        sims.append(float(row @ c / norms[lab]) if norms[lab] else 0.0)
    sizes = Counter(labels)
    labels = [lab if sizes[lab] >= MIN_CLUSTER and docs[i] else -1 for i, lab in enumerate(labels)]
    return labels, sims


def ctfidf_keywords(classes: dict[str, list[list[str]]], top: int = 8) -> dict[str, list[tuple[str, float]]]:
    """Top terms of each class by c-TF-IDF: tf(t, c) / |c| · log(1 + A / f(t)), with A the
    average number of tokens per class and f(t) the frequency of t over all classes."""
    counts = {c: Counter(t for doc in docs for t in doc) for c, docs in classes.items()}
    total = Counter()
    for cnt in counts.values():
        total.update(cnt)
    sizes = {c: sum(cnt.values()) for c, cnt in counts.items()}
    avg = (sum(sizes.values()) / len(sizes)) if sizes else 0.0
    out = {}
    for c, cnt in counts.items():
        scored = [(t, (n / sizes[c]) * math.log(1 + avg / total[t])) for t, n in cnt.items()] if sizes[c] else []
        scored.sort(key=lambda x: (-x[1], x[0]))
        out[c] = [(t, round(s, 4)) for t, s in scored[:top]]
    return out
