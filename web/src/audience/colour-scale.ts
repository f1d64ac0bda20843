/**
 * Sequential colour classes of the département map: zero is its own grey class (no contact there
 * is not "a few"), then up to five classes of equal width between 1 and the largest count. Class
 * bounds are whole numbers, so the legend reads "1–4, 5–8…" and never splits a count.
 */
export const emptyColour = '#e6e6e6';
/** ColorBrewer "Blues" (5 classes): light to dark, each readable against the next. */
export const classColours = ['#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'] as const;

export interface ColourClass {
  readonly from: number;
  readonly to: number;
  readonly colour: string;
}

export function buildColourScale(counts: readonly number[]): {
  classes: readonly ColourClass[];
  colourOf: (count: number) => string;
} {
  for (const c of counts) {
    if (!Number.isInteger(c) || c < 0) throw new Error(`counts: ${c} is not a whole count >= 0`);
  }
  const max = Math.max(0, ...counts);
  const n = Math.min(classColours.length, max);
  const classes: ColourClass[] = [];
  let from = 1;
  for (let i = 1; i <= n; i++) {
    const to = Math.round((max * i) / n);
    if (to < from) continue;
    // Spread the darkest colours first so a two-class map still shows a clear contrast.
    const colour =
      classColours[Math.round(((i - 1) * (classColours.length - 1)) / Math.max(1, n - 1))];
    classes.push({ from, to, colour: colour as string });
    from = to + 1;
  }
  const colourOf = (count: number) =>
    count <= 0 ? emptyColour : (classes.find((k) => count <= k.to)?.colour ?? emptyColour);
  return { classes, colourOf };
}
