import { frenchTerritories, isFrenchTerritory } from '../phone/french-territories.ts';
import type { ExtraHoliday } from './holiday-source.ts';
import type { DayRule, RulePack, WindowLayer } from './rule-pack.ts';

const hour = 60;
const a: DayRule = 'allowed';
const t: DayRule = 'tolerated';
const b: DayRule = 'blocked';

/** AF2M Charte Business Messaging 2026: 08:00-21:30, Sundays and holidays tolerated. */
const charter: WindowLayer = {
  hours: { start: 8 * hour, end: 21 * hour + 30 },
  weekdays: [t, a, a, a, a, a, a],
  holiday: t,
};

/** The brief: 08:00-20:00, Monday to Saturday, no public holiday. */
const brief: WindowLayer = {
  hours: { start: 8 * hour, end: 20 * hour },
  weekdays: [b, a, a, a, a, a, a],
  holiday: b,
};

const goodFriday: ExtraHoliday = { name: 'Vendredi saint', easterOffset: -2 };
const schoelcher: ExtraHoliday = { name: 'Fête de Victor Schœlcher', month: 7, day: 21 };
const abolition = (month: number, day: number): ExtraHoliday => ({
  name: 'Abolition de l’esclavage',
  month,
  day,
});

/** Alsace-Moselle départements (rules.md HOL-03). */
const alsaceMoselle = new Set(['57', '67', '68']);

const departmentTerritories: Record<string, string> = {
  '971': 'GP',
  '972': 'MQ',
  '973': 'GF',
  '974': 'RE',
  '975': 'PM',
  '976': 'YT',
  '977': 'BL',
  '978': 'MF',
  '986': 'WF',
  '987': 'PF',
  '988': 'NC',
};

/**
 * The FR rule pack (rules.md FR-TIME-01, HOL-01..08): every French territory, layered windows
 * (law: none for SMS; charter: the floor; policy: brief by default; advice: best slots).
 */
export const frenchRulePack: RulePack = {
  id: 'FR',
  regions: Object.keys(frenchTerritories),
  floor: charter,
  policies: { brief, charter },
  defaultPolicy: 'brief',
  advice: [
    { start: 11 * hour, end: 12 * hour + 30 },
    { start: 18 * hour, end: 19 * hour + 30 },
  ],
  zonesOf: (territory) => (isFrenchTerritory(territory) ? frenchTerritories[territory].zones : []),
  holidayZones: {
    FR: { country: 'FR', extras: [] },
    'FR-AM': {
      country: 'FR',
      state: '57',
      extras: [goodFriday, { name: 'Saint-Étienne', month: 12, day: 26 }],
    },
    GP: {
      country: 'GP',
      extras: [abolition(5, 27), schoelcher, goodFriday, { name: 'Mi-Carême', easterOffset: -24 }],
    },
    BL: { country: 'BL', extras: [abolition(10, 9)] },
    MF: { country: 'MF', extras: [abolition(5, 27), abolition(5, 28)] },
    MQ: { country: 'MQ', extras: [abolition(5, 22), schoelcher, goodFriday] },
    GF: { country: 'GF', extras: [abolition(6, 10)] },
    RE: { country: 'RE', extras: [abolition(12, 20)] },
    YT: { country: 'YT', extras: [abolition(4, 27)] },
    PM: { country: 'PM', extras: [] },
    WF: {
      country: 'WF',
      extras: [
        { name: 'Saint Pierre Chanel', month: 4, day: 28 },
        { name: 'Fête du Territoire', month: 7, day: 29 },
      ],
    },
    NC: { country: 'NC', extras: [{ name: 'Fête de la citoyenneté', month: 9, day: 24 }] },
    PF: {
      country: 'PF',
      extras: [
        { name: 'Arrivée de l’Évangile', month: 3, day: 5 },
        goodFriday,
        { name: 'Fête de l’autonomie', month: 6, day: 29 },
      ],
    },
  },
  holidayZonesFor(territory, department) {
    if (territory !== 'FR') return [territory];
    // HOL-03, FR-TIME-05: Alsace-Moselle unless the département is known to be elsewhere.
    if (department !== null && !alsaceMoselle.has(department)) return ['FR'];
    return ['FR-AM'];
  },
  territoryOfDepartment(department) {
    if (departmentTerritories[department]) return departmentTerritories[department];
    return /^(?:0[1-9]|[1-8]\d|9[0-5]|2A|2B)$/.test(department) ? 'FR' : null;
  },
};
