import { z } from 'zod';
import { DomainError } from '../core/domain-error.ts';
import { checkHealth } from '../services/health.ts';
import { defineOperation } from './operation.ts';

export const getHealth = defineOperation({
  summary:
    'Liveness and database check (503 when the database does not answer); `dispatch` says whether this process is sending',
  tag: 'meta',
  auth: 'public',
  response: z.object({
    status: z.enum(['ok', 'degraded']),
    database: z.literal('ok'),
    dispatch: z
      .enum(['running', 'restarting', 'stopped'])
      .describe(
        '`restarting`: the sending loop stopped on an error and is being restarted (status `degraded`); `stopped`: this process sends nothing (a separate `texto worker` does)',
      ),
    time: z.string(),
  }),
  async handle({ deps, now }) {
    const health = await checkHealth(deps.store);
    if (health.database !== 'ok') throw new DomainError('unavailable', 'database unavailable');
    const dispatch = deps.dispatchState();
    return {
      status: dispatch === 'restarting' ? ('degraded' as const) : ('ok' as const),
      database: 'ok' as const,
      dispatch,
      time: now.toISOString(),
    };
  },
});
