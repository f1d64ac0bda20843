/**
 * A deterministic corpus of realistic French marketing SMS for bench/message.ts: shops,
 * restaurants, e-commerce, events and reminders, with the traps of real French copy (accents,
 * ’ apostrophes, « guillemets », narrow no-break spaces before ! ? : ;, €, emoji, first names
 * merged from a template), STOP mentions in several forms (or missing), and a mix of senders.
 */

export interface CorpusEntry {
  readonly text: string;
  readonly sender: string;
  readonly purpose: 'promotional' | 'transactional';
}

let seed = 2026;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}
function pick<T>(items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

const brands = [
  'Dupont Meubles',
  'Boulangerie Martin',
  'Optique Lefèvre',
  'Pizzeria Napoli',
  'Maison Gaillard',
  'Coiffure Élodie',
  'Garage Moreau',
  'Fleurs & Co',
  'Librairie Le Château',
  'Sport 2000 Brest',
  'Bijouterie Rousseau',
  'Cave Saint-Émilion',
];
const senders = [
  'DUPONT',
  'MARTIN',
  'OPTLEFEVRE',
  'NAPOLI',
  'GAILLARD',
  'ELODIE',
  'MOREAU',
  'FLEURSCO',
  'CHATEAU',
  'SPORT2000',
  '36180',
  '38100',
  'PROMO',
  'DUPONT-MEUB',
  '0612345678',
  '+262692123456',
  'BIJOUXROUSSEAU',
];
const names = [
  'Marie',
  'Jean',
  'Hélène',
  'Anaïs',
  'Noël',
  'Zoé',
  'Chloé',
  'Loïc',
  'Françoise',
  'Théo',
  'Inès',
  'Benoît',
  'client',
];
const openings = [
  'Bonjour {name},',
  'Chère {name},',
  '{name}, ',
  'Exclusif\u202f:',
  'Exclusif :',
  'Bonjour {name} !',
  'Salut {name} !',
  'VENTE PRIVÉE\u202f!',
  '🎉 {name},',
  'Dernier jour\u202f!',
  'Nouveau\u00a0:',
  '',
];
const offers = [
  '-20% sur tout le magasin ce samedi',
  "-30 % sur la nouvelle collection jusqu'à dimanche",
  'votre 2e paire à 1 € chez {brand}',
  "la livraison est offerte dès 49 € d'achat",
  'profitez de nos « Jours fous » : jusqu’à -50 %',
  'une pizza achetée = une pizza offerte ce soir 🍕',
  'votre carte fidélité vous offre 10 € de réduction',
  "les soldes d'hiver commencent mercredi à 8 h",
  'dégustation gratuite de nos crus vendredi dès 18h',
  'votre bon de 15€ expire dans 3 jours',
  'découvrez nos menus de fêtes à partir de 29,90 €',
  'l’atelier de Noël des enfants est ouvert : inscription gratuite',
  'nos bûches pâtissières sont à réserver avant le 20/12',
  'offre spéciale fête des mères : 1 bouquet acheté = 1 carte offerte',
];
const closings = [
  'Code\u00a0: NOEL24.',
  'Rdv sur dupont.fr',
  'Infos au 01 23 45 67 89.',
  'À très vite !',
  'Offre valable jusqu’au 31/12.',
  "Offre valable jusqu'au 31/12.",
  'Profitez-en vite !',
  'Voir conditions en magasin…',
  '[Offre limitée]',
  '',
];
const stops = [
  'STOP au 36180',
  'STOP SMS 36180',
  'Stop : 36 180',
  'stop au 36 180',
  'STOP au 36111',
  'STOP\u00a0au\u00a036180',
  'Répondez STOP',
  '',
];
const transactional = [
  'Votre commande n°{n} est expédiée. Suivi : dupont.fr/suivi',
  'Rappel : votre RDV chez {brand} demain à 10h30. Pour annuler, appelez-nous.',
  'Votre code de vérification est {n}. Il expire dans 10 minutes.',
  '{name}, votre colis est disponible en point relais jusqu’au 12/12.',
];

function fill(template: string): string {
  return template
    .replaceAll('{name}', pick(names))
    .replaceAll('{brand}', pick(brands))
    .replaceAll('{n}', String(Math.floor(random() * 900_000) + 100_000));
}

/** `size` entries, the same on every run. */
export function buildFrenchCorpus(size = 400): CorpusEntry[] {
  seed = 2026;
  const corpus: CorpusEntry[] = [];
  for (let i = 0; i < size; i += 1) {
    if (random() < 0.15) {
      corpus.push({
        text: fill(pick(transactional)),
        sender: pick(senders),
        purpose: 'transactional',
      });
      continue;
    }
    const parts = [
      `${pick(brands)} :`,
      pick(openings),
      pick(offers),
      '!',
      pick(closings),
      random() < 0.3 ? pick(closings) : '',
      pick(stops),
    ].filter((p) => p !== '');
    corpus.push({ text: fill(parts.join(' ')), sender: pick(senders), purpose: 'promotional' });
  }
  return corpus;
}
