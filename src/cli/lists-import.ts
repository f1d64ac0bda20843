import { DomainError } from '../core/domain-error.ts';
import { importList } from '../services/lists.ts';
import { type Command, exitCodes } from './command.ts';
import { writeJson, writeLine } from './output.ts';

/** `texto lists import FILE`: a provider publishes a list on the marketplace. */
export const listsImport: Command = {
  name: 'lists import',
  summary: 'Publish a list of opt-in contacts on the marketplace (providers)',
  usage:
    'FILE --workspace P --name NAME [--rental-cpm EUR] [--purchase-cpm EUR] [--minimum-order EUR]\n' +
    '       [--seeds NUMBERS] [--partners NAMES] [--description TEXT] [--rejects FILE] [--json]\n\n' +
    '  FILE is a contacts CSV whose consent_partner, consent_partner_list_url and\n' +
    '  consent_partner_list_version columns are filled for every number (LIST-01);\n' +
    '  --partners lists the partners named on the collection form (separated by , or ;);\n' +
    '  refused rows go to --rejects (default FILE.rejects.csv) with their line and reason.',
  options: {
    workspace: { type: 'string' },
    name: { type: 'string' },
    description: { type: 'string' },
    'rental-cpm': { type: 'string' },
    'purchase-cpm': { type: 'string' },
    'minimum-order': { type: 'string' },
    seeds: { type: 'string' },
    partners: { type: 'string' },
    rejects: { type: 'string' },
  },
  maxPositionals: 1,
  async run({ values, positionals, io, app, json }) {
    const file = positionals[0];
    if (!file) throw new DomainError('invalid_input', 'missing FILE: texto lists import FILE ...');
    if (typeof values.workspace !== 'string') {
      throw new DomainError('invalid_input', 'missing --workspace (the provider workspace)');
    }
    if (typeof values.name !== 'string') throw new DomainError('invalid_input', 'missing --name');
    const outcome = await importList(await app.store(), {
      file,
      workspace: values.workspace,
      name: values.name,
      description: values.description as string | undefined,
      rentalCpm: values['rental-cpm'] as string | undefined,
      purchaseCpm: values['purchase-cpm'] as string | undefined,
      minimumOrder: values['minimum-order'] as string | undefined,
      seeds: values.seeds as string | undefined,
      partners: values.partners as string | undefined,
      rejectsFile: values.rejects as string | undefined,
      now: new Date(),
    });
    if (json) writeJson(io, outcome);
    else if (outcome.ok) {
      writeLine(
        io,
        `published list ${outcome.list.name} (${outcome.list.id}), version ${outcome.list.version}`,
      );
      writeLine(
        io,
        `contacts    ${outcome.imported} (${outcome.duplicates} duplicate rows merged)`,
      );
      writeLine(io, `rejected    ${outcome.rejected} ${JSON.stringify(outcome.rejectedByReason)}`);
      if (outcome.rejected > 0) writeLine(io, `rejects     ${outcome.rejectsFile}`);
      writeLine(io, `seeds       ${outcome.list.seeds.length}`);
      writeLine(io, `partners    ${outcome.list.partners.join(', ') || '(none named)'}`);
    } else {
      io.stderr.write(`texto: list refused (${outcome.reason}): ${outcome.message}\n`);
      if (outcome.rejectsFile) io.stderr.write(`texto: rejects file ${outcome.rejectsFile}\n`);
    }
    return outcome.ok ? exitCodes.ok : exitCodes.refused;
  },
};
