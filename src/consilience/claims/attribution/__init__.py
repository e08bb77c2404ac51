"""Who said what: attribution extraction over a parsed article.

``extract_attributions(doc, article)`` reads an existing spaCy Doc (parser +
NER; no second parse) and returns one :class:`~consilience.models.Attribution`
per reporting event: the source (who), the cue (the reporting words) and the
content (what is attributed), as character spans into ``doc.text``.

Shapes covered, all by rules over the dependency parse:

* direct and indirect speech: ``X said (that) ...``, ``"...," X said``,
  split quotes ``"A," he said, "B."``, quotes that run over several
  sentences or paragraphs;
* ``according to X``; inverted ``..., reported news portal Militarnyi``;
* passive and unnamed sources: ``it was reported that``, ``officials said``;
* beliefs and intentions: ``X believes ...``, ``X wants to ...``;
* chains: ``as quoted by Yonhap``, ``told the BBC``, ``was quoted as saying
  by The Guardian`` give ``via``;
* pronoun sources (``he said``) resolved to the most recent compatible named
  speaker; roles, appositives and lone surnames named from the whole article
  ("Ukraine's president" -> the person introduced as "President ...", ``sources``);
  a report nested in an outlet's report kept with that outlet as ``via``, other
  nested proposals dropped (``extract``).

* quotes signed with a dash: '“...” ― Maria Lopez';
* light verbs with a reporting noun: "made a case for", "issued a warning about";
* chains: "released a statement saying", "went on to say", "tried to explain";
* attitude adjectives: "is critical of", "were hopeful that";
* passives with an agent ("was rejected by most voters") and "was asked whether";
* polls as sources: "In a new CNN poll, Trump leads ..."; reporting adverbs with no
  source: "The company has reportedly ignored warnings";
* a quote the parser put in its own sentence: '"Why?" Smith said.'
* asides: "As The Post reported, ..."; a participle on its source: "a group backing Rubio";
  subjects carried through an adjective or noun ("was reluctant to endorse", "is keen on
  telling"); chains after verbs of trying or going on ("tried to walk back his comments").
* a "that" clause the parser hung on a noun after the cue ("says in a statement that ...");
  "calling for X to do Y"; "Asked if ..."; verbs with a bound preposition ("railed against",
  "responded to"); adjectives with a preposition outside the attitude list ("are tired of").

Span conventions follow PolNeAR: the source keeps its determiner, the content
keeps a leading "that" and its quote marks but not a sentence's closing period
(an abbreviation keeps its own: "Charlotte, N.C."); datelines ("WASHINGTON --")
belong to no span. The learned part (see ``consilience train attribution``)
keeps likely candidates, decides where a content after its cue ends and which
neighbouring words ("also", "Monday", "in a statement") join the cue.

Layout, lower layers first (none imports a higher one): ``lexicon`` (word lists),
``text`` (offset helpers, no parse), ``spans`` (tokens to spans, cue tokens),
``syntax`` (subject, complement, chains), ``content`` (where a content lies),
``model`` (the learned cue model), ``rules`` (candidate proposals and their
features), ``boundaries`` (content end and cue edges), ``sources`` (speakers named
from the whole article, after the model), ``extract`` (the pipeline).
"""

from .boundaries import content_cuts, content_run_on, cue_pieces
from .extract import extract_attributions
from .model import MODEL_PATH, CueModel, cue_model
from .rules import candidates
from .text import quote_regions

__all__ = [
    "MODEL_PATH",
    "CueModel",
    "candidates",
    "content_cuts",
    "content_run_on",
    "cue_model",
    "cue_pieces",
    "extract_attributions",
    "quote_regions",
]
