/**
 * Pure geometry for scripts/build-department-map.ts: read SVG rings and TopoJSON polygons, project
 * longitude/latitude into an inset frame, simplify, and write compact SVG path data. Runs at
 * build time only: the browser receives the finished path strings.
 */

export type Point = readonly [number, number];
export type Ring = Point[];

/**
 * The rings of an SVG path made of relative `m` (with implicit line-tos) and `z` commands, the
 * only ones @svg-maps uses. After `z` the pen is back at the ring's first point (SVG spec).
 */
export function parseRelativePath(d: string): Ring[] {
  const tokens = d.match(/[a-zA-Z]|-?\d*\.?\d+(?:e-?\d+)?/g) ?? [];
  const rings: Ring[] = [];
  let ring: Ring = [];
  let x = 0;
  let y = 0;
  let start: Point = [0, 0];
  for (let i = 0; i < tokens.length; ) {
    const token = tokens[i] as string;
    if (token === 'z' || token === 'Z') {
      if (ring.length > 0) rings.push(ring);
      ring = [];
      [x, y] = start;
      i += 1;
      continue;
    }
    if (token !== 'm') throw new Error(`path: command '${token}' is not supported (only m and z)`);
    i += 1;
    if (ring.length > 0) rings.push(ring);
    ring = [];
    let first = true;
    while (i + 1 < tokens.length && /\d/.test(tokens[i] as string)) {
      x += Number(tokens[i]);
      y += Number(tokens[i + 1]);
      if (first) start = [x, y];
      first = false;
      ring.push([x, y]);
      i += 2;
    }
  }
  if (ring.length > 0) rings.push(ring);
  return rings;
}

export interface Topology {
  transform: { scale: [number, number]; translate: [number, number] };
  arcs: number[][][];
}

/** Delta-decoded, de-quantized arcs (longitude, latitude) of a TopoJSON topology. */
export function decodeArcs(topology: Topology): Ring[] {
  const [sx, sy] = topology.transform.scale;
  const [tx, ty] = topology.transform.translate;
  return topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      x += dx as number;
      y += dy as number;
      return [x * sx + tx, y * sy + ty] as const;
    });
  });
}

/** A ring from arc indexes (a negative index ~i is arc i reversed); shared ends are not doubled. */
export function ringOfArcs(arcs: readonly Ring[], indexes: readonly number[]): Ring {
  const ring: Ring = [];
  for (const index of indexes) {
    const arc = index < 0 ? [...(arcs[~index] as Ring)].reverse() : (arcs[index] as Ring);
    ring.push(...(ring.length > 0 ? arc.slice(1) : arc));
  }
  return ring;
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export function boundsOf(rings: readonly Ring[]): Box {
  const xs = rings.flatMap((r) => r.map((p) => p[0]));
  const ys = rings.flatMap((r) => r.map((p) => p[1]));
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

/**
 * Equirectangular projection at the rings' mean latitude (true shapes for an island a few tens
 * of km wide), scaled to fit the frame, centred, north up.
 */
export function projectIntoFrame(rings: readonly Ring[], frame: Box): Ring[] {
  const b = boundsOf(rings);
  const k = Math.cos(((b.y + b.height / 2) * Math.PI) / 180);
  const width = b.width * k;
  const scale = Math.min(frame.width / width, frame.height / b.height);
  const dx = frame.x + (frame.width - width * scale) / 2;
  const dy = frame.y + (frame.height - b.height * scale) / 2;
  return rings.map((r) =>
    r.map(([lon, lat]) => [dx + (lon - b.x) * k * scale, dy + (b.y + b.height - lat) * scale]),
  );
}

/** Douglas–Peucker on a closed ring: keeps the first point and the one farthest from it. */
export function simplifyRing(ring: Ring, tolerance: number): Ring {
  if (ring.length <= 4) return ring;
  const first = ring[0] as Point;
  let far = 1;
  let farDistance = -1;
  for (let i = 1; i < ring.length; i++) {
    const d = Math.hypot((ring[i] as Point)[0] - first[0], (ring[i] as Point)[1] - first[1]);
    if (d > farDistance) [far, farDistance] = [i, d];
  }
  const closed = [...ring, first];
  const a = simplifyLine(closed.slice(0, far + 1), tolerance);
  const b = simplifyLine(closed.slice(far), tolerance);
  return [...a, ...b.slice(1, -1)];
}

function simplifyLine(line: Ring, tolerance: number): Ring {
  if (line.length <= 2) return line;
  const a = line[0] as Point;
  const b = line[line.length - 1] as Point;
  let index = 0;
  let max = -1;
  for (let i = 1; i < line.length - 1; i++) {
    const d = distanceToSegment(line[i] as Point, a, b);
    if (d > max) [index, max] = [i, d];
  }
  if (max <= tolerance) return [a, b];
  const left = simplifyLine(line.slice(0, index + 1), tolerance);
  return [...left, ...simplifyLine(line.slice(index), tolerance).slice(1)];
}

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const length2 = dx * dx + dy * dy;
  const t =
    length2 === 0
      ? 0
      : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

/** Twice the signed area (shoelace); the simplification test keeps areas close. */
export function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i] as Point;
    const [x2, y2] = ring[(i + 1) % ring.length] as Point;
    sum += x1 * y2 - x2 * y1;
  }
  return Math.abs(sum) / 2;
}

/**
 * Compact SVG path data: an absolute `M`, then relative `l` steps, at one decimal. Steps are
 * differences of rounded positions, so no rounding error accumulates along the ring; repeated
 * points and rings that shrink under three points are dropped.
 */
export function formatPath(rings: readonly Ring[]): string {
  // '0.4' is written '.4': a fifth of the file is leading zeros otherwise.
  const tenth = (n: number) => String(n / 10).replace(/^(-?)0\./, '$1.');
  const parts: string[] = [];
  for (const ring of rings) {
    const points: Array<[number, number]> = [];
    for (const [x, y] of ring) {
      const p: [number, number] = [Math.round(x * 10), Math.round(y * 10)];
      const last = points[points.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) points.push(p);
    }
    if (points.length < 3) continue;
    const [first, ...rest] = points as [[number, number], ...Array<[number, number]>];
    let [px, py] = first;
    const steps = rest.map(([x, y]) => {
      const step = `${tenth(x - px)} ${tenth(y - py)}`;
      [px, py] = [x, y];
      return step;
    });
    parts.push(`M${tenth(first[0])} ${tenth(first[1])}l${steps.join(' ')}z`);
  }
  return parts.join('').replace(/ -/g, '-');
}
