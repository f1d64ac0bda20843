import { z } from 'zod';
import { DomainError } from '../core/domain-error.ts';
import { checkHealth } from '../services/health.ts';
import { defineOperation } from './operation.ts';

export const getHealth = defineOperation({
  summary: 'Liveness and database check (503 when the database does not answer)',
  tag: 'meta',
  auth: 'public',
  response: z.object({ status: z.literal('ok'), database: z.literal('ok'), time: z.string() }),
  async handle({ deps, now }) {
    const health = await checkHealth(deps.store);
    if (health.database !== 'ok') throw new DomainError('unavailable', 'database unavailable');
    return { status: 'ok' as const, database: 'ok' as const, time: now.toISOString() };
  },
});
