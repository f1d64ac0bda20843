import { DomainError } from '../core/domain-error.ts';
import { proveConsent } from '../services/consent.ts';
import { resolveWorkspace } from '../services/workspaces.ts';
import { type Command, exitCodes } from './command.ts';
import { writeJson, writeLine } from './output.ts';

/** `texto consent proof NUMBER`: the consent ledger of a number and whether its chain holds. */
export const consentProof: Command = {
  name: 'consent proof',
  summary: 'Print the consent events of a number and verify their hash chain',
  usage: 'NUMBER [--workspace W] [--json]\n\nExit 1 when the chain does not verify (tampering).',
  options: { workspace: { type: 'string' } },
  maxPositionals: 1,
  async run({ values, positionals, io, app, json }) {
    const number = positionals[0];
    if (!number)
      throw new DomainError('invalid_input', 'missing NUMBER: texto consent proof NUMBER');
    const store = await app.store();
    const workspace = await resolveWorkspace(store, values.workspace as string | undefined);
    const proof = await proveConsent(store, workspace.id, number);
    if (json) writeJson(io, proof);
    else {
      writeLine(
        io,
        `${proof.phone}: ${proof.events.length} events, chain ${proof.chainValid ? 'verifies' : 'BROKEN'}`,
      );
      for (const e of proof.events) {
        writeLine(
          io,
          `  #${e.seq} ${e.kind} ${e.basis ?? ''} ${e.mechanism ?? ''} collected ${e.collectedAt} (${e.origin})`,
        );
      }
      writeLine(io, `state: ${proof.state.status}, valid until ${proof.state.validUntil ?? '-'}`);
    }
    return proof.chainValid ? exitCodes.ok : exitCodes.refused;
  },
};
