"""The English syntax the stance rules read: words, clause edges, splits of coordinated predicates.

Patterns of English in general, not of any publisher; the vocabulary of positions is data in
`sources/codebook/frames.yaml`.
"""
import re

WORD = re.compile(r"[A-Za-z][\w’'-]*")
SPLIT = re.compile(r",?\s+(?:and|or|as well as)\s+(?:to\s+)?|,?\s+but\s+(?:also\s+)?to\s+|,\s+(?:to\s+)?")
CLAUSE_END = re.compile(r";\s|:\s|\s[—–]\s")
CLAUSE_START = re.compile(r";\s|:\s|,\s+(?:and|but|while|whereas|yet|thus|therefore|hence)\s+|\s(?:while|whereas|because|since|although)\s|[—–]\s")
CLAUSE_START_STRONG = re.compile(r";\s|:\s|\s(?:while|whereas|because|since|although)\s|[—–]\s")
THAT = re.compile(r"\b(?:clear|evident|obvious|believes?|believed|think|thinks|stress|stressed|noted|note|reiterate|reiterated|"
                   r"hope|hopes|ensure|say|said|agree|agreed|recall|affirm|affirmed|emphasi[sz]e|emphasi[sz]ed|insist|insists|"
                   r"maintains?|is|are|was)\s+that\s+", re.I)
GOAL = re.compile(r"\b(?:in order to|so as to|to|in|on|for|of)\s+")
AUX = re.compile(r"\b(?:will|can|could|would|may|might|shall|should)\s+")
FINITE_LEAD = re.compile(r"(?:\s+(?:has|have|had|is|are|was|were|will|would|always|consistently|firmly|resolutely|strongly|never|"
                          r"been|also|continues to|continue to|all|both|legally|actively|earnestly|always|still|fully)\b)*\s*$", re.I)
FIRST_VERB = re.compile(r"\s(?:is|are|was|were|has|have|had|will|would|can|could|should|must|shall|may|might)\s")
# The comma after an opening purpose, where the main clause and its subject begin ("To ensure X, the two sides need to ...").
MAIN_CLAUSE = re.compile(r",(?=\s+(?:we|I|our|it|they|the|all|every|each|this|these|[A-Z][\w’'-]*)\b)")
# Sentence adverbs that open a clause and belong to no phrase ("Hence, strong action is required").
OPENER = re.compile(r"\s*(?:Hence|Therefore|Thus|However|Indeed|Moreover|Furthermore|In addition|Finally|Above all|At the same time|"
                     r"In that regard|In this regard|To that end|First|Secondly|Second|Third|Thirdly|Lastly|Today|Now|Nevertheless)\s*,\s*")
ADJECTIVE_END = re.compile(r"(?:ful|ive|ous|able|ible|al|ic|ent|ant|er|ly)\s*$")
# "work with BRICS countries to promote X": the goal is the position.
LIGHT = re.compile(r"(?:work|cooperate|partner|join hands)\s+(?:closely\s+|together\s+)?with\s+(?:[\w’'-]+\s+){1,6}?(?:to|towards)\s+(?=\w)", re.I)
WANTS = {"want", "wants", "wish", "wishes", "like", "continue", "continues"}
PURPOSE = re.compile(r"(?:In order to|To)\s+")
# A purpose after an action ("withdraw X so as to avoid Y", "with a view to forging Z"): the goal is the actor's position too.
PURPOSE_AFTER = re.compile(r"\b(?:so as (?:not )?to|in order (?:not )?to|with a view to|with the aim of|aimed at|aiming at)\s+", re.I)
TRIM = " ,;:.!?\"'“”‘’()[]"
PRONOUNS = {"it", "them", "this", "that", "these", "those", "they", "him", "her", "us", "which"}
DEMONSTRATIVES = {"this", "that", "these", "those"}  # before a noun they make a phrase ("this pandemic")
# Words that are verbs and adjectives: after a comma in a list they describe ("an objective, correct and rational way").
LISTED = re.compile(r"\s*(?:,|and\b|or\b)")
# Phrases that take a gerund ("committed to", "will continue"): the predicate after them is read in its -ing form.
GERUND_TAKER = re.compile(r"\b(?:(?:committed|dedicated|devoted|contribute|contributes|contributing|look forward)\s+to|continues?|towards)\s*$", re.I)
# A goal of a role or an effort is a position ("a constructive role in upholding peace", "a global player in promoting X").
# So is the goal of engaging with a party ("engage with India to promote X").
ROLE_END = re.compile(r"\b(?:(?:its|our|their|the|this)\s+work|roles?|efforts?|experiences?|expertise|contributions?|players?|part|leaders?|partners?|forces?|voices?)\s*$|"
                      r"\bengage\s+(?:closely\s+)?with\s+(?:[\w’'-]+\s+){0,5}?[\w’'-]+\s*$")
# Where a list of items opens: after a colon or a semicolon ("our future: ending this pandemic, addressing ...").
LIST_OPEN = re.compile(r"[:;]\s+(?:and\s+)?")
# A word in a verb's form (not a plural or a participle) before a determiner: the head of a coordinated predicate.
VERB_BEFORE_DETERMINER = re.compile(r"(?!(?:about|above|across|after|against|along|alongside|amid|among|around|before|behind|below|beneath|"
                                    r"beside|between|beyond|during|except|inside|into|near|outside|over|through|throughout|toward|towards|"
                                    r"under|until|upon|within|without|then|when|where|how|why|not|only|even)\s)([a-z][a-z-]*(?<![sd]))\s+(?=(?:the|a|an|its|their|our|his|her|these|those|all|every|each)\s)")
# Where a second object is added to a first with its preposition repeated ("stand up for X and for Y"): a stance of its own.
NEXT_OBJECT = re.compile(r"\s+and\s+for\s+(?=(?:the|a|an|all|its|their|our|international|global)\s)")
AS_WELL_AS = re.compile(r",\s+as well as\s+(?=(?:the|a|an|all|any|its|their|our)\s)")
# The speaker's side doing something now ("we are disrupting X"): any support or oppose verb states its position.
WE_ARE = re.compile(r"\b(?:we|I)\s+(?:are|am|have been)\s+(?:(?:also|now|still|already|actively|currently|[a-z]+ly)\s+)*$", re.I)
# ", as" before a participle qualifies the object ("sovereignty, as enshrined in the Charter"): no new clause.
AS_PARTICIPLE = re.compile(r", as (?:[a-z]+ed|set out|laid down|set forth|written)\b")
# Verbs of protection and what they protect from ("protect X from Y", "be defended from Y": Y is opposed).
PROTECT = re.compile(r"\b(?:protect|defend|shield|safeguard|insulate)(?:s|ed|ing)?\b", re.I)
FROM = re.compile(r"\s(?:from|against)\s+")
AND_MODAL = re.compile(r",?\s+and\s+(?:should|must|will|shall|can|need)\b")
# A second subject given the same predicate ("X is unacceptable, as is Y").
AS_IS = re.compile(r"(?:\s+[\w-]+){0,4}?,\s+as\s+(?:is|are)\s+(?=\w)")
AND_THE = re.compile(r",?\s+and\s+(?=(?:the|a|an|any|all)\s)")
# Between two predicates of one subject ("is a breach of Y and as such is an affront to Z").
SAME_SUBJECT = re.compile(r"[^,;:.]*?\s(?:and|or)\s+(?:as such\s+|thus\s+|therefore\s+|also\s+)?")
NOT_ONLY = re.compile(r"(?:just|only|merely|simply)\s+(?=[a-z])")
