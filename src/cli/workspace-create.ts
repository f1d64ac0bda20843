import { DomainError } from '../core/domain-error.ts';
import { createMarketWorkspace } from '../services/market-settings.ts';
import { type Command, exitCodes } from './command.ts';
import { writeJson, writeLine } from './output.ts';

/** `texto workspace create NAME`: an advertiser, an agency or (with --provider) a list provider. */
export const workspaceCreate: Command = {
  name: 'workspace create',
  summary: 'Create a workspace (advertiser, agency or list provider)',
  usage:
    'NAME [--provider] [--legal-name TEXT] [--rights-mention TEXT] [--no-strict-partners] [--json]\n\n' +
    '  --legal-name          the legal entity that must be named on list collection forms (LIST-01)\n' +
    '  --rights-mention      the token a first message to list contacts must carry (LIST-03), e.g. a short link\n' +
    '  --no-strict-partners  only warn (not block) on lists whose form does not name you (LIST-01 blocks by default)',
  options: {
    provider: { type: 'boolean' },
    'legal-name': { type: 'string' },
    'rights-mention': { type: 'string' },
    'strict-partners': { type: 'boolean' },
    'no-strict-partners': { type: 'boolean' },
  },
  maxPositionals: 1,
  async run({ values, positionals, io, app, json }) {
    const name = positionals[0];
    if (!name) throw new DomainError('invalid_input', 'missing NAME: texto workspace create NAME');
    const ws = await createMarketWorkspace(
      await app.store(),
      {
        name,
        provider: values.provider === true,
        legalName: values['legal-name'] as string | undefined,
        rightsMention: values['rights-mention'] as string | undefined,
        strictPartners: values['no-strict-partners'] !== true,
      },
      new Date(),
    );
    if (json) writeJson(io, ws);
    else {
      writeLine(
        io,
        `created workspace ${ws.name} (${ws.id})${ws.provider ? ', list provider' : ''}`,
      );
      if (ws.legalName) writeLine(io, `legal name      ${ws.legalName}`);
      if (ws.rightsMention) writeLine(io, `rights mention  ${ws.rightsMention}`);
      writeLine(
        io,
        `LIST-01         ${ws.strictPartners ? 'strict (block)' : 'warn only (chosen)'}`,
      );
    }
    return exitCodes.ok;
  },
};
