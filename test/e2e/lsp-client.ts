/** A minimal LSP client for tests: JSON-RPC with Content-Length framing over a child's stdio, no library. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

export interface RpcMessage {
  readonly id?: number;
  readonly method?: string;
  readonly params?: any;
  readonly result?: any;
  readonly error?: unknown;
}

export interface LspClient {
  readonly child: ChildProcessWithoutNullStreams;
  readonly notes: RpcMessage[];
  readonly serverRequests: RpcMessage[];
  request(method: string, params: unknown): Promise<RpcMessage>;
  notify(method: string, params: unknown): void;
  /** The next notification (after `from`, an index into `notes`) that `pred` accepts. */
  waitFor(pred: (message: RpcMessage) => boolean, from?: number): Promise<RpcMessage>;
  readonly exited: Promise<number | null>;
}

export function startClient(command: string, args: readonly string[], cwd: string): LspClient {
  const child = spawn(command, [...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let buffer = Buffer.alloc(0);
  let nextId = 1;
  const pending = new Map<number, (message: RpcMessage) => void>();
  const notes: RpcMessage[] = [];
  const serverRequests: RpcMessage[] = [];
  const waiters: Array<{ pred: (message: RpcMessage) => boolean; from: number; resolve: (message: RpcMessage) => void }> = [];
  const send = (message: object) => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    child.stdin.write(body);
  };
  child.stdout.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const separator = buffer.indexOf('\r\n\r\n');
      if (separator < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, separator).toString('ascii'))?.[1]);
      if (buffer.length < separator + 4 + length) return;
      const message = JSON.parse(buffer.subarray(separator + 4, separator + 4 + length).toString('utf8')) as RpcMessage;
      buffer = buffer.subarray(separator + 4 + length);
      if (message.id !== undefined && !message.method) {
        pending.get(message.id)?.(message);
        pending.delete(message.id);
      } else if (message.id !== undefined) {
        serverRequests.push(message);
        send({ id: message.id, result: null });
      } else {
        notes.push(message);
        for (const waiter of [...waiters]) {
          const index = notes.length - 1;
          if (index >= waiter.from && waiter.pred(message)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(message);
          }
        }
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    notes,
    serverRequests,
    exited,
    request: (method, params) =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        send({ id, method, params });
      }),
    notify: (method, params) => send({ method, params }),
    waitFor: (pred, from = 0) =>
      new Promise((resolve) => {
        const hit = notes.slice(from).find(pred);
        if (hit) resolve(hit);
        else waiters.push({ pred, from, resolve });
      }),
  };
}
