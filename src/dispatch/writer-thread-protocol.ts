import type { ClaimRequest } from '../store/message-queue.ts';
import type { WriterBatch } from './outcome-writer.ts';

/** What the dispatcher's thread posts to the writer thread; each request is answered once. */
export type WriterThreadRequest = { readonly seq: number } & (
  | { readonly op: 'flush'; readonly batch: WriterBatch }
  | { readonly op: 'claim'; readonly claim: ClaimRequest }
  | {
      readonly op: 'submitting';
      readonly submitting: { workerId: string; ids: readonly number[]; now: string };
    }
);

export type WriterThreadReply =
  | { readonly seq: number; readonly ok: true; readonly value: unknown }
  | { readonly seq: number; readonly ok: false; readonly error: string };
