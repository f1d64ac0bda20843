import { type KeyboardEvent, useMemo, useRef, useState } from 'react';
import { useT } from '../i18n/i18n-context.tsx';
import { buildColourScale, emptyColour } from './colour-scale.ts';
import { insetFrames, mapViewBox, zoomFrame } from './department-layout.ts';
import { departmentShapes } from './department-shapes.ts';

interface Tip {
  code: string;
  x: number;
  y: number;
}

/**
 * Choropleth of the audience by département (issue 10), loaded on demand (React.lazy) so its
 * 26 kB of paths stay out of the initial bundle. One tab stop: the arrow keys, Home/End or a typed
 * département number move the focus between départements (roving tabindex); each announces its
 * name, count and share. The bar chart next to it stays the table-like alternative.
 */
export default function DepartmentMap(props: { counts: Readonly<Record<string, number>> }) {
  const t = useT();
  const lang = document.documentElement.lang || 'fr';
  const box = useRef<HTMLDivElement>(null);
  const typed = useRef({ text: '', at: 0 });
  const [tip, setTip] = useState<Tip | undefined>();
  const [stop, setStop] = useState(departmentShapes[0]?.code ?? '');
  const countOf = (code: string) => props.counts[code] ?? 0;
  const total = Object.values(props.counts).reduce((a, b) => a + b, 0);
  const scale = useMemo(
    () => buildColourScale(departmentShapes.map((s) => props.counts[s.code] ?? 0)),
    [props.counts],
  );
  const drawn = new Set(departmentShapes.map((s) => s.code));
  const offMap = Object.keys(props.counts).filter((k) => !drawn.has(k));
  const n = (x: number) => x.toLocaleString(lang);
  const share = (count: number) =>
    (total === 0 ? 0 : count / total).toLocaleString(lang, {
      style: 'percent',
      maximumFractionDigits: 1,
    });
  const labelOf = (s: { code: string; name: string }) =>
    t('map.shape', {
      name: s.name,
      code: s.code,
      count: n(countOf(s.code)),
      share: share(countOf(s.code)),
    });

  function show(code: string, target: Element) {
    const outer = box.current?.getBoundingClientRect();
    const r = target.getBoundingClientRect();
    if (!outer) return;
    setTip({ code, x: r.left + r.width / 2 - outer.left, y: r.top - outer.top });
  }

  function move(e: KeyboardEvent<SVGPathElement>) {
    const index = departmentShapes.findIndex((s) => s.code === stop);
    let next = index;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = index + 1;
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = index - 1;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = departmentShapes.length - 1;
    else if (/^[0-9ab]$/i.test(e.key)) {
      // Typing "7", "5" within a second reaches Paris; "2a" Corse-du-Sud.
      const now = Date.now();
      const text = (now - typed.current.at < 1000 ? typed.current.text : '') + e.key.toUpperCase();
      typed.current = { text, at: now };
      const found = departmentShapes.findIndex((s) => s.code.startsWith(text));
      if (found >= 0) next = found;
    } else return;
    e.preventDefault();
    const target = departmentShapes[Math.max(0, Math.min(departmentShapes.length - 1, next))];
    if (!target) return;
    setStop(target.code);
    const element = box.current?.querySelector<SVGPathElement>(`path[data-code="${target.code}"]`);
    element?.focus();
  }

  const active = departmentShapes.find((s) => s.code === tip?.code);
  /** Centred over the shape, but kept inside the map near its left and right edges. */
  const tipShift = (x: number) => {
    const width = box.current?.clientWidth ?? 620;
    if (x < 90) return '-10%';
    return x > width - 90 ? '-90%' : '-50%';
  };
  return (
    <figure className="bar-chart department-map" data-testid="department-map">
      <figcaption>{t('map.title')}</figcaption>
      <p className="hint">{t('map.hint')}</p>
      <div ref={box} style={{ position: 'relative', maxWidth: 620 }}>
        {/* biome-ignore lint/a11y/useSemanticElements: an SVG group of shapes, no fieldset here */}
        <svg viewBox={mapViewBox} width="100%" role="group" aria-label={t('map.title')}>
          {insetFrames.map((f) => (
            <g key={f.code}>
              <rect x={f.x} y={f.y} width={f.width} height={f.height} fill="none" stroke="#bbb" />
              <text x={f.x + f.width / 2} y={f.y + f.height + 11} fontSize="10" textAnchor="middle">
                {departmentShapes.find((s) => s.code === f.code)?.name}
              </text>
            </g>
          ))}
          <g>
            {departmentShapes.map((s) => (
              // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: a data shape (img) focusable to read its figures
              <path
                key={s.code}
                d={s.d}
                data-code={s.code}
                data-count={countOf(s.code)}
                fill={scale.colourOf(countOf(s.code))}
                stroke="#fff"
                strokeWidth={0.6}
                role="img"
                tabIndex={s.code === stop ? 0 : -1}
                aria-label={labelOf(s)}
                onKeyDown={move}
                style={{ outline: 'none', cursor: 'default' }}
                onMouseEnter={(e) => show(s.code, e.currentTarget)}
                onMouseLeave={() => setTip(undefined)}
                onFocus={(e) => {
                  setStop(s.code);
                  show(s.code, e.currentTarget);
                }}
                onBlur={() => setTip(undefined)}
              />
            ))}
          </g>
          {active && (
            <path d={active.d} fill="none" stroke="#000" strokeWidth={1.6} pointerEvents="none" />
          )}
          <g data-testid="map-zoom">
            <rect
              x={zoomFrame.x}
              y={zoomFrame.y}
              width={zoomFrame.width}
              height={zoomFrame.height}
              fill="#fff"
              stroke="#bbb"
            />
            <text
              x={zoomFrame.x + zoomFrame.width / 2}
              y={zoomFrame.y + zoomFrame.height + 11}
              fontSize="10"
              textAnchor="middle"
            >
              {t('map.zoom')}
            </text>
            {/* The same shapes enlarged for the mouse; the keyboard reads the originals. */}
            <g transform={zoomFrame.transform}>
              {departmentShapes
                .filter((s) => (zoomFrame.codes as readonly string[]).includes(s.code))
                .map((s) => (
                  // biome-ignore lint/a11y/noStaticElementInteractions: a mouse-only copy; the keyboard reads the original shape
                  <path
                    key={s.code}
                    d={s.d}
                    data-zoom-code={s.code}
                    fill={scale.colourOf(countOf(s.code))}
                    stroke={tip?.code === s.code ? '#000' : '#fff'}
                    strokeWidth={tip?.code === s.code ? 1.6 : 0.6}
                    vectorEffect="non-scaling-stroke"
                    onMouseEnter={(e) => show(s.code, e.currentTarget)}
                    onMouseLeave={() => setTip(undefined)}
                  />
                ))}
            </g>
          </g>
        </svg>
        {active && tip && (
          <div
            className="map-tip"
            data-testid="map-tooltip"
            aria-hidden="true"
            style={{
              position: 'absolute',
              left: tip.x,
              top: tip.y,
              transform: `translate(${tipShift(tip.x)}, calc(-100% - 6px))`,
              background: '#1a1a1a',
              color: '#fff',
              padding: '0.3rem 0.5rem',
              borderRadius: 4,
              fontSize: '0.85rem',
              whiteSpace: 'nowrap',
              pointerEvents: 'none',
            }}
          >
            <strong>
              {active.name} ({active.code})
            </strong>
            <br />
            {n(countOf(active.code))} · {share(countOf(active.code))}
          </div>
        )}
      </div>
      <ul
        aria-label={t('map.legend')}
        style={{ display: 'flex', flexWrap: 'wrap', gap: '0.75rem', listStyle: 'none', padding: 0 }}
      >
        {[{ from: 0, to: 0, colour: emptyColour }, ...scale.classes].map((k) => (
          <li key={k.from} data-testid="map-legend-class">
            <span
              aria-hidden="true"
              style={{
                display: 'inline-block',
                width: 14,
                height: 14,
                marginRight: 4,
                verticalAlign: 'middle',
                background: k.colour,
                border: '1px solid #999',
              }}
            />
            {k.to === 0
              ? `0 (${t('map.none')})`
              : k.from === k.to
                ? n(k.from)
                : `${n(k.from)}–${n(k.to)}`}
          </li>
        ))}
      </ul>
      {offMap.length > 0 && (
        <p className="hint">
          {t('map.offMap', {
            list: offMap.map((k) => `${k} (${n(countOf(k))})`).join(', '),
          })}
        </p>
      )}
    </figure>
  );
}
