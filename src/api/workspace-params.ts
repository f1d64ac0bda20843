import { z } from 'zod';

/** The path parameter of every workspace route: /api/workspaces/:workspaceId/… */
export const workspaceParams = z.object({ workspaceId: z.string().min(1).max(100) });
