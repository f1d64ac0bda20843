/**
 * Hand-made horizontal SVG bars (no chart library: the bundle stays small). The figure has a
 * text alternative listing every value, so the numbers are not only in the picture.
 */
export function BarChart(props: {
  title: string;
  rows: readonly { label: string; value: number }[];
  format?: (n: number) => string;
}) {
  const max = Math.max(1, ...props.rows.map((r) => r.value));
  const format = props.format ?? ((n: number) => n.toLocaleString());
  const rowHeight = 24;
  const labelWidth = 120;
  const barSpace = 270;
  const height = Math.max(rowHeight, props.rows.length * rowHeight);
  const alt = `${props.title}: ${props.rows.map((r) => `${r.label} ${format(r.value)}`).join(', ')}`;
  return (
    <figure className="bar-chart">
      <figcaption>{props.title}</figcaption>
      <svg
        role="img"
        aria-label={alt}
        viewBox={`0 0 440 ${height}`}
        width="100%"
        style={{ maxWidth: 560 }}
      >
        {props.rows.map((r, i) => {
          const width = (r.value / max) * barSpace;
          return (
            <g key={r.label} transform={`translate(0 ${i * rowHeight})`}>
              <text x={labelWidth - 8} y="16" fontSize="13" textAnchor="end" fill="#1a1a1a">
                {r.label}
              </text>
              <rect x={labelWidth} y="5" height="14" width={width} fill="#1f4fa8" rx="2" />
              <text x={labelWidth + width + 6} y="16" fontSize="13" fill="#1a1a1a">
                {format(r.value)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
