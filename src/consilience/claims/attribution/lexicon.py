"""Word lists the attribution rules read: reporting verbs, nouns and adjectives,
quote marks and dependency labels. Kept apart so every stage looks its words up in one place.
"""

from __future__ import annotations

# Verbs that report speech, writing, belief or intention (lemmas).
SPEECH_VERBS = {
    "say", "tell", "add", "write", "ask", "note", "report", "announce", "suggest", "claim",
    "confirm", "deny", "state", "explain", "argue", "insist", "warn", "accuse", "acknowledge",
    "admit", "declare", "tweet", "post", "reveal", "predict", "promise", "pledge", "vow",
    "urge", "recall", "conclude", "reply", "respond", "estimate", "allege", "assert",
    "contend", "maintain", "agree", "complain", "concede", "stress", "emphasize", "emphasise",
    "indicate", "testify", "assure", "observe", "mention", "comment", "disclose", "inform",
    "remark", "reiterate", "repeat", "boast", "joke", "quip", "recount", "speculate",
    "signal", "hint", "threaten", "caution", "counter", "charge", "retort", "exclaim",
    "shout", "scream", "whisper", "proclaim", "affirm", "answer", "demand", "propose",
    "forecast", "project", "advise", "brag", "lament", "muse", "continue",
    "clarify", "elaborate", "point", "describe", "show", "find", "quote",
    "cite", "highlight", "underline", "underscore", "mean", "imply", "guarantee",
    "establish", "demonstrate", "prove", "decry", "criticize", "criticise",
    "praise", "condemn", "dismiss", "reject", "question", "wonder", "doubt", "dispute",
}
BELIEF_VERBS = {
    "believe", "think", "want", "hope", "expect", "know", "fear", "feel", "worry", "plan",
    "intend", "wish", "suspect", "assume", "imagine", "realize", "realise", "understand",
    "decide", "learn", "hear", "doubt", "guess", "agree", "prefer", "need", "seek", "aim",
    "try", "refuse", "decline", "like", "love", "hate", "regret", "consider", "see",
    "recognize", "recognise", "acknowledge", "remember", "forget", "accept", "support",
    "oppose",
}
# Verbs whose infinitive complement (xcomp) is the content: "wants to leave".
XCOMP_VERBS = {
    "want", "hope", "expect", "plan", "intend", "wish", "promise", "pledge", "vow", "threaten",
    "refuse", "decline", "agree", "seek", "aim", "try", "need", "prefer", "like", "love",
    "hate", "urge", "ask", "tell", "demand", "propose", "decide", "claim", "appear", "seem",
    "continue", "offer", "call",
}
CUE_LEMMAS = SPEECH_VERBS | BELIEF_VERBS
# Cues that may come before their source: "..., said Smith", "..., reported Militarnyi".
INVERTIBLE = {"say", "report", "claim", "write", "add", "note", "tell", "announce", "confirm",
              "explain", "insist", "argue", "warn", "state", "ask", "reply", "continue",
              "conclude", "observe", "recall", "tweet", "allege", "declare", "respond",
              "suggest", "predict", "acknowledge", "admit"}
# Cue verbs that are too ambiguous without a clausal complement or a quote.
WEAK_WITHOUT_CLAUSE = {"show", "find", "mean", "see", "like", "love", "hate", "need", "try",
                       "continue", "point", "describe", "quote", "cite", "hear", "learn",
                       "understand", "consider", "accept", "support", "oppose", "remember",
                       "forget", "decide", "agree", "call", "answer", "post", "seek", "aim",
                       "prefer", "establish", "prove", "demonstrate", "question", "charge",
                       "counter", "project", "maintain", "reject", "dismiss", "praise",
                       "criticize", "criticise", "condemn", "decry", "highlight", "underline",
                       "underscore", "imply", "guarantee", "know", "feel", "ask",
                       "add", "repeat", "recall", "report", "write", "tell", "observe",
                       "note", "mention", "comment", "accuse", "warn"}
# Nouns that stand for what a source issued: "statements from Ukrainian officials".
STATEMENT_NOUNS = {"statement", "statements", "report", "reports", "release", "account",
                   "accounts", "data", "figures", "figure", "estimate", "estimates", "remarks",
                   "comments", "words", "testimony", "sources", "source", "analysis", "study",
                   "survey", "poll", "post", "tweet", "letter", "document", "documents",
                   "records", "briefing", "announcement", "interview", "video", "footage",
                   "reporting", "claims", "claim", "information", "assessment", "findings"}

QUOTE_CHARS = "\"“”'‘’«»"
CLOSING_QUOTES = "\"”’'"  # the marks that may close a quote (a straight one closes or opens)
PERSON_PRONOUNS = {"he", "she", "him", "her"}
RELATIVE_TAGS = {"WDT", "WP"}  # "which", "who": a relative pronoun
# Titles that say whom "he" or "she" cannot stand for ("Mrs. Holt" is no "he")
MALE_TITLES = {"mr.", "mr", "sir", "lord", "king", "prince", "congressman", "spokesman",
               "chairman", "councilman", "assemblyman", "monsieur"}
FEMALE_TITLES = {"mrs.", "mrs", "ms.", "ms", "miss", "dame", "lady", "madam", "madame", "queen",
                 "princess", "congresswoman", "spokeswoman", "chairwoman", "councilwoman",
                 "assemblywoman"}
# titles written before a surname alone ("Mr. Kerry", "Dr. Nasser"): no office, no first name
COURTESY_TITLES = {"mr.", "mr", "mrs.", "mrs", "ms.", "ms", "miss", "dr.", "dr"}
# a reporter's aside that names its own source: "The paper reported, citing officials, that ..."
CITING_WORDS = {"citing", "quoting"}
# Nouns for what a citing aside may name as a source besides the speakers the speaker
# lists know: "citing a South Korean daily", "citing Twitter accounts", "citing media".
CITED_SOURCE_NOUNS = {"media", "newspaper", "outlet", "website", "site", "daily", "agency", "account",
                      "report", "reporting", "document", "record", "testimony", "footage", "guard",
                      "coastguard", "brigade", "rescuer", "paramedic"}
SUBJ_DEPS = {"nsubj", "nsubjpass", "csubj"}
PUNCT_TRIM = " \t\r\n\xa0,.;:–—-"


IDIOM_OBJECTS = {
    "express": {"concern", "concerns", "confidence", "support", "hope", "doubt", "doubts",
                "frustration", "dismay", "regret", "interest", "skepticism", "optimism",
                "disappointment", "opposition", "outrage", "sympathy", "gratitude", "surprise"},
    "make": {"clear", "case"},
    "put": {"it"},
    "raise": {"concerns", "concern", "questions", "doubts"},
    "voice": {"concern", "concerns", "support", "opposition"},
    "plead": {"guilty"},
}
CUE_INCLUDED_AUX = {"aux", "auxpass", "neg", "prt"}


CUE_PREP_NOUNS = {
    "statement", "interview", "email", "e-mail", "release", "tweet", "post", "letter",
    "briefing", "conference", "rally", "speech", "appearance", "call", "event", "op-ed",
    "column", "video", "message", "twitter", "facebook", "broadcast", "debate", "hearing",
    "memo", "note", "remarks", "address", "op", "editorial", "blog", "radio", "television",
    "podcast", "instagram", "session", "meeting", "testimony", "report", "filing", "book",
    "essay", "article", "show", "program", "programme", "transcript", "telephone", "phone",
}
# Adverbs that never join a cue: question and place words, "so", "that".
NON_CUE_ADVERBS = {"so", "how", "why", "when", "where", "that", "there", "here"}
# The rules' cue growth (_extend_cue) also leaves out adverbs that join a cue only now and
# then ("then", "just", "never"); the learned cue-edge model (cue_pieces) weighs those itself.
CUE_ADVERBS_EXCLUDED = NON_CUE_ADVERBS | {"then", "just", "only", "not", "n't", "never", "thus", "therefore",
                                          "however"}


# Verbs whose "if"/"whether" clause is what is asked or known.
QUESTION_VERBS = {"ask", "wonder", "question", "inquire", "know", "decide", "doubt", "check"}


# What a survey found: "In a CNN/ORC poll released Monday, Trump led ...".
POLL_NOUNS = {"poll", "survey", "polling", "average", "study", "census", "tally", "projection",
              "ranking", "rankings", "sampling", "questionnaire"}


# Adverbs that attribute to an unnamed source: "The firm has reportedly ignored warnings".
REPORT_ADVERBS = {"reportedly", "allegedly", "purportedly", "supposedly", "reputedly"}


# Adjectives of attitude after a copula: "is critical of", "were hopeful that", "is eager to".
ATTITUDE_ADJECTIVES = {
    "critical", "confident", "hopeful", "adamant", "willing", "eager", "sure", "certain", "convinced",
    "skeptical", "sceptical", "wary", "supportive", "opposed", "hostile", "concerned", "worried",
    "afraid", "optimistic", "pessimistic", "happy", "unhappy", "angry", "upset", "furious", "proud",
    "aware", "unaware", "open", "reluctant", "unwilling", "determined", "frustrated", "disappointed",
    "pleased", "satisfied", "dissatisfied", "enthusiastic", "excited", "nervous", "anxious", "fearful",
    "doubtful", "uncertain", "unsure", "comfortable", "uncomfortable", "distrustful", "suspicious",
    "tepid", "keen", "ready", "careful", "vocal", "outspoken", "insistent", "emphatic", "firm",
    "positive", "sympathetic", "favorable", "favourable", "partial", "loyal", "committed",
    "dismissive", "fond", "interested", "glad", "sorry", "grateful", "thankful", "angered",
    "outraged", "troubled", "alarmed", "disturbed", "shocked", "surprised", "cautious",
}
ADJ_PREPS = {"of", "about", "with", "in", "to", "over", "at", "on", "toward", "towards", "for", "by"}


# Verbs whose direct object is the hearer, not what is said: "told a meeting that ...".
ADDRESSEE_VERBS = {"tell", "inform", "remind", "assure", "warn", "urge", "convince", "persuade", "notify",
                   "ask", "advise", "caution", "reassure", "promise", "show", "teach", "brief"}
RAISING_VERBS = {"seem", "appear"}
ASPECT_VERBS = {"try", "continue", "attempt", "struggle"}
# "released a statement saying", "sent a letter urging": what a source issues, and how
CARRIER_NOUNS = {"statement", "letter", "ad", "advertisement", "video", "tweet", "release", "memo",
                 "email", "e-mail", "message", "note", "post", "report", "op-ed", "column", "spot"}
CARRIER_VERBS = {"release", "issue", "send", "post", "publish", "air", "run", "put", "write", "launch",
                 "unveil", "pen", "sign", "file", "tweet", "deliver", "give", "make", "share"}


# Cues whose content is their object: "called him a liar", "endorsed Clinton".
OBJECT_CUES = {
    "call", "describe", "endorse", "accuse", "criticize", "criticise", "defend", "praise",
    "support", "oppose", "blame", "attack", "refer", "back", "slam", "blast", "reject",
    "dismiss", "welcome", "applaud", "condemn", "mock", "ridicule", "label", "dub", "brand",
    "characterize", "characterise", "credit", "thank", "highlight", "cite", "mention",
    "discuss", "question", "urge", "promise", "propose", "offer", "recommend", "push", "tout",
    "hail", "decry", "lament", "acknowledge", "deny", "admit", "announce", "predict",
    "estimate", "show", "find", "reveal", "suggest", "want", "fear", "favor", "favour",
    "prefer", "demand", "seek", "talk", "speak", "complain", "warn", "worry", "comment",
    "point", "argue", "insist", "stress", "emphasize", "emphasise", "note", "say", "ask",
    "vow", "pledge", "threaten", "join", "release", "issue", "publish", "tweet", "write",
    "sign", "veto", "approve", "embrace", "champion", "advocate", "float", "unveil", "outline",
    "detail", "explain", "express", "voice", "echo", "repeat", "reiterate", "recall",
    "remember", "hear", "learn", "see", "know", "believe", "accept", "consider", "expect",
    "hope", "like", "love", "hate", "need", "plan", "intend", "challenge", "dispute",
    "doubt", "confirm", "report", "state", "declare", "claim", "allege",
}
# every lemma a rule takes as a cue verb, with or without an object
CUE_OR_OBJECT_LEMMAS = CUE_LEMMAS | OBJECT_CUES
PREP_CUES = {
    ("call", "for"), ("call", "on"), ("refer", "to"), ("point", "to"), ("talk", "about"),
    ("push", "for"), ("argue", "for"), ("speak", "about"), ("complain", "about"),
    ("warn", "about"), ("warn", "of"), ("worry", "about"), ("ask", "about"), ("comment", "on"),
    ("speak", "of"), ("talk", "of"), ("vote", "for"), ("advocate", "for"),
    ("hope", "for"), ("wait", "for"), ("apologize", "for"), ("apologise", "for"),
    ("point", "out"), ("write", "about"), ("testify", "about"), ("think", "about"),
    ("know", "about"), ("care", "about"), ("agree", "with"), ("side", "with"),
    ("focus", "on"), ("respond", "to"), ("react", "to"), ("rail", "against"), ("vote", "against"),
    ("campaign", "for"), ("campaign", "against"), ("boast", "of"), ("boast", "about"),
    ("brag", "about"), ("vouch", "for"), ("agree", "on"), ("balk", "at"), ("hint", "at"),
    ("caution", "against"), ("warn", "against"), ("dwell", "on"), ("touch", "on"), ("seize", "on"),
    ("joke", "about"), ("press", "for"), ("disagree", "with"), ("center", "on"), ("lash", "at"),
    ("push", "against"), ("tell", "of"), ("open", "about"), ("weigh", "on"), ("aim", "at"),
}


NOUN_CUES = {
    "support", "question", "criticism", "attack", "call", "claim", "view", "decision",
    "endorsement", "plan", "opposition", "concern", "promise", "proposal", "assertion",
    "argument", "request", "suggestion", "complaint", "comment", "allegation", "message",
    "pledge", "talk", "fear", "announcement", "remark", "warning", "attempt", "report",
    "position", "hope", "accusation", "advice", "disagreement", "statement", "praise",
    "embrace", "refusal", "demand", "insistence", "belief", "prediction", "estimate",
    "denial", "admission", "vow", "threat", "charge", "criticisms", "attacks", "appeal",
    "rhetoric", "stance", "defense", "defence", "condemnation", "rebuke", "backing",
    "push", "pitch", "case", "response", "reaction", "assessment", "conclusion", "finding",
    "acknowledgment", "acknowledgement", "confirmation", "declaration", "insinuation",
    "recommendation", "unease", "skepticism", "doubts", "doubt", "worry",
    "objection", "objections", "desire", "wish", "intention", "intent", "commitment",
}
# Hedges that sit on the source but weaken the claim: "Unconfirmed reports say ...".
SOURCE_HEDGES = {"unconfirmed", "unverified", "alleged", "purported", "supposed"}

# What "deny" refuses rather than gainsays: "denied him bail", "denying the products access"
REFUSED_THINGS = {"access", "entry", "bail", "permission", "visa", "visas", "parole", "asylum", "admission",
                  "tenure", "funding", "benefits", "service", "right", "rights", "request", "application"}
# Nouns that sum up the clause before them: "engineers warned of cracks, a claim Hydrovolt denied"
SUMMING_NOUNS = {"claim", "allegation", "accusation", "charge", "assertion", "report", "suggestion",
                 "rumour", "rumor", "contention", "account", "version", "story"}
