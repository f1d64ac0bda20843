/** The part of the untyped `smpp` package (node-smpp 0.5.1) that Texto uses. */
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer } from 'node:net';

  export interface Pdu {
    command: string;
    command_id: number;
    command_status: number;
    sequence_number: number;
    [field: string]: unknown;
    isResponse(): boolean;
    response(options?: Record<string, unknown>): Pdu;
    toBuffer(): Buffer;
  }

  export interface PduConstructor {
    new (command: string, options?: Record<string, unknown>): Pdu;
  }

  export interface Session extends EventEmitter {
    socket: import('node:net').Socket;
    send(pdu: Pdu, onResponse?: (pdu: Pdu) => void, onSent?: (pdu: Pdu) => void): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    pause(): void;
    resume(): void;
    [command: string]: unknown;
  }

  export interface Server extends NetServer {
    sessions: Session[];
  }

  interface Smpp {
    PDU: PduConstructor;
    connect(options: Record<string, unknown>, listener?: () => void): Session;
    createServer(options: Record<string, unknown>, listener?: (session: Session) => void): Server;
    commands: Record<string, { id: number; params?: Record<string, unknown> }>;
    tlvs: Record<string, unknown>;
    errors: Record<string, number>;
  }

  const smpp: Smpp;
  export default smpp;
}
