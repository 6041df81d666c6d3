#!/usr/bin/env python3
"""Generate a synthetic cahier site for benchmarks (standard library only).

    python3 benches/gen_corpus.py --pages N --out DIR [--seed S] [--hugo DIR2]

Writes DIR/site.yaml and DIR/content/ in the cahier content format
(/work/shared/spec/content-format.md): committees, meetings with inline
```decision blocks, decisions with supersession chains, principles, and wiki
pages in nested folders, some with an English translation. Bodies are French
(English for `.en.md`) prose of about 600 words, with headings, lists, tables
and [[wikilinks]]. Every reference and link points to something that exists,
so the corpus builds without errors.

N counts the Markdown files written (translations and folder `_index.md`
included). The same seed and N always give byte-identical output.

With --hugo DIR2, also writes a Hugo site reading the same Markdown files
(hard links when possible), with a minimal theme, for comparison.
"""

import argparse
import datetime as dt
import json
import functools
import os
import random
import re
import shutil
import sys
import time
import unicodedata

MARKER = ".gen_corpus"

# --------------------------------------------------------------------------
# Slugs, the same way cahier makes them (spec section 10).

_FOLD = {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"}
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=None)
def _fold(ch):
    if ch in _FOLD:
        return _FOLD[ch]
    return "".join(c for c in unicodedata.normalize("NFKD", ch) if c.isascii()) or "-"


@functools.lru_cache(maxsize=1 << 16)
def slug(text):
    """Lowercase, accents folded, runs of other characters turned into one `-`, trimmed."""
    if not text.isascii():
        text = "".join(c if c.isascii() else _fold(c) for c in text)
    return _NON_ALNUM.sub("-", text.lower()).strip("-")


def short_slug(text, limit=48):
    s = slug(text)
    if len(s) <= limit:
        return s
    cut = s[:limit]
    return cut.rsplit("-", 1)[0] if "-" in cut else cut


# --------------------------------------------------------------------------
# Vocabulary.

NOUNS_FR = """la coopérative|l'assemblée générale|le conseil d'administration|le comité de travail|l'équipe
|les sociétaires|les salariés|la direction collégiale|le collectif|l'atelier|la boutique|l'entrepôt|la trésorerie
|le budget annuel|la rémunération|l'échelle des salaires|l'embauche|la formation continue|les congés|le temps partiel
|les horaires|la production|les clients|les fournisseurs|la qualité|la sécurité au travail|l'économie sociale
|l'économie locale|la gouvernance|le mandat|la charte|le règlement intérieur|les statuts|la transparence|l'entraide
|la rotation des tâches|le planning|la comptabilité|les investissements|la réserve impartageable|les excédents
|la ristourne|le prix de vente|les achats groupés|le local|le bail|l'énergie|le chauffage|les déchets|le compost
|le transport|les livraisons|le site internet|la messagerie|les archives|le wiki|la communication externe
|les partenaires|la banque|l'expert-comptable|l'inspection du travail|la médecine du travail|le quartier|la mairie
|les bénévoles|les stagiaires|l'accueil des nouveaux|la période d'essai|le parrainage|la médiation|les conflits
|l'écoute|la prise de décision|le consentement|le vote|le quorum|l'ordre du jour|le compte rendu
|le suivi des décisions|l'évaluation|la stratégie|la croissance|la sobriété|l'autonomie|la solidarité
|l'égalité salariale|la parité|l'outil de travail|les machines|l'entretien|les stocks|l'inventaire|la caisse
|la facturation|les relances|la trésorerie prévisionnelle|le fonds de roulement|les subventions|le prêt bancaire
|les parts sociales|le capital|l'assurance|le contrat de travail|la convention collective|les heures supplémentaires
|le télétravail|la cantine|le jardin|l'éducation populaire|l'histoire de la coopérative|les anciens
|la mémoire collective|l'hygiène|la chaîne du froid|les emballages|la logistique|le fichier des adhérents
|la cotisation|le fonds de solidarité|la coopération entre coopératives|l'union régionale|le réseau|la fédération
|les tarifs solidaires|la comptabilité analytique|le bilan|le compte de résultat|l'affectation du résultat
|la révision coopérative|le commissaire aux comptes|la caution|les dons|le mécénat|l'œuvre commune|la sous-traitance
|le cahier des charges|la charte graphique|la lettre d'information|les réseaux sociaux|la veille|l'innovation
|le prototype|la recherche|les brevets|la propriété intellectuelle|le logiciel libre|le serveur|les sauvegardes
|les mots de passe|le matériel informatique|le véhicule|le carburant|le stationnement|les clés|l'alarme
|la fermeture annuelle|la permanence|l'astreinte|le remplacement|l'absence|la maladie|la maternité|la paternité
|le retour au travail|l'ancienneté|la prime d'intéressement|le treizième mois|les tickets-restaurant|la mutuelle
|la prévoyance|la retraite|le départ|la rupture conventionnelle|le licenciement|l'exclusion|la réintégration""".split("|")
NOUNS_FR = [n.strip() for n in NOUNS_FR]

SUBJ_S_FR = """le comité|l'assemblée|la commission finances|l'équipe de l'atelier|le groupe de travail|chaque membre
|la coordinatrice|le trésorier|la cogérance|le collectif|le conseil|la secrétaire|le référent sécurité
|la commission d'embauche|l'équipe d'accueil|le bureau""".split("|")
SUBJ_S_FR = [n.strip() for n in SUBJ_S_FR]
SUBJ_P_FR = ["les membres", "les salariés", "les sociétaires", "les référents", "les commissions",
             "les nouveaux arrivants", "les équipes", "les délégués", "les anciens", "les associés"]

VERBS_FR = [  # (il, ils, participe passé, infinitif)
    ("propose", "proposent", "proposé", "proposer"), ("examine", "examinent", "examiné", "examiner"),
    ("valide", "valident", "validé", "valider"), ("prépare", "préparent", "préparé", "préparer"),
    ("révise", "révisent", "révisé", "réviser"), ("rappelle", "rappellent", "rappelé", "rappeler"),
    ("précise", "précisent", "précisé", "préciser"), ("soutient", "soutiennent", "soutenu", "soutenir"),
    ("réorganise", "réorganisent", "réorganisé", "réorganiser"), ("simplifie", "simplifient", "simplifié", "simplifier"),
    ("encadre", "encadrent", "encadré", "encadrer"), ("finance", "financent", "financé", "financer"),
    ("documente", "documentent", "documenté", "documenter"), ("évalue", "évaluent", "évalué", "évaluer"),
    ("reporte", "reportent", "reporté", "reporter"), ("suspend", "suspendent", "suspendu", "suspendre"),
    ("accompagne", "accompagnent", "accompagné", "accompagner"), ("coordonne", "coordonnent", "coordonné", "coordonner"),
    ("met à jour", "mettent à jour", "mis à jour", "mettre à jour"), ("présente", "présentent", "présenté", "présenter"),
    ("clarifie", "clarifient", "clarifié", "clarifier"), ("renforce", "renforcent", "renforcé", "renforcer"),
    ("organise", "organisent", "organisé", "organiser"), ("partage", "partagent", "partagé", "partager"),
    ("anime", "animent", "animé", "animer"), ("questionne", "questionnent", "questionné", "questionner"),
    ("défend", "défendent", "défendu", "défendre"), ("réduit", "réduisent", "réduit", "réduire"),
    ("augmente", "augmentent", "augmenté", "augmenter"), ("fixe", "fixent", "fixé", "fixer"),
    ("répartit", "répartissent", "réparti", "répartir"), ("vérifie", "vérifient", "vérifié", "vérifier"),
    ("relit", "relisent", "relu", "relire"), ("garantit", "garantissent", "garanti", "garantir"),
    ("transmet", "transmettent", "transmis", "transmettre"), ("améliore", "améliorent", "amélioré", "améliorer"),
    ("harmonise", "harmonisent", "harmonisé", "harmoniser"), ("budgète", "budgètent", "budgété", "budgéter"),
]

CONN_FR = ["Par ailleurs", "En outre", "Toutefois", "Ainsi", "De plus", "En pratique", "Depuis quelques années",
           "À court terme", "Dans les faits", "Concrètement", "En revanche", "Pour mémoire", "À l'inverse",
           "Au quotidien", "Jusqu'à présent", "D'une manière générale", "Dans l'immédiat", "Cela dit",
           "À plus long terme", "Dans la plupart des cas", "Selon l'usage", "Comme convenu"]

COMPL_FR = ["chaque trimestre", "depuis {year}", "avant l'été", "lors de la prochaine assemblée", "sans attendre",
            "à titre expérimental", "pour une durée d'un an", "dans la mesure du possible", "en lien avec {obj}",
            "dans le cadre {de}", "à la demande {de}", "en concertation avec {obj}", "au bénéfice {de}",
            "sous la responsabilité {de}", "en tenant compte {de}", "d'ici la fin de l'année", "une fois par mois",
            "au cas par cas", "avec l'accord {de}", "", "", ""]

NAMES = ["Amina", "Bertrand", "Chloé", "Damien", "Élodie", "François", "Gaëlle", "Hugo", "Inès", "Jérôme",
         "Karima", "Léa", "Mathieu", "Noémie", "Olivier", "Pénélope", "Quentin", "Rachid", "Sophie", "Thibault",
         "Ursule", "Valérie", "William", "Yasmine", "Zoé", "Anaïs", "Benoît", "Céline", "Djamel", "Estelle",
         "Fatou", "Grégoire", "Hélène", "Ibrahim", "Joëlle", "Kévin", "Loïc", "Maëlys", "Nadia", "Océane"]
INITIALS = "ABCDEFGHJKLMNPRSTVW"

MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]

HEADINGS_FR = ["Contexte", "Historique", "Objectifs", "Mise en œuvre", "Calendrier", "Questions ouvertes",
               "Ressources", "Rôles et responsabilités", "Points d'attention", "Ce qui a changé",
               "Exemples concrets", "Foire aux questions", "Procédure pas à pas", "Budget et financement",
               "Liens avec d'autres décisions", "Retour d'expérience", "Pour aller plus loin", "Vocabulaire",
               "Qui contacter ?", "Évaluation", "Principes appliqués", "Étapes suivantes", "À retenir",
               "Cas particuliers", "Organisation de l'équipe", "Sécurité et prévention", "Règles d'usage",
               "Suivi", "Annexes", "Débat", "Propositions", "Synthèse", "Ce que dit la charte",
               "Les désaccords", "Qui décide ?", "Après l'assemblée", "Chiffres clés", "Œuvre commune"]
HEADINGS_EN = ["Background", "History", "Goals", "Implementation", "Timeline", "Open questions", "Resources",
               "Roles and responsibilities", "Things to watch", "What changed", "Examples", "FAQ",
               "Step by step", "Budget and funding", "Related decisions", "Lessons learned", "Further reading",
               "Glossary", "Who to ask?", "Evaluation", "Principles applied", "Next steps", "Key points",
               "Special cases", "How the team works", "Safety and prevention", "House rules", "Follow-up",
               "Appendix", "Debate", "Proposals", "Summary", "What the charter says", "Disagreements",
               "Who decides?", "After the assembly", "Key figures", "Common work"]

NOUNS_EN = """the cooperative|the general assembly|the board|the workers' committee|the team|the members
|the workshop|the shop|the warehouse|the treasury|the annual budget|pay|the pay scale|hiring|ongoing training
|leave|part-time work|working hours|production|customers|suppliers|quality|workplace safety|the social economy
|the local economy|governance|the mandate|the charter|the house rules|the bylaws|transparency|mutual aid
|task rotation|the rota|bookkeeping|investments|the reserve fund|the surplus|the patronage refund|retail prices
|bulk purchasing|the premises|the lease|energy use|heating|waste|compost|transport|deliveries|the website|email
|the archives|the wiki|public communication|our partners|the bank|the accountant|the labour inspectorate
|occupational health|the neighbourhood|the town hall|volunteers|interns|onboarding|the probation period
|mentoring|mediation|conflicts|decision making|consent|the vote|the quorum|the agenda|the minutes
|decision follow-up|evaluation|strategy|growth|sufficiency|autonomy|solidarity|pay equality|the tools
|the machines|maintenance|stock|the inventory|the till|invoicing|reminders|the cash forecast|working capital
|grants|the bank loan|member shares|the capital|insurance|employment contracts|the collective agreement
|overtime|remote work|the canteen|the garden|popular education|the history of the cooperative|former members
|collective memory|hygiene|the cold chain|packaging|logistics|the members' register|the solidarity fund
|the regional union|the federation|solidarity prices|the audit|free software|the server|backups|passwords
|the van|the annual closure|on-call duty|seniority|the profit-sharing bonus|the pension scheme""".split("|")
NOUNS_EN = [n.strip() for n in NOUNS_EN]
SUBJ_S_EN = ["the committee", "the assembly", "the finance committee", "the workshop team", "the working group",
             "each member", "the coordinator", "the treasurer", "the board", "the collective", "the secretary",
             "the safety officer", "the hiring committee", "the welcome team"]
SUBJ_P_EN = ["the members", "the workers", "the member-owners", "the delegates", "the committees",
             "newcomers", "the teams", "former members"]
VERBS_EN = [
    ("proposes", "propose", "proposed", "propose"), ("reviews", "review", "reviewed", "review"),
    ("approves", "approve", "approved", "approve"), ("prepares", "prepare", "prepared", "prepare"),
    ("revises", "revise", "revised", "revise"), ("recalls", "recall", "recalled", "recall"),
    ("clarifies", "clarify", "clarified", "clarify"), ("supports", "support", "supported", "support"),
    ("reorganises", "reorganise", "reorganised", "reorganise"), ("simplifies", "simplify", "simplified", "simplify"),
    ("funds", "fund", "funded", "fund"), ("documents", "document", "documented", "document"),
    ("evaluates", "evaluate", "evaluated", "evaluate"), ("postpones", "postpone", "postponed", "postpone"),
    ("suspends", "suspend", "suspended", "suspend"), ("coordinates", "coordinate", "coordinated", "coordinate"),
    ("updates", "update", "updated", "update"), ("presents", "present", "presented", "present"),
    ("strengthens", "strengthen", "strengthened", "strengthen"), ("organises", "organise", "organised", "organise"),
    ("shares", "share", "shared", "share"), ("questions", "question", "questioned", "question"),
    ("defends", "defend", "defended", "defend"), ("reduces", "reduce", "reduced", "reduce"),
    ("raises", "raise", "raised", "raise"), ("sets", "set", "set", "set"), ("checks", "check", "checked", "check"),
    ("guarantees", "guarantee", "guaranteed", "guarantee"), ("improves", "improve", "improved", "improve"),
]
CONN_EN = ["Moreover", "However", "In practice", "For a few years now", "In the short term", "In fact",
           "Concretely", "On the other hand", "As a reminder", "Day to day", "So far", "Generally speaking",
           "For now", "That said", "In the longer term", "In most cases", "As agreed", "Besides"]
COMPL_EN = ["every quarter", "since {year}", "before the summer", "at the next general assembly", "without delay",
            "on a trial basis", "for one year", "as far as possible", "in connection with {obj}",
            "within the framework of {obj}", "at the request of {obj}", "together with {obj}",
            "taking {obj} into account", "by the end of the year", "once a month", "case by case", "", "", ""]

# Wiki page titles: a kind of document, then `de` + a noun (True) or the noun as is (False).
DOC_FR = [("Guide", True), ("Procédure", True), ("Fiche pratique", True), ("Mémo sur", False),
          ("Historique", True), ("Notes sur", False), ("Règles", True), ("Foire aux questions sur", False),
          ("Tutoriel", True), ("Point d'étape sur", False), ("Bilan", True), ("Modèle", True),
          ("Check-list", True), ("Dossier", True), ("Présentation", True), ("Carnet", True),
          ("Questions sur", False), ("Retour sur", False), ("Repères pour", False), ("Charte", True)]
DOC_EN = ["Guide to", "Procedure for", "Notes on", "History of", "Rules for", "FAQ on", "Tutorial on",
          "Review of", "Template for", "Checklist for", "Briefing on", "Questions about", "Landmarks for"]
ACT_FR = ["Adoption", "Révision", "Gel", "Mise en place", "Suppression", "Modification", "Création",
          "Réorganisation", "Augmentation", "Encadrement", "Financement", "Report", "Clarification",
          "Expérimentation", "Extension", "Réduction", "Harmonisation", "Renouvellement", "Évaluation"]
PLACES = ["l'atelier", "la boutique", "l'entrepôt", "Montreuil", "Bagnolet", "la Croix-Rousse", "Saint-Denis",
          "la Canebière", "Villeurbanne", "Roubaix", "l'Estaque", "Belleville", "l'Île-Saint-Denis"]

PRINCIPLES_FR = ["Démocratie interne", "Adhésion volontaire et ouverte", "Participation économique",
                 "Autonomie et indépendance", "Éducation et formation", "Coopération entre coopératives",
                 "Engagement envers la communauté", "Égalité des salaires", "Rotation des tâches",
                 "Décision au consentement", "Transparence des comptes", "Sobriété", "Porte ouverte",
                 "Solidarité entre membres", "Primauté du travail", "Réserves impartageables"]

# The topic tree of site.yaml: (id, fr, en, aliases, children).
TOPICS = [
    ("organisation", "Organisation du travail", "Work organisation", ["orga"], [
        ("embauche", "Embauche et RH", "Hiring and HR", ["recrutement", "rh"]),
        ("horaires", "Horaires et planning", "Schedules", ["planning"]),
        ("conges", "Congés", "Leave", ["vacances"]),
        ("formation", "Formation", "Training", [])]),
    ("finances", "Finances", "Finances", ["argent"], [
        ("budget", "Budget", "Budget", []),
        ("salaires", "Rémunération", "Pay", ["remuneration", "paie"]),
        ("investissements", "Investissements", "Investments", []),
        ("tresorerie", "Trésorerie", "Cash", ["caisse"])]),
    ("gouvernance", "Gouvernance", "Governance", [], [
        ("statuts", "Statuts", "Bylaws", []),
        ("mandats", "Mandats et élections", "Mandates and elections", ["elections"]),
        ("processus-decision", "Prise de décision", "Decision making", ["consentement"]),
        ("societariat", "Sociétariat", "Membership", ["adhesion"])]),
    ("production", "Production", "Production", ["atelier"], [
        ("qualite", "Qualité", "Quality", []),
        ("securite", "Sécurité au travail", "Health and safety", ["hygiene"]),
        ("outillage", "Outils et machines", "Tools and machines", ["machines"])]),
    ("commercial", "Ventes et clients", "Sales and customers", ["ventes"], [
        ("fournisseurs", "Fournisseurs", "Suppliers", ["achats"]),
        ("prix", "Prix et tarifs", "Pricing", ["tarifs"])]),
    ("locaux", "Locaux", "Premises", [], [
        ("energie", "Énergie", "Energy", []),
        ("entretien", "Entretien", "Maintenance", ["menage"])]),
    ("communication", "Communication", "Communication", ["com"], [
        ("site-web", "Site web", "Website", ["internet"]),
        ("archives", "Archives", "Archives", ["memoire"])]),
    ("vie-cooperative", "Vie coopérative", "Cooperative life", [], [
        ("entraide", "Solidarité et entraide", "Mutual aid", ["solidarite"]),
        ("mediation", "Médiation et conflits", "Mediation", ["conflits"]),
        ("fetes", "Fêtes et rencontres", "Gatherings", []),
        ("croissance", "Croissance", "Growth", [])]),
]

TOP_FOLDERS = ["organisation", "production", "gestion", "vie-coopérative", "accueil", "outils", "sécurité",
               "histoire"]
SUB_FOLDERS = ["guides", "procedures", "fiches", "modeles", "notes", "bilans", "archives-anciennes", "projets",
               "equipes", "ateliers", "formations", "outils-numeriques", "comptes", "fournisseurs", "clients",
               "reglements", "chantiers", "entretien", "vehicules", "informatique", "evenements", "memoire",
               "temoignages", "partenaires", "quartier", "reseau", "logistique", "stocks", "qualite", "hygiene",
               "planning", "paie", "embauche", "accueil-nouveaux", "mediation", "sobriete", "energie", "jardin"]

START = dt.date(2005, 1, 3)
END = dt.date(2026, 10, 30)
SECOND_CHARTER = dt.date(2011, 6, 18)


def cap(s):
    return s[:1].upper() + s[1:]


def de(n):
    """`de` + a French noun phrase, with the article contracted."""
    if n.startswith("le "):
        return "du " + n[3:]
    if n.startswith("les "):
        return "des " + n[4:]
    if n.startswith("la ") or n.startswith("l'"):
        return "de " + n
    return ("d'" if n[:1] in "aeiouyéèêàâîôûh" else "de ") + n


def a(n):
    """`à` + a French noun phrase, with the article contracted."""
    if n.startswith("le "):
        return "au " + n[3:]
    if n.startswith("les "):
        return "aux " + n[4:]
    return "à " + n


def de_inf(v):
    return ("d'" if v[:1] in "aeiouyéèêàâîôûh" else "de ") + v


def fast_choice(rng):
    """rng.choice without its overhead (bodies draw millions of words)."""
    rand = rng.random

    def choice(seq):
        return seq[int(rand() * len(seq))]
    return choice


def fast_randint(rng):
    """rng.randint(lo, hi) without its overhead."""
    rand = rng.random

    def randint(lo, hi):
        return lo + int(rand() * (hi - lo + 1))
    return randint


class Text:
    """Sentence and block generator for one language, drawing from one rng."""

    def __init__(self, rng, lang):
        self.r = rng
        self.ch = fast_choice(rng)
        self.ri = fast_randint(rng)
        self.lang = lang
        fr = lang == "fr"
        self.nouns = NOUNS_FR if fr else NOUNS_EN
        self.subj_s = SUBJ_S_FR if fr else SUBJ_S_EN
        self.subj_p = SUBJ_P_FR if fr else SUBJ_P_EN
        self.verbs = VERBS_FR if fr else VERBS_EN
        self.conn = CONN_FR if fr else CONN_EN
        self.compl = COMPL_FR if fr else COMPL_EN
        self.months = MONTHS_FR if fr else MONTHS_EN
        self.templates = self._fr_templates() if fr else self._en_templates()

    def name(self):
        return f"{self.ch(NAMES)} {self.ch(INITIALS)}."

    def year(self):
        return str(2005 + int(self.r.random() * 22))

    def complement(self):
        c = self.ch(self.compl)
        if not c:
            return ""
        if "{" in c:
            n = self.ch(self.nouns)
            c = c.format(year=self.year(), obj=n, de=de(n) if self.lang == "fr" else "of " + n)
        return " " + c

    def _fr_templates(self):
        r, N, V = self.r, self.nouns, self.verbs
        ch = self.ch
        return [
            lambda: f"{ch(self.conn)}, {ch(self.subj_s)} {ch(V)[0]} {ch(N)}{self.complement()}.",
            lambda: f"{cap(ch(self.subj_p))} {ch(V)[1]} {ch(N)}{self.complement()}.",
            lambda: f"Il reste à {ch(V)[3]} {ch(N)} avant {de_inf(ch(V)[3])} {ch(N)}.",
            lambda: f"En {self.year()}, {ch(self.subj_s)} avait déjà {ch(V)[2]} {ch(N)}.",
            lambda: f"Pour {ch(V)[3]} {ch(N)}, {ch(self.subj_s)} s'appuie sur {ch(N)}.",
            lambda: f"{cap(ch(self.subj_p))} souhaitent {ch(V)[3]} {ch(N)}{self.complement()}, afin {de_inf(ch(V)[3])} {ch(N)}.",
            lambda: f"C'est pourquoi {ch(self.subj_s)} {ch(V)[0]} désormais {ch(N)}.",
            lambda: f"L'expérience montre qu'il vaut mieux {ch(V)[3]} {ch(N)}{self.complement()}.",
            lambda: f"Lorsque {ch(self.subj_s)} {ch(V)[0]} {ch(N)}, {ch(self.subj_p)} {ch(V)[1]} {ch(N)}.",
            lambda: f"{self.name()} rappelle que {ch(N)} reste une priorité pour {ch(N)}.",
            lambda: f"Le montant retenu est de {self.ri(2, 90) * 50} euros par {ch(['mois', 'an', 'trimestre', 'personne'])}, soit {self.ri(2, 40)} % de plus qu'en {self.year()}.",
            lambda: f"Personne ne conteste l'intérêt {de(ch(N))}, mais {ch(self.subj_s)} {ch(V)[0]} {ch(N)} avec prudence.",
            lambda: f"{ch(self.conn)}, la question {de(ch(N))} revient régulièrement à l'ordre du jour.",
            lambda: f"{cap(ch(self.subj_s))} {ch(V)[0]} {ch(N)}{self.complement()} et {ch(V)[0]} {ch(N)}.",
            lambda: f"Selon {self.name()}, il faudrait {ch(V)[3]} {ch(N)} d'ici {ch(self.months)} {self.year()}.",
            lambda: f"Nous avons constaté que {ch(N)} dépend largement {de(ch(N))}.",
            lambda: f"Cette règle s'applique {a(ch(N))}, sauf décision contraire {de(ch(self.subj_s))}.",
            lambda: f"{ch(self.conn)}, {self.ri(3, 40)} personnes ont participé aux échanges sur {ch(N)}.",
        ]

    def _en_templates(self):
        r, N, V = self.r, self.nouns, self.verbs
        ch = self.ch
        return [
            lambda: f"{ch(self.conn)}, {ch(self.subj_s)} {ch(V)[0]} {ch(N)}{self.complement()}.",
            lambda: f"{cap(ch(self.subj_p))} {ch(V)[1]} {ch(N)}{self.complement()}.",
            lambda: f"It remains to {ch(V)[3]} {ch(N)} before we {ch(V)[3]} {ch(N)}.",
            lambda: f"In {self.year()}, {ch(self.subj_s)} had already {ch(V)[2]} {ch(N)}.",
            lambda: f"To {ch(V)[3]} {ch(N)}, {ch(self.subj_s)} relies on {ch(N)}.",
            lambda: f"{cap(ch(self.subj_p))} want to {ch(V)[3]} {ch(N)}{self.complement()}, in order to {ch(V)[3]} {ch(N)}.",
            lambda: f"That is why {ch(self.subj_s)} now {ch(V)[0]} {ch(N)}.",
            lambda: f"Experience shows that it is better to {ch(V)[3]} {ch(N)}{self.complement()}.",
            lambda: f"When {ch(self.subj_s)} {ch(V)[0]} {ch(N)}, {ch(self.subj_p)} {ch(V)[1]} {ch(N)}.",
            lambda: f"{self.name()} points out that {ch(N)} is still a priority for {ch(N)}.",
            lambda: f"The amount agreed is {self.ri(2, 90) * 50} euros per {ch(['month', 'year', 'quarter', 'person'])}, {self.ri(2, 40)} % more than in {self.year()}.",
            lambda: f"Nobody disputes the value of {ch(N)}, but {ch(self.subj_s)} {ch(V)[0]} {ch(N)} with care.",
            lambda: f"{ch(self.conn)}, the question of {ch(N)} keeps coming back on the agenda.",
            lambda: f"According to {self.name()}, we should {ch(V)[3]} {ch(N)} by {ch(self.months)} {self.year()}.",
            lambda: f"We have noticed that {ch(N)} depends largely on {ch(N)}.",
            lambda: f"{ch(self.conn)}, {self.ri(3, 40)} people took part in the discussion about {ch(N)}.",
        ]

    def sentence(self):
        return self.ch(self.templates)()

    def paragraph(self, n):
        return [self.sentence() for _ in range(n)]

    def link_sentence(self, link):
        ch, N = self.ch, self.nouns
        if self.lang == "fr":
            return ch([
                lambda: f"La page {link} détaille {ch(N)}.",
                lambda: f"Voir aussi {link}.",
                lambda: f"Ce point est développé dans {link}.",
                lambda: f"{ch(self.conn)}, {link} précise {ch(N)}.",
                lambda: f"Pour le contexte, lire {link} avant toute chose.",
                lambda: f"Comme l'indique {link}, {ch(self.subj_s)} {ch(self.verbs)[0]} {ch(N)}.",
            ])()
        return ch([
            lambda: f"The page {link} describes {ch(N)} in detail.",
            lambda: f"See also {link}.",
            lambda: f"This is developed in {link}.",
            lambda: f"{ch(self.conn)}, {link} clarifies {ch(N)}.",
            lambda: f"For background, read {link} first.",
        ])()

    def list_item(self):
        return f"- {cap(self.ch(self.verbs)[3])} {self.ch(self.nouns)}{self.complement()}"

    def table(self):
        ch, r = self.ch, self.r
        if r.random() < 0.5:
            head = ["Étape", "Responsable", "Échéance"] if self.lang == "fr" else ["Step", "Owner", "Due"]
            rows = [[f"{cap(ch(self.verbs)[3])} {ch(self.nouns)}", self.name(), f"{ch(self.months)} {self.year()}"]
                    for _ in range(self.ri(3, 6))]
        else:
            head = ["Poste", "Montant (€)", "Commentaire"] if self.lang == "fr" else ["Item", "Amount (€)", "Comment"]
            rows = [[cap(ch(self.nouns)), f"{self.ri(1, 400) * 25}", cap(ch(self.compl).format(
                year=self.year(), obj=ch(self.nouns), de=de(ch(self.nouns))) or "—")]
                    for _ in range(self.ri(3, 6))]
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)


# --------------------------------------------------------------------------
# YAML front matter (a small emitter for the shapes we write).

def yscalar(v):
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, Plain):
        return str(v)
    return json.dumps(v, ensure_ascii=False)


class Plain(str):
    """A string written without quotes (ids, topics)."""


def yaml_lines(fields, indent=""):
    out = []
    for key, v in fields:
        if isinstance(v, list):
            if v and all(isinstance(x, Plain) for x in v) and len(v) < 6:
                out.append(f"{indent}{key}: [{', '.join(v)}]")
            else:
                out.append(f"{indent}{key}:")
                out.extend(f"{indent}  - {yscalar(x)}" for x in v)
        elif isinstance(v, dict):
            out.append(f"{indent}{key}:")
            out.extend(yaml_lines(list(v.items()), indent + "  "))
        else:
            out.append(f"{indent}{key}: {yscalar(v)}")
    return out


def front_matter(fields):
    return "---\n" + "\n".join(yaml_lines(fields)) + "\n---\n\n"


# --------------------------------------------------------------------------
# The site plan: every page, its id, type, date, references and headings,
# decided before any body is written so that links can point anywhere.

class Page:
    __slots__ = ("id", "short", "path", "type", "title", "title_en", "fields", "headings", "headings_en",
                 "date", "by", "inline", "extra", "meeting")

    def __init__(self, pid, path, ptype, title):
        self.id = pid
        self.short = pid.rsplit("/", 1)[-1]
        self.path = path
        self.type = ptype
        self.title = title
        self.title_en = None
        self.fields = []
        self.headings = []
        self.headings_en = None
        self.date = None
        self.by = None
        self.inline = []     # for meetings: inline decisions (Page objects with path None)
        self.extra = {}
        self.meeting = None  # for inline decisions: the meeting Page


class Planner:
    def __init__(self, n, rng):
        self.n = n
        self.r = rng
        self.urls = set()     # slugs of ids: keeps ids, short ids and URLs unique
        self.shorts = set()
        self.pages = []
        self.fr = Text(rng, "fr")
        self.en = Text(rng, "en")

    def claim(self, folder, base):
        """A fresh id `folder/base[-k]` whose short id and URL are unused."""
        base = base or "page"
        k = 1
        while True:
            name = base if k == 1 else f"{base}-{k}"
            pid = f"{folder}/{name}" if folder else name
            if name not in self.shorts and slug(pid) not in self.urls and slug(name) not in self.shorts:
                self.shorts.add(name)
                self.shorts.add(slug(name))
                self.urls.add(slug(pid))
                return pid
            k += 1

    def rand_date(self, lo=START, hi=END):
        return lo + dt.timedelta(days=self.r.randint(0, (hi - lo).days))

    def headings(self, lang, k):
        pool = HEADINGS_FR if lang == "fr" else HEADINGS_EN
        chosen = self.r.sample(pool, k)
        if self.r.random() < 0.4:
            n = self.r.choice(NOUNS_FR if lang == "fr" else NOUNS_EN)
            chosen[self.r.randrange(k)] = ("Le point sur " if lang == "fr" else "Focus on ") + n
        out, seen = [], set()
        for h in chosen:
            if slug(h) not in seen:
                seen.add(slug(h))
                out.append(h)
        return out

    # -- counts ------------------------------------------------------------
    def counts(self):
        n = self.n
        c = max(10, round(n * 0.02))
        m = max(2, round(n * 0.01))
        d = round(n * 0.30)
        p = max(4, round(n * 0.005))
        rest = n - c - m - d - p - 1
        if rest < 20:
            sys.exit("gen_corpus: --pages must be at least 100")
        t = round(rest / 11)
        return c, m, d, p, rest - t, t

    # -- topics ------------------------------------------------------------
    def topics(self):
        roots, children, parent = [], [], {}
        for rid, _, _, _, kids in TOPICS:
            roots.append(rid)
            for k in kids:
                children.append(k[0])
                parent[k[0]] = rid
        self.topic_roots, self.topic_children, self.topic_parent = roots, children, parent
        self.topic_aliases = {}
        for rid, _, _, al, kids in TOPICS:
            self.topic_aliases[rid] = al
            for k in kids:
                self.topic_aliases[k[0]] = k[3]

    def topic_ref(self, t):
        """A topic as written in front matter: usually its id, sometimes an alias."""
        al = self.topic_aliases[t]
        if al and self.r.random() < 0.15:
            return Plain(self.r.choice(al))
        return Plain(t)

    # -- committees ----------------------------------------------------------
    def committees(self, count):
        r = self.r
        self.comms = []
        self.comm_auth = {}  # committee id -> topics it has authority over (for decisions)
        self.comm_life = {}  # committee id -> (created, dissolved or None)

        def add(name, title, kind, parent, topics, created, dissolved=None):
            pid = self.claim("committees", name)
            p = Page(pid, pid + ".md", "committee", title)
            fields = [("title", title)]
            if kind != "committee":
                fields.append(("kind", Plain(kind)))
            if parent:
                fields.append(("parent", Plain(self.ref(parent))))
            fields.append(("created", created))
            if dissolved:
                fields.append(("dissolved", dissolved))
            if topics:
                fields.append(("topics", [self.topic_ref(t) for t in topics]))
            p.fields = fields
            p.headings = self.headings("fr", r.randint(2, 4))
            p.extra = {"kind": kind, "parent": parent, "topics": topics}
            self.comms.append(p)
            self.pages.append(p)
            self.comm_life[pid] = (created, dissolved)
            return p

        founding = dt.date(2004, 11, 20)
        ag = add("ag", "Assemblée générale", "assembly", None, [], founding)
        ca = add("ca", "Conseil coopératif", "board", ag.id, [], founding)
        self.assembly, self.board = ag, ca
        self.comm_auth[ag.id] = self.topic_roots + self.topic_children
        self.comm_auth[ca.id] = list(self.topic_roots)
        domains = {}
        for rid, fr, _, _, _ in TOPICS:
            d = add(f"comite-{rid}", f"Comité {fr.lower()}", "committee", ca.id, [rid], founding)
            domains[rid] = d
            self.comm_auth[d.id] = [rid] + [c for c in self.topic_children if self.topic_parent[c] == rid]
        subs = []
        for cid, fr, _, _ in [k for t in TOPICS for k in t[4]]:
            if len(self.comms) >= count:
                break
            s = add(f"commission-{cid}", f"Commission {fr.lower()}", "subcommittee",
                    domains[self.topic_parent[cid]].id, [cid], self.rand_date(START, dt.date(2012, 1, 1)))
            self.comm_auth[s.id] = [cid]
            subs.append(s)
        self.permanent = [c.id for c in self.comms]
        parents = list(domains.values()) + subs
        while len(self.comms) < count:
            par = r.choice(parents)
            topic = r.choice(self.comm_auth[par.id])
            noun = r.choice(NOUNS_FR)
            created = self.rand_date(START, dt.date(2025, 6, 1))
            dissolved = min(created + dt.timedelta(days=r.randint(120, 1100)), dt.date(2026, 6, 1))
            title = f"Groupe de travail {noun} {created.year}"
            g = add(f"gt-{short_slug(noun, 30)}-{created.year}", title, "working-group", par.id, [topic],
                    created, dissolved)
            self.comm_auth[g.id] = [topic]

        # Mandate texts: powers, escalation; filled once decisions exist (mandate_adopted_by).
        for c in self.comms:
            if c.extra["kind"] in ("committee", "subcommittee") and r.random() < 0.7:
                c.fields.append(("powers", [f"{cap(r.choice(VERBS_FR)[3])} {r.choice(NOUNS_FR)}"
                                            for _ in range(r.randint(1, 3))]))
                c.fields.append(("escalates", [f"{cap(r.choice(VERBS_FR)[3])} {r.choice(NOUNS_FR)}"]))
                c.fields.append(("escalates_to", Plain(self.ref(ca.id if r.random() < 0.7 else ag.id))))
            if r.random() < 0.5:
                c.fields.append(("meets", r.choice(["weekly", "monthly", "quarterly", "yearly", "as needed"])))
            if r.random() < 0.4:
                c.fields.append(("members", [self.fr.name() for _ in range(r.randint(3, 7))]))

    def ref(self, pid):
        """A reference as a user writes it: the full id or the (unique) short id."""
        return pid if self.r.random() < 0.6 else pid.rsplit("/", 1)[-1]

    def pick_committee(self, date):
        r = self.r
        x = r.random()
        if x < 0.10:
            return self.assembly.id
        if x < 0.25:
            return self.board.id
        for _ in range(6):
            c = r.choice(self.comms)
            created, dissolved = self.comm_life[c.id]
            if created <= date and (dissolved is None or date < dissolved):
                return c.id
        return r.choice(self.permanent[2:] or self.permanent)

    def decision_topics(self, by):
        r = self.r
        auth = self.comm_auth[by]
        topics = [r.choice(auth)]
        for _ in range(r.choice([0, 0, 1, 1, 2])):
            t = r.choice(self.topic_roots + self.topic_children)
            if t not in topics:
                topics.append(t)
        return topics

    def decision_title(self):
        r = self.r
        n = r.choice(NOUNS_FR)
        t = f"{r.choice(ACT_FR)} {de(n)}"
        x = r.random()
        if x < 0.3:
            t += f" à {r.choice(PLACES)}"
        elif x < 0.5:
            t += f" pour {r.randint(2006, 2027)}"
        return t

    # -- meetings and decisions -------------------------------------------
    def register(self, n_meet, n_dec):
        r = self.r
        events = [(self.rand_date(), 1, i) for i in range(n_dec)]
        events += [(self.rand_date(dt.date(2005, 3, 1)), 0, i) for i in range(n_meet)]
        # The two charters of principles are adopted by the assembly early and in 2011.
        events.append((START, 2, 0))
        events.append((SECOND_CHARTER, 2, 1))
        events.sort()
        self.decisions = []
        self.meetings = []
        candidates = []          # adopted decisions still in force, in date order
        charters = {}
        for date, kind, _ in events:
            if kind == 0:
                self.new_meeting(date, candidates)
            elif kind == 1:
                self.new_decision(date, candidates)
            else:
                charters[date.year] = self.new_decision(date, candidates, charter=True)
        self.finish_principles([charters[2005], charters[2011]])
        # Mandates adopted by a decision (any existing one).
        for c in self.comms:
            if r.random() < 0.5:
                c.fields.append(("mandate_adopted_by", Plain(self.ref(r.choice(self.decisions).id))))

    def decision_fields(self, d, date, by, candidates, inline):
        """Front matter of a decision; updates the in-force candidates."""
        r = self.r
        topics = self.decision_topics(by)
        f = [("title", d.title)]
        if not inline:
            f += [("date", date), ("by", Plain(self.ref(by)))]
        f.append(("topics", [self.topic_ref(t) for t in topics]))
        f.append(("summary", self.fr.sentence()))
        f.append(("method", Plain(r.choice(["consensus", "consent", "consent", "vote", "delegated"]))))
        x = r.random()
        status = "adopted"
        if x < 0.03:
            status = "proposed"
        elif x < 0.04:
            status = "rejected"
        elif x < 0.05:
            status = "withdrawn"
        if status != "adopted":
            f.append(("status", Plain(status)))
        if status == "adopted" and candidates:
            recent = max(0, len(candidates) - 300)
            y = r.random()
            if y < 0.14:
                k = r.randint(1, 2) if r.random() < 0.15 else 1
                olds = [candidates.pop(r.randrange(recent, len(candidates))) for _ in range(min(k, len(candidates) - recent))]
                if olds:
                    f.append(("supersedes", [Plain(self.ref(o.id)) for o in olds]))
            elif y < 0.17:
                old = candidates.pop(r.randrange(recent, len(candidates)))
                f.append(("repeals", [Plain(self.ref(old.id))]))
            elif y < 0.23:
                old = candidates[r.randrange(recent, len(candidates))]
                f.append(("amends", [Plain(self.ref(old.id))]))
            if r.random() < 0.08 and self.decisions:
                rel = r.choice(self.decisions)
                f.append(("related", [Plain(self.ref(rel.id))]))
        if r.random() < 0.12 and date > START:
            f.append(("principles", [Plain(self.ref(r.choice(self.principles_for(date)).id))]))
        if r.random() < 0.15:
            f.append(("review", date + dt.timedelta(days=r.randint(180, 1500))))
        if r.random() < 0.05:
            f.append(("expires", date + dt.timedelta(days=r.randint(90, 2500))))
        if r.random() < 0.20:
            due = date + dt.timedelta(days=r.randint(15, 400))
            owner = Plain(self.ref(by)) if r.random() < 0.7 else self.fr.name()
            done = due - dt.timedelta(days=r.randint(0, 10)) if r.random() < 0.6 else False
            fu = {"owner": owner, "due": due, "done": done}
            if r.random() < 0.5:
                fu["note"] = self.fr.sentence()
            f.append(("follow_up", fu))
        d.fields = f
        if status == "adopted":
            candidates.append(d)

    def new_decision(self, date, candidates, charter=False):
        r = self.r
        by = self.assembly.id if charter else self.pick_committee(date)
        title = ("Adoption de la charte des principes " + str(date.year)) if charter else self.decision_title()
        pid = self.claim("decisions", f"{date.isoformat()}-{short_slug(title)}")
        d = Page(pid, pid + ".md", "decision", title)
        d.date, d.by = date, by
        d.headings = self.headings("fr", r.randint(3, 5))
        self.decision_fields(d, date, by, candidates, inline=False)
        self.decisions.append(d)
        self.pages.append(d)
        return d

    def new_meeting(self, date, candidates):
        r = self.r
        by = self.pick_committee(date)
        comm = self.comm_by_id[by]
        title = f"{comm.title} du {date.day} {MONTHS_FR[date.month - 1]} {date.year}"
        pid = self.claim("meetings", f"{date.isoformat()}-{comm.short}")
        m = Page(pid, pid + ".md", "meeting", title)
        m.date, m.by = date, by
        m.headings = [f"{i + 1}. {h}" for i, h in enumerate(self.headings("fr", r.randint(3, 5)))]
        m.fields = [("title", title), ("date", date), ("by", Plain(self.ref(by))),
                    ("attendees", [self.fr.name() for _ in range(r.randint(4, 12))]),
                    ("facilitator", self.fr.name()), ("minutes_by", self.fr.name())]
        for _ in range(r.randint(2, 4)):
            t = self.decision_title()
            name = short_slug(t)
            did = self.claim(pid, name)
            d = Page(did, None, "decision", t)
            d.date, d.by, d.meeting = date, by, m
            self.decision_fields(d, date, by, candidates, inline=True)
            if did.rsplit("/", 1)[-1] != slug(t):
                d.fields.insert(1, ("id", Plain(did.rsplit("/", 1)[-1])))
            m.inline.append(d)
            self.decisions.append(d)
        self.meetings.append(m)
        self.pages.append(m)

    def plan_principles(self, count):
        """Two sets of principles: the 2005 charter and the 2011 one, which supersedes it."""
        r = self.r
        half = count // 2
        self.principle_sets = []
        for year, n, names in ((2005, half, PRINCIPLES_FR[:8]), (2011, count - half, PRINCIPLES_FR)):
            pages = []
            for i in range(n):
                title = names[i % len(names)] + ("" if i < len(names) else f" ({i // len(names) + 1})")
                pid = self.claim("principles", f"{year}-{i + 1:02d}-{short_slug(title, 40)}")
                p = Page(pid, pid + ".md", "principle", title)
                p.headings = self.headings("fr", r.randint(2, 4))
                pages.append(p)
                self.pages.append(p)
            self.principle_sets.append((year, pages))
        self.principle_pool = [p.id for _, ps in self.principle_sets for p in ps]

    def principles_for(self, date):
        return self.principle_sets[0 if date < SECOND_CHARTER else 1][1]

    def finish_principles(self, charters):
        for (year, pages), charter in zip(self.principle_sets, charters):
            older = self.principle_sets[0][1]
            for i, p in enumerate(pages):
                f = [("title", p.title), ("set", str(year)), ("order", i + 1), ("adopted", charter.date),
                     ("adopted_by", Plain(self.ref(charter.id)))]
                if year == 2005:
                    f.append(("retired", SECOND_CHARTER))
                elif i < len(older):
                    f.append(("supersedes", [Plain(self.ref(older[i].id))]))
                p.fields = f

    # -- wiki --------------------------------------------------------------
    def wiki(self, n_wiki, n_trans):
        r = self.r
        n_folders = max(8, n_wiki // 40)
        folders = []
        for name in TOP_FOLDERS:
            folders.append(self.claim("", name))
        level2 = []
        while len(folders) < n_folders:
            if level2 and r.random() < 0.4:
                parent = r.choice(level2)
                fid = self.claim(parent, r.choice(SUB_FOLDERS))
            else:
                parent = r.choice(folders[:len(TOP_FOLDERS)])
                fid = self.claim(parent, r.choice(SUB_FOLDERS))
                level2.append(fid)
            folders.append(fid)
        self.folders = folders
        wiki = []
        for fid in folders:
            title = cap(fid.rsplit("/", 1)[-1].replace("-", " "))
            p = Page(fid, fid + "/_index.md", "page", title)
            p.headings = self.headings("fr", r.randint(2, 3))
            p.fields = [("title", title)]
            wiki.append(p)
        while len(wiki) < n_wiki:
            fid = r.choice(folders)
            n = r.choice(NOUNS_FR)
            doc, with_de = r.choice(DOC_FR)
            title = f"{doc} {de(n) if with_de else n}"
            if r.random() < 0.3:
                title += f" ({r.choice(PLACES)})" if r.random() < 0.5 else f" {r.randint(2006, 2026)}"
            pid = self.claim(fid, short_slug(title))
            p = Page(pid, pid + ".md", "page", title)
            p.headings = self.headings("fr", r.randint(3, 5))
            f = [("title", title)]
            if r.random() < 0.7:
                f.append(("topics", [self.topic_ref(t) for t in
                                     r.sample(self.topic_roots + self.topic_children, r.randint(1, 3))]))
            if r.random() < 0.5:
                f.append(("summary", self.fr.sentence()))
            if r.random() < 0.3:
                f.append(("updated", self.rand_date(dt.date(2015, 1, 1))))
            if r.random() < 0.04:
                f.append(("aliases", [f"ancien-wiki/{short_slug(title, 30)}-{len(wiki)}"]))
            p.fields = f
            wiki.append(p)
        # Translations: the regular pages (not folder indexes), chosen at random.
        regular = [p for p in wiki if not p.path.endswith("_index.md")]
        for p in r.sample(regular, min(n_trans, len(regular))):
            n = r.choice(NOUNS_EN)
            p.title_en = cap(f"{r.choice(DOC_EN)} {n}")
            p.headings_en = self.headings("en", r.randint(3, 5))
        self.wiki_pages = wiki
        self.pages.extend(wiki)

    def plan(self):
        c, m, d, p, w, t = self.counts()
        self.topics()
        self.committees(c)
        self.comm_by_id = {x.id: x for x in self.comms}
        self.plan_principles(p)
        self.register(m, d)
        # register() adds two charter decisions; keep the file count at N by taking them from the wiki.
        self.wiki(w - 2, t)
        return self


# --------------------------------------------------------------------------
# Writing.

def site_yaml():
    lines = ['title: "Coopérative Konbit"',
             'description: "Wiki et registre des décisions (corpus de test généré)"',
             "base_url: https://wiki.example.org/",
             "languages: [fr, en]",
             "repo_url: https://git.example.org/konbit/wiki",
             "repo_branch: main",
             "broken_links: error",
             "topics:"]

    def topic(tid, fr, en, aliases, parent):
        lines.append(f"  - id: {tid}")
        lines.append(f"    label: {{ fr: {json.dumps(fr, ensure_ascii=False)}, en: {json.dumps(en)} }}")
        if parent:
            lines.append(f"    parent: {parent}")
        if aliases:
            lines.append(f"    aliases: [{', '.join(aliases)}]")

    for rid, fr, en, al, kids in TOPICS:
        topic(rid, fr, en, al, None)
        lines.append(f"    description: {{ fr: \"Tout ce qui touche à : {fr.lower()}.\", en: \"Everything about {en.lower()}.\" }}")
        for k in kids:
            topic(k[0], k[1], k[2], k[3], rid)
    return "\n".join(lines) + "\n"


class Writer:
    def __init__(self, plan, rng):
        self.p = plan
        self.r = rng
        self.fr = plan.fr
        self.en = plan.en
        targets = [x for x in plan.pages if x.id] + [d for m in plan.meetings for d in m.inline]
        self.targets = targets
        hubs = plan.wiki_pages[: max(10, len(plan.wiki_pages) // 100)] + plan.comms[:10]
        self.hubs = hubs

    def link(self, source_id, lang):
        r = self.r
        while True:
            t = r.choice(self.hubs) if r.random() < 0.25 else r.choice(self.targets)
            if t.id != source_id:
                break
        name = t.id if r.random() < 0.4 else t.short
        heads = t.headings_en if (lang == "en" and t.headings_en) else t.headings
        x = r.random()
        if heads and x < 0.15:
            h = r.choice(heads)
            return f"[[{name}#{slug(h) if r.random() < 0.65 else h}]]"
        if x < 0.30:
            label = (t.title_en if lang == "en" and t.title_en else t.title).lower()
            return f"[[{name}|{label}]]"
        return f"[[{name}]]"

    def body(self, page, lang, headings, n_links, intro=None):
        """About 600 words: intro, sections with paragraphs, lists, tables; links spread over paragraphs."""
        r, T = self.r, (self.fr if lang == "fr" else self.en)
        blocks = []   # str, or list of sentences (a paragraph that can take links)
        if intro:
            blocks.append(intro)
        blocks.append(T.paragraph(T.ri(3, 5)))
        per = max(1, 520 // (16 * 4 * max(1, len(headings))))
        for i, h in enumerate(headings):
            level = "###" if (i > 0 and r.random() < 0.15) else "##"
            blocks.append(f"{level} {h}")
            for _ in range(T.ri(per, per + 1)):
                blocks.append(T.paragraph(T.ri(3, 7)))
            x = r.random()
            if x < 0.35:
                blocks.append("\n".join(T.list_item() for _ in range(T.ri(3, 6))))
            elif x < 0.45:
                blocks.append(T.table())
        paras = [b for b in blocks if isinstance(b, list)]
        for _ in range(n_links):
            para = r.choice(paras)
            para.insert(T.ri(0, len(para)), T.link_sentence(self.link(page.id, lang)))
        return "\n\n".join(" ".join(b) if isinstance(b, list) else b for b in blocks) + "\n"

    def page_text(self, page):
        n_links = self.fr.ri(3, 8)
        if page.type == "meeting":
            return front_matter(page.fields) + self.meeting_body(page, n_links)
        return front_matter(page.fields) + self.body(page, "fr", page.headings, n_links)

    def meeting_body(self, m, n_links):
        r, T = self.r, self.fr
        out = [f"**Ordre du jour** : {len(m.headings)} points. Séance ouverte à {T.ri(9, 19)} h {r.choice(['00', '15', '30'])}.",
               ""]
        slots = sorted(r.sample(range(len(m.headings)), min(len(m.inline), len(m.headings))))
        inline = list(m.inline)
        for i, h in enumerate(m.headings):
            out.append(f"## {h}\n")
            paras = [T.paragraph(T.ri(3, 6)) for _ in range(T.ri(2, 3))]
            for _ in range(n_links // len(m.headings) + (1 if i < n_links % len(m.headings) else 0)):
                p = r.choice(paras)
                p.insert(T.ri(0, len(p)), T.link_sentence(self.link(m.id, "fr")))
            out.extend(" ".join(p) + "\n" for p in paras)
            while inline and (i in slots or i == len(m.headings) - 1):
                d = inline.pop(0)
                out.append("```decision")
                out.extend(yaml_lines(d.fields))
                out.append("---")
                text = " ".join(T.paragraph(T.ri(2, 4)))
                if r.random() < 0.3:
                    text += " " + T.link_sentence(self.link(d.id, "fr"))
                out.append(text)
                out.append("```\n")
                if i in slots:
                    slots.remove(i)
        out.append(f"Séance levée à {T.ri(11, 22)} h. Prochaine réunion : {T.ri(1, 28)} "
                   f"{r.choice(MONTHS_FR)} {m.date.year + (1 if m.date.month == 12 else 0)}.")
        return "\n".join(out) + "\n"

    def translation_text(self, page):
        f = [("title", page.title_en)]
        for k, v in page.fields:
            if k == "topics":
                f.append((k, v))
        if self.r.random() < 0.5:
            f.append(("summary", self.en.sentence()))
        return front_matter(f) + self.body(page, "en", page.headings_en, self.en.ri(3, 8))

    def home_text(self):
        p = self.p
        intro = ("Bienvenue sur le wiki de la coopérative. Vous y trouverez le registre des décisions, "
                 "les mandats des comités, les principes et les comptes rendus de réunion.")
        links = " · ".join(f"[[{x.id}]]" for x in p.comms[:6])
        return front_matter([("title", "Coopérative Konbit")]) + intro + "\n\n## Comités\n\n" + links + "\n"


def write_site(plan, out, rng):
    content = os.path.join(out, "content")
    w = Writer(plan, rng)
    dirs = {os.path.dirname(os.path.join(content, p.path)) for p in plan.pages}
    for d in sorted(dirs):
        os.makedirs(d, exist_ok=True)
    total = 0
    files = 0

    def emit(rel, text):
        nonlocal total, files
        data = text.encode("utf-8")
        with open(os.path.join(content, rel), "wb") as fh:
            fh.write(data)
        total += len(data)
        files += 1

    with open(os.path.join(out, "site.yaml"), "w", encoding="utf-8") as fh:
        fh.write(site_yaml())
    emit("_index.md", w.home_text())
    for p in plan.pages:
        emit(p.path, w.page_text(p))
        if p.title_en:
            emit(p.path[:-3] + ".en.md", w.translation_text(p))
    return files, total


# --------------------------------------------------------------------------
# Hugo equivalent.

HUGO_TOML = """baseURL = "https://wiki.example.org/"
title = "Coopérative Konbit"
defaultContentLanguage = "fr"
defaultContentLanguageInSubdir = false
# cahier renders no taxonomies, feeds or sitemaps in this minimal comparison theme's place;
# keep Hugo to pages, sections and the home page.
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
uglyURLs = false
buildFuture = true
buildExpired = true
enableGitInfo = false
timeout = "600s"

[languages.fr]
weight = 1
languageName = "Français"
[languages.en]
weight = 2
languageName = "English"

[markup.goldmark.renderer]
unsafe = false
[markup.highlight]
codeFences = false
"""

BASEOF = """<!DOCTYPE html>
<html lang="{{ .Site.Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title>
</head>
<body>
<header><a href="{{ "/" | relLangURL }}">{{ .Site.Title }}</a>
<nav>{{ range .Site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav>
</header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"""

SINGLE = """{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
{{ .Content }}
</article>
<aside>
<ul>{{ range first 5 .CurrentSection.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ range .Translations }}<a href="{{ .RelPermalink }}" hreflang="{{ .Lang }}">{{ .Lang }}</a> {{ end }}
</aside>{{ end }}
"""

LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
"""

INDEX = """{{ define "main" }}<h1>{{ .Site.Title }}</h1>
{{ .Content }}
<ul>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
<ul>{{ range first 20 .Site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
"""


def write_hugo(src, dst):
    prepare_out(dst)
    src_content = os.path.join(src, "content")
    dst_content = os.path.join(dst, "content")
    linked = True
    for root, dirs, files in os.walk(src_content):
        dirs.sort()
        rel = os.path.relpath(root, src_content)
        target = os.path.join(dst_content, rel)
        os.makedirs(target, exist_ok=True)
        for f in sorted(files):
            s, d = os.path.join(root, f), os.path.join(target, f)
            if linked:
                try:
                    os.link(s, d)
                    continue
                except OSError:
                    linked = False
            shutil.copyfile(s, d)
    with open(os.path.join(dst, "hugo.toml"), "w", encoding="utf-8") as fh:
        fh.write(HUGO_TOML)
    layouts = os.path.join(dst, "layouts", "_default")
    os.makedirs(layouts, exist_ok=True)
    for name, text in [("baseof.html", BASEOF), ("single.html", SINGLE), ("list.html", LIST)]:
        with open(os.path.join(layouts, name), "w", encoding="utf-8") as fh:
            fh.write(text)
    with open(os.path.join(dst, "layouts", "index.html"), "w", encoding="utf-8") as fh:
        fh.write(INDEX)
    return linked


def prepare_out(out):
    """Refuse to overwrite a folder this script did not create."""
    if os.path.isdir(out) and os.listdir(out):
        if not os.path.exists(os.path.join(out, MARKER)):
            sys.exit(f"gen_corpus: {out} exists and was not made by gen_corpus.py; refusing to overwrite it")
        for name in os.listdir(out):
            path = os.path.join(out, name)
            if name != MARKER:
                shutil.rmtree(path) if os.path.isdir(path) and not os.path.islink(path) else os.remove(path)
    os.makedirs(out, exist_ok=True)
    open(os.path.join(out, MARKER), "w").close()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, required=True, help="number of Markdown files to write (>= 100)")
    ap.add_argument("--out", required=True, help="site folder to create")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--hugo", metavar="DIR2", help="also write an equivalent Hugo site there")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    rng = random.Random(args.seed)
    plan = Planner(args.pages, rng).plan()
    prepare_out(args.out)
    files, total = write_site(plan, args.out, rng)
    t1 = time.perf_counter()
    inline = sum(len(m.inline) for m in plan.meetings)
    trans = sum(1 for p in plan.wiki_pages if p.title_en)
    print(f"gen_corpus: {files} files ({len(plan.comms)} committees, {len(plan.meetings)} meetings with "
          f"{inline} inline decisions, {len(plan.decisions) - inline} decision files, "
          f"{len(plan.principle_pool)} principles, {len(plan.wiki_pages)} wiki pages + {trans} translations, "
          f"1 home), {total / 1e6:.1f} MB of Markdown, in {t1 - t0:.1f} s -> {args.out}", file=sys.stderr)
    if args.hugo:
        linked = write_hugo(args.out, args.hugo)
        print(f"gen_corpus: Hugo site ({'hard links' if linked else 'copies'}) in "
              f"{time.perf_counter() - t1:.1f} s -> {args.hugo}", file=sys.stderr)


if __name__ == "__main__":
    main()
