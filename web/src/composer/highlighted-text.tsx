import type { NonGsmChar } from '../../../src/core/message/measure-text.ts';

/** The text with each character that forces UCS-2 marked (the counter's explanation). */
export function HighlightedText(props: { text: string; nonGsm: readonly NonGsmChar[] }) {
  const pieces: React.ReactNode[] = [];
  let from = 0;
  for (const c of props.nonGsm) {
    if (c.index > from) pieces.push(props.text.slice(from, c.index));
    pieces.push(
      <mark
        key={c.index}
        className="ucs"
        title={`U+${c.char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`}
      >
        {c.char}
      </mark>,
    );
    from = c.index + c.char.length;
  }
  pieces.push(props.text.slice(from));
  return <p className="highlighted">{pieces}</p>;
}
