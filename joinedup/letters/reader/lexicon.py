"""Word lists and patterns the reader uses. General clinical English, nothing letter-specific.

Patterns run on a lower-cased copy of the text in which OCR digit/letter swaps inside words
("0rthopaedics", "Va1ley") are undone, so the offsets stay those of the original.
"""

from __future__ import annotations

import re

from .gate import Either, by_first_letter, gated
from .kept import compiled

# "please" and its OCR-broken or abbreviated forms
# also the common slips "plase", "plese", "pleae"
PLEASE = r"(?:pl\s?ease|plea\s?se|plase|plese|pleae|pls|plz|kind\s?ly(?!\s+(?:\w+ed|sent|did|took|gave|wrote|brought|sought|undertook|forwarded)\b))"

# --- who is asked -------------------------------------------------------------------------

GP_WORDS = (
    # ("GP/DN to arrange TWOC in 2/52", "GP or practice nurse to remove the clips": the practice, sharing the task)
    # ("Practice nurse or DN to check capillary glucose weekly")
    r"(?:(?:gp|practice(?:\s+nurse)?)\s*(?:/|\bor\b|&)\s*(?:dn|district\s+nurse|practice\s+nurse|pn|community\s+nurs\w*)|"
    r"(?:dn|district\s+nurse|community\s+nurs\w*)\s*(?:/|\bor\b|&)\s*(?:gp|practice(?:\s+nurse)?)|"
    # ("the day before surgery to confirm her arrival time" is the operation, not the practice)
    # ("Practice asthma nurse to check inhaler technique")
    r"gp|g\.p\.|general practitioner|practice\s+(?:asthma|diabet\w+|respiratory|copd|treatment\s+room)\s+nurse|"
    r"practice nurse|practice|"
    r"(?<!before )(?<!after )(?<!following )(?<!since )(?<!during )(?<!until )surgery|primary care|pcp|family doctor|"
    r"community team\s+at\s+the\s+practice)"
)

# explicit requests to the GP practice, whatever the audience of the letter
# "H. pylori biopsy - result to GP": a result sent for the practice to act on (a request, and a request about a result)
RESULT_TO_GP = r"\bresults?\s+to\s+(?:the\s+)?gp\b"
_EXPLICIT_GP_REQUEST = gated(
    rf"\b(?:the\s+|your\s+|his\s+|her\s+)?{GP_WORDS}\s*(?:[,:–—-]\s*)?(?:to|{PLEASE}|could|would|can|may|might|should|"
    rf"is asked|are asked|asked to|will need to|needs to|kindly|must)\b(?!\s+(?:date|discharge|the patient's own))"
    rf"|\b{PLEASE}\s*[-,:]?\s*(?:could|would|can)?\s*(?:the\s+|your\s+)?(?:gp|practice|surgery)\b"
    # ("Could Dr Example's practice nurse remove the sutures on day 10?")
    rf"|\b(?:could|would|can|will)\s+(?:the|your|dr\.?\s+[\w'-]+'s)\s+(?:gp|practice|surgery)\b"
    rf"|{RESULT_TO_GP}|\bto\s+(?:the\s+)?gp\s+for\s+(?:follow|action|review|f/u)"
    # (but "Medicines helpline for GP practices: 01632 ..." is for any practice, not a task for this one)
    rf"|\bfor\s+(?:the\s+)?gp\b(?!\s*\(?\s*(?:for\s+)?(?:information|info|note|records?))(?!\s+practices\b)"
    rf"|\b(?:gp|practice)\s+{PLEASE}\b"
    rf"|\b(?:i|we)(?:\s+have\s+|'ve\s+|\s+am\s+|'m\s+|\s+are\s+|'re\s+|\s+will\s+|\s+)(?:therefore\s+|now\s+|also\s+)?(?:asked|asking|ask|requested|requesting)\s+"
    rf"(?:that\s+)?(?:your|the|dr\.?\s+[\w'-]+'s)\s+(?:gp\b|practice|surgery|(?:own\s+|family\s+)?doctor)"
    # a letter to the patient: "I have written to your GP asking them to ..."
    rf"|\b(?:written|writing|wrote|write)\s+to\s+(?:your|the)\s+(?:gp|practice|surgery|family\s+doctor)\b[^.]{{0,30}}?"
    rf"\b(?:asking|to\s+ask|requesting|and\s+asked|suggesting|recommending)\b"
    # "your GP will arrange a blood test", but not "your GP will be sent a copy"
    # ("Oscar's GP will prescribe it", "his GP will take over")
    rf"|(?:\b(?:your|his|her|their|the\s+patient's|the)|(?<=[a-z])(?<!\bit)(?<!\bthat)(?<!\bwhat)(?<!\bthere)(?<!\bhere)(?<!\bwho)(?<!\bhe)"
    rf"(?<!\bshe)'s)\s+(?:gp\s+practice|gp\s+surgery|gp|practice|surgery|family\s+doctor|practice\s+nurse)\s+will\s+"
    rf"(?!be\s+(?:sent|copied|"
    rf"given|informed|updated|notified|receiving|aware)\b|receive|get\s+a\s+copy|have\s+a\s+copy|also\s+(?:receive|get))"
    rf"|\bi\s+suggest\s+the\s+gp\b|\b(?:suggest|recommend)(?:s|ed)?\s+(?:that\s+)?(?:the\s+)?gp\b"
    # a letter to the patient: "We recommend that your GP refers you to the ENT team"
    rf"|\b(?:recommend|suggest|advise)(?:s|ed)?\s+that\s+your\s+gp\s+(?!is\b|has\b|was\b)[a-z]+s\b"
    rf"|\b(?:it\s+would\s+be\s+(?:helpful|useful|sensible|appreciated|good)\s+(?:for|if)\s+(?:the\s+)?(?:practice|gp|surgery))"
    rf"|\b(?:checking|repeating|doing|monitoring|checked|repeated|done)\s+(?:\w+\s+){{0,4}}(?:at|by)\s+(?:the|your)\s+(?:surgery|practice|gp)\b"
    rf"|\bto\s+be\s+\w+\s+by\s+(?:the\s+)?(?:gp|practice nurse|practice)\b",
    re.I,
)
# the practice asked tersely, with no article or by its abbreviation (read by engine._explicit_request after the
# common forms, only where one of its rare words is, so that its common ones do not cost every sentence a gate)
PRACTICE_ASKED_TERSELY = gated(
    # "Can GP refer to talking therapies?", "Could practice nurse check her BP in two weeks?"
    r"\b(?:could|can|would)\s+(?:gp|practice\s+nurse|practice|surgery)\s+(?:please\s+|pls\s+)?(?:refer|check|re-?check|add|review|"
    r"arrange|prescribe|start|stop|increase|reduce|repeat|chase|code|record|see|remove|take|give|continue|request)\b"
    # "Clips to be removed at day 12-14 by practice nurse"
    r"|\bto\s+be\s+(?:removed|taken\s+out|checked|done|reviewed|given|changed|seen|repeated|arranged)(?:\s+[\w-]+){1,4}?\s+by\s+"
    r"(?:the\s+)?(?:gp|practice\s+nurse|practice)\b"
    # "Cast can be removed at his GP practice", "Sutures can be taken out by the practice nurse on day 10"
    r"|\b(?:can|could|should|may|will)\s+be\s+(?:removed|taken\s+out|checked|done|reviewed|changed|repeated|split|trimmed|"
    r"dressed|redressed)(?:\s+[\w-]+){0,3}?\s+(?:by|at)\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:gp|practice\s+nurse|practice|surgery)\b"
    # "would appreciate GP r/v", "I'd appreciate a GP review of her mood"
    r"|\bappreciate\s+(?:an?\s+)?(?:gp|practice(?:\s+nurse)?)\s+(?:r/v|rv|review|input|f/u|follow[- ]up|assessment|check)\b"
    # a meeting's action line that opens with the practice as who acts: "GP (Riverbank MC) – share health information
    # on all three children with the social worker – within 2 working days", "GP – attend or submit a report to the ICPC"
    # (but "GP - Fenbridge Health Centre" names the practice)
    r"|^\W*(?:gp|practice|surgery)(?:\s*\([^)]{1,40}\))?\s+[–—-]\s+"
    r"(?![\w\s'&.,-]{0,50}\b(?:surgery|practice|medical\s+cent(?:re|er)|health\s+cent(?:re|er)|medical\s+group|mc)\s*$)"
    r"(?:please\s+)?[a-z]{3,}\b(?!\s+(?:is|was|has|had|will)\b)"
    # the practice's own staff by role: "could your HCA recheck it", "your PCN clinical pharmacist could do this at her
    # next medication review", "Your social prescriber or health and wellbeing coach may be able to link her with ..."
    r"|\b(?:(?:could|would|can|will)\s+)?your\s+(?:practice(?:'s)?\s+|pcn\s+)?(?:hca|healthcare\s+assistant|health\s+care\s+assistant|"
    r"(?:clinical\s+)?pharmacist|social\s+prescriber|care\s+co-?ordinator|first\s+contact\s+physio\w*|"
    r"(?:health\s+and\s+)?wellbeing\s+coach|paramedic\s+practitioner)(?:\s+or\s+(?:[\w-]+\s+){1,4}?(?:coach|worker|nurse))?"
    r"(?:\s+(?:could|can|would|may|might|will)\b|(?=\s+(?:please\s+)?(?:re-?check|check|repeat|review|see|do|arrange|link|contact|"
    r"refer|start|switch|titrate|give)\b))"
    # "could your reception team advise her", "I would be grateful if your reception team could advise them"
    r"|\b(?:(?:could|would|can|will)\s+your\s+(?:reception|admin\w*|secretar\w*)\s+(?:team|staff)|if\s+your\s+"
    r"(?:reception|admin\w*|secretar\w*)\s+(?:team|staff)\s+(?:could|would|can))\b"
    # "[x] PN to remove sutures day 10-12": the practice nurse, abbreviated, with a task of the practice nurse's
    r"|(?:^|[\]:–→]\s*)pn\s+to\s+(?:remove|check|review|take|do|give|dress|change|see|book)\b",
    re.I,
)

# A letter to the patient: "Your GP will receive the result and will contact you if anything needs to be done", "Your GP
# will be sent the report and should go through it with you": the result is handed on for the GP to act on
RESULT_HANDED_TO_GP_FORM = (
    r"\b(?:your|the|his|her|their)\s+(?:gp|practice|surgery|family\s+doctor)\s+(?:will|should)\s+(?:receive|get|be\s+sent|"
    r"be\s+given)\s+(?:a\s+copy\s+of\s+)?(?:the|your|his|her|their|a|any)\s+(?:[\w-]+\s+){0,3}?(?:results?|reports?)\b"
    r"[^.;]{0,40}?\band\s+(?:will|should|can)\s+(?:then\s+)?(?:go\s+through|contact|call|ring|phone|tell|let\s+you\s+know|"
    r"discuss|talk|explain|arrange|act|treat|write|see|review)\b"
)
# a letter to the GP that leaves the result on the results system for it: "Results will be available to you on ICE and
# mum will make an appointment with you to go through them", "The histology report will come to you via ICE; Mrs
# Chauhan will see you for the result", "The practice will be able to see these on ICE and act on them"
RESULT_LEFT_ON_THE_SYSTEM_FORM = (
    r"\b(?:results?|reports?|histology)\s+(?:will|should)\s+(?:be\s+(?:available|visible)\s+to\s+you|come\s+to\s+you|"
    r"be\s+with\s+you)\b[^.]{0,120}?\b(?:make\s+an\s+appointment\s+with\s+you|see\s+you\s+(?:for|about|to)|act\s+on|"
    r"go\s+through)\b"
    # "The practice will be able to see these on ICE and act on them"
    r"|\b(?:the\s+practice|the\s+surgery|you)\s+will\s+be\s+able\s+to\s+(?:see|view|access)\s+(?:these|them|the\s+(?:[\w-]+\s+)?"
    r"results?)\b[^.;]{0,40}\band\s+act\s+on\b"
)
RESULT_HANDED_TO_GP = gated(
    RESULT_HANDED_TO_GP_FORM
    + "|"
    + RESULT_LEFT_ON_THE_SYSTEM_FORM
    # a letter to the GP: "The result will be copied to the surgery, and I would be grateful if you could go through
    # it with him", "These results should be with you in three weeks, and I would be grateful if you could advise her"
    # ("Results of the nerve conduction studies will be sent to you to discuss with the patient")
    + r"|\b(?:results?|reports?|histology)(?:\s+of(?:\s+(?:the|his|her|their))?(?:\s+[\w-]+){1,4}?)?\s+(?:will|should)\s+"
    r"(?:also\s+)?(?:be\s+(?:copied|sent|forwarded)\s+to\s+(?:you|the\s+(?:surgery|"
    r"practice|gp))|be\s+with\s+you|reach\s+you|come\s+to\s+you)\b[^.;]{0,120}?\b(?:go\s+through|let\s+(?:him|her|them)\s+know|"
    # ("Swab result will come to you - please check it and change the drops if the organism is resistant")
    r"explain|discuss|advise|tell|act\s+on|check\s+(?:it|them|this|these)|treat|review\s+(?:it|them|this|these))\b"
)

# shorthand that names the practice first: "Unable to work - GP for fit note", "F/U: GP 2/52 wound check + ROS"
# (kept apart from EXPLICIT_GP_REQUEST so that each keeps a gate on the fixed text it needs)
_PRACTICE_NAMED_FIRST = gated(
    # prescribing the hospital leaves to the practice, said as what the patient will need: "the remaining five days
    # will need to come from the surgery", "will need the rest prescribed by the surgery on Monday", "he will need it
    # prescribing from the practice from today", "the prescriptions are yours from then on"
    r"\bwill\s+need\s+to\s+come\s+from\s+(?:the|your|his|her)\s+(?:gp\s+)?(?:practice|surgery|gp)\b|"
    r"\bwill\s+need\s+(?:it|them|this|these|the\s+rest|the\s+remainder|the\s+remaining\s+(?:\w+\s+)?\w+)\s+"
    r"(?:prescrib\w*|supplied|issued)\s+(?:from|by)\s+(?:the|your|his|her)\s+(?:gp\s+)?(?:practice|surgery|gp)\b|"
    r"\bthe\s+prescriptions?\s+(?:are|is|will\s+be)\s+yours\b|"
    # "He may need a CT chest to characterise this, which we would leave with the practice"
    r"\b(?:we|i)\s+(?:would|will|shall)\s+leave\s+(?:it\s+|this\s+|that\s+)?(?:to|with)\s+(?:the|your)\s+(?:practice|surgery|gp)\b|"
    r"\bwhich\s+(?:we|i)\s+(?:would|will)\s+leave\s+(?:to|with)\s+(?:the|your)\s+(?:practice|surgery|gp)\b|"
    # a letter to the patient: "... will be sent to your GP, who will let you know the results", "please make an
    # appointment with your GP, who will need to refer you again"
    r"\b(?:your|the|his|her|their)\s+(?:gp|practice|surgery|family\s+doctor)(?:\s+(?:surgery|practice))?,?\s+who\s+"
    # (not "who can refer her again if you still have concerns": an offer to the patient)
    r"(?:will|should)\s+(?:need\s+to\s+|be\s+able\s+to\s+|also\s+)?"
    r"(?!be\s+(?:sent|copied|given|informed|updated|notified|aware)\b|receive|get\s+a\s+copy|have\s+a\s+copy)[a-z]{2,}|"
    rf"{RESULT_HANDED_TO_GP_FORM}|"
    # "the practice nurse could check his blood pressure in 4 weeks"
    r"\b(?:the|your)\s+(?:gp|practice\s+nurse|practice|surgery)\s+(?:could|might|may)\s+(?:also\s+)?(?:check|repeat|review|arrange|"
    r"start|increase|reduce|stop|refer|remove|take|do)\b|"
    # "Her pill can continue on repeat from the practice until then" (not "continues on repeat from the practice")
    r"\b(?:can|could|should|may|to|please)\s+(?:\w+\s+){0,2}?(?:continue|stay|remain|go)\s+on\s+(?:a\s+)?repeat\s+"
    r"(?:prescription\s+)?from\s+(?:the\s+|your\s+)?(?:practice|surgery|gp)\b|"
    # "Letrozole can be continued on repeat prescription from the practice"
    r"\b(?:can|could|should|may)\s+(?:now\s+)?be\s+(?:continued|prescribed|issued)\s+(?:on\s+(?:a\s+)?repeat\s+(?:prescription\s+)?)?"
    r"(?:from|by)\s+(?:the\s+|your\s+)?(?:practice|surgery|gp)\b|"
    # "? GP r/v BP in 2/52 and restart amlodipine if SBP > 140": the practice, then what it is to do
    # (a ticked box first: "[x] GP review within 1 week - re delirium resolution")
    # ("BP raised x2, no known HTN - GP r/v BP 1-2/52 +/- ABPM": after a spaced dash too)
    r"(?:^|[:–—→?-]\s)\s*(?:\[\s*[x✓✔]\s*\]\s*|\W\s*)?(?:gp|practice\s+nurse)\s+(?:r/v|rv|f/u|recheck|re-check|repeat|refer|re-refer|"
    r"restart|start|stop|increase|reduce|chase|arrange|titrate|uptitrate|wean|check|review)\s+"
    r"(?!(?:on|at|in|was|were|showed|found|noted|not|n/a|none|declined|unnecessary)\b)\w|"
    r"(?:^|[-–—:;→(]\s*)(?:the\s+)?gp\s+for\s+(?!(?:information|info|note|records?|reference|awareness|your|his|her)\b)\w|"
    r"(?:^|[:–→]\s)\s*(?:\W\s*)?(?:gp|practice\s+nurse|pn|practice)\s+(?:in\s+|at\s+|within\s+)?(?:\d+\s*(?:/\s*(?:52|12|7)|\s*(?:days?|weeks?|wks?))|"
    r"one|two|three|four|six|a)\b(?:\s*(?:days?|weeks?))?\s*(?:for\s+)?(?:[\w&/+-]+\s+){0,3}?(?:check|review|r/v|ros|tor|bloods?|"
    r"dressing|removal|bp|u&es?)\b"
    # the practice nurse, the test, then when: "Practice nurse lying/standing BP in 2/52 after stopping amlodipine"
    r"|(?:^|[:–→]\s)\s*(?:\W\s*)?(?:practice\s+nurse|pn)\s+(?:[\w&/+-]+\s+){0,3}?(?:bp|u&es?|bloods?|ecg|check|review)\s+"
    r"(?:in|at|within)\s+\d+\s*(?:/\s*(?:52|12|7)|\s*(?:days?|weeks?|wks?))"
    # the task, then who does it after a dash: "Clips out D10 (19/03) - practice nurse, + wound check"
    r"|\b(?:clips?|sutures?|stitches|staples|dressings?|wound\s+checks?|bloods|ecg)\b[^.;]{0,30}?\s[-–—]\s*(?:by\s+)?"
    r"(?:the\s+)?(?:gp|practice\s+nurse|pn|practice)\b\s*(?:[,.;+]|$)",
    re.I,
)
# (kept apart from _PRACTICE_NAMED_FIRST so that each keeps a gate on the fixed text it needs)
_LEFT_WITH_THE_PRACTICE = gated(
    RESULT_LEFT_ON_THE_SYSTEM_FORM
    # "prescribing of the increased dose can continue from the practice under the agreed shared care"
    + r"|\b(?:prescribing|prescriptions?|supply|supplies)\b[^.;]{0,40}?\b(?:can|could|should|may|to|will)\s+(?:then\s+|now\s+)?"
    r"(?:continue|be\s+continued|carry\s+on)\s+(?:from|by|at|with)\s+(?:the\s+|your\s+)?(?:practice|surgery|gp)\b"
    # a hand-over: "the prescribing of this DMARD passes to you from now", "She can therefore move to practice prescribing"
    r"|\b(?:prescribing|prescriptions?|monitoring)\b[^.;]{0,60}?\b(?:now\s+)?pass(?:es)?\s+to\s+you\b"
    r"|\b(?:can|could|will|should)\s+(?:therefore\s+|now\s+)?move\s+to\s+(?:practice|gp)\s+prescribing\b"
    # a letter to the patient: "I would like your GP, Dr Brooks, to increase your amlodipine"
    r"|\bi\s+would\s+like\s+your\s+gp(?:,\s*dr\.?\s+[\w'-]+,)?\s+to\s+(?!know\b|be\s+aware\b|have\s+a\s+copy\b|see\s+this\b)[a-z]"
)
# the practice's task told as what the patient was told or agreed: "I have told her you will review her blood pressure
# in four weeks", "He understands you will titrate them up every 2 weeks", "She knows to come to you for her next
# prescription", "he knows she can get the rest of the 6 weeks from her GP" (kept apart so that it keeps its own gate)
_THE_PRACTICE = (
    r"(?:you|the\s+(?:practice(?:\s+nurse)?|surgery|gp)|(?:his|her|their)\s+(?:gp|practice(?:\s+nurse)?|surgery))"
)
_WILL_DO = r"(?:\s+(?:will|would|can|could|are\s+going\s+to)|'ll|'d)\s+(?:also\s+)?(?!be\s+(?:sent|copied|informed|given|aware)\b|receive\b|get\s+a\s+copy\b|have\s+a\s+copy\b)[a-z]"
_TOLD_THE_PATIENT_THE_PRACTICE_WILL = gated(
    r"\b(?:told|explained\s+to|informed|reassured)\s+(?:him|her|them|the\s+patient|(?:his|her|their)\s+(?:wife|husband|partner|"
    r"daughter|son|mother|father|mum|dad|parents?|family|carers?))\s+(?:that\s+)?"
    + _THE_PRACTICE
    + _WILL_DO
    + r"|\b(?:he|she|they|the\s+patient|the\s+family|mum|dad)\s+(?:also\s+)?(?:understands?|knows?|is\s+aware|agreed|accepts?)\s+"
    r"(?:that\s+)?" + _THE_PRACTICE + _WILL_DO,
    re.I,
)
# (kept apart from the above so that each keeps a gate on the fixed text it needs)
_THE_PATIENT_WILL_GET_IT_FROM_THE_PRACTICE = gated(
    # (but "She knows to come back to you if it changes" is a safety net, not a task)
    r"\bknows?\s+(?:that\s+)?(?:she|he|they)?\s*(?:to|can|should)\s+(?:(?:come\s+(?:back\s+)?to|see|ring|call|contact)\s+"
    + _THE_PRACTICE
    + r"\s+(?:in\s+[\w\s]{1,15}?\s+)?(?:for|to\s+(?:get|have|start|restart|arrange|book|discuss|review))\b|"
    r"(?:get|collect|ask\s+for)\s+[^.;]{1,60}?\s+from\s+"
    + _THE_PRACTICE
    + r"\b|(?:have|book)\s+[^.;]{1,40}?\s+(?:with|at)\s+"
    + _THE_PRACTICE
    + r"\b)"
    # "He will get more painkillers from you if he needs them", "mum agreed to book these with the practice nurse"
    r"|\b(?:will|can)\s+get\s+(?:more|further|the\s+rest|the\s+remaining|the\s+remainder)\b[^.;]{0,60}?\bfrom\s+"
    + _THE_PRACTICE
    # (but "She will book her flu vaccinations at the surgery herself" is her own routine care)
    + r"\b|\b(?:will|agreed\s+to)\s+book\s+(?:her|his|their|these|the)\b[^.;]{0,60}?\b(?:at\s+the\s+surgery|with\s+"
    + _THE_PRACTICE
    + r")\b(?!\s+(?:herself|himself|themselves)\b)"
    # "He will see you in 6 weeks so you can review how the new regimen is going"
    r"|\bwill\s+see\s+you\s+(?:in|at|after)\b[^.;]{0,40}?\bso\s+(?:that\s+)?you\s+can\b"
    # "she can make an appointment with you to be re-referred if she still has symptoms"
    r"|\bmake\s+an\s+appointment\s+with\s+you\s+to\s+(?:be\s+re-?referred|discuss|go\s+through|review|get|start|have)\b",
    re.I,
)
EXPLICIT_GP_REQUEST = Either(
    _EXPLICIT_GP_REQUEST,
    _PRACTICE_NAMED_FIRST,
    _LEFT_WITH_THE_PRACTICE,
    _TOLD_THE_PATIENT_THE_PRACTICE_WILL,
    _THE_PATIENT_WILL_GET_IT_FROM_THE_PRACTICE,
)

# a hedge that names someone other than the GP as the one to act: "it would be sensible for her to avoid
# driving" (the patient's), "for us to see her again" (the hospital's); "for her to have her U&Es checked" stays
_NOT_FOR_OTHERS = (
    r"(?!\s+for\s+(?:us|me|our\b|the\s+(?:team|clinic|ward|hospital)|(?:her|him|them|the\s+patient)\s+to\s+"
    r"(?!have\b|be\s+\w+ed\b)))"
    # "it might be helpful to set out my thinking" is about the letter itself
    r"(?!\s+(?:to|if\s+i)\s+(?:set\s+out|explain|summari[sz]e|outline|describe|recap|clarify|mention|share\s+my))"
)

# polite or hedged request forms; they reach the GP when the letter is addressed to the GP
# the hospital's own treatment after "recommend", "consider": "Recommend wide local excision with 1 cm margins"
_NOT_ITS_TREATMENT = (
    r"(?!\s+(?:(?:adjuvant|neoadjuvant|further|wide\s+local|re-?)\s*)?(?:excision|resection|surgery|radiotherapy|"
    r"chemotherapy|immunotherapy|mastectomy|lumpectomy|amputation|sentinel\s+node)\b)"
)
_DIRECT_REQUEST = gated(
    rf"\b{PLEASE}\b"
    r"|\b(?:could|would|can|will)\s+you\b"
    r"|\bthanks?\s+(?:you\s+)?for\s+(?:arranging|checking|organising|organizing|prescribing|starting|stopping|"
    r"referring\s+(?:him|her|them)\s+to|adding|reviewing|repeating|chasing|updating|issuing)\b"
    # ("I am grateful to your practice for taking over methotrexate" thanks the practice for what it did)
    # ("He was very grateful for the care he has received" is the patient's thanks)
    r"|(?<!\bam\s)(?<!\bare\s)(?<!'m\s)(?<!'re\s)(?<!\bwas\s)(?<!\bwas\svery\s)(?<!\bwere\svery\s)(?<!\bwas\sso\s)(?<!\bis\svery\s)"
    r"\b(?:grateful|appreciate[d]?|thankful|obliged)\b[^.]{0,40}\b(?:if|for)\b"
    # "I'd appreciate your help in getting her a routine ENT opinion"
    r"|\b(?:appreciate|welcome|value)\s+your\s+help\s+(?:in|with)\b"
    r"|\byou\s+(?:may|might|could|would)\s+(?:also\s+)?(?:wish|like|want|consider|care|be\s+able)\b"
    # "I'd suggest": the contraction has no space before it
    r"|\b(?:i|we)(?:\s+would\s+|'d\s+|\s+do\s+|\s+)(?:also\s+)?(?:suggest|recommend|advise|propose)\b"
    + _NOT_ITS_TREATMENT
    + r"|\b(?:i|we)(?:\s+would|'d)\s+(?:also\s+)?(?:be\s+grateful|ask|request|like\s+you)\b"
    r"|\bi(?:\s+would|'d)\s+(?:ask|request)\b"
    r"|\b(?:ask|request|suggest|recommend)(?:ing)?\s+that\s+(?:the\s+|your\s+)?(?:practice|gp|surgery|you)\b"
    r"|\b(?:we|i)\s+(?:are|am|'re|'m)\s+(?:very\s+)?happy\s+for\s+(?:her|him|them|you|the\s+practice)\s+to\s+(?:continue|start|stay|remain)\b"
    # "if they do, I would be happy for you to try medroxyprogesterone", "I am happy for the practice to prescribe"
    r"|\b(?:we|i)(?:\s+would\s+be|'d\s+be|\s+am|'m|\s+are|'re)\s+(?:very\s+|more\s+than\s+)?(?:happy|content)\s+for\s+"
    r"(?:you|the\s+(?:practice|gp|surgery)|your\s+(?:practice|team))\s+to\s+(?!see\b|contact\b)\w"
    # "We would like her to continue the mycophenolate; we will arrange shared care with you"
    r"|\b(?:i|we)(?:\s+would|'d)\s+like\s+(?:him|her|them|the\s+patient)\s+to\s+(?:continue|start|stay\s+on|remain\s+on|have)\b"
    r"[^.]{0,80}\b(?:you|practice|surgery|gp|shared\s+care|repeat)\b"
    # "I have left this in your capable hands: reduce prednisolone ..." (but not "the rest in your capable hands")
    r"|\b(?:this|these|that|it|them)\s+(?:in|into)\s+your\s+(?:\w+\s+)?hands\b",
    re.I,
)
# (the rest of REQUEST_TO_READER, kept apart so that each part keeps a gate on the fixed text it needs)
# a task left to the practice's judgement: "we leave it to you", "over to you for ...", "at your discretion" (a hedged
# request to the reader here; in classify, what keeps a referral the practice's)
LEFT_TO_YOU = r"\bleave\s+(?:it|this|that)?\s*(?:to|with)\s+you\b|\bat\s+your\s+discretion\b|\bover\s+to\s+you\b"
_HEDGED_REQUEST = gated(
    rf"\bit\s+(?:would|may|might)\s+be\s+(?:worth|reasonable|sensible|helpful|useful|appropriate)\b{_NOT_FOR_OTHERS}"
    # a hedge after an impersonal subject: "A repeat sodium in a fortnight would be sensible", but not
    # "it would be sensible for her to avoid driving" (the patient's) or "for us to see her" (the hospital's)
    r"|\b(?:would|may|might|could)\s+(?:also\s+)?be\s+(?:sensible|advisable|prudent|wise|worthwhile|reasonable|helpful|"
    rf"useful|appropriate|beneficial|a\s+good\s+idea|good\s+practice|worth\s+\w+ing)\b{_NOT_FOR_OTHERS}"
    # "if you agree, a routine referral to audiology would seem reasonable"
    rf"|\b(?:would|may|might)\s+(?:also\s+)?(?:seem|appear)\s+(?:sensible|reasonable|appropriate|worthwhile)\b{_NOT_FOR_OTHERS}"
    r"|\bi\s+wonder\s+(?:if|whether)\s+(?:you|the\s+practice)\b|\bperhaps\s+you\s+(?:could|might|would|can)\b"
    r"|\byou\s+(?:may|can|could|might)\s+(?:wish\s+to\s+)?re-?\s?refer\b"
    r"|\byou\s+(?:are|would\s+be)\s+(?:very\s+|most\s+|more\s+than\s+)?welcome\s+to\b"
    r"|\b(?:could|may|can|might)\s+i\s+(?:ask|request|suggest|leave)\b"
    rf"|{LEFT_TO_YOU}|\bi(?:\s+would|'d)\s+be\s+(?:pleased|happy|glad)\s+if\s+you\b"
    # "we leave that decision to you", "... would be my choice of preventive"
    r"|\bleave\s+(?:that|the|this)\s+decision\s+(?:to|with)\s+you\b|\bwould\s+be\s+my\s+(?:choice|preference|suggestion)\b"
    r"|\byou\s+(?:could|might)\s+(?:also\s+)?(?:try|start|increase|reduce|stop|arrange|refer|check|repeat|request|offer|"
    r"switch|review|organise|organize|book)\b"
    r"|\b(?:worth|consider)\s+(?:considering|starting|checking|referring|arranging|trying|a\s|an\s|\w+ing\b)"
    r"|\bif\s+you\s+(?:could|would|can)\b(?!\s+rather\b)"
    r"|\byou\s+can\s+(?:keep|continue|carry\s+on)\b"
    r"|^\s*(?:\d+[.)]\s*)?(?:would\s+|i'd\s+|we'd\s+)?(?:suggest|recommend|advise|consider)\b"
    + _NOT_ITS_TREATMENT
    + r"|\bsuggest(?:ed)?\s+(?:you|that\s+you)\b"
    r"|(?:^|[;:]\s*)could\s+(?:his|her|their|the\s+patient's)\s+(?:[\w-]+\s+){1,3}be\s+\w+(?:ed|en)\b"
    r"|(?:^|[;:]\s*)could\s+(?:this|these)\s+be\s+(?:added|started|prescribed|continued|issued|arranged|checked|done)\b",
    re.I,
)
# polite requests without "please": "a routine podiatry referral would be very welcome", "We would also like a PIIINP
# level taken before her next appointment here", "It would also help if she could be added to your register"
# (kept apart from _HEDGED_REQUEST so that each keeps a gate on the fixed text it needs)
_POLITE_WITHOUT_PLEASE = gated(
    # (a task, not "any comments would be welcome"; and "he would be welcome to be re-referred" is the patient's)
    r"\b(?:referral|review|check|assessment|prescription|tests?|scan|x-?ray|ultrasound|visit|trial|course)\s+would\s+be\s+"
    r"(?:very\s+|most\s+|much\s+)?welcome\b(?!\s+to\b)"
    # "We would also like a PIIINP level taken two weeks before her next appointment here" (but "we would like the
    # biopsy taken at the same time as the endoscopy" is the hospital's own plan)
    r"|\b(?:we|i)\s+would\s+(?:also\s+)?like\s+(?:a|an|the|her|his|their)\s+[^.;]{0,80}?\b(?:taken|done|checked|repeated|"
    r"measured|sent)\b[^.;]{0,40}?\b(?:before\s+(?:her|his|their|the)\s+next|at\s+(?:the|your)\s+(?:surgery|practice)|"
    r"in\s+(?:\d+|one|two|three|four|five|six|eight|ten|twelve|a\s+few)\s+(?:weeks?|months?))"
    # "It would also help if she could be added to your palliative care register"
    # ("It would also help if primary hyperparathyroidism were coded on her record")
    # ("it would help me if she could have a faecal calprotectin sent off from the surgery")
    r"|\bit\s+would\s+(?:also\s+|really\s+)?help\s+(?:me\s+|us\s+)?if\s+(?:(?:she|he|they)\s+could\s+have\s+(?:a|an|her|his|their|the)\s+"
    r"[^.;]{0,60}?\b(?:sent|done|taken|checked|repeated|measured)\b|"
    r"(?:the\s+practice|the\s+surgery)\s+(?:could|can|would)|"
    r"(?:she|he|they|the\s+patient|this|these|it|that|they)\s+could\s+be\s+\w+(?:ed|en)|[^.;]{3,60}?\s(?:were|was)\s+"
    r"(?:coded|recorded|added|noted|updated|reviewed|checked|repeated|changed))\b",
    re.I,
)
# telegraphic, with no subject: "If bothersome symptoms persist, could add finasteride 5 mg"
_SUBJECTLESS_HEDGE = gated(
    r"(?:^|,\s*|;\s*)(?:could|might)\s+(?:also\s+)?(?:add|start|try|trial|increase|switch\s+to|consider)\s+(?!to\b)\w"
    # what the patient would like of the practice, or what the clinic told them it would do: "he would like you to refer
    # him to audiology routinely", "I said you would be happy to refer him for a hearing assessment"
    r"|\b(?:he|she|they|the\s+patient|the\s+family)\s+would\s+like\s+you\s+to\s+\w"
    r"|\byou\s+would\s+be\s+(?:happy|willing|glad)\s+to\s+(?:refer|arrange|prescribe|see|check|review|start)\b",
    re.I,
)
# Hedges common in dictation: "I wonder, too, whether his atorvastatin might be increased from 20 mg to 40 mg"; "It
# would also help if a note could be added to his record" (apart from _HEDGED_REQUEST, so that each keeps its gate)
_DICTATED_HEDGE = gated(
    r"\bi\s+(?:also\s+)?wonder(?:,\s*too,)?\s+(?:if|whether)\s+(?:[\w'-]+\s+){1,5}?(?:might|could|should|can)\s+(?:now\s+|also\s+)?"
    r"be\s+(?:increased|reduced|stopped|started|switched|changed|reviewed|checked|repeated|added|coded|recorded)\b"
    r"|\bit\s+would\s+(?:also\s+|really\s+)?help\s+if\s+(?:you|the\s+practice|(?:a|an|the|his|her|their)\s+[\w\s'-]{1,40}?"
    r"(?:could|can|were)\s+be\s+\w+ed)\b",
    re.I,
)
# (kept apart so that each part keeps a gate on the fixed text it needs) "It will be kind of you to update her records",
# "It will be nice if her vaccinations can be given at your surgery"
_KIND_OF_YOU = gated(r"\bit\s+(?:will|would)\s+be\s+(?:nice|kind|good|great)\s+(?:of\s+you\s+to|if)\b", re.I)
# the practice asked politely and indirectly, with no "please" and no "you could": "We would appreciate the practice
# taking over the methotrexate prescribing", "a prescription from the practice for an 8 week course would be
# appreciated", "this would be better started by the practice", "which is best given at the surgery"
_LEFT_TO_THE_PRACTICE_POLITELY = gated(
    r"\b(?:we|i)(?:\s+would|'d)\s+(?:also\s+|really\s+|greatly\s+)?appreciate\s+(?:(?:the\s+|your\s+)?(?:practice|surgery|gp)\s+"
    r"\w+ing|you\s+\w+ing|this\s+coming|an?\s+(?:re-?referral|referral|review|prescription|repeat))\b"
    r"|\b(?:referral|review|check|prescription|tests?|scan|visit|course|supply)\b[^.;]{0,80}?\bwould\s+be\s+"
    r"(?:very\s+|most\s+|much\s+|greatly\s+)?(?:welcomed|appreciated)\b"
    r"|\b(?:best|better|most\s+appropriately|more\s+appropriately)\s+(?:be\s+)?(?:(?!managed\b|treated\b|placed\b|suited\b)[a-z]+ed|done|given|seen|taken|undertaken)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:locally|in\s+primary\s+care|(?:at|by|via|from|through|in)\s+(?:the\s+|your\s+)?"
    r"(?:gp|practice|surgery|you))\b",
    re.I,
)
# "she would like a routine referral to audiology if you agree": the patient's wish, put to the practice
_THE_PATIENTS_WISH_PUT_TO_YOU = gated(
    r"\b(?:she|he|they)\s+would\s+(?:like|welcome|value|appreciate)\s+(?:an?\s+)?(?:routine\s+|urgent\s+)?(?:re-?)?referral\b"
    r"[^.;]{0,60}?\bif\s+you\s+(?:agree|are\s+happy|feel\s+(?:it\s+is\s+)?appropriate)\b",
    re.I,
)
REQUEST_TO_READER = Either(
    _DIRECT_REQUEST,
    _LEFT_TO_THE_PRACTICE_POLITELY,
    _HEDGED_REQUEST,
    _THE_PATIENTS_WISH_PUT_TO_YOU,
    _KIND_OF_YOU,
    _DICTATED_HEDGE,
    _SUBJECTLESS_HEDGE,
    _POLITE_WITHOUT_PLEASE,
)

# sending the patient to the GP with hospital questions (a contact_point breach)
_PATIENT_SENT_TO_GP = gated(
    # ("... he should make an appointment with his GP", "... she could perhaps ask at the surgery")
    # ("... I suggested she speaks to her GP", "... she should raise with her GP")
    # ("... she should get in touch with her GP")
    r"\b(?:questions?|queries)\b[^.]{0,120}\b(?:asks?|contacts?|sees?|speaks?\s+to|talks?\s+to|rings?|calls?|phones?|make\s+an\s+appointment\s+with|"
    r"gets?\s+in\s+touch\s+with|"
    r"(?:ask|enquire)\s+at|(?:discuss|raise)\s+(?:(?:these|them|this|it)\s+)?with)\s+(?:your|the|their|his|her)\s+"
    r"(?:gp|practice|surgery|doctor)\b"
    # "I have suggested that any questions about her kidney care go to you at the surgery in the first instance"
    r"|\b(?:questions?|queries)\b[^.]{0,80}\b(?:go|come|be\s+directed|be\s+addressed)\s+to\s+(?:you|the\s+(?:gp|practice|surgery)|"
    r"(?:his|her|their)\s+gp)\b"
    # in a letter to the GP: "If Carol has any questions about the diagnosis ..., they should contact you in the first instance"
    # (the patient's side contacting: "my team will ring you" in a letter to the GP is the hospital's own call)
    r"|\b(?:questions?|queries)\b[^.]{0,120}\b(?:they|he|she|the\s+(?:patient|family|parents?)|(?:his|her|their)\s+(?:parents?|family|"
    r"carers?|wife|husband|partner|mother|father|daughter|son))\s+(?:should|can|could|may|will)\s+(?:\w+\s+)?(?:contact|see|ring|"
    r"call|ask)\s+you\b"
    # "Should he have any questions about the excision, I have advised him to contact you at the surgery"
    r"|\b(?:questions?|queries)\b[^.]{0,120}\b(?:advised|asked|told|suggested\s+to)\s+(?:him|her|them|the\s+(?:patient|family))\s+"
    r"to\s+(?:contact|see|ring|call|ask|speak\s+to|talk\s+to|get\s+in\s+touch\s+with)\s+you\b"
    # the advice first, then the questions: "I have advised him to speak to you if he has any questions about when his
    # left eye will be done"
    r"|\b(?:advised|asked|told|suggested\s+to)\s+(?:him|her|them|the\s+(?:patient|family))\s+to\s+(?:speak\s+to|talk\s+to|contact|"
    r"see|ring|call|ask)\s+you\b[^.]{0,60}\b(?:questions?|queries)\b"
    # "We ran out of time to go through these in clinic, and I suggested she take them up with you"
    r"|\b(?:suggested|advised|asked|told)\s+(?:that\s+)?(?:she|he|they|the\s+family)\s+(?:takes?|raises?)\s+(?:these|them|this|it)\s+"
    r"(?:up\s+)?with\s+you\b"
    # in a letter to the GP: "questions ... I suggested that he discuss these with you at the surgery"
    r"|\b(?:questions?|queries)\b[^.]{0,120}\b(?:discuss|raise|go\s+through)\s+(?:these|them|this|those)\s+with\s+you\b"
    # ("she can ask at her surgery if she has any further questions about lithium")
    r"|\b(?:ask|contact|see|ring|call)\s+(?:at\s+)?(?:your|the|their|his|her)\s+(?:gp|practice|surgery)\b[^.]{0,60}\b(?:questions?|queries)\b"
    r"|\b(?:questions?|queries|concerns)\b[^.]{0,120}\b(?:your|the)\s+(?:gp|practice|surgery)\s+(?:will|can|would|should|may)\b"
    # "He has questions about the risks of the procedure, which I am sure you will be able to answer"
    r"|\b(?:questions?|queries)\b[^.]{0,120}\byou\s+(?:will|would|may|might|could|can)\s+(?:be\s+able\s+to\s+)?(?:answer|address|"
    r"deal\s+with|help\s+(?:him|her|them)\s+with)\b",
    re.I,
)
_QUERIES_DIRECTED_TO_GP = gated(
    # "Any queries about her place on the waiting list should be directed to her GP practice"
    # ("... should go to her GP practice")
    r"\b(?:questions?|queries|enquiries)\b[^.]{0,120}\b(?:(?:be\s+)?(?:directed|addressed|referred|passed)|should\s+go)\s+to\s+"
    r"(?:your|the|their|his|her|the\s+patient'?s)\s+(?:own\s+)?(?:gp|practice|surgery|doctor)\b"
    # "Family have lots of questions about her hospital stay - told to contact GP for these"
    r"|\b(?:questions?|queries|enquiries)\s+about\s+(?:his|her|their|the)\s+(?:hospital\s+)?(?:stay|admission|care|treatment|"
    r"operation|procedure|surgery|results?|diagnosis)\b[^.]{0,60}\b(?:told|advised|asked)\s+to\s+(?:contact|see|ask|speak\s+to|"
    r"ring|call|phone)\s+(?:the\s+|your\s+|their\s+|his\s+|her\s+)?(?:gp|practice|surgery)\b"
    # a letter to the patient: "Should anything about the operation worry you before the day, your GP practice will be
    # happy to help", "Your surgery will be able to update you on when your procedure is likely to be"
    r"|\b(?:operation|procedure|waiting\s+list|appointment|admission|surgery\s+date)\b[^.]{0,100}\byour\s+(?:gp\s+)?"
    r"(?:gp|practice|surgery)\s+(?:will|can|would|should|may)\s+(?:be\s+(?:happy|able|glad|pleased)\s+to\s+)?"
    r"(?:help|update|advise|answer|tell|explain)\b"
    r"|\byour\s+(?:gp\s+)?(?:gp|practice|surgery)\s+(?:will|can|would|should|may)\s+(?:be\s+(?:happy|able|glad|pleased)\s+to\s+)?"
    r"(?:help|update|advise|answer|tell|explain)\b[^.]{0,60}\b(?:operation|procedure|waiting\s+list|appointment|admission)\b"
    # "Non-urgent queries re: treatment schedule → GP surgery"
    r"|\b(?:questions?|queries|enquiries)\b[^.;]{0,60}(?:→|->)\s*(?:the\s+|your\s+|his\s+|her\s+)?(?:gp|practice|surgery)\b"
    # "any questions about the medication changes made here can be answered by Brian's GP"
    r"|\b(?:questions?|queries|enquiries)\b[^.]{0,120}\b(?:can|will|could|should)\s+be\s+(?:answered|dealt\s+with|handled)\s+"
    r"by\s+(?:the\s+|your\s+|their\s+|his\s+|her\s+|[\w'-]+'s\s+)?(?:gp|practice|surgery)\b",
    re.I,
)
_OPERATION_PROBLEMS_TO_GP = gated(
    # "Any wound concerns, patient advised to contact her GP", "for any concerns about his wound or hip between now and
    # the 6-week review he has been advised to see his GP"
    r"(?:\b(?:wound|post[- ]?op\w*|operation|surgical|procedure|stoma|catheter|cast|plaster)\s+(?:concerns?|queries|questions?|"
    r"problems?|issues?|worries)|\b(?:concerns?|queries|questions?|problems?|worries)(?:\s+(?:he|she|they)\s+(?:has|have|may\s+have))?\s+"
    r"(?:about|with|regarding)\s+(?:his|her|their|the|your)\s+"
    r"(?:new\s+)?(?:wounds?|operation|surgery|stoma|catheter|cast|plaster|scar|recovery))\b"
    # "... he should make an appointment with his GP"
    r"[^.]{0,80}\b(?:contact|see|ring|call|phone|speak\s+to|get\s+in\s+touch\s+with|(?:make|book)\s+(?:an\s+)?appointment\s+with|"
    # ("... should be raised with his GP, who can liaise with our team")
    r"(?:be\s+)?raised\s+with|(?:be\s+)?directed\s+to)\s+"
    r"(?:your|the|their|his|her)\s+(?:gp|practice|surgery)\b",
    re.I,
)
# the practice made the first point of contact for the hospital's own care: "If she has any problems with the homecare
# deliveries or her infusion pump, she should contact her GP surgery in the first instance", "He asked me who he should
# contact if his socket becomes uncomfortable - I have told him to contact his GP in the first instance"
_FIRST_INSTANCE = r"\s+(?:own\s+)?(?:gp|practice|surgery)(?:\s+(?:surgery|practice))?\s+in\s+the\s+first\s+instance\b"
_THE_PRACTICE_FIRST_FOR_ITS_CARE = gated(
    r"\b(?:problems?|trouble|difficult(?:y|ies)|concerns?|queries|questions?|issues?|worries|"
    r"who\s+(?:he|she|they)\s+should\s+(?:contact|call|ring|phone|speak\s+to))\b"
    r"[^.]{0,160}?\b(?:contact|see|ring|call|phone|speak\s+to)\s+(?:your|the|their|his|her)"
    + _FIRST_INSTANCE
    + r"|\b(?:contact|see|ring|call|phone|speak\s+to)\s+(?:your|the|their|his|her)"
    + _FIRST_INSTANCE
    + r"[^.]{0,80}\b(?:problems?|concerns?|queries|questions?|issues?|worries)\b",
    re.I,
)
PATIENT_SENT_TO_GP = Either(
    _PATIENT_SENT_TO_GP, _QUERIES_DIRECTED_TO_GP, _OPERATION_PROBLEMS_TO_GP, _THE_PRACTICE_FIRST_FOR_ITS_CARE
)

# the patient sent to the GP for news or talk about the hospital's own care: "If the patient wishes to discuss this,
# she should contact her GP", "he should contact his GP surgery if he wants an update on his waiting list position",
# "please could the surgery chase the CMHT for him", "could the surgery pass this on to her"
_PATIENT_TO_GP_FOR_HOSPITAL_NEWS = gated(
    r"\bif\s+(?:the\s+patient|she|he|they|you)\s+(?:wish(?:es)?|wants?|would\s+like|needs?)\s+(?:to\s+(?:discuss|know|talk|"
    r"ask|hear)|an?\s+update)\b[^.]{0,60}\b(?:contact|see|speak\s+to|ask|ring|call)\s+(?:her|his|their|your|the)\s+(?:gp|"
    r"practice|surgery)"
    r"|\b(?:contact|see|ring|call|ask)\s+(?:his|her|their|your|the)\s+(?:gp|practice|surgery)(?:\s+surgery)?\s+if\s+(?:he|she|"
    r"they|you)\s+(?:wants?|wish(?:es)?|would\s+like|needs?)\s+(?:an?\s+)?(?:update|to\s+(?:discuss|know|ask))"
    r"|\bchas(?:e|ing)\s+(?:the\s+)?(?:cmht|crisis\s+team|hospital|ward|(?:[\w-]+\s+){1,3}(?:team|clinic|service|department))\b"
    # "which she has not yet received - please could you chase this with oncology for her"
    r"|\bchas(?:e|ing)\s+(?:this|it|that|these|them|her\s+date|his\s+date)\s+(?:up\s+)?with\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:[a-z]+ology|oncology|hospital|ward|(?:[\w-]+\s+)?(?:team|clinic|service|department|office))\b"
    r"|\bpass\s+(?:this|it|these|them|the\s+\w+)\s+on\s+to\s+(?:her|him|them|the\s+patient|the\s+family)\b"
    r"|\b(?:should|if)\s+(?:he|she|they|you)\s+wish\s+to\s+know\b[^.]{0,80}\b(?:surgery|practice|gp)\b"
    r"|\bif\s+(?:the\s+)?[\w\s-]{0,40}?(?:clinic|team|department|hospital|service)\s+(?:has|have)\s+not\s+(?:phoned|called|"
    r"rung|contacted|written|been\s+in\s+touch)\b[^.]{0,80}\b(?:gp|surgery|practice)\b"
    # ("If he has any further concerns about his care with us, he can contact your surgery")
    r"|\b(?:worries|concerns|questions|problems|quer(?:y|ies))\b[^.]{0,60}\b(?:operation|procedure|surgery|wound|stitches|"
    r"care\s+with\s+us|"
    r"treatment\s+(?:with\s+us|here))\b[^.]{0,60}"
    r"\b(?:contact|see|ring|call|ask)\s+(?:your|the|their|his|her)\s+(?:gp|practice|surgery)\b"
    # "His wife asked when his next appointment will be; we have advised her to ask the GP surgery to find this out"
    # ("we suggested he ask the GP surgery to find out for him", "was advised to ring her GP practice to check it")
    r"|\b(?:advised|asked|told|suggested|encouraged)\b[^.]{0,40}?\b(?:to|he|she|they|should)\s+(?:ask|contact|ring|call|phone)\s+"
    r"(?:the|her|his|their|your)\s+(?:gp|surgery|practice)(?:\s+(?:surgery|practice))?\s+to\s+(?:find\s+(?:this\s+|it\s+|that\s+)?out|chase|check|enquire|look\s+into|ask)\b"
    r"|\bif\s+(?:she|he|they|you|the\s+patient)\s+(?:has|have)\s+(?:not|n't)\s+(?:heard|been\s+contacted|received)\b[^.]{0,100}"
    r"(?:\b(?:practice|surgery|gp|you)\b[^.]{0,40}\b(?:ring|call|contact|chase|phone)\b"
    # "if you have not heard from us within six weeks, please contact your GP"
    r"|\b(?:ring|call|contact|phone|ask|see)\s+(?:your|the|his|her|their)\s+(?:gp|practice|surgery)\b)",
    re.I,
)
# (kept apart so that each part keeps a gate on the fixed text it needs) "Parents wishing to discuss this decision are
# advised to contact their GP practice", "advised to ring his GP surgery if not heard in 6 wks"
_PATIENT_TO_GP_TO_DISCUSS_OR_CHASE = gated(
    r"\b(?:wishing|wanting|who\s+wish(?:es)?|who\s+want)\s+to\s+(?:discuss|know|talk\s+about|ask\s+about)\b[^.]{0,60}\b(?:contact|see|"
    r"speak\s+to|ask|ring|call)\s+(?:her|his|their|your|the)\s+(?:gp|practice|surgery)"
    r"|\b(?:ring|call|contact|phone)\s+(?:his|her|their|your|the)\s+(?:gp|practice|surgery)(?:\s+(?:surgery|practice))?\s+if\s+"
    r"(?:(?:he|she|they|you)\s+(?:has|have|hears?|hear)\s+)?(?:not|n't|nothing)\s*(?:heard\b)?"
    # "Pt told if not contacted by VFC in 1 week to ring her GP"
    r"|\bif\s+(?:not|nothing)\s+(?:heard|contacted|received)\b[^.]{0,80}\b(?:ring|call|contact|phone|see)\s+"
    r"(?:his|her|their|your|the)\s+(?:gp|practice|surgery)\b",
    re.I,
)
# (kept apart so that each part keeps a gate on the fixed text it needs)
_PATIENT_TO_GP_ABOUT_ITS_BOOKING = gated(
    # "If you need to change your next appointment with me ..., your GP surgery can arrange this for you"
    r"\b(?:change|cancel|re-?arrange|re-?book|move)\s+your\s+(?:next\s+)?(?:appointment|appt)\b[^.]{0,80}"
    r"\byour\s+(?:gp|practice|surgery)(?:\s+surgery)?\s+(?:can|will|could)\b"
    # "If your pain gets worse while you are waiting, please contact your GP, who can write to us"
    # ("... he should contact his GP, who can chase this with us")
    r"|\b(?:contact|see|ask|ring|call)\s+(?:your|his|her|their|the)\s+(?:gp|practice|surgery)(?:\s+surgery)?,?\s+who\s+(?:can|will|could)\s+"
    r"(?:(?:write|speak|talk)\s+to\s+us|chase\s+(?:this\s+|it\s+|that\s+)?(?:up\s+)?with\s+us)\b"
    # "He can contact the practice if he needs to rearrange his follow-up appointment with us"
    r"|\b(?:contact|ring|call|phone)\s+(?:the|his|her|their|your)\s+(?:gp|practice|surgery)\b[^.]{0,40}\bif\s+(?:he|she|they|you)\s+"
    r"(?:needs?|wants?|wish(?:es)?)\s+to\s+(?:re-?arrange|change|cancel|re-?book|move)\s+(?:his|her|their|your)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:appointment|appt)\b"
    # the practice's staff asked to do the hospital's booking work for the patient
    # "If he contacts you wanting to rebook, please telephone our booking team on his behalf"
    r"|\b(?:telephone|phone|ring|call|contact|email)\s+(?:our|the)\s+(?:[\w-]+\s+)?(?:booking|appointments?|waiting\s+list)\s+"
    r"(?:team|office|line|centre|department|service)\b[^.]{0,60}\bon\s+(?:his|her|their)\s+behalf\b"
    # "I've suggested he speaks to you and perhaps your secretaries can chase it up for him", "... so that your
    # reception team can check the date with our booking office for her"
    r"|\byour\s+(?:secretar(?:y|ies)|receptionists?|reception(?:\s+(?:team|staff))?|admin\w*\s+(?:team|staff)|practice\s+team)\s+"
    r"(?:can|could|will|might|would|may)\s+(?:\w+\s+){0,2}?(?:chase|check|find\s+out|look\s+into|follow)\b",
    re.I,
)
_PRACTICE_AS_MESSENGER = gated(
    # the practice as the hospital's messenger: "please could you let her know that her operation has been scheduled
    # for 3 March", "pass on our apologies for the cancelled appointment"
    r"\b(?:let\s+(?:him|her|them|the\s+patient)\s+know|inform\s+(?:him|her|them|the\s+patient)|tell\s+(?:him|her|them)|pass\s+on)\b"
    r"[^.]{0,60}\b(?:operation|surgery|procedure|appointment|appt|admission|waiting\s+list|cancel\w*|rebook\w*|postpone\w*|"
    r"(?:has\s+been|have\s+been|is|was)\s+(?:moved|scheduled|booked|brought\s+forward)|(?:we|i)\s+(?:have|'ve)\s+(?:referred|booked|"
    r"arranged|written|requested|listed))\b"
    # "She asked about her operation date; I suggested she contact you"
    r"|\b(?:operation|surgery|procedure|appointment|appt|scan|admission)\s+(?:date|time|slot)s?\b[^.]{0,80}\b(?:suggested|advised|asked|"
    r"told)\s+(?:that\s+)?(?:her|him|them|she|he|they|the\s+patient)\s+(?:to\s+|should\s+)?(?:contact|ask|ring|call|see|speak\s+to)\s+(?:you|the\s+(?:gp|practice|surgery)|"
    r"(?:her|his|their)\s+gp)\b"
    # "Please could the surgery contact the respiratory booking team to find out the date for him"
    # (but "She should contact the ENT waiting list office with any queries about her date" is the patient's own)
    r"|(?<!should\s)(?<!\bcan\s)(?<!\bmay\s)(?<!will\s)(?<!must\s)"
    r"\b(?:contact|ring|call|phone|email|chase|liaise\s+with)\s+(?:the|our)\s+(?:[\w-]+\s+){0,2}(?:booking|bookings|appointments?|admissions?|"
    r"waiting\s+list)\s+(?:team|office|line|centre|department|hub)\b[^.]{0,60}\b(?:date|time|appointment|when|behalf)\b"
    # "please could your reception team contact our bookings office on her behalf"
    r"|\b(?:contact|ring|call|phone|chase|email|liaise\s+with)\s+(?:our|the\s+hospital'?s?)\s+(?:[\w-]+\s+){0,2}(?:office|team|department|line|"
    r"secretar\w+|admin\w*|hub|centre)\b[^.]{0,40}\bon\s+(?:his|her|their|the\s+patient's)\s+behalf\b"
    # "if she contacts the surgery, perhaps your team could look the date up on the system for her"
    r"|\b(?:look|find)\s+(?:up\s+)?(?:the|her|his|their)\s+(?:(?:appointment|test|scan|clinic)\s+)?(?:date|time)(?:\s+up)?\b"
    r"[^.]{0,40}\bfor\s+(?:her|him|them)\b"
    # "I have suggested she contacts your surgery if she hasn't heard from us in 3 months and you can chase the date for her"
    # ("... as you can check the waiting list position for her")
    r"|\byou\s+(?:can|could|will|would|might)\s+(?:then\s+)?(?:chase|check|find\s+out|look\s+up)\s+(?:the|her|his|their|this|it)\b"
    r"[^.;]{0,30}?\bfor\s+(?:her|him|them)\b"
    # "Please could the practice explain to the family why the referral has been returned"
    r"|\bexplain\s+(?:to\s+)?(?:him|her|them|the\s+(?:patient|family|parents?)|(?:his|her|their)\s+(?:family|parents?|mum|dad))\s+"
    r"why\b[^.;]{0,40}\b(?:returned|rejected|declined|not\s+(?:been\s+)?accepted)\b"
    # "I would be grateful if the practice could keep her up to date with our plans"
    r"|\bkeep\s+(?:him|her|them|the\s+(?:patient|family)|(?:his|her|their)\s+(?:\w+\s+)?(?:family|wife|husband|daughter|son|"
    r"partner|carers?|parents?))\s+(?:up\s+to\s+date|updated|informed|in\s+the\s+loop)\s+(?:with|about|on|of)\s+(?:our|the\s+"
    r"(?:team's|hospital's|clinic's|ward's))\s+(?:plans?|care|progress|decisions?)\b",
    re.I,
)
# (kept apart so that each part keeps a gate on the fixed text it needs) the practice set to find out or hurry the
# hospital's own booking: "He is keen to know where he is on the waiting list - might you be able to find this out for
# him?", "contact the pain clinic secretaries to find out why her appointment was cancelled", "liaise with the endoscopy
# unit to expedite his colonoscopy date"
_PRACTICE_TO_WORK_ITS_BOOKING = gated(
    r"\bwaiting\s+list\b[^.]{0,80}\b(?:find\s+(?:this|that|it)\s+out|find\s+out)\s+for\s+(?:him|her|them)\b"
    r"|\b(?:contact|ring|call|phone|email|liaise\s+with)\s+(?:the|our)\s+(?:[\w-]+\s+){0,3}(?:secretar(?:y|ies)|unit|team|office|"
    r"department|clinic)\s+to\s+(?:find\s+out|ask|check|expedite|chase|hurry)\b[^.]{0,60}\b(?:appointment|appt|date|"
    r"operation|procedure|scan|\w+oscopy|cancell\w*)\b",
    re.I,
)
# (kept apart so that each part keeps a gate on the fixed text it needs) "Please could the surgery let her know the date
# of her colonoscopy once you hear from us"
_PRACTICE_TO_TELL_ITS_DATES = gated(
    r"\b(?:let\s+(?:him|her|them|the\s+patient)\s+know|inform\s+(?:him|her|them|the\s+patient)|tell\s+(?:him|her|them))\s+"
    r"(?:of\s+)?the\s+(?:date|time)\s+of\s+(?:his|her|their|the)\s+(?:[\w-]+\s+)?(?:\w+oscopy|scan|operation|procedure|appointment|"
    r"surgery|admission|clinic)\b",
    re.I,
)
# "If he wants to know when his operation will be rescheduled, your surgery will be able to advise him"
_PRACTICE_TO_TELL_THE_HOSPITALS_NEWS = gated(
    r"\b(?:wants?|wishes|would\s+like|needs?)\s+to\s+know\s+(?:when|whether|if|about|how)\b[^.]{0,100}\b(?:your|the|his|her|their)\s+"
    r"(?:gp|surgery|practice)\s+(?:will|can|could|would|should)\s+(?:be\s+able\s+to\s+)?(?:advise|tell|let|update|inform|help|find\s+out)\b"
    # "I have suggested she ring your surgery, who can chase the transport booking with us"
    # "Your GP surgery can tell you when your next appointment with us will be"
    r"|\b(?:your|the|his|her|their)\s+(?:gp\s+)?(?:gp|surgery|practice)\s+(?:will|can|could)\s+(?:be\s+able\s+to\s+)?(?:tell|advise|"
    r"let)\s+(?:you|him|her|them)(?:\s+know)?\s+(?:when|about|whether|the\s+date)\b[^.]{0,60}\b(?:appointment|operation|scan|"
    r"procedure|admission|surgery|clinic)\b"
    # ("I have suggested she contacts your surgery, who may be able to chase this with nuclear medicine for her")
    # "Her daughter asked about the waiting time; I explained that the practice would be able to update her"
    r"|\b(?:waiting\s+(?:time|list)|appointment|operation\s+date|surgery\s+date)\b[^.]{0,80}\b(?:the|your|his|her|their)\s+"
    r"(?:gp\s+)?(?:practice|surgery|gp)\s+(?:would|will|can|could|may|might)\s+(?:be\s+able\s+to\s+)?(?:update|advise|tell|inform)\s+"
    r"(?:her|him|them|you)\b"
    r"|\b(?:suggested|advised|told|asked)\s+(?:that\s+)?(?:she|he|they|him|her|them)\s+(?:to\s+)?(?:ring|call|phone|contact)s?\s+"
    r"(?:your|the|his|her|their)\s+(?:gp|surgery|practice)\b[^.]{0,30}\b(?:who|which)\s+(?:can|will|could|may|might)\s+"
    r"(?:be\s+able\s+to\s+)?(?:chase|find\s+out|check|ask)\b",
    re.I,
)
PATIENT_TO_GP_FOR_HOSPITAL_NEWS = Either(
    _PATIENT_TO_GP_FOR_HOSPITAL_NEWS,
    _PRACTICE_AS_MESSENGER,
    _PRACTICE_TO_TELL_ITS_DATES,
    _PRACTICE_TO_WORK_ITS_BOOKING,
    _PRACTICE_TO_TELL_THE_HOSPITALS_NEWS,
    _PATIENT_TO_GP_ABOUT_ITS_BOOKING,
    _PATIENT_TO_GP_TO_DISCUSS_OR_CHASE,
)

# the patient sent to the practice for results of the hospital's tests: "Please ask Dr Penhallow for the results in
# about two weeks", "you can get your results from your GP surgery"; a named doctor counts when the letter names them GP
PATIENT_TO_GP_FOR_RESULTS = gated(
    # ("Pt advised to see GP re: results of bloods taken today")
    r"\b(?:ask|contact|ring|call|phone|see|speak\s+to|check\s+with)\s+(?:your\s+gp|your\s+(?:gp\s+)?(?:surgery|practice)|"
    # (a letter to a care home: "the home should ask the GP surgery for the results")
    r"the\s+(?:gp\s+)?(?:surgery|practice)|the\s+gp|(?:his|her|their)\s+gp|gp|dr\.?\s+(?:[a-z]\.?\s+)?(?P<doctor>[a-z][\w'-]{2,}))\s+"
    r"(?:for|about|regarding|re:?)\s+(?:the\s+|your\s+|his\s+|her\s+|their\s+|these\s+|those\s+)?(?:[\w-]+\s+){0,2}results?\b"
    r"|\b(?:get|obtain|collect)\s+(?:the\s+|your\s+|his\s+|her\s+)?(?:[\w-]+\s+){0,2}results?\s+from\s+(?:your|the|his|her)\s+"
    r"(?:gp|surgery|practice)\b",
    re.I,
)
# the patient sent to the practice for the prescription the hospital wrote: "please collect this from your GP today"
PATIENT_TO_GP_FOR_PRESCRIPTION = gated(
    # a letter to the patient: "Please ask your GP for tamsulosin 400 micrograms once a day"
    r"\bask\s+(?:your|the|his|her)\s+(?:gp|practice|surgery)\s+(?:to\s+prescribe\b|for\s+[a-z][\w-]+\s+\d)|"
    # "spironolactone 25 mg OD new - not dispensed, pt to get from GP"
    r"\b(?:pt|patient)\s+to\s+(?:get|obtain|collect)\s+(?:this\s+|it\s+|them\s+)?from\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:gp|practice|surgery)\b|"
    # "please take this letter to your surgery today and ask them to write you a prescription"
    r"\b(?:take|bring|show)\s+this\s+letter\s+to\s+(?:your|the|his|her)\s+(?:gp\s+surgery|gp|surgery|practice)\b[^.]{0,60}?"
    r"\bprescri|"
    # "please ask your GP for the rest of the steroid course"
    r"\b(?:ask|contact|see|ring|call|phone|visit)\s+(?:your|the|his|her)\s+(?:gp\s+surgery|gp|surgery|practice)\s+(?:for|about)\s+"
    r"(?:the\s+)?(?:rest|remainder|remaining|more|further\s+(?:supplies|tablets|doses))\b|"
    # "please contact your GP for a repeat prescription once the 2 weeks we gave you run out"
    r"\b(?:contact|ask|see|ring|call|phone|visit)\s+(?:your|the|his|her)\s+(?:gp\s+surgery|gp\s+practice|gp|surgery|practice)\s+"
    r"(?:for|about)\s+"
    # ("please ask your GP surgery for Kai's next prescription")
    r"(?:a\s+|an\s+|the\s+|further\s+|more\s+|his\s+|her\s+|their\s+|your\s+|[a-z][\w-]+'s\s+)?"
    r"(?:repeat\s+|new\s+|further\s+|next\s+)?(?:prescriptions?|supply|supplies)\b"
    # "He has been told to ask you for his next lithium prescription"
    r"|\b(?:told|asked|advised)\s+(?:to\s+)?ask\s+you\s+for\s+(?:his|her|their|a|the)\s+(?:next\s+|further\s+|repeat\s+)?"
    r"(?:[\w-]+\s+){0,2}?prescriptions?\b"
    # "She knows to get her methotrexate from you from now on"
    r"|\bknows?\s+(?:that\s+)?(?:she|he|they)?\s*(?:to|can|should)\s+(?:get|collect|obtain)\s+[^.;]{1,60}?\s+from\s+"
    r"(?:you|(?:the|his|her|their)\s+(?:gp|surgery|practice))\b"
    # ("collect a prescription for the rest of your antibiotics from your GP")
    # ("she will be collecting a prescription from the surgery this afternoon")
    r"|\b(?:collect(?:ing)?|pick(?:ing)?\s+up|get(?:ting)?|obtain(?:ing)?)\s+(?:this|it|these|them|the\s+(?:new\s+)?(?:prescription|medicine|medication|tablets|"
    # (in a letter to the GP: "I have asked Mr Price to collect a prescription for apixaban 5 mg twice daily from you")
    r"inhaler|cream|drops|antibiotics?)|a\s+prescription|(?:his|her|their|your)\s+(?:[\w-]+\s+){0,2}?prescription)\s+"
    r"(?:[\w-]+\s+){0,16}?from\s+(?:you\b|(?:your|the|his|her)\s+"
    r"(?:gp|surgery|practice|family\s+doctor)\b)"
    # "I have asked him to drop into the surgery on his way home for a prescription"
    r"|\b(?:drop|call|pop|go)\s+(?:in\s+)?(?:into|in\s+at|to|at)\s+(?:the|your|his|her)\s+(?:gp\s+)?(?:surgery|practice)\b[^.;]{0,40}"
    r"\bfor\s+(?:a|the|his|her)\s+prescription\b"
    # "please ask your GP surgery for a yearly flu jab and a one-off pneumococcal vaccine"
    r"|\bask\s+(?:your|the|his|her|their)\s+(?:gp|practice|surgery)(?:\s+surgery)?\s+(?:for|about)\s+[^.;]{0,40}?"
    r"\b(?:vaccin\w*|jabs?|immunis\w*|boosters?)\b"
    # "Please take this letter to your GP surgery today so they can prescribe the prednisolone course"
    r"|\byour\s+(?:gp|practice|surgery)(?:\s+surgery)?\b[^.;]{0,30}?\bso\s+(?:that\s+)?(?:they|he|she)\s+can\s+"
    r"(?:prescribe|start|issue|supply)\b"
    # "We have given you 2 days of flucloxacillin, so please see your GP tomorrow to get a prescription for the rest"
    r"|\b(?:see|contact|visit|ask|ring|call|phone)\s+(?:your|the|his|her|their)\s+(?:gp|practice|surgery)(?:\s+surgery)?\s+"
    r"(?:[\w-]+\s+){0,3}?to\s+(?:get|obtain|collect|arrange)\s+(?:a\s+|another\s+|a\s+further\s+|the\s+|more\s+)?"
    r"(?:prescription|supply|supplies)\b",
    re.I,
)

# a letter to the patient sending them to book the practice for a task: "please book this with your practice
# nurse", "please see your practice nurse in a week so she can check the wound" (not "see your GP if it is worse")
PATIENT_TO_BOOK_WITH_GP = gated(
    # "please have the blood test at your GP surgery next week"
    r"\b(?:have|get|book)\s+(?:the\s+|a\s+|your\s+|an\s+)?(?:[\w-]+\s+){0,3}?(?:blood\s+tests?|bloods|injections?|dressings?|"
    r"stitches|sutures|clips|jabs?|vaccin\w*|immuni[sz]\w*|ecg|smear|(?:bp|blood\s+pressure)\s+check)\s+(?:\w+\s+){0,2}?(?:at|with|by)\s+"
    r"(?:your|the)\s+(?:gp\s+surgery|gp\s+practice|gp|practice\s+nurse|practice|surgery)\b|"
    r"\b(?:book|make|arrange)\s+(?:this|these|that|it|them|an?\s+appointment|a\s+time|a\s+slot)\s+(?:\w+\s+){0,3}?with\s+"
    # ("Please book an appointment with Amira's GP or practice nurse within 2 working days")
    r"(?:your|the|his|her|their|[a-z]+'s)\s+(?:gp\s+or\s+practice\s+nurse|gp\s+surgery|gp|practice\s+nurse|practice|surgery)\b"
    r"|\b(?:see|visit|book\s+in\s+with|make\s+an\s+appointment\s+with)\s+(?:your|the)\s+(?:gp|practice\s+nurse|practice|surgery)\s+"
    r"(?:in|within|after|on|at|next)\b[^.;]{0,25}?\b(?:so\s+(?:that\s+)?(?:she|he|they|the\s+nurse|the\s+gp)\s+can|to\s+have|for\s+"
    r"(?:a|an|the|your)\b)"
    # "Please book in with your practice nurse so they can check your blood pressure": said what for, no time needed
    r"|\b(?:see|visit|book\s+in\s+with|make\s+an\s+appointment\s+with)\s+(?:your|the)\s+(?:gp|practice\s+nurse|practice|surgery)\s+"
    r"so\s+(?:that\s+)?(?:she|he|they|the\s+nurse|the\s+gp)\s+can\b",
    re.I,
)

# the hospital's results passed to the practice to act on: "results will be forwarded to the practice for action",
# "the result will be sent to the GP for action"
RESULTS_PASSED_FOR_ACTION = gated(
    r"\b(?:results?|(?:any\s+)?abnormalit(?:y|ies)|(?:the\s+)?reports?)\s+(?:will\s+be|to\s+be|are\s+being|have\s+been|is\s+being|will\s+go)\s+"
    r"(?:forwarded|sent|passed|copied|emailed|communicated|reported|to)\s+(?:on\s+)?(?:to\s+)?(?:the\s+|your\s+|his\s+|her\s+)?(?:gp|practice|surgery|gp\s+practice)\b[^.]{0,40}"
    r"\b(?:for|to)\s+(?:action|act\s+on|follow[- ]?up|review|actioning)\b",
    re.I,
)

# the patient is sent to the GP for the fit note the hospital should issue: "pt to see GP for fit note",
# "Sick note – not issued on ward; pt to obtain from GP for 2/52", "advised to get a sick note from the GP"
PATIENT_TO_GP_FOR_FIT_NOTE = gated(
    # "has asked for a fit note to cover her treatment; she will come to see you for this"
    r"\b(?:fit|sick)\s*note\b[^.]{0,80}\b(?:he|she|they)\s+will\s+(?:come\s+(?:in\s+)?to\s+)?see\s+you\s+(?:for|about)\s+"
    r"(?:this|it|one|that)\b|"
    # "He ... will come to see you for a fit note until his operation"
    r"\bwill\s+(?:come\s+(?:in\s+)?to\s+)?see\s+you\s+(?:for|about)\s+(?:a\s+|another\s+)?(?:further\s+)?"
    r"(?:fit|sick)\s*note\b|"
    # "You will need a fit note from your GP for the next 6 weeks"
    # ("She will need a fit note from you for four weeks")
    r"\b(?:you|he|she|they)\s+(?:will|may|might|would)\s+need\s+(?:a|another|a\s+further)\s+(?:fit|sick)\s*note\s+from\s+"
    r"(?:(?:your|his|her|their|the)\s+(?:gp|practice|surgery)|you)\b|"
    # "I have told him he can get a sick note from you for the two weeks after his angiogram"
    # ("He has been told to get a fit note from his GP for the time he is off")
    r"\b(?:he|she|they|pt|patient)\s+(?:can|could|should|will\s+need\s+to|may|is\s+to|(?:has|have)\s+been\s+(?:told|advised|asked)\s+to|"
    r"(?:was|were)\s+(?:told|advised|asked)\s+to)\s+(?:get|obtain|ask\s+for|request|collect)\s+"
    r"(?:a\s+|the\s+|his\s+|her\s+|their\s+)?(?:fit|sick)\s*note\s+from\s+(?:you|the\s+(?:gp|practice|surgery)|(?:his|her|their)\s+gp)\b|"
    r"\b(?:pt|patient|he|she|they)\s+(?:to|should|will\s+need\s+to|(?:has\s+been\s+|have\s+been\s+|was\s+|is\s+)?(?:advised|told|asked)\s+to|can)\s+"
    r"(?:see|obtain|get|ask|request|contact)"
    r"\b[^.;]{0,30}\b(?:gp|practice|surgery)\b[^.;]{0,20}\b(?:fit|sick)\s*note\b"
    r"|\b(?:fit|sick)\s*note\b[^.]{0,60}\b(?:pt|patient|he|she|they)\s+(?:to|should|will\s+need\s+to|advised\s+to)\s+"
    r"(?:obtain|get|ask\s+for|request)\b[^.;]{0,20}\bfrom\s+(?:(?:the\s+|their\s+|his\s+|her\s+)?(?:gp|practice|surgery)|you)\b"
    # "Pt asking for sick note x 1/52 - advised to see GP for this" ("... - advised to get this from GP")
    # ("Not fit for work - advised to obtain a Med 3 from his own doctor")
    r"|\b(?:advised|told|asked)\s+to\s+(?:obtain|get|request|ask\s+for)\s+(?:a\s+|an?\s+)?(?:fit\s*note|sick\s*note|med\s*3|sick\s+cert\w*)\s+"
    r"from\s+(?:his|her|their|your)\s+(?:own\s+)?(?:gp|doctor|practice|surgery)\b"
    r"|\b(?:fit|sick)\s*note\b[^.]{0,60}\b(?:advised|told|asked)\s+to\s+(?:see|contact|ask|speak\s+to|"
    # ("pt asking for sick note for work, told to get from GP")
    r"(?:get|obtain|request)\s+(?:(?:this|it|one|that)\s+)?from)\s+"
    r"(?:the\s+|their\s+|his\s+|her\s+|your\s+|own\s+)?(?:gp|practice|surgery)\b"
    # a letter to the patient: "please see your GP for a further fit note to cover you until your 12-week review"
    r"|\b(?:please\s+)?(?:see|contact|ask|visit)\s+your\s+(?:gp|practice|surgery)(?:\s+surgery)?\s+(?:for|about)\s+"
    r"(?:a\s+|an\s+|another\s+|your\s+)?(?:further\s+|new\s+)?(?:fit|sick)\s*note\b"
    # "The fracture clinic does not issue fit notes, so please ask your GP for one"
    r"|\b(?:fit|sick)\s*notes?\b[^.]{0,80}\b(?:see|contact|ask|visit)\s+your\s+(?:gp|practice|surgery)(?:\s+surgery)?\s+"
    r"(?:for|about)\s+(?:one|this|it)\b"
    # "cannot work w/ backslab - advised to see own GP for sick note": the subject left out after a dash
    r"|(?:^|[-–:;]\s*)(?:(?:was|has\s+been)\s+)?(?:advised|told|asked)\s+to\s+(?:see|contact|ask|speak\s+to)\s+"
    r"(?:the\s+|their\s+|his\s+|her\s+|your\s+|(?:his\s+|her\s+|their\s+)?own\s+)?(?:gp|practice|surgery)\b[^.;]{0,20}"
    r"\b(?:fit|sick)\s*note\b"
    r"|\b(?:pt|patient|he|she|they)\s+(?:to|should|will\s+need\s+to|advised\s+to)\s+(?:obtain|get|ask\s+for|request)\s+"
    r"(?:a\s+|an?\s+|the\s+)?(?:fit|sick)\s*note\b[^.;]{0,20}\bfrom\s+(?:the\s+|their\s+|his\s+|her\s+)?(?:gp|practice|surgery)\b"
    # "she's going to pop in to the surgery for her certificate"
    r"|\b(?:pop|drop|call|go)\s+(?:in\s+)?(?:into|in\s+at|to|at)\s+(?:the|your|his|her)\s+(?:gp\s+)?(?:surgery|practice)\b[^.;]{0,30}"
    r"\bfor\s+(?:a|the|his|her|their|your)\s+(?:certificate|sick\s*note|fit\s*note|med\s*3)\b",
    re.I,
)

# the patient will go to the GP for something (not conditional): "he will see you for a sick note"
PATIENT_WILL_SEE_GP = gated(
    # ("so he'll be in to see you for a sick note")
    # ("he plans to book in with you to get signed off")
    r"\b(?:he|she|they|pt|patient|mr\s+\w+|mrs\s+\w+|ms\s+\w+)(?:\s+will|'ll|’ll|\s+plans\s+to|\s+intends\s+to)\s+"
    r"(?:see|contact|visit|make\s+an\s+appointment\s+with|"
    r"book\s+in\s+with|come\s+to(?:\s+see)?|come\s+back\s+to|go\s+back\s+to|return\s+to|be\s+(?:in|along|coming\s+in)\s+to\s+see|"
    r"come\s+and\s+see)\s+"
    r"(?:you|the\s+gp|his\s+gp|her\s+gp|the\s+practice|the\s+surgery)\s+(?:for|to|about|regarding|re)\b"
    # "She will make an appointment with the practice nurse at about one week for a wound check."
    r"|\b(?:he|she|pt|patient)(?:\s+will|'ll|’ll)\s+(?:make\s+an\s+appointment\s+with|book\s+in\s+with|see)\s+"
    r"(?:the|his|her)\s+practice\s+nurse\s+(?:(?:in|within|at|on|after)\s+[^.;]{1,25}?\s+)?(?:for|to\s+have)\s+"
    r"(?:a\s+|an\s+|the\s+|his\s+|her\s+)?(?:wound|dressing|suture|stitch|clip|staple|removal|ros\b)"
    # ("She will need to be signed off work ... and will make an appointment with you for a sick note")
    r"|\band\s+will\s+(?:make\s+an\s+appointment\s+with|see|book\s+in\s+with|come\s+and\s+see)\s+you\s+(?:for|to|about)\b"
    # "I have asked him to make an appointment with you to have his stitches removed", "she has been asked to book
    # in with the practice nurse for a dressing change"
    # ("I have suggested to him that he makes an appointment with you to discuss his low mood")
    # ("I have suggested she makes an appointment with you to go through these")
    r"|\bsuggested\s+(?:to\s+(?:him|her|them)\s+)?(?:that\s+)?(?:he|she|they)\s+(?:makes?|books?)\s+an\s+appointment\s+with\s+"
    r"(?:you|the\s+gp|his\s+gp|her\s+gp|the\s+practice|the\s+surgery)\s+(?:to|for|about)\b"
    # "she asked me about a fit note, and I have suggested she sees you for one"
    r"|\b(?:suggested|advised|recommended)\s+(?:to\s+(?:him|her|them|(?:the|his|her|their)\s+\w+)\s+)?(?:that\s+)?(?:he|she|they)\s+"
    r"(?:sees?|contacts?|asks?|visits?)\s+"
    r"(?:you|the\s+gp|his\s+gp|her\s+gp|their\s+gp|the\s+practice|the\s+surgery)\s+(?:for|about|regarding|"
    r"to\s+(?:have|get|arrange|discuss))\b"
    r"|\b(?:asked|advised|told)\s+(?:him|her|them|the\s+patient\s+)?\s*to\s+(?:make\s+an\s+appointment\s+with|book\s+(?:in\s+)?with|"
    r"see|arrange\s+to\s+see|go\s+back\s+to|return\s+to|come\s+back\s+to)\s+(?:you|the\s+gp|his\s+gp|her\s+gp|the\s+practice(?:\s+nurse)?|the\s+surgery|your\s+practice\s+nurse)\s+"
    # ("... in a fortnight to go through the result", "... so her blood pressure can be rechecked")
    r"(?:(?:in|within|on|at|next|this)\s+[^.;]{1,25}?\s+)?(?:for|to\s+(?:have|get|arrange|check|remove|review|discuss|go\s+through)|"
    r"to\s+be\s+(?:set\s+up|referred|started|signed\s+off)|"
    r"so\s+(?:that\s+)?(?:her|his|their)\s+(?:[\w-]+\s+){1,3}(?:can|could)\s+be\s+(?:re-?checked|checked|reviewed|repeated|measured))\b"
    # "I have asked him to book in with you this week so that an urgent referral to the vascular surgeons can be made"
    r"|\b(?:see|book\s+in\s+with|make\s+an\s+appointment\s+with)\s+you\b[^.;]{0,40}?\bso\s+(?:that\s+)?(?:an?\s+)?(?:[\w-]+\s+){0,5}?"
    r"referral\s+(?:\w+\s+){0,4}?can\s+be\s+(?:made|sent|done|submitted)\b",
    re.I,
)

# the patient sent to the practice, on a date, for a review (not "see your GP if it gets worse"): "Advised to see
# GP in 48 h for review of cellulitis", "pt to book in with the practice nurse in 1/52 for a wound check"
PATIENT_SENT_FOR_REVIEW = gated(
    r"\b(?:advised|asked|told|to|will\s+need\s+to|should)\s+(?:to\s+)?(?:see|attend|visit|book\s+(?:in\s+)?with|"
    r"make\s+an\s+appointment\s+with)\s+(?:the\s+|their\s+|his\s+|her\s+|your\s+)?(?:gp|practice\s+nurse|practice|"
    r"surgery|pn)\s+(?:(?:in|within|after|on|at)\s+(?:\d+|one|two|three|four|five|six|seven|a|about|around)\b|"
    # "Pt to see PN d10 for ROS"
    r"(?:on\s+)?(?:d|day\s*)\d{1,2}\b)[^.;]{0,30}"
    # ("Pt advised to see GP in 5-7 days for repeat BP check")
    r"\bfor\s+(?:a\s+|an\s+)?(?:\w+\s+){0,2}(?:review|re-?check|r/v|reassessment|assessment|removal|dressing|ros|tor|"
    r"(?:bp|blood\s+pressure|wound|pulse|weight|sugar|glucose|urine)\s+check)\b",
    re.I,
)
# a review a few hours or days away: the emergency department asking for a check on the treatment it gave
SHORT_INTERVAL = gated(
    r"\b(?:in|within|after)\s+(?:\d{1,2}|one|two|three|four|five|a\s+few)\s*(?:-\s*\d+\s*)?(?:h|hrs?|hours?|days?|/7)\b",
    re.I,
)

# sentence opens by addressing a named doctor: "Dr Haddad, please ..." / "Dr Nwosu - incidentally"
VOCATIVE_DOCTOR = compiled(r"^\s*(?:dr\.?|doctor)\s+[a-z][\w'-]+(?:\s+[a-z][\w'-]+)?\s*(?:,|–|—|-|:)", re.I)

# words that make a request belong to someone else when the sentence has no GP cue
HOSPITAL_OWNER = compiled(
    r"\b(?:we|i|our|us|me)\b"
    r"|\b(?:booked|arranged|organised|organized|requested|referred|sent|posted|done|given|completed|accepted|made|"
    r"issued|supplied|provided|started|taken|received)\b"
    r"|\b(?:ward|clinic|team|hospital|department|dept|unit|ed|a&e|emergency department|consultant|registrar|"
    r"specialist nurse|nurse specialist|nurses?-led|nurse-led|district nurses?|dns?|community (?:\w+\s+)?(?:team|nurses?)|"
    r"pharmacy|pharmacist|phlebotomy|radiology|physio\w*|occupational therap\w+|ot|salt|dietitian|"
    r"outpatients?|opd|theatre|pre-?op\w*|endoscopy unit|day unit|esd|fracture liaison|fls|secretar\w+|"
    r"mdt|oncology|haematology|cardiology|urology|surgeons?|appt|appointment)\b",
    re.I,
)
PATIENT_OWNER = gated(
    r"\b(?:pt|patient|he|she|they|his\s+(?:wife|partner|son|daughter|carer)|her\s+(?:husband|partner|son|daughter|carer)|"
    r"family|carers?|parents?|mother|father)\s+(?:will(?!\s+(?:also\s+)?(?:need|require|benefit)\b)|should(?!\s+(?:have|be|undergo|need)\b)|"
    r"to(?!\s+(?:have|be)\b)|knows|is\s+to|has\s+been\s+(?:advised|told|asked)|"
    r"can|must|may|agreed|understands|is\s+aware|would\s+like|plans|intends)\b"
    r"|\b(?:advised|self[- ]refer\w*|safety[- ]?net\w*|leaflet|information\s+given|counselled|told)\b",
    re.I,
)

# The practice named as where or by whom a planned task is done, with no verb of asking: "ROS at 10-12/7 by
# practice nurse", "HbA1c + BP in 4/52 at practice", "alendronic acid 70 mg weekly (GP, not urgent)", "will need
# uptitrating in the community", "to start at his next practice review". In a letter to the practice that names
# the task as its own.
GP_AS_AGENT = gated(
    r"\b(?:by|at|with|in|through|via)\s+(?:the\s+|his\s+|her\s+|their\s+|your\s+)?(?:gp\s+)?(?:practice|surgery)\b(?!\s+(?:manager|"
    r"address|list|records?|letter|staff\s+only))"
    # ("Repeat U&E in 1 week - by: GP", a form's owner field)
    r"|\b(?:by:?|with)\s+(?:the\s+|his\s+|her\s+|their\s+|your\s+)?(?:gp|g\.p\.?|practice\s+nurse|pn)\b"
    # "Her hydroxychloroquine can also continue from the practice as before"
    r"|\b(?:continue|carry\s+on)\s+(?:to\s+be\s+(?:prescribed|issued)\s+)?from\s+(?:the\s+|your\s+)?(?:gp\s+)?(?:practice|surgery)\b"
    r"|\bin\s+(?:the\s+)?(?:community|primary\s+care)\b"
    # a medicines list's "3 days supplied; further supply from GP for a total of 4 weeks"
    r"|\b(?:further|ongoing|subsequent)\s+(?:supply|supplies|prescriptions?|scripts?)\s+(?:from|by|via)\s+(?:the\s+|your\s+)?"
    r"(?:gp|practice|surgery)\b"
    r"|\(\s*(?:gp|practice)\b[^)\d]{0,30}\)"
    r"|\b(?:at|in|by)\s+(?:his|her|their|the|your)\s+(?:next\s+|annual\s+|routine\s+|usual\s+)*(?:gp|practice)\s+"
    r"(?:review|appointment|visit|check)\b"
    # "managed by your anticoagulation clinic", "which your practice nurses can give"
    r"|\b(?:by|with|from|at)\s+your\s+(?:practice\s+nurses?|nurses?|anticoagulation\s+(?:clinic|service)|phlebotom\w+)\b"
    # shorthand: "clips out + wound check D12-14 @ GP surgery", "Non-urgent queries re: treatment schedule → GP surgery"
    r"|(?:@|→|->)\s*(?:the\s+|his\s+|her\s+|their\s+|your\s+)?(?:gp|practice|surgery)\b"
    # what is to come from the practice: "an ongoing prescription is needed from the practice", "to be commenced
    # immediately from primary care", "a fit note for 4 weeks to come from the GP", "a referral to the first seizure
    # clinic should follow from primary care" (not "referred to us from primary care", "waiting to hear from the GP")
    r"|\b(?:needed|required|needs?\s+[a-z]{3,}ing|should\s+follow|to\s+follow|to\s+(?!(?:us|you|him|her|them|the|a|an|his|our|hear|receive|expect)\b)"
    r"(?:be\s+)?[a-z]{3,}(?:\s+(?:immediately|urgently|promptly|directly|today|now))?)\s+from\s+"
    r"(?:the\s+|his\s+|her\s+|their\s+|your\s+)?(?:gp|practice|surgery|primary\s+care)\b"
    # a list line that ends with its owner: "Fit note: 12 weeks, GP"
    r"|,\s*(?:gp|practice|surgery)\s*\.?\s*$"
    r"|\byour\s+(?:practice\s+nurses?|nurses?|anticoagulation\s+clinic|practice|team)\s+(?:can|could|will|would|are\s+able\s+to)\s+"
    r"(?:give|do|manage|take|administer|provide|continue)\b",
    re.I,
)
# what was, not what is to be: "seen at the surgery last week", "BP at the practice was 150/90"
PAST_EVENT = gated(
    # ("His ECG in your surgery showed AF": a result, found there)
    r"\b(?:was|were|had|did|saw|seen|came|attended|underwent|last|previously|already|recently|ago|yesterday|since|agreed|"
    r"reports?|reported|showed|demonstrated|revealed)\b"
    r"|\b(?:has|have)\s+(?:been\s+|already\s+)?\w+(?:ed|en)\b"
    # a participle that describes, not asks: "on sertraline prescribed by the practice", "vaccines given at her surgery"
    # ("will need to be managed by your anticoagulation clinic" is still to come; "can be managed in primary care" is
    # a statement)
    r"|(?<!\bto\sbe\s)\b(?:prescribed|started|given|done|taken|initiated|managed|issued|diagnosed|found|noted|performed|checked|"
    r"inserted|fitted|placed|"
    r"measured|recorded|treated|administered|carried\s+out|requested|arranged|ordered|organised|referred)\s+"
    r"(?:[\w/.-]+\s+)?(?:by|at|in|with)\b",
    re.I,
)
# what a planned task can be about: a test, a medicine, a review, a wound
ACTION_CONTENT = compiled(
    r"\b(?:re-?check\w*|check\w*|repeat\w*|monitor\w*|measure|review|r/v|rv|f/u|follow[- ]?up|remove|removal|ros|tor|stor|dressing|"
    r"wound|clips?|sutures?|staples?|refer(?!rer)\w*|start|stop|increase|reduce|uptitrat\w*|up-titrat\w*|titrat\w*|wean|"
    r"restart|prescri\w*|repeats?|code|add|record|\d+\s*(?:mg|mcg|micrograms?|g|units|ml)|od|bd|tds|qds|nocte|"
    r"vaccin\w*|immuni[sz]\w*|injection|implants?|administ\w*|managed\s+by\s+your|smear|spirometry|bloods?|"
    # "GP: sick note 2/52"
    r"(?:sick|fit)\s+note|med\s?3|"
    # "this will need chasing from the practice", "Rebooking to be arranged via his GP practice"
    r"chas(?:e|ing)|re-?book\w*|"
    # "so the rest of the course is required from the practice"
    r"(?:rest|remainder)\s+of\s+(?:the|his|her|their)\s+(?:course|supply))\b|[↑↓]"
    r"|\b(?:continue|carry\s+on)\s+(?:to\s+be\s+(?:prescribed|issued)\s+)?from\s+(?:the\s+|your\s+)?(?:gp\s+)?(?:practice|surgery)\b",
    re.I,
)

# --- negation, safety-netting -------------------------------------------------------------

NEGATION = gated(
    r"\bno\s+(?:need|requirement|further\s+action|(?:gp|practice|surgery)\s+(?:action|follow[- ]?up|input)|action|actions|"
    r"change|changes|requirement)\b"
    # ("stop co-codamol if not needed" is a condition, not a refusal)
    r"|(?<!\bif\s)(?<!\bwhen\s)(?<!\bunless\s)(?<!\bonce\s)\b(?:not|n't)\s+(?:need|needed|required|necessary|be\s+(?:needed|required|"
    r"repeated|necessary|started|restarted))\b"
    r"|\bneed\s+not\b|\bnothing\b[^.]{0,40}\b(?:need|needed|required|to\s+do)\b(?!\s+with\b)"
    # "PrEP is only available through sexual health services and is not something the practice needs to prescribe"
    r"|\bnot\s+something\s+(?:that\s+)?(?:the\s+practice|the\s+gp|you|your\s+practice)\s+(?:needs?|has|have|should)\s+to\b"
    # (but "as he doesn't need it before the biopsy" says when, not whether)
    r"|\b(?:does\s+not|do\s+not|don't|doesn't)\s+need\b(?!\s+(?:it|this|them|these)\s+(?:before|until|urgently|straight\s+away|today)\b)"
    r"|\bnot\s+to\s+be\s+(?:repeated|restarted|started|added|taken|done)\b"
    # "if the margins are clear, no further treatment will be needed"
    r"|\bno\s+(?:further\s+)?(?:[\w-]+\s+)?(?:will\s+be|is)\s+(?:needed|required|necessary)\b"
    # "I do not think she needs imaging."
    r"|\b(?:do|does)(?:\s+not|n't)\s+think\s+(?:he|she|they|it|this|that|the\s+patient)\s+(?:needs?|requires?|warrants?)\b"
    # "No bloods need repeating."
    r"|^\W*no\s+(?:[\w&/-]+\s+){0,3}(?:needs?|requires?)\s+(?:repeating|re-?checking|checking|to\s+be\s+(?:repeated|checked|done))\b"
    # "the clinic dispenses clozapine directly; the practice should NOT prescribe it"
    r"|\b(?:should|must)\s+not\s+(?:be\s+)?(?:prescribed|prescribe|issued|issue)\b"
    # "I am not asking the practice to do anything at this point", "There is no call for the surgery to duplicate these"
    r"|\b(?:am|are|is)\s+not\s+asking\s+(?:the\s+practice|the\s+surgery|you|the\s+gp)\s+to\b"
    r"|\bno\s+(?:call|reason)\s+for\s+(?:the\s+practice|the\s+surgery|you|the\s+gp)\s+to\b"
    # (but "please prescribe today, as he has none" says what the patient lacks)
    r"|(?<!has\s)(?<!have\s)(?<!had\s)(?<!got\s)\b(?:none|nil)\s*(?:required|needed)?\.?\s*$"
    # "Nil else for GP", "nothing further for the practice"
    # ("Pulm rehab referral sent by ward 22/01 -- nil for GP.")
    r"|\b(?:nil|nothing)\s+(?:else\s+|further\s+|more\s+)?(?:for|from)\s+(?:the\s+)?(?:gp|practice|surgery)\b"
    r"|^\s*(?:none|nil|n/a|-|–)\s*[.]?\s*$"
    r"|\bno\s+(?:gp|practice)\b|\bnot\s+for\s+(?:the\s+)?(?:gp|practice)\b"
    r"|\bno\s+(?:[\w-]+\s+){1,3}(?:is|are)\s+(?:needed|required|necessary|indicated)\b"
    # "no thrombophilia testing or additional cancer screening beyond routine history and examination is indicated"
    r"|\bno\s+(?:[\w-]+\s+){1,2}(?:testing|tests?|screening|investigations?|imaging|treatment|referral)\b[^.;]{0,80}?"
    r"\b(?:is|are)\s+(?:needed|required|necessary|indicated|warranted)\b"
    r"|\b(?:please|pls)\s+(?:do\s+not|don't)\s+(?:prescribe|start|restart|stop|change|give|issue|repeat|duplicate|check|re-?check|"
    r"continue|renew|extend|"
    r"test|refer|arrange|request|chase|monitor|add)\b"
    r"|\b(?:please|pls)\s+(?:also\s+|now\s+)?(?:avoid|disregard|ignore)\b|\b(?:does|do)\s+not\s+require\b|\bdoesn't\s+require\b"
    r"|\b(?:is|are)\s+(?:kindly\s+)?(?:asked|requested)\s+not\s+to\b"
    r"|\bno\s+(?:new\s+|further\s+)?(?:referral|action|input|follow[- ]?up)\s+(?:is\s+)?(?:needed|required|necessary)\b"
    # "No referral to CSC at this stage.", "Not currently for ADHD assessment - to be reviewed once settled"
    r"|^\W*no\s+(?:[\w-]+\s+)?referral\b[^.;]{0,40}?\b(?:at\s+(?:this|present|the\s+moment)|for\s+now|currently|yet)\b"
    r"|^\W*not\s+(?:currently\s+|presently\s+|yet\s+)?for\s+(?:[\w/-]+\s+){0,3}(?:assessment|referral|review|treatment|surgery)\b"
    r"|\bunnecessary\b",
    re.I,
)

SAFETY_NET = gated(
    r"\b(?:return|re-?attend|come\s+back|attend|go|present)\s+(?:to\s+)?(?:ed|a&e|the\s+ed|hospital|the\s+emergency|urgent\s+care|again)\b"
    r"|\bseek\s+(?:urgent\s+|medical\s+|further\s+|immediate\s+)*(?:help|advice|review|attention|care)\b"
    r"|\bcall\s+(?:999|111|an\s+ambulance)\b|\bring\s+(?:999|111)\b"
    r"|\b(?:he|she|they|pt|patient|you)\s+(?:should|must|can|will|to|knows\s+to|may)\s+(?:see|contact|ring|call|phone|visit|speak\s+to)\s+(?:the|their|his|her|your)\s+(?:gp|practice|doctor|surgery)\b"
    r"|\b(?:pt|patient)\s+to\s+(?:see|contact)\s+(?:the\s+)?gp\s+if\b"
    r"|\bsafety[- ]?net",
    re.I,
)

CONDITIONAL_START = gated(r"^\s*(?:if|should|in\s+the\s+event|where|when)\b", re.I)

# "please" that asks someone to get in touch, not to act
CONTACT_COURTESY = gated(
    # ("If you have any questions please do contact us through Advice & Guidance")
    rf"\b{PLEASE}\s+(?:do\s+(?=contact|ring|call|phone|telephone|email|let\s))?(?:do\s+not\s+hesitate|feel\s+free|don't\s+hesitate|do\s+not\s+worry|don't\s+worry|be\s+reassured|"
    r"rest\s+assured|contact|ring|call|phone|telephone|(?:do\s+)?get\s+(?:back\s+)?in\s+touch|"
    r"let\s+(?:me|us)\s+know\s+if|email|bleep|refer\s+back\s+to\s+us\s+if\s+you\s+have\s+(?:any\s+)?(?:concerns|queries))"
    # "If you would like to discuss Mr Noakes, our duty doctor is available on 01632 966 240"
    r"|\bif\s+you\s+(?:would\s+like|wish|want)\s+to\s+(?:discuss|talk|speak)\b[^.]{0,80}\b(?:available|contact|ring|call|phone|"
    r"bleep|email)\b",
    re.I,
)

# the hospital takes on the very thing it has just suggested: "a repeat scan would be sensible and we will arrange this"
HOSPITAL_TAKES_IT = gated(
    r"\b(?:we|i)\s+(?:will|'ll|shall|am\s+going\s+to|are\s+going\s+to|have|'ve)\s+(?:also\s+)?(?:arrange|arranged|organise|"
    r"organised|organize|organized|book|booked|request|requested|do|done|repeat|see\s+to|sort|sorted|refer|referred)\s+"
    r"(?:this|that|it|these|them|for\s+this|the\s+same|so)\b"
    # "We would like a repeat scan done before surgery, which we will arrange"
    r"|\bwhich\s+(?:we|i)\s+(?:will|'ll|shall|have)\s+(?:also\s+)?(?:arrange|arranged|organise|organised|book|booked|request|"
    r"requested|do)\b",
    re.I,
)
# "I am writing to your GP to let them know": the GP is the one written to, not asked
WRITTEN_TO_GP = gated(
    r"\b(?:writ(?:ing|ten|e)|wrote|cop(?:y|ied|ying)|sen[dt]|sending|letter)\s+to\s+(?:the\s+|your\s+|his\s+|her\s+)?$"
)

# --- the request content ------------------------------------------------------------------

LAB_TESTS = (
    # ("you and ease": U&Es as speech recognition hears them)
    r"u\s?&\s?es?|ues?|u\+es?|you\s+and\s+eases?|u\s+and\s+es?|fbc|lfts?|tfts?|bloods?|blood tests?|renal function|kidney function|liver function|"
    r"blood count|electrolytes|sodium|potassium|na|k|creatinine|egfr|hba[1l]c|lipids?|cholesterol|psa|cea|ca-?125|inr|"
    r"crp|esr|ferritin|hcg|nt-?probnp|bnp|iron studies|b12|folate|thyroid function(?: tests?)?|vitamin d|vit d|calcium|magnesium|bone profile|haematocrit|hb|"
    r"haemoglobin|glucose|levels?|drug levels?|lithium levels?|troponin|urine|uacr|acr|pcr|urate|ck|amylase|tsh|ft4|"
    r"weight|pulse|bp|blood pressure|observations|obs|peak flow|height|bmi|intra-?\s?ocular pressures?|iops?|"
    # further blood tests by name ("repeat serum bilirubin on Friday" is a test, not a repeat prescription)
    # (every name opens with a plain letter, so that gate.by_first_letter can group the list)
    r"serum\s+bilirubin|bilirubin|sbr|metanephrines|cortisol|prolactin|pth|parathyroid hormone|renin|aldosterone|acth|"
    r"immunoglobulins|serum\s+electrophoresis|electrophoresis|albumin|phosphate|d-?dimer|clotting(?: screen)?|"
    r"coagulation(?: screen)?|reticulocytes?|blood film|haematinics|urinalysis|urine dip|"
    # cognitive scores, repeated as a blood test is ("repeat her MoCA in six months and send us the score")
    r"moca|mmse|ace-?iii|ace-?3|6-?cit"
)
IMAGING_TESTS = (
    r"x-?rays?|xr|cxr|chest\s+films?|ct|mri|mra|ultrasounds?|uss|us\s+scan|scans?|echo\w*|ecg|ekg|holter|ambulatory ecg|"
    r"24[- ]?h\w*\s+tape|"
    # radiographic projections: "repeat scaphoid views in 10-14 days"
    r"scaphoid\s+views|oblique\s+views|lateral\s+views|skyline\s+views|weight[- ]bearing\s+views|"
    r"abpm|ambulatory (?:blood pressure|bp)(?:\s+monitoring)?|home (?:blood pressure|bp) monitoring|dexa|dxa|bone density|ogd|endoscopy|colonoscopy|sigmoidoscopy|gastroscopy|"
    r"spirometry|lung function|pfts?|feno|mammograms?|mammography|biopsy|serology|screen|cervical screening|smear test|antibod\w*|"
    r"coeliac|h\.?\s?pylori|"
    r"stool test|fit test|faecal|calprotectin|nt-?probnp|bnp|audiogram|eeg|ncs|emg|doppler|duplex|angiogram|"
    r"nerve conduction(?: stud(?:y|ies)| tests?)?|sleep stud(?:y|ies)|polysomnograph\w*|abpis?|ankle[- ]brachial (?:pressure )?ind(?:ex|ices)|"
    r"tilt test|sleep study|oximetry|urine culture|swabs?|smear|cytology|dna test|genetic test|ogtt|glucose tolerance test|"
    r"imaging|cross-sectional imaging"
)
TIME_PHRASE = (
    r"(?:in|within|after|at|for|every|each|over)\s+(?:about\s+|around\s+|approx\.?\s+)?(?:\d+|one|two|three|four|five|six|"
    r"eight|ten|twelve|a)[\s-]*(?:-\s*\d+\s*)?(?:/52|/12|/7|days?|d|weeks?|wks?|w|fortnights?|months?|mths?|m|years?|yrs?|y)\b"
    r"|\b\d+(?:\s*[-–]\s*\d+)?\s*(?:weeks?|wks?|months?|mths?|days?)\b"
    # "U&E one week after the dose change"
    r"|\b(?:one|two|three|four|six|a)\s+(?:weeks?|months?|days?)\s+(?:after|before|from|post)\b"
    # (but not a date: "Colonoscopy normal (11/12/2025)")
    r"|(?<![\d/])\d+\s*/\s*(?:52|12|7)\b(?!/\d)|\b\d+-(?:weekly|monthly|yearly)\b|\b(?:weekly|fortnightly|monthly|\d+-?monthly|"
    r"three-monthly|six-monthly|annually|yearly|annual|quarterly)\b|\bnext\s+week\b|\bbefore\s+(?:his|her|the)\s+next\b"
)

MONITOR_VERB = (
    r"(?:check|re-?check|repeat|monitor|measure|do|arrange|take|send|organise|organize|perform|continue|weigh)"
)
# the lists grouped by first letter (gate.by_first_letter: the same matches, far fewer tries), for the patterns that
# search them without a gate
LAB_TESTS_GROUPED = by_first_letter(LAB_TESTS)
TESTS_GROUPED = by_first_letter(f"{LAB_TESTS}|{IMAGING_TESTS}")
LAB_RE = compiled(rf"\b(?:{LAB_TESTS_GROUPED})\b", re.I)
IMAGING_RE = gated(rf"\b(?:{IMAGING_TESTS})\b", re.I)
TIME_RE = gated(TIME_PHRASE, re.I)

# an imperative at the start of a bullet or sentence: "Check U&Es", "Add to problem list", "? refer"
IMPERATIVE_START = gated(
    rf"^\s*(?:\?\s*|query\s+)?(?:{PLEASE}\s+)?(?:check|re-?check|repeat|refer|re-?refer|arrange|request|add|chase|review|"
    r"monitor|book|remove|update|record|code|organise|organize|titrate|wean|issue|provide|prescribe|supply|consider|"
    r"start|stop|increase|reduce|switch|change|restart|commence|discontinue|withdraw|cease|withhold|hold|amend|inform|notify|"
    r"send|obtain|measure|follow\s+up|f/u|recall|see|ensure|offer|treat|give|document|step\s+(?:up|down)|"
    # ("RV:LV ratio normal", "RV mildly dilated": the right ventricle, not a review)
    r"suggest|recommend|trial|try|r/v|rv(?![:/])(?!\s+(?:(?:mildly|moderately|severely)\s+)?(?:normal|dilat\w*|impair\w*|"
    r"function\w*|size|systolic|free\s+wall|is|was|not|appears?))|uptitrate|up-titrate|inc|calculate|assess)\b"
    + _NOT_ITS_TREATMENT
    +
    # ("Recommend wide local excision with 1 cm margins": the hospital's own treatment)
    # ("Wean out of the boot over 2-4 weeks": the patient's own splint, sling or crutches, not a medicine)
    r"(?!\s+(?:(?:out\s+of|off|from|with)\s+)?(?:the\s+|his\s+|her\s+|their\s+)?(?:[\w-]+\s+)?"
    r"(?:boot|sling|splint|brace|collar|crutch\w*|cast|orthosis|walking\s+aid|frame|tubigrip)s?\b)"
    # ("Check X-ray satisfactory": the post-operative check film is a finding, not an instruction)
    r"(?!\s+(?:x-?ray|xr|film|radiograph)s?\s+(?:today\s+|this\s+morning\s+)?(?:was\s+|is\s+)?"
    r"(?:satisfactory|ok|fine|acceptable|good|showed|shows|confirm))"
    r"|^\s*(?:please\s+)?[↑↓]",
    re.I,
)
# imperatives that are routinely used for the hospital's own plan, so they need a GP cue
PLAN_ONLY_IMPERATIVE = gated(
    r"^\s*(?:(?:continue|start|stop|increase|reduce|switch|change|restart|give|treat|step\s+(?:up|down)|trial|try|"
    r"uptitrate|up-titrate|inc)\b|[↑↓])",
    re.I,
)

# "He also needs a pneumococcal vaccine", "She should receive the annual flu vaccine": vaccines are given in general
# practice, so a vaccine the patient needs, in a letter to the practice, asks for it
VACCINE_NEED = gated(
    r"\b(?:needs?|will\s+need|would\s+need|requires?|should\s+(?:also\s+)?(?:have|receive|get|be\s+offered|be\s+given)|"
    r"is\s+(?:also\s+)?(?:due|eligible)(?:\s+for)?)\s+(?:a\s+|an\s+|the\s+|his\s+|her\s+|their\s+)?[^.;]{0,40}?"
    r"\b(?:vaccin\w*|immunis\w*|immuniz\w*|boosters?)\b",
    re.I,
)

# "? refer", "?refer to ENT" at any position
QUERY_REFER = gated(r"(?:^|\s)\?\s*(?:refer|referral|re-?refer)\b", re.I)

# a new referral the hospital says it will need (each use lists the words for "needed" it reads)
_A_NEW_REFERRAL_WILL_BE = r"\b(?:(?:new|further|fresh)\s+|re-?)referral\s+(?:[\w-]+\s+){0,3}?(?:will|would)\s+be\s+"
# an impersonal need: "needs repeat LFTs in 6 weeks", "will need a repeat OGD", "for DEXA scan"
IMPERSONAL_NEED = gated(
    # (but "she no longer needs calcium supplements" says what is over)
    rf"(?<!no\slonger\s)\b(?:needs?|will\s+need|would\s+need|may\s+need|might\s+need|requires?|will\s+require|should\s+have|to\s+have)\s+"
    rf"(?:a\s+|an\s+|the\s+|his\s+|her\s+)?"
    rf"(?:(?:annual|yearly|regular|routine|\w+ly|\w+-monthly|baseline|fasting)\s+)?"
    rf"(?:repeat|further|follow[- ]?up|recheck|re-?check|referral|review|(?:{LAB_TESTS})\b|(?:{IMAGING_TESTS})\b|fit\s*note|sick\s*note|med\s*3\b|"
    rf"(?:sick\s+|medical\s+)?certificate)"
    rf"|\b(?:would|will)\s+(?:then\s+)?need\s+(?:checking|repeating|monitoring|reviewing|doing)\b"
    # "28 days supplied from clinic, will need adding to repeat thereafter"
    rf"|\b(?:will|would)\s+need\s+adding\s+to\s+(?:the\s+|her\s+|his\s+|their\s+)?repeats?\b"
    rf"|{_A_NEW_REFERRAL_WILL_BE}(?:needed|required)\b"
    # "her B12 needs checking", "LFTs want repeating", "would benefit from a repeat echo"
    rf"|\b(?:needs?|wants?|requires?)\s+(?:re-?)?(?:checking|repeating|monitoring|reviewing|measuring|testing|doing)\b"
    rf"|\b(?:would|will|may|might|could)\s+(?:also\s+)?benefit\s+from\b"
    rf"|\b(?:would\s+be|is|may\s+be)\s+(?:very\s+|well\s+)?suitable\s+for\s+(?:a\s+|an\s+)?(?:re-?)?referral\b"
    # (but "for CT coronary angiogram" in a chest pain clinic's outcome is the clinic's own next test)
    rf"|^\s*for\s+(?!(?:a\s+)?(?:ct\s+coronary|ctca|coronary\s+angio|angiogra|pet\b|pet-ct))(?:a\s+|an\s+|repeat\s+)?"
    rf"(?:(?:{IMAGING_TESTS})|(?:{LAB_TESTS})|review|referral|repeat)\b"
    # "referral to the skin cancer MDT for re-excision is recommended"
    rf"|\b(?:is|are)\s+(?:recommended|advised|suggested|indicated)\b"
    # "the faecal calprotectin should be repeated in 3 months", "her cognition should be reassessed"
    # ("Her FBC may be rechecked at the end of the iron course")
    rf"|\b(?:should|must|ought\s+to|needs?\s+to|may|can|could)\s+be\s+(?:re-?checked|repeated|re-?assessed|reviewed|monitored)\b"
    rf"|\bto\s+be\s+(?:re-?checked|checked|repeated|monitored|reviewed|referred|arranged|done|removed|prescribed|"
    rf"continued|added|started|stopped|chased|coded|recorded|requested|taken\s+off|increased|reduced|followed[- ]up|"
    rf"actioned|acted\s+on|made|(?:up-?)?titrated|weaned|tapered|switched|restarted|changed)\b"
    # "with a fit note to be issued accordingly"
    rf"|\b(?:fit|sick)\s*note\s+(?:[\w-]+\s+){{0,3}}?to\s+be\s+(?:issued|provided|given|written)\b"
    # "Medication review required re falls risk", "diabetes medication review required"
    rf"|\b(?:medication|medicines?|drug|treatment)\s+review\s+(?:is\s+)?(?:required|needed|recommended|advised)\b",
    re.I,
)

# a test with a time, and nothing else: "U&Es 1/52", "U&E/FBC 6-monthly while on apixaban"
TEST_WITH_TIME = gated(
    rf"^\s*(?:\w+\s+){{0,2}}(?:{TESTS_GROUPED})\b[^.;]{{0,60}}?"
    rf"(?:{TIME_PHRASE})"
    # "Annual U&E and FBC while on apixaban": how often, before the test
    rf"|^\s*(?:annual|yearly|(?:three|six|twelve|\d+)-?monthly|monthly|weekly|fortnightly|quarterly)\s+(?:{TESTS_GROUPED})\b",
    re.I,
)

# --- categories ---------------------------------------------------------------------------

FIT_NOTE = gated(
    # (a prescription exemption certificate, FP92A, is a form the practice signs, not a fit note)
    # ("Sick cert from GP pls", "a Med 3")
    r"\b(?:fit\s*notes?|sick\s*notes?|med\s*3s?|med3s?|sick\s+cert(?:ificate)?s?|(?<!exemption\s)certificates?|statement\s+of\s+fitness|"
    r"(?:necessary|medical|sickness)\s+certification|"
    # "She needs a note for her employer", "He'll need signing off work for a fortnight"
    r"note\s+for\s+(?:his|her|their)\s+(?:employer|work)|sign(?:ing|ed)?\s+(?:(?:him|her|them)\s+)?off\s+(?:work|sick)|"
    # "he plans to book in with you to get signed off for this period"
    r"get(?:ting)?\s+signed\s+off)\b"
    # "Regarding his time off work, I think a further four weeks would be reasonable and I would ask you to certify this"
    r"|\boff\s+work\b[^.]{0,100}\bcertify\b",
    re.I,
)
_CHASE_APPOINTMENT = gated(
    r"\bchas(?:e|ing)\b[^.]{0,60}\b(?:appointments?|appts?|dates?|referrals?|booking|waiting\s+list|department|clinic|dept|"
    r"it\s+with)\b"
    # "perching stool ordered by VW OT, not yet delivered. Pls chase w/ community equipment service": what the
    # hospital's team ordered for the patient
    r"|\bchas(?:e|ing)\b[^.]{0,60}\b(?:equipment|deliver(?:y|ies)|wheelchairs?|commodes?|hoists?)\b"
    # "Please chase the MDT outcome if the patient has not heard from us": the hospital's own decision
    r"|\bchas(?:e|ing)\s+(?:up\s+)?(?:the\s+)?(?:mdt|multidisciplinary\s+(?:team\s+)?(?:meeting\s+)?)\s*(?:outcome|decision|discussion)s?\b"
    # ("His casting appointment has not yet come through; we would be grateful if the GP could chase this")
    r"|\b(?:appointments?|appts?|dates?)\b[^.]{0,90}\bchas(?:e|ing)\b"
    # "Pt worried she won't hear from fracture clinic - GP to chase them if no call by Friday"
    r"|\bhear\s+from\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:clinic|team|department|service)\b[^.]{0,60}\bchas(?:e|ing)\b"
    # "If your patch test appointment has not come through within eight weeks, please ask your GP surgery to chase it"
    r"|\b(?:appointments?|appts?|dates?|letters?)\s+(?:has|have|does|do)\s*(?:not|n't)\s+(?:come|arrived?|been\s+sent)\b[^.]{0,80}"
    r"\bchas(?:e|ing)\b"
    # "if no contact from fracture clinic in 1/52, chase on pt's behalf"
    # ("if not heard from RACPC in 6/52 GP pls chase")
    r"|\bif\s+(?:no\s+(?:contact|word|letter|appointment|appt|call|date)|not\s+(?:heard|contacted))\s+(?:from|by)\b[^.]{0,60}"
    r"\bchase\b"
    r"|\bchase\s+(?:it\s+|this\s+|them\s+)?on\s+(?:the\s+)?(?:pt'?s?|patient'?s?|his|her|their)\s+behalf\b"
    # "please chase the outpatient gastroscopy which we requested": the hospital's own booking
    r"|\bchas(?:e|ing)\s+(?:up\s+)?(?:the|his|her|their)\s+(?:outpatient\s+|clinic\s+|hospital\s+|planned\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:gastroscopy|colonoscopy|endoscopy|ogd|scan|mri|ct|echo\w*|procedure|operation|surgery)\b(?!\s+results?)"
    # "if the appt has not arrived within 10 days, advised to contact the GP surgery to chase"
    r"|\bif\s+(?:no|the|her|his)\s+(?:\w+\s+)?(?:appointment|appt|opa)\b[^.]{0,100}\bchase\b"
    # "We have requested an echo; please chase this if she has not heard in 6 weeks": what is chased is the hospital's
    # booking, since only a booking is waited to be heard of ("if not received" a result would be a result)
    r"|\bchase\s+(?:up\s+)?(?:(?:this|it|them|that)\s+(?:up\s+)?)?if\s+(?:(?:she|he|they|the\s+patient|pt)\s+"
    r"(?:has|have|hasn'?t|haven'?t|does\s+not|doesn'?t)\s+(?:not\s+)?(?:heard|received\s+(?:an?\s+)?(?:appointment|appt|date|letter)|"
    r"had\s+(?:an?\s+)?(?:appointment|appt|date|letter)|been\s+(?:contacted|sent|booked))"
    r"|(?:it\s+(?:is|has)\s+|it'?s\s+)?not\s+(?:(?:been\s+)?(?:heard|done|booked|arranged|happened)|heard\s+from)"
    r"|no\s+(?:appointment|appt|date|letter|word))\b"
    r"|\bif\s+(?:she|he|they|the\s+patient|pt)\s+(?:has|have)(?:\s+not|n'?t)\s+(?:heard|been\s+(?:contacted|booked))\b[^.]{0,80}\bchase\b"
    # "if the bath lift has not arrived by mid-November, could the surgery please chase delivery": equipment the
    # hospital's team ordered
    r"|\bchas(?:e|ing)\s+(?:up\s+)?(?:the\s+)?(?:delivery|supplier|equipment|order)\b"
    # "I would be grateful if the surgery could follow this up with our booking team"
    r"|\bfollow\s+(?:this|it|that)\s+up\s+with\s+(?:our|the)\s+(?:booking|appointments?|waiting\s+list|scheduling|admissions?)\b"
    # "If the patient wishes to rebook, please ask him to speak to the practice, who can arrange this with us"
    r"|\bre-?book\w*\b[^.]{0,80}\b(?:practice|surgery|gp)\b|\b(?:practice|surgery|gp)\b[^.]{0,40}\barrange\s+(?:this|it|that)\s+with\s+us\b",
    re.I,
)
# "I said his GP can chase this for him if he has not heard by the summer", "your reception team will be able to chase
# Calderbrook radiology on his behalf" (kept apart so that each part keeps a gate on the fixed text it needs)
_CHASE_ON_ITS_BEHALF = gated(
    r"\b(?:gp|practice|surgery|team|you)\s+(?:can|could|may|will\s+be\s+able\s+to)\s+chase\s+(?:this|it|them)\s+for\s+"
    r"(?:him|her|them)\b|\bchas(?:e|ing)\b[^.;]{0,60}\bon\s+(?:his|her|their|the\s+patient's)\s+behalf\b",
    re.I,
)
# a chase that waits on the patient hearing nothing from the hospital: "If pt not heard within 1/52 GP pls chase",
# "please could the surgery chase this for him if he has not heard by the end of March"
_CHASE_IF_NOT_HEARD = gated(
    r"\bchas(?:e|ing)\b[^.;]{0,40}\bif\s+(?:(?:he|she|they|pt|the\s+(?:patient|family))\s+)?(?:has\s+|have\s+)?(?:not|n't)\s+"
    r"(?:heard|had\s+(?:an?\s+)?(?:appointment|date|letter))\b"
    r"|\bif\s+(?:\w+\s+){0,3}?(?:not|n't)\s+heard\b[^.;]{0,60}\bchas(?:e|ing)\b",
    re.I,
)
# the hospital's own dates, left to the practice to find out and pass on: "Mum asked me when the eye appointment will be -
# please could the surgery follow this up for her", "keep him updated on the date of his CRT-D implant"
_ITS_DATES_PASSED_ON = gated(
    r"(?:\b(?:appointments?|appts?|dates?)\b|\bwhen\s+(?:the|his|her|their)\s+(?:[\w-]+\s+){1,3}will\s+be\b)[^.;]{0,60}"
    r"\bfollow\s+(?:this|it)\s+up\s+for\s+(?:him|her|them)\b"
    r"|\bkeep\s+(?:him|her|them)\s+(?:updated|informed)\s+(?:on|about|of)\s+the\s+dates?\s+of\s+(?:his|her|their)\b",
    re.I,
)
CHASE_APPOINTMENT = Either(_CHASE_APPOINTMENT, _CHASE_ON_ITS_BEHALF, _CHASE_IF_NOT_HEARD, _ITS_DATES_PASSED_ON)
ANSWER_QUESTIONS = gated(
    r"\b(?:questions?|queries)\b[^.]{0,160}\b(?:answer|deal\s+with|dealt\s+with|address|ask\s+(?:your|the)\s+gp|at\s+the\s+(?:practice|surgery)|gp|help\s+(?:her|him|them)\s+with\s+(?:these|them|this|those)|find\s+(?:this|it|that)\s+out)\b"
    # questions about the hospital's own operation, procedure or wait, left to the practice to advise on
    # ("Should she have any queries before or after the injections, could the practice advise her")
    # ("If they have any questions about her position on the waiting list, ... could your reception team advise them")
    r"|\b(?:questions?|queries|worries)\s+(?:about|before|after|regarding)(?:\s+or\s+(?:before|after))?\s+(?:his|her|their|the)\s+"
    # ("If he has any questions about the bowel preparation or the colonoscopy, please could the surgery advise him")
    r"(?:position\s+on\s+the\s+|bowel\s+)?(?:operation|procedure|surgery|op|injections?|infusions?|treatment|wait\w*|recovery|"
    r"admission|prep\w*|colonoscopy|endoscopy|gastroscopy|biopsy|scan)\b"
    r"[^.]{0,120}\b(?:advise|practice|surgery)\b"
    r"|\b(?:answer|deal\s+with|field|handle|respond\s+to)\s+(?:these|her|his|their|any)\s+(?:questions?|queries)",
    re.I,
)
ADMIN = gated(
    # ("Please make sure Biktarvy is recorded on his medication list", "record on his clinical system that he takes ...")
    r"\bproble[mr]n?\s+list|\bproblern\s+list|\b(?:add(?:ed)?|record(?:ed)?|code|coded|update|note)\b[^.]{0,80}\b(?:record|records|"
    r"register|coding|code|history|notes|list|allerg\w*|sensitivit\w*|alert|summary|clinical\s+system)\b|\bcoding\b|\bregister\b|"
    r"\b(?:inform|notify|tell|let)\s+(?:the\s+)?(?:dvla|social\s+services|school|employer|agency)\b|\bsafeguarding\b"
    # a prescription exemption certificate is a form the practice signs
    r"|\bexemption\s+(?:certificate|form)\b|\bfp\s?92a?\b",
    re.I,
)
# the hospital will send a report and the practice is to act on what it shows: "We will forward the DEXA report to
# you, and if it shows osteoporosis, please could you start alendronic acid"
ACT_ON_HOSPITAL_REPORT = gated(
    r"\b(?:we|i)\s+will\s+(?:forward|send|copy)\s+(?:you\s+)?(?:the|a|her|his|their)\s+(?:[\w-]+\s+){0,2}(?:report|results?)\b"
    r"[^.]{0,60}\bif\s+(?:it|they|this|the\s+(?:[\w-]+\s+)?(?:report|result|scan|test))\s+(?:shows?|confirms?|is|are|comes?\s+back)\b"
    # "I have requested an MRI of his lumbar spine; if it shows a disc prolapse, please refer him to the spinal
    # surgeons": acting on what the hospital's own test shows
    rf"|\b(?:we|i)\s+(?:have\s+|'ve\s+)?(?:also\s+)?(?:requested|arranged|ordered|booked|organised)\s+(?:an?\s+|the\s+|his\s+|her\s+)?"
    rf"(?:[\w-]+\s+){{0,4}}?(?:{IMAGING_TESTS}|{LAB_TESTS})\b[^.]{{0,80}}\bif\s+(?:(?:it|they|this|that)\s+|the\s+(?:[\w-]+\s+){{0,3}}?)"
    rf"(?:shows?|confirms?|is|are|comes?\s+back|demonstrates?)\b",
    re.I,
)
_RESULTS = gated(
    r"\b(?:pending|awaited|await|outstanding|still\s+to\s+come)\b"
    # "LFTs taken on the morning of discharge had not resulted when she left"
    # ("Her inpatient echo has still not been reported")
    r"|\b(?:had|has|have)\s+(?:still\s+)?not\s+(?:yet\s+)?(?:resulted|come\s+back|been\s+reported)\b"
    r"|\b(?:tests?|bloods?|samples?|swabs?)\s+(?:\w+\s+){0,2}(?:taken|sent)\b[^.]{0,60}\b(?:come|comes|coming)\s+back\b"
    # ("gp to chase histo & inform pt")
    r"|\bchas(?:e|ing)\b[^.]{0,60}\b(?:result|results|histology|histo|culture|biops\w*|report|bloods?|it|them|these|those)\b"
    r"|\bchase\s+(?:and|&|\+)\s+(?:action|act|treat)\b"
    # "We'd be grateful if GP could review the ECG and let us know if any concerns": the hospital's own recording
    r"|\breview\s+(?:the|this|his|her|their)\s+(?:ecg|echo\w*|x-?rays?|cxr|scan|report|tape|holter)\b"
    # "the final reports will be out over the weekend and it would be worth glancing at them on Monday"
    r"|\b(?:reports?|results?)\s+(?:will|should)\s+be\s+(?:out|back|available|through)\b"
    # "please chase 3h troponin and if rise >5 from baseline recall pt": a sample already taken, chased for its result
    # ("GP to chase MSU + treat if significant growth")
    rf"|\bchas(?:e|ing)\s+(?:up\s+)?(?:the\s+|his\s+|her\s+|their\s+)?(?:[\w-]+\s+){{0,2}}?(?:{LAB_TESTS}|troponin|trop|msu|"
    r"sensitivities|cultures?)\b"
    r"|\b(?:result|results|histology|cultures?|sensitivities|biops\w*|cytology|report)\b[^.]{0,60}\b(?:chase|when\s+(?:it\s+is\s+|they\s+are\s+)?"
    r"(?:available|back)|comes?\s+through|know|inform|tell|act\s+on|review|follow[- ]?(?:it\s+|them\s+)?up|f/u|discuss|"
    r"explain|go\s+through|share|arrives?|followed[- ]up|actioned|action|(?:to\s+be\s+)?(?:checked|chased))\b"
    r"|\b(?:let|inform|tell)\s+\w+(?:\s+\w+)?\s+(?:know\s+)?(?:of\s+|about\s+)?the\s+results?\b"
    r"|\b(?:contact|ring|call|phone|write\s+to)\s+(?:you|him|her|them)\s+(?:with|about)\s+(?:the\s+|your\s+|his\s+|her\s+)?"
    r"(?:[\w-]+\s+){0,2}results?\b"
    # (not "QRISK not available to us": what the hospital cannot see, not a result still to come)
    r"|\b(?:not\s+(?:yet\s+)?back|not\s+(?:yet\s+)?(?:available(?!\s+to\s+(?:us|me)\b)|reported))\b|\bkeep(?:ing)?\s+an\s+eye\s+out\s+for\s+(?:them|it|the)\b"
    r"|\b(?:let\s+(?:him|her|them|the\s+patient)\s+know|tell\s+(?:him|her|them)|go\s+through|discuss|explain)\s+"
    r"(?:the\s+|his\s+|her\s+|their\s+)?(?:outcome|findings|histology)\b[^.]{0,60}\b(?:report\w*|reaches|comes?\s+back|available)\b"
    r"|\b(?:review|check|act\s+on|follow\s+up|f/u|chase|look\s+at|look\s+out\s+for|watch\s+for|discuss|explain|go\s+through|share)\s+"
    r"(?:the\s+|his\s+|her\s+|their\s+)?"
    r"(?:[\w-]+\s+){0,2}(?:results?|histology|"
    r"report|cytology|cultures?|biops(?:y|ies)|swab\s+results?)\b"
    r"|\bfollow\s+up\s+(?:the|her|his)\s+(?:low|high|raised|abnormal|borderline|elevated|reduced)\b",
    re.I,
)
# (apart from _RESULTS, so that each keeps the gate on the fixed text it needs)
_RESULT_NOT_BACK = gated(
    # "GP to check the sensitivities and change the antibiotic if needed": a culture's result
    r"\b(?:check|chase|review|follow\s+up|look\s+at|act\s+on)\s+(?:the\s+|its\s+|their\s+)?sensitivit(?:y|ies)\b"
    # "NT-proBNP sent 10/03 - not resulted before she left", "urine culture - result not yet available"
    r"|\bnot\s+(?:yet\s+)?resulted\b|\bresults?\s+(?:not\s+yet|not|still\s+not)\s+(?:back|available|reported|through)\b"
)
# "Histology will be sent to the GP in 7-10 days": a result of the hospital's, coming to the practice
_RESULT_SENT_TO_THE_PRACTICE = gated(
    r"\b(?:results?|reports?|histology)\s+(?:will|should)\s+(?:also\s+)?be\s+(?:sent|copied|forwarded)\s+to\s+(?:you|the\s+(?:gp|"
    r"practice|surgery))\b",
    re.I,
)
RESULTS = Either(_RESULTS, _RESULT_NOT_BACK, _RESULT_SENT_TO_THE_PRACTICE)
HOSPITAL_ORDERED_RESULT = gated(
    r"\b(?:pending|awaited|await|outstanding|still\s+to\s+come|sent|taken|requested|histology|histo|culture|biops\w*|cytology|"
    r"(?:when|once)\s+(?:it\s+is\s+|they\s+are\s+)?available|comes?\s+(?:through|back)|should\s+be\s+back|chase)\b"
    # telling the patient a result the letter's own tests produced: the hospital's to tell
    r"|\b(?:let\s+(?:him|her|them|the\s+patient|(?:mr|mrs|ms|miss|mx)\s+[\w'-]+)\s+know|tell\s+(?:him|her|them)|"
    r"inform\s+(?:him|her|them))\s+"
    r"(?:of\s+|about\s+)?(?:the\s+|his\s+|her\s+|their\s+)?results?\b"
    r"|\b(?:not\s+yet|yet\s+to\s+be|still\s+not)\s+(?:available|reported|back|through)\b|\bnot\s+back\s+yet\b"
    r"|\b(?:outcome|findings|report)\b[^.]{0,40}\b(?:reported|reaches\s+you|comes?\s+back)\b",
    re.I,
)
# a new referral the hospital offers to take: "A new referral will be needed if she still wishes to be seen", "we would
# be happy to accept a new referral" (also read by the engine, where it follows a missed appointment)
NEW_REFERRAL_OFFERED = (
    _A_NEW_REFERRAL_WILL_BE + r"(?:needed|required|necessary)\b"
    r"|\b(?:accept|welcome|receive)\s+(?:a\s+)?(?:new|further|fresh)\s+referral\b"
)
RE_REFER = gated(
    rf"{NEW_REFERRAL_OFFERED}|"
    r"\bre-?\s?refer\w*\b|\b(?:send(?:ing)?|mak(?:e|ing)|submit(?:ting)?|do(?:ing)?|writ(?:e|ing))\s+(?:us\s+)?(?:a\s+)?"
    r"(?:new|further|fresh)\s+referral\b"
    # "Should you still have concerns, a fresh referral would be welcomed."
    r"|\b(?:new|further|fresh)\s+referral\s+(?:would|will)\s+be\s+(?:welcomed|accepted|gladly\s+received)\b"
    r"|\brefer\s+(?:\w+\s+)?again\b|\brefer\s+(?:him|her|them|you)?\s*back\b"
    # ("Referral closed and returned to the practice, to be resubmitted if symptoms continue")
    r"|\b(?:to\s+be\s+)?re-?submit(?:ted)?\b"
    # "we would be happy to take a new referral from the practice"
    r"|\b(?:new|fresh|further)\s+referral\s+from\s+(?:you|the\s+(?:practice|gp|surgery)|your\s+(?:practice|gp|surgery))\b",
    re.I,
)
REFERRAL = gated(
    # ("within the reference range" refers no one)
    r"\brefer(?!enc)\w*\b|\b2\s?ww\b|\btwo[- ]week[- ]wait\b|\bsuspected\s+cancer\s+pathway\b"
    # "your help in getting her a routine ENT opinion"
    r"|\b(?:get|getting|obtain\w*|seek\w*|arrang\w*|request\w*)\s+(?:him\s+|her\s+|them\s+)?(?:an?\s+)?(?:routine\s+|urgent\s+)?"
    r"(?:[\w-]+\s+)?opinion\b"
    # a service named as what the patient needs: "would benefit from memory assessment", "needs the falls service"
    # (but not a service named as the one that started a medicine: "once started by the memory service")
    r"|(?<!by\sthe\s)\b(?:memory|falls|pain|continence|weight\s+management|stop[- ]smoking|smoking\s+cessation|psychology|"
    r"talking\s+therap\w+|pulmonary\s+rehab\w*|cardiac\s+rehab\w*)\s+(?:clinic|service|assessment|team|programme)\b"
    # "please offer him stop smoking support": the service, offered
    r"|\b(?:stop[- ]smoking|smoking\s+cessation)\s+(?:support|advice|help|input)\b"
    # "Please arrange outpatient physiotherapy after discharge": a therapy service, arranged
    r"|\b(?:arrang\w*|organis\w*|request\w*)\s+(?:some\s+|an?\s+)?(?:outpatient\s+|community\s+|routine\s+|urgent\s+)?"
    r"(?:physiotherapy|physio|occupational\s+therapy|speech\s+and\s+language\s+therapy)\b(?!\s+(?:review|appointment))"
    # "please arrange an urgent ophthalmology review this week": another specialty's review, arranged
    r"|\b(?:arrang\w*|request\w*|organis\w*|book\w*)\s+(?:an?\s+)?(?:urgent|same[- ]day|emergency|routine|early)\s+"
    r"(?:ophthalmology|eye|ent|cardiology|neurology|dermatology|urology|gyn(?:a)?ecology|rheumatology|respiratory|"
    r"gastroenterology|haematology|orthopaedic|surgical|paediatric|obstetric)\s+(?:review|assessment|opinion|appointment)\b"
    # ("would benefit from a further block of physiotherapy")
    r"|\bbenefit\s+from\s+(?:a\s+|an\s+)?(?:[\w-]+\s+){0,3}(?:service|programme|rehab\w*|physiotherapy|counselling|"
    r"dietitian|dietetic\w*|podiatry|psychology)\b",
    re.I,
)
FOLLOW_UP = gated(
    r"(?<!i )(?<!we )(?<!i'll )(?<!will )\b(?:review|see|reassess|assess)\s+(?:(?:him|them|the\s+patient|mr\s+\w+|mrs\s+\w+|"
    r"ms\s+\w+|miss\s+\w+)\b"
    # "review her inhaler technique": "her" before a noun is possessive, so the object is the thing, not the patient
    r"|her\b(?!\s+(?!(?:in|at|on|for|after|when|again|regarding|re|about|with|within|once|if|to|and|soon|every|each|"
    r"annually|yearly|before|around|as|or|then|next|routinely|yourself|please|pls|herself|urgently|sooner|later|this|today|"
    r"tomorrow)\b)[a-z]{3,}))"
    # "offer Ryan a GP appointment within the next week to check in", "complete the 72-hour post-discharge follow-up call"
    r"|\b(?:offer|book|arrange|give)\s+(?:\w+\s+){0,2}?(?:an?\s+)?(?:gp|practice|routine|face[- ]to[- ]face)\s+"
    r"(?:appointment|review)\b|\bfollow[- ]?up\s+(?:call|phone\s+call|telephone\s+call|visit)\b"
    r"|\b(?:review|assess|look\s+into|examine)\s+(?:his|her|their)\s+(?:\w+\s+){0,2}(?:symptoms?|mood|wound|knee|hip|back|"
    r"skin|rash|memory|hearing|eyes?|feet|weight|progress|recovery|pain|breathing|cough|lump|lesion|response)\b"
    r"|\b(?:remove|removal\s+of)\s+(?:[\w-]+\s+){0,3}(?:clips?|sutures?|stitch(?:es)?|staples?)\b|\b(?:ros|tor)\b"
    # "Please arrange follow-up in the young adult diabetes clinic in 3 months": the hospital's clinic
    r"|\barrange\s+(?:a\s+)?follow[- ]?up\s+(?:in|at|with)\s+(?:the|our)\s+(?!(?:practice|gp|surgery)\b)(?:[\w-]+\s+){0,4}clinic\b"
    # ("Cast can be removed at his GP practice", "sutures may be taken out by the practice nurse")
    r"|\b(?:suture|clip|staple|stitch|cast|plaster)\s+removal\b|\b(?:clips|sutures|stitches|staples|cast|plaster|backslab)\s+"
    r"(?:to|can|could|should|may|will)\s+be\s+(?:removed|taken\s+(?:out|off))\b"
    r"|\bremove\s+(?:the\s+|his\s+|her\s+)?(?:cast|plaster|backslab)\b"
    r"|\bwound\s+(?:check|review|care)\b|\bdressing\s+changes?\b|\bpost-?natal\s+(?:maternal\s+)?checks?\b|\bcheck\s+(?:the\s+|his\s+|her\s+)?(?:wounds?|port\s+sites?|incisions?|surgical\s+sites?)\b|\bfollow[- ]?up\s+appointment\b|\bat\s+a\s+routine\s+appointment\b"
    r"|\bsee\s+(?:him|her)\s+about\b|\blook\s+(?:at|into)\s+(?:this|that|it|his|her|these)\b"
    # "GP to follow up mood in 1 week", "f/u his symptoms"
    r"|\b(?:follow[- ]?up|f/u)\s+(?:(?:his|her|their|the)\s+)?(?:\w+\s+)?(?:mood|symptoms?|progress|recovery|wound|pain|"
    r"breathing|cough|rash|swelling|weight|memory)\b",
    re.I,
)
MEDICATION = gated(
    # ("GP to Rx further 4/7": Rx as the verb, to prescribe)
    # ("repeat before next clinic" repeats a test; "uACR (mg/mmol)" is a result's unit)
    r"\b(?:prescri\w*|rx|supply|repeats?(?!\s+(?:the\s+)?(?:samples?|specimens?|swabs?|smears?|tests?|bloods?|scans?|blood\s+spot))"
    r"(?!\s+(?:before|in|at|within)\s)|repeat\s+prescriptions?|tto|dose|doses|dosage|mg(?!/(?:mmol|l|dl)\b)|mcg|micrograms?|units|tablets?|capsules?|"
    r"inhalers?|puffs?|cream|ointment|lotion|gel|patch|drops|spray|injection|course|medication|medicines?|drug|"
    r"od|bd|tds|qds|nocte|mane|prn|step\s+(?:up|down)|further\s+supplies|days'?\s+supply|"
    r"antibiotics?|antihypertensives?|statin|ppi|insulins?|contraception|hrt|oestrogen|vaccin\w*|immuni[sz]\w*|booster|"
    r"start|starting|stop|stopping|increase|increasing|reduce|reducing|switch|switching|titrate|wean|restart|restarting|"
    r"commence|continue|cont\.?|withhold|discontinue|up-?titrate|down-?titrate|taper)\b",
    re.I,
)
# a medicine name: common suffixes of drug classes plus everyday names without a telling suffix
DRUG_NAME = gated(
    r"\b\w+(?:pril|sartan|olol|dipine|statin|prazole|cillin|mycin|cycline|floxacin|gliptin|gliflozin|glutide|xaban|"
    r"gatran|parin|semide|thiazide|tidine|triptyline|oxetine|opram|azepam|codamol|profen|fenac|olone|formin|zosin|"
    r"steride|lukast|tropium|terol|sonide|asone|dronate|caine|barbital|setron|vudine|navir|gestrel)\b"
    r"|\b(?:aspirin|warfarin|insulins?|levothyroxine|paracetamol|codeine|morphine|oxycodone|tramadol|gabapentin|"
    r"pregabalin|sertraline|citalopram|mirtazapine|amitriptyline|digoxin|allopurinol|colchicine|salbutamol|"
    r"doxycycline|nitrofurantoin|trimethoprim|spironolactone|clopidogrel|ticagrelor|amlodipine|diltiazem|verapamil|"
    r"indapamide|bumetanide|furosemide|tamsulosin|finasteride|oxybutynin|mirabegron|donepezil|quetiapine|"
    r"risperidone|olanzapine|haloperidol|zopiclone|melatonin|ferrous\s+\w+|folic\s+acid|vitamin\s+d|colecalciferol|"
    r"adcal|calcichew|laxido|movicol|senna|lactulose|gaviscon|emollients?|hrt|contraceptive\w*|nicotine|varenicline|bupropion|"
    r"ezetimibe|inclisiran|ivabradine|nicorandil|ranolazine|eplerenone|naproxen|celecoxib|etoricoxib|"
    r"metoclopramide|domperidone|cyclizine|prochlorperazine|loperamide|mebeverine|betahistine|alendronic\s+acid|"
    r"levetiracetam|lamotrigine|carbamazepine|topiramate|sumatriptan|hydroxocobalamin|mesalazine|"
    # palliative care's opioids and their brands ("Oramorph PRN dose to be increased to 10mg")
    r"oramorph|oxynorm|zomorph|mst(?:\s+continus)?|longtec|shortec|buprenorphine|fentanyl|butrans|alfentanil|"
    r"midazolam|levomepromazine|glycopyrronium|"
    # (flucloxacillin, prednisolone and dexamethasone are named by their endings above; nitrofurantoin is listed)
    r"co-amoxiclav|co-?trimoxazole|septrin|co-?codamol|co-?dydramol|co-?careldopa|co-?beneldopa|hydrocortisone)\b",
    re.I,
)

# a medicine with its dosing, where its name is one the lexicon does not know ("Enstilar foam ... once daily")
A_DOSING = compiled(
    r"\b(?:once|twice|three\s+times|four\s+times)\s+(?:daily|a\s+day|weekly|a\s+week|nightly)\b|\b(?:od|bd|tds|qds|nocte|mane)\b"
    r"|\bapplied\s+(?:overnight|at\s+night|daily)\b"
)
A_MEDICINE_FORM = compiled(
    r"\b(?:foam|cream|ointment|gel|lotion|shampoo|emollient|tablets?|capsules?|inhaler|spray|drops|patch(?:es)?|solution|"
    r"suspension|pessar(?:y|ies)|suppositor(?:y|ies)|\d+(?:\.\d+)?\s*(?:mg|mcg|micrograms?|g|ml|units))\b"
)
# shared-care (amber/red list) drugs: commonly named specialist medicines in England
SPECIALIST_DRUGS = (
    r"methotrexate|mtx|azathioprine|mercaptopurine|ciclosporin|cyclosporin\w*|tacrolimus|mycophenolate|leflunomide|"
    r"sulfasalazine|sulphasalazine|hydroxychloroquine|hcq|penicillamine|lithium|priadel|camcolit|liskonum|clozapine|"
    r"rivastigmine|donepezil|galantamine|memantine|testosterone|tostran|testogel|testim|nebido|sustanon|somatropin|"
    r"growth\s+hormone|dronedarone|amiodarone|denosumab|prolia|teriparatide|riluzole|apomorphine|cinacalcet|"
    r"methylphenidate|atomoxetine|dexamfetamine|lisdexamfetamine|guanfacine|melatonin|liothyronine|goserelin|zoladex|"
    r"leuprorelin|prostap|triptorelin|degarelix|adalimumab|etanercept|infliximab|ustekinumab|dupilumab|ocrelizumab|"
    r"natalizumab|fingolimod|dimethyl\s+fumarate|teriflunomide|hydroxycarbamide|isotretinoin|acitretin|alitretinoin|"
    r"dmards?|biologics?|antipsychotic\s+depot|depot\s+antipsychotic|paliperidone|aripiprazole\s+depot|sodium\s+oxybate|"
    r"mesalazine\s+shared|"
    # red and amber drugs of renal, haematology, respiratory, oncology, endocrine and neurology services that the
    # national and most local lists keep with the specialist until shared care is agreed
    r"epoetin(?:\s+(?:alfa|beta|zeta))?|darbepoetin(?:\s+alfa)?|aranesp|eprex|binocrit|retacrit|mircera|filgrastim|"
    r"pegfilgrastim|lenograstim|sodium\s+zirconium\s+cyclosilicate|lokelma|patiromer|veltassa|tolvaptan|midodrine|"
    r"modafinil|pirfenidone|nintedanib|omalizumab|mepolizumab|benralizumab|thalidomide|lenalidomide|pomalidomide|"
    r"anagrelide|sirolimus|everolimus|valganciclovir|octreotide|lanreotide|entecavir|tenofovir|dapsone|cannabidiol|"
    r"abiraterone|enzalutamide|apalutamide|darolutamide|pegvisomant|"
    # hereditary angioedema prophylaxis, from the immunology service
    r"berotralstat|orladeyo|lanadelumab|takhzyro|"
    # HIV antiretroviral treatment, prescribed by the specialist HIV service only
    r"antiretroviral\w*|bictegravir|biktarvy|dolutegravir|triumeq|raltegravir|darunavir|efavirenz|rilpivirine|"
    # HIV pre-exposure prophylaxis, from the sexual health service (but "bowel prep" is a bowel preparation)
    r"p(?<!bowel\sp)rep|pre-exposure\s+prophylaxis"
)
# the same drugs by the brand names letters often give them ("Medikinet XL 20 mg", "Elvanse", "Metoject pen"); a list of
# its own, as one pattern holding both lists would hold more words than its gate may check (gate.py)
SPECIALIST_BRANDS = (
    r"medikinet|concerta|equasym|ritalin|xaggitin|delmosart|xenidate|affenid|matoride|elvanse|amfexa|strattera|"
    r"intuniv|circadin|slenyto|metoject|nordimet|zlatal|imuran|cellcept|myfortic|neoral|prograf|adoport|advagraf|"
    r"envarsus|plaquenil|salazopyrin|arava|aricept|ebixa|exelon|reminyl|clozaril|denzapine|zaponex|cordarone|multaq|"
    r"rilutek|mimpara|humira|amgevita|imraldi|hyrimoz|idacio|yuflyma|enbrel|benepali|erelzi|remicade|inflectra|"
    r"remsima|stelara|dupixent|roaccutane|decapeptyl|firmagon|provigil|revlimid|xagrid|epidyolex|zytiga|xtandi|jinarc|"
    r"truvada|descovy"
)
# oral anticancer medicines (systemic anticancer therapy taken at home), which the national and local lists keep with the
# oncology or haematology service that prescribes and monitors them (a list of its own, for the gate's sake as above)
SPECIALIST_ANTICANCER = (
    r"capecitabine|xeloda|temozolomide|temodal|imatinib|glivec|dasatinib|nilotinib|olaparib|lynparza|niraparib|"
    r"palbociclib|ibrance|ribociclib|kisqali|abemaciclib|verzenios|ibrutinib|imbruvica|acalabrutinib|venetoclax|"
    r"ruxolitinib|osimertinib|sunitinib|pazopanib|cabozantinib|lenvatinib|sorafenib|dabrafenib|trametinib|chlorambucil|"
    r"lomustine"
)
SPECIALIST_DRUG_NAMES = f"{SPECIALIST_DRUGS}|{SPECIALIST_BRANDS}|{SPECIALIST_ANTICANCER}"
SPECIALIST_DRUG_RE = Either(
    gated(rf"\b(?:{by_first_letter(SPECIALIST_DRUGS)})\b", re.I),
    gated(rf"\b(?:{by_first_letter(SPECIALIST_BRANDS)})\b", re.I),
    gated(rf"\b(?:{by_first_letter(SPECIALIST_ANTICANCER)})\b", re.I),
)
# "take over the prescribing of the methotrexate and folic acid": handing a specialist drug to the practice
TAKE_OVER_SPECIALIST = Either(
    *(
        gated(
            rf"\b(?:take\s+over|taking\s+over|assume)\b[^.]{{0,40}}\bprescri\w*\b[^.]{{0,40}}\b(?:{names})\b"
            rf"|\b(?:{names})\b[^.]{{0,40}}\b(?:prescribing|prescriptions?)\s+(?:\w+\s+){{0,3}}taken\s+over\b",
            re.I,
        )
        for names in (SPECIALIST_DRUGS, SPECIALIST_BRANDS, SPECIALIST_ANTICANCER)
    ),
    # "taking over his azathioprine prescriptions" (apart, so that each part keeps its gate)
    *(
        gated(
            rf"\b(?:take|taking)\s+over\s+(?:his|her|their|the)\s+(?:{names})\s+(?:prescribing|prescriptions?|supply|supplies)\b",
            re.I,
        )
        for names in (SPECIALIST_DRUGS, SPECIALIST_BRANDS, SPECIALIST_ANTICANCER)
    ),
)
LETTER_DECLARED_SPECIALIST = gated(
    r"\b([a-z][a-z-]{3,})\b[^.]{0,30}\b(?:is|are)\s+(?:an?\s+)?(?:amber|red)(?:[- ]list)?\s+(?:\([^()]{1,30}\)\s+)?"
    r"(?:drug|medicine|medication)"
    # "Denosumab is on the amber list locally"
    r"|\b([a-z][a-z-]{3,})\s+(?:is|are)\s+(?:on\s+(?:the|our)\s+(?:local\s+)?(?:amber|red)[- ]list|(?:amber|red)[- ]listed)\b"
    # "Azithromycin for bronchiectasis prophylaxis is AMBER on the local formulary"
    r"|\b([a-z][a-z-]{3,})\b[^.;]{0,40}\b(?:is|are)\s+(?:amber|red)\s+(?:on|in)\s+(?:the|our)\s+(?:local\s+|joint\s+|area\s+)?"
    r"(?:formulary|traffic[- ]light)",
    re.I,
)
# the request itself says what it asks for is a specialist drug: "These are on the red list here, but ..."
SAYS_RED_OR_AMBER = gated(
    r"\b(?:on\s+the|an?)\s+(?:red|amber)(?:[- ]list(?:ed)?)?\b(?:\s+(?:list|drugs?|medicines?|medications?))?"
    r"|\b(?:red|amber)[- ]list(?:ed)?\b"
    # "denosumab would be the next option - in our area it's amber (shared care)"
    r"|\b(?:it'?s|it\s+is|they'?re|they\s+are)\s+(?:red|amber)\b",
    re.I,
)
LETTER_DECLARED_ORDINARY = gated(
    r"\b([a-z][a-z-]{3,})\b[^.]{0,30}\b(?:is|are)\s+not\s+(?:an?\s+)?(?:shared[- ]care|amber|red|specialist)"
    # "Donepezil is not on the shared care list in Wyrebrook", "Donepezil is green on our joint formulary"
    r"|\b([a-z][a-z-]{3,})\b[^.]{0,30}\b(?:is|are)\s+not\s+on\s+(?:the|our)\s+(?:local\s+)?(?:shared[- ]care|amber|red)\s+list"
    r"|\b([a-z][a-z-]{3,})\s+(?:is|are)\s+green\s+on\s+(?:the|our)\s+(?:[\w-]+\s+){0,2}formulary\b"
    # "Donepezil is on the green list of the Severnvale formulary once started by a specialist"
    # ("please take on prescribing of her hydroxychloroquine, which is on the green list locally")
    r"|\b([a-z][a-z-]{3,}),?\s+(?:which\s+)?(?:is|are)\s+on\s+(?:the|our)\s+(?:local\s+)?green\s+list\b"
    # "donepezil is a green drug once started by the memory service"
    r"|\b([a-z][a-z-]{3,})\b[^.]{0,30}\b(?:is|are)\s+(?:an?\s+)?green(?:[- ]list(?:ed)?)?\s+(?:drug|medicine|medication)"
    # "Donepezil is on our local formulary as a specialist-initiated medicine ...; no shared care agreement is needed"
    r"|\b([a-z][a-z-]{3,})\b[^.]{0,100}\bno\s+shared[- ]care\s+(?:agreement\s+|protocol\s+)?(?:is\s+)?(?:needed|required|necessary)\b",
    re.I,
)
SHARED_CARE_IN_PLACE = gated(
    r"\bshared[- ]care\s+(?:agreement|protocol|arrangement)?\s*(?:with\s+(?:the\s+|your\s+)?practice\s+)?(?:is\s+|was\s+|has\s+been\s+)?"
    r"(?:already\s+)?(?:in\s+place|agreed|signed|"
    r"established|with\s+(?:the\s+|your\s+)?practice\s+since)"
    # ("has already agreed to the Holloway Cross shared care agreement")
    r"|\bagreed\s+to\s+(?:the\s+|our\s+)?(?:[\w'-]+\s+){0,3}?shared[- ]care|\bset\s+out\s+in\s+the\s+(?:shared[- ]care\s+)?agreement\b"
    # "Thank you for signing the shared care agreement for Mr Stott's methotrexate"
    r"|\bsign(?:ed|ing)\s+the\s+shared[- ]care|\bshared[- ]care\s+(?:agreement\s+)?(?:in\s+place|since)"
    # "Thank you for returning the signed shared care agreement for methotrexate", "With the agreement in place, ..."
    r"|\breturn(?:ed|ing)\s+the\s+signed\s+shared[- ]care|^\W*with\s+the\s+(?:shared[- ]care\s+)?agreement\s+(?:now\s+)?in\s+place\b"
    r"|\bunder\s+(?:the|our|that|this|your)\s+(?:agreed\s+|existing\s+|signed\s+)?(?:shared[- ]care|agreement)"
    # "given at your practice under the LHRH shared care agreement", "Your practice is signed up to the Castlebridge
    # and Wyndham shared care agreement for LHRH analogues"
    r"|\bunder\s+(?:the|our|your)\s+(?:[\w'-]+\s+){1,3}?shared[- ]care\s+(?:agreement|protocol|arrangement)"
    r"|\bsigned\s+up\s+to\s+(?:the\s+|our\s+)?(?:[\w'-]+\s+){0,5}?shared[- ]care\b"
    r"|\bshared\s+care\s+with\s+(?:the\s+)?practice\s+since"
    r"|\b(?:as\s+)?per\s+(?:the\s+)?(?:scp|shared[- ]care)"
    # "please continue to prescribe it in line with the shared care agreement"
    # ("In line with the Norbeck shared care protocol ..., which Oakfield Surgery has signed up to")
    r"|\b(?:in\s+line\s+with|in\s+accordance\s+with|according\s+to)\s+(?:the|our|your)\s+(?:agreed\s+)?(?:[\w'-]+\s+){0,2}?"
    r"shared[- ]care\b"
    r"|\bset\s+out\s+in\s+the\s+shared[- ]care"
    r"|\byou\s+(?:kindly\s+)?(?:signed|agreed|accepted|countersigned|returned)\b[^.]{0,40}shared[- ]care"
    # "your practice accepted the shared care agreement for her on 23 January"
    r"|\b(?:your|the)\s+practice\s+(?:has\s+|have\s+)?(?:kindly\s+)?(?:signed|agreed\s+to|accepted|countersigned|returned)\b[^.]{0,40}"
    r"shared[- ]care"
    r"|\bshared[- ]care\b[^.]{0,60}\b(?:signed|agreed|accept\w*)\s+(?:by\s+)?(?:your|the)\s+practice"
    # "under the existing prostate ADT shared care agreement, which Dr Oyelaran signed on 02/10"
    r"|\bexisting\s+(?:[\w-]+\s+){0,3}shared[- ]care\b"
    r"|\bas\s+agreed\s+(?:in|under)\s+(?:the\s+|our\s+)?shared[- ]care\b"
    r"|\bshared[- ]care\s+(?:agreement|protocol)\b[^.;]{0,20}\b(?:which|that)\s+(?:you|dr\.?\s+[\w'-]+|the\s+practice|your\s+practice)\s+"
    r"(?:has\s+|have\s+)?(?:signed|agreed)\b"
    # "covered by the shared care protocol you accepted last year"
    r"|\bshared[- ]care\s+(?:agreement|protocol)\s+(?:you|your\s+practice|the\s+practice)\s+(?:has\s+|have\s+)?(?:kindly\s+)?"
    r"(?:signed|agreed|accepted|countersigned|returned)\b",
    re.I,
)
# (kept apart so that each keeps a gate on the fixed text it needs) "GP prescribing under shared care with Hallowby
# Gender Service", "prescribed by GP under SCA", "GenderCare Partners SCA for testosterone, signed by Kestrel Surgery
# 03/2025", "shared care agreed with your practice 09/01/2026", "shared care agreement (signed 2023)"
SHARED_CARE_SAID_AS_RUNNING = gated(
    r"\b(?:gp|you|practice)\s+(?:prescribing|prescribes?|prescribe\s+it|prescribed\s+it)\s+under\s+(?:the\s+|an?\s+|our\s+)?"
    r"(?:shared[- ]care|sca)\b"
    r"|\bprescribed\s+by\s+(?:the\s+|your\s+)?(?:gp|practice)\s+under\s+(?:the\s+|an?\s+)?(?:shared[- ]care|sca)\b"
    r"|\b(?:sca|shared[- ]care(?:\s+agreement)?)\b[^.\n]{0,80}\bsigned\s+by\s+(?:[\w'-]+\s+){0,4}?(?:surgery|practice)\b"
    r"|\bshared[- ]care\s+agreed\s+with\s+(?:your|the)\s+practice\b|\bshared[- ]care\s+agreement\s*\(\s*signed\b"
    r"|\bunder\s+(?:an?\s+)?existing\s+(?:shared[- ]care|sca)\b|\bas\s+per\s+(?:the\s+)?sca\b",
    re.I,
)
SHARED_CARE_NOT_IN_PLACE = gated(
    # (within its own line: "... as per shared care protocol" then "TFT/Ca pending - pls chase" is another entry)
    r"\bshared[- ]care\b[^.\n]{0,80}\b(?:not\s+yet|has\s+not|hasn't|yet\s+to|will\s+follow|to\s+follow|in\s+due\s+course|"
    r"separately|will\s+be\s+sent|awaiting|pending|once\s+(?:it\s+is\s+)?(?:signed|agreed)|"
    # "Our shared care agreement for antipsychotics ... is being redrafted"
    r"(?:is|are)\s+(?:still\s+)?being\s+(?:re-?)?(?:draft\w*|finali[sz]ed|prepared|written|updated|agreed))"
    r"|\b(?:not\s+yet|yet\s+to\s+be)\s+(?:been\s+)?(?:signed|agreed)\b[^.]{0,40}shared[- ]care"
    r"|\b(?:will\s+send|are\s+sending|am\s+sending)\b[^.]{0,40}\bshared[- ]care"
    # "Our shared care agreement is enclosed for you to sign and return", "we enclose our shared care agreement for your
    # consideration"
    r"|\bshared[- ]care\s+(?:agreement|protocol)\b[^.\n]{0,30}\benclosed\b[^.\n]{0,20}\b(?:to\s+sign|for\s+(?:you\s+to\s+sign|"
    r"signature|your\s+(?:signature|consideration|agreement)))"
    r"|\benclos(?:e|ed|ing)\b[^.\n]{0,20}\bshared[- ]care\s+(?:agreement|protocol)\b[^.\n]{0,20}\b(?:for\s+your\s+(?:consideration|"
    r"signature|agreement)|to\s+sign|for\s+signature)"
    # "Once you are on a stable dose, we will ask your GP to take over prescribing under the shared care agreement"
    r"|\b(?:we|i)\s+will\s+(?:ask|write\s+to|contact)\s+(?:your|the|his|her|their)\s+(?:gp|practice|surgery)\b[^.\n]{0,40}"
    r"\btake\s+over\b[^.\n]{0,60}\bshared[- ]care"
    # "please prescribe the methotrexate until the rheumatology shared care agreement is completed"
    r"|\buntil\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,2}shared[- ]care\s+(?:agreement\s+|protocol\s+|arrangement\s+)?(?:is|has\s+been)\s+"
    r"(?:completed|signed|agreed|in\s+place|finali[sz]ed|set\s+up|sent)"
    # "no shared care agreement has been signed with the practice yet", "prescribed without a shared care agreement"
    # (but "no shared care agreement is needed" says the drug needs none)
    r"|\b(?:no|without\s+(?:a|any))\s+(?:formal\s+|signed\s+)?shared[- ]care\b(?![^.;]{0,40}\b(?:needed|required|necessary)\b)",
    re.I,
)

# a request that says its own drug is outside the agreement the letter names for another ("Melatonin is amber ... and is
# not covered by our shared care agreement, but I would be grateful if you could take over prescribing"); said of
# another drug, it leaves this request's agreement as it is, so it is read in the request, not across the letter
NOT_UNDER_THE_AGREEMENT = gated(
    r"\bnot\s+(?:covered\s+by|part\s+of|included\s+in|under)\s+(?:a|any|our|the|this|that)\s+(?:[\w-]+\s+){0,2}"
    r"shared[- ]care\b",
    re.I,
)

# --- verdict cues -------------------------------------------------------------------------

URGENT_START = gated(
    r"\b(?:today|tomorrow|urgent(?:ly)?|straight\s+away|immediately|as\s+soon\s+as|without\s+delay|asap|same[- ]day|tonight|"
    r"this\s+(?:week|weekend)|right\s+away|at\s+once|this\s+(?:afternoon|morning|evening)|as\s+a\s+matter\s+of\s+(?:urgency|priority))\b",
    re.I,
)
NOT_URGENT = gated(
    r"\b(?:not|non|no)[- ](?:urgent|urgently|urgency)\b|\bno\s+rush\b|\bat\s+your\s+convenience\b|(?<!next\s)\broutine\b"
    # "start it at his next routine review" (but "you should not wait for your next routine appointment" is urgent)
    r"|(?<!wait\s)\b(?:at|until)\s+(?:his|her|their|your|the)\s+next\s+routine\b"
    # "he doesn't need to start these today and can see you next week"
    r"|\b(?:doesn't|does\s+not|don't|do\s+not|no)\s+need\s+to\s+(?:start|begin|stop|change|switch)\s+(?:it|these|this|them|the\s+\w+)\s+today\b"
    # "this does not need to start straight away"
    r"|\b(?:doesn't|does\s+not|don't|do\s+not)\s+need\s+to\s+(?:start|begin|be\s+started)\s+(?:today|straight\s+away|immediately|"
    r"right\s+away|at\s+once)\b"
    # "there is no need to start this urgently"
    r"|\bno\s+need\s+to\s+(?:start|begin)\s+(?:it\s+|this\s+|these\s+|them\s+)?(?:urgently|today|straight\s+away|immediately|"
    r"right\s+away)\b"
    # "she has enough at home to continue until you can arrange this", "you have plenty at home"
    r"|\b(?:enough|plenty)\b[^.;]{0,40}\bat\s+home\b|\buntil\s+you\s+(?:can|are\s+able\s+to)\b"
    # "I did not give him a supply today as he wanted to think about it": the patient chose to start later
    r"|\b(?:wanted|wants|wished|wishes|would\s+like|preferred|prefers)\s+(?:some\s+)?(?:time\s+)?to\s+"
    r"(?:think|consider|discuss|read|talk|reflect)\b",
    re.I,
)
START_VERB = gated(r"\b(?:start|starting|commence|commencing|begin|initiate|prescribe|rx|put\s+\w+\s+on)\b", re.I)
_SHORT_SUPPLY = gated(
    # "Lorazepam: GP to prescribe a further seven days, then stop": the rest of the course
    r"\bfurther\s+(?:\w+\s+)?(?:days?|weeks?)\b[^.;]{0,20}\bthen\s+stop\b|"
    # ("if he is remaining on any antiplatelet" is staying on one)
    r"(?<!\bis\s)(?<!\bare\s)(?<!\bwas\s)\bremaining\b(?!\s+(?:on|in|at|well|stable|unchanged)\b)|\bremainder\b|\bfurther\s+(?:\d+|one|two|three|four|five|six)\s+days?\b|\bfurther\s+\d/7\b|\brest\s+of\s+(?:the|his|her|your)\s+(?:[\w-]+\s+){0,2}(?:course|supply|treatment|tablets|antibiotics|medicines?|capsules|injections)\b|\bto\s+complete\s+(?:the|a|his|her)\b"
    r"|\b(?:prescribe|prescription|supply)\s+(?:it\s+|this\s+|them\s+)?from\s+(?:tomorrow|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|\d)"
    r"|\bfrom\s+(?:tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b[^.]{0,20}\.?\s*$"
    r"|\bonly\s+(?:supplied|given|provided|issued)\s+(?:a\s+few|one|two|three|\d)\s+days?\b|\ba\s+few\s+days'?\s+(?:supply|worth)\b"
    # "Oxycodone - limited supply given (10 caps)"
    r"|\b(?:limited|small|short)\s+supply\s+(?:was\s+)?(?:given|supplied|issued|dispensed)\b"
    # "pharmacy closed, no supply given, please prescribe tomorrow"
    r"|\bno\s+(?:supply|tto|tta|medication|medicines|tablets)\s+(?:was\s+|were\s+)?(?:given|supplied|dispensed|issued)\b"
    # "tamsulosin 400mcg OD x 4/52 - not supplied from ED, please prescribe"; "none given in clinic"
    # "We have not supplied any medication from ED: please start aspirin 75 mg OD", "we have not given her any supply"
    r"|\bnot\s+(?:been\s+)?(?:supplied|given|dispensed|issued)\s+(?:(?:him|her|them|you)\s+)?(?:any|a|the)\s+"
    r"(?:medication|medicines|tablets|drugs|tto|tta|supply)\b"
    r"|\bnone\s+(?:supplied|given|dispensed)\b|\bnot\s+(?:supplied|given|dispensed)\s+(?:from|by|in|on|at)\s+(?:the\s+)?"
    r"(?:ed|a&e|ward|clinic|hospital|pharmacy|discharge)\b"
    r"|\bpharmacy\s+(?:was\s+)?closed\b|\bprescribe\s+(?:it\s+|them\s+)?(?:from\s+)?tomorrow\b"
    # "Naseptin cream QDS for 10 days - not in stock in ED pharmacy, GP to prescribe"
    r"|\b(?:not|none|out\s+of)\s+(?:in\s+)?stock\b|\b(?:unable|not\s+able|could\s+not|couldn't)\s+to\s+supply\b"
    r"|\b(?:unable|not\s+able)\s+to\s+(?:dispense|supply)\b"
    # "pharmacy did not include it in his discharge medicines", "no pre-packs left", "could only give him two days'
    # worth", "I have not given her a supply"
    r"|\b(?:did\s+not|didn't)\s+include\s+(?:it|this|them)\s+in\s+(?:his|her|their|the)\s+(?:discharge|tto|take[- ]home)"
    r"|\bno\s+pre-?packs?\b|\bcould\s+only\s+(?:give|supply)\s+(?:him|her|them)?\s*(?:\w+\s+)?days?'?\s+(?:worth|supply)\b"
    r"|\bnot\s+given\s+(?:him|her|them)\s+(?:a|any)\s+supply\b"
    # "pharmacy only able to supply 3 days"; "please continue amlodipine from day 4" (the first three days supplied)
    r"|\bonly\s+(?:been\s+)?able\s+to\s+(?:supply|dispense|give|issue)\s+(?:\w+\s+)?(?:\d|one|two|three|four|five|six)\s+days?\b"
    r"|\bfrom\s+day\s+(?:[2-7]|two|three|four|five|six|seven)\b",
    re.I,
)
# (kept apart so that each part keeps a gate on the fixed text it needs)
_SHORT_SUPPLY_COUNTED = gated(
    # "TTO: furosemide 40 mg OM x 2/7. GP to continue", "the ward only had a 48-hour supply", "nil given on discharge",
    # "spironolactone 25 mg OD new - not dispensed, pt to get from GP"
    r"\btto\b[^.;]{0,60}\bx\s*[1-6]\s*/\s*7\b(?![^.;]{0,20}\bto\s+complete\b)|\b(?:24|36|48|72)[- ]?(?:hours?|hrs?|h)\s+supply\b"
    r"|\bnil\s+(?:given|supplied|dispensed)\b|\bnot\s+dispensed\b|"
    # "please add this to his repeat list, he has 5 days of tablets"
    r"\b(?:he|she|they|you)\s+(?:has|have)\s+(?:only\s+)?(?:[1-6]|one|two|three|four|five|six)\s+days?'?\s+(?:of\s+(?:tablets|capsules|"
    r"medication|medicine|supply|injections|doses)|supply|worth)\b"
    # "Only 48 hours of apixaban were dispensed on discharge"
    r"|\b(?:24|36|48|72)\s*(?:hours?|hrs?)'?\s+(?:of\s+[\w-]+\s+)?(?:supply\s+)?(?:was\s+|were\s+)?(?:supplied|given|dispensed|issued)\b"
    # "he has gone home with five days of each"
    r"|\b(?:gone|went|sent)\s+home\s+with\s+(?:only\s+)?(?:[1-6]|one|two|three|four|five|six)\s+days?\b",
    re.I,
)
SHORT_SUPPLY = Either(_SHORT_SUPPLY, _SHORT_SUPPLY_COUNTED)
# the hospital has already supplied a week or more: "a prescription for the first month from our pharmacy",
# "with 28 days from our pharmacy", "two weeks' supply given"
WEEK_OR_MORE_SUPPLIED = gated(
    # ("a 28-day supply of the new dose from our pharmacy")
    r"\b(?:(?:[7-9]|[1-9]\d)[\s-]*(?:days?|/7)|(?:one|two|three|four|six|a|\d+)[\s-]+(?:weeks?|months?)(?:'s?)?|(?:the\s+)?first\s+"
    r"(?:week|fortnight|month|(?:[7-9]|[1-9]\d)\s+days|\d+\s+weeks)|a\s+(?:fortnight|month))(?:'s?)?\s+(?:supply\s+)?"
    r"(?:of\s+(?:[\w-]+\s+){1,3}?)?"
    r"(?:supplied|supply|given|dispensed|from\s+(?:our|the\s+hospital(?:'s)?|the)\s+(?:pharmacy|dispensary)|tto)\b"
    r"|\bprescription\s+for\s+(?:the\s+)?(?:first\s+)?(?:month|fortnight|\d+\s+(?:days|weeks))\b"
    # "He has been supplied with the remaining aspirin and 28 days of clopidogrel"
    r"|\b(?:supplied|given|dispensed|issued)\s+(?:(?:him|her|them|you)\s+)?(?:with\s+)?(?:[\w-]+\s+){0,6}?"
    r"(?:[7-9]|[1-9]\d)[\s-]*days?(?:'s?)?\s+(?:supply\s+)?of\b",
    re.I,
)
DAYS_SUPPLIED = gated(
    r"\b(\d{1,2}|one|two|three|four|five|six)[\s-]*(?:days?|nights?|/7)(?:'s?)?\s*(?:supplied|supplyd|supply|tto|given|only)\b"
    r"|\bonly\s+(\d{1,2}|one|two|three)\s+(?:days?|nights?)\b"
    # "as we have only given you 3 days"
    r"|\b(?:given|supplied|gave|issued)\s+(?:you|him|her|them)\s+(?:with\s+)?(?:only\s+)?(\d{1,2}|one|two|three|four|five|six)\s+days?\b"
    # "given 3 days from SDEC stock", "supplied 2 days' worth"
    r"|\b(?:given|supplied|issued|dispensed)\s+(?:only\s+)?(\d{1,2}|one|two|three|four|five|six)\s+days?(?:'s?)?\s+"
    r"(?:supply|worth|stock|from\b|tto|tta)"
    # "2 patches supplied (6 days)"
    r"|\b(?:supplied|given|dispensed)\s*\(\s*(\d{1,2}|one|two|three|four|five|six)\s+days?\s*\)"
    # "Patient will need further supply of co-codamol from GP after 3 days"
    r"|\b(?:further|more)\s+(?:supply|supplies|prescriptions?)\b[^.;]{0,50}?\bafter\s+(\d{1,2}|one|two|three|four|five|six)\s+days?\b",
    re.I,
)
# "... and we will review it in clinic": a test the hospital itself will look at, so its own follow-up
HOSPITAL_REVIEWS_IT_IN_CLINIC = (
    # ("I have asked her to get her bloods done at the surgery and will review them in clinic": the writer's subject,
    # carried over "and")
    r"(?:\b(?:we|i)|\band)\s+(?:will|'ll|can)\s+(?:then\s+)?(?:review|look\s+at|discuss|go\s+through|check)\s+(?:it|them|this|these|the\s+results?)"
    r"\s+(?:in|at)\s+(?:the\s+|your\s+|his\s+|her\s+)?(?:next\s+)?(?:clinic|appointment|review|follow[- ]up)\b"
)
PROVIDER_FOLLOW_UP = gated(
    r"\b(?:send|forward|fax|email|copy)\s+(?:me|us)\b|\b(?:send|forward|fax|email|copy)\b[^.]{0,40}\b(?:to\s+(?:me|us|our|the\s+\w+\s+(?:team|secretar\w+|nurses?|clinic))|"
    r"results?\s+to|readings\s+to)\b"
    r"|\bso\s+(?:that\s+)?(?:we|i)\s+can\b|\bso\s+(?:that\s+)?(?:we|i)\s+(?:have|get|see)\s+(?:the\s+|her\s+|his\s+)?(?:results?|report|readings?)\b"
    rf"|{HOSPITAL_REVIEWS_IT_IN_CLINIC}"
    # "... so that the result is ready for my telephone clinic", "the results passed to me"
    r"|\b(?:ready|available|back)\s+(?:for|by|before|in\s+time\s+for)\s+(?:my|our|the)\s+(?:next\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:clinic|appointment|consultation)\b|\bpass(?:ed)?\s+(?:on\s+)?to\s+(?:me|us)\b"
    # "check the operated eye one week after surgery"
    r"|\boperated\s+(?:eye|ear|knee|hip|shoulder|hand|foot|leg|arm|side|site|limb|area)\b"
    r"|\bbefore\s+(?:i|we)\s+(?:see|review)\b|\bbefore\s+(?:his|her|their|the)\s+next\s+"
    r"(?:clinic|appointment|review|visit)\b|\bsurveillance\b"
    # (but "warfarin restarted post-op" says when a medicine went back on, not what the operation needs)
    r"|(?<!started\s)(?<!resumed\s)(?<!held\s)(?<!stopped\s)\bpost[- ]?op\w*\b|\bhealed\b|\bheal\b"
    r"|\b(?:clips?|sutures?|stitch(?:es)?|staples?)\b|\bwound\b|\b(?:the|his|her|skin)\s+graft\b|\b(?:graft|donor)\s+site\b"
    r"|\bre-?\s?refer\w*\b|\brefer\s+(?:\w+\s+)?back\b|\b(?:ros|tor|str|stor)\b"
    r"|\b(?:confirm|check|ensure|document)\s+(?:for\s+)?(?:complete\s+)?resolution\b|\bresolution\s+of\s+the\b"
    # "a repeat chest film about six weeks from now ... to make sure the right lower zone shadowing has cleared"
    r"|\bmake\s+sure\s+(?:that\s+)?(?:the\s+)?(?:[\w-]+\s+){0,4}(?:has|have)\s+(?:cleared|resolved|settled)\b"
    # a fracture the hospital treated: "X-ray at 6 weeks to confirm union"
    r"|\b(?:confirm|check|ensure|document|assess)\s+(?:for\s+)?(?:bony\s+|radiological\s+)?union\b"
    r"|\bfollow[- ]?up\s+(?:ct|mri|scan|x-?ray|cxr|ultrasound|uss|imaging|echo\w*|endoscopy|colonoscopy|ogd|dexa)\b"
    r"|\bhealing\b"
    # "GP to arrange serial growth scans at 28, 32 and 36 weeks"
    r"|\bserial\s+(?:[\w-]+\s+)?(?:scans?|ultrasounds?|imaging|bloods?|tests?|measurements?)\b",
    re.I,
)
# repeating imaging the letter's own service did: the hospital's follow-up, unless the GP asked for the test directly
REPEAT_OWN_IMAGING = gated(
    # (with a time: "repeat CXR in 6 weeks"; "whether she is due a repeat DEXA" is the GP's own review)
    r"\brepeat\s+(?!(?:the\s+|an?\s+|his\s+|her\s+)?(?:dexa|dxa|bone\s+density)\b)(?:the\s+|an?\s+|his\s+|her\s+)?(?:[\w-]+\s+)?(?:(?:[\w-]+\s+)?(?:and|&)\s+)?(?:x-?rays?|xr|cxr|ct|mri|ultrasound|uss|scan|echo\w*|endoscopy|views|"
    # (a sleep study or nerve conduction studies are the specialist's own tests: "Repeat Epworth score and sleep study on CPAP")
    # (but a bone density scan repeated every few years is the practice's own bone health care, unless the result
    # goes back to the hospital: "Given the osteopenia, please arrange a repeat DEXA scan in two years")
    r"ogd|colonoscopy|sleep\s+study|polysomnograph\w*|polygraph\w*|nerve\s+conduction|emg|eeg)\b"
    r"|(?<!dexa )(?<!dxa )\b(?:x-?ray|ct|mri|ultrasound|uss|scan|echo\w*)\s+(?:to\s+be\s+)?repeated\b",
    re.I,
)
ONWARD_RELATED = gated(
    r"\b2\s?ww\b|\btwo[- ]week[- ]wait\b|\burgent(?:ly)?\b|\bsuspicious\b|\bsuspect\w*\b|\bmalignan\w*\b|\bcancer\b|"
    r"\brapid[- ]access\b|\boncolog\w*\b|\bradiotherapy\b|\bchemotherapy\b|\bcancer\s+(?:team|service|clinic|nurses?|mdt)\b|"
    r"\bincidental\s+(?:[\w.]+\s+){0,4}(?:nodule|mass|lesion|finding|opacity|cyst|aneurysm|tumou?r|polyp|collection)\b|\bre\s+(?:the\s+)?(?:cxr|ct|mri|scan)\b"
    r"|\b(?:this|the)\s+(?:admission|attendance|exacerbation|episode|operation|procedure|presentation)\b|\bfollowing\s+(?:this|his|her)\b"
    # ("as she developed arm swelling after her axillary clearance")
    r"|\bpost[- ]?(?:op\w*|turp|surgery|procedure|operative)\b|\bafter\s+(?:his|her|the)\s+(?:[\w-]+\s+){0,2}?(?:operation|surgery|"
    r"procedure|clearance|resection|excision|\w+ectomy|\w+plasty)\b"
    r"|\btreated\s+(?:on|during)\b|(?<!un)\brelated\s+to\s+(?:this|the|his|her)\b|\b(?:stoma|ileostomy|colostomy)\b"
    # "her forefoot pain is part of her rheumatoid disease; please refer her to podiatry": the condition it treats
    r"|(?<!not\s)(?<!n't\s)\b(?:part|a\s+(?:feature|manifestation|complication))\s+of\s+(?:his|her|their)\s+(?:[\w-]+\s+){0,2}"
    r"(?:disease|arthritis|condition|illness|lupus|psoriasis|vasculitis|myeloma|lymphoma)\b"
    r"|\bincidental\b[^.]{0,60}\b(?:on|at)\s+(?:ct|cxr|mri|x-?ray|scan|ultrasound)\b"
    # the finding the hospital itself made: "refer to the nodule clinic for the 9 mm nodule"
    r"|\b(?:assessment|investigation|management|opinion)\s+of\s+(?:this|these|it)\b"
    r"|\b(?:assessment|investigation|management|opinion|evaluation)\s+of\s+(?:the|this)\s+(?:[\w.]+\s+){0,3}(?:nodule|mass|lesion|"
    r"opacity|cyst|aneurysm|polyp|collection|abnormality|shadow)\b"
    r"|\b(?:for|regarding|re|about)\s+(?:the|this)\s+(?:[\w.]+\s+){0,3}(?:nodule|mass|lesion|finding|opacity|cyst|aneurysm|"
    r"polyp|collection|abnormality|shadow)\b",
    re.I,
)
# The writing service's own specialty and the clinics that belong to it: a referral from the letter's specialty to
# one of its own clinics ("Ophthalmology (Cataract Service)" asking for "the hospital eye service glaucoma clinic")
# stays inside the hospital's care. Each pair: the specialty as a letter's heading names it, and its clinics.
OWN_SPECIALTY_SERVICES = [
    (
        # ("Crisis Resolution & Home Treatment Team")
        compiled(
            r"\bmental\s+health\b|\bpsychiatr(?:y|ic|ist)\b|\bcamhs\b|\bcrisis\s+(?:team|service|resolution)\b"
            r"|\bhome\s+treatment\s+team\b"
        ),
        compiled(
            r"\btalking\s+therap\w*|\biapt\b|\bpsycholog(?:y|ical\s+therap\w*|ists?)\b|\bcmht\b|\bcommunity\s+mental\s+health\b|"
            r"\bcrisis\s+(?:team|service)\b|\bcamhs\b"
        ),
    ),
    (
        compiled(
            r"\b(?:clinical\s+)?genetics?\s+(?:service|department|clinic|centre|unit)\b|\bgenomic\w*\s+medicine\b"
        ),
        compiled(
            r"\bfamily\s+history\s+(?:\w+\s+)?(?:clinic|service)\b|\bgenetic\w*\s+(?:clinic|service|counsell\w*)\b"
        ),
    ),
    (
        # ("Optivue Eye Surgery Centre")
        compiled(
            r"\bophthalmolog(?:y|ist|ists)\b|\beye\s+(?:surgery\s+)?(?:unit|department|hospital|clinic|service|centre)"
        ),
        compiled(
            r"\bophthalmolog(?:y|ist|ists)\b|\beye\s+(?:clinic|service|casualty|department|unit)|\bglaucoma\b|\bmedical\s+retina\b|"
            # ("GP to refer for L cataract once R eye settled": the second eye, to the unit that did the first)
            r"\bretinal\s+(?:clinic|service)|\boculoplastic\w*|\bcataracts?\b"
        ),
    ),
    (
        compiled(r"\bdermatolog(?:y|ist|ists|ic\s+(?:clinic|service|team))\b"),
        compiled(
            r"\bdermatolog(?:y|ist|ists|ic\s+(?:clinic|service|team))\b|\bskin\s+(?:cancer|clinic|service|team|mdt|pathway|surgery)\b|\bmohs\b"
        ),
    ),
    (
        compiled(
            r"\bcardiolog(?:y|ist|ists|ic\s+(?:clinic|service|team))\b|\bcardiac\s+(?:unit|centre|department|services?)\b|\bheart\s+(?:unit|centre)\b"
        ),
        compiled(
            r"\bcardiolog(?:y|ist|ists|ic\s+(?:clinic|service|team))\b|\barrhythmia\s+(?:clinic|service|nurses?)\b|\bdevice\s+clinic\b|\bchest\s+pain\s+clinic\b|"
            r"\bheart\s+failure\s+(?:clinic|service|team|nurses?)\b|\bheart\s+valve\s+clinic\b"
        ),
    ),
    (
        compiled(
            r"\bgastroenterolog(?:y|ist|ists|ic\s+(?:clinic|service|team))\b|\bhepatolog(?:y|ist|ists|ic\s+(?:clinic|service|team))\b|\bendoscopy\s+(?:unit|department)\b|\bibd\s+service\b"
        ),
        compiled(
            r"\bgastroenterolog(?:y|ist|ists|ic\s+(?:clinic|service|team))\b|\bgastro\s+(?:clinic|team|service)\b|\bibd\s+(?:team|service|clinic|nurses?)\b|"
            r"\bhepatolog(?:y|ist|ists|ic\s+(?:clinic|service|team))\b|\bliver\s+(?:clinic|service|team)\b"
        ),
    ),
    (
        compiled(r"\brespiratory\s+(?:medicine|department|unit|service|physiology)\b|\bchest\s+(?:clinic|unit)\b"),
        compiled(
            r"\brespiratory\s+(?:clinic|team|service|physicians?|consultants?)\b|\bchest\s+clinic\b|\blung\s+(?:nodule|cancer)\s+"
            r"(?:clinic|service|team|mdt)\b|\bsleep\s+(?:clinic|service)\b"
        ),
    ),
    (
        compiled(r"\bneurolog(?:y|ist|ists|ic\s+(?:clinic|service|team))\b|\bneurosciences?\b"),
        compiled(
            r"\bneurolog(?:y|ist|ists|ic\s+(?:clinic|service|team))\b|\b(?:epilepsy|headache|seizure)\s+(?:specialist\s+)?(?:nurse\s+)?(?:clinic|service|team|nurses?)\b|"
            r"\bmovement\s+disorders?\s+(?:clinic|service)\b|\bms\s+(?:team|nurses?|clinic|service)\b"
        ),
    ),
    (
        compiled(r"\brheumatolog(?:y|ist|ists|ic\s+(?:clinic|service|team))\b"),
        compiled(
            r"\brheumatolog(?:y|ist|ists|ic\s+(?:clinic|service|team))\b|\bearly\s+(?:inflammatory\s+)?arthritis\s+clinic\b"
        ),
    ),
    (
        compiled(r"\burolog(?:y|ist|ists|ic\s+(?:clinic|service|team))\b"),
        compiled(
            r"\burolog(?:y|ist|ists|ic\s+(?:clinic|service|team))\b|\bstone\s+clinic\b|\bhaematuria\s+clinic\b|\bprostate\s+(?:clinic|cancer\s+service)\b"
        ),
    ),
    (
        compiled(
            r"\b(?:ent|otolaryngolog\w*)\s+(?:department|clinic|service|outpatients?|unit)\b|\bear,?\s+nose\s+(?:and|&)\s+throat\b"
        ),
        compiled(
            r"\bent\s+(?:clinic|team|service|department|surgeons?)\b|\botolaryngolog(?:y|ist|ists|ic\s+(?:clinic|service|team))\b|\bhead\s+and\s+neck\s+(?:clinic|service|team)\b"
        ),
    ),
    (
        compiled(
            r"\bendocrinolog(?:y|ist|ists|ic\s+(?:clinic|service|team))\b"
            r"|\bdiabetes\s+(?:(?:and|&)\s+endocrin\w*\s+)?(?:centre|department|service|unit)\b"
        ),
        compiled(
            r"\bendocrinolog(?:y|ist|ists|ic\s+(?:clinic|service|team))\b|\bthyroid\s+clinic\b|\bdiabetes\s+(?:clinic|team|specialist\s+nurses?|service)\b"
            # the diabetes service's own structured education ("the local structured education programme (DESMOND)")
            r"|\bstructured\s+(?:diabetes\s+)?education\b|\b(?:desmond|x-?pert|dafne)\b"
        ),
    ),
    (
        compiled(r"\borthop(?:a)?edic\w*|\btrauma\s+(?:and|&)\s+orthop"),
        compiled(
            r"\borthop(?:a)?edic\w*|\bfracture\s+clinic\b|\b(?:hand|knee|hip|spinal|spine|shoulder|foot\s+and\s+ankle)\s+"
            r"(?:clinic|surgeons?|team|service)\b"
        ),
    ),
    (
        compiled(r"\bgyna?ecolog(?:y|ist|ists|ic\s+(?:clinic|service|team))\b|\bwomen'?s\s+(?:health|services)\b"),
        compiled(
            r"\bgyna?ecolog(?:y|ist|ists|ic\s+(?:clinic|service|team))\b|\bcolposcopy\b|\bmenopause\s+clinic\b|\bpost-?menopausal\s+bleeding\s+clinic\b"
        ),
    ),
    (
        compiled(
            r"\brenal\s+(?:medicine|unit|department|service)\b|\bnephrolog(?:y|ist|ists|ic\s+(?:clinic|service|team))\b"
        ),
        compiled(
            r"\brenal\s+(?:clinic|team|service|physicians?)\b|\bnephrolog(?:y|ist|ists|ic\s+(?:clinic|service|team))\b|\bkidney\s+(?:clinic|team|service)\b"
        ),
    ),
    (
        compiled(r"\bhaematolog(?:y|ist|ists|ic\s+(?:clinic|service|team))\b"),
        compiled(r"\bhaematolog(?:y|ist|ists|ic\s+(?:clinic|service|team))\b"),
    ),
    (
        compiled(r"\bstroke\s+(?:unit|service|medicine|team)\b|\btia\s+(?:clinic|service)\b"),
        compiled(r"\bstroke\s+(?:clinic|team|service|prevention)\b|\btia\s+clinic\b"),
    ),
    (
        compiled(r"\bvascular\s+(?:surgery|unit|department|service)\b"),
        compiled(r"\bvascular\s+(?:clinic|surgeons?|team|service)\b|\baaa\s+(?:clinic|surveillance)\b"),
    ),
    (
        compiled(r"\bbreast\s+(?:unit|surgery|service|clinic|centre)\b"),
        compiled(r"\bbreast\s+(?:clinic|surgeons?|team|service|unit)\b"),
    ),
    (
        compiled(r"\bcolorectal\s+(?:surgery|unit|service|department)\b"),
        compiled(r"\bcolorectal\s+(?:clinic|surgeons?|team|service)\b|\blower\s+gi\s+(?:clinic|team|service)\b"),
    ),
]

# Services that follow from the condition a patient was admitted or seen with: a referral to one of
# these, in a letter about that condition, is related to it and so the hospital's to make (SC8).
# Each pair: the service as a letter names it, and the condition that makes it part of this care.
RELATED_SERVICES = [
    (
        compiled(
            r"\bcardiac\s+rehab\w*\b|\b(?:heart\s+failure|hf)\s+(?:specialist\s+)?(?:nurse|team|service|clinic|rehab)\w*\b",
            re.I,
        ),
        compiled(
            r"\b(?:n?stemi|acs|myocardial\s+infarct\w*|heart\s+attack|pci|stent\w*|cabg|angina|heart\s+failure|"
            r"lvsd|cardiac\s+arrest|coronary\s+artery\s+bypass|bypass\s+graft\w*|(?:coronary|surgical)\s+revasculari[sz]ation)\b",
            re.I,
        ),
    ),
    (
        # ("the community falls and physiotherapy service")
        compiled(r"\bfalls?\s+(?:(?:and|&)\s+[\w-]+\s+)?(?:clinic|service|team|assessment|prevention)\b", re.I),
        compiled(r"\bfall(?:s|en)?\b|\bfell\b|\bfractur\w*\b|\b#\s?(?:nof|neck\s+of\s+femur)\b|\bsyncop\w*\b", re.I),
    ),
    (
        compiled(
            r"\bsalt\b|\bslt\b|\bspeech\s+(?:and|&)\s+language\b|\borthoptic\w*\b|\bvisual\s+fields?\b|\b(?:stroke|tia)\s+(?:\w+\s+)?(?:clinic|service|team|esd)\b|\besd\b",
            re.I,
        ),
        compiled(
            r"\bstroke\b|\bcva\b|\btia\b|\btransient\s+isch\w*\s+attack\b|\bdysphagia\b|\bswallow\w*\b|\bdysarthri\w*\b|\baphasi\w*\b",
            re.I,
        ),
    ),
    (
        # (home oxygen assessment for the hypoxaemia of the COPD the team treats)
        compiled(
            r"\bpulmonary\s+rehab\w*\b|\bcopd\s+(?:team|service|nurse)\w*\b|\bhome\s+oxygen\s+(?:assessment|service|team)\b"
            r"|\bhos-?ar\b|\boxygen\s+assessment\b",
            re.I,
        ),
        compiled(r"\bcopd\b|\bexacerbation\b|\bbronchiectasis\b", re.I),
    ),
]
RELATED_SERVICES += [
    # mental health follow-up after an overdose or self-harm the emergency department saw
    (
        compiled(r"\b(?:cmht|community\s+mental\s+health\s+(?:team|service)|psychiatr\w+|crisis\s+team)\b", re.I),
        compiled(
            r"\boverdose\b|\bself[- ]harm\w*\b|\bsuicid\w*\b|\bpsychos[ie]s\b|\bpsychotic\b|\bliaison\s+psychiatr", re.I
        ),
    ),
    # the foot team for a diabetic foot the hospital is treating
    (
        compiled(r"\bpodiatr\w*\b|\bfoot\s+(?:protection|care)\s+(?:team|service|clinic)\b", re.I),
        # (a foot the diabetes team found at high risk: "callus, absent pulses -> HIGH RISK foot")
        compiled(
            r"\b(?:diabetic\s+)?foot\s+ulcer\w*\b|\bcharcot\b|\bdiabetic\s+foot\b|\bosteomyelitis\b"
            r"|\bhigh[- ]risk\s+(?:diabetic\s+)?foot\b",
            re.I,
        ),
    ),
    # limb fitting after the amputation the hospital performed
    (
        compiled(r"\blimb\s+(?:fitting|centre)\b|\bprosthe(?:tic|sis|tist)\w*\b|\bdisablement\s+services?\b", re.I),
        compiled(r"\bamputat\w*|\bamputee\b|\bstump\b|\b(?:b|a)kas?\b|\b(?:above|below|through)[- ]knee\b", re.I),
    ),
    # stoma care after the operation that made the stoma
    (
        compiled(r"\bstoma\s+(?:care\s+)?(?:nurses?|team|service)\b", re.I),
        compiled(r"\bstoma\b|\b(?:ileo|colo|uro)stomy\b|\bhartmann", re.I),
    ),
    # bone health after a fragility fracture
    (
        compiled(
            r"\bfracture\s+liaison\b|\bfls\b|\bbone\s+health\s+(?:clinic|service|team)\b|\bosteoporosis\s+(?:clinic|service)\b",
            re.I,
        ),
        compiled(r"\bfragility\b|\blow[- ](?:trauma|energy)\b|\bfractur\w*\b|#", re.I),
    ),
    # the diabetes team for diabetes the admission found or decompensated
    (
        compiled(r"\bdiabetes\s+(?:specialist\s+)?(?:nurses?|team|service|clinic)\b|\bdsn\b", re.I),
        compiled(
            r"\bdka\b|\bketoacidosis\b|\bhhs\b|\bhyperosmolar\b|\bnew(?:ly)?[- ]diagnosed\s+(?:type\s+[12]\s+)?diabetes\b",
            re.I,
        ),
    ),
    # the continence service for the leakage of the bladder outflow obstruction, or the prostate operation, the
    # urologists treat (not for a long-standing incontinence listed among other conditions)
    (
        compiled(r"\b(?:continence|incontinence)\s+(?:service|team|clinic|nurses?|advis\w+)\b", re.I),
        compiled(
            r"\bbladder\s+outflow\s+obstruct\w*|\bbenign\s+prostatic\b|\bturp\b|\bprostatectomy\b|\bneurogenic\s+bladder\b",
            re.I,
        ),
    ),
    # neurological physiotherapy or rehabilitation for the stroke or neurological disease the hospital treats
    (
        compiled(r"\bneuro[- ]?(?:logical\s+)?(?:physio\w*|rehab\w*)", re.I),
        compiled(
            r"\bstroke\b|\bcva\b|\binfarct\b|\bmultiple\s+sclerosis\b|\bparkinson\w*|\bbrain\s+injury\b|\bguillain",
            re.I,
        ),
    ),
    # physiotherapy for the spinal or soft-tissue diagnosis the hospital's musculoskeletal clinic made
    (
        compiled(r"\bphysio\w*\b", re.I),
        compiled(
            r"\bradiculopath\w*|\bsciatica\b|\bdis[ck]\s+(?:protrusion|prolapse|herniation|bulge)\b|\bspinal\s+stenosis\b"
            r"|\brotator\s+cuff\b|\bfrozen\s+shoulder\b|\badhesive\s+capsulitis\b|\btendinopath\w*|\bacl\b|\bmeniscal\b",
            re.I,
        ),
    ),
    # physiotherapy for the fracture or joint the hospital operated on
    (
        compiled(r"\bphysio\w*\b", re.I),
        compiled(
            r"\b(?:hip|knee|shoulder)\s+replacement\b|\barthroplasty\b|\b[tu]?[hk]r\b|\borif\b|\bfixation\b", re.I
        ),
    ),
    # hand therapy after the hospital's hand surgery or hand fracture
    (
        compiled(
            r"\bhand\s+(?:therap\w*|physio\w*|rehab\w*)|\bhand\s+(?:and\s+)?(?:upper\s+limb\s+)?(?:unit|clinic)\b", re.I
        ),
        compiled(
            r"\bcarpal\s+tunnel\s+(?:release|decompression)\b|\bctd\b|\btrigger\s+(?:finger|thumb)\s+release\b"
            r"|\bdupuytren\w*|\bfasciectomy\b|\btendon\s+repair\b|\b(?:metacarpal|scaphoid|phalan\w+|distal\s+radius|wrist)\s+"
            r"fractur\w*|\b(?:orif|k-?wires?)\b",
            re.I,
        ),
    ),
    # lymphoedema after the hospital's cancer surgery
    (
        compiled(r"\blymphoedema\s+(?:clinic|service|team|nurses?)\b", re.I),
        compiled(r"\bmastectomy\b|\baxillary\b|\blymph\s+node\s+(?:clearance|dissection)\b", re.I),
    ),
]
RELATED_SERVICES += [
    # urology for the ureteric stone the emergency department or ward treated
    (
        compiled(r"\burolog\w*", re.I),
        compiled(
            r"\brenal\s+colic\b|\bureteric\s+(?:stone|calculus|calculi|colic)\b|\b(?:kidney|renal|vuj|puj)\s+stones?\b",
            re.I,
        ),
    ),
    # the fracture clinic for the fracture the emergency department saw
    (
        compiled(r"\bfracture\s+clinic\b|\bvirtual\s+fracture\b|\bvfc\b", re.I),
        compiled(r"\bfractur\w*|#|\bbroken\b|\bdislocat\w*|\bavulsion\b", re.I),
    ),
    # the allergy clinic after the anaphylaxis the emergency department treated
    (
        compiled(r"\b(?:allergy|immunology)\s+(?:clinic|service|team)\b", re.I),
        compiled(r"\banaphyla\w*|\bangio-?o?edema\b", re.I),
    ),
    # the asthma or respiratory nurses after an admission with the asthma or COPD they treated
    (
        compiled(
            r"\b(?:respiratory|asthma|copd)\s+(?:nurse\s+specialists?|specialist\s+nurses?|nurses?|team|clinic)\b", re.I
        ),
        compiled(r"\basthma\b|\bcopd\b|\bexacerbation\b|\bbronchiectasis\b", re.I),
    ),
    # the alcohol service after an admission with alcohol withdrawal or alcohol-related liver disease
    (
        compiled(
            r"\b(?:community\s+)?(?:alcohol|drug\s+and\s+alcohol|substance\s+misuse|addiction)\s+(?:service|team|nurses?)\b",
            re.I,
        ),
        compiled(
            r"\balcohol(?:ic)?[\s-]+(?:withdrawal|hepatitis|related|liver|excess|dependence|use\s+disorder)"
            r"|\bdelirium\s+tremens\b|\bwernicke|\barld\b",
            re.I,
        ),
    ),
]
RELATED_SERVICES += [
    # clinical genetics for the family history that the cancer or heart condition the hospital treats brings up
    (
        compiled(
            r"\b(?:clinical\s+|cancer\s+|regional\s+)?genetic\w*\s+(?:service|clinic|team|department|counsell\w*|testing)\b"
            r"|\bfamilial\s+(?:cancer|cardiac|heart)\s+(?:clinic|service)\b",
            re.I,
        ),
        compiled(
            r"\bcarcinoma\b|\bcancer\b|\bmelanoma\b|\bbrca\d?\b|\blynch\b|\bpolyposis\b|\bcardiomyopath\w*\b"
            r"|\baortic\s+dissection\b|\bsudden\s+cardiac\s+death\b|\blong\s+qt\b",
            re.I,
        ),
    ),
    # the skin cancer services for the melanoma or skin cancer the hospital diagnosed
    (
        compiled(
            r"\bpigmented\s+lesion\s+(?:clinic|service)\b|\bskin\s+cancer\s+(?:clinic|service|team|mdt|surveillance)\b"
            r"|\bdermatolog\w*\b[^.;]{0,40}\bsurveillance\b",
            re.I,
        ),
        compiled(r"\bmelanoma\b|\blentigo\s+maligna\b|\bsquamous\s+cell\s+carcinoma\b|\bmerkel\b", re.I),
    ),
    # eye screening for the hydroxychloroquine, or the eye disease of the condition, the hospital treats
    (
        compiled(
            r"\bophthalmolog\w*\b|\beye\s+(?:clinic|service|department|casualty)\b|\bretinal\s+(?:screening|monitoring)\b",
            re.I,
        ),
        compiled(
            r"\bhydroxychloroquine\b|\bgiant\s+cell\s+arteritis\b|\bthyroid\s+eye\b|\bgraves'?\s+(?:orbito|ophthalmo)pathy\b",
            re.I,
        ),
    ),
    # the dietitian for a condition whose treatment is a diet
    (
        compiled(r"\bdietitians?\b|\bdietetic\w*\b|\bnutrition\s+(?:team|service|nurses?)\b", re.I),
        compiled(
            r"\bcoeliac\b|\bcrohn'?s?\b|\bcolitis\b|\bibd\b|\bshort\s+bowel\b|\bfood\s+allerg\w*\b|\b(?:peanut|nut|milk|egg)\s+"
            r"allerg\w*\b|\bcmpa\b|\bmalnutrition\b|\bmalnourish\w*\b|\bpancreatitis\b|\bgastroparesis\b|\bphenylketon\w*\b"
            # the diet that keeps kidney stones from coming back
            r"|\b(?:kidney|renal|ureteric|urinary)\s+(?:stones?|calcul\w+)\b|\b(?:nephro|uro)lithiasis\b",
            re.I,
        ),
    ),
    # ENT for the asymmetric or sudden hearing loss the audiology department found
    (
        compiled(r"\bent\b|\bear,?\s+nose\s+and\s+throat\b|\botolaryngolog\w*\b", re.I),
        compiled(
            # ("Interaural asymmetry of 20-25 dB" says it in a report's words)
            r"\b(?:asymmetric\w*|sudden|unilateral)\s+(?:sensorineural\s+)?(?:hearing\s+loss|snhl|tinnitus)\b"
            r"|\b(?:interaural\s+)?asymmetry\b(?:[^.;]|\.(?=\d)){0,30}\b(?:db|hearing|thresholds?)\b",
            re.I,
        ),
    ),
    # the surgeons for the gallstones the hospital treated ("GP to refer to upper GI surgeons for consideration of lap chole")
    (
        compiled(
            r"\b(?:upper\s+gi|hepato-?biliary|hpb|biliary)\s+(?:surg\w+|team|clinic|service)\b|\bcholecystectomy\b"
            r"|\blap(?:aroscopic)?\.?\s+chole\w*",
            re.I,
        ),
        compiled(r"\bbiliary\s+colic\b|\bgall\s?stones?\b|\bcholecystitis\b|\bcholelithiasis\b|\bcholangitis\b", re.I),
    ),
    # the bladder and bowel service for the constipation or wetting the children's clinic treats
    (
        compiled(r"\b(?:bladder\s+(?:and|&)\s+bowel|continence)\s+(?:service|team|nurses?|clinic)\b", re.I),
        compiled(
            r"\bconstipation\b|\bsoiling\b|\benuresis\b|\bbed[- ]?wetting\b|\bfaecal\s+impaction\b|\bdisimpaction\b",
            re.I,
        ),
    ),
    # audiology for the hearing loss the ENT examination found ("Imp: otitis externa + conductive loss L")
    (
        compiled(r"\baudiolog\w*\b|\bhearing\s+(?:assessment|test|clinic|aids?\s+(?:clinic|service))\b", re.I),
        compiled(r"\b(?:conductive|sensorineural|mixed)\s+(?:hearing\s+)?(?:loss|deafness)\b|\bsnhl\b", re.I),
    ),
    # occupational therapy for the function the admission took away
    (
        compiled(r"\boccupational\s+therap\w*\b|\bhome\s+(?:safety\s+)?assessment\b", re.I),
        compiled(r"\bfall(?:s|en)?\b|\bfell\b|\bfractur\w*\b|\bfrailty\b|\bstroke\b|\bdecondition\w*\b", re.I),
    ),
    # palliative care for the cancer the hospital is treating
    (
        compiled(r"\bpalliative\s+(?:care\s+)?(?:team|service|nurses?|care)\b|\bhospice\b|\bmacmillan\b", re.I),
        compiled(
            r"\bcancer\b|\bcarcinoma\b|\bmalignan\w*\b|\bmetasta\w*\b|\blymphoma\b|\bmyeloma\b|\bleukaemia\b", re.I
        ),
    ),
]
# After-care of the hospital's own operation or procedure: removing clips or sutures, a trial without
# the catheter it placed. Follow-up its own care needs (provider_follow_up), whatever words ask for it.
# the care of a line the hospital placed for its own treatment: "The PICC line will need flushing and the dressing
# changing once a week between cycles; please could your practice nurse do this" (a pattern of its own, so that
# AFTERCARE keeps its gate)
_LINE_CARE = gated(
    r"\b(?:picc|hickman|portacath|port-a-cath|central\s+venous)(?:\s+line)?\b[^.;]{0,40}?\b(?:flush\w*|dressings?)\b"
    r"|\bflush\w*\s+(?:of\s+)?(?:the\s+|his\s+|her\s+)?(?:picc|hickman|portacath|port-a-cath)\b",
    re.I,
)
_WOUND_AFTERCARE = gated(
    # ("Please can his stitches be removed at the surgery next Friday")
    r"\b(?:clips?|sutures?|stitch(?:es)?|staples?)\s+(?:out|off|removal|removed|(?:to\s+)?be\s+(?:removed|taken\s+out)|to\s+come\s+out)\b"
    r"|\b(?:clips?|sutures?|stitch(?:es)?|staples?)\s+(?:will\s+)?(?:need|needs|have|has)\s+to\s+(?:come\s+out|be\s+(?:removed|taken\s+out))\b"
    r"|\b(?:clips?|sutures?|stitch(?:es)?|staples?)\s+(?:will\s+)?(?:need|needs)\s+(?:removing|removal|taking\s+out)\b"
    # "Skin clips: these will need removing on 7 March"
    r"|\b(?:clips?|sutures?|stitch(?:es)?|staples?)\s*[:,-]\s*(?:these|they|this|it)\s+(?:will\s+)?(?:need|needs)\s+"
    r"(?:removing|removal|taking\s+out|to\s+be\s+removed)\b"
    r"|\bremov\w*\s+(?:of\s+)?(?:the\s+|her\s+|his\s+)?(?:clips?|sutures?|stitch(?:es)?|staples?)\b"
    # after nasal surgery or a nosebleed: "Practice nurse to remove the Doyle splints on day 7", "Please remove the Rapid
    # Rhino pack at the surgery in 48 hrs"
    r"|\bremov\w*\s+(?:of\s+)?(?:the\s+|her\s+|his\s+)?(?:[\w-]+\s+){0,2}?(?:splints?|packs?|packing|tampons?)\b"
    # a fracture the hospital put in plaster: "Cast check at GP practice in 1/52 please"
    r"|\b(?:cast|plaster|backslab|pop)\s+check\b|\bcheck\s+(?:the\s+|his\s+|her\s+)?(?:cast|plaster|backslab)\b"
    # "GP/DN to take out the clips on day 12"
    r"|\btak(?:e|ing)\s+(?:out\s+)?(?:the\s+|her\s+|his\s+|their\s+)?(?:clips?|sutures?|stitch(?:es)?|staples?)\b"
    r"|\btwoc\b|\btrial\s+without\s+(?:a\s+)?catheter\b"
    # "check the operated eye one week after surgery"
    r"|\b(?:check|review|examine|look\s+at)\s+(?:the\s+|his\s+|her\s+)?operated\s+(?:eye|ear|knee|hip|shoulder|hand|foot|leg|arm|side|site|limb)\b"
    # shorthand for removal of sutures: "ROS at practice nurse d10", "STOR at practice nurse 10/7"
    r"|\b(?:ros|stor)\s+(?:at|by|with|in|on|d\d|day|\d)"
    # "check the donor site when she changes the dressing": the hospital's graft or incision
    # ("Practice nurse to check port sites at day 7": the laparoscopy's wounds)
    r"|\b(?:check|inspect|look\s+at)\s+(?:the\s+|his\s+|her\s+)?(?:skin\s+graft|graft\s+site|donor\s+site|incisions?|"
    r"port\s+sites?)\b"
    # "Chin sutures: please arrange for these to be removed at the practice on day 5-7"
    r"|\b(?:clips?|sutures?|stitch(?:es)?|staples?)\b[^.]{0,80}\b(?:(?:these|them|they)\s+(?:to\s+be\s+|be\s+|are\s+|"
    r"will\s+need\s+to\s+be\s+)?(?:removed|taken\s+out)|remov\w*\s+(?:these|them))\b"
    # the stitches named, then their removal a few words on: "14 clips - for removal day 10 by practice nurse", "Clips:
    # remove day 12-14 post-op", "Non-absorbable suture to umbilicus - please book with practice nurse for removal"
    r"|\b(?:clips?|sutures?|stitch(?:es)?|staples?)\b[^.;]{0,50}?\b(?:for\s+removal|remove|removal)\b"
    r"|\b(?:catheter|drain|dressing|packing|stent)s?\s+(?:will\s+)?(?:need|needs|to)\s+(?:to\s+)?(?:be\s+)?(?:removed|come\s+out|changed)\b"
    r"|\bremov\w*\s+(?:of\s+)?(?:the\s+|her\s+|his\s+)?(?:(?:jj|ureteric|double[- ]j)\s+)?(?:catheter|drain|packing|stent)\b"
    # "arrange for stent removal in the urology department": a stent the hospital placed comes out at the hospital
    r"|\bstent\s+(?:removal|change|exchange)\b|\b(?:catheter|drain)\s+removal\b",
    re.I,
)
# "Please check the post-op wound at day 10": the operation's wound, checked (kept apart so that each part keeps its gate)
_OPERATION_WOUND_CHECKED = gated(
    r"\b(?:check|inspect)\s+(?:the\s+|her\s+|his\s+|their\s+)?(?:post-?op(?:erative)?|surgical)\s+(?:wound|incision|scar)s?\b",
    re.I,
)
AFTERCARE = Either(_WOUND_AFTERCARE, _LINE_CARE, _OPERATION_WOUND_CHECKED)
# The result goes to a hospital team that acts on it: the test is part of the hospital's own care.
RESULT_TO_HOSPITAL_TEAM = gated(
    # ("results to Miss Trevanion's secretary")
    r"\bresults?\s+(?:\w+\s+|to\s+be\s+(?:sent|forwarded|copied|emailed|faxed)\s+)?to\s+(?:the\s+|our\s+)?(?:[\w&']+\s+){0,3}(?:team|cns|dsns?|nurses?|nurse\s+specialists?|clinic|"
    r"consultant|registrar|secretar\w*|(?:day|assessment|oncology|haematology)\s+unit)\b"
    # the result comes back to the letter's writer, who acts on it ("sent through to me", "so I can adjust the dose")
    r"|\b(?:sent|send|forwarded|forward|copied|copy|emailed|email)\s+(?:\w+\s+){0,2}to\s+(?:me|us|(?:my|our)\s+(?:[\w-]+\s+)?"
    r"(?:secretar\w+|team|nurses?|clinic|office|inbox))\b"
    r"|\blet\s+(?:me|us)\s+know\s+(?:the\s+)?results?\b[^.]{0,30}\bso\s+(?:that\s+)?(?:i|we)\s+can\b"
    r"|\blet\s+(?:me|us)\s+(?:have|see|know)\s+(?:the\s+|a\s+copy\s+of\s+the\s+)?results?\b"
    # "he will need U&E on Monday and we need that result back from you, as we are deciding on the dose"
    r"|\b(?:we|i)\s+(?:will\s+|would\s+)?(?:need|want|would\s+like)\s+(?:the|that|this|those|these|his|her|their)\s+"
    r"(?:[\w&-]+\s+){0,2}?results?\s+(?:back|sent\s+back|through)\b"
    # "let the vascular team know the creatinine result", "phone the result through to the EPAU"
    r"|\blet\s+(?:the|our)\s+(?:[\w&-]+\s+){0,3}(?:team|unit|clinic|nurses?|ward|department)\s+(?:know|have)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}results?\b"
    r"|\b(?:phone|ring|call|telephone|fax|email)\s+(?:the|this|that|these|those)\s+(?:[\w-]+\s+){0,2}results?\s+(?:through\s+)?to\s+(?:the|our|us|me)\b"
    # "12-lead ECG at surgery, send tracing to EIP for the medical review": sent to a team for its own review
    r"|\b(?:send|sent|forward)\s+(?:the\s+)?(?:tracing|report|results?|films?|ecg)\s+to\s+(?:[\w&'-]+\s+){1,3}?for\s+(?:the|their|its|a)\s+"
    r"(?:[\w-]+\s+)?review\b"
    # "... and we will look at the results in clinic"
    rf"|{HOSPITAL_REVIEWS_IT_IN_CLINIC}",
    re.I,
)
# A hospital specialty or its clinic as the place a referral goes ("refer her to the vascular surgeons", "GP to refer
# to general paediatric OPD", "the Hartfell orthopaedic shoulder clinic"): secondary care, which a hospital that has
# seen the patient refers to itself. Community and open-access services (podiatry, audiology, stop smoking, weight
# management, talking therapies, the memory service) are not here: annotators leave those with the practice.
HOSPITAL_SPECIALTY_TARGET = gated(
    r"\burolog\w*|\borthop(?:a)?edic\w*|\bortho\b|\bent\b|\bophthalmolog\w*|\bcardiolog\w*|\bendocrin\w*"
    r"|\bgastroenterolog\w*|\bgastro\b|\bneurolog\w*|\bneurosurg\w*|\bvascular\b|\brheumatolog\w*|\bhaematolog\w*"
    r"|\bnephrolog\w*|\bhepatolog\w*|\bdermatolog\w*|\bgyn(?:a)?ecolog\w*|\bgynae\b|\borthotic\w*|\bsurgeons?\b"
    r"|\bsurgical\s+(?:team|clinic|opd|outpatients?|review|opinion)\b|\b(?:respiratory|renal|paediatric|hospital)\s+"
    r"(?:\w+\s+)?(?:clinic|team|opd|outpatients?|physicians?|dietitians?|consultants?|department)\b|\bopd\b|\boutpatients?\b"
    r"|\b(?!(?:in|the|our|this|a|next|her|his|your|their|that|same|any|gp|practice)\s)\w+\s+clinic\b"
    r"|\bneuropsycholog\w*|\boncolog\w*|\bmaxillofacial\b|\bmax\s?fax\b|\boral\s+surgery\b|\bplastic\s+surg\w*"
    r"|\bimmunolog\w*|\baudiovestibular\b|\bgeriatricians?\b",
    re.I,
)
NOT_URGENT_REFERRAL = gated(
    r"\bnon-?urgent|\bnot\s+urgent|\bno\s+urgency\b|\bno\s+rush\b"
    # "routine, not 2WW": a named cancer service, asked for routinely
    r"|\bnot\s+(?:a\s+|via\s+(?:the\s+)?)?(?:2\s?ww|two[- ]week[- ]wait|suspected[- ]cancer)\b"
    # "this does not need to be a suspected cancer (2WW) referral"
    r"|\b(?:does|do|need)\s+not\s+(?:need\s+to\s+)?be\s+(?:a|an|made\s+as\s+a)\s+(?:2\s?ww|two[- ]week|suspected[- ]cancer|urgent)\b",
    re.I,
)
# "This is not something we deal with in ENT, but your GP may wish to refer you to the physiotherapy service": a problem
# the clinic says is not its own
NOT_OURS_TO_TREAT = (
    r"\bnot\s+(?:something|a\s+problem|a\s+condition)\s+(?:that\s+)?(?:we|i)\s+(?:deal\s+with|treat|manage|look\s+after)\b"
    r"|\boutside\s+(?:of\s+)?(?:our|the\s+clinic's|this\s+clinic's)\s+(?:remit|specialty|scope)\b"
)
_SAID_TO_BE_UNRELATED = (
    rf"{NOT_OURS_TO_TREAT}|"
    r"\bunrelated\b|\bnot\s+related\b|\bnot\s+connected\b|\bunconnected\b|\bseparate\s+(?:issue|problem|matter|complaint)\b"
    r"|\b(?:quite\s+)?separately\b|\bnothing\s+to\s+do\s+with\b|\bindependent(?:ly)?\s+of\s+(?:her|his|their|the)\b"
)
# a problem the letter calls unrelated, or a referral it calls routine
UNRELATED = gated(
    rf"{_SAID_TO_BE_UNRELATED}|\broutine(?:ly)?\b|\bnon-?urgent(?:ly)?\b|\bnot\s+urgent(?:ly)?\b|\bno\s+urgency\b", re.I
)
# what the sentence before a referral can say of it: "Quite separately, she has hearing loss." (where "routine" there
# is that sentence's own: "arrange routine annual reviews", then "Please refer to the diabetes outpatient clinic")
UNRELATED_BEFORE = gated(_SAID_TO_BE_UNRELATED, re.I)
DNA_LETTER = gated(
    r"\b(?:did\s+not\s+attend|dna'?d?|was\s+not\s+brought|failed\s+to\s+attend|missed\s+(?:(?:her|his|their|one|a)\s+)?"
    r"(?:first\s+|new\s+)?(?:appointment|appt))\b"
    # in a letter to the patient: "You did not come to your flexible cystoscopy", "You missed your appointment with the
    # diabetes dietitian", "patients who do not attend are discharged back to the care of their GP"
    r"|\byou\s+(?:did\s+not|didn't)\s+(?:come|attend|arrive)\b|\byou\s+missed\s+your\s+(?:\w+\s+){0,3}?(?:appointment|appt)"
    r"|\bwho\s+(?:do\s+not|don't)\s+attend\s+(?:are|will\s+be)\s+discharged\b"
    # removed from the list for not answering a letter, or not reached by phone: the same discharge for a missed contact
    r"|\b(?:could\s+not|couldn't|were\s+unable\s+to|was\s+unable\s+to|have\s+been\s+unable\s+to)\s+(?:reach|contact|get\s+hold\s+of|"
    r"get\s+through\s+to)\s+(?:him|her|them|the\s+(?:patient|family|parents))\b"
    r"|\b(?:unable|not\s+able)\s+to\s+(?:speak\s+to|make\s+contact|reach|contact)\b"
    r"|\b(?:did\s+not|has\s+not|failed\s+to)\s+(?:respond|reply)\s+to\s+(?:our|the|a)\s+(?:\w+\s+)?(?:letter|invitation|contact|"
    r"text|message)s?\b"
    # "She was discharged from our rheumatology clinic in November after not attending"
    r"|\b(?:after|following|for|because\s+of|due\s+to)\s+(?:not\s+attending|non-?attendance)\b",
    re.I,
)

# A finding the hospital suspects is cancer (in the sentence before a referral request): the referral is then the
# hospital's to make (RULES.md onward_referral), whatever words the request itself uses.
SUSPECTED_FINDING = gated(
    r"\bsuspicious\b|\bsinister\b|\bsuspect(?:ed)?\s+(?:\w+\s+){0,2}(?:cancer|malignan\w*|melanoma|lymphoma|tumour|carcinoma)"
    r"|\bconcerning\s+for\b|\bconcern(?:ed)?\s+(?:for|about|that)\s+(?:\w+\s+){0,3}(?:cancer|malignan\w*|melanoma)"
    r"|\bmalignan\w*|\bmelanoma\b|\blymphoma\b|\bcarcinoma\b|\bred[- ]flag|\?\s*(?:ca|malignancy|melanoma)\b"
    r"|\b2\s?ww\b|\btwo[- ]week[- ]wait",
    re.I,
)
# A finding the hospital's own test or examination made (not one the patient reported): "The ECG showed a new left
# bundle branch block", "she was found to have a calcium of 2.9", "We noted his intraocular pressure was 26". A
# referral for it follows from the hospital's own work (RULES.md: "Incidental thyroid nodule on CT: GP to refer").
HOSPITAL_FINDING = gated(
    r"\b(?:ecg|ct|ctpa|mri|scan|x-?ray|cxr|echo\w*|ultrasound|uss|bloods?|blood\s+tests?|endoscopy|colonoscopy|ogd|biopsy|dexa|"
    r"spirometry|urinalysis|urine\s+dip)\b[^.;]{0,40}\b(?:showed|shows|revealed|reveals|demonstrated|found|identified|detected|"
    r"(?:also\s+)?reported)\s+"
    r"(?!(?:no|nothing|normal|only|a\s+normal|sinus\s+rhythm|unremarkable|nad)\b)"
    r"|\b(?:was|were|is|are)\s+found\s+to\s+(?:have|be)\b"
    r"|\b(?:we|i)\s+(?:also\s+)?(?:noted|found|noticed|identified|detected|picked\s+up)\b"
    r"|\bon\s+examination\b[^.;]{0,30}\b(?:noted|found|there\s+(?:was|is))\b"
    # "(cognitive impairment noted on ward)", "found during this admission"
    r"|\b(?:noted|found|identified|detected|picked\s+up)\s+(?:on|during|at|in)\s+(?:the\s+|this\s+)?(?:ward|admission|stay|clinic|"
    r"examination|scan|ct|mri|x-?ray|endoscopy)\b",
    re.I,
)
# services in the community for health and lifestyle, which a hospital finding does not make the hospital's to refer to
COMMUNITY_LIFESTYLE_SERVICE = gated(
    r"\b(?:stop[- ]smoking|smoking\s+cessation|weight\s+management|talking\s+therap\w*|iapt|social\s+prescrib\w*|counsell\w*|"
    r"exercise\s+(?:on\s+)?referral|health\s+visitor|health\s+trainer|alcohol\s+(?:brief|advice)|structured\s+education|desmond|"
    r"dafne|diabetes\s+education)\b",
    re.I,
)
# the patient's own report of a complaint, which makes a referral for it the GP's ordinary business
PATIENT_MENTIONED = gated(
    r"\b(?:mentioned|mentions|complained|complains|reported|reports|told\s+(?:me|us)|tells\s+(?:me|us)|asked\s+about|describes|described)\b"
    r"|\braised\s+(?:the\s+|a\s+)?(?:issue|question|concern|matter)",
    re.I,
)
# telling the patient a result ("let her know the coeliac result", "go through the CT result with him")
TELL_RESULT = gated(
    # ("let Mrs Hollingsworth and her daughter know the result")
    r"\b(?:let\s+(?:him|her|them|the\s+patient|(?:mr|mrs|ms|miss|mx)\s+[\w'-]+)(?:\s+and\s+(?:his|her|their)\s+[\w-]+)?\s+know|"
    r"tell\s+(?:him|her|them)|"
    # a letter to the patient: "your GP will give you the result of the biopsy", "will let you know the results"
    r"let\s+you\s+know|tell\s+you|give\s+(?:you|him|her|them)|"
    # ("GP to inform pt of results")
    r"inform\s+(?:him|her|them|(?:the\s+)?(?:pt|patient)|(?:mr|mrs|ms|miss|mx)\s+[\w'-]+)|go\s+through|discuss|explain|follow\s+up|act\s+on)\b.{0,40}\bresults?\b"
    # "contact Mr Nuttall today to explain the chest X-ray finding"
    r"|\bexplain\s+(?:the|this|these|his|her|their)\s+(?:[\w-]+\s+){0,3}?findings?\b"
    # "it would be helpful if the practice could pass the result on to her carers"
    r"|\bpass\s+(?:the|this|that|these|her|his|their)\s+results?\s+on\b"
    # "I've told him the practice will let him know if anything else turns out positive", "the GP will let them know if
    # she needs antibiotics when it comes back"
    r"|\blet\s+(?:him|her|them)\s+know\s+(?:if|whether|when)\b[^.;]{0,60}?\b(?:turns?\s+out|comes?\s+back|positive|negative|"
    r"abnormal|grows?)\b"
    # "let her know the outcome when the report reaches you", "go through the findings with him once it is reported"
    r"|\b(?:let\s+(?:him|her|them|the\s+patient)\s+know|tell\s+(?:him|her|them)|inform\s+(?:him|her|them)|go\s+through|discuss|"
    r"explain)\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:[\w-]+\s+)?(?:outcome|findings|report|histology|verdict)\b"
    # "let her know the good news that her biopsy was benign"
    r"|\b(?:let\s+(?:him|her|them|the\s+patient)\s+know|tell\s+(?:him|her|them)|inform\s+(?:him|her|them))\b[^.]{0,40}\b(?:biopsy|"
    r"scan|tests?|bloods?|histology|x-?ray|ct|mri|ultrasound|smear|swab|culture)\s+(?:was|were|is|are|showed|shows|came\s+back)\b"
    # "Inform pt of MDT outcome and likely diagnosis": what the hospital's investigations concluded
    # ("Inform patient of diagnosis and MDT outcome (patient not yet aware of histology)")
    r"|\b(?:inform|tell|let)\s+(?:him|her|them|(?:the\s+)?(?:pt|patient))\s+(?:know\s+)?(?:of\s+|about\s+)?(?:the\s+)?"
    r"(?:(?:his\s+|her\s+|their\s+|the\s+)?(?:[\w-]+\s+)?diagnosis\s+(?:and|&)\s+(?:the\s+)?)?"
    r"mdt\s+(?:outcome|decision|discussion)\b",
    re.I,
)
# the letter says the hospital itself ordered a test ("I have requested a coeliac screen", "we arranged a CT")
HOSPITAL_ARRANGED_TEST = gated(
    r"\b(?:i|we)\s+(?:have\s+|had\s+)?(?:also\s+)?(?:requested|arranged|ordered|sent\s+(?:off\s+)?|booked|organised)\b"
    # a monitor fitted, a sample taken by the hospital ("ECG patch – fitted 25/02", "bloods taken on the ward")
    r"|\b(?:patch|monitor|holter|recorder)\b[^.]{0,40}\bfitted\b|\b(?:taken|sent)\s+(?:on\s+the\s+ward|in\s+clinic)\b"
    # "Wound swabs were sent from clinic today", "a sample was taken in the department"
    r"|\b(?:were|was)\s+(?:taken|sent)\s+(?:off\s+)?(?:from|in|at)\s+(?:the\s+|our\s+)?(?:clinic|ward|department|theatre|ed)\b",
    re.I,
)
