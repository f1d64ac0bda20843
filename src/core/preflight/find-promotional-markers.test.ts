import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findPromotionalMarkers } from './find-promotional-markers.ts';

// FR-SCOPE-01: heuristic flags for review.
const promotional: Array<[string, string]> = [
  ['Dupont Meubles: -20% sur tout le magasin ce samedi !', 'pourcentage de remise'],
  ['Jusqu’à 30 % de réduction', 'réduction'],
  ['Canapé à 499 € seulement', 'prix en euros'],
  ['Canapé à 499,90 EUR', 'prix en euros'],
  ['Notre PROMO de Noël', 'promo'],
  ['Les SOLDES commencent', 'soldes'],
  ['Une offre exceptionnelle', 'offre'],
  ['Livraison offerte dès 50 €', 'offre'],
  ['Avec le code NOEL20', 'code promo'],
  ['Votre code promo : bienvenue', 'code promo'],
  ['Un cadeau GRATUIT pour vous', 'gratuit'],
  ['Vente privée ce week-end', 'bon plan'],
  ['Profitez-en vite', 'incitation'],
  ['Grand jeu concours', 'jeu concours'],
  ['Une remise immédiate', 'réduction'],
];

for (const [text, label] of promotional) {
  test(`promotional marker "${label}" in: ${text}`, () => {
    assert.ok(findPromotionalMarkers(text).includes(label), findPromotionalMarkers(text).join());
  });
}

const transactional = [
  'Votre colis arrive demain entre 8h et 12h.',
  'Votre code de vérification est 482913.',
  'Code : 123456',
  'Votre rendez-vous est confirmé mardi à 14h30.',
  'Le code postal de livraison a été mis à jour.',
  'Votre commande n° 4521 est expédiée.',
];

for (const text of transactional) {
  test(`no marker in transactional text: ${text}`, () => {
    assert.deepEqual(findPromotionalMarkers(text), []);
  });
}
