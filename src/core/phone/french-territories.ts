/**
 * French territories with their own numbering or time zone (rules.md FR-NUM-01, HOL-05b). The
 * IANA zones are the recipient's local time; French Polynesia spans three of them.
 */
export const frenchTerritories = {
  FR: { name: 'France métropolitaine', callingCode: '33', zones: ['Europe/Paris'] },
  GP: { name: 'Guadeloupe', callingCode: '590', zones: ['America/Guadeloupe'] },
  BL: { name: 'Saint-Barthélemy', callingCode: '590', zones: ['America/St_Barthelemy'] },
  MF: { name: 'Saint-Martin', callingCode: '590', zones: ['America/Marigot'] },
  MQ: { name: 'Martinique', callingCode: '596', zones: ['America/Martinique'] },
  GF: { name: 'Guyane', callingCode: '594', zones: ['America/Cayenne'] },
  RE: { name: 'La Réunion', callingCode: '262', zones: ['Indian/Reunion'] },
  YT: { name: 'Mayotte', callingCode: '262', zones: ['Indian/Mayotte'] },
  PM: { name: 'Saint-Pierre-et-Miquelon', callingCode: '508', zones: ['America/Miquelon'] },
  WF: { name: 'Wallis-et-Futuna', callingCode: '681', zones: ['Pacific/Wallis'] },
  NC: { name: 'Nouvelle-Calédonie', callingCode: '687', zones: ['Pacific/Noumea'] },
  PF: {
    name: 'Polynésie française',
    callingCode: '689',
    zones: ['Pacific/Tahiti', 'Pacific/Marquesas', 'Pacific/Gambier'],
  },
} as const satisfies Record<
  string,
  { name: string; callingCode: string; zones: readonly string[] }
>;

export type FrenchTerritory = keyof typeof frenchTerritories;

export function isFrenchTerritory(code: string): code is FrenchTerritory {
  return Object.hasOwn(frenchTerritories, code);
}

/**
 * Regions tried, in order, for a national number typed with a French default region
 * (rules.md FR-NUM-02): metropolitan first, then the overseas plans sharing the 0 prefix.
 */
export const frenchNationalCandidates = [
  'FR',
  'GP',
  'BL',
  'MF',
  'MQ',
  'GF',
  'RE',
  'YT',
  'PM',
] as const;

/** Calling codes whose every candidate territory is French. */
export const frenchCallingCodes = new Set<string>(
  Object.values(frenchTerritories).map((t) => t.callingCode),
);
