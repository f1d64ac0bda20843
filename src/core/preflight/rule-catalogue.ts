/**
 * The rules the preflight checks, with their layer (rules.md "Rule layers") and their source, as
 * shown in findings and in the compliance certificate. Ids are those of rules.md; TX-* are
 * Texto's own product rules.
 */
export type RuleLayer = 'law' | 'charter' | 'policy' | 'advice';

export interface RuleEntry {
  readonly layer: RuleLayer;
  readonly title: string;
  readonly source: string;
}

export const ruleCatalogue = {
  'FR-SCOPE-01': {
    layer: 'law',
    title: 'Prospection directe : un message « transactionnel » ne doit pas être promotionnel',
    source: 'L34-5 CPCE al. 3 ; Charte AF2M Business Messaging 2024/2026 (messages fonctionnels)',
  },
  'FR-CONS-01': {
    layer: 'law',
    title: 'Consentement préalable du destinataire',
    source:
      'L34-5 al. 1–2 CPCE ; CNIL « La prospection commerciale par SMS-MMS » ; RGPD art. 4(11)',
  },
  'FR-CONS-04': {
    layer: 'law',
    title:
      'Prospection non commerciale : association ou organisme caritatif, message sans but commercial',
    source: 'CNIL « La prospection commerciale par SMS-MMS »',
  },
  'FR-CONS-05': {
    layer: 'law',
    title: 'Exception B2B : numéro professionnel, message en rapport avec la profession',
    source: 'CNIL, délibération du 17 février 2005 ; pages CNIL SMS et e-mail B2B',
  },
  'FR-CONS-07': {
    layer: 'law',
    title: 'Consentement de plus de 3 ans sans interaction : caduc',
    source: 'CNIL, référentiel « gestion des activités commerciales » (recommandation)',
  },
  'OPT-01': {
    layer: 'law',
    title: 'Opposition (STOP) respectée immédiatement et sans limite de durée',
    source: 'L34-5 CPCE ; RGPD art. 21(2)–(3) ; Charte AF2M 2026',
  },
  'FR-MSG-01': {
    layer: 'law',
    title: 'Annonceur identifié par l’émetteur ou le texte',
    source:
      'L34-5 CPCE ; CNIL « La prospection commerciale par SMS-MMS » (identité de l’annonceur)',
  },
  'FR-MSG-02': {
    layer: 'law',
    title: 'Moyen d’opposition gratuit (STOP au 36xxx) dans chaque message',
    source: 'L34-5 CPCE ; CNIL ; Charte AF2M 2026',
  },
  'FR-MSG-04': {
    layer: 'policy',
    title: 'Longueur et encodage du message (GSM-7 160/153, UCS-2 70/67)',
    source: 'GSM 03.38 / 3GPP TS 23.038 ; politique Texto (1 SMS par défaut)',
  },
  'FR-MSG-05': {
    layer: 'law',
    title: 'Secteurs interdits de prospection par SMS hors contrat en cours',
    source:
      'Loi 2025-594 (rénovation énergétique, adaptation du logement) ; L6323-8-1 C. trav. (CPF)',
  },
  'FR-SND-01': {
    layer: 'charter',
    title: 'Émetteur : jamais un numéro 06/07',
    source: 'Décisions ARCEP 2018-0881 et 2022-1583 ; AF2M',
  },
  'FR-SND-02': {
    layer: 'charter',
    title: 'Émetteur : short code 36xxx ou OADC alphanumérique de 11 caractères au plus',
    source: 'AF2M « protection des OADC sensibles », « SMS marketing »',
  },
  'FR-SND-03': {
    layer: 'charter',
    title: 'Émetteur : OADC génériques ou protégés interdits',
    source: 'AF2M ; règles opérateurs depuis le 10 mars 2025',
  },
  'FR-NUM-03': {
    layer: 'policy',
    title: 'Numéro du destinataire valide, mobile, couvert par un pack de règles',
    source: 'Métadonnées libphonenumber ; plan de numérotation ARCEP',
  },
  'FR-TIME-01': {
    layer: 'policy',
    title:
      'Fenêtre d’envoi dans l’heure locale du destinataire (08:00–20:00, lundi–samedi, hors fériés)',
    source: 'Charte AF2M 2024/2026 (plancher) ; politique Texto (brief)',
  },
  'LIST-01': {
    layer: 'law',
    title: 'Fichier tiers : le formulaire de collecte nomme l’annonceur parmi les partenaires',
    source:
      'CNIL 28/12/2018 (transmission à des partenaires) ; CNIL SAN-2023-015 (Canal+) ; question pendante CJUE C-317/25',
  },
  'LIST-03': {
    layer: 'law',
    title: 'Fichier tiers : mention de la source des données et des droits dès le premier message',
    source:
      'RGPD art. 14(2)(f), 14(3)(b), 21(4) ; CNIL 28/12/2018 (transmission à des partenaires)',
  },
  'LIST-05': {
    layer: 'policy',
    title: 'Location de fichier : une seule campagne par licence',
    source: 'Pratique contractuelle (location = usage unique) ; contrat de licence Texto',
  },
  'TX-DUP-01': {
    layer: 'policy',
    title: 'Un numéro ne reçoit qu’un message par campagne',
    source: 'Politique Texto (dédoublonnage des audiences et licences)',
  },
  'TX-RCP-01': {
    layer: 'policy',
    title: 'Au moins un destinataire éligible',
    source: 'Politique Texto',
  },
  'TX-SND-01': {
    layer: 'policy',
    title: 'Émetteur parmi les expéditeurs approuvés de l’espace de travail (s’il en a)',
    source: 'Politique Texto (réglages de l’espace de travail)',
  },
  'TX-TPL-01': {
    layer: 'policy',
    title: 'Chaque champ de fusion a une valeur ou une valeur par défaut',
    source: 'Politique Texto (modèles de message)',
  },
  'TX-PLAN-01': {
    layer: 'policy',
    title: 'Chaque message planifié avant la date limite (sinon non planifiable)',
    source: 'Politique Texto ; FR-TIME-02 (jamais d’envoi hors fenêtre)',
  },
  'ADV-SLOT-01': {
    layer: 'advice',
    title: 'Créneaux conseillés 11:00–12:30 et 18:00–19:30',
    source: 'Conseil marketing du brief (NON SOURCÉ)',
  },
} as const satisfies Record<string, RuleEntry>;

export type RuleId = keyof typeof ruleCatalogue;
