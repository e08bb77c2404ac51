"""Cheap text features for claim-versus-article stance.

Everything here is regex and set arithmetic (no parser), so a batch of
claim/body pairs is turned into a numeric matrix at thousands of pairs per
second. Bodies are processed once and cached: one article is usually checked
against several claims.

The lexicons are written for news prose: words that refute or deny, words
that hedge or attribute ("reportedly", "according to"), words that confirm,
and plain negation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

_SENT_RE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'”’)\]]*|\n|$)")
_TOKEN_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_NUM_RE = re.compile(r"\d+(?:[.,]\d+)?")

STOP = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its itself just
    me more most my myself of off on once only or other our ours out over own same she should so some
    such than that the their theirs them themselves then there these they this those through to too
    under until up very was we were what when where which while who whom why will with would you your
    yours s t said says say new one two would like get got""".split()
)

REFUTE = frozenset(
    """deny denies denied denying denial denials false fake faked fakes hoax hoaxes debunk debunked
    debunks refute refuted refutes untrue bogus fabricated fabrication fraud fraudulent myth myths prank
    pranks satire satirical retract retracted retraction misleading incorrect wrong dismiss dismissed
    dismisses rejected rejects reject nonsense baseless unfounded doubt doubts doubtful debunking
    lie lies lied lying phony photoshopped doctored spoof parody misreported misattributed
    unsubstantiated erroneous erroneously inaccurate scam joke""".split()
)
HEDGE = frozenset(
    """reportedly allegedly alleged alleges claim claims claimed claiming according unverified
    unconfirmed rumor rumors rumour rumours rumored rumoured purportedly purported apparently may might
    could possibly possible suggest suggests suggested appear appears appeared seem seems seemed reports
    reported report sources source speculation speculate speculated believed believe believes if
    whether unclear supposedly reputed""".split()
)
CONFIRM = frozenset(
    """confirm confirms confirmed confirming official officially announced announces announce
    revealed reveals verified verify true indeed proof proves proved evidence shows showed footage
    video photos statement""".split()
)
NEGATE = frozenset("not no never none nobody nothing neither nor without cannot isn't wasn't aren't "
                   "weren't don't doesn't didn't won't wouldn't can't couldn't hasn't haven't".split())
CONTRAST = frozenset("however but despite although though actually contrary instead yet "
                     "nevertheless nonetheless".split())
# the plainest refutations: with claim terms close by they dispute the claim itself
STRONG_REFUTE = frozenset(
    """hoax hoaxes fake faked false untrue debunked debunk debunks denied denies deny denying satire satirical
    bogus fabricated prank myth retracted phony photoshopped doctored spoof parody unfounded baseless
    misreported misattributed erroneous inaccurate""".split()
)
_NEAR_WINDOW = 6  # a cue this many tokens from a claim term is "near" it
LEXICONS = (REFUTE, HEDGE, CONFIRM, NEGATE, CONTRAST)
LEX_NAMES = ("refute", "hedge", "confirm", "negate", "contrast", "rphrase")
# refuting phrases a bag of words misses (their words are common on their own)
_RPHRASE_RE = re.compile(
    r"\b(?:not true|no truth|untrue|no evidence|no proof|no sign of|not the case|never happened|"
    r"did(?:n't| not) happen|made (?:it )?up|turn(?:s|ed) out|in fact|(?:is|was|were|be) (?:a )?(?:fake|hoax|false)|"
    r"fake news|false (?:report|story|claim|rumou?r)s?|(?:is|are|was|were) not|(?:has|have|had) not|"
    r"did(?:n't| not)|does(?:n't| not)|is(?:n't)|was(?:n't)|no longer|nothing to do with|no plans?|"
    r"denied|denies|deny(?:ing)?|rejected|dismissed|debunked|retracted)\b")
NEGATORS = NEGATE | {"deny", "denies", "denied", "denying", "refute", "refuted", "refutes", "false", "rejected",
                     "dismissed", "debunked"}
_NEG_WINDOW = 5  # claim terms this many tokens after a negator are "in its scope"
_SUFFIXES = ("ations", "ation", "ings", "ing", "edly", "ies", "ied", "ed", "es", "ly", "s")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, trimmed of surrounding whitespace."""
    spans = []
    for m in _SENT_RE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e - s >= 2:
            spans.append((s, e))
    if not spans and text.strip():
        s = len(text) - len(text.lstrip())
        spans.append((s, len(text.rstrip())))
    return spans


def tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(text.lower())


def stem(word: str) -> str:
    if len(word) > 4:
        for suf in _SUFFIXES:
            if word.endswith(suf) and len(word) - len(suf) >= 3:
                return word[: -len(suf)]
    return word


def content_stems(toks: list[str]) -> list[str]:
    return [stem(t) for t in toks if t not in STOP and len(t) > 1]


def numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in _NUM_RE.findall(text)}


@dataclass
class Body:
    """One article body, split and counted once."""

    text: str
    spans: list[tuple[int, int]]
    sents: list[str]
    stems: list[set[str]]  # content stems per sentence
    bigrams: list[set[tuple[str, str]]]
    lex: np.ndarray  # sentences x len(LEX_NAMES) counts (the lexicons, then refuting phrases)
    neg_scope: list[set[str]]  # per sentence: stems within a negator's scope
    tok_stems: list[list[str | None]]  # per sentence: each token's content stem (None for stop words)
    cue_pos: list[tuple[list[int], list[int], list[int]]]  # per sentence: positions of refute, strong, negate
    n_strong: int  # strong refuting words in the whole text
    all_stems: set[str]
    all_bigrams: set[tuple[str, str]]
    nums: set[str]
    n_tokens: int
    matrix: object = None  # tf-idf of the sentences (rows), filled by the learned model
    vector: object = None  # tf-idf of the whole body
    word_matrix: object = None  # word / bigram tf-idf of the sentences (the stacked regression)
    word_vector: object = None
    embedding: object = None  # unit sentence vectors (rows), when the model uses an embedder
    prototype_sims: object = None  # per PROTOTYPES kind: each sentence's best cosine with its prototypes


def read_body(text: str) -> Body:
    spans = sentence_spans(text) or [(0, len(text))]
    sents = [text[s:e] for s, e in spans]
    stems, bigrams, lex = [], [], np.zeros((len(sents), len(LEX_NAMES)), dtype=np.float32)
    scopes, tok_stems, cue_pos = [], [], []
    n_tokens = 0
    for i, sent in enumerate(sents):
        toks = tokens(sent)
        n_tokens += len(toks)
        cs = content_stems(toks)
        stems.append(set(cs))
        bigrams.append(set(zip(cs, cs[1:], strict=False)))
        for j, words in enumerate(LEXICONS):
            lex[i, j] = sum(1 for t in toks if t in words)
        lex[i, len(LEXICONS)] = len(_RPHRASE_RE.findall(sent.lower()))
        scopes.append(negation_scope(toks))
        tok_stems.append([stem(t) if t not in STOP and len(t) > 1 else None for t in toks])
        cue_pos.append(([k for k, t in enumerate(toks) if t in REFUTE],
                        [k for k, t in enumerate(toks) if t in STRONG_REFUTE],
                        [k for k, t in enumerate(toks) if t in NEGATE]))
    all_stems = set().union(*stems) if stems else set()
    all_bigrams = set().union(*bigrams) if bigrams else set()
    n_strong = sum(1 for t in tokens(text) if t in STRONG_REFUTE)
    return Body(text, spans, sents, stems, bigrams, lex, scopes, tok_stems, cue_pos, n_strong, all_stems,
                all_bigrams, numbers(text), n_tokens)


def negation_scope(toks: list[str]) -> set[str]:
    """Content stems that follow a negating or denying word closely ("did not *resign*",
    "denied *buying* the club"); a clause break (a hedge of 'but') is not tracked."""
    out: set[str] = set()
    for k, t in enumerate(toks):
        if t in NEGATORS:
            out.update(content_stems(toks[k + 1:k + 1 + _NEG_WINDOW]))
    return out


@dataclass
class Claim:
    text: str
    toks: list[str]
    stems: set[str]
    bigrams: set[tuple[str, str]]
    lex: np.ndarray
    nums: set[str]


def read_claim(text: str) -> Claim:
    toks = tokens(text)
    cs = content_stems(toks)
    lex = np.array([sum(1 for t in toks if t in words) for words in LEXICONS]
                   + [len(_RPHRASE_RE.findall(text.lower()))], dtype=np.float32)
    return Claim(text, toks, set(cs), set(zip(cs, cs[1:], strict=False)), lex, numbers(text))


def claim_negated(claim: Claim) -> set[str]:
    """The claim's own negated terms ("X did not resign"): their negation in the body agrees."""
    return negation_scope(claim.toks) & claim.stems


def near_claim_cues(claim: Claim, body: Body) -> np.ndarray:
    """Per sentence: refuting, strong refuting and negating words within a few tokens of a
    claim term ("the *hoax* about the mayor's *resignation*"), and the claim-term count."""
    out = np.zeros((len(body.sents), 4), dtype=np.float32)
    for i, (st, cues) in enumerate(zip(body.tok_stems, body.cue_pos, strict=True)):
        hit = [k for k, s in enumerate(st) if s is not None and s in claim.stems]
        if not hit:
            continue
        for j, pos in enumerate(cues):
            out[i, j] = sum(1 for k in pos if any(abs(k - h) <= _NEAR_WINDOW for h in hit))
        out[i, 3] = len(hit)
    return out


def overlap_sims(claim: Claim, body: Body) -> np.ndarray:
    """Share of the claim's content stems found in each sentence."""
    n = max(len(claim.stems), 1)
    return np.array([len(claim.stems & s) / n for s in body.stems], dtype=np.float32)


def lexical_features(claim: Claim, body: Body, sims: np.ndarray,
                     cov: np.ndarray | None = None) -> tuple[list[float], np.ndarray]:
    """Features that need no fitted vocabulary; sims rank the body's sentences.

    Returns the features and the sentence order (best first)."""
    order = np.argsort(-sims, kind="stable")
    top = order[:3]
    n_sent = len(body.sents)
    cov = overlap_sims(claim, body) if cov is None else cov
    n_stems = max(len(claim.stems), 1)
    body_cov = len(claim.stems & body.all_stems) / n_stems
    top_union = set().union(*(body.stems[i] for i in top)) if len(top) else set()
    top_cov = len(claim.stems & top_union) / n_stems
    lead = min(n_sent, 5)
    lead_union = set().union(*body.stems[:lead]) if lead else set()
    lead_cov = len(claim.stems & lead_union) / n_stems
    bi = len(claim.bigrams & body.all_bigrams)
    bi_frac = bi / max(len(claim.bigrams), 1)
    nums_frac = len(claim.nums & body.nums) / len(claim.nums) if claim.nums else -1.0
    nums_miss = len(claim.nums - body.nums) if claim.nums else 0
    lex_body = body.lex.sum(axis=0) / max(n_sent, 1)
    lex_top = body.lex[top].sum(axis=0) if len(top) else np.zeros(len(LEX_NAMES))
    weights = np.clip(sims, 0, None)
    lex_w = (body.lex * weights[:, None]).sum(axis=0) / max(weights.sum(), 1e-6)
    lex_first = body.lex[0] if n_sent else np.zeros(len(LEX_NAMES))
    lex_lead = body.lex[:lead].sum(axis=0)
    # refuting / hedging words inside sentences that share terms with the claim
    near = cov >= 0.25
    lex_near = body.lex[near].sum(axis=0) if near.any() else np.zeros(len(LEX_NAMES))
    neg_mismatch = float((claim.lex[3] > 0) != (lex_top[3] > 0))
    # claim terms under negation / denial, in the best sentences and anywhere
    claim_scope = claim.stems - set(claim_negated(claim))
    top_neg = set().union(*(body.neg_scope[i] for i in top)) if len(top) else set()
    all_neg = set().union(*body.neg_scope) if n_sent else set()
    neg_top = len(claim_scope & top_neg) / n_stems
    neg_all = len(claim_scope & all_neg) / n_stems
    neg_lead = len(claim_scope & set().union(*body.neg_scope[:lead])) / n_stems if lead else 0.0
    near_idx = np.flatnonzero(cov >= 0.34)
    neg_near_sents = float(sum(1 for i in near_idx if claim_scope & body.neg_scope[i]))
    # cues near the claim's terms: in the best sentences, anywhere, weighted by rank, in the lead
    near_cue = near_claim_cues(claim, body)
    rank_w = np.clip(sims, 0, None)
    rank_w = rank_w / max(float(rank_w.sum()), 1e-6)
    lead3 = min(n_sent, 3)
    later = cov[lead3:] >= 0.25
    cue_feats = [
        float(near_cue[top, 0].sum()), float(near_cue[top, 1].sum()), float(near_cue[top, 2].sum()),
        float(near_cue[:, 0].sum()), float(near_cue[:, 1].sum()),
        float((near_cue[:, 1] > 0).sum()) / max(n_sent, 1),
        float((near_cue[:, 1] * rank_w).sum()), float((near_cue[:, 0] * rank_w).sum()),
        float(near_cue[:lead3, 1].sum()), float(near_cue[:lead3, 0].sum()),
        float(body.lex[lead3:][later, 0].sum()) if later.any() else 0.0,
        float(body.lex[:lead3, 1].sum()),
        float(near_cue[top[0], 1]) if len(top) else 0.0,
        float(body.n_strong),
    ]
    q_claim = float("?" in claim.text)
    q_top = float(sum(body.sents[i].count("?") for i in top))
    quote_top = float(sum(body.sents[i].count('"') + body.sents[i].count("“") for i in top))
    feats = [
        body_cov, top_cov, lead_cov, float(cov.max()) if n_sent else 0.0,
        float(np.sort(cov)[-3:].mean()) if n_sent else 0.0, float(cov[0]) if n_sent else 0.0,
        float(bi), bi_frac, nums_frac, float(nums_miss),
        float(len(claim.stems)), float(np.log1p(body.n_tokens)), float(np.log1p(n_sent)),
        float((cov >= 0.5).sum()) / max(n_sent, 1), float(order[0]) / max(n_sent, 1) if n_sent else 0.0,
        neg_mismatch, q_claim, q_top, quote_top, neg_top, neg_all, neg_lead, neg_near_sents,
        *claim.lex.tolist(), *lex_body.tolist(), *lex_top.tolist(), *lex_w.tolist(),
        *lex_first.tolist(), *lex_lead.tolist(), *lex_near.tolist(), *cue_feats,
    ]
    return feats, order


LEXICAL_NAMES = (
    ["body_cov", "top_cov", "lead_cov", "max_cov", "top3_cov", "first_cov", "bigram_hits", "bigram_frac",
     "nums_frac", "nums_miss", "claim_len", "body_len", "n_sent", "dense_frac", "best_pos",
     "neg_mismatch", "q_claim", "q_top", "quote_top", "neg_top", "neg_all", "neg_lead", "neg_near_sents"]
    + [f"{where}_{lex}" for where in ("claim", "body", "top", "wsim", "first", "lead", "near")
       for lex in LEX_NAMES]
    + ["refute_near_top", "strong_near_top", "negate_near_top", "refute_near_all", "strong_near_all",
       "strong_near_share", "strong_near_wsim", "refute_near_wsim", "strong_near_lead", "refute_near_lead",
       "refute_later", "hedge_lead3", "strong_near_best", "strong_body"]
)


# -- sentence-embedding features (models trained with an embedder) -----------------------

# Sentences we wrote that say a report is false, true or unverified. A body sentence close
# to one of them, and close to the claim, is a refutation (confirmation, hedge) of the claim
# said in words no lexicon lists.
PROTOTYPES = {
    "refute": ["The story is a hoax.", "This report is false.", "The claim has been debunked.",
               "It turned out to be fake.", "That is not true.", "The rumor is untrue.",
               "Officials denied the report.", "The photo was doctored.", "The video was staged.",
               "It was a prank.", "The article was satire.", "There is no evidence that this happened."],
    "confirm": ["The report has been confirmed.", "Officials confirmed that it happened.", "It is true.",
                "Police confirmed the news."],
    "hedge": ["It is not clear whether this is true.", "The report could not be verified.",
              "The claim has not been confirmed.", "It is unclear if the story is real.",
              "Reports suggest that it may have happened."],
}
EMBEDDING_NAMES = (
    ["emb_best", "emb_top3", "emb_mean", "emb_lead", "emb_best_pos", "emb_body", "emb_n_close", "emb_close_share"]
    + [f"emb_{kind}_{what}" for kind in PROTOTYPES for what in ("max", "top3", "wsim", "close")]
    + [f"emb_claim_{kind}" for kind in PROTOTYPES]
)


def embedding_features(claim_vec: np.ndarray, sent_vecs: np.ndarray, proto_sims: dict[str, np.ndarray],
                       claim_proto: dict[str, float]) -> list[float]:
    """Cosines of the claim with the body's sentences, and how much the sentences
    closest to the claim read like a refutation, confirmation or hedge.
    ``proto_sims[kind]`` is each sentence's best cosine with that kind's prototypes."""
    n = len(sent_vecs)
    if n == 0:
        return [0.0] * len(EMBEDDING_NAMES)
    c = sent_vecs @ claim_vec
    order = np.argsort(-c, kind="stable")
    top = order[:3]
    mean_vec = sent_vecs.mean(axis=0)
    body_cos = float(mean_vec @ claim_vec) / max(float(np.linalg.norm(mean_vec)), 1e-6)
    feats = [float(c[order[0]]), float(c[top].mean()), float(c.mean()), float(c[:3].max()),
             float(order[0]) / n, body_cos, float((c > 0.5).sum()), float((c > 0.5).mean())]
    w = np.clip(c, 0, None)
    w = w / max(float(w.sum()), 1e-6)
    for kind in PROTOTYPES:
        sp = proto_sims[kind]
        feats += [float(sp.max()), float(sp[top].max()), float((sp * w).sum()), float(((sp > 0.5) & (c > 0.4)).sum())]
    feats += [float(claim_proto[kind]) for kind in PROTOTYPES]
    return feats
