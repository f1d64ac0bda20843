import smpp from 'smpp';

let patched = false;

/**
 * Makes the `smpp` package hand short_message and message_payload over as raw Buffers when it
 * decodes submit_sm and deliver_sm. Left alone it decodes them with its own tables (data_coding
 * 0 read as its ASCII/GSM mix, UDH split off), which loses the exact bytes: Texto decodes MO
 * text itself (decodeShortMessage) and the simulator SMSC records the bytes it received.
 * Encoding is untouched: Texto always passes Buffers, which the package sends as they are.
 * Idempotent; affects every `smpp` session of the process, by design.
 */
export function keepRawSmppBytes(): void {
  if (patched) return;
  patched = true;
  const raw = (param: { filter?: { encode: unknown; decode: unknown } } | undefined) => {
    if (param?.filter) param.filter = { encode: param.filter.encode, decode: (v: unknown) => v };
  };
  const commands = smpp.commands as Record<string, { params?: Record<string, never> }>;
  raw(commands.submit_sm?.params?.short_message);
  raw(commands.deliver_sm?.params?.short_message);
  raw((smpp.tlvs as Record<string, never>).message_payload);
}
