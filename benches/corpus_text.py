"""Words and sentences for the benchmark corpus: French (and English) prose
about a cooperative, with its accents and elisions, and the spec's slug.

Used by gen_corpus.py; standard library only.
"""

import functools
import re
import unicodedata

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

# Proper names made of syllables, with what they name: a page mentions a few
# of its own (PROPER_NAMES), which only it (and rare namesakes) uses.
SYLLABLES = ["ker", "mal", "vor", "lin", "tan", "bro", "ga", "ri", "sel", "mo", "dun", "bar", "lé", "za", "pol",
             "thi", "nou", "ca", "vel", "rou", "mi", "sta", "gor", "ben", "fa", "lu", "tré", "dor", "qui", "san"]
KINDS_FR = ["le fournisseur", "le client", "le projet", "le chantier", "le logiciel", "le contrat", "le programme",
            "la machine", "la tournée", "l'entreprise", "la gamme", "le dossier"]
KINDS_EN = ["the supplier", "the customer", "the project", "the building site", "the software", "the contract",
            "the programme", "the machine", "the delivery round", "the company", "the product line", "the file"]
PROPER_NAMES = 3

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
        self.all_nouns = NOUNS_FR if fr else NOUNS_EN
        # The list the templates draw from; focus() narrows it to one page's subjects.
        self.nouns = list(self.all_nouns)
        self.subj_s = SUBJ_S_FR if fr else SUBJ_S_EN
        self.subj_p = SUBJ_P_FR if fr else SUBJ_P_EN
        self.verbs = VERBS_FR if fr else VERBS_EN
        self.conn = CONN_FR if fr else CONN_EN
        self.compl = COMPL_FR if fr else COMPL_EN
        self.months = MONTHS_FR if fr else MONTHS_EN
        self.templates = self._fr_templates() if fr else self._en_templates()

    def focus(self, k):
        """Until unfocus(), draw nouns from k common ones and a few proper names
        of this page's own (a supplier, a project…): a page keeps to its
        subjects and has words of its own, as real ones do, so two pages on one
        topic do not look like repeats to cahier's possible-repeat detection."""
        kinds = KINDS_FR if self.lang == "fr" else KINDS_EN
        own = [f"{self.ch(kinds)} {self.proper_name()}" for _ in range(PROPER_NAMES)]
        self.nouns[:] = self.r.sample(self.all_nouns, k) + own * 2

    def proper_name(self):
        return cap("".join(self.ch(SYLLABLES) for _ in range(self.ri(2, 3))))

    def unfocus(self):
        self.nouns[:] = self.all_nouns

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
