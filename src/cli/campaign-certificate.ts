import { DomainError } from '../core/domain-error.ts';
import { writeCampaignCertificate } from '../services/campaign-certificate.ts';
import { readCampaignPolicy, readCampaignRef } from './campaign-ref.ts';
import { type Command, exitCodes } from './command.ts';
import { writeJson, writeLine } from './output.ts';

/** `texto campaign certificate ID --out FILE`: the compliance certificate (HTML, PDF if possible). */
export const campaignCertificate: Command = {
  name: 'campaign certificate',
  summary:
    'Write the compliance certificate (self-contained HTML; PDF beside it when a converter exists)',
  usage: 'ID --out FILE [--workspace W] [--no-pdf] [--json]',
  options: {
    workspace: { type: 'string' },
    out: { type: 'string' },
    'no-pdf': { type: 'boolean' },
  },
  maxPositionals: 1,
  async run(context) {
    const { io, app, json, values } = context;
    if (typeof values.out !== 'string' || values.out === '') {
      throw new DomainError('invalid_input', 'missing --out FILE');
    }
    const outcome = await writeCampaignCertificate(
      await app.store(),
      readCampaignPolicy(app),
      { ...readCampaignRef(context), out: values.out, pdf: values['no-pdf'] !== true },
      { PATH: process.env.PATH },
      new Date(),
    );
    if (json) writeJson(io, outcome);
    else {
      writeLine(
        io,
        `certificate written: ${outcome.htmlFile} (${outcome.ok ? 'compliant' : 'NOT compliant'})`,
      );
      writeLine(io, outcome.pdf ? `PDF: ${outcome.pdf}` : (outcome.pdfSkipped ?? 'PDF skipped'));
      writeLine(io, `recipient digest (SHA-256): ${outcome.digest}`);
    }
    return exitCodes.ok;
  },
};
